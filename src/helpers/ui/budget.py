"""The budget app of notebook 01: what can I carry each month?

Text fields for each income now (amounts as people write them, "1.2万"), the income after
recovery and a slider for the recovery month; a slider per cost category the case has, and one
for the monthly reserve. Every change recomputes the budget through
:func:`helpers.budget.monthly_budget`, redraws the figure (built once, updated in place), states
the lowest payment the borrower can carry in plain words (:class:`helpers.budget.Carry`) and
asks about costs well above the national spending reference (:mod:`helpers.budget.spending`).

The pure part is tested without widgets: :class:`helpers.budget.BudgetSettings` holds
what the controls say, :func:`helpers.budget.what_if` turns it into the case and the
:class:`~helpers.budget.BudgetOverrides` the budget takes, :func:`helpers.budget.carry` reads the
budget.

>>> from helpers.case import load_sample
>>> app = BudgetApp(load_sample(), lang="en")
>>> app.controls["recovery_month"].value = "2025-10"
>>> app.result.capacity_fen[:7]
(38000, 38000, 38000, 38000, 38000, 38000, 708000)
>>> print(app.carry.render("en"))  # doctest: +ELLIPSIS
During the hardship (2025-04 to 2025-09) the payment you can carry every month is CN¥380.00...
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from typing import Any

import ipywidgets as widgets

from helpers.budget import (
    DEFAULT_HORIZON,
    NEVER,
    Budget,
    BudgetSettings,
    SpendingCheck,
    budget_settings,
    carry,
    monthly_budget,
    spending_note,
    spending_questions,
    what_if,
)
from helpers.case import Case
from helpers.charts import budget_figure, update_budget_figure
from helpers.glossary import explain
from helpers.i18n import aside, label, labelled, normalize_language, t
from helpers.money import fen_to_yuan
from helpers.months import add_months, month_label
from helpers.ui.common import Guard, Hush, MessageArea, language_switch, open_case
from helpers.ui.field_rows import AmountField, FieldRow
from helpers.ui.figures import figure_widget
from helpers.ui.glossary import glossary_widget
from helpers.ui.picker import CasePicker, FollowsPicker, header

__all__ = ["BudgetApp", "budget_app"]

_SLIDER_STEP = 1  # yuan: a slider never rounds a figure of the case (641 stays 641)


class BudgetApp(FollowsPicker):
    """What can I carry each month? Incomes, recovery, costs and reserve, and the budget.

    Parameters
    ----------
    source : Case, path or name
        A case, a case file, or the name of a case in ``cases/`` or of a sample.
    lang : str, optional
        The app's language; the case's own by default (the switch changes it).
    horizon : int
        Months shown (60 by default).

    Attributes
    ----------
    controls : dict
        ``lang``; ``case`` and ``refresh`` (the case picker); ``income.0``, ``income.1`` …
        (text, one per income line);
        ``income_after_recovery`` (text, empty for none); ``recovery_month`` (slider over the
        months, and "never"); ``cost.<category>`` (slider in yuan, one per category the case
        has); ``reserve`` (slider in yuan).
    view : ipywidgets.Widget
        The app to display.
    result : Budget
        The budget the controls give (unchanged while a text field holds a bad amount).
    settings : BudgetSettings
        The settings behind ``result``.
    case, overrides : Case, BudgetOverrides
        What :func:`what_if` made of them: ``monthly_budget(case, overrides=overrides)`` is
        ``result``.
    figure : plotly.graph_objects.FigureWidget
        The figure (traces in :data:`helpers.charts.BUDGET_TRACES` order).
    carry : Carry
        The lowest capacity before and after recovery, which ``sentence`` states.
    sentence, questions : ipywidgets.HTML
        The lowest payment that can be carried, and the questions about costs.
    messages : MessageArea
        Why a change was not applied.
    guard : Guard
        Where the callbacks run (:class:`helpers.ui.common.Guard`).

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> app = BudgetApp(load_sample("chen_jian_business_loss"), lang="en")
    >>> app.controls["cost.food_housekeeping"].value = 2000
    >>> app.result.flexible_costs_fen[0]
    245000
    >>> app.controls["income.0"].value = "5千"
    >>> app.result.income_fen[0]
    500000
    """

    def __init__(
        self,
        source: Case | str | os.PathLike[str],
        *,
        lang: str | None = None,
        horizon: int = DEFAULT_HORIZON,
    ):
        path, case = open_case(source)
        self.lang = normalize_language(lang or case.language)
        self.horizon = horizon
        self.view = widgets.VBox()
        self.picker = CasePicker(path, self.lang)
        self._open(case)
        self.picker.on_pick(self._picked)

    def _open(self, case: Case) -> None:
        """Show ``case``: its budget as the case file says, and controls set to it."""
        self.base = case
        self._hush = Hush()
        self.settings = self._first = budget_settings(self.base)
        self.case, self.overrides = what_if(self.base, self.settings)
        self.result = monthly_budget(self.case, horizon=self.horizon, overrides=self.overrides)
        self._build()
        self._wire()
        self._relabel()

    # ---- building ----
    def _build(self) -> None:
        s, lang = self.settings, self.lang
        self.messages = MessageArea(lang)
        self._errors = widgets.Output()
        self.guard = Guard(self.messages, self._errors, self._hush)
        self._title, self._income_title, self._cost_title = (widgets.HTML() for _ in range(3))
        self.sentence = widgets.HTML(layout=widgets.Layout(margin="0.5em 0"))
        self.questions = widgets.HTML()
        self.glossary = glossary_widget("01_budget", lang)
        self.rows: dict[str, FieldRow] = {}
        for k, amount in enumerate(s.income_fen):
            self.rows[f"income.{k}"] = AmountField(lang=lang, value=_yuan_text(amount))
        after = s.income_after_recovery_fen
        self.rows["income_after_recovery"] = AmountField(
            lang=lang, value="" if after is None else _yuan_text(after)
        )
        months = [add_months(month_label(self.base.as_of), m) for m in range(self.horizon)]
        if s.recovery_month not in (*months, NEVER):
            months.append(s.recovery_month)  # a recovery outside the horizon stays selectable
        self._months = tuple(sorted(months))
        self.rows["recovery_month"] = FieldRow(
            widgets.SelectionSlider(
                options=self._month_options(lang),
                value=s.recovery_month,
                continuous_update=True,
                layout=widgets.Layout(width="22em"),
            )
        )
        for category, level in s.costs_fen.items():
            self.rows[f"cost.{category.value}"] = FieldRow(_yuan_slider(level))
        self.rows["reserve"] = FieldRow(_yuan_slider(s.reserve_fen, least_top=2000))
        for row in self.rows.values():
            row.label.layout.width = "22em"  # an income's label names its kind, note and months
        self.controls: dict[str, widgets.Widget] = {
            "lang": language_switch(lang),
            "case": self.picker.control,
            "refresh": self.picker.refresh,
        }
        self.controls.update({name: row.control for name, row in self.rows.items()})
        self.figure = figure_widget(
            budget_figure(self.result, lang, recovery_month=_month_or_none(s.recovery_month))
        )
        income = [row.box for name, row in self.rows.items() if name.startswith(("inc", "rec"))]
        costs = [row.box for name, row in self.rows.items() if name.startswith(("cost.", "res"))]
        self.tabs = widgets.Tab(
            [
                widgets.VBox([self._income_title, *income]),
                widgets.VBox([self._cost_title, *costs]),
            ]
        )
        self.view.children = [
            header(self._title, self.picker, self.controls["lang"]),
            self.sentence,
            self.messages.widget,
            self._errors,
            self.figure,
            self.tabs,
            self.questions,
            self.glossary,
        ]

    def _month_options(self, lang: str) -> list[tuple[str, str]]:
        return [(m, m) for m in self._months] + [(t("ui.budget.never", lang), NEVER)]

    def _wire(self) -> None:
        self.controls["lang"].observe(self.guard(self._on_language), "value")
        for name in self.rows:
            self.controls[name].observe(self.guard(self._on_change), "value")

    # ---- callbacks: read the controls, call one helper, write the results ----
    def _on_change(self, _change: Any) -> None:
        settings = self._read()
        if settings is not None:
            self.apply(settings)

    def _on_language(self, change: Any) -> None:
        self.lang = change.new
        self._relabel()

    # ---- actions ----
    def apply(self, settings: BudgetSettings) -> Budget:
        """Recompute the budget for ``settings`` and show it (also what the controls call).

        >>> from dataclasses import replace
        >>> from helpers.case import load_sample
        >>> app = BudgetApp(load_sample(), lang="en")
        >>> budget = app.apply(replace(app.settings, reserve_fen=0))
        >>> budget.capacity_fen[0], app.result is budget
        (58000, True)
        """
        self.settings = settings
        self.case, self.overrides = what_if(self.base, settings)
        self.result = monthly_budget(self.case, horizon=self.horizon, overrides=self.overrides)
        self.messages.clear()
        self._draw()
        return self.result

    def _read(self) -> BudgetSettings | None:
        """The settings the controls give; None (with a message) while a text is not an amount."""
        bad = [name for name, row in self.rows.items() if row.check(self.lang)]
        if bad:
            self.messages.show(self._problems(bad), "error")
            return None
        c, first = self.controls, self._first
        incomes = tuple(self.rows[f"income.{k}"].fen or 0 for k in range(len(self.base.incomes)))
        return BudgetSettings(
            income_fen=incomes,
            income_after_recovery_fen=self.rows["income_after_recovery"].fen,
            recovery_month=c["recovery_month"].value,
            costs_fen={
                category: _slider_fen(c[f"cost.{category.value}"].value, level)
                for category, level in first.costs_fen.items()
            },
            reserve_fen=_slider_fen(c["reserve"].value, first.reserve_fen),
        )

    def _problems(self, names: list[str]) -> Callable[[str], list[str]]:
        """The message for amounts that are not amounts, in any language."""

        def render(lang: str) -> list[str]:
            lines = [
                labelled(self._row_label(name, lang), problem, lang)
                for name in names
                for problem in self.rows[name].check(lang)
            ]
            return [t("ui.budget.not_applied", lang), *lines] if lines else []

        return render

    # ---- showing ----
    def _draw(self) -> None:
        lang, recovery = self.lang, _month_or_none(self.settings.recovery_month)
        update_budget_figure(self.figure, self.result, lang, recovery_month=recovery)
        self.carry = carry(self.result, recovery)
        self.sentence.value = explain(f"<b>{html.escape(self.carry.render(lang))}</b>", "01", lang)
        questions = spending_questions(self.case, self.settings.costs_fen)
        self.questions.value = explain(_questions_html(questions, lang), "01", lang)

    def _row_label(self, name: str, lang: str) -> str:
        if name.startswith("income."):
            income = self.base.incomes[int(name.split(".")[1])]
            text = label("case.income_kind", income.kind, lang)
            span = _span(income.from_month, income.to_month, lang)
            note = aside(income.note, lang) if income.note else ""
            return " ".join(p for p in (text + note, span) if p)
        if name.startswith("cost."):
            return label("case.cost_category", name.split(".", 1)[1], lang)
        return t(f"ui.budget.field.{name}", lang)

    def _relabel(self) -> None:
        lang = self.lang
        self._title.value = f"<h3>{html.escape(t('ui.budget.title', lang))}</h3>"
        self._income_title.value = f"<b>{html.escape(t('ui.budget.income_title', lang))}</b>"
        self._cost_title.value = f"<b>{html.escape(t('ui.budget.cost_title', lang))}</b>"
        self.tabs.titles = (t("ui.budget.tab.income", lang), t("ui.budget.tab.costs", lang))
        for name, row in self.rows.items():
            row.relabel(self._row_label(name, lang), lang)
        with self._hush:
            slider = self.controls["recovery_month"]
            value = slider.value
            slider.options = self._month_options(lang)
            slider.value = value
        self.messages.set_language(lang)
        self.picker.relabel(lang)
        self.glossary.relabel(lang)
        self._draw()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)


def _yuan_text(fen: int) -> str:
    return f"{fen_to_yuan(fen):.2f}"


def _yuan_slider(fen: int, *, least_top: int = 1000) -> widgets.IntSlider:
    yuan = fen // 100
    top = max(least_top, 3 * yuan)
    top = -(-top // _SLIDER_STEP) * _SLIDER_STEP
    return widgets.IntSlider(
        value=yuan,
        min=0,
        max=top,
        step=_SLIDER_STEP,
        continuous_update=True,
        layout=widgets.Layout(width="22em"),
    )


def _slider_fen(yuan: int, start_fen: int) -> int:
    """A yuan slider's value in fen; the exact starting amount while the slider is where it
    started (a slider holds whole yuan, an amount may have fen)."""
    return start_fen if yuan == start_fen // 100 else yuan * 100


def _month_or_none(month: str) -> str | None:
    return None if month == NEVER else month


def _span(start: str | None, end: str | None, lang: str) -> str:
    if not (start or end):
        return ""
    return t("ui.budget.span", lang, start=start or "…", end=end or "…")


def _questions_html(questions: tuple[SpendingCheck, ...], lang: str) -> str:
    head = html.escape(t("ui.budget.questions_title", lang))
    if questions:
        items = "".join(f"<li>{html.escape(q.render(lang))}</li>" for q in questions)
        body = f"<ul style='margin:0.3em 0'>{items}</ul>"
    else:
        body = f"<p>{html.escape(t('ui.budget.no_questions', lang))}</p>"
    note = f"<p style='color:#666666;font-size:90%'>{html.escape(spending_note(lang))}</p>"
    return f"<div><b>{head}</b>{body}{note}</div>"


def budget_app(
    source: Case | str | os.PathLike[str],
    lang: str | None = None,
    *,
    horizon: int = DEFAULT_HORIZON,
) -> BudgetApp:
    """The budget app for a case, a case file, or the name of a case or a sample
    (see :class:`BudgetApp`).

    >>> from helpers.case import load_sample
    >>> app = budget_app(load_sample(), lang="en")
    >>> app.controls["reserve"].value = 0
    >>> app.result.lowest_capacity_fen
    58000
    """
    return BudgetApp(source, lang=lang, horizon=horizon)
