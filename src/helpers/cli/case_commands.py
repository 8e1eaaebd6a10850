"""Commands on case files: ``check``, ``schema`` and ``import-debts``.

>>> from helpers.cli import main
>>> main(["check", "li_na_illness", "--lang", "en"])  # doctest: +ELLIPSIS
Case summary: ...
The case is valid.
0
"""

from __future__ import annotations

import argparse
import json

from helpers.case import (
    add_debts,
    debts_frame,
    json_schema,
    load_case,
    read_debts,
    save_case,
    summary_rows,
    writable_copy,
)
from helpers.cli import EXIT_OK, print_frame, resolve_case
from helpers.errors import CaseError, Problem
from helpers.i18n import t

__all__ = ["register"]


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a case and print a one-screen summary."""
    path = resolve_case(args.case)
    case = load_case(path)
    lang = args.lang or case.language
    print(t("case.summary.title", lang, source=path))
    rows = summary_rows(case, lang)
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"  {label.ljust(width)}  {value}")
    print()
    print_frame(debts_frame(case, lang))
    print()
    print(t("case.summary.valid", lang))
    return EXIT_OK


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of a case file."""
    print(json.dumps(json_schema(), ensure_ascii=False, indent=2))
    return EXIT_OK


def cmd_import_debts(args: argparse.Namespace) -> int:
    """Append the debts of a CSV/XLSX file to a case, copying a sample into cases/ first."""
    source = resolve_case(args.into)
    case = load_case(source)
    lang = args.lang or case.language
    try:
        debts = read_debts(args.file)
    except OSError as exc:  # a folder, or a file the user may not read
        detail = exc.strerror or type(exc).__name__
        problem = Problem("", None, "errors.unreadable", {"detail": detail})
        raise CaseError([problem], source=args.file) from None
    updated = add_debts(case, debts)
    target, copied = writable_copy(source)
    if copied:
        print(t("cli.copied_sample", lang, target=target))
    save_case(updated, target)
    print(t("cli.imported", lang, count=len(debts), target=target))
    return EXIT_OK


def register(add) -> None:
    """Add this module's commands to the parser (see :func:`helpers.cli.build_parser`).

    >>> names = []
    >>> register(lambda name, handler: names.append(name) or _Stub())
    >>> names
    ['check', 'schema', 'import-debts']
    """
    check = add("check", cmd_check)
    check.add_argument("case")
    add("schema", cmd_schema)
    importer = add("import-debts", cmd_import_debts)
    importer.add_argument("file")
    importer.add_argument("--into", required=True)


class _Stub:
    def add_argument(self, *args, **kwargs):
        return None
