"""``python -m helpers pack CASE --out FILE.zip [--no-redact] [--keep-names]``: the advisor
pack of a case, redacted unless told otherwise; ``python -m helpers unpack FILE.zip --into DIR``:
a pack checked (manifest, checksums, paths, size) and unpacked, or refused with exit 2.

>>> import tempfile
>>> from helpers.cli import main
>>> folder = Path(tempfile.mkdtemp())
>>> main(["pack", "li_na_illness", "--out", str(folder / "li_na.zip"), "--lang", "en"])
... # doctest: +ELLIPSIS
Pack written: .../li_na.zip (redacted; ... files)
0
>>> main(["unpack", str(folder / "li_na.zip"), "--into", str(folder / "opened"), "--lang", "en"])
... # doctest: +ELLIPSIS
Unpacked into .../opened: the case is .../opened/case.yaml
0
"""

from __future__ import annotations

import argparse
import sys
import zipfile
from pathlib import Path

from helpers.case import load_case
from helpers.cli import EXIT_OK, default_language, resolve_case
from helpers.errors import CaseError, Problem
from helpers.i18n import t
from helpers.pack import build_pack, unpack

__all__ = ["register"]


def cmd_pack(args: argparse.Namespace) -> int:
    """Build the pack, showing progress on stderr; print where it is."""
    path = resolve_case(args.case)
    lang = args.lang or load_case(path).language
    out = Path(args.out)
    if out.suffix.lower() != ".zip":
        raise CaseError([Problem("--out", args.out, "cli.pack.not_zip")])
    if out.is_dir():
        raise CaseError([Problem("--out", args.out, "cli.pack.is_folder")])

    def progress(fraction: float, step: str) -> None:
        line = t("cli.pack.progress", lang, percent=round(fraction * 100), step=step)
        print(line, file=sys.stderr)

    try:
        made = build_pack(
            path,
            out,
            lang=lang,
            redact=not args.no_redact,
            keep_names=args.keep_names,
            progress=progress,
        )
    except OSError as error:
        raise CaseError(
            [Problem("--out", args.out, "cli.propose.cannot_write", {"reason": error.strerror})]
        ) from None
    count = len(zipfile.ZipFile(made).namelist())
    key = "cli.pack.written_plain" if args.no_redact else "cli.pack.written"
    print(t(key, lang, path=str(made), count=count))
    return EXIT_OK


def cmd_unpack(args: argparse.Namespace) -> int:
    """Check and unpack a pack; print where its case is."""
    lang = args.lang or default_language()
    folder = unpack(args.pack, args.into)
    print(t("cli.unpack.done", lang, folder=str(folder), case=str(folder / "case.yaml")))
    return EXIT_OK


def register(add) -> None:
    """Add the ``pack`` and ``unpack`` commands.

    >>> from helpers.cli import argument_names
    >>> argument_names(register)
    ['case', '--out', '--no-redact', '--keep-names', 'pack', '--into']
    """
    sub = add("pack", cmd_pack)
    sub.add_argument("case")
    sub.add_argument("--out", required=True)
    sub.add_argument("--no-redact", action="store_true")
    sub.add_argument("--keep-names", action="store_true")
    sub = add("unpack", cmd_unpack)
    sub.add_argument("pack")
    sub.add_argument("--into", required=True)
