"""A synthetic caseload: the cases compared side by side (vectorised) against a loop of
``compare()``, and the whole caseload run in one process and on a 2-worker Dask cluster.

Measured in the same run, on the same cases (seed 19):

1. **The comparison**: :func:`helpers.scenarios.compare_cases` on every case, batch by batch as
   the caseload runner calls it, against a loop of :func:`helpers.scenarios.compare` on a sample
   of the cases (every ``N / SAMPLE``-th case), extrapolated to all of them; the sample's
   recommendations and metrics are checked equal.
2. **The caseload run** from the case files (read, compared, credit record, urgency, redacted):
   :func:`helpers.caseload.run_caseload` with its vectorised runner, against its loop runner
   on the sample (extrapolated), and with ``dask_rows`` on the cluster ``--workers 2`` starts
   (its start and close timed apart; on a 2-core machine it may be slower than one process:
   the two workers share the cores with the scheduler and this process).

Printed: seconds, cases per second, the ratios, and the peak memory of this process and of its
largest child (a worker), by ``resource.getrusage``. ``BENCH_CASELOAD_N`` sets the number of
cases (default 10,000), ``BENCH_CASELOAD_SAMPLE`` the loop's sample (default 200).
"""

from __future__ import annotations

import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from helpers.caseload import (  # noqa: E402
    VECTOR_BATCH,
    case_paths,
    loop_rows,
    run_caseload,
    synth_cases,
    write_cases,
)
from helpers.cli.caseload_commands import runner  # noqa: E402
from helpers.scenarios import compare, compare_cases  # noqa: E402

CASES = int(os.environ.get("BENCH_CASELOAD_N", "10000"))
SAMPLE = int(os.environ.get("BENCH_CASELOAD_SAMPLE", "200"))
SEED = 19
WORKERS = 2


def _peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # Linux: kilobytes


def _line(name: str, seconds: float, cases: int, note: str = "") -> None:
    print(f"  {name:<38} {seconds:9.2f} s  {cases / seconds:8.1f} cases/s  {note}")


def compare_side_by_side(cases) -> None:
    step = max(1, len(cases) // SAMPLE)
    sample = cases[::step]
    start = time.perf_counter()
    outlines = []
    for at in range(0, len(cases), VECTOR_BATCH):
        outlines += compare_cases(cases[at : at + VECTOR_BATCH])
    vectorised = time.perf_counter() - start
    start = time.perf_counter()
    looped = [compare(case) for case in sample]
    loop = (time.perf_counter() - start) * len(cases) / len(sample)
    same = all(
        o.recommended == c.recommended
        and all(o.outcome(r.scenario.name).metrics == r.metrics for r in c.results)
        for o, c in zip(outlines[::step], looped, strict=True)
    )
    print(f"1. the comparison of {len(cases):,} cases (every default scenario, every policy):")
    _line("side by side (vectorised)", vectorised, len(cases))
    _line(f"loop of compare() ({len(sample)} cases, scaled)", loop, len(cases),
          f"-> vectorised {loop / vectorised:.1f}x faster; sample equal: {same}")  # fmt: skip


def run_files(folder: Path) -> None:
    files = case_paths([folder])
    step = max(1, len(files) // SAMPLE)
    sample = files[::step]
    start = time.perf_counter()
    single = run_caseload([folder], lang="en")
    one = time.perf_counter() - start
    start = time.perf_counter()
    loop_rows(sample, [None] * len(sample), lang="en")
    loop = (time.perf_counter() - start) * len(files) / len(sample)
    start = time.perf_counter()
    with runner(workers=WORKERS) as rows:
        started = time.perf_counter() - start
        start = time.perf_counter()
        cluster = run_caseload([folder], lang="en", runner=rows)
        ran = time.perf_counter() - start
        start = time.perf_counter()
    closed = time.perf_counter() - start
    print(f"2. the caseload run from {len(files):,} files (read, compare, credit, urgency):")
    _line("one process, side by side", one, len(files))
    _line(f"one process, loop ({len(sample)} files, scaled)", loop, len(files),
          f"-> side by side {loop / one:.1f}x faster")  # fmt: skip
    _line(
        f"{WORKERS}-worker LocalCluster",
        ran,
        len(files),
        f"-> {one / ran:.2f}x the single process; rows identical: {single.equals(cluster)}",
    )
    whole = started + ran + closed
    print(f"     the cluster's start {started:.2f} s and close {closed:.2f} s: {whole:.2f} s "
          f"in all, {one / whole:.2f}x")  # fmt: skip


def main() -> None:
    start = time.perf_counter()
    cases = synth_cases(CASES, SEED)
    made = time.perf_counter() - start
    print(f"{CASES:,} synthetic cases (seed {SEED}) made in {made:.1f} s; batches of "
          f"{VECTOR_BATCH}; {os.cpu_count()} cores")  # fmt: skip
    compare_side_by_side(cases)
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        start = time.perf_counter()
        write_cases(cases, folder)
        print(f"   (written as files in {time.perf_counter() - start:.1f} s)")
        del cases
        run_files(folder)
    print(f"   peak memory: this process {_peak_mb(resource.RUSAGE_SELF):.0f} MB, largest "
          f"worker {_peak_mb(resource.RUSAGE_CHILDREN):.0f} MB (limit 2,048 MB)")  # fmt: skip


if __name__ == "__main__":
    main()
