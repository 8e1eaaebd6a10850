"""The choices a case offers (lender kinds, cost categories, hardships…) and the terms each
kind of debt carries by default.

Defaults follow market practice as summarised in DOMAIN.md ("Common terms of products"); they are
parameters, never law, and a debt's own terms override them.

>>> default_terms(LenderKind.CREDIT_CARD).day_basis
365
>>> default_terms(LenderKind.CONSUMER_FINANCE).penalty_rate_multiplier
1.5
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

__all__ = [
    "Language",
    "Area",
    "IncomeKind",
    "CostCategory",
    "CostGroup",
    "COST_GROUP",
    "HardshipKind",
    "LenderKind",
    "FunderKind",
    "EvidenceKind",
    "EvidenceStatus",
    "Bucket",
    "DEFAULT_PAYMENT_ORDER",
    "DebtTerms",
    "default_terms",
    "LICENSED_KINDS",
    "EVIDENCE_FOR_HARDSHIP",
    "ScamSign",
]


class Language(StrEnum):
    ZH_CN = "zh-CN"
    EN = "en"


class Area(StrEnum):
    URBAN = "urban"
    RURAL = "rural"


class IncomeKind(StrEnum):
    WAGES = "wages"
    BENEFITS = "benefits"
    PENSION = "pension"
    FAMILY_SUPPORT = "family_support"
    BUSINESS = "business"
    OTHER = "other"


class CostGroup(StrEnum):
    FIXED = "fixed"
    FLEXIBLE = "flexible"
    PRIORITY = "priority"


class CostCategory(StrEnum):
    """Budget categories after the UK Standard Financial Statement (DOMAIN.md).

    Housing holds rent and property fees only: a mortgage is a secured debt, never a cost, so it is
    not counted twice.
    """

    RENT = "rent"
    PROPERTY_FEES = "property_fees"
    UTILITIES = "utilities"
    PHONE_INTERNET = "phone_internet"
    TRANSPORT = "transport"
    INSURANCE = "insurance"
    CHILDCARE_EDUCATION = "childcare_education"
    MEDICAL = "medical"
    FOOD_HOUSEKEEPING = "food_housekeeping"
    PERSONAL = "personal"
    LEISURE = "leisure"
    TAXES_FINES = "taxes_fines"
    FAMILY_OBLIGATIONS = "family_obligations"
    OTHER = "other"


COST_GROUP: dict[CostCategory, CostGroup] = {
    CostCategory.RENT: CostGroup.FIXED,
    CostCategory.PROPERTY_FEES: CostGroup.FIXED,
    CostCategory.UTILITIES: CostGroup.FIXED,
    CostCategory.PHONE_INTERNET: CostGroup.FIXED,
    CostCategory.TRANSPORT: CostGroup.FIXED,
    CostCategory.INSURANCE: CostGroup.FIXED,
    CostCategory.CHILDCARE_EDUCATION: CostGroup.FIXED,
    CostCategory.MEDICAL: CostGroup.FIXED,
    CostCategory.FOOD_HOUSEKEEPING: CostGroup.FLEXIBLE,
    CostCategory.PERSONAL: CostGroup.FLEXIBLE,
    CostCategory.LEISURE: CostGroup.FLEXIBLE,
    CostCategory.OTHER: CostGroup.FLEXIBLE,
    CostCategory.TAXES_FINES: CostGroup.PRIORITY,
    CostCategory.FAMILY_OBLIGATIONS: CostGroup.PRIORITY,
}


class HardshipKind(StrEnum):
    UNEMPLOYMENT = "unemployment"
    ILLNESS = "illness"
    INCOME_DROP = "income_drop"
    BUSINESS_LOSS = "business_loss"
    DISASTER = "disaster"
    FAMILY = "family"
    OTHER = "other"


class LenderKind(StrEnum):
    CREDIT_CARD = "credit_card"
    BANK_LOAN = "bank_loan"
    CONSUMER_FINANCE = "consumer_finance"
    ONLINE_PLATFORM = "online_platform"
    MICRO_LOAN = "micro_loan"
    PRIVATE = "private"
    MORTGAGE = "mortgage"
    CAR = "car"
    OTHER = "other"


class FunderKind(StrEnum):
    """Who actually lends the money behind an online platform's loan."""

    BANK = "bank"
    CONSUMER_FINANCE = "consumer_finance"
    MICRO_LOAN = "micro_loan"
    TRUST = "trust"
    OTHER = "other"
    UNKNOWN = "unknown"


