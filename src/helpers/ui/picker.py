"""The case picker every app shows: the user's own cases first, then the samples; picking one
opens it in the app and makes it the current case, which the other notebooks then open.

>>> picker = CasePicker("li_na_illness", "en")
>>> picker.control.value.endswith("li_na_illness.yaml"), picker.control.description
(True, 'case')
>>> [label for label, path in picker.control.options if path == picker.control.value]
['sample: 李娜 (illness)']
"""

from __future__ import annotations

import os
from collections.abc import Callable
from functools import cache
from pathlib import Path

import ipywidgets as widgets

from helpers.case import find_case, list_cases, list_samples, load_case, remember_case
from helpers.i18n import label, t
from helpers.paths import SAMPLES_DIR

__all__ = ["case_choices", "sample_label", "CasePicker", "FollowsPicker", "header"]


@cache
def _sample_facts(name: str) -> tuple[str, str | None]:
    """A sample's person and hardship kind (samples are read-only: read once)."""
    case = load_case(SAMPLES_DIR / f"{name}.yaml")
    kind = case.hardship.kind.value if case.hardship else None
    return case.person.name, kind


def sample_label(name: str, lang: str) -> str:
    """A sample as the picker names it: the person and what happened, in the page's language.

    Which sample is Li Na's?

    >>> sample_label("li_na_illness", "zh-CN"), sample_label("li_na_illness", "en")
    ('样例：李娜（疾病）', 'sample: 李娜 (illness)')
    """
    person, kind = _sample_facts(name)
    what = label("case.hardship_kind", kind, lang) if kind else ""
    shown = t("ui.picker.person_kind", lang, person=person, kind=what) if what else person
    return t("ui.start.sample", lang, name=shown)


def case_choices(lang: str) -> list[tuple[str, str]]:
    """The cases to pick from, as (label, path): the user's own (in ``cases/``) first, then the
    samples.

    >>> [name for name, path in case_choices("zh-CN") if "li_na" in path]
    ['样例：李娜（疾病）']
    """
    own = [(t("ui.start.own", lang, name=p.stem), str(p)) for p in list_cases()]
    samples = [
        (sample_label(name, lang), str(SAMPLES_DIR / f"{name}.yaml")) for name in list_samples()
    ]
    return own + samples


