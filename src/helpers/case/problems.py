"""Explain validation errors: pydantic's errors become :class:`~helpers.errors.Problem` s that
name the field path, the bad value and the fix, in both languages. The value of a personal field
is masked (:mod:`helpers.case.privacy`).

>>> from pydantic import ValidationError
>>> from helpers.case.model import Debt
>>> try:
...     Debt.model_validate({"id": "d1", "lender": "x", "kind": "bank_loan",
...                          "principal": 100, "annual_rate": 18})
... except ValidationError as exc:
...     print(problems_from_validation(exc, prefix=("debts", 2))[0].render("en"))
debts[2].annual_rate: 18 is not a fraction; did you mean 0.18?
"""

from __future__ import annotations

import difflib
import typing
from collections.abc import Sequence
from enum import Enum
from types import UnionType
from typing import Any

from pydantic import BaseModel, ValidationError

from helpers.errors import ELIDED, Problem

__all__ = ["problems_from_validation", "format_path"]

# pydantic error types → catalogue keys (``problem.<key>``)
_KEYS = {
    "missing": "missing",
    "extra_forbidden": "unknown_field",
    "int_parsing": "not_integer",
    "int_type": "not_integer",
    "int_from_float": "not_integer",
    "float_parsing": "not_number",
    "float_type": "not_number",
    "bool_parsing": "not_bool",
    "bool_type": "not_bool",
    "string_type": "not_text",
    "string_too_short": "empty_text",
    "string_pattern_mismatch": "bad_id",
    "literal_error": "bad_choice",
    "enum": "bad_choice",
    "date_parsing": "bad_date",
    "date_from_datetime_parsing": "bad_date",
    "date_from_datetime_inexact": "bad_date",
    "date_type": "bad_date",
    "greater_than_equal": "too_small",
    "greater_than": "too_small",
    "less_than_equal": "too_large",
    "less_than": "too_large",
    "too_short": "too_few",
    "list_type": "not_list",
    "tuple_type": "not_list",
    "model_type": "not_mapping",
    "model_attributes_type": "not_mapping",
    "dict_type": "not_mapping",
}


def format_path(loc: Sequence[str | int]) -> str:
    """A pydantic location as a field path people read.

    >>> format_path(("debts", 2, "annual_rate")), format_path(()), format_path(("as_of",))
    ('debts[2].annual_rate', '', 'as_of')
    """
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        else:
            text += f".{part}" if text else str(part)
    return text


def problems_from_validation(
    exc: ValidationError,
    *,
    prefix: tuple[str | int, ...] = (),
    model: type[BaseModel] | None = None,
) -> list[Problem]:
    """Every error of a pydantic validation, as problems with paths, values and fixes.

    Parameters
    ----------
    exc : ValidationError
        The error raised by ``Model.model_validate``.
    prefix : tuple
        Location of the validated object inside a larger one (``("debts", 2)``).
    model : type, optional
        The validated model, used to suggest a field name for a misspelt key.

    >>> from helpers.case.model import Household
    >>> try:
    ...     Household.model_validate({"size": 0, "area": "town"})
    ... except ValidationError as exc:
    ...     for p in problems_from_validation(exc, prefix=("household",)):
    ...         print(p.render("en"))
    household.size: 0 is too small; the least allowed is 1
    household.area: 'town' is not one of the choices: urban, rural

    A personal value is never echoed, whatever the problem:

    >>> from helpers.case.model import Person
    >>> try:
    ...     Person.model_validate({"name": ["张伟"], "id_number": 330106199003150011})
    ... except ValidationError as exc:
    ...     for p in problems_from_validation(exc, prefix=("person",)):
    ...         print(p.render("en"))
    person.name: '…' is not text; write it as text
    person.id_number: **************0011 is a number of 18 digits: written as a number it may \
already have lost its last digits (a spreadsheet keeps 15); check it and write it in quotes, \
e.g. '6225880000001234'
    """
    from helpers.case.privacy import redact

    model = model or _model_of(exc)
    found: list[Problem] = []
    for error in exc.errors(include_url=False):
        loc = prefix + tuple(_clean_loc(error["loc"]))
        found.extend(redact(p, model, prefix) for p in _explain(error, loc, model, len(prefix)))
    # pydantic drops the items that failed and then finds the list too short: say it once
    failed_items = {p.where.split("[")[0] for p in found if "[" in p.where}
    return [p for p in found if not (p.key == "errors.too_few" and p.where in failed_items)]


