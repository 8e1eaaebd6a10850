"""A caseload run in one process: the files named, one row per file, redacted and triaged.

How the rows are computed is the ``runner`` of :func:`run_caseload`: by default the cases side by
side in the vectorised engine (:func:`helpers.caseload.vector_rows`); :func:`loop_rows`, a loop
of :func:`helpers.scenarios.compare`, gives the same rows case by case; a Dask runner spreads
the batches over a cluster.

>>> from helpers.paths import SAMPLES_DIR
>>> frame = run_caseload([SAMPLES_DIR / "li_na_illness.yaml"], lang="en")
>>> frame["case"].tolist(), frame["triage_rank"].tolist(), frame["recommended"].tolist()
(['case 0001'], [1], ['step_up'])
"""

from __future__ import annotations

import glob
import os
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

import pandas as pd

from helpers.caseload.row import (
    CASELOAD_COLUMNS,
    CaseloadRow,
    Scrubber,
    case_label,
    caseload_row,
)
from helpers.caseload.triage import triage
from helpers.caseload.vectorised import vector_rows

__all__ = ["CASE_SUFFIXES", "INT_COLUMNS", "case_paths", "loop_rows", "run_caseload"]

CASE_SUFFIXES = (".yaml", ".yml")
INT_COLUMNS = (
    "triage_rank",
    "total_owed",
    "capacity_now",
    "capacity_after",
    "months_to_clear",
    "total_cost",
    "next_due_days",
    "days_overdue",
    "days_to_90",
    "waiting_cost_3m",
)
Progress = Callable[[int, int], None]
Runner = Callable[..., list[CaseloadRow]]


def case_paths(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    """The case files named: a folder gives its ``*.yaml`` and ``*.yml`` entries (not those of
    its subfolders: a caseload is one flat folder, and a subfolder may hold a pack or an
    archive); a pattern with ``*``, ``?`` or ``[`` gives what it matches; anything else is taken
    as a file, even when missing (its row then says so). Each file once, sorted by path.

    >>> from helpers.paths import SAMPLES_DIR
    >>> [p.name for p in case_paths([SAMPLES_DIR, SAMPLES_DIR / "li_na_illness.yaml"])][:2]
    ['chen_jian_business_loss.yaml', 'li_na_illness.yaml']
    """
    found: dict[Path, Path] = {}
    for item in paths:
        text = os.fspath(item)
        path = Path(text)
        if path.is_dir():
            named = [p for p in path.iterdir() if p.suffix.lower() in CASE_SUFFIXES]
        elif glob.has_magic(text):
            named = [Path(p) for p in glob.glob(text)]
        else:
            named = [path]
        for one in named:
            found.setdefault(one.resolve(), one)
    return sorted(found.values(), key=lambda p: p.as_posix())


def loop_rows(
    paths: Sequence[Path],
    labels: Sequence[str | None],
    *,
    lang: str,
    progress: Progress | None = None,
) -> list[CaseloadRow]:
    """Each file's row, one after another (:func:`helpers.caseload.caseload_row`), reporting
    ``progress(done, total)`` after each.

    >>> from helpers.paths import SAMPLES_DIR
    >>> rows = loop_rows([SAMPLES_DIR / "li_na_illness.yaml"], [None], lang="en")
    >>> rows[0].cells["case"], rows[0].cells["feasible"]
    ('li_na_illness', True)
    """
    rows = []
    for done, (path, name) in enumerate(zip(paths, labels, strict=True), 1):
        rows.append(caseload_row(path, lang=lang, label=name))
        if progress is not None:
            progress(done, len(paths))
    return rows


def run_caseload(
    paths: Iterable[str | os.PathLike[str]],
    *,
    lang: str,
    redact: bool = True,
    progress: Progress | None = None,
    runner: Runner = vector_rows,
) -> pd.DataFrame:
    """One row per case file (:data:`helpers.caseload.CASELOAD_COLUMNS`; amounts in fen) in
    triage order; a file that is not a valid case never stops the run: its row has
    ``loaded=False`` and its problems, and comes last, unranked.

    Redacted (the default): a case goes by its label (``case 0001``: its place among the sorted
    files), never its file's name, and no cell holds a personal value of any case.

    Which of Li Na's and Zhang Wei's cases needs a call first? Li Na's next due date is 2 days
    from her as-of date, Zhang Wei's 7 days from his.

    >>> from helpers.paths import SAMPLES_DIR
    >>> frame = run_caseload([SAMPLES_DIR / "li_na_illness.yaml",
    ...                       SAMPLES_DIR / "zhang_wei_unemployed.yaml"], lang="en", redact=False)
    >>> frame["case"].tolist(), frame["next_due_days"].tolist()
    (['li_na_illness', 'zhang_wei_unemployed'], [2, 7])
    """
    files = case_paths(paths)
    width = max(4, len(str(len(files))))
    numbers = range(1, len(files) + 1)
    labels = [case_label(k, lang, width=width) if redact else None for k in numbers]
    rows = runner(files, labels, lang=lang, progress=progress)
    cells = [dict(row.cells) for row in rows]
    if redact:
        scrub = Scrubber(value for row in rows for value in row.personal)
        for row_cells in cells:
            for name, value in row_cells.items():
                if isinstance(value, str):
                    row_cells[name] = scrub(value)
    frame = pd.DataFrame(triage(cells, lang), columns=list(CASELOAD_COLUMNS))
    for name in INT_COLUMNS:
        frame[name] = frame[name].astype("Int64")
    frame["loaded"] = frame["loaded"].astype(bool)
    frame["feasible"] = frame["feasible"].astype("boolean")
    return frame