# Licensed lenders: the 24% court practice applies, not the private-lending line (DOMAIN.md;
# SPC reply effective 2021-01-01 for micro-loan companies).
LICENSED_KINDS = frozenset(
    {
        LenderKind.CREDIT_CARD,
        LenderKind.BANK_LOAN,
        LenderKind.CONSUMER_FINANCE,
        LenderKind.MICRO_LOAN,
        LenderKind.MORTGAGE,
        LenderKind.CAR,
    }
)


class EvidenceKind(StrEnum):
    TERMINATION_NOTICE = "termination_notice"
    UNEMPLOYMENT_REGISTRATION = "unemployment_registration"
    DIAGNOSIS = "diagnosis"
    HOSPITAL_RECORDS = "hospital_records"
    MEDICAL_BILLS = "medical_bills"
    PAY_SLIPS = "pay_slips"
    BANK_STATEMENTS = "bank_statements"
    BUSINESS_ACCOUNTS = "business_accounts"
    TAX_RECORDS = "tax_records"
    CLOSURE_NOTICE = "closure_notice"
    OFFICIAL_NOTICE = "official_notice"
    CERTIFICATE = "certificate"
    OTHER = "other"


# Evidence that supports each hardship (DOMAIN.md, "Prepare evidence for the hardship").
EVIDENCE_FOR_HARDSHIP: dict[HardshipKind, tuple[EvidenceKind, ...]] = {
    HardshipKind.UNEMPLOYMENT: (
        EvidenceKind.TERMINATION_NOTICE,
        EvidenceKind.UNEMPLOYMENT_REGISTRATION,
        EvidenceKind.BANK_STATEMENTS,
    ),
    HardshipKind.ILLNESS: (
        EvidenceKind.DIAGNOSIS,
        EvidenceKind.HOSPITAL_RECORDS,
        EvidenceKind.MEDICAL_BILLS,
    ),
    HardshipKind.INCOME_DROP: (EvidenceKind.PAY_SLIPS, EvidenceKind.BANK_STATEMENTS),
    HardshipKind.BUSINESS_LOSS: (
        EvidenceKind.BUSINESS_ACCOUNTS,
        EvidenceKind.TAX_RECORDS,
        EvidenceKind.CLOSURE_NOTICE,
    ),
    HardshipKind.DISASTER: (EvidenceKind.OFFICIAL_NOTICE,),
    HardshipKind.FAMILY: (EvidenceKind.CERTIFICATE,),
    HardshipKind.OTHER: (EvidenceKind.OTHER,),
}


class EvidenceStatus(StrEnum):
    MISSING = "missing"
    REQUESTED = "requested"
    READY = "ready"
    SUBMITTED = "submitted"


class ScamSign(StrEnum):
    """What a third party offered or asked that regulators warn about (DOMAIN.md, "scams")."""

    AGENCY = "agency"  # an agency offering to negotiate: 债务优化, 停息挂账, 反催收
    UPFRONT_FEE = "upfront_fee"  # money before anything is done
    ID_ORIGINAL = "id_original"  # the original ID card
    PASSWORD = "password"  # a bank, app or card password
    VERIFICATION_CODE = "verification_code"  # an SMS verification code
    NEW_LOAN = "new_loan"  # a new loan to repay the old ones