def _model_of(exc: ValidationError) -> type[BaseModel] | None:
    from helpers.case import model as case_model

    return getattr(case_model, exc.title, None)


def _clean_loc(loc: Sequence[Any]) -> list[str | int]:
    """Drop pydantic's internal location parts (validator and union tags)."""
    return [p for p in loc if isinstance(p, int) or "[" not in str(p) and "-" not in str(p)]


def _explain(error: dict[str, Any], loc: tuple, model: Any, skip: int) -> list[Problem]:
    kind = error["type"]
    ctx = dict(error.get("ctx") or {})
    value = error.get("input")
    if kind == "several":
        return [
            Problem(format_path(loc + (field,)), val, f"errors.{key}", params)
            for field, val, key, params in ctx["problems"]
        ]
    key = _KEYS.get(kind, kind)
    params: dict[str, Any] = {}
    if key == "missing":
        value = None
    elif key == "unknown_field":
        known = _field_names(model, loc[skip:-1])
        close = difflib.get_close_matches(str(loc[-1]), known, n=1, cutoff=0.6)
        key = "unknown_field_like" if close else "unknown_field"
        params = {"suggestion": close[0] if close else "", "known": ", ".join(known)}
        value = loc[-1]
    elif key == "bad_choice":
        choices = _choices(model, loc[skip:], ctx)
        close = difflib.get_close_matches(str(value), choices.split(", "), n=1, cutoff=0.5)
        key = "bad_choice_like" if close else key
        params = {"choices": choices, "suggestion": close[0] if close else ""}
    elif key in ("too_small", "too_large"):
        params = {"minimum": ctx.get("ge", ctx.get("gt")), "maximum": ctx.get("le", ctx.get("lt"))}
    elif key == "too_few":
        params = {"minimum": ctx.get("min_length")}
    elif key == "not_mapping" and value is None:
        key = "missing"
    elif f"errors.{key}" not in _catalogue_keys():
        key, params = "invalid", {"detail": error.get("msg", kind)}
    else:
        params = {k: v for k, v in ctx.items() if isinstance(v, str | int | float)}
    if isinstance(value, dict | list):
        value = ELIDED
    return [Problem(format_path(loc), value, f"errors.{key}", params)]


def _catalogue_keys() -> set[str]:
    from helpers.i18n import catalogue

    return set(catalogue())


def _annotation_at(model: Any, loc: Sequence[str | int]) -> Any:
    """Follow a location through model annotations; None when it leaves the models."""
    current: Any = model
    for part in loc:
        current = _unwrap(current)
        if isinstance(part, int):
            args = typing.get_args(current)
            current = args[0] if args else None
            continue
        if not (isinstance(current, type) and issubclass(current, BaseModel)):
            return None
        for name, info in current.model_fields.items():
            if part in (name, info.alias):
                current = info.annotation
                break
        else:
            return None
    return _unwrap(current)


def _unwrap(annotation: Any) -> Any:
    """``X | None`` → X; ``Annotated[X, …]`` → X."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _unwrap(typing.get_args(annotation)[0])
    if origin in (typing.Union, UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return _unwrap(args[0]) if len(args) == 1 else annotation
    return annotation


def _field_names(model: Any, loc: Sequence[str | int]) -> list[str]:
    target = _annotation_at(model, loc) if model else None
    if isinstance(target, type) and issubclass(target, BaseModel):
        return [info.alias or name for name, info in target.model_fields.items()]
    return []


def _choices(model: Any, loc: Sequence[str | int], ctx: dict[str, Any]) -> str:
    target = _annotation_at(model, loc) if model else None
    if isinstance(target, type) and issubclass(target, Enum):
        return ", ".join(str(member.value) for member in target)
    if typing.get_origin(target) is typing.Literal:
        return ", ".join(str(v) for v in typing.get_args(target))
    return str(ctx.get("expected", "")).replace("'", "")
