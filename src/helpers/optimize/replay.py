"""From the programme's answer to a schedule the engine replays: whole fen within each month's
means, repaired where rounding would leave a due a few fen short; and the engine-side facts the
optimiser checks (which debts a schedule makes fall due in full, which no schedule can save).

With an explicit schedule the engine runs each debt on its own payments, so a debt's path can be
stepped alone with :class:`~helpers.engine.DebtState`, in the order ``project`` uses.

>>> to_fen([[100.4, 99.9], [0.7, 0.2]], [201, 100])
[[100, 100], [1, 0]]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence

from helpers.case import Case
from helpers.engine import (
    ROW_COLUMNS,
    DebtState,
    Mode,
    Projection,
    due_date,
    period_days,
    period_starts,
)
from helpers.plans import Plan

__all__ = [
    "to_fen",
    "paid_matrix",
    "accelerations",
    "forced_accelerations",
    "step_alone",
    "repair",
    "UNPAID_TOLERANCE_FEN",
]

# A due the programme meant to pay in full but that the replay leaves short by at most this much
# is rounding (the model's exact rates against the engine's postings rounded to the fen).
UNPAID_TOLERANCE_FEN = 2_000
_PAID = ROW_COLUMNS.index("paid")
_UNPAID = ROW_COLUMNS.index("unpaid")


def to_fen(payments: Sequence[Sequence[float]], means_fen: Sequence[int]) -> list[list[int]]:
    """Whole fen from the programme's payments (debt × month): each rounded down, then the
    month's rounding remainder (what the exact payments add up to, at most the means) handed
    out one fen at a time, largest fraction first, ties to the earlier debt.

    >>> to_fen([[0.5, 3.0], [0.5, 0.0]], [1, 2])
    [[1, 2], [0, 0]]
    """
    debts = len(payments)
    months = len(payments[0]) if debts else 0
    result = [[0] * months for _ in range(debts)]
    for m in range(months):
        exact = [max(0.0, payments[k][m]) for k in range(debts)]
        floors = [math.floor(v + 1e-6) for v in exact]
        cap = max(0, means_fen[m])
        while sum(floors) > cap:  # the solver's tolerance: never pay more than the means
            k = max(range(debts), key=lambda i: (floors[i], -i))
            floors[k] -= 1
        target = min(cap, round(sum(exact)))
        order = sorted(range(debts), key=lambda k: (-(exact[k] - floors[k]), k))
        for k in order[: max(0, target - sum(floors))]:
            floors[k] += 1
        for k in range(debts):
            result[k][m] = floors[k]
    return result


def paid_matrix(result: Projection) -> list[list[int]]:
    """What a projection paid each debt each month (debt × month), as a schedule to replay.

    >>> from helpers.case import load_sample
    >>> from helpers.engine import project
    >>> paid_matrix(project(load_sample(), horizon=2))[0]
    [14067, 14128]
    """
    debts = len(result.debt_ids)
    months = len(result.months)
    return [[result.rows[m * debts + k][_PAID] for m in range(months)] for k in range(debts)]


def step_alone(
    case: Case,
    plans: Mapping[str, Plan],
    horizon: int,
    amount: Callable[[int, int, DebtState], int],
    *,
    through: bool = False,
) -> dict[str, int]:
    """Step every debt alone through ``horizon`` months, paying ``amount(k, m, state)`` (capped
    at what it owes; ``state`` as it stands when the month's payments are made); the first
    month whose settlement called each debt due in full. A debt stops there unless
    ``through`` (then it runs until it is cleared).

    >>> from helpers.case import load_sample
    >>> step_alone(load_sample("li_na_illness"), {}, 6, lambda k, m, state: 0)
    {'d2': 1, 'd3': 2}
    """
    starts = period_starts(case.as_of, horizon)
    days = period_days(starts)
    found: dict[str, int] = {}
    for k, debt in enumerate(case.debts):
        state = DebtState(debt, case.as_of, plans.get(debt.id))
        for m in range(horizon):
            if state.mode == Mode.CLOSED:
                break
            due = due_date(starts[m], starts[m + 1], debt.due_day)
            state.open_month(m, days[m], (due - starts[m]).days)
            state.pay(min(amount(k, m, state), state.owed))
            state.close_month(m, "", due.toordinal(), starts[m + 1].toordinal())
            if state.called_due is not None:
                found[debt.id] = state.called_due
                if not through:
                    break
    return found


def accelerations(
    case: Case, plans: Mapping[str, Plan], payments_fen: Sequence[Sequence[int]], horizon: int
) -> dict[str, int]:
    """The debts a schedule makes fall due in full (acceleration after missed instalments),
    each with the month it happens.

    >>> from helpers.case import load_sample
    >>> case = load_sample("li_na_illness")
    >>> accelerations(case, {}, [[0] * 6 for _ in case.debts], 6)
    {'d2': 1, 'd3': 2}
    """
    return step_alone(case, plans, horizon, lambda k, m, state: payments_fen[k][m])


def forced_accelerations(
    case: Case, plans: Mapping[str, Plan], means_fen: Sequence[int], horizon: int
) -> dict[str, int]:
    """The accelerations no schedule avoids: each debt alone, paid its whole due whenever the
    month's means allow, still falls due in full in the month given.

    >>> from helpers.case import load_sample
    >>> forced_accelerations(load_sample("li_na_illness"), {}, [0] * 6, 6)
    {'d2': 1, 'd3': 2}
    """
    return step_alone(
        case, plans, horizon, lambda k, m, state: min(state.due, max(0, means_fen[m]))
    )


def repair(
    case: Case,
    plans: Mapping[str, Plan],
    payments_fen: list[list[int]],
    meant_unpaid: Sequence[Sequence[float | None]],
    means_fen: Sequence[int],
    replay: Callable[[list[list[int]]], Projection],
) -> tuple[list[list[int]], Projection]:
    """Top up dues the replay leaves a few fen short, month by month in order: one fen unpaid is
    a missed instalment to the engine, with its fixed late fee, its days overdue and its count
    towards acceleration, and the model's rounding or its linear stand-in for the fixed fee
    can leave one. Dues the programme meant to pay in full come first. The fen come from the
    month's spare money, then from what other debts are paid beyond their dues, then from debts
    left well short anyway or that have no due. Returns the schedule and its replay.

    Zhang Wei's 借呗 asks 1,304.21 in April (the instalment's principal part and the interest
    of the days before its due day); a schedule 3 fen short of it would be a missed instalment:

    >>> from helpers.case import load_sample
    >>> from helpers.engine import project
    >>> case = load_sample()
    >>> one = case.model_copy(update={"debts": (case.debt("d4"),)})
    >>> run = lambda p: project(one, horizon=1, means_fen=[200_000], payments_fen=p)
    >>> repair(one, {}, [[130_418]], [[0.0]], [200_000], run)[0]
    [[130421]]
    """
    debts = len(payments_fen)
    months = len(payments_fen[0]) if debts else 0
    result = replay(payments_fen)
    m = 0
    while m < months:
        rows = result.rows[m * debts : (m + 1) * debts]
        meant = [meant_unpaid[k][m] is not None and meant_unpaid[k][m] < 0.5 for k in range(debts)]
        short = [k for k in range(debts) if 0 < rows[k][_UNPAID] <= UNPAID_TOLERANCE_FEN]
        short.sort(key=lambda k: (not meant[k], rows[k][_UNPAID], k))
        spare = max(0, means_fen[m]) - sum(payments_fen[k][m] for k in range(debts))
        changed = False
        for k in short:
            need = rows[k][_UNPAID]
            take = min(need, spare)
            spare -= take
            need -= take
            payments_fen[k][m] += take
            changed = changed or take > 0
            for j, room in _donors(rows, short, payments_fen, m, k):
                moved = min(need, room)
                payments_fen[j][m] -= moved
                payments_fen[k][m] += moved
                need -= moved
                changed = changed or moved > 0
                if need == 0:
                    break
        if changed:
            result = replay(payments_fen)
        m += 1
    return payments_fen, result


def _donors(rows, short, payments_fen, m: int, k: int):
    """Who can give up a few fen in month ``m`` for debt ``k``, and how many: prepayments
    first, then debts left well short anyway (or with no due), largest first."""
    ahead = [(j, min(_beyond_due(rows[j]), payments_fen[j][m])) for j in range(len(rows))]
    behind = [
        (j, payments_fen[j][m])
        for j in range(len(rows))
        if j not in short
        and _beyond_due(rows[j]) == 0
        and rows[j][_UNPAID] > 0
        or rows[j][ROW_COLUMNS.index("scheduled_due")] == 0
    ]
    for group in (ahead, behind):
        for j, room in sorted(group, key=lambda item: (-item[1], item[0])):
            if j != k and room > 0:
                yield j, room


def _beyond_due(row: tuple) -> int:
    """What a row paid beyond its scheduled due (a prepayment that can spare a few fen)."""
    return max(0, row[_PAID] - row[ROW_COLUMNS.index("scheduled_due")])