class Bucket(StrEnum):
    """The balances a debt is made of; payments fill them in the debt's payment order."""

    CHARGES = "charges"
    PENALTY = "penalty"
    INTEREST = "interest"
    PRINCIPAL = "principal"


DEFAULT_PAYMENT_ORDER: tuple[Bucket, ...] = (
    Bucket.CHARGES,
    Bucket.PENALTY,
    Bucket.INTEREST,
    Bucket.PRINCIPAL,
)


@dataclass(frozen=True)
class DebtTerms:
    """The rules a debt runs on, resolved from its own fields and its kind's defaults.

    Attributes
    ----------
    day_basis : int
        Days in a year for daily rates: 365 for cards, 360 for loans (日利率 = 年利率 / 360).
    penalty_rate_multiplier : float
        Penalty interest on overdue principal = contract rate × this (0 for none).
    compound_overdue_interest : bool
        Whether overdue interest itself bears interest at the penalty rate.
    late_charge_rate : float
        A one-off charge each month on what went unpaid: a fraction of the unpaid minimum
        (cards, 违约金) or of the unpaid instalment.
    late_charge_fixed_fen : int
        A fixed charge for each month with something overdue.
    minimum_payment_rate : float or None
        Cards: the share of purchases within the limit in the minimum payment.
    acceleration_after_missed : int
        The whole loan falls due after this many missed instalments; 0 for never.
    secured : bool
        Secured debts (mortgage, car) are priority obligations in the budget.
    payment_order : tuple of Bucket
        The order in which a payment fills the buckets.
    credit_reported : bool
        Whether the lender reports to the credit reference centre (private loans do not).
    """

    day_basis: int
    penalty_rate_multiplier: float
    compound_overdue_interest: bool
    late_charge_rate: float
    late_charge_fixed_fen: int
    minimum_payment_rate: float | None
    acceleration_after_missed: int
    secured: bool
    payment_order: tuple[Bucket, ...] = DEFAULT_PAYMENT_ORDER
    credit_reported: bool = True


_CARD = DebtTerms(
    day_basis=365,
    penalty_rate_multiplier=0.0,
    compound_overdue_interest=True,
    late_charge_rate=0.05,
    late_charge_fixed_fen=0,
    minimum_payment_rate=0.10,
    acceleration_after_missed=0,
    secured=False,
)
_LOAN = DebtTerms(
    day_basis=360,
    penalty_rate_multiplier=1.5,
    compound_overdue_interest=True,
    late_charge_rate=0.0,
    late_charge_fixed_fen=0,
    minimum_payment_rate=None,
    acceleration_after_missed=3,
    secured=False,
)
_PRIVATE = replace(
    _LOAN,
    # SPC private lending provisions art. 28(2): no agreed overdue rate → the loan rate runs on.
    penalty_rate_multiplier=1.0,
    compound_overdue_interest=False,
    acceleration_after_missed=0,
    credit_reported=False,
)
_SECURED = replace(_LOAN, secured=True)

_DEFAULTS: dict[LenderKind, DebtTerms] = {
    LenderKind.CREDIT_CARD: _CARD,
    LenderKind.BANK_LOAN: _LOAN,
    LenderKind.CONSUMER_FINANCE: _LOAN,
    LenderKind.ONLINE_PLATFORM: _LOAN,
    LenderKind.MICRO_LOAN: _LOAN,
    LenderKind.OTHER: _LOAN,
    LenderKind.PRIVATE: _PRIVATE,
    LenderKind.MORTGAGE: _SECURED,
    LenderKind.CAR: _SECURED,
}


def default_terms(kind: LenderKind | str) -> DebtTerms:
    """The terms a debt of this kind carries unless it says otherwise (DOMAIN.md defaults).

    >>> t = default_terms("private")
    >>> t.penalty_rate_multiplier, t.compound_overdue_interest, t.credit_reported
    (1.0, False, False)
    >>> default_terms("mortgage").secured
    True
    """
    return _DEFAULTS[LenderKind(kind)]
