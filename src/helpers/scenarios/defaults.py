"""The scenarios every case is compared on, built from the case and its budget.

>>> from helpers.case import load_sample
>>> [s.name for s in default_scenarios(load_sample("li_na_illness"))][-3:]
['step_up', 'settlement', 'affordable_offer']
"""

from __future__ import annotations

from collections.abc import Sequence

from helpers.budget import DEFAULT_HORIZON, Budget, monthly_budget
from helpers.case import Case
from helpers.engine import project
from helpers.months import months_between
from helpers.plans import Plan, Reinstalment, Settlement, StepUp, Waiver
from helpers.scenarios.affordable import affordable_offer
from helpers.scenarios.scenario import Scenario

__all__ = [
    "default_scenarios",
    "settlement_rest",
    "unsecured_ids",
    "SETTLEMENT_DISCOUNT",
    "REINSTALMENT_TERMS",
    "STEP_UP_TERM",
]

SETTLEMENT_DISCOUNT = 0.3  # a common discount for a lump-sum settlement of a debt in default
REINSTALMENT_TERMS = (12, 24, 36, 60)
STEP_UP_TERM = 36


def unsecured_ids(case: Case) -> list[str]:
    """The debts an agreement can cover: every one but the secured (mortgage, car).

    >>> from helpers.case import load_sample
    >>> unsecured_ids(load_sample("chen_jian_business_loss"))
    ['d3', 'd4', 'd5', 'd6', 'd7']
    """
    return [d.id for d in case.debts if not d.terms.secured]


def default_scenarios(
    case: Case,
    *,
    horizon: int = DEFAULT_HORIZON,
    budget: Budget | None = None,
    paid_to_others: Sequence[int] | None = None,
) -> list[Scenario]:
    """The scenarios every case is compared on: the status quo; the balance over 6 months with
    penalty and charges waived; re-instalments over 12, 24, 36 and 60 months; a step-up after
    recovery; when some debt is in default, settlements of the debts in default; and the
    affordable offer (:func:`affordable_offer`). Agreements cover the unsecured debts; secured
    ones run on. ``budget``: the case's budget over ``horizon`` months, when already worked out;
    ``paid_to_others``: what :func:`settlement_rest` pays month by month, when already projected.

    >>> from helpers.case import load_sample
    >>> [s.name for s in default_scenarios(load_sample())]  # doctest: +NORMALIZE_WHITESPACE
    ['status_quo', 'six_months', 'reinstal_12', 'reinstal_24', 'reinstal_36', 'reinstal_60',
     'step_up', 'settlement', 'affordable_offer']
    """
    ids = unsecured_ids(case)
    budget = budget or monthly_budget(case, horizon=horizon)
    waiver = Waiver(penalty=True, charges=True)
    out = [Scenario("status_quo")]
    for name, term in (("six_months", 6), *((f"reinstal_{n}", n) for n in REINSTALMENT_TERMS)):
        plan = Reinstalment(term, waiver=waiver)  # frozen: one plan for every debt
        out.append(Scenario(name, dict.fromkeys(ids, plan)))
    out.append(_step_up(case, ids, budget, horizon, waiver))
    if any(case.debt(i).days_overdue > 0 for i in ids):
        out.append(_settlement(case, ids, budget, horizon, paid_to_others))
    out.append(affordable_offer(case, horizon=horizon, budget=budget))
    return out


def _step_up(case: Case, ids: list[str], budget: Budget, horizon: int, waiver: Waiver) -> Scenario:
    recovery = case.hardship.expected_recovery if case.hardship else None
    start = budget.months[0]
    low_months = months_between(start, recovery) if recovery else 12
    low_months = max(1, min(low_months, horizon - 1))
    hardship_capacity = max(0, min(budget.capacity_fen[:low_months]))
    owed = {i: case.debt(i).owed_fen for i in ids}
    total = sum(owed.values()) or 1
    plans = {
        i: StepUp(hardship_capacity * owed[i] // total, low_months, STEP_UP_TERM, waiver=waiver)
        for i in ids
    }
    return Scenario("step_up", plans)


def settlement_rest(case: Case) -> Case | None:
    """The case without its unsecured debts in default, whose payments under the budget (the
    other debts running on their contracts, pro rata) the settlement scenario sets money aside
    after; None when no settlement is proposed or no other debt is left.

    >>> from helpers.case import load_sample
    >>> [d.id for d in settlement_rest(load_sample("zhang_wei_unemployed")).debts]  # d1, d3 late
    ['d2', 'd4', 'd5']
    """
    ids = unsecured_ids(case)
    defaulted = {i for i in ids if case.debt(i).days_overdue > 0}
    others = [d for d in case.debts if d.id not in defaulted]
    if not defaulted or not others:
        return None
    return case.model_copy(update={"debts": tuple(others)})


def _settlement(
    case: Case, ids: list[str], budget: Budget, horizon: int, paid_to_others=None
) -> Scenario:
    """Settle the unsecured debts in default (past due at the as-of date) one by one, smallest
    first, each at a discount, as soon as the savings plus the money set aside month by month
    can pay its lump sum; the other debts run on their contracts meanwhile.

    The money set aside in a month is what the budget leaves after the other debts' dues, found
    by projecting the case without the defaulted debts (the lump sums are first claims).
    """
    defaulted = [i for i in ids if case.debt(i).days_overdue > 0]
    if not defaulted:
        return Scenario("settlement")
    if paid_to_others is None:
        rest = settlement_rest(case)
        paid_to_others = [0] * horizon
        if rest is not None:
            paid_to_others = project(
                rest, horizon=horizon, means_fen=budget.available_fen
            ).paid_fen
    paid_to_others = list(paid_to_others)
    spare = [max(0, a - p) for a, p in zip(budget.available_fen, paid_to_others, strict=True)]
    release = [0] * horizon
    plans: dict[str, Plan] = {}
    saved, month = case.savings_fen, 0
    for debt_id in sorted(defaulted, key=lambda i: (case.debt(i).owed_fen, i)):
        owed = case.debt(debt_id).owed_fen
        lump = owed - round(owed * SETTLEMENT_DISCOUNT)
        while month < horizon and saved + spare[month] < lump:
            saved += spare[month]
            month += 1
        if month == horizon:
            break
        saved += spare[month] - lump
        release[month] += lump
        spare[month] = 0
        plans[debt_id] = Settlement(month, discount=SETTLEMENT_DISCOUNT)
    last = max((p.month for p in plans.values()), default=-1)
    means = [
        paid_to_others[m] + release[m] + (spare[m] if m > last else 0) for m in range(horizon)
    ]
    return Scenario("settlement", plans, means_fen=tuple(means))
