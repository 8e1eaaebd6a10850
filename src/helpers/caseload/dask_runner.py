"""A caseload past one machine: the case files cut into batches, one Dask task a batch.

:func:`dask_rows` takes the place of :func:`helpers.caseload.vector_rows` as the ``runner`` of
:func:`helpers.caseload.run_caseload` (same arguments, plus the Dask ``client``; the same rows
in the same order). Each task runs :func:`~helpers.caseload.vector_rows` on its batch in a worker
(the batch's cases side by side in the vectorised engine), so a worker must be able to import
``helpers``: the workers of a ``LocalCluster`` are processes
of the same Python; the workers of another cluster need the workbench installed there.

Only the files' paths travel to the workers, and only the rows come back: a worker must see the
same files (the same folder on a shared disk, for a cluster of several machines).

Dask is imported when a runner is used, not when :mod:`helpers.caseload` is.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from helpers.caseload.row import CaseloadRow
from helpers.caseload.vectorised import MIN_BATCH, VECTOR_BATCH, vector_rows

__all__ = ["BATCH_CASES", "batches", "dask_rows", "task_size"]

BATCH_CASES = VECTOR_BATCH  # the most cases in one task: the vectorised engine's batch
TASKS_PER_WORKER = 2  # at least this many tasks per worker, so that none waits on a slow one


def task_size(total: int, workers: int) -> int:
    """Cases per Dask task: the vectorised batch, less when that would leave a worker without
    :data:`TASKS_PER_WORKER` tasks (never below 25 cases: Dask's cost per task is a few ms).

    >>> task_size(10_000, 2), task_size(300, 2), task_size(40, 4)
    (1000, 75, 25)
    """
    share = -(-total // (TASKS_PER_WORKER * max(1, workers)))
    return max(MIN_BATCH, min(BATCH_CASES, share))


def batches(total: int, size: int = BATCH_CASES) -> list[range]:
    """The positions of ``total`` cases cut into batches of ``size`` (the last one shorter).

    How are 120 cases cut into batches of 50?

    >>> [(b.start, b.stop) for b in batches(120, 50)]
    [(0, 50), (50, 100), (100, 120)]
    """
    if size < 1:
        raise ValueError(f"a batch holds at least 1 case, not {size}")
    return [range(start, min(start + size, total)) for start in range(0, total, size)]


def dask_rows(
    paths: Sequence[Path],
    labels: Sequence[str | None],
    *,
    lang: str,
    client: Any,
    chunk: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> list[CaseloadRow]:
    """Each file's row, as :func:`helpers.caseload.vector_rows` gives it, computed on a Dask
    cluster: one task per batch of ``chunk`` files (:func:`batches`; :func:`task_size` for the
    cluster's workers when None), the rows returned in the
    order of ``paths``; ``progress(done, total)`` is called as each batch completes, ``done``
    counting the cases of the batches completed so far. Use it as the runner of
    :func:`helpers.caseload.run_caseload` with ``functools.partial(dask_rows, client=client)``.

    >>> from distributed import Client, LocalCluster
    >>> from helpers.paths import SAMPLES_DIR
    >>> files = [SAMPLES_DIR / "li_na_illness.yaml", SAMPLES_DIR / "zhang_wei_unemployed.yaml"]
    >>> with LocalCluster(n_workers=1, processes=False, dashboard_address=None) as cluster, \\
    ...         Client(cluster, set_as_default=False) as client:
    ...     rows = dask_rows(files, [None, None], lang="en", client=client, chunk=1)
    >>> [row.cells["case"] for row in rows], [row.cells["recommended"] for row in rows]
    (['li_na_illness', 'zhang_wei_unemployed'], ['step_up', 'step_up'])
    """
    from distributed import as_completed

    if len(paths) != len(labels):
        raise ValueError(f"{len(paths)} files but {len(labels)} labels")
    if chunk is None:
        chunk = task_size(len(paths), len(client.scheduler_info().get("workers", ())))
    parts = batches(len(paths), chunk)
    futures = {
        client.submit(
            vector_rows,
            [paths[k] for k in part],
            [labels[k] for k in part],
            lang=lang,
            pure=False,  # a fresh key each run: a batch is never taken from an earlier one
        ): n
        for n, part in enumerate(parts)
    }
    found: list[list[CaseloadRow] | None] = [None] * len(parts)
    done = 0
    try:
        for future, rows in as_completed(futures, loop=client.loop, with_results=True):
            n = futures[future]
            found[n] = rows
            done += len(parts[n])
            if progress is not None:
                progress(done, len(paths))
    finally:
        client.cancel(list(futures))  # a run stopped early leaves no task behind
    return [row for rows in found for row in rows or ()]
