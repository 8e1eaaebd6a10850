"""The YAML of a case file: read within bounds, located line by line, written back in place.

A case file is small, flat and written by hand. Before anything is built from its text, one
streaming pass over the parser's events (:func:`yaml_problems`) refuses what a case never
needs and a hostile file uses: more than :data:`MAX_CASE_BYTES`, nesting deeper than
:data:`MAX_DEPTH`, anchors and aliases (an "alias bomb" expands a few lines into billions of
nodes), tags other than YAML's own, a key given twice. Scalars follow YAML 1.2 (ruamel.yaml):
``1:30:00`` and ``yes`` stay text, and dates are kept as text so that a bad date is a field
problem, not a crash.

Writing back (:func:`merged_text`) starts from the file as it is on disk: only the values that
changed are replaced, so the user's comments, key order, quotes and layout stay; a file whose
data did not change is written back byte for byte.

>>> yaml_problems("a: &x [1, 2]\\nb: *x\\n")[0].key
'errors.yaml_alias'
>>> data = load_yaml("as_of: 2025-04-01  # the day the numbers were read\\nphone: 1:30:00\\n")
>>> data["as_of"], data["phone"]
('2025-04-01', '1:30:00')
"""

from __future__ import annotations

import io
import re
from datetime import date
from decimal import Decimal
from enum import Enum
from typing import Any

import yaml as libyaml
from ruamel.yaml import YAML
from ruamel.yaml.constructor import RoundTripConstructor
from ruamel.yaml.error import YAMLError
from ruamel.yaml.representer import RoundTripRepresenter

from helpers.case.problems import format_path
from helpers.errors import Problem

__all__ = [
    "MAX_CASE_BYTES",
    "MAX_DEPTH",
    "yaml_problems",
    "syntax_problem",
    "load_yaml",
    "locate",
    "merged_text",
]

MAX_CASE_BYTES = 1_000_000  # a case with hundreds of debts is a few hundred kB
MAX_DEPTH = 16  # a case nests four levels (case, debts, a debt, its payment order)
MAX_EVENTS = 500_000  # scalars and collections: far beyond any real case
# the events pass runs on libyaml's parser (streaming, not recursive, and fast) where present
_EVENTS_LOADER = getattr(libyaml, "CSafeLoader", libyaml.SafeLoader)
_CORE_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = {_CORE_TAG + name for name in "str int float bool null timestamp map seq".split()}


class _TextDates(RoundTripConstructor):
    """YAML 1.2 scalars, except that a timestamp stays text (the model reads dates)."""


_TextDates.add_constructor(_CORE_TAG + "timestamp", lambda self, node: str(node.value))


class _Representer(RoundTripRepresenter):
    """Yuan with two decimals, enums as their values, tuples as lists, dates as dates, text of
    several lines as a literal block (an edited draft reads as it was written)."""


_Representer.add_representer(
    str,
    lambda r, v: r.represent_scalar(_CORE_TAG + "str", v, style="|" if "\n" in v else None),
)
_Representer.add_representer(
    Decimal, lambda r, v: r.represent_scalar(_CORE_TAG + "float", f"{v:.2f}")
)
_Representer.add_multi_representer(Enum, lambda r, v: r.represent_str(str(v.value)))
_Representer.add_representer(tuple, lambda r, v: r.represent_list(list(v)))
_Representer.add_representer(
    date, lambda r, v: r.represent_scalar(_CORE_TAG + "timestamp", v.isoformat())
)


def _yaml(*, dates_as_text: bool) -> YAML:
    yaml = YAML(typ="rt", pure=True)
    if dates_as_text:
        yaml.Constructor = _TextDates
    yaml.Representer = _Representer
    yaml.allow_duplicate_keys = True  # found first by yaml_problems, with their lines
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold a long description
    return yaml


