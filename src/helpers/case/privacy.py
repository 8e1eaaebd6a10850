"""Personal data stays private: which fields of a case are personal, and what a problem about one
may show.

The case model marks a field personal with ``json_schema_extra=PERSONAL`` (the person's name, ID
number and phone; each debt's guarantor and account number; the text of an edited draft, which
names the borrower), and that mark is the one rule:
everything here is read from it. A section made only of personal fields (``person``) is personal
as a whole, and so is whatever lies below a personal field.

A problem about a personal field carries its value masked (:meth:`helpers.errors.Problem.masked`),
whatever the problem is and wherever it comes from: a case file, the editor's forms, a spreadsheet
of debts. :func:`helpers.case.problems_from_validation` passes every problem through
:func:`redact`.

>>> personal_paths()
['person', 'person.name', 'person.id_number', 'person.phone', 'debts[].guarantor', \
'debts[].account_number', 'drafts[].text']
>>> from helpers.errors import Problem
>>> print(redact(Problem("person.id_number", 330106199003150011, "errors.not_text")).render("en"))
person.id_number: **************0011 is not text; write it as text
"""

from __future__ import annotations

import re
import typing
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from helpers.case.model import PERSONAL, Case
from helpers.case.problems import _unwrap
from helpers.errors import Problem

__all__ = ["personal_paths", "is_personal", "personal_values", "redact"]

Path = str | Sequence[str | int]


def personal_paths(model: type[BaseModel] = Case) -> list[str]:
    """Every personal field of a model, as a path (``[]`` for each item of a list).

    >>> from helpers.case import Debt
    >>> personal_paths(Debt)
    ['guarantor', 'account_number']
    """
    found: list[str] = []

    def walk(current: type[BaseModel], prefix: str) -> None:
        for name, info in current.model_fields.items():
            path = f"{prefix}.{info.alias or name}" if prefix else info.alias or name
            inner, items = _item_type(info.annotation)
            path += "[]" if items else ""
            if _marked(info) or _wholly_personal(inner):
                found.append(path)
            if _is_model(inner):
                walk(inner, path)

    walk(model, "")
    return found


def is_personal(path: Path, model: type[BaseModel] = Case) -> bool:
    """Whether a field path (``debts[2].guarantor``, or its parts) is, or lies in, a personal
    field of ``model`` (the case by default).

    >>> is_personal("person.phone"), is_personal("person"), is_personal("debts[0].guarantor")
    (True, True, True)
    >>> is_personal("debts[0].lender"), is_personal("household.size"), is_personal("")
    (False, False, False)
    >>> from helpers.case import Debt
    >>> is_personal(("account_number",), Debt)  # a row of an imported spreadsheet
    True
    """
    current: Any = model
    for part in _parts(path):
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
            continue
        if not _is_model(current):
            return False
        info = _field(current, part)
        if info is None:  # a field the model lacks: personal where every field is
            return _wholly_personal(current)
        if _marked(info) or _wholly_personal(_unwrap(info.annotation)):
            return True
        current = info.annotation
    return False


def personal_values(item: BaseModel) -> list[str]:
    """Every personal value a case (or a part of one) holds, as text.

    >>> from helpers.case import load_sample
    >>> personal_values(load_sample("li_na_illness"))
    ['李娜', '510104198711220024', '13900000002', '6226900000002468', '5218990000001357']
    """
    values: list[str] = []
    for name, info in type(item).model_fields.items():
        value = getattr(item, name)
        if value is None:
            continue
        if _marked(info):
            values.append(str(value))
        elif isinstance(value, BaseModel):
            if _wholly_personal(type(value)):
                fields = type(value).model_fields
                values += [str(getattr(value, f)) for f in fields if getattr(value, f) is not None]
            else:
                values += personal_values(value)
        elif isinstance(value, tuple):
            for part in value:
                if isinstance(part, BaseModel):
                    values += personal_values(part)
    return values


def redact(
    problem: Problem,
    model: type[BaseModel] | None = None,
    prefix: Sequence[str | int] = (),
) -> Problem:
    """The problem as it may be shown: masked when its field is personal in the case or, below
    ``prefix``, in ``model`` (the model validated, such as a debt read from a spreadsheet row).

    The value of a field the model lacks is its own name, already in the path: it stays.

    >>> from helpers.case import Debt
    >>> redact(Problem("account_number", 6225880000001234, "errors.not_text"), Debt).render("en")
    'account_number: ************1234 is not text; write it as text'
    >>> print(redact(Problem("person.nmae", "nmae", "errors.unknown_field_like",
    ...                      {"suggestion": "name"})).render("en"))
    person.nmae: 'nmae' is not a field here; did you mean name?
    """
    parts = _parts(problem.where)
    relative = parts[len(prefix) :] if list(parts[: len(prefix)]) == list(prefix) else None
    personal = is_personal(parts) or (
        model is not None and relative is not None and is_personal(relative, model)
    )
    if not personal or (parts and problem.value == parts[-1]):
        return problem
    return problem.masked()


def _parts(path: Path) -> list[str | int]:
    if isinstance(path, str):
        return [int(p) if p.isdigit() else p for p in re.findall(r"[^.\[\]]+", path)]
    return list(path)


def _marked(info: FieldInfo) -> bool:
    extra = info.json_schema_extra
    return isinstance(extra, dict) and all(extra.get(k) == v for k, v in PERSONAL.items())


def _is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def _wholly_personal(annotation: Any) -> bool:
    """A model whose every field is personal (the person): personal as a whole."""
    if not _is_model(annotation) or not annotation.model_fields:
        return False
    return all(_marked(info) for info in annotation.model_fields.values())


def _field(model: type[BaseModel], name: str) -> FieldInfo | None:
    return next(
        (info for key, info in model.model_fields.items() if name in (key, info.alias)), None
    )


def _item_type(annotation: Any) -> tuple[Any, bool]:
    """The type of a field, or of each item when it holds a list; and whether it does."""
    inner = _unwrap(annotation)
    if typing.get_origin(inner) in (tuple, list):
        return _unwrap(typing.get_args(inner)[0]), True
    return inner, False
