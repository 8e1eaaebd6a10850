"""A synthetic caseload triaged in one process and on a 2-worker Dask ``LocalCluster``.

Measured, once each (a run is long): :func:`helpers.caseload.run_caseload` with its plain loop
(``loop_rows``), and with ``dask_rows`` on the cluster ``--workers 2`` starts (its start and
close timed apart: they are paid once a run). Printed: seconds, cases per second and the
cluster's speed against the single process (on a 2-core machine it may be below 1: the two
workers share the cores with the scheduler and this process), and the peak memory of this
process and of its children (the workers), by ``resource.getrusage``.

``BENCH_CASELOAD_N`` sets the number of cases (default 1,000).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers.caseload import BATCH_CASES, run_caseload, synth_cases, write_cases  # noqa: E402
from helpers.cli.caseload_commands import runner  # noqa: E402

CASES = int(os.environ.get("BENCH_CASELOAD_N", "1000"))
SEED = 19
WORKERS = 2


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def main() -> None:
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        write_cases(synth_cases(CASES, SEED), folder)
        print(f"{CASES:,} synthetic cases (seed {SEED}), batches of {BATCH_CASES}:")

        start = time.perf_counter()
        single = run_caseload([folder], lang="en")
        one = time.perf_counter() - start

        start = time.perf_counter()
        with runner(workers=WORKERS) as rows:
            started = time.perf_counter() - start
            start = time.perf_counter()
            cluster = run_caseload([folder], lang="en", runner=rows)
            ran = time.perf_counter() - start
            start = time.perf_counter()
        closed = time.perf_counter() - start

        same = single.equals(cluster)
        print(f"  single process           {one:8.2f} s  {CASES / one:7.1f} cases/s")
        print(f"  {WORKERS}-worker LocalCluster     {ran:8.2f} s  {CASES / ran:7.1f} cases/s"
              f"  ({one / ran:.2f}x the single process; rows identical: {same})")  # fmt: skip
        whole = started + ran + closed
        print(f"    with its start {started:.2f} s and close {closed:.2f} s: {whole:.2f} s, "
              f"{one / whole:.2f}x")  # fmt: skip
        print(f"  cores: {os.cpu_count()}; peak memory: this process "
              f"{_peak_mb(resource.RUSAGE_SELF):.0f} MB, largest worker "
              f"{_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB")  # fmt: skip


if __name__ == "__main__":
    main()