def yaml_problems(text: str) -> list[Problem]:
    """What makes a text unfit to be read as a case, found without building anything from it:
    its size, its depth, anchors and aliases, foreign tags, keys given twice.

    >>> [p.key for p in yaml_problems("a: " + "[" * 100 + "]" * 100)]
    ['errors.yaml_too_deep']
    >>> problem = yaml_problems("debts:\\n  - id: d1\\n    id: d2\\n")[0]
    >>> problem.where, problem.line, problem.key
    ('debts[0].id', 3, 'errors.duplicate_key')
    """
    if len(text) > MAX_CASE_BYTES:
        return [Problem("", None, "errors.file_too_large", {"limit": _megabytes(MAX_CASE_BYTES)})]
    found: list[Problem] = []
    stack: list[list] = []  # per open collection: [path, keys seen or None, next key or index]
    try:
        for count, event in enumerate(libyaml.parse(text, Loader=_EVENTS_LOADER)):
            line = event.start_mark.line + 1
            if count > MAX_EVENTS:
                limit = _megabytes(MAX_CASE_BYTES)
                return [Problem("", None, "errors.file_too_large", {"limit": limit})]
            if isinstance(event, libyaml.AliasEvent) or getattr(event, "anchor", None):
                return [Problem(_where(stack), None, "errors.yaml_alias", line=line)]
            tag = getattr(event, "tag", None)
            if tag and str(tag) not in _PLAIN_TAGS:
                return [
                    Problem(_where(stack), None, "errors.yaml_tag", {"tag": str(tag)}, line=line)
                ]
            if isinstance(event, libyaml.CollectionStartEvent):
                path = _path_of(stack)
                _advance(stack)
                if len(stack) >= MAX_DEPTH:
                    params = {"limit": MAX_DEPTH}
                    return [Problem(format_path(path), None, "errors.yaml_too_deep", params,
                                    line=line)]  # fmt: skip
                mapping = isinstance(event, libyaml.MappingStartEvent)
                stack.append([path, set() if mapping else None, None if mapping else 0, True])
            elif isinstance(event, libyaml.CollectionEndEvent):
                stack.pop()
            elif isinstance(event, libyaml.ScalarEvent):
                frame = stack[-1] if stack else None
                if frame is not None and frame[1] is not None and frame[3]:  # a key
                    name = event.value
                    if name in frame[1]:
                        found.append(Problem(format_path((*frame[0], name)), name,
                                             "errors.duplicate_key", line=line))  # fmt: skip
                    frame[1].add(name)
                    frame[2], frame[3] = name, False
                else:
                    _advance(stack)
    except libyaml.YAMLError as exc:  # nothing is built from a text that does not parse
        if "nesting depth" in str(exc):
            return [Problem("", None, "errors.yaml_too_deep", {"limit": MAX_DEPTH})]
        return [syntax_problem(exc)]
    return found


def syntax_problem(exc: Exception) -> Problem:
    """A YAML syntax error as a problem, with its line and column.

    >>> syntax_problem(YAMLError("found a tab")).key
    'errors.yaml_syntax'
    """
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f"{mark.line + 1}:{mark.column + 1}" if mark else ""
    detail = getattr(exc, "problem", None) or str(exc)
    return Problem(where, None, "errors.yaml_syntax", {"detail": detail})


def _where(stack: list[list]) -> str:
    """The field the parser is at, as a message names it (``debts[0].id``)."""
    return format_path(_path_of(stack))


def _path_of(stack: list[list]) -> tuple:
    """The path of the value the parser is at: its collection's path and key or index."""
    if not stack:
        return ()
    path, keys, position, _ = stack[-1]
    return (*path, position) if position is not None else path


def _advance(stack: list[list]) -> None:
    """A value was read in the innermost collection: a mapping expects a key again, a sequence
    moves to its next item."""
    if not stack:
        return
    frame = stack[-1]
    if frame[1] is not None:
        frame[3] = not frame[3]  # a key, then its value
    else:
        frame[2] += 1


def _megabytes(size: int) -> str:
    return f"{size / 1_000_000:g} MB"


def load_yaml(text: str) -> Any:
    """The data of a text already checked by :func:`yaml_problems`; its mappings and lists know
    the lines they came from (:func:`locate`). Raises ruamel's ``YAMLError`` on bad syntax.

    >>> data = load_yaml("debts:\\n  - lender: 招商银行\\n")
    >>> data["debts"][0]["lender"], data["debts"].lc.item(0)[0] + 1   # the line of the debt
    ('招商银行', 2)
    """
    return _yaml(dates_as_text=True).load(text)