class CasePicker:
    """A dropdown of the cases and a button that re-reads ``cases/``, in a language.

    ``on_pick(handler)`` calls ``handler(path)`` when the user picks another case (not while
    the picker fills itself). A case that came from no file shows as "this case (not saved)".

    Parameters
    ----------
    source : path, name or None
        The case shown first: a file, a name in ``cases/`` or a sample's name; None for a case
        that came from no file.
    lang : str
        The language of the labels.

    Examples
    --------
    Picking Wang Fang's sample in a picker opened on Li Na's:

    >>> picker = CasePicker("li_na_illness", "en")
    >>> picked = []
    >>> picker.on_pick(picked.append)
    >>> picker.control.value = str(SAMPLES_DIR / "wang_fang_income_drop.yaml")
    >>> [p.name for p in picked]
    ['wang_fang_income_drop.yaml']
    """

    def __init__(self, source: str | os.PathLike[str] | None, lang: str) -> None:
        self.path = None if source is None else find_case(source)
        self.lang = lang
        self._filling = False
        self._handlers: list[Callable[[Path], None]] = []
        self.control = widgets.Dropdown(
            layout=widgets.Layout(width="auto", min_width="18em", max_width="36em"),
            style={"description_width": "initial"},
        )
        self.refresh = widgets.Button(layout=widgets.Layout(width="auto"))
        self.box = widgets.HBox(
            [self.control, self.refresh], layout=widgets.Layout(flex_flow="row wrap")
        )
        self.control.observe(self._changed, names="value")
        self.refresh.on_click(lambda _button: self.fill())
        self.relabel(lang)

    @property
    def value(self) -> str:
        """The file of the case shown, as the dropdown holds it ("" for an unsaved case).

        >>> CasePicker(None, "en").value, CasePicker("li_na_illness", "en").value[-18:]
        ('', 'li_na_illness.yaml')
        """
        return "" if self.path is None else str(self.path)

    def on_pick(self, handler: Callable[[Path], None]) -> None:
        """Call ``handler(path)`` when the user picks a case.

        >>> picker, picked = CasePicker("li_na_illness", "en"), []
        >>> picker.on_pick(picked.append)
        >>> picker.control.value = str(SAMPLES_DIR / "chen_jian_business_loss.yaml")
        >>> picked[0].stem
        'chen_jian_business_loss'
        """
        self._handlers.append(handler)

    def fill(self) -> None:
        """Re-read the cases (the user's own may have changed) and show the current one.

        A case saved to ``cases/`` after the picker was built appears once the list is
        refreshed:

        >>> import tempfile
        >>> from unittest import mock
        >>> from helpers import paths
        >>> from helpers.case import load_sample, save_case
        >>> folder = Path(tempfile.mkdtemp())
        >>> with mock.patch.object(paths, "CASES_DIR", folder):
        ...     picker = CasePicker("li_na_illness", "en")
        ...     _ = save_case(load_sample(), folder / "mine.yaml")
        ...     picker.fill()
        ...     picker.control.options[0][0]
        'my case: mine'
        """
        choices = case_choices(self.lang)
        if self.value not in [path for _, path in choices]:
            name = self.path.stem if self.path else t("ui.picker.unsaved", self.lang)
            choices.insert(0, (t("ui.start.own", self.lang, name=name), self.value))
        self._filling = True
        try:
            self.control.options = choices
            self.control.value = self.value
        finally:
            self._filling = False

    def relabel(self, lang: str) -> None:
        """Show the picker in ``lang``.

        >>> picker = CasePicker("li_na_illness", "en")
        >>> picker.relabel("zh-CN")
        >>> picker.control.description, picker.control.label
        ('选择案例', '样例：李娜（疾病）')
        """
        self.lang = lang
        self.fill()
        self.control.description = t("ui.start.pick", lang)
        self.refresh.description = t("ui.start.refresh", lang)

    def show(self, path: str | os.PathLike[str]) -> None:
        """Show ``path`` as the case picked, without calling the handlers.

        >>> picker, picked = CasePicker("li_na_illness", "en"), []
        >>> picker.on_pick(picked.append)
        >>> picker.show(SAMPLES_DIR / "zhao_min_family_rural.yaml")
        >>> picker.control.label, picked
        ('sample: 赵敏 (family emergency)', [])
        """
        self.path = Path(path)
        self.fill()

    def _changed(self, change: dict) -> None:
        if self._filling or not change["new"] or change["new"] == self.value:
            return
        for handler in self._handlers:
            handler(Path(change["new"]))
        self.fill()  # the case the app now shows: the one picked, or the old one if it failed


class FollowsPicker:
    """What an app with a case picker does when another case is picked: open it in the app
    (``self._open(case)``, which rebuilds the children of ``self.view``), show it in the
    picker and make it the current case. A case that cannot be read is shown in the app's
    message area and the app keeps the case it had."""

    picker: CasePicker

    def _picked(self, path: Path) -> None:
        with self.guard:  # type: ignore[attr-defined]
            case = load_case(path)
            self._open(case)  # type: ignore[attr-defined]
            self.picker.show(path)
            remember_case(path)


def header(title: widgets.Widget, picker: CasePicker, switch: widgets.Widget) -> widgets.Box:
    """An app's first row: its title, the case picker and the language switch, wrapping onto
    more lines on a narrow page rather than cutting anything off.

    >>> row = header(widgets.HTML("<h3>Budget</h3>"), CasePicker("li_na_illness", "en"),
    ...              widgets.ToggleButtons())
    >>> row.layout.flex_flow, len(row.children)
    ('row wrap', 3)
    """
    return widgets.HBox(
        [title, picker.box, switch],
        layout=widgets.Layout(
            flex_flow="row wrap",
            align_items="center",
            justify_content="space-between",
            width="100%",
        ),
    )
