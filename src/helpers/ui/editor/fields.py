"""What the case editor shows for each field of a case: the control, the group, the choices.

Plain data, no widgets: the editor builds its forms from these specs, and the draft functions
(:mod:`helpers.ui.editor.draft`) convert values by them. Field names are the keys of the case
file (``principal``, not ``principal_fen``).

>>> spec = FIELDS["debts"]["annual_rate"]
>>> spec.control, spec.group, spec.label_key
('rate', 'rate', 'ui.field.annual_rate')
>>> [s.name for s in SECTIONS["incomes"]]
['kind', 'amount', 'from', 'to', 'note']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from helpers.case import (
    Area,
    CostCategory,
    EvidenceKind,
    EvidenceStatus,
    FunderKind,
    HardshipKind,
    IncomeKind,
    LenderKind,
)

__all__ = [
    "CONTROLS",
    "FieldSpec",
    "SECTIONS",
    "FIELDS",
    "OBJECT_SECTIONS",
    "LIST_SECTIONS",
    "DEBT_GROUPS",
]

# The control of each kind of field, and what the draft holds for it:
# text, longtext, amount, rate, number, whole, month → the text as typed ("" when empty);
# date → the text as typed, YYYY-MM-DD; int → an int (IntText); choice → a value or None
# (Dropdown); order → the payment order as text, in the page's language ("费用、罚息、利息、本金"),
# keys or labels of either language accepted.
CONTROLS = (
    "text",
    "longtext",
    "amount",
    "rate",
    "number",
    "whole",
    "int",
    "date",
    "month",
    "choice",
    "order",
)


@dataclass(frozen=True)
class FieldSpec:
    """One field of a form.

    Attributes
    ----------
    name : str
        The key in the case file (``principal``, ``from``).
    control : str
        One of :data:`CONTROLS`.
    group : str
        The group of a debt's form it is shown in (``basic``, ``amounts``, ``rate``, ``terms``,
        ``card``, ``personal``); empty elsewhere.
    choices : tuple
        The values of a choice field.
    labels : str or None
        The label group of the choices (:func:`helpers.i18n.label`); None shows the values.
    required : bool
        A required choice offers no empty entry.
    only : str or None
        The lender kind the field belongs to; the field is shown for that kind, or when it holds
        a value (so a problem with it can be seen and fixed).
    label : str
        The catalogue key of the field's label; ``field.<name>`` unless given.
    per : str or None
        The period a rate is quoted by (``year``, ``month``, ``day``), shown with its example
        and its percentage; None for a rate of an amount (a late charge).
    """

    name: str
    control: str
    group: str = ""
    choices: tuple[Any, ...] = ()
    labels: str | None = None
    required: bool = False
    only: str | None = None
    label: str = ""
    per: str | None = None

    @property
    def label_key(self) -> str:
        """The catalogue key of the field's label.

        >>> FieldSpec("kind", "choice", label="ui.field.income_kind").label_key
        'ui.field.income_kind'
        >>> FieldSpec("principal", "amount").label_key
        'ui.field.principal'
        """
        return self.label or f"ui.field.{self.name}"


def _choice(
    name: str, enum: Any, labels: str, *, required: bool = True, **extra: Any
) -> FieldSpec:
    return FieldSpec(
        name,
        "choice",
        choices=tuple(member.value for member in enum),
        labels=labels,
        required=required,
        **extra,
    )


_FLAG = {"choices": (True, False), "labels": "ui.flag"}
_CARD = {"group": "card", "only": LenderKind.CREDIT_CARD.value}

SECTIONS: dict[str, tuple[FieldSpec, ...]] = {
    "case": (
        FieldSpec("as_of", "date"),
        FieldSpec(
            "language", "choice", choices=("zh-CN", "en"), labels="ui.case_language", required=True
        ),
        FieldSpec("savings", "amount"),
        FieldSpec("monthly_reserve", "amount"),
    ),
    "person": (
        FieldSpec("name", "text", label="ui.field.person_name"),
        FieldSpec("id_number", "text"),
        FieldSpec("phone", "text"),
    ),
    "household": (
        FieldSpec("size", "int", label="ui.field.household_size"),
        _choice("area", Area, "case.area"),
        FieldSpec("region", "text"),
    ),
    "hardship": (
        _choice(
            "kind",
            HardshipKind,
            "case.hardship_kind",
            required=False,
            label="ui.field.hardship_kind",
        ),
        FieldSpec("start", "month", label="ui.field.hardship_start"),
        FieldSpec("expected_recovery", "month"),
        FieldSpec("income_after_recovery", "amount"),
        FieldSpec("description", "longtext"),
    ),
    "incomes": (
        _choice("kind", IncomeKind, "case.income_kind", label="ui.field.income_kind"),
        FieldSpec("amount", "amount"),
        FieldSpec("from", "month"),
        FieldSpec("to", "month"),
        FieldSpec("note", "text"),
    ),
    "costs": (
        _choice("category", CostCategory, "case.cost_category"),
        FieldSpec("amount", "amount"),
        FieldSpec("from", "month"),
        FieldSpec("to", "month"),
        FieldSpec("note", "text"),
    ),
    "debts": (
        FieldSpec("id", "text", "basic", label="ui.field.debt_id"),
        FieldSpec("lender", "text", "basic"),
        _choice(
            "kind", LenderKind, "case.lender_kind", group="basic", label="ui.field.lender_kind"
        ),
        _choice(
            "funder_kind",
            FunderKind,
            "case.funder_kind",
            required=False,
            group="basic",
            only=LenderKind.ONLINE_PLATFORM.value,
        ),
        FieldSpec("funder_name", "text", "basic", only=LenderKind.ONLINE_PLATFORM.value),
        FieldSpec("product", "text", "basic"),
        FieldSpec("principal", "amount", "amounts"),
        FieldSpec("interest", "amount", "amounts"),
        FieldSpec("penalty_interest", "amount", "amounts"),
        FieldSpec("charges", "amount", "amounts"),
        FieldSpec("original_principal", "amount", "amounts"),
        FieldSpec("upfront_fee", "amount", "amounts"),
        FieldSpec("annual_rate", "rate", "rate", per="year"),
        FieldSpec("daily_rate", "rate", "rate", per="day"),
        FieldSpec("monthly_fee_rate", "rate", "rate", per="month"),
        FieldSpec("day_basis", "choice", "rate", choices=(360, 365)),
        FieldSpec("original_term_months", "whole", "terms"),
        FieldSpec("remaining_term_months", "whole", "terms"),
        FieldSpec("instalment", "amount", "terms"),
        FieldSpec(
            "billing",
            "choice",
            "terms",
            choices=("monthly",),
            labels="ui.billing",
            only=LenderKind.ONLINE_PLATFORM.value,
        ),
        FieldSpec("contract_date", "date", "terms"),
        FieldSpec("due_day", "whole", "terms"),
        FieldSpec("days_overdue", "int", "terms"),
        FieldSpec("penalty_rate_multiplier", "number", "terms"),
        FieldSpec("compound_overdue_interest", "choice", "terms", **_FLAG),
        FieldSpec("late_charge_rate", "rate", "terms"),
        FieldSpec("late_charge_fixed", "amount", "terms"),
        FieldSpec("minimum_payment_rate", "rate", "terms"),
        FieldSpec("acceleration_after_missed", "whole", "terms"),
        FieldSpec("payment_order", "order", "terms"),
        FieldSpec("secured", "choice", "terms", **_FLAG),
        FieldSpec("credit_limit", "amount", **_CARD),
        FieldSpec("statement_day", "whole", **_CARD),
        FieldSpec("cash_advance", "amount", **_CARD),
        FieldSpec("minimum_due", "amount", **_CARD),
        FieldSpec("minimum_unpaid", "amount", **_CARD),
        FieldSpec("guarantor", "text", "personal"),
        FieldSpec("account_number", "text", "personal"),
        FieldSpec("note", "text", "personal"),
    ),
    "evidence": (
        FieldSpec("item", "text"),
        _choice("kind", EvidenceKind, "case.evidence_kind", label="ui.field.evidence_kind"),
        _choice("status", EvidenceStatus, "case.evidence_status"),
        FieldSpec("note", "text"),
    ),
}

FIELDS: dict[str, dict[str, FieldSpec]] = {
    section: {spec.name: spec for spec in specs} for section, specs in SECTIONS.items()
}
OBJECT_SECTIONS = ("person", "household", "hardship")
LIST_SECTIONS = ("incomes", "costs", "debts", "evidence")
DEBT_GROUPS = ("basic", "amounts", "rate", "terms", "card", "personal")
