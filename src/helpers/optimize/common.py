"""Constants and small helpers shared by the optimiser's model modules.

>>> const_lin(12_345).const
123.45
"""

from __future__ import annotations

from helpers.optimize.lp import Lin

__all__ = [
    "SCALE",
    "SLACK",
    "BOUND_WEIGHT",
    "CUT_WEIGHT",
    "FEE_SLOPE",
    "const_lin",
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
