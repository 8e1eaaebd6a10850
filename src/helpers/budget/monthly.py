"""What the borrower can carry each month: income, costs, reserve, priority debts, capacity.

Month *m* is the *m*-th month from the case's as-of date. Income is the sum of the incomes that
run that month until the hardship's expected recovery month; from then on it is the household's
``income_after_recovery`` (when the case gives one). Secured debts (mortgage, car) are priority
obligations paid before any unsecured lender, at their contract instalment; what is left is the
**capacity**: the most that unsecured lenders can be offered (DOMAIN.md, "Budget categories").

>>> from helpers.case import load_sample
>>> budget = monthly_budget(load_sample(), horizon=6)
>>> [b // 100 for b in budget.capacity_fen]      # yuan: hardship, then recovery from 2025-08
[380, 380, 380, 380, 7080, 7080]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

import pandas as pd

from helpers.case import COST_GROUP, Case, CostCategory, CostGroup, Debt, active_in
from helpers.i18n import join_sentences, t
from helpers.money import div_round_half_up, fen_to_yuan, format_fen
from helpers.months import add_months, month_label, months_between
from helpers.rates import exact_rate, level_schedule

__all__ = [
    "DEFAULT_HORIZON",
    "NEVER",
    "Carry",
    "carry",
    "BudgetOverrides",
    "Budget",
    "monthly_budget",
    "secured_dues_fen",
    "budget_frame",
    "BUDGET_COLUMNS",
]

DEFAULT_HORIZON = 60
NEVER = "never"  # the recovery month when income is not expected to recover
BUDGET_COLUMNS = (
    "month",
    "income",
    "fixed_costs",
    "flexible_costs",
    "priority_costs",
    "reserve",
    "one_off",
    "available",
    "secured_dues",
    "capacity",
)


@dataclass(frozen=True)
class BudgetOverrides:
    """What-if changes to a budget; every field left at its default changes nothing.

    Attributes
    ----------
    income_after_recovery_fen : int or None
        The household's monthly income from the recovery month on.
    recovery_month : str or None
        ``"YYYY-MM"`` when income recovers; ``"never"`` for no recovery within the horizon.
    cost_cuts : mapping of CostCategory to float
        A fraction cut from a category's cost (0.2 = spend 20% less), from month 0.
    one_off_fen : mapping of month label to int
        A one-off sum in a month: positive for money coming in (savings used, a bonus), negative
        for an expense.
    reserve_fen : int or None
        The monthly savings/emergency allowance, instead of the case's.

    >>> BudgetOverrides(cost_cuts={"leisure": 0.5}).cost_cuts
    {'leisure': 0.5}
    """

    income_after_recovery_fen: int | None = None
    recovery_month: str | None = None
    cost_cuts: Mapping[CostCategory | str, float] = field(default_factory=dict)
    one_off_fen: Mapping[str, int] = field(default_factory=dict)
    reserve_fen: int | None = None


@dataclass(frozen=True)
class Budget:
    """Month-by-month budget columns in fen (see :data:`BUDGET_COLUMNS`)."""

    months: tuple[str, ...]
    income_fen: tuple[int, ...]
    fixed_costs_fen: tuple[int, ...]
    flexible_costs_fen: tuple[int, ...]
    priority_costs_fen: tuple[int, ...]
    reserve_fen: tuple[int, ...]
    one_off_fen: tuple[int, ...]
    available_fen: tuple[int, ...]
    secured_dues_fen: tuple[int, ...]
    capacity_fen: tuple[int, ...]

    @property
    def lowest_capacity_fen(self) -> int:
        """The lowest capacity in any month: the payment the borrower can carry throughout.

        >>> from helpers.case import load_sample
        >>> monthly_budget(load_sample(), horizon=12).lowest_capacity_fen
        38000
        """
        return min(self.capacity_fen)


def _recovery(case: Case, overrides: BudgetOverrides) -> tuple[str | None, int | None]:
    hardship = case.hardship
    month = overrides.recovery_month or (hardship.expected_recovery if hardship else None)
    income = overrides.income_after_recovery_fen
    if income is None and hardship is not None:
        income = hardship.income_after_recovery_fen
    return (None if month == NEVER else month), income


def secured_dues_fen(debt: Debt, horizon: int) -> list[int]:
    """The contract instalments of a secured debt over the horizon (zero after its term).

    Annual-quoted debts accrue annual / 12 a month; daily-quoted ones use daily × basis / 12.

    >>> from helpers.case import load_sample
    >>> mortgage = load_sample("chen_jian_business_loss").debt("d1")
    >>> secured_dues_fen(mortgage, 3)
    [303392, 303392, 303392]
    """
    quote, rate = debt.rate_quote
    months = debt.remaining_term_months
    if not months:
        return [0] * horizon
    if quote == "monthly_fee":
        original = debt.original_principal_fen or debt.principal_fen
        fee = div_round_half_up(
            original * exact_rate(rate).numerator, exact_rate(rate).denominator
        )
        per = div_round_half_up(debt.principal_fen, months)
        dues = [per + fee] * (months - 1) + [debt.principal_fen - per * (months - 1) + fee]
    else:
        annual = exact_rate(rate) * (debt.terms.day_basis if quote == "daily" else 1)
        dues = [row[0] for row in level_schedule(debt.principal_fen, annual / 12, months)]
    return (dues + [0] * horizon)[:horizon]


def monthly_budget(
    case: Case, *, horizon: int = DEFAULT_HORIZON, overrides: BudgetOverrides | None = None
) -> Budget:
    """The case's budget for ``horizon`` months from its as-of date.

    Parameters
    ----------
    case : Case
        The borrower's case.
    horizon : int
        Number of months (default 60).
    overrides : BudgetOverrides, optional
        What-if changes (income after recovery, recovery month, cost cuts, one-off sums).

    Examples
    --------
    Zhang Wei's household has 6,300 a month now and 5,720 of costs and a 200 reserve, so 380 is
    left for unsecured lenders; what if income recovers only in October, to 11,000?

    >>> from helpers.case import load_sample
    >>> what_if = BudgetOverrides(recovery_month="2025-10", income_after_recovery_fen=1_100_000)
    >>> budget = monthly_budget(load_sample(), horizon=8, overrides=what_if)
    >>> [c // 100 for c in budget.capacity_fen]
    [380, 380, 380, 380, 380, 380, 5080, 5080]
    """
    overrides = overrides or BudgetOverrides()
    start = month_label(case.as_of)
    months = tuple(add_months(start, m) for m in range(horizon))
    recovery_month, recovered_income = _recovery(case, overrides)
    cuts = {CostCategory(k): v for k, v in overrides.cost_cuts.items()}
    reserve = case.monthly_reserve_fen if overrides.reserve_fen is None else overrides.reserve_fen
    columns: dict[str, list[int]] = {name: [] for name in BUDGET_COLUMNS[1:]}
    secured = [secured_dues_fen(d, horizon) for d in case.debts if d.terms.secured]
    for m, month in enumerate(months):
        recovered = recovery_month is not None and months_between(recovery_month, month) >= 0
        if recovered and recovered_income is not None:
            income = recovered_income
        else:
            income = sum(i.amount_fen for i in case.incomes if active_in(i, month))
        groups = {group: 0 for group in CostGroup}
        for cost in case.costs:
            if active_in(cost, month):
                kept = cost.amount_fen - round(cost.amount_fen * cuts.get(cost.category, 0.0))
                groups[COST_GROUP[cost.category]] += kept
        one_off = overrides.one_off_fen.get(month, 0)
        available = income - sum(groups.values()) - reserve + one_off
        dues = sum(d[m] for d in secured)
        for name, value in zip(
            BUDGET_COLUMNS[1:],
            (
                income,
                groups[CostGroup.FIXED],
                groups[CostGroup.FLEXIBLE],
                groups[CostGroup.PRIORITY],
                reserve,
                one_off,
                available,
                dues,
                available - dues,
            ),
            strict=True,
        ):
            columns[name].append(value)
    return Budget(months, *(tuple(columns[name]) for name in BUDGET_COLUMNS[1:]))


def budget_frame(budget: Budget, lang: str) -> pd.DataFrame:
    """The budget as a table in yuan with translated column names.

    >>> from helpers.case import load_sample
    >>> frame = budget_frame(monthly_budget(load_sample(), horizon=2), "en")
    >>> list(frame.columns[:3]), float(frame.loc[0, "capacity for unsecured lenders"])
    (['month', 'income', 'fixed costs'], 380.0)
    """
    data = {t("budget.col_month", lang): list(budget.months)}
    for name in BUDGET_COLUMNS[1:]:
        values = getattr(budget, f"{name}_fen")
        data[t(f"budget.col_{name}", lang)] = [float(fen_to_yuan(v)) for v in values]
    return pd.DataFrame(data)


# ---- what the borrower can carry ----
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
                    f"ui.budget.carry.{key}{short}",
                    lang,
                    start=start,
                    end=end,
                    amount=format_fen(abs(lowest), lang),
                    month=month,
                    count=self.months,
                )
            )
        if self.recovers and self.after is None:
            parts.append(t("ui.budget.carry.not_within", lang, count=self.months))
        return join_sentences(parts, lang)


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
