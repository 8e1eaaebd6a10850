"""``python -m helpers synth --n N --seed S --out DIR [--force]``: a synthetic caseload of ``N``
valid cases (:mod:`helpers.caseload.synth`) written as ``DIR/synth_00001.yaml``…; the same seed
writes the same files, byte for byte. Existing case files are never overwritten unless
``--force``.

>>> import tempfile
>>> from helpers.cli import main
>>> with tempfile.TemporaryDirectory() as out:
...     main(["synth", "--n", "3", "--seed", "1", "--out", out, "--lang", "en"])
... # doctest: +ELLIPSIS
3 synthetic cases written to ...
0
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

from helpers.caseload import BLOCK, synth_cases, synth_name, write_cases
from helpers.cli import EXIT_OK, default_language
from helpers.errors import CaseError, Problem
from helpers.i18n import t

__all__ = ["MAX_CASES", "register", "check_out"]

MAX_CASES = 1_000_000


def check_out(out: str, n: int, force: bool) -> Path:
    """The folder ``--out`` names, created if need be, after the checks that keep it safe: not a
    file, writable, and no case file of the ``n`` to write already there unless ``force``.

    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> check_out(str(folder / "new"), 2, False).name
    'new'
    >>> _ = (folder / "new" / "synth_00002.yaml").write_text("x")
    >>> check_out(str(folder / "new"), 2, False)  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: --out: 1 case file is already in ...; add --force to overwrite it
    """
    folder = Path(out)
    if folder.exists() and not folder.is_dir():
        raise CaseError([Problem("--out", out, "cli.synth.out_not_dir")])
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".synth-probe-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as error:
        reason = error.strerror or type(error).__name__
        problem = Problem("--out", out, "cli.synth.cannot_write", {"reason": reason})
        raise CaseError([problem]) from None
    if not force:
        there = [k for k in range(1, n + 1) if (folder / synth_name(k)).exists()]
        if there:
            params = {"count": len(there), "first": synth_name(there[0])}
            raise CaseError([Problem("--out", out, "cli.synth.exists", params)])
    return folder


def cmd_synth(args: argparse.Namespace) -> int:
    """Check the options, write the cases and say how many."""
    lang = args.lang or default_language()
    if not 1 <= args.n <= MAX_CASES:
        raise CaseError([Problem("--n", args.n, "cli.synth.bad_n", {"most": f"{MAX_CASES:,}"})])
    if args.seed < 0:
        raise CaseError([Problem("--seed", args.seed, "cli.synth.bad_seed")])
    folder = check_out(args.out, args.n, args.force)
    written = 0
    try:
        for first in range(1, args.n + 1, BLOCK):  # a block at a time: a million fit in memory
            cases = synth_cases(min(BLOCK, args.n + 1 - first), args.seed, first=first)
            written += len(write_cases(cases, folder, force=True, first=first))
    except OSError as error:
        reason = error.strerror or type(error).__name__
        raise CaseError(
            [Problem("--out", args.out, "cli.synth.cannot_write", {"reason": reason})]
        ) from None
    print(t("cli.synth.written", lang, count=written, folder=str(folder)))
    return EXIT_OK


def register(add) -> None:
    """Add the ``synth`` command.

    >>> from helpers.cli import argument_names
    >>> argument_names(register)
    ['--n', '--seed', '--out', '--force']
    """
    sub = add("synth", cmd_synth)
    sub.add_argument("--n", type=int, required=True)
    sub.add_argument("--seed", type=int, default=0)
    sub.add_argument("--out", required=True)
    sub.add_argument("--force", action="store_true")
