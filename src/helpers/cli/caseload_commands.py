"""``python -m helpers caseload PATH... --out FILE [--no-redact]``: many cases in one table,
triaged, written as .xlsx or .csv (.parquet where pyarrow is installed); redacted unless told
otherwise. A file that is not a valid case is listed with its problems and never stops the run;
the exit status is 2 only when no case loads, or when the options are wrong.

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
import sys

from helpers.caseload import check_out, run_caseload, write_caseload
from helpers.cli import EXIT_OK, EXIT_USER_ERROR, default_language
from helpers.errors import CaseError, Problem
from helpers.i18n import join_list, t

__all__ = ["FIRST_SHOWN", "PROGRESS_FROM", "register", "progress_printer"]

FIRST_SHOWN = 5  # cases the summary names, in triage order
PROGRESS_FROM = 50  # a run of this many cases or more shows its progress on stderr


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
    """

    def progress(done: int, total: int) -> None:
        every = max(1, total // steps)
        if total >= PROGRESS_FROM and (done % every == 0 or done == total):
            line = t("cli.caseload.progress", lang, done=done, total=total,
                     percent=done * 100 // total)  # fmt: skip
            print(line, file=sys.stderr, flush=True)

    return progress


def cmd_caseload(args: argparse.Namespace) -> int:
    """Run the caseload, write it, print the summary line; exit 2 when no case loads."""
    lang = args.lang or default_language()
    out = check_out(args.out)  # a wrong --out is refused before the long run
    redact = not args.no_redact
    frame = run_caseload(args.paths, lang=lang, redact=redact, progress=progress_printer(lang))
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
    ['paths', '--out', '--no-redact']
    """
    sub = add("caseload", cmd_caseload)
    sub.add_argument("paths", nargs="+")
    sub.add_argument("--out", required=True)
    sub.add_argument("--no-redact", action="store_true")
