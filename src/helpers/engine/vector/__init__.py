"""Many scenarios at once in numpy arrays (sweeps and batches), to the fen of the scalar path.

What would Zhang Wei still owe after two years paying 380.00 a month, or 1,000.00?

>>> from helpers.case import load_sample
>>> specs = [ScenarioSpec(plans={}, means_fen=m) for m in (38_000, 100_000)]
>>> batch = project_batch(load_sample(), specs, horizon=24)
>>> batch.row(0).balance_left_fen, batch.row(1).balance_left_fen
(20727255, 18301642)
"""

from helpers.engine.vector.batch import (
    OPTIONAL_METRICS,
    BatchMetrics,
    ScenarioSpec,
    project_batch,
    sweep,
)
from helpers.engine.vector.cases import CASES_CHUNK_ELEMENTS, project_cases

__all__ = [
    "BatchMetrics",
    "CASES_CHUNK_ELEMENTS",
    "OPTIONAL_METRICS",
    "ScenarioSpec",
    "project_batch",
    "project_cases",
    "sweep",
]
