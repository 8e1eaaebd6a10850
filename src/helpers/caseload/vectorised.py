"""A caseload run side by side: the cases of a batch compared together in the vectorised engine
(:func:`helpers.scenarios.compare_cases`: every default scenario under every policy, the best
policy and the recommendation), the scalar engine replaying only each case's recommended
scenario for its credit record. The rows equal :func:`helpers.caseload.loop_rows`' (a loop of
:func:`helpers.scenarios.compare`), cell by cell.

:func:`vector_rows` is :func:`helpers.caseload.run_caseload`'s default runner; a Dask task runs
it on one batch.

>>> from helpers.paths import SAMPLES_DIR
>>> rows = vector_rows([SAMPLES_DIR / "li_na_illness.yaml", SAMPLES_DIR / "nothing.yaml"],
...                    [None, None], lang="en")
>>> [(r.cells["case"], r.cells["recommended"], r.loaded) for r in rows]
[('li_na_illness', 'step_up', True), ('nothing', None, False)]
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from helpers.budget import DEFAULT_HORIZON, Budget, monthly_budget
from helpers.case import Case
from helpers.caseload.row import CaseloadRow, case_cells, fill_row, outline_cells, read_row
from helpers.scenarios import Outline, compare_cases

__all__ = ["VECTOR_BATCH", "batch_size", "vector_rows"]

# Cases compared in one call of the vectorised engine: 1,000 cases of 45 scenarios and about 4
# debts fill a dozen chunks of its arrays, alike cases together (about 5 ms a case here, 10%
# more in batches of 400); more adds memory, not speed.
VECTOR_BATCH = 1000
PROGRESS_STEPS = 10  # a short caseload still shows its progress in about this many steps
MIN_BATCH = 25


def batch_size(total: int) -> int:
    """Cases per batch for a caseload of ``total``: :data:`VECTOR_BATCH`, less for a short one so
    that its progress (shown as rows are filled, after each batch's comparison) still moves in
    about ten steps (never below 25 cases).

    >>> batch_size(100_000), batch_size(1_000), batch_size(40)
    (1000, 100, 25)
    """
    return max(MIN_BATCH, min(VECTOR_BATCH, total // PROGRESS_STEPS))


def vector_rows(
    paths: Sequence[Path],
    labels: Sequence[str | None],
    *,
    lang: str,
    progress: Callable[[int, int], None] | None = None,
    batch: int | None = None,
) -> list[CaseloadRow]:
    """Each file's row, batch by batch (``batch`` cases; :func:`batch_size` when None), the
    cases of a batch read, then compared side by side, then each row filled in;
    ``progress(done, total)`` as each row is done. A batch the vectorised engine fails on is
    done case by case, so that one case's fault shows in its own row only.

    Which samples does the workbench recommend a step-up for?

    >>> from helpers.case import list_samples
    >>> from helpers.paths import SAMPLES_DIR
    >>> names = list_samples()
    >>> rows = vector_rows([SAMPLES_DIR / f"{n}.yaml" for n in names], [None] * len(names),
    ...                    lang="en")
    >>> [r.cells["case"] for r in rows if r.cells["recommended"] == "step_up"]
    ['li_na_illness', 'wang_fang_income_drop', 'zhang_wei_unemployed']
    """
    if len(paths) != len(labels):
        raise ValueError(f"{len(paths)} files but {len(labels)} labels")
    size = batch or batch_size(len(paths))
    rows: list[CaseloadRow] = []
    for start in range(0, len(paths), size):
        part = range(start, min(start + size, len(paths)))
        read = [read_row(paths[k], lang=lang, label=labels[k]) for k in part]
        compared = {n: case for n, (case, _) in enumerate(read) if case is not None and case.debts}
        outlines = _outlines(list(compared.values()))
        found = dict(zip(compared, outlines, strict=True)) if outlines else {}
        for n, (case, row) in enumerate(read):
            if case is None:
                rows.append(row)
            elif n in found:
                outline, budget = found[n]
                rows.append(fill_row(row, lang, outline_cells, case, outline, budget, lang))
            else:  # no debts, or a batch the vectorised engine failed on: the loop's answer
                rows.append(fill_row(row, lang, case_cells, case, lang))
            if progress is not None:
                progress(len(rows), len(paths))
    return rows


def _outlines(cases: list[Case]) -> list[tuple[Outline, Budget]] | None:
    """Each case's outline and budget, or None when the vectorised engine fails on the batch."""
    try:
        budgets = [monthly_budget(case, horizon=DEFAULT_HORIZON) for case in cases]
        outlines = compare_cases(cases, horizon=DEFAULT_HORIZON, budgets=budgets)
    except Exception:  # noqa: BLE001 - done case by case, the case at fault in its own row
        return None
    return list(zip(outlines, budgets, strict=True))
