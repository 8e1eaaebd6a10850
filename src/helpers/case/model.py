"""The case model: one borrower's situation, validated by pydantic.

Amounts are yuan in files and fen (``int``) in memory: a field written ``principal`` in YAML is
read in Python as ``principal_fen``. Fields holding personal data carry ``personal: true`` in
their JSON Schema, which is what redaction looks for. Amounts, terms and dates are bounded (see
:mod:`helpers.case.fields`) so that whatever validates every command can run; text fields take
text whatever YAML made of it (``phone: 13800138000`` is the phone number "13800138000").

>>> debt = Debt.model_validate({"id": "d1", "lender": "招商银行", "kind": "credit_card",
...                             "principal": "1.2万", "daily_rate": 0.0005})
>>> debt.principal_fen, debt.terms.day_basis, debt.rate_quote
(1200000, 365, ('daily', 0.0005))
"""

from __future__ import annotations

from functools import cached_property
from typing import Any, Literal

from pydantic import Field, field_validator, model_validator
from pydantic_core import PydanticCustomError

from helpers.case.approach import Approach
from helpers.case.base import PERSONAL
from helpers.case.base import StrictModel as _Model
from helpers.case.debt_checks import CARD_FIELDS, RATE_FIELDS, debt_problems
from helpers.case.draft import Draft
from helpers.case.fields import (
    AsOfDate,
    ContractDate,
    Month,
    NumberText,
    Rate,
    Text,
    Yuan,
    suggest_fraction,
)
from helpers.case.kinds import (
    Area,
    Bucket,
    CostCategory,
    DebtTerms,
    EvidenceKind,
    EvidenceStatus,
    FunderKind,
    HardshipKind,
    IncomeKind,
    LenderKind,
    default_terms,
)
from helpers.errors import ChoiceName, FieldName, NameList
from helpers.i18n import normalize_language
from helpers.months import months_between

__all__ = [
    "active_in",
    "SCHEMA_VERSION",
    "Person",
    "Household",
    "Income",
    "Cost",
    "Hardship",
    "Debt",
    "EvidenceItem",
    "Approach",
    "Case",
    "RATE_FIELDS",
    "CARD_FIELDS",
    "RATE_LIMITS",
]

SCHEMA_VERSION = 1
# The largest sensible value of each quote, as a fraction; above it the user almost surely wrote a
# percentage (18 for 0.18).
RATE_LIMITS = {"annual_rate": 1.0, "daily_rate": 0.01, "monthly_fee_rate": 0.1}


def _at_most(name: str) -> dict[str, float]:
    """A rate's bound in the JSON Schema (numbers only: "18%" text is read as 0.18)."""
    return {"maximum": RATE_LIMITS[name], "minimum": 0}


class Person(_Model):
    """Who the borrower is. Every field is personal and redacted in exports."""

    name: Text | None = Field(None, json_schema_extra=PERSONAL)
    id_number: NumberText | None = Field(None, json_schema_extra=PERSONAL)
    phone: Text | None = Field(None, json_schema_extra=PERSONAL)


class Household(_Model):
    """Household size (people supported by this budget) and where it lives."""

    size: int = Field(1, ge=1, le=30)
    area: Area = Area.URBAN
    region: Text | None = None


class Income(_Model):
    """A net monthly income, from one month to another (both optional, inclusive)."""

    kind: IncomeKind
    amount_fen: Yuan = Field(alias="amount")
    from_month: Month | None = Field(None, alias="from")
    to_month: Month | None = Field(None, alias="to")
    note: Text | None = None

    @model_validator(mode="after")
    def _months_in_order(self) -> Income:
        _check_order(self.from_month, self.to_month)
        return self


class Cost(_Model):
    """A monthly cost in one budget category, from one month to another (both optional)."""

    category: CostCategory
    amount_fen: Yuan = Field(alias="amount")
    from_month: Month | None = Field(None, alias="from")
    to_month: Month | None = Field(None, alias="to")
    note: Text | None = None

    @model_validator(mode="after")
    def _months_in_order(self) -> Cost:
        _check_order(self.from_month, self.to_month)
        return self


