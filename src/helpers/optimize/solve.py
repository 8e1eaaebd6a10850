"""The whole case as one linear programme: every debt's model (:mod:`helpers.optimize.model`),
each month's means, secured debts first; solved once with HiGHS.

>>> from helpers.case import load_sample
>>> from helpers.budget import monthly_budget
>>> case = load_sample("li_na_illness")
>>> means = monthly_budget(case, horizon=24).available_fen
>>> result = solve_programme(case, {}, means, horizon=24)
>>> result.ok, len(result.payments_fen), len(result.payments_fen[0])
(True, 4, 24)
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from helpers.budget import secured_dues_fen
from helpers.case import Case
from helpers.engine import BUCKETS, ROW_COLUMNS, DebtState, Projection, period_days, period_starts
from helpers.optimize.common import days_before_due
from helpers.optimize.lp import Lin, Program
from helpers.optimize.model import SCALE, DebtModel
from helpers.optimize.replay import paid_matrix, step_alone
from helpers.plans import Plan

__all__ = [
    "ProgrammeResult",
    "solve_programme",
    "capped_months",
    "light_months",
    "reference_dues",
    "ACCELERATION_WEIGHT",
]

# What the programme charges, per yuan and month, for arrears beyond the rule that keeps a loan
# from being called due (a soft constraint: the engine's acceleration is not linear). High: the
# optimiser may not call a debt due that the best allocation policy keeps (optimize).
ACCELERATION_WEIGHT = 50.0
ORDER_PREMIUM = 1.0  # see DebtModel._order
# Secured debts (mortgage, car) are paid first by every allocation policy: the programme charges
# this much per yuan of a secured due left unpaid, far above anything paying another debt saves.
SECURED_WEIGHT = 10.0
PIN_ROOM = 0.2  # yuan: a pinned payment may fall short by rounding drift (the model owes less)


@dataclass(frozen=True)
class ProgrammeResult:
    """The programme's answer, in fen (floats, as solved).

    ``payments_fen[k][m]`` is what the programme pays debt *k* in month *m*; ``unpaid_fen[k][m]``
    the unpaid part of that month's due in the model (None for a month with no due);
    ``cost_fen`` the model's total cost (everything paid plus everything owed at the horizon);
    ``seconds`` the HiGHS solve time and ``build_seconds`` the time to build the rows.
    """

    ok: bool
    message: str
    payments_fen: tuple[tuple[float, ...], ...]
    unpaid_fen: tuple[tuple[float | None, ...], ...]
    cost_fen: float | None
    seconds: float
    build_seconds: float
    columns: int


def solve_programme(
    case: Case,
    plans: Mapping[str, Plan],
    means_fen: Sequence[int],
    *,
    horizon: int,
    acceleration_weight: float | None = ACCELERATION_WEIGHT,
    order_premium: float = ORDER_PREMIUM,
    reference: Projection | None = None,
    forced: Mapping[str, int] | None = None,
    fixed_fen: Sequence[Sequence[int]] | None = None,
) -> ProgrammeResult:
    """Build and solve the programme that minimises total cost within each month's means.

    ``reference`` is a projection to linearise around (the best allocation policy's): the
    months in which a card's minimum is capped at its balance (:func:`capped_months`), those in
    which a debt is paid less than the penalty and charges it owes (:func:`light_months`), and
    each month's due, for the fixed late fee. ``forced`` the month from which each debt is taken
    to be called due in full. ``fixed_fen`` pins the payments to a given schedule (debt ×
    month): the programme then only works out what the model says that schedule costs, which
    is how the model is checked against the engine.

    >>> from helpers.case import load_sample
    >>> case = load_sample("zhang_wei_unemployed")
    >>> result = solve_programme(case, {}, [0] * 3, horizon=3)
    >>> result.ok, max(max(row) for row in result.payments_fen) < 1e-6   # nothing to pay with
    (True, True)
    """
    started = time.perf_counter()
    days = period_days(period_starts(case.as_of, horizon))
    secured = _secured_nominal(case, horizon)

    committed = [0.0] * horizon  # settlements already counted on in each month

    def affordable(month: int, amount_fen: float) -> bool:
        if month >= horizon or amount_fen + secured[month] + committed[month] > means_fen[month]:
            return False
        committed[month] += amount_fen
        return True

    capped = capped_months(reference) if reference is not None else {}
    light = light_months(case, reference, plans) if reference is not None else {}
    dues = reference_dues(reference) if reference is not None else {}
    lp = Program()
    models = [
        DebtModel(
            lp,
            debt,
            case.as_of,
            plans.get(debt.id),
            days,
            acceleration_weight=acceleration_weight,
            order_premium=order_premium,
            affordable=affordable,
            capped=capped.get(debt.id, frozenset()),
            light=light.get(debt.id, {}),
            dues=dues.get(debt.id, {}),
            forced=(forced or {}).get(debt.id),
            befores=days_before_due(case.as_of, debt.due_day, horizon),
        )
        for debt in case.debts
    ]
    payments: list[list[Lin]] = [[] for _ in models]
    unpaid: list[list[Lin | None]] = [[] for _ in models]
    total = Lin()
    for m in range(horizon):
        month = []
        for k, model in enumerate(models):
            payment = model.month(m)
            if fixed_fen is not None:  # to the fen, less what rounding may leave unowed
                lp.le(payment, fixed_fen[k][m] / SCALE)
                lp.ge(payment, fixed_fen[k][m] / SCALE - PIN_ROOM)
            month.append(payment)
            payments[k].append(payment)
            unpaid[k].append(model.unpaid)
            if model.secured and model.unpaid is not None:  # secured debts come first
                lp.minimise(model.unpaid * SECURED_WEIGHT)
        spend = Lin()
        for payment in month:
            spend = spend + payment
        lp.le(spend, max(0, means_fen[m]) / SCALE)
        total = total + spend
    for model in models:
        total = total + model.owed()
    lp.minimise(total)
    for model in models:
        for extra in model.penalties:
            lp.minimise(extra)
    build_seconds = time.perf_counter() - started
    solution = lp.solve()
    if not solution.ok:
        return ProgrammeResult(
            False, solution.message, (), (), None, solution.seconds, build_seconds, lp.columns
        )
    paid = tuple(tuple(solution.value(p) * SCALE for p in row) for row in payments)  # floats
    left = tuple(
        tuple(None if u is None else solution.value(u) * SCALE for u in row) for row in unpaid
    )
    cost = (solution.value(total)) * SCALE
    return ProgrammeResult(True, "", paid, left, cost, solution.seconds, build_seconds, lp.columns)


def capped_months(result: Projection) -> dict[str, frozenset[int]]:
    """Per debt, the months in which a projection's scheduled due is everything owed at the
    start of the month (a card's minimum capped at its balance).

    >>> from helpers.case import load_sample
    >>> from helpers.engine import project
    >>> unpaid = project(load_sample("li_na_illness"), horizon=24, means_fen=[0] * 24)
    >>> months = capped_months(unpaid)
    >>> min(months["d1"]) > 0, 23 in months["d1"]
    (True, True)
    """
    debts = len(result.debt_ids)
    cols = [ROW_COLUMNS.index(f"{b.value}_{stage}") for b in BUCKETS for stage in ("opening",)]
    waived = [ROW_COLUMNS.index(f"{b.value}_waived") for b in BUCKETS]
    due = ROW_COLUMNS.index("scheduled_due")
    found: dict[str, set[int]] = {debt_id: set() for debt_id in result.debt_ids}
    for index, row in enumerate(result.rows):
        opening = sum(row[c] for c in cols) - sum(row[c] for c in waived)
        if row[due] > 0 and row[due] >= opening:
            found[result.debt_ids[index % debts]].add(index // debts)
    return {debt_id: frozenset(months) for debt_id, months in found.items()}


def light_months(
    case: Case, result: Projection, plans: Mapping[str, Plan] | None = None
) -> dict[str, dict[int, float]]:
    """Per debt, the months with a due in which a projection (of ``case`` under ``plans``)
    pays nothing, or less than the penalty interest and charges (and interest that bears none)
    owed when the payment is made, with that amount in yuan: there the engine's payment leaves
    the interest-bearing arrears as they were. What accrues after the payment (from the due day
    on) does not count: each debt is stepped alone on what the projection paid it, to see its
    balances then.

    >>> from helpers.case import load_sample
    >>> from helpers.engine import project
    >>> case = load_sample("li_na_illness")
    >>> months = light_months(case, project(case, horizon=3, means_fen=[0] * 3))
    >>> months["d3"]           # nothing paid: the penalty owed on each due day, in yuan
    {0: 0.0, 1: 30.91, 2: 95.92}
    """
    paid = paid_matrix(result)
    found: dict[str, dict[int, float]] = {debt_id: {} for debt_id in result.debt_ids}

    def amount(k: int, m: int, state: DebtState) -> int:
        _, interest, penalty, charges = state.balances
        first = penalty + charges + (0 if state.compound else interest)
        if state.due > 0 and (paid[k][m] < first or paid[k][m] == 0):
            found[state.id][m] = first / SCALE
        return paid[k][m]

    step_alone(case, plans or {}, len(result.months), amount, through=True)
    return found


def reference_dues(result: Projection) -> dict[str, dict[int, float]]:
    """Per debt, each month's scheduled due in a projection, in yuan.

    >>> from helpers.case import load_sample
    >>> from helpers.engine import project
    >>> reference_dues(project(load_sample(), horizon=1))["d4"]
    {0: 1304.21}
    """
    debts = len(result.debt_ids)
    due = ROW_COLUMNS.index("scheduled_due")
    found: dict[str, dict[int, float]] = {debt_id: {} for debt_id in result.debt_ids}
    for index, row in enumerate(result.rows):
        found[result.debt_ids[index % debts]][index // debts] = row[due] / SCALE
    return found


def _secured_nominal(case: Case, horizon: int) -> list[int]:
    """What the secured debts' contracts ask each month (their arrears in the first month)."""
    totals = [0] * horizon
    for debt in case.debts:
        if not debt.terms.secured:
            continue
        for m, due in enumerate(secured_dues_fen(debt, horizon)):
            totals[m] += due
        totals[0] += DebtState(debt, case.as_of).arrears_total
    return totals
