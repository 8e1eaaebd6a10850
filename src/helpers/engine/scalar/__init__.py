"""One scenario, month by month in plain integers (the reference path)."""

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
