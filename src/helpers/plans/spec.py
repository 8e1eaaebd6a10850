"""Plans written on one line, for the command line and scripts: ``ID=KIND[:key=value,…]``.

Keys are the plan's field names; amount fields (``amount``, ``down_payment``, ``low_payment``)
are written in yuan without their ``_fen`` suffix and accept "1.2万"; ``payments`` is a list of
amounts separated by ``/`` where ``AMOUNTxN`` repeats one N times; ``waive_penalty``,
``waive_charges`` and ``waive_interest`` (a share) add a waiver.

Every value is bounded as it is read: terms of 1 to 600 months, months 0 to 600, rates and shares
from 0 to 1 (a rate above 0 is at least 0.00000001), amounts from 0 to 10,000,000,000.00 yuan,
at most 600 payments.

>>> debt_id, plan = parse_plan_spec("d3=reinstalment:term_months=24,annual_rate=6%,waive_penalty")
>>> debt_id, plan.term_months, plan.annual_rate, plan.waiver
('d3', 24, 0.06, Waiver(penalty=True, charges=False, interest_share=0.0, start=0))
"""

from __future__ import annotations

import dataclasses
import difflib
import math
import typing

from helpers.case import MAX_AMOUNT_TEXT, MAX_FEN, MIN_RATE, MIN_RATE_TEXT
from helpers.errors import AmountError, Problem
from helpers.money import parse_amount
from helpers.plans.kinds import PLAN_KINDS, Plan, PlanError, Waiver

__all__ = ["parse_plan_spec", "parse_payments"]

_TRUE = {"yes", "true", "1", "y", "是"}
_FALSE = {"no", "false", "0", "n", "否"}
MAX_MONTHS = 600  # the longest horizon: no term, month or schedule reaches past it
_TERMS = {"term_months", "months", "low_months"}
_MONTHS = {"month", "start"}
_RATES = {"annual_rate", "monthly_fee_rate", "discount", "interest_share"}


class _OutOfBounds(ValueError):
    """A value read but outside its bounds: the message key and its parameters."""

    def __init__(self, value: object, key: str, **params: object) -> None:
        super().__init__(key)
        self.value, self.key, self.params = value, key, params


def _amount(text: str) -> int:
    """An amount in yuan as fen, from 0 to the case files' bound."""
    try:
        fen = parse_amount(text)
    except ArithmeticError:  # more digits than a Decimal holds
        raise _OutOfBounds(text, "errors.too_large", maximum=MAX_AMOUNT_TEXT) from None
    if fen < 0:
        raise _OutOfBounds(text, "errors.negative_amount")
    if fen > MAX_FEN:
        raise _OutOfBounds(text, "errors.too_large", maximum=MAX_AMOUNT_TEXT)
    return fen


def parse_payments(text: str) -> tuple[int, ...]:
    """Amounts separated by ``/``; ``AMOUNTxN`` repeats an amount N times (fen out); at most
    600 payments.

    >>> parse_payments("500x2/1.2千")
    (50000, 50000, 120000)
    >>> parse_payments("500x99999999999")
    Traceback (most recent call last):
    ...
    helpers.plans.spec._OutOfBounds: errors.too_large
    """
    out: list[int] = []
    for part in text.split("/"):
        amount, _, times = part.strip().partition("x")
        count = int(times) if times else 1
        if not 1 <= count <= MAX_MONTHS - len(out):
            raise _OutOfBounds(part.strip(), "errors.too_large", maximum=MAX_MONTHS)
        out += [_amount(amount)] * count
    return tuple(out)


def _bounded(key: str, value: object) -> object:
    """A parsed value within the bounds of its field (see the module's notes)."""
    name = "interest_share" if key == "waive_interest" else key
    if name in _TERMS | _MONTHS and isinstance(value, int):
        least = 1 if name in _TERMS else 0
        if value < least:
            raise _OutOfBounds(value, "errors.too_small", minimum=least)
        if value > MAX_MONTHS:
            raise _OutOfBounds(value, "errors.too_large", maximum=MAX_MONTHS)
    if name in _RATES and isinstance(value, float):
        if not math.isfinite(value):
            raise _OutOfBounds(value, "errors.not_number")
        if value < 0:
            raise _OutOfBounds(value, "errors.negative_rate")
        if value > 1:
            raise _OutOfBounds(value, "errors.too_large", maximum=1)
        if 0 < value < MIN_RATE:
            raise _OutOfBounds(value, "errors.rate_too_small", minimum=MIN_RATE_TEXT)
    return value


