"""``python -m helpers caseload PATH... --out FILE [--workers N | --scheduler ADDRESS]
[--no-redact]``: many cases in one table, triaged, written as .xlsx, .csv or .parquet; redacted
unless told otherwise. ``--workers N`` runs the cases on a Dask
``LocalCluster`` of ``N`` worker processes on this machine (started for the run and closed after
it, however it ends; every server on 127.0.0.1, no dashboard); ``--scheduler tcp://HOST:PORT``
runs them on an existing Dask cluster, whose workers must have the workbench installed and see
the same files (:mod:`helpers.caseload.dask_runner`). A file that is not a valid case is listed
with its problems and never stops the run; the exit status is 2 only when no case loads, or when
the options are wrong.

>>> import tempfile
>>> from pathlib import Path
>>> from helpers.cli import main
>>> from helpers.paths import SAMPLES_DIR
>>> out = Path(tempfile.mkdtemp()) / "triage.csv"
>>> main(["caseload", str(SAMPLES_DIR / "li_na_illness.yaml"), "--out", str(out), "--lang", "en"])
... # doctest: +ELLIPSIS
1 cases, 1 loaded, 0 with problems; first in triage order: case 0001
Written (redacted): .../triage.csv
0
"""

from __future__ import annotations

import argparse
import contextlib
import functools
import logging
import sys
import warnings
from collections.abc import Iterator
from typing import Any

from helpers.caseload import check_out, dask_rows, run_caseload, vector_rows, write_caseload
from helpers.cli import EXIT_OK, EXIT_USER_ERROR, default_language
from helpers.errors import CaseError, Problem
from helpers.i18n import join_list, t

__all__ = [
    "FIRST_SHOWN",
    "MAX_WORKERS",
    "PROGRESS_FROM",
    "SCHEDULER_TIMEOUT",
    "register",
    "progress_printer",
    "runner",
]

FIRST_SHOWN = 5  # cases the summary names, in triage order
PROGRESS_FROM = 50  # a run of this many cases or more shows its progress on stderr
MAX_WORKERS = 64  # --workers: more processes than this on one machine is a typing mistake
SCHEDULER_TIMEOUT = 10  # seconds to reach a --scheduler before saying it cannot be reached
# Without a dashboard, Dask's scheduler and workers still open a small HTTP server each (on
# 127.0.0.1 here); a --workers cluster gives them no pages to serve (no metrics, no task info).
_NO_HTTP_ROUTES = {"distributed.scheduler.http.routes": [], "distributed.worker.http.routes": []}


