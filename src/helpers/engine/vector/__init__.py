"""Many scenarios at once in numpy arrays (sweeps and batches)."""

from helpers.engine.vector.batch import (
    OPTIONAL_METRICS,
    BatchMetrics,
    ScenarioSpec,
    project_batch,
    sweep,
)

__all__ = ["BatchMetrics", "OPTIONAL_METRICS", "ScenarioSpec", "project_batch", "sweep"]
