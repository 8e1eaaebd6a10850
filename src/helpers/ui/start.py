"""The start app (notebook 00): pick a sample or one of your cases, switch the language, see the
overview — the debts, what you can carry each month, what three more months of waiting would
cost — and edit the case.

>>> app = StartApp("li_na_illness", lang="en")
>>> app.result.person.name, "would add" in app.waiting.value
('李娜', True)
"""

from __future__ import annotations

import html
import os
from functools import cache

import ipywidgets as widgets

from helpers.budget import carry, monthly_budget
from helpers.case import (
    Case,
    case_source,
    debts_frame,
    list_cases,
    list_samples,
    load_case,
    load_sample,
    remember_case,
    summary_rows,
)
from helpers.charts import frame_table, html_table
from helpers.debts import waiting_summary
from helpers.glossary import explain, glossary_widget
from helpers.i18n import label, t
from helpers.paths import SAMPLES_DIR
from helpers.ui.common import Guard, Hush, MessageArea, language_switch
from helpers.ui.editor.app import CaseEditor

__all__ = ["StartApp", "start_app", "case_choices", "capacity_sentence", "STEPS"]

STEPS = ("01_budget", "02_debts", "03_scenarios")
WAITING_MONTHS = 3


def case_choices(lang: str) -> list[tuple[str, str]]:
    """The cases to pick from: the user's own (in ``cases/``, by file name) first, then the
    samples, each by its person and hardship in the reader's language.

    >>> [name for name, path in case_choices("zh-CN") if "li_na" in path]
    ['样例：李娜（疾病）']
    >>> [name for name, path in case_choices("en") if "li_na" in path]
    ['sample: 李娜 (illness)']
    """
    own = [(t("ui.start.own", lang, name=p.stem), str(p)) for p in list_cases()]
    samples = [
        (
            t("ui.start.sample", lang, name=_sample_label(name, lang)),
            str(SAMPLES_DIR / f"{name}.yaml"),
        )
        for name in list_samples()
    ]
    return own + samples


@cache
def _sample_label(name: str, lang: str) -> str:
    """A sample as people tell it apart: its person, and the hardship (samples never change)."""
    case = load_sample(name)
    who = case.person.name or name
    if case.hardship is None:
        return who
    hardship = label("case.hardship_kind", case.hardship.kind, lang)
    return t("ui.start.sample_person", lang, name=who, hardship=hardship)


def capacity_sentence(case: Case, lang: str) -> str:
    """What the borrower can offer unsecured lenders every month, during the hardship and after
    recovery, in plain words (:func:`helpers.budget.carry`, the budget step's own reading).

    >>> from helpers.case import load_sample
    >>> text = capacity_sentence(load_sample(), "en")
    >>> text.split(",")[0]
    'During the hardship (2025-04 to 2025-07) the payment you can carry every month is CN¥380.00'
    >>> "After recovery (from 2025-08)" in text and "CN¥7,080.00" in text
    True
    """
    recovery = case.hardship.expected_recovery if case.hardship else None
    return carry(monthly_budget(case), recovery).render(lang)


class StartApp:
    """The door of the workbench: the case, its overview, and its editor.

    Attributes
    ----------
    controls : dict
        ``lang`` (the switch), ``case`` (the picker), ``refresh`` (re-reads ``cases/``).
    result : Case
        The case picked.
    editor : CaseEditor
        The editor of that case (its own controls are ``editor.controls``).
    messages, guard : MessageArea, Guard
        What the app says, and where its callbacks run (:class:`helpers.ui.common.Guard`).
    """

    def __init__(self, source: str | os.PathLike[str] | None = None, *, lang: str | None = None):
        self.hush = Hush()
        self.path = case_source(source or "")  # empty: the current case (the last one picked)
        self.result = load_case(self.path)
        self.lang = lang or self.result.language
        self.messages = MessageArea(self.lang)
        self.output = widgets.Output()
        self.guard = Guard(self.messages, self.output, self.hush)
        self.overview, self.waiting, self.links = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.editor_box = widgets.VBox()
        self.glossary = glossary_widget("00_start_here", self.lang)
        self.controls = {
            "lang": language_switch(self.lang),
            "case": widgets.Dropdown(layout=widgets.Layout(width="40em")),
            "refresh": widgets.Button(icon="refresh", layout=widgets.Layout(width="auto")),
        }
        self._fill_choices()
        self.controls["lang"].observe(self.guard(self._on_lang), names="value")
        self.controls["case"].observe(self.guard(self._on_case), names="value")
        self.controls["refresh"].on_click(self.guard(lambda _button: self._fill_choices()))
        self.view = widgets.VBox(
            [
                self.controls["lang"],
                widgets.HBox([self.controls["case"], self.controls["refresh"]]),
                self.messages.widget,
                self.output,
                self.overview,
                self.waiting,
                self.links,
                self.editor_box,
                self.glossary,
            ]
        )
        with self.guard:
            self._open(self.path)

    def _fill_choices(self) -> None:
        with self.hush:
            choices = case_choices(self.lang)
            values = [v for _, v in choices]
            if str(self.path) not in values:
                choices.insert(0, (str(self.path), str(self.path)))
            self.controls["case"].options = choices
            self.controls["case"].value = str(self.path)
        self.controls["case"].description = t("ui.start.pick", self.lang)
        self.controls["refresh"].description = t("ui.start.refresh", self.lang)

    def _open(self, path) -> None:
        self.path, self.result = path, load_case(path)
        self.editor = CaseEditor(path, lang=self.lang)
        self.editor_box.children = [
            widgets.HTML(f"<h3>{t('ui.start.edit', self.lang)}</h3>"),
            self.editor.view,
        ]
        self.messages.clear()
        self._draw()

    def _draw(self) -> None:
        lang, case = self.lang, self.result
        facts = html_table([], summary_rows(case, lang), wrap=[False, True], row_headers=True)
        debts = frame_table(debts_frame(case, lang))
        capacity = html.escape(capacity_sentence(case, lang))
        self.overview.value = explain(f"{facts}<p>{capacity}</p>{debts}", "00", lang)
        summary = waiting_summary(case, months=WAITING_MONTHS).render(lang)
        self.waiting.value = explain(f"<p><b>{html.escape(summary)}</b></p>", "00", lang)
        links = " → ".join(
            f'<a href="{name}.ipynb" target="_blank">'
            f"{html.escape(t(f'ui.start.step_{name}', lang))}</a>"
            for name in STEPS
        )
        self.links.value = f"<p>{html.escape(t('ui.start.next', lang))} {links}</p>"

    def _relabel(self) -> None:
        self.messages.set_language(self.lang)
        self._fill_choices()
        self.editor.controls["lang"].value = self.lang
        self._draw()
        self.editor_box.children[0].value = f"<h3>{t('ui.start.edit', self.lang)}</h3>"
        self.glossary.relabel(self.lang)

    # ---- callbacks: read the controls, call one helper, write the results ----
    def _on_case(self, change: dict) -> None:
        self._open(change["new"])
        remember_case(self.path)  # the notebooks that follow open it

    def _on_lang(self, change: dict) -> None:
        self.lang = change["new"]
        self._relabel()

    def _repr_mimebundle_(self, **kwargs):
        return self.view._repr_mimebundle_(**kwargs)


def start_app(source: str | os.PathLike[str] | None = None, lang: str | None = None) -> StartApp:
    """Build the start app on a case file, a name in ``cases/``, or a sample's name.

    >>> start_app("wang_fang_income_drop").lang
    'en'
    """
    return StartApp(source, lang=lang)
