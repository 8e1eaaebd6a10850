"""Plans written on one line, for the command line and scripts: ``ID=KIND[:key=value,…]``.

Keys are the plan's field names; amount fields (``amount``, ``down_payment``, ``low_payment``)
are written in yuan without their ``_fen`` suffix and accept "1.2万"; ``payments`` is a list of
amounts separated by ``/`` where ``AMOUNTxN`` repeats one N times; ``waive_penalty``,
``waive_charges`` and ``waive_interest`` (a share) add a waiver.

>>> debt_id, plan = parse_plan_spec("d3=reinstalment:term_months=24,annual_rate=6%,waive_penalty")
>>> debt_id, plan.term_months, plan.annual_rate, plan.waiver
('d3', 24, 0.06, Waiver(penalty=True, charges=False, interest_share=0.0, start=0))
"""

from __future__ import annotations

import dataclasses
import difflib
import typing

from helpers.errors import AmountError, Problem
from helpers.money import parse_amount
from helpers.plans.kinds import PLAN_KINDS, Plan, PlanError, Waiver

__all__ = ["parse_plan_spec", "parse_payments"]

_TRUE = {"yes", "true", "1", "y", "是"}
_FALSE = {"no", "false", "0", "n", "否"}


def parse_payments(text: str) -> tuple[int, ...]:
    """Amounts separated by ``/``; ``AMOUNTxN`` repeats an amount N times (fen out).

    >>> parse_payments("500x2/1.2千")
    (50000, 50000, 120000)
    """
    out: list[int] = []
    for part in text.split("/"):
        amount, _, times = part.strip().partition("x")
        out += [parse_amount(amount)] * (int(times) if times else 1)
    return tuple(out)


def _problem(spec: str, field: str, value: object, key: str, **params: object) -> PlanError:
    return PlanError([Problem(f"--plan {spec.split('=')[0]}.{field}", value, key, params)])


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
            waiver[name] = _convert(spec, key, raw, _WAIVER_HINTS[name])
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
        values[name] = _convert(spec, key, raw, hints[name])
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


def _convert(spec: str, key: str, raw: str, hint: object) -> object:
    raw = raw.strip()
    text = str(hint)
    try:
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
            return parse_amount(raw)
        if "int" in text and "float" not in text:
            return int(raw)
        if "float" in text:
            return float(raw.rstrip("%")) / (100 if raw.endswith("%") else 1)
        return raw
    except (ValueError, AmountError):
        raise _problem(spec, key, raw, "errors.plan_value") from None


_FEN_KEYS = {"amount_fen", "down_payment_fen", "low_payment_fen"}
_WAIVER_HINTS = typing.get_type_hints(Waiver)
