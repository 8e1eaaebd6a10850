"""The command line: ``python -m helpers COMMAND …`` for advisors, scripts and batch runs.

Commands live in the modules ``helpers/cli/*_commands.py``; each has a ``register(add)``
function that adds its subcommands. Every error a user can cause prints a message that names the
field, the value and the fix, and exits with status 2; nothing prints a traceback unless
``--debug`` is given. Options are checked by their argparse types (:func:`horizon` for every
``--horizon``), and whatever a command prints passes through :func:`escape_controls`, so a
lender's name cannot move the cursor or recolour the terminal.

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
import re
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from helpers.case import find_case, load_case
from helpers.engine import MAX_HORIZON
from helpers.errors import WorkbenchError
from helpers.i18n import catalogue, normalize_language, t

__all__ = [
    "main",
    "build_parser",
    "help_language",
    "resolve_case",
    "language",
    "default_language",
    "print_frame",
    "horizon",
    "argument_names",
    "escape_controls",
    "EXIT_OK",
    "EXIT_USER_ERROR",
    "EXIT_INTERNAL",
    "write_drafts",
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

    >>> import os
    >>> os.environ["WORKBENCH_LANG"] = "zh_CN.UTF-8"
    >>> default_language()
    'zh-CN'
    >>> del os.environ["WORKBENCH_LANG"]
    """
    for variable in ("WORKBENCH_LANG", "LC_ALL", "LANG"):
        value = os.environ.get(variable, "")
        if value.lower().startswith(("zh", "en")):
            return normalize_language(value)
    return "en"


def argument_names(register: Callable[[Callable[..., Any]], None]) -> list[str]:
    """The first name of each argument a command module's ``register`` adds, in order: what a
    command takes, read without building a parser.

    >>> def register(add):
    ...     sub = add("demo", print)
    ...     sub.add_argument("case")
    ...     sub.add_argument("--json", action="store_true")
    >>> argument_names(register)
    ['case', '--json']
    """
    added: list[str] = []

    class _Command:
        def add_argument(self, *names: str, **_options: Any) -> None:
            added.append(names[0])

    register(lambda _name, _handler: _Command())
    return added


def horizon(text: str) -> int:
    """A ``--horizon`` value: a whole number of months from 1 to 600, the same rule for every
    command (the argparse type of each ``--horizon``).

    >>> horizon("24")
    24
    >>> horizon("0")
    Traceback (most recent call last):
    ...
    helpers.errors.WorkbenchError: a horizon of 0 months cannot be used; use 1 to 600 months
    """
    words = text.strip()
    if not (words.isascii() and words.isdigit() and len(words) <= 4):
        raise WorkbenchError(key="engine.bad_horizon", horizon=text, maximum=MAX_HORIZON)
    months = int(words)
    if not 1 <= months <= MAX_HORIZON:
        raise WorkbenchError(key="engine.bad_horizon", horizon=text, maximum=MAX_HORIZON)
    return months


# What a terminal would obey rather than show: C0 controls but tab and newline, DEL, C1 controls
# (ESC [ alone as U+009B), line and paragraph separators, and the bidirectional marks and
# overrides that reorder what follows them.
_CONTROLS = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028-\u202e\u2066-\u2069]")


def escape_controls(text: str) -> str:
    r"""Text safe to print: each control character written as ``\uXXXX``, the way JSON writes
    it, so the reader sees what the file holds and the terminal obeys nothing.

    >>> escape_controls("招商银行\x1b[31m\u202e\r\tend\n")
    '招商银行\\u001b[31m\\u202e\\u000d\tend\n'
    """
    return _CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


class _Escaping:
    """A text stream that writes through :func:`escape_controls`; main() puts stdout and stderr
    behind it while a command runs, so every command's output follows the one rule."""

    def __init__(self, stream) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape_controls(text))
        return len(text)

    def __getattr__(self, name: str):
        return getattr(self._stream, name)


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


class _Command:
    """A subcommand's parser whose arguments take their help from the catalogue: the key
    ``cli.<command>.arg.<argument>``, else the shared ``cli.arg.<argument>``."""

    def __init__(self, parser: argparse.ArgumentParser, command: str, lang: str) -> None:
        self.parser, self.command, self.lang = parser, command, lang

    def add_argument(self, *names: str, **kwargs) -> argparse.Action:
        if "help" not in kwargs:
            kwargs["help"] = _help(self.command, names[0].lstrip("-").replace("-", "_"), self.lang)
        return self.parser.add_argument(*names, **kwargs)


def _help(command: str, argument: str, lang: str) -> str:
    """The help of an argument in ``lang`` (``%`` escaped for argparse)."""
    specific = f"cli.{command.replace('-', '_')}.arg.{argument}"
    key = specific if specific in catalogue() else f"cli.arg.{argument}"
    return t(key, lang).replace("%", "%%")