def _problem(spec: str, field: str, value: object, key: str, **params: object) -> PlanError:
    return PlanError([Problem(f"--plan {spec.split('=')[0].strip()}.{field}", value, key, params)])


def parse_plan_spec(spec: str) -> tuple[str, Plan]:
    """Parse ``ID=KIND[:key=value,…]`` into the debt id and its plan.

    >>> parse_plan_spec("d1=settlement:month=2,discount=0.4")
    ('d1', Settlement(month=2, discount=0.4, amount_fen=None, start=0))
    >>> parse_plan_spec("d1=holiday:month=3")
    Traceback (most recent call last):
    ...
    helpers.plans.kinds.PlanError: --plan d1.month: 'month' is not a field here; did you mean ...
    """
    debt_id, sep, rest = spec.partition("=")
    if not sep or not debt_id.strip():
        raise _problem(spec, "spec", spec, "errors.plan_spec")
    kind, _, options = rest.partition(":")
    cls = PLAN_KINDS.get(kind.strip())
    if cls is None:
        close = difflib.get_close_matches(kind, PLAN_KINDS, n=1)
        raise _problem(
            spec,
            "kind",
            kind,
            "errors.bad_choice_like" if close else "errors.bad_choice",
            choices=", ".join(PLAN_KINDS),
            suggestion=close[0] if close else "",
        )
    fields = {f.name: f for f in dataclasses.fields(cls)}
    hints = typing.get_type_hints(cls)
    values: dict[str, object] = {}
    waiver: dict[str, object] = {}
    for item in filter(None, (x.strip() for x in options.split(","))):
        key, _, raw = item.partition("=")
        key = key.strip()
        if key in ("waive_penalty", "waive_charges", "waive_interest"):
            name = {"waive_interest": "interest_share"}.get(key, key.removeprefix("waive_"))
            waiver[name] = _convert(spec, kind.strip(), key, raw, _WAIVER_HINTS[name])
            continue
        name = key if key in fields else f"{key}_fen" if f"{key}_fen" in fields else None
        if name is None:
            known = [n.removesuffix("_fen") for n in fields]
            close = difflib.get_close_matches(key, known, n=1)
            raise _problem(
                spec,
                key,
                key,
                "errors.unknown_field_like" if close else "errors.unknown_field",
                suggestion=close[0] if close else "",
                known=", ".join(known),
            )
        values[name] = _convert(spec, kind.strip(), key, raw, hints[name])
    if waiver:
        defaults = {"penalty": False, "charges": False}
        values["waiver"] = Waiver(**{**defaults, **waiver})
    try:
        return debt_id.strip(), cls(**values)
    except TypeError:
        missing = [
            n for n, f in fields.items() if n not in values and f.default is dataclasses.MISSING
        ]
        raise _problem(spec, missing[0].removesuffix("_fen"), None, "errors.missing") from None


def _convert(spec: str, kind: str, key: str, raw: str, hint: object) -> object:
    try:
        return _bounded(key, _read(spec, key, raw.strip(), hint))
    except _OutOfBounds as exc:
        raise _problem(spec, f"{kind}.{key}", exc.value, exc.key, **exc.params) from None
    except (ValueError, AmountError):
        raise _problem(spec, key, raw.strip(), "errors.plan_value") from None


def _read(spec: str, key: str, raw: str, hint: object) -> object:
    text = str(hint)
    if key == "payments" or hint == tuple[int, ...]:
        return parse_payments(raw)
    if typing.get_origin(hint) is typing.Literal:
        choices = typing.get_args(hint)
        if raw not in choices:
            raise _problem(spec, key, raw, "errors.bad_choice", choices=", ".join(choices))
        return raw
    if hint is bool:
        if raw.lower() in _TRUE or raw == "":
            return True
        if raw.lower() in _FALSE:
            return False
        raise ValueError
    if key.endswith("_fen") or f"{key}_fen" in _FEN_KEYS:
        return _amount(raw)
    if "int" in text and "float" not in text:
        return int(raw)
    if "float" in text:
        return float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1)
    return raw


_FEN_KEYS = {"amount_fen", "down_payment_fen", "low_payment_fen"}
_WAIVER_HINTS = typing.get_type_hints(Waiver)
