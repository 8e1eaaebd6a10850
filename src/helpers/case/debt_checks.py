"""Checks across a debt's fields that no single field can make: one rate and only one, card
fields on cards only, parts no larger than their wholes.

Each problem is ``(field, value, problem type, params)``; the case model turns them into
validation errors that name the field (see :mod:`helpers.case.problems`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from helpers.case.kinds import LenderKind
from helpers.errors import ChoiceName, FieldName, NameList

if TYPE_CHECKING:
    from helpers.case.model import Debt

__all__ = ["RATE_FIELDS", "CARD_FIELDS", "debt_problems"]

RATE_FIELDS = ("annual_rate", "daily_rate", "monthly_fee_rate")
# the fields and choices messages name (a page shows their labels, the command line the keys)
_NO_RATE = {name: FieldName(name) for name in RATE_FIELDS} | {
    "interest_free": FieldName("annual_rate", value=0)
}
_CARD = {"card": ChoiceName(LenderKind.CREDIT_CARD.value, "case.lender_kind")}
_PLATFORM = {"platform": ChoiceName(LenderKind.ONLINE_PLATFORM.value, "case.lender_kind")}
_BILLING, _TERM = FieldName("billing"), FieldName("remaining_term_months")
CARD_FIELDS = ("credit_limit", "statement_day", "cash_advance", "minimum_due", "minimum_unpaid")


def debt_problems(debt: Debt) -> list[tuple[str, Any, str, dict[str, Any]]]:
    """Checks across a debt's fields: ``(field, value, problem type, params)`` for each.

    >>> from helpers.case import Debt
    >>> d = Debt.model_construct(id="d1", lender="x", kind=LenderKind.BANK_LOAN,
    ...     principal_fen=100, annual_rate=0.1, daily_rate=0.0005, monthly_fee_rate=None)
    >>> [p[2] for p in debt_problems(d)]
    ['two_rates']
    """
    found: list[tuple[str, Any, str, dict[str, Any]]] = []
    given = [name for name in RATE_FIELDS if getattr(debt, name, None) is not None]
    if not given:
        found.append(("annual_rate", None, "no_rate", dict(_NO_RATE)))
    elif len(given) > 1:
        found.append(
            (
                given[1],
                getattr(debt, given[1]),
                "two_rates",
                {"fields": NameList(map(FieldName, given))},
            )
        )
    if getattr(debt, "monthly_fee_rate", None) is not None:
        for name, alias in (
            ("original_principal_fen", "original_principal"),
            ("original_term_months", "original_term_months"),
        ):
            if getattr(debt, name, None) is None:
                found.append((alias, None, "fee_needs_original", {}))
    billed = getattr(debt, "billing", None) == "monthly"
    if debt.kind != LenderKind.CREDIT_CARD:
        for alias in CARD_FIELDS:
            if alias == "statement_day" and billed:
                continue  # a monthly bill has a bill day too
            name = alias if alias == "statement_day" else alias + "_fen"
            value = getattr(debt, name, None)
            if value is not None:
                found.append((alias, _yuan_or_value(name, value), "card_only", dict(_CARD)))
    if billed and debt.kind != LenderKind.ONLINE_PLATFORM:
        params = {"billing": _BILLING, **_PLATFORM}
        found.append(("billing", "monthly", "monthly_bill_platform_only", params))
    elif billed and getattr(debt, "remaining_term_months", None) is not None:
        monthly = FieldName("billing", value=ChoiceName("monthly", "ui.billing"))
        params = {"monthly_bill": monthly, "term": _TERM, "billing": _BILLING}
        found.append(
            ("remaining_term_months", debt.remaining_term_months, "monthly_bill_no_term", params)
        )
    if getattr(debt, "instalment_fen", None) is not None and (
        getattr(debt, "remaining_term_months", None) is None
    ):
        value = _yuan_or_value("x_fen", debt.instalment_fen)
        params = {"term": _TERM, "instalment": FieldName("instalment")}
        found.append(("instalment", value, "instalment_no_term", params))
    if debt.kind != LenderKind.ONLINE_PLATFORM and getattr(debt, "funder_kind", None) is not None:
        found.append(("funder_kind", debt.funder_kind.value, "platform_only", dict(_PLATFORM)))
    remaining = getattr(debt, "remaining_term_months", None)
    original = getattr(debt, "original_term_months", None)
    if remaining is not None and original is not None and remaining > original:
        found.append(
            ("remaining_term_months", remaining, "remaining_over_original", {"original": original})
        )
    lent = getattr(debt, "original_principal_fen", None) or debt.principal_fen
    fee = getattr(debt, "upfront_fee_fen", 0) or 0
    if fee and fee >= lent:
        found.append(
            (
                "upfront_fee",
                _yuan_or_value("x_fen", fee),
                "fee_over_loan",
                {"lent": f"{lent / 100:.2f}"},
            )
        )
    cash = getattr(debt, "cash_advance_fen", None)
    if cash is not None and cash > debt.principal_fen:
        found.append(
            (
                "cash_advance",
                _yuan_or_value("x_fen", cash),
                "part_over_whole",
                {"whole": FieldName("principal")},
            )
        )
    minimum, unpaid = (
        getattr(debt, "minimum_due_fen", None),
        getattr(debt, "minimum_unpaid_fen", None),
    )
    if minimum is not None and unpaid is not None and unpaid > minimum:
        found.append(
            (
                "minimum_unpaid",
                _yuan_or_value("x_fen", unpaid),
                "part_over_whole",
                {"whole": FieldName("minimum_due")},
            )
        )
    return found


def _yuan_or_value(name: str, value: Any) -> Any:
    return value / 100 if name.endswith("_fen") and isinstance(value, int) else value