class _Formatter(argparse.HelpFormatter):
    """argparse's layout, with the usage line's prefix in the reader's language."""

    def __init__(self, prog: str, *, usage: str = "usage: ") -> None:
        super().__init__(prog)
        self.usage_prefix = usage

    def add_usage(self, usage, actions, groups, prefix=None) -> None:  # noqa: D102
        super().add_usage(usage, actions, groups, self.usage_prefix if prefix is None else prefix)


def _localise(parser: argparse.ArgumentParser, lang: str) -> None:
    """argparse's own words (section titles, the help flag) in ``lang``."""
    parser.formatter_class = lambda prog: _Formatter(prog, usage=t("cli.usage", lang))
    parser._positionals.title = t("cli.positionals", lang)
    parser._optionals.title = t("cli.options", lang)
    parser.add_argument("-h", "--help", action="help", help=t("cli.arg.help", lang))


def build_parser(lang: str = "en") -> argparse.ArgumentParser:
    """The argument parser with the commands of every ``*_commands`` module, its help in
    ``lang`` (the words come from the catalogue: ``cli.*``).

    What does ``check`` do, in Chinese?

    >>> commands = build_parser("zh-CN")._subparsers._group_actions[0].choices
    >>> commands["check"].description
    '检查一个案例是否有效，并打印概要'
    >>> {"check", "schema", "import-debts"} <= set(commands)
    True
    """
    parser = _Parser(
        prog="python -m helpers", description=t("cli.description", lang), add_help=False
    )
    _localise(parser, lang)
    parser.add_argument("--lang", type=language, default=None, help=t("cli.arg.lang_main", lang))
    parser.add_argument("--debug", action="store_true", help=t("cli.arg.debug", lang))
    commands = parser.add_subparsers(
        dest="command", required=True, parser_class=_Parser, title=t("cli.commands", lang)
    )

    def add(name: str, handler: Handler) -> _Command:
        text = t(f"cli.{name.replace('-', '_')}.help", lang)
        sub = commands.add_parser(name, help=text, description=text, add_help=False)
        _localise(sub, lang)
        command = _Command(sub, name, lang)
        command.add_argument("--lang", type=language, default=argparse.SUPPRESS)
        sub.set_defaults(handler=handler)
        return command

    for module in _command_modules():
        importlib.import_module(module).register(add)
    return parser


def help_language(argv: Sequence[str]) -> str:
    """The language to speak before a case is read: ``--lang``, else the language of a case
    named on the command line, else the environment (:func:`default_language`).

    >>> help_language(["check", "--lang", "zh"]), help_language(["check", "li_na_illness"])
    ('zh-CN', 'zh-CN')
    """
    for k, word in enumerate(argv):
        value = argv[k + 1] if word == "--lang" and k + 1 < len(argv) else None
        if word.startswith("--lang="):
            value = word.split("=", 1)[1]
        if value:
            try:
                return normalize_language(value)
            except ValueError:
                break
    for word in argv:
        if word.startswith("-"):
            continue
        try:
            return load_case(find_case(word)).language
        except (WorkbenchError, OSError, ValueError):
            continue
    return default_language()


def main(argv: Sequence[str] | None = None) -> int:
    """Run a command; returns the exit status (0 ok, 2 bad input, 1 internal fault).

    >>> main(["schema"])  # doctest: +ELLIPSIS
    {
      "$defs": ...
    0
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    stdout, stderr = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Escaping(stdout), _Escaping(stderr)
    try:
        return _run(argv)
    except BrokenPipeError:  # the reader stopped early (``| head``): not an error
        stdout = open(os.devnull, "w")  # noqa: SIM115 - silence the final flush
        return EXIT_OK
    finally:
        sys.stdout, sys.stderr = stdout, stderr


def _run(argv: list[str]) -> int:
    lang = help_language(argv)
    parser = build_parser(lang)
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # --help (0) or a usage error, already explained (2)
        return exc.code if isinstance(exc.code, int) else EXIT_USER_ERROR
    except WorkbenchError as exc:  # an option's type refused its value (see :func:`horizon`)
        print(exc.render(lang), file=sys.stderr)
        return EXIT_USER_ERROR
    fallback = args.lang or help_language(argv)  # the case's language when one is named
    try:
        return args.handler(args)
    except BrokenPipeError:
        raise
    except WorkbenchError as exc:
        print(exc.render(fallback), file=sys.stderr)
        return EXIT_USER_ERROR
    except Exception as exc:  # a fault of the program: say so, without a traceback
        if args.debug:
            raise
        detail = f"{type(exc).__name__}: {exc}"
        print(t("errors.internal", fallback, detail=detail), file=sys.stderr)
        return EXIT_INTERNAL


# the drafts a notebook exports too (its module imports this one's names: imported last)
from helpers.cli.propose_commands import write_drafts  # noqa: E402
