"""Constants and small helpers shared by the optimiser's model modules.

>>> const_lin(12_345).const
123.45
"""

from __future__ import annotations

from datetime import date

from helpers.engine import due_date, period_starts
from helpers.optimize.lp import Lin

__all__ = [
    "SCALE",
    "SLACK",
    "BOUND_WEIGHT",
    "CUT_WEIGHT",
    "FEE_SLOPE",
    "const_lin",
    "days_before_due",
]

SCALE = 100  # fen per LP unit (the programme works in yuan)
SLACK = 0.05  # yuan of rounding room in the bounds on a shortened instalment
# What the programme pays per yuan to step over a bound on a shortened instalment, or to fall
# short of a settlement it counts on (never worth it: it happens only where an estimate would
# otherwise make the programme infeasible).
BOUND_WEIGHT = 100.0
CUT_WEIGHT = 1e-4  # per yuan of a shortened instalment, per instalment still to follow it
FEE_SLOPE = 0.05  # the fixed late fee's stand-in never grows faster than 5% of what is unpaid


def const_lin(fen: int | float) -> Lin:
    """An amount in fen as a constant expression in the programme's unit (yuan).

    >>> const_lin(100).const
    1.0
    """
    return Lin(const=fen / SCALE)


def days_before_due(as_of: date, due_day: int | None, months: int) -> list[int]:
    """Per month, the days from its first day to the debt's due date in it, as the engine
    counts them (``helpers.engine.due_date``): what accrues by the day before the due day and
    what from it on are told apart there.

    >>> days_before_due(date(2025, 4, 1), 20, 2), days_before_due(date(2025, 4, 1), None, 2)
    ([19, 19], [0, 0])
    """
    starts = period_starts(as_of, months)
    return [(due_date(a, b, due_day) - a).days for a, b in zip(starts, starts[1:], strict=False)]
