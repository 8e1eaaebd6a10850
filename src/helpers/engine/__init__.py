"""The month-by-month engine: each debt's interest, penalty, charges, dues and payments under
plans and an allocation policy, to the fen.

>>> from helpers.case import load_sample
>>> from helpers.engine import project
>>> len(project(load_sample(), horizon=6).rows)
30
"""

from helpers.engine.metrics import METRIC_NAMES, Metrics, monthly_totals, scenario_metrics
from helpers.engine.project import (
    MAX_HORIZON,
    ROW_COLUMNS,
    STAGES,
    Flag,
    Projection,
    payment_check,
    project,
)
from helpers.engine.state import BUCKETS
from helpers.engine.vector import BatchMetrics, ScenarioSpec, project_batch, sweep

__all__ = [
    "BatchMetrics",
    "ScenarioSpec",
    "project_batch",
    "sweep",
    "BUCKETS",
    "MAX_HORIZON",
    "METRIC_NAMES",
    "Metrics",
    "monthly_totals",
    "scenario_metrics",
    "ROW_COLUMNS",
    "STAGES",
    "Flag",
    "Projection",
    "payment_check",
    "project",
]