def progress_printer(lang: str, *, steps: int = 20):
    """A ``progress(done, total)`` that prints a line on stderr about ``steps`` times a run
    (none for a run shorter than :data:`PROGRESS_FROM` cases).

    >>> import contextlib, io
    >>> err = io.StringIO()
    >>> with contextlib.redirect_stderr(err):
    ...     show = progress_printer("en", steps=2)
    ...     for done in range(1, 101):
    ...         show(done, 100)
    >>> err.getvalue().splitlines()
    ['caseload: 50/100 cases (50%)', 'caseload: 100/100 cases (100%)']

    A run on a cluster reports a batch of cases at a time: a line each time ``done`` passes
    another step (or reaches the total).

    >>> with contextlib.redirect_stderr(err):
    ...     show = progress_printer("en", steps=4)
    ...     for done in (50, 100, 150, 200):
    ...         show(done, 200)
    >>> err.getvalue().splitlines()[2:]
    ['caseload: 50/200 cases (25%)', 'caseload: 100/200 cases (50%)', \
'caseload: 150/200 cases (75%)', 'caseload: 200/200 cases (100%)']
    """
    shown = [0]  # the cases done at the last line

    def progress(done: int, total: int) -> None:
        every = max(1, total // steps)
        if total >= PROGRESS_FROM and (done // every > shown[0] // every or done == total):
            shown[0] = done
            line = t("cli.caseload.progress", lang, done=done, total=total,
                     percent=done * 100 // total)  # fmt: skip
            print(line, file=sys.stderr, flush=True)

    return progress


@contextlib.contextmanager
def runner(workers: int | None = None, scheduler: str | None = None) -> Iterator[Any]:
    """The runner of :func:`helpers.caseload.run_caseload` the options ask for: the cases side by
    side in the vectorised engine in this process, or :func:`helpers.caseload.dask_rows` on a
    ``LocalCluster`` of ``workers`` processes (closed on leaving, however the run ends) or on
    the cluster at ``scheduler``.
    A wrong option is a :class:`helpers.errors.CaseError` naming it.

    >>> with runner() as run:
    ...     run.__name__
    'vector_rows'
    >>> with runner(workers=0) as run:
    ...     pass
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: --workers: 0 cannot be a number of workers; give a whole number \
from 1 to 64
    """
    if workers is not None and scheduler is not None:
        raise CaseError([Problem("--scheduler", scheduler, "cli.caseload.workers_and_scheduler")])
    if workers is not None and not 1 <= workers <= MAX_WORKERS:
        raise CaseError([Problem("--workers", workers, "cli.caseload.bad_workers",
                                 {"most": MAX_WORKERS})])  # fmt: skip
    if workers is None and scheduler is None:
        yield vector_rows
        return
    from distributed import Client

    _quiet_dask()
    if workers is not None:
        with _local_cluster(workers) as cluster, Client(cluster, set_as_default=False) as client:
            yield functools.partial(dask_rows, client=client)
        return
    try:
        client = Client(scheduler, timeout=SCHEDULER_TIMEOUT, set_as_default=False)
    except (OSError, ValueError, TypeError) as error:
        reason = str(error).splitlines()[0] if str(error) else type(error).__name__
        params = {"seconds": SCHEDULER_TIMEOUT, "reason": reason}
        problem = Problem("--scheduler", scheduler, "cli.caseload.no_scheduler", params)
        raise CaseError([problem]) from None
    with client:
        try:
            yield functools.partial(dask_rows, client=client)
        except ModuleNotFoundError as error:  # raised in a worker, passed on by Dask
            if (error.name or "").split(".")[0] != "helpers":
                raise
            problem = Problem("--scheduler", scheduler, "cli.caseload.workers_without_helpers")
            raise CaseError([problem]) from None


@contextlib.contextmanager
def _local_cluster(workers: int) -> Iterator[Any]:
    """A LocalCluster of ``workers`` single-threaded processes, every server on 127.0.0.1, no
    dashboard; closed on leaving."""
    import dask
    from distributed import LocalCluster

    with dask.config.set(_NO_HTTP_ROUTES), warnings.catch_warnings():
        # the scheduler's HTTP server tries port 8787 first and warns when another cluster
        # holds it: any free port does
        warnings.filterwarnings("ignore", "Port .* is already in use", UserWarning)
        cluster = LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            host="127.0.0.1",
            dashboard_address=None,
            silence_logs=logging.ERROR,
        )
    with cluster:
        yield cluster


def _quiet_dask() -> None:
    """Dask's own log lines (a worker starting, a connection closing at the end) kept off the
    terminal: only its errors are shown."""
    for name in ("distributed", "dask"):
        logging.getLogger(name).setLevel(logging.ERROR)


def cmd_caseload(args: argparse.Namespace) -> int:
    """Run the caseload, write it, print the summary line; exit 2 when no case loads."""
    lang = args.lang or default_language()
    out = check_out(args.out)  # a wrong --out is refused before the long run
    redact = not args.no_redact
    with runner(args.workers, args.scheduler) as rows:
        frame = run_caseload(
            args.paths, lang=lang, redact=redact, progress=progress_printer(lang), runner=rows
        )
    loaded = int(frame["loaded"].sum())
    with_problems = int((frame["problems"] != "").sum())
    ranked = frame[frame["triage_rank"].notna()]
    first = join_list(ranked["case"].head(FIRST_SHOWN).tolist(), lang)
    key = "cli.caseload.summary" if first else "cli.caseload.summary_none"
    print(t(key, lang, count=len(frame), loaded=loaded, problems=with_problems, first=first))
    try:
        made = write_caseload(frame, out, lang=lang)
    except OSError as error:
        raise CaseError(
            [Problem("--out", args.out, "cli.caseload.cannot_write", {"reason": error.strerror})]
        ) from None
    print(t("cli.caseload.written" if redact else "cli.caseload.written_plain", lang,
            path=str(made)))  # fmt: skip
    if loaded == 0:
        print(t("cli.caseload.none_loaded", lang), file=sys.stderr)
        return EXIT_USER_ERROR
    return EXIT_OK


def register(add) -> None:
    """Add the ``caseload`` command.

    >>> from helpers.cli import argument_names
    >>> argument_names(register)
    ['paths', '--out', '--workers', '--scheduler', '--no-redact']
    """
    sub = add("caseload", cmd_caseload)
    sub.add_argument("paths", nargs="+")
    sub.add_argument("--out", required=True)
    sub.add_argument("--workers", type=int, default=None)
    sub.add_argument("--scheduler", default=None)
    sub.add_argument("--no-redact", action="store_true")