def _check_order(start: str | None, end: str | None) -> None:
    if start and end and months_between(start, end) < 0:
        raise PydanticCustomError(
            "months_out_of_order", "months_out_of_order", {"start": start, "end": end}
        )


class Hardship(_Model):
    """What happened, since when, and when and how far income is expected to recover."""

    kind: HardshipKind
    start: Month
    expected_recovery: Month | None = None
    income_after_recovery_fen: Yuan | None = Field(None, alias="income_after_recovery")
    description: Text = ""

    @model_validator(mode="after")
    def _recovery_after_start(self) -> Hardship:
        if self.expected_recovery and months_between(self.start, self.expected_recovery) < 0:
            raise PydanticCustomError(
                "recovery_before_start",
                "recovery_before_start",
                {"start": self.start, "end": self.expected_recovery},
            )
        return self


class Debt(_Model):
    """One debt: who lends, what is owed now, the price, and the rules it runs on.

    Exactly one rate is given: ``annual_rate``, ``daily_rate`` or ``monthly_fee_rate`` (a monthly
    fee on the original principal, as card instalments are quoted). Rule fields left out take
    the defaults of the lender kind (:func:`helpers.case.default_terms`), resolved in
    :attr:`terms`.
    """

    id: Text = Field(pattern=r"^[A-Za-z0-9_\-]{1,32}$")
    lender: Text = Field(min_length=1)
    kind: LenderKind
    funder_kind: FunderKind | None = None
    funder_name: Text | None = None
    product: Text | None = None

    principal_fen: Yuan = Field(alias="principal")
    interest_fen: Yuan = Field(0, alias="interest")
    penalty_interest_fen: Yuan = Field(
        0,
        alias="penalty_interest",
        description="Penalty and compound interest already accrued (罚息、复利), as the "
        "lender's statement shows them: kept in their own bucket, never compounded again.",
    )
    charges_fen: Yuan = Field(0, alias="charges")
    original_principal_fen: Yuan | None = Field(None, alias="original_principal")
    original_term_months: int | None = Field(None, ge=1, le=600)
    remaining_term_months: int | None = Field(
        None,
        ge=0,
        le=600,
        description="Instalments not yet due on the case's date (missed ones are not counted: "
        "days_overdue says how far behind the debt is).",
    )
    instalment_fen: Yuan | None = Field(
        None,
        alias="instalment",
        description="The contract's monthly instalment as the lender states it (每期应还); "
        "used as given instead of being worked out from the rate.",
    )
    billing: Literal["monthly"] | None = Field(
        None,
        description="'monthly' for a platform with a monthly bill due in full (花呗, 白条): "
        "unpaid after the due day it accrues its daily rate as overdue interest.",
    )

    annual_rate: Rate | None = Field(None, json_schema_extra=_at_most("annual_rate"))
    daily_rate: Rate | None = Field(None, json_schema_extra=_at_most("daily_rate"))
    monthly_fee_rate: Rate | None = Field(None, json_schema_extra=_at_most("monthly_fee_rate"))
    day_basis: Literal[360, 365] | None = None
    upfront_fee_fen: Yuan = Field(0, alias="upfront_fee")

    penalty_rate_multiplier: float | None = Field(None, ge=0, le=10)
    compound_overdue_interest: bool | None = None
    late_charge_rate: Rate | None = None
    late_charge_fixed_fen: Yuan | None = Field(None, alias="late_charge_fixed")
    minimum_payment_rate: Rate | None = None
    acceleration_after_missed: int | None = Field(None, ge=0, le=120)
    payment_order: tuple[Bucket, ...] | None = None

    contract_date: ContractDate | None = None
    due_day: int | None = Field(None, ge=1, le=31)
    days_overdue: int = Field(0, ge=0, le=36500)
    secured: bool | None = None
    guarantor: Text | None = Field(None, json_schema_extra=PERSONAL)

    credit_limit_fen: Yuan | None = Field(None, alias="credit_limit")
    statement_day: int | None = Field(None, ge=1, le=31)
    cash_advance_fen: Yuan | None = Field(None, alias="cash_advance")
    minimum_due_fen: Yuan | None = Field(None, alias="minimum_due")
    minimum_unpaid_fen: Yuan | None = Field(None, alias="minimum_unpaid")

    account_number: NumberText | None = Field(None, json_schema_extra=PERSONAL)
    note: Text | None = None

    @field_validator(*RATE_FIELDS, "late_charge_rate", "minimum_payment_rate")
    @classmethod
    def _rate_is_fraction(cls, value: float | None, info: Any) -> float | None:
        if value is None:
            return value
        if value < 0:
            raise PydanticCustomError("negative_rate", "negative_rate")
        limit = RATE_LIMITS.get(info.field_name, 1.0)
        if value > limit:
            raise PydanticCustomError(
                "rate_not_fraction", "rate_not_fraction", {"suggestion": suggest_fraction(value)}
            )
        return value

    @field_validator("payment_order")
    @classmethod
    def _order_is_complete(cls, value: tuple[Bucket, ...] | None) -> tuple[Bucket, ...] | None:
        if value is not None and sorted(value) != sorted(Bucket):
            raise PydanticCustomError(
                "bad_payment_order",
                "bad_payment_order",
                {"choices": NameList(ChoiceName(b.value, "case.bucket") for b in Bucket)},
            )
        return value

    @model_validator(mode="after")
    def _consistent(self) -> Debt:
        problems = debt_problems(self)
        if problems:
            summary = "; ".join(f"{field}: {key}" for field, _, key, _ in problems)
            raise PydanticCustomError(
                "several", "{summary}", {"problems": problems, "summary": summary}
            )
        return self

    @cached_property
    def terms(self) -> DebtTerms:
        """The debt's rules: its own fields where given, else its kind's defaults.

        >>> d = Debt.model_validate({"id": "d1", "lender": "x", "kind": "bank_loan",
        ...                          "principal": 100, "annual_rate": 0.1, "day_basis": 365})
        >>> d.terms.day_basis, d.terms.penalty_rate_multiplier
        (365, 1.5)
        """
        base = default_terms(self.kind)
        own = {
            "day_basis": self.day_basis,
            "penalty_rate_multiplier": self.penalty_rate_multiplier,
            "compound_overdue_interest": self.compound_overdue_interest,
            "late_charge_rate": self.late_charge_rate,
            "late_charge_fixed_fen": self.late_charge_fixed_fen,
            "minimum_payment_rate": self.minimum_payment_rate,
            "acceleration_after_missed": self.acceleration_after_missed,
            "secured": self.secured,
            "payment_order": self.payment_order,
        }
        changes = {name: value for name, value in own.items() if value is not None}
        return DebtTerms(**{**base.__dict__, **changes})

    @property
    def rate_quote(self) -> tuple[str, float]:
        """Which rate the debt is quoted in and its value: ``("annual", 0.18)``, ``("daily", …)``
        or ``("monthly_fee", …)``.

        >>> Debt.model_validate({"id": "d1", "lender": "x", "kind": "private", "principal": 1,
        ...                      "annual_rate": 0}).rate_quote
        ('annual', 0.0)
        """
        for name in RATE_FIELDS:
            value = getattr(self, name)
            if value is not None:
                return name.removesuffix("_rate"), value
        raise AssertionError("a validated debt has exactly one rate")  # pragma: no cover

    @property
    def owed_fen(self) -> int:
        """Principal, interest, penalty interest and charges outstanding, in fen.

        >>> Debt.model_validate({"id": "d1", "lender": "x", "kind": "private", "principal": 100,
        ...                      "interest": 5, "charges": 1, "annual_rate": 0.1}).owed_fen
        10600
        """
        return (
            self.principal_fen + self.interest_fen + self.penalty_interest_fen + self.charges_fen
        )


