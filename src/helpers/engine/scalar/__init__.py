"""One scenario, month by month in plain integers (the reference path).

What does Zhang Wei pay in his first six months if every debt runs on its contract?

>>> from helpers.case import load_sample
>>> result = project(load_sample(), horizon=6)
>>> len(result.rows), result.total_paid_fen()
(30, 1568000)
"""

from helpers.engine.scalar.project import (
    MAX_HORIZON,
    ROW_COLUMNS,
    STAGES,
    Flag,
    Projection,
    payment_check,
    project,
)
from helpers.engine.scalar.state import DebtState

__all__ = [
    "DebtState",
    "Flag",
    "MAX_HORIZON",
    "Projection",
    "ROW_COLUMNS",
    "STAGES",
    "payment_check",
    "project",
]
