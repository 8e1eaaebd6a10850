"""The scalar projection: every debt, month by month, under plans and an allocation policy.

Plain Python integers throughout (fen); one scenario takes well under a millisecond per debt-year.
The output is a long table, one row per debt and month, whose every bucket reconciles:
closing = opening + accrued − waived − paid.

>>> from helpers.case import load_sample
>>> result = project(load_sample(), horizon=12)
>>> result.frame().shape
(60, 28)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from fractions import Fraction
from functools import lru_cache

import pandas as pd

from helpers.allocation import DebtView, Policy, ranking, share
from helpers.budget import DEFAULT_HORIZON, BudgetOverrides, monthly_budget
from helpers.case import Case
from helpers.engine.scalar.state import (
    BUCKETS,
    CLOSED,
    CONTRACT,
    REVOLVING,
    DebtState,
    ranking_rate,
)
from helpers.engine.timeline import days_overdue, due_date, period_days, period_starts
from helpers.errors import WorkbenchError
from helpers.i18n import t
from helpers.money import fen_to_yuan
from helpers.months import add_months, month_label
from helpers.plans import CustomSchedule, Plan, StatusQuo, check_plan
from helpers.rates import clearing_payment_fen, interest_fen

__all__ = [
    "STAGES",
    "ROW_COLUMNS",
    "Flag",
    "Projection",
    "project",
    "payment_check",
    "MAX_HORIZON",
]

MAX_HORIZON = 600
_ZEROS = (0, 0, 0, 0)
_ZERO_ROW = (0,) * 24  # every bucket stage, due, paid, unpaid and days overdue of a cleared debt
STAGES = ("opening", "accrued", "waived", "paid", "closing")
ROW_COLUMNS = (
    ("debt_id", "month_index", "month")
    + tuple(f"{b.value}_{s}" for b in BUCKETS for s in STAGES)
    + ("scheduled_due", "paid", "unpaid", "days_overdue", "mode")
)
_DUE, _PAID, _DAYS = (ROW_COLUMNS.index(c) for c in ("scheduled_due", "paid", "days_overdue"))


@dataclass(frozen=True)
class Flag:
    """A debt the payments never clear, with the monthly payment that would clear it.

    ``reason`` is ``"below_interest"`` (a fixed payment no larger than a month's interest) or
    ``"not_cleared"`` (still owing at the end of the horizon).
    """

    debt_id: str
    reason: str
    payment_fen: int
    clearing_payment_fen: int
    months: int

    def render(self, lang: str) -> str:
        """The flag as a sentence.

        >>> Flag("d1", "not_cleared", 0, 25393, 60).render("en")
        'd1: still owing after 60 months; 253.93 a month would clear it'
        """
        return t(
            f"engine.flag_{self.reason}",
            lang,
            debt=self.debt_id,
            payment=f"{fen_to_yuan(self.payment_fen):,.2f}",
            clearing=f"{fen_to_yuan(self.clearing_payment_fen):,.2f}",
            months=self.months,
        )


@dataclass(frozen=True)
class Projection:
    """The month-by-month result of one scenario.

    ``rows`` holds one tuple per debt and month in :data:`ROW_COLUMNS` order (amounts in fen);
    ``means_fen`` is what the budget leaves for all debts each month and ``dues_fen`` the sum of
    the month's scheduled dues (arrears included); ``new_dues_fen`` the part of them that fell
    due that month (DESIGN.md, "Shortfall": each unpaid due is counted once, in the month it fell
    due); ``called_due`` maps each debt that missed instalments called due
    in full (acceleration) to the month it happened.
    """

    months: tuple[str, ...]
    debt_ids: tuple[str, ...]
    reported: tuple[bool, ...]
    rows: tuple[tuple, ...]
    means_fen: tuple[int, ...]
    dues_fen: tuple[int, ...]
    paid_fen: tuple[int, ...]
    flags: tuple[Flag, ...]
    called_due: Mapping[str, int] = field(default_factory=dict)
    new_dues_fen: tuple[int, ...] = ()
    rate_caps: Mapping[str, tuple[float, float]] = field(default_factory=dict)

    def rate_cap_notes(self, lang: str) -> list[str]:
        """The debts whose plan runs at the legal line instead of a dearer contract rate.

        >>> from helpers.case import load_sample
        >>> from helpers.plans import Reinstalment
        >>> case = load_sample("zhao_min_family_rural")
        >>> result = project(case, {"d3": Reinstalment(24)}, horizon=24)
        >>> print(result.rate_cap_notes("en")[0])  # doctest: +ELLIPSIS
        d3: the plan asks 12.00% a year, the legal line for a private loan, not the contract's ...
        """
        return [
            t("engine.rate_capped", lang, debt=debt_id, line=f"{line:.2%}", contract=f"{rate:.2%}")
            for debt_id, (rate, line) in self.rate_caps.items()
        ]

    def frame(self) -> pd.DataFrame:
        """The rows as a DataFrame (amounts in fen).

        >>> from helpers.case import load_sample
        >>> frame = project(load_sample(), horizon=3).frame()
        >>> frame.loc[0, "debt_id"], frame.loc[0, "month"], int(frame.loc[0, "principal_opening"])
        ('d1', '2025-04', 2800000)
        """
        return pd.DataFrame(list(self.rows), columns=list(ROW_COLUMNS))

    def total_paid_fen(self) -> int:
        """Everything paid over the horizon.

        >>> from helpers.case import load_sample
        >>> project(load_sample(), horizon=3).total_paid_fen()  # 380.00 a month for three months
        114000
        """
        return sum(self.paid_fen)

    def shortfall_months(self) -> list[int]:
        """Months whose scheduled dues exceed what the budget leaves for debts.

        >>> from helpers.case import load_sample
        >>> project(load_sample(), horizon=3).shortfall_months()
        [0, 1, 2]
        """
        return [
            m
            for m, (due, means) in enumerate(zip(self.dues_fen, self.means_fen, strict=True))
            if due > max(0, means)
        ]


def payment_check(case: Case, debt_id: str, payment_fen: int, *, horizon: int) -> Flag | None:
    """Whether a fixed monthly payment can ever clear a debt; at once, without projecting.

    A payment no larger than a month's interest never clears; the flag carries the payment that
    clears the debt within the horizon.

    >>> from helpers.case import load_sample
    >>> flag = payment_check(load_sample(), "d3", 30_000, horizon=60)
    >>> flag.reason, flag.clearing_payment_fen
    ('below_interest', 59673)
    """
    debt = case.debt(debt_id)
    state = DebtState(debt, case.as_of)
    state.open_month(0, 31)
    interest = state.acc_interest + state.acc_penalty
    if state.shape == REVOLVING and state.mode == CONTRACT:  # billed when the month closes
        interest += interest_fen(state.open_base * 31, state.daily)
    if payment_fen > interest:
        return None
    return Flag(
        debt_id,
        "below_interest",
        payment_fen,
        clearing_payment_fen(debt.owed_fen, state.monthly, horizon),
        horizon,
    )


def project(
    case: Case,
    plans: Mapping[str, Plan] | None = None,
    *,
    policy: Policy | str = Policy.PRO_RATA,
    horizon: int = DEFAULT_HORIZON,
    means_fen: Sequence[int] | None = None,
    budget_overrides: BudgetOverrides | None = None,
    prepay: bool = True,
    payments_fen: Sequence[Sequence[int]] | None = None,
) -> Projection:
    """Project every debt of a case for ``horizon`` months under ``plans`` (debt id → plan;
    debts without one run on their contract) and an allocation ``policy``.

    Parameters
    ----------
    case : Case
    plans : mapping of debt id to plan, optional
    policy : Policy
        How each month's money is shared among the unsecured debts (secured ones come first).
    horizon : int
        Months to project, at most 600: nothing loops forever.
    means_fen : sequence of int, optional
        What the borrower can pay towards all debts each month; by default the budget's
        ``available_fen`` (capacity plus the secured debts' instalments).
    budget_overrides : BudgetOverrides, optional
        What-if changes to the budget when ``means_fen`` is not given.
    prepay : bool
        Whether money left after the month's dues prepays debts under an agreement.
    payments_fen : sequence of sequences of int, optional
        An explicit schedule, ``payments_fen[k][m]`` to debt *k* in month *m*, instead of the
        policy's shares (capped at what each debt owes; anything beyond its due prepays it).
        This is how an optimised schedule is replayed.

    Examples
    --------
    Zhang Wei's 招联 loan re-installed over 24 months with interest frozen, the rest as they are:

    >>> from helpers.case import load_sample
    >>> from helpers.plans import Reinstalment
    >>> case = load_sample()
    >>> result = project(case, {"d3": Reinstalment(term_months=24, freeze_interest=True)})
    >>> frame = result.frame()
    >>> int(frame[(frame.debt_id == "d3") & (frame.month_index == 0)].scheduled_due.iloc[0])
    90771
    """
    if not 1 <= horizon <= MAX_HORIZON:
        raise WorkbenchError(key="engine.bad_horizon", horizon=horizon, maximum=MAX_HORIZON)
    plans = dict(plans or {})
    for debt_id, plan in plans.items():
        check_plan(plan, case.debt(debt_id), horizon=horizon)
    if means_fen is None:
        means_fen = monthly_budget(case, horizon=horizon, overrides=budget_overrides).available_fen
    states = [DebtState(debt, case.as_of, plans.get(debt.id)) for debt in case.debts]
    rates = [ranking_rate(debt) for debt in case.debts]
    due_days = [debt.due_day for debt in case.debts]
    starts, days, months = _calendar(case.as_of, horizon)
    flags = [
        f
        for f in (_fixed_payment_flag(case, d.id, plans.get(d.id), horizon) for d in case.debts)
        if f
    ]
    rows: list[tuple] = []
    dues_total, paid_total, new_total = [], [], []
    overdue_days = [days_overdue(s.earliest_unpaid(), starts[0]) for s in states]
    due_ords = [_ordinals_for(starts, day) for day in due_days]
    ends = [d.toordinal() for d in starts[1:]]
    count = len(states)
    for m in range(horizon):
        days_m, end, month = days[m], ends[m], months[m]
        start = end - days_m
        cleared = [s.mode == CLOSED for s in states]  # nothing happens to a cleared debt
        wants = []
        for k, (s, done) in enumerate(zip(states, cleared, strict=True)):
            if done:
                s.due = s.want = 0
                s.opening = _ZEROS
                wants.append(0)
            else:
                wants.append(s.open_month(m, days_m, due_ords[k][m] - start))
        means = means_fen[m]
        views = None
        if payments_fen is not None:
            amounts = [min(payments_fen[k][m], sum(states[k].balances)) for k in range(count)]
        elif sum(wants) <= means:  # enough for every due: no policy needed
            amounts = wants
        else:
            views = _views(states, rates, overdue_days)
            amounts = share(policy, means, wants, views)
        for s, amount in zip(states, amounts, strict=True):
            if amount:
                s.pay(amount)
        leftover = max(0, means) - sum(amounts)
        if prepay and leftover > 0 and payments_fen is None and any(s.prepay for s in states):
            views = views or _views(states, rates, overdue_days)
            for k in ranking(policy, views):
                if states[k].prepay and leftover > 0:
                    leftover -= states[k].prepay_principal(leftover)
        month_paid = month_due = 0
        new_total.append(
            sum(s.due_new for s, done in zip(states, cleared, strict=True) if not done)
        )
        for k in range(count):
            if cleared[k]:
                rows.append((states[k].id, m, month, *_ZERO_ROW, "closed"))
                continue
            row = states[k].close_month(m, month, due_ords[k][m], end)
            rows.append(row)
            overdue_days[k] = row[_DAYS]
            month_due += row[_DUE]
            month_paid += row[_PAID]
        dues_total.append(month_due)
        paid_total.append(month_paid)
    flagged = {f.debt_id for f in flags}
    for k, s in enumerate(states):
        if s.owed > 0 and s.id not in flagged:
            monthly = s.monthly if s.mode == CONTRACT else (s.plan_monthly or s.monthly)
            clearing = _clearing(case.debts[k].owed_fen, monthly, horizon)
            flags.append(Flag(s.id, "not_cleared", 0, clearing, horizon))
    return Projection(
        months,
        tuple(d.id for d in case.debts),
        tuple(s.reported for s in states),
        tuple(rows),
        tuple(means_fen),
        tuple(dues_total),
        tuple(paid_total),
        tuple(flags),
        {s.id: s.called_due for s in states if s.called_due is not None},
        tuple(new_total),
        {
            s.id: (float(s.monthly * 12), float(s.agreement_monthly * 12))
            for s in states
            if s.rate_capped
        },
    )


def _views(states, rates, overdue_days) -> list[DebtView]:
    """What the allocation policy sees of each debt this month (its balance at the opening)."""
    make = DebtView._make
    return [
        make((k, sum(s.opening), rates[k], s.first_claim, overdue_days[k], s.reported))
        for k, s in enumerate(states)
    ]


@lru_cache(maxsize=1024)
def _clearing(owed_fen: int, monthly: Fraction, months: int) -> int:
    """:func:`clearing_payment_fen`, remembered (every projection flags its uncleared debts)."""
    return clearing_payment_fen(owed_fen, monthly, months)


@lru_cache(maxsize=256)
def _calendar(as_of: date, horizon: int) -> tuple[tuple[date, ...], tuple[int, ...], tuple]:
    """The projection's month starts (and the day after), days per month and month labels."""
    starts = tuple(period_starts(as_of, horizon))
    first = month_label(as_of)
    return (
        starts,
        tuple(period_days(list(starts))),
        tuple(add_months(first, m) for m in range(horizon)),
    )


@lru_cache(maxsize=256)
def _ordinals_for(starts: tuple, day: int | None) -> tuple:
    """A debt's due date in each month of a calendar, as ordinals."""
    return tuple(due_date(a, b, day).toordinal() for a, b in zip(starts, starts[1:], strict=False))


def _fixed_payment_flag(case: Case, debt_id: str, plan: Plan | None, horizon: int) -> Flag | None:
    if isinstance(plan, StatusQuo) and plan.mode == "fixed":
        return payment_check(case, debt_id, plan.amount_fen, horizon=horizon)
    if isinstance(plan, CustomSchedule) and plan.annual_rate:
        debt = case.debt(debt_id)
        interest = interest_fen(debt.owed_fen, DebtState(debt, case.as_of).monthly)
        if max(plan.payments_fen) <= interest:
            return payment_check(case, debt_id, max(plan.payments_fen), horizon=horizon)
    return None