def locate(problem: Problem, root: Any) -> Problem:
    """The problem with the YAML line of the field it names (or of its nearest parent).

    >>> root = load_yaml("as_of: 2025-04-01\\ndebts:\\n  - lender: x\\n    principal: -1\\n")
    >>> locate(Problem("debts[0].principal", -1, "errors.negative_amount"), root).line
    4
    """
    if problem.line is not None or root is None or not hasattr(root, "lc"):
        return problem
    node, line = root, root.lc.line + 1
    for part in re.findall(r"[^.\[\]]+", problem.where):
        child = None
        if isinstance(node, dict) and part in node:
            child, line = node[part], node.lc.key(part)[0] + 1
        elif isinstance(node, list) and part.isdigit() and int(part) < len(node):
            child, line = node[int(part)], node.lc.item(int(part))[0] + 1
        if child is None or not hasattr(child, "lc"):
            break
        node = child
    return Problem(problem.where, problem.value, problem.key, problem.params, line=line)


def merged_text(base: str, old: dict, new: dict) -> str | None:
    """``base`` (a case file's text, whose data is ``old``) with the values that differ in
    ``new`` written into it; every other line, comment and quote kept. None when the base
    cannot be read back as it was.

    >>> base = "as_of: 2025-04-01  # when I read the statements\\nsavings: 100.00\\n"
    >>> print(merged_text(base, {"as_of": "2025-04-01", "savings": Decimal("100.00")},
    ...                   {"as_of": "2025-04-01", "savings": Decimal("250.50")}), end="")
    as_of: 2025-04-01  # when I read the statements
    savings: 250.50
    """
    yaml = _yaml(dates_as_text=False)
    mapping, sequence, offset = _indents(base)
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    try:
        tree = yaml.load(base)
    except (YAMLError, ValueError):
        return None
    if not isinstance(tree, dict):
        return None
    _apply(tree, _plain(old), _plain(new))
    out = io.StringIO()
    yaml.dump(tree, out)
    return out.getvalue()


def _apply(tree: Any, old: Any, new: Any) -> None:
    """Write into ``tree`` what changed from ``old`` to ``new`` (both plain data)."""
    if isinstance(tree, dict):
        for key in [k for k in tree if k in old and k not in new]:
            del tree[key]
        for key, value in new.items():
            before = old.get(key) if isinstance(old, dict) else None
            if key in old and before == value:
                continue
            if key in tree and _nested(tree[key], before, value):
                _apply(tree[key], before, value)
            else:
                tree[key] = _plain(value)
        return
    for index, value in enumerate(new):
        before = old[index] if index < len(old) else None
        if index < len(old) and before == value and index < len(tree):
            continue
        if index < len(tree) and _nested(tree[index], before, value):
            _apply(tree[index], before, value)
        elif index < len(tree):
            tree[index] = _plain(value)
        else:
            tree.append(_plain(value))
    del tree[len(new) :]


def _nested(node: Any, before: Any, value: Any) -> bool:
    """Whether a change can be written inside an existing collection (same kind throughout)."""
    return any(
        isinstance(value, kind) and isinstance(before, kind) and isinstance(node, kind)
        for kind in (dict, list)
    )


def _plain(value: Any) -> Any:
    """New data as ruamel writes it (tuples as lists, recursively)."""
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _indents(text: str) -> tuple[int, int, int]:
    """The file's indentation as ruamel's (mapping, sequence, offset): the first nested key's
    indent, and the first dash's offset under its key (2, 4, 2 by default, as cases are
    written)."""
    mapping, sequence, offset = 2, 4, 2
    lines = text.splitlines()
    for previous, line in zip(lines, lines[1:], strict=False):
        if not previous.rstrip().endswith(":") or not line.strip() or line.lstrip()[0] == "#":
            continue
        indent = len(line) - len(line.lstrip(" ")) - (len(previous) - len(previous.lstrip(" ")))
        if indent <= 0:
            continue
        if line.lstrip().startswith("- "):
            offset, sequence = indent, indent + 2
            break
        mapping = indent
    return mapping, sequence, offset
