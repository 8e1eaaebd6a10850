"""The budget app of notebook 01: what can I carry each month?

Text fields for each income now (amounts as people write them, "1.2万"), the income after
recovery and a slider for the recovery month; a slider per cost category the case has, and one
for the monthly reserve. Every change recomputes the budget through
:func:`helpers.budget.monthly_budget`, redraws the figure (built once, updated in place), states
the lowest payment the borrower can carry in plain words (:class:`Carry`) and asks about costs
well above the national spending reference (:mod:`helpers.spending`).

The pure part is tested without widgets: :class:`BudgetSettings` holds what the controls say,
:func:`what_if` turns it into the case and the :class:`~helpers.budget.BudgetOverrides` the
budget takes, :func:`carry` reads the budget.

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
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.budget import DEFAULT_HORIZON, Budget, BudgetOverrides, monthly_budget
from helpers.case import Case, CostCategory
from helpers.charts.budget import budget_figure, update_budget_figure
from helpers.errors import WorkbenchError
from helpers.i18n import label, normalize_language, t
from helpers.money import fen_to_yuan, format_fen
from helpers.months import add_months, month_label, months_between
from helpers.spending import SpendingCheck, spending_note, spending_questions
from helpers.summary import active_in
from helpers.ui.common import AmountField, FieldRow, Hush, MessageArea, language_switch, open_case

__all__ = [
    "NEVER",
    "BudgetSettings",
    "budget_settings",
    "category_levels_fen",
    "what_if",
    "Carry",
    "carry",
    "BudgetApp",
    "budget_app",
]

NEVER = "never"
_SLIDER_STEP = 10  # yuan


def category_levels_fen(case: Case, horizon: int = DEFAULT_HORIZON) -> dict[CostCategory, int]:
    """Each cost category's monthly total in the first month it has a cost (the level its
    slider starts from), in the case's order of categories.

    >>> from helpers.case import load_sample
    >>> levels = category_levels_fen(load_sample("chen_jian_business_loss"))
    >>> levels[CostCategory.FOOD_HOUSEKEEPING], levels[CostCategory.TAXES_FINES]
    (260000, 30000)
    """
    first = month_label(case.as_of)
    levels: dict[CostCategory, int] = {}
    for category in dict.fromkeys(cost.category for cost in case.costs):
        lines = [c for c in case.costs if c.category == category]
        level = 0
        for m in range(horizon):
            level = sum(c.amount_fen for c in lines if active_in(c, add_months(first, m)))
            if level:
                break
        levels[category] = level or sum(c.amount_fen for c in lines)
    return levels


@dataclass(frozen=True)
class BudgetSettings:
    """What the budget app's controls say (amounts in fen).

    Attributes
    ----------
    income_fen : tuple of int
        Each income line's monthly amount, in the case's order (its months unchanged).
    income_after_recovery_fen : int or None
        The household's income from the recovery month on; None keeps the incomes as they are.
    recovery_month : str
        ``"YYYY-MM"``, or :data:`NEVER` for no recovery.
    costs_fen : mapping of CostCategory to int
        Each category's monthly level; every cost line of a category is scaled by
        level / the case's level (:func:`category_levels_fen`).
    reserve_fen : int
        The monthly savings/emergency allowance.
    """

    income_fen: tuple[int, ...]
    income_after_recovery_fen: int | None
    recovery_month: str
    costs_fen: Mapping[CostCategory, int] = field(default_factory=dict)
    reserve_fen: int = 0


def budget_settings(case: Case) -> BudgetSettings:
    """The settings that reproduce the case's own budget.

    >>> from helpers.case import load_sample
    >>> settings = budget_settings(load_sample())
    >>> settings.income_fen, settings.recovery_month, settings.reserve_fen
    ((450000, 180000), '2025-08', 20000)
    """
    hardship = case.hardship
    return BudgetSettings(
        income_fen=tuple(i.amount_fen for i in case.incomes),
        income_after_recovery_fen=hardship.income_after_recovery_fen if hardship else None,
        recovery_month=(hardship.expected_recovery if hardship else None) or NEVER,
        costs_fen=category_levels_fen(case),
        reserve_fen=case.monthly_reserve_fen,
    )


def what_if(case: Case, settings: BudgetSettings) -> tuple[Case, BudgetOverrides]:
    """The case with the settings' incomes, and the overrides for the rest.

    Incomes now change the case (the budget has no override for them), and so does an income
    after recovery set to None (the override would fall back on the case's); the recovery, the
    cost levels (as cuts: 1 − level / the case's level) and the reserve are
    :class:`~helpers.budget.BudgetOverrides`, which scenarios also take.

    Examples
    --------
    Zhang Wei's wife earns 5,000 rather than 4,500 and the food budget is cut to 1,500:

    >>> from dataclasses import replace
    >>> from helpers.budget import monthly_budget
    >>> from helpers.case import load_sample
    >>> case = load_sample()
    >>> base = budget_settings(case)
    >>> settings = replace(base, income_fen=(500_000, 180_000),
    ...                    costs_fen={**base.costs_fen, CostCategory.FOOD_HOUSEKEEPING: 150_000})
    >>> changed, overrides = what_if(case, settings)
    >>> round(overrides.cost_cuts["food_housekeeping"], 4)
    0.1667
    >>> monthly_budget(changed, horizon=1, overrides=overrides).capacity_fen
    (118000,)
    """
    incomes = tuple(
        income.model_copy(update={"amount_fen": amount})
        for income, amount in zip(case.incomes, settings.income_fen, strict=True)
    )
    levels = category_levels_fen(case)
    cuts = {
        category: 1 - settings.costs_fen[category] / level
        for category, level in levels.items()
        if level and settings.costs_fen.get(category, level) != level
    }
    overrides = BudgetOverrides(
        income_after_recovery_fen=settings.income_after_recovery_fen,
        recovery_month=settings.recovery_month,
        cost_cuts=cuts,
        reserve_fen=settings.reserve_fen,
    )
    update: dict[str, Any] = {} if incomes == case.incomes else {"incomes": incomes}
    hardship = case.hardship
    if (
        settings.income_after_recovery_fen is None
        and hardship
        and hardship.income_after_recovery_fen
    ):
        # no income after recovery: the incomes run on (the override alone would fall back on
        # the case's figure)
        update["hardship"] = hardship.model_copy(update={"income_after_recovery_fen": None})
    return (case.model_copy(update=update) if update else case), overrides


@dataclass(frozen=True)
class Carry:
    """The lowest capacity before and after the recovery month: the payment the borrower can
    carry every month in each period (amounts in fen; months as ``"YYYY-MM"``).

    ``hardship`` and ``after`` are ``(first month, last month, lowest capacity, its month)``,
    None when the period is not within the horizon; ``recovers`` is False when income is not
    expected to recover (then the whole horizon is one period, in ``hardship``).
    """

    hardship: tuple[str, str, int, str] | None
    after: tuple[str, str, int, str] | None
    recovers: bool
    months: int

    @property
    def lowest_fen(self) -> int:
        """The lowest capacity over the whole horizon.

        >>> Carry(("2025-04", "2025-07", -500, "2025-04"), None, True, 4).lowest_fen
        -500
        """
        return min(p[2] for p in (self.hardship, self.after) if p is not None)

    def render(self, lang: str) -> str:
        """The periods in plain words: what can be carried, or by how much costs exceed income.

        >>> from helpers.case import load_sample
        >>> print(carry(monthly_budget(load_sample(), horizon=12), "2025-08").render("zh-CN"))
        困难期间（2025-04 至 2025-07），您每个月都拿得出的还款是 ¥380.00（所有无抵押债权人合计；\
最紧的月份是 2025-04）。收入恢复后（2025-08 起），您每个月都拿得出的还款是 ¥7,080.00\
（最紧的月份是 2025-08）。
        """
        parts = []
        for key, period in (("hardship", self.hardship), ("after", self.after)):
            if period is None:
                continue
            start, end, lowest, month = period
            if key == "hardship" and not self.recovers:
                key = "whole"
            short = "_short" if lowest < 0 else ""
            parts.append(
                t(
                    f"budget_ui.carry.{key}{short}",
                    lang,
                    start=start,
                    end=end,
                    amount=format_fen(abs(lowest), lang),
                    month=month,
                    count=self.months,
                )
            )
        if self.recovers and self.after is None:
            parts.append(t("budget_ui.carry.not_within", lang, count=self.months))
        return ("" if lang == "zh-CN" else " ").join(parts)


def _period(budget: Budget, start: int, stop: int) -> tuple[str, str, int, str] | None:
    if start >= stop:
        return None
    values = budget.capacity_fen[start:stop]
    lowest = min(values)
    month = budget.months[start + values.index(lowest)]
    return budget.months[start], budget.months[stop - 1], lowest, month


def carry(budget: Budget, recovery_month: str | None) -> Carry:
    """Split a budget at the recovery month and find the lowest capacity on each side.

    Parameters
    ----------
    budget : Budget
    recovery_month : str or None
        ``"YYYY-MM"``; None or :data:`NEVER` when income is not expected to recover.

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> budget = monthly_budget(load_sample(), horizon=12)
    >>> result = carry(budget, "2025-08")
    >>> result.hardship, result.after
    (('2025-04', '2025-07', 38000, '2025-04'), ('2025-08', '2026-03', 708000, '2025-08'))
    >>> print(carry(budget, NEVER).render("en"))  # doctest: +ELLIPSIS
    Over the next 12 months the payment you can carry every month is CN¥380.00, ...
    """
    count = len(budget.months)
    if recovery_month in (None, NEVER):
        return Carry(_period(budget, 0, count), None, False, count)
    split = min(max(months_between(budget.months[0], recovery_month), 0), count)
    if split == 0:
        return Carry(_period(budget, 0, count), None, False, count)
    return Carry(_period(budget, 0, split), _period(budget, split, count), True, count)


class BudgetApp:
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
        ``lang``; ``income.0``, ``income.1`` … (text, one per income line);
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
        The figure (traces in :data:`helpers.charts.budget.BUDGET_TRACES` order).
    carry : Carry
        The lowest capacity before and after recovery, which ``sentence`` states.
    sentence, questions : ipywidgets.HTML
        The lowest payment that can be carried, and the questions about costs.
    messages : MessageArea
        Why a change was not applied.

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
        self.base = open_case(source)[1]
        self.lang = normalize_language(lang or self.base.language)
        self.horizon = horizon
        self._hush = Hush()
        self.settings = self._first = budget_settings(self.base)
        self.case, self.overrides = what_if(self.base, self.settings)
        self.result = monthly_budget(self.case, horizon=horizon, overrides=self.overrides)
        self._build()
        self._wire()
        self._relabel()

    # ---- building ----
    def _build(self) -> None:
        s, lang = self.settings, self.lang
        self.messages = MessageArea(lang)
        self._errors = widgets.Output()
        self._title, self._income_title, self._cost_title = (widgets.HTML() for _ in range(3))
        self.sentence = widgets.HTML(layout=widgets.Layout(margin="0.5em 0"))
        self.questions = widgets.HTML()
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
        self.controls: dict[str, widgets.Widget] = {"lang": language_switch(lang)}
        self.controls.update({name: row.control for name, row in self.rows.items()})
        self.figure = go.FigureWidget(
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
        self.view = widgets.VBox(
            [
                widgets.HBox(
                    [self._title, self.controls["lang"]],
                    layout={"align_items": "center", "justify_content": "space-between"},
                ),
                self.sentence,
                self.messages.widget,
                self._errors,
                self.figure,
                self.tabs,
                self.questions,
            ]
        )

    def _month_options(self, lang: str) -> list[tuple[str, str]]:
        return [(m, m) for m in self._months] + [(t("budget_ui.never", lang), NEVER)]

    def _wire(self) -> None:
        self.controls["lang"].observe(self._guard(self._on_language), "value")
        for name in self.rows:
            self.controls[name].observe(self._guard(self._on_change), "value")

    def _guard(self, handler: Callable[[Any], None]) -> Callable[[Any], None]:
        """The handler, silent while the app sets its own controls; an error it raises is shown
        in the app: a workbench error in the message area, anything else in an output area."""

        def guarded(change: Any) -> None:
            if self._hush:
                return
            with self._errors:
                try:
                    handler(change)
                except WorkbenchError as exc:
                    self.messages.show(lambda lang, error=exc: [error.render(lang)], "error")

        return guarded

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
            sep = "：" if lang == "zh-CN" else ": "
            lines = [
                f"{self._row_label(name, lang)}{sep}{problem}"
                for name in names
                for problem in self.rows[name].check(lang)
            ]
            return [t("budget_ui.not_applied", lang), *lines] if lines else []

        return render

    # ---- showing ----
    def _draw(self) -> None:
        lang, recovery = self.lang, _month_or_none(self.settings.recovery_month)
        update_budget_figure(self.figure, self.result, lang, recovery_month=recovery)
        self.carry = carry(self.result, recovery)
        self.sentence.value = f"<b>{html.escape(self.carry.render(lang))}</b>"
        questions = spending_questions(self.case, self.settings.costs_fen)
        self.questions.value = _questions_html(questions, lang)

    def _row_label(self, name: str, lang: str) -> str:
        if name.startswith("income."):
            income = self.base.incomes[int(name.split(".")[1])]
            text = label("income_kind", income.kind, lang)
            span = _span(income.from_month, income.to_month, lang)
            note = (
                (f"（{income.note}）" if lang == "zh-CN" else f"({income.note})")
                if income.note
                else ""
            )
            return " ".join(p for p in (text + note, span) if p)
        if name.startswith("cost."):
            return label("cost_category", name.split(".", 1)[1], lang)
        return t(f"budget_ui.field.{name}", lang)

    def _relabel(self) -> None:
        lang = self.lang
        self._title.value = f"<h3>{html.escape(t('budget_ui.title', lang))}</h3>"
        self._income_title.value = f"<b>{html.escape(t('budget_ui.income_title', lang))}</b>"
        self._cost_title.value = f"<b>{html.escape(t('budget_ui.cost_title', lang))}</b>"
        self.tabs.titles = (t("budget_ui.tab.income", lang), t("budget_ui.tab.costs", lang))
        for name, row in self.rows.items():
            row.relabel(self._row_label(name, lang), lang)
            row.label.tooltip = row.label.value  # a long label is cut off on screen
        with self._hush:
            slider = self.controls["recovery_month"]
            value = slider.value
            slider.options = self._month_options(lang)
            slider.value = value
        self.messages.set_language(lang)
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
    return t("budget_ui.span", lang, start=start or "…", end=end or "…")


def _questions_html(questions: tuple[SpendingCheck, ...], lang: str) -> str:
    head = html.escape(t("budget_ui.questions_title", lang))
    if questions:
        items = "".join(f"<li>{html.escape(q.render(lang))}</li>" for q in questions)
        body = f"<ul style='margin:0.3em 0'>{items}</ul>"
    else:
        body = f"<p>{html.escape(t('budget_ui.no_questions', lang))}</p>"
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
