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

import ipywidgets as widgets

from helpers.budget import carry, monthly_budget
from helpers.case import Case, case_source, debts_frame, load_case, remember_case, summary_rows
from helpers.charts import frame_table, html_table
from helpers.debts import waiting_summary
from helpers.glossary import explain
from helpers.i18n import t
from helpers.scenarios import chosen_sentence
from helpers.ui.common import Guard, Hush, MessageArea, language_switch, table_box
from helpers.ui.editor.app import CaseEditor
from helpers.ui.glossary import glossary_widget
from helpers.ui.picker import CasePicker, case_choices

__all__ = ["StartApp", "start_app", "case_choices", "capacity_sentence"]

WAITING_MONTHS = 3


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
    picker : CasePicker
        The case picker (:mod:`helpers.ui.picker`), as every app has it.
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
        self.overview, self.waiting, self.chosen = table_box(), widgets.HTML(), widgets.HTML()
        self.editor_box = widgets.VBox()
        self.picker = CasePicker(self.path, self.lang)
        self.glossary = glossary_widget("00_start_here", self.lang)
        self.controls = {
            "lang": language_switch(self.lang),
            "case": self.picker.control,
            "refresh": self.picker.refresh,
        }
        self.controls["lang"].observe(self.guard(self._on_lang), names="value")
        self.picker.on_pick(self.guard(self._on_case))
        self.view = widgets.VBox(
            [
                widgets.HBox(
                    [self.picker.box, self.controls["lang"]],
                    layout=widgets.Layout(
                        flex_flow="row wrap", justify_content="space-between", width="100%"
                    ),
                ),
                self.messages.widget,
                self.output,
                self.overview,
                self.waiting,
                self.chosen,
                self.editor_box,
                self.glossary,
            ]
        )
        with self.guard:
            self._open(self.path)

    def _open(self, path) -> None:
        self.path, self.result = path, load_case(path)
        self.picker.show(path)
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
        self.chosen.value = f"<p>{html.escape(chosen_sentence(case, lang))}</p>"

    def _relabel(self) -> None:
        self.messages.set_language(self.lang)
        self.picker.relabel(self.lang)
        self.editor.controls["lang"].value = self.lang
        self._draw()
        self.editor_box.children[0].value = f"<h3>{t('ui.start.edit', self.lang)}</h3>"
        self.glossary.relabel(self.lang)

    # ---- callbacks: read the controls, call one helper, write the results ----
    def _on_case(self, path) -> None:
        self._open(path)
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