class EvidenceItem(_Model):
    """A document that supports the hardship, and how far it has got."""

    item: Text = Field(min_length=1)
    kind: EvidenceKind = EvidenceKind.OTHER
    status: EvidenceStatus = EvidenceStatus.MISSING
    note: Text | None = None


class Case(_Model):
    """One borrower's whole situation: the input of every step of the workbench.

    Debts without an ``id`` get ``d1``, ``d2``… by position when the case is read.
    """

    schema_version: Literal[1] = SCHEMA_VERSION
    language: Literal["zh-CN", "en"] = "zh-CN"
    as_of: AsOfDate
    person: Person = Person()
    household: Household = Household()
    incomes: tuple[Income, ...] = ()
    costs: tuple[Cost, ...] = ()
    savings_fen: Yuan = Field(0, alias="savings")
    monthly_reserve_fen: Yuan = Field(0, alias="monthly_reserve")
    hardship: Hardship | None = None
    debts: tuple[Debt, ...] = Field(min_length=1)
    evidence: tuple[EvidenceItem, ...] = ()
    approaches: tuple[Approach, ...] | None = Field(
        None,
        description="Third parties (not lenders) who offered to deal with the debts or asked for "
        "money or details: what the scam screen reads (helpers.proposals.scam_screen).",
    )
    chosen_scenario: dict[str, Any] | None = None
    drafts: tuple[Draft, ...] = Field(
        (), description="Drafts to lenders as the borrower edited them (notebook 04)."
    )

    @field_validator("language", mode="before")
    @classmethod
    def _language(cls, value: Any) -> Any:
        try:
            return normalize_language(value) if isinstance(value, str) else value
        except ValueError:
            return value

    @model_validator(mode="before")
    @classmethod
    def _number_debts(cls, data: Any) -> Any:
        if isinstance(data, dict) and isinstance(data.get("debts"), list):
            taken = {d.get("id") for d in data["debts"] if isinstance(d, dict)}
            debts = []
            for position, debt in enumerate(data["debts"], start=1):
                if isinstance(debt, dict) and debt.get("id") is None:
                    new_id = f"d{position}"
                    while new_id in taken:
                        new_id += "x"
                    taken.add(new_id)
                    debt = {"id": new_id, **debt}
                debts.append(debt)
            data = {**data, "debts": debts}
        return data

    @model_validator(mode="after")
    def _debts_fit_the_case(self) -> Case:
        """Ids unique, contracts signed by the case's date; each problem names the debt's field
        (``debts[3].id``), so the file's line of it can be found."""
        problems: list[tuple[str, Any, str, dict[str, Any]]] = []
        seen: set[str] = set()
        for k, debt in enumerate(self.debts):
            if debt.id in seen:
                problems.append((f"debts[{k}].id", debt.id, "duplicate_id", {"id": debt.id}))
            seen.add(debt.id)
            if debt.contract_date is not None and debt.contract_date > self.as_of:
                where, day = f"debts[{k}].contract_date", debt.contract_date.isoformat()
                params = {"as_of": self.as_of.isoformat(), "as_of_field": FieldName("as_of")}
                problems.append((where, day, "contract_after_as_of", params))
        if problems:
            summary = "; ".join(f"{field}: {key}" for field, _, key, _ in problems)
            raise PydanticCustomError(
                "several", "{summary}", {"problems": problems, "summary": summary}
            )
        return self

    def debt(self, debt_id: str) -> Debt:
        """The debt with this id.

        >>> from helpers.case import load_sample
        >>> load_sample().debt("d1").lender
        '招商银行'
        """
        for debt in self.debts:
            if debt.id == debt_id:
                return debt
        raise KeyError(debt_id)

    def to_data(self) -> dict[str, Any]:
        """The case as plain data for YAML: yuan as Decimal, unset optional fields left out.

        >>> from helpers.case import load_sample
        >>> data = load_sample().to_data()
        >>> data["debts"][0]["principal"]
        Decimal('28000.00')
        """
        return self.model_dump(
            by_alias=True, exclude_none=True, exclude_defaults=False, mode="python"
        )


def active_in(item: Income | Cost, month: str) -> bool:
    """Whether an income or cost runs in ``month`` (its from/to months are inclusive).

    >>> pay = Income.model_validate({"kind": "wages", "amount": 5000, "to": "2025-06"})
    >>> active_in(pay, "2025-06"), active_in(pay, "2025-07")
    (True, False)
    """
    if item.from_month and months_between(item.from_month, month) < 0:
        return False
    return not (item.to_month and months_between(month, item.to_month) < 0)
