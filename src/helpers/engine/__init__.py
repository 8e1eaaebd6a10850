"""The month-by-month engine: each debt's interest, penalty, charges, dues and payments under
plans and an allocation policy, to the fen.

>>> from helpers.case import load_sample
>>> from helpers.engine import project
>>> len(project(load_sample(), horizon=6).rows)
30
"""

from helpers.engine.contract import (
    BUCKET_INDEX,
    BUCKETS,
    ContractStart,
    Mode,
    Shape,
    contract_start,
    ranking_rate,
)
from helpers.engine.metrics import (
    METRIC_NAMES,
    Metrics,
    monthly_gaps_fen,
    monthly_totals,
    scenario_metrics,
)
from helpers.engine.scalar import (
    MAX_HORIZON,
    ROW_COLUMNS,
    STAGES,
    DebtState,
    Flag,
    Projection,
    payment_check,
    project,
)
from helpers.engine.timeline import due_date, period_days, period_starts
from helpers.engine.vector import (
    CASES_CHUNK_ELEMENTS,
    BatchMetrics,
    ScenarioSpec,
    project_batch,
    project_cases,
    sweep,
)

__all__ = [
    "BUCKET_INDEX",
    "ContractStart",
    "Mode",
    "Shape",
    "contract_start",
    "ranking_rate",
    "BUCKETS",
    "BatchMetrics",
    "CASES_CHUNK_ELEMENTS",
    "DebtState",
    "Flag",
    "MAX_HORIZON",
    "METRIC_NAMES",
    "Metrics",
    "Projection",
    "ROW_COLUMNS",
    "STAGES",
    "ScenarioSpec",
    "due_date",
    "monthly_gaps_fen",
    "monthly_totals",
    "payment_check",
    "period_days",
    "period_starts",
    "project",
    "project_batch",
    "project_cases",
    "scenario_metrics",
    "sweep",
]
