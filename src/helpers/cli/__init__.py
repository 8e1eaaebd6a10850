"""The command line: ``python -m helpers COMMAND …`` for advisors, scripts and batch runs.

Commands live in the modules ``helpers/cli/*_commands.py``; each has a ``register(add)``
function that adds its subcommands. Every error a user can cause prints a message that names the
field, the value and the fix, and exits with status 2; nothing prints a traceback unless
``--debug`` is given.

>>> main(["check", "zhang_wei_unemployed", "--lang", "en"])  # doctest: +ELLIPSIS
Case summary: ...zhang_wei_unemployed.yaml
...
0
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

import pandas as pd

from helpers.case import find_case
from helpers.errors import WorkbenchError
from helpers.i18n import normalize_language, t

__all__ = [
    "main",
    "build_parser",
    "resolve_case",
    "language",
    "default_language",
    "print_frame",
    "EXIT_OK",
    "EXIT_USER_ERROR",
    "EXIT_INTERNAL",
]

EXIT_OK, EXIT_INTERNAL, EXIT_USER_ERROR = 0, 1, 2
Handler = Callable[[argparse.Namespace], int]


class _Parser(argparse.ArgumentParser):
    """argparse, with usage errors exiting 2 after a one-line hint."""

    def error(self, message: str) -> None:  # pragma: no cover - exercised through main()
        self.print_usage(sys.stderr)
        self.exit(EXIT_USER_ERROR, f"{self.prog}: error: {message}\n")


def resolve_case(name: str) -> Path:
    """The file a case argument names (see :func:`helpers.case.find_case`).

    >>> resolve_case("li_na_illness").name
    'li_na_illness.yaml'
    """
    return find_case(name)


def language(text: str) -> str:
    """A ``--lang`` value: zh-CN or en (``zh``, ``en_US`` and the like are accepted).

    >>> language("zh")
    'zh-CN'
    """
    return normalize_language(text)


def default_language() -> str:
    """The language for messages before a case is read: ``WORKBENCH_LANG``, then the locale.

    >>> default_language() in ("zh-CN", "en")
    True
    """
    for variable in ("WORKBENCH_LANG", "LC_ALL", "LANG"):
        value = os.environ.get(variable, "")
        if value.lower().startswith(("zh", "en")):
            return normalize_language(value)
    return "en"


def print_frame(frame: pd.DataFrame) -> None:
    """Print a table aligned for Chinese text, amounts with two decimals.

    >>> print_frame(pd.DataFrame({"出借方": ["招商银行"], "owed": [1234.5]}))
      出借方     owed
    招商银行 1,234.50
    """
    options = (
        "display.unicode.east_asian_width",
        True,
        "display.width",
        120,
        "display.max_columns",
        30,
        "display.float_format",
        "{:,.2f}".format,
    )
    with pd.option_context(*options):
        print(frame.to_string(index=False))


def _command_modules() -> list[str]:
    return sorted(
        info.name
        for info in pkgutil.iter_modules(__path__, f"{__name__}.")
        if info.name.endswith("_commands")
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser with the commands of every ``*_commands`` module.

    >>> commands = build_parser()._subparsers._group_actions[0].choices
    >>> {"check", "schema", "import-debts"} <= set(commands)
    True
    """
    parser = _Parser(prog="python -m helpers", description=t("cli.description", "en"))
    parser.add_argument(
        "--lang", type=language, default=None, help="zh-CN or en (default: the case's language)"
    )
    parser.add_argument("--debug", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        sub = commands.add_parser(name, help=help_text, description=help_text)
        sub.add_argument("--lang", type=language, default=argparse.SUPPRESS, help="zh-CN or en")
        sub.set_defaults(handler=handler)
        return sub

    for module in _command_modules():
        importlib.import_module(module).register(add)
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
    fallback = args.lang or default_language()
    try:
        return args.handler(args)
    except BrokenPipeError:  # the reader stopped early (``| head``): not an error
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return EXIT_OK
    except WorkbenchError as exc:
        print(exc.render(fallback), file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # a fault of the program: say so, without a traceback
        if args.debug:
            raise
        detail = f"{type(exc).__name__}: {exc}"
        print(t("problem.internal", fallback, detail=detail), file=sys.stderr)
        return EXIT_INTERNAL
