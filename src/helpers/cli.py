"""The command line: ``python -m helpers COMMAND …`` for advisors, scripts and batch runs.

Every error a user can cause prints a message that names the field, the value and the fix, and
exits with status 2; nothing prints a traceback unless ``--debug`` is given.

>>> main(["check", "zhang_wei_unemployed", "--lang", "en"])  # doctest: +ELLIPSIS
Case summary: ...zhang_wei_unemployed.yaml
...
0
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.case import (
    add_debts,
    json_schema,
    list_samples,
    load_case,
    read_debts,
    save_case,
    writable_copy,
)
from helpers.errors import CaseError, Problem, WorkbenchError
from helpers.i18n import normalize_language, t
from helpers.summary import debts_frame, summary_rows

__all__ = ["main", "resolve_case", "EXIT_OK", "EXIT_USER_ERROR", "EXIT_INTERNAL"]

EXIT_OK, EXIT_INTERNAL, EXIT_USER_ERROR = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    """argparse, but usage errors exit 2 with a one-line hint rather than raising SystemExit
    mid-way through a caller's code."""

    def error(self, message: str) -> None:  # pragma: no cover - exercised through main()
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message}\n")


def resolve_case(name: str) -> Path:
    """The file a case argument names: a path, a sample name, or a name in ``cases/``.

    >>> resolve_case("li_na_illness").name
    'li_na_illness.yaml'
    >>> resolve_case("nobody")
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: no case named 'nobody'; give a file path, or one of the samples: ...
    """
    path = Path(name)
    if path.exists() or path.suffix.lower() in (".yaml", ".yml") or os.sep in name:
        return path
    for folder in (paths.CASES_DIR, paths.SAMPLES_DIR):
        candidate = folder / f"{name}.yaml"
        if candidate.exists():
            return candidate
    raise CaseError(
        [
            Problem(
                "",
                None,
                "cli.case_not_found",
                {"name": repr(name), "samples": ", ".join(list_samples())},
            )
        ]
    )


def language(text: str) -> str:
    """A ``--lang`` value: zh-CN or en (``zh``, ``en_US`` and the like are accepted).

    >>> language("zh")
    'zh-CN'
    """
    return normalize_language(text)


def _default_language() -> str:
    for variable in ("WORKBENCH_LANG", "LC_ALL", "LANG"):
        value = os.environ.get(variable, "")
        if value.lower().startswith(("zh", "en")):
            return normalize_language(value)
    return "en"


def _print_frame(frame: pd.DataFrame) -> None:
    with pd.option_context(
        "display.unicode.east_asian_width",
        True,
        "display.width",
        120,
        "display.float_format",
        "{:,.2f}".format,
        "display.max_columns",
        20,
    ):
        print(frame.to_string(index=False))


def cmd_check(args: argparse.Namespace) -> int:
    """Validate a case and print a one-screen summary."""
    path = resolve_case(args.case)
    case = load_case(path)
    lang = args.lang or case.language
    print(t("summary.title", lang, source=path))
    rows = summary_rows(case, lang)
    width = max(len(label) for label, _ in rows)
    for label, value in rows:
        print(f"  {label.ljust(width)}  {value}")
    print()
    _print_frame(debts_frame(case, lang))
    print()
    print(t("summary.valid", lang))
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
    debts = read_debts(args.file)
    updated = add_debts(case, debts)
    target, copied = writable_copy(source)
    if copied:
        print(t("cli.copied_sample", lang, target=target))
    save_case(updated, target)
    print(t("cli.imported", lang, count=len(debts), target=target))
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with every command.

    >>> sorted(build_parser()._subparsers._group_actions[0].choices)[:3]
    ['check', 'import-debts', 'schema']
    """
    parser = _Parser(prog="python -m helpers", description=t("cli.description", "en"))
    parser.add_argument(
        "--lang", type=language, default=None, help="zh-CN or en (default: the case's language)"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add(
        name: str, handler: Callable[[argparse.Namespace], int], help_text: str
    ) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--lang", type=language, default=argparse.SUPPRESS, help="zh-CN or en")
        sub.set_defaults(handler=handler)
        return sub

    check = add("check", cmd_check, "validate a case and print its summary")
    check.add_argument("case", help="a case file, a sample name or a name in cases/")
    add("schema", cmd_schema, "print the JSON Schema of a case file")
    importer = add(
        "import-debts", cmd_import_debts, "add the debts of a CSV or XLSX file to a case"
    )
    importer.add_argument("file", help="the .csv or .xlsx file")
    importer.add_argument("--into", required=True, help="the case to add them to")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the exit status (0 ok, 2 bad input, 1 internal fault).

    >>> main(["schema"])  # doctest: +ELLIPSIS
    {
      "$defs": ...
    0
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    fallback = args.lang or _default_language()
    try:
        return args.handler(args)
    except WorkbenchError as exc:
        print(exc.render(fallback), file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # a fault of the program: say so, without a traceback
        if args.debug:
            raise
        detail = f"{type(exc).__name__}: {exc}"
        print(t("problem.internal", fallback, detail=detail), file=sys.stderr)
        return EXIT_INTERNAL
