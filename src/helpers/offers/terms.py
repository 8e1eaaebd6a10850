"""A lender's counter-offer as the borrower writes it down, and the checks it must pass.

An offer is for one debt: a term in months, and either a monthly amount, or a rate (an annual
rate, or a card-style monthly fee on the balance), or both when they agree within one yuan; a
down payment; and what the lender waives (penalty interest, charges, a share of the interest
accrued so far). Amounts are fen, rates fractions.

>>> terms = OfferTerms("d1", months=24, monthly_fen=120_000, waive_penalty=True)
>>> terms.waiver()
Waiver(penalty=True, charges=False, interest_share=0.0, start=0)
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.case import Case, Debt, LenderKind, suggest_fraction
from helpers.errors import CaseError, Problem
from helpers.plans import Waiver
from helpers.rules import CARD_PLAN_MAX_MONTHS

__all__ = [
    "AGREE_WITHIN_FEN",
    "MAX_OFFER_MONTHS",
    "MAX_MONTHLY_FEE_RATE",
    "OfferError",
    "OfferTerms",
    "check_terms",
    "find_debt",
]

AGREE_WITHIN_FEN = 100  # a monthly, a rate and a term "agree" when within one yuan
MAX_OFFER_MONTHS = 600  # the engine's longest horizon
MAX_MONTHLY_FEE_RATE = 0.1  # above 10% a month, a percentage was meant (as for a case file)


class OfferError(CaseError):
    """An offer the workbench cannot evaluate: each problem names the field, the value and the
    fix, in the reader's language.

    >>> print(OfferError([Problem("months", 0, "errors.too_small", {"minimum": 1})]).render("en"))
    months: 0 is too small; the least allowed is 1
    """


@dataclass(frozen=True)
class OfferTerms:
    """What a lender offers for one debt.

    Attributes
    ----------
    debt_id : str
        The debt (its id in the case, or the lender's name when only one debt has it).
    months : int
        The number of monthly instalments (after the down payment, if any).
    monthly_fen : int, optional
        The monthly instalment the lender asks.
    annual_rate, monthly_fee_rate : float, optional
        The agreement's rate: a simple annual rate charged monthly (annual / 12), or a monthly
        fee on the balance re-instaled (a card's 分期 quote). At most one.
    down_payment_fen : int
        Paid in the agreement month (on its due day); the instalments start the month after,
        level on what is left then (that month's interest included).
    waive_penalty, waive_charges : bool
        Whether the lender forgives the penalty interest, the charges.
    interest_share : float
        The share of the interest accrued so far that the lender forgives (0 to 1).
    """

    debt_id: str
    months: int
    monthly_fen: int | None = None
    annual_rate: float | None = None
    monthly_fee_rate: float | None = None
    down_payment_fen: int = 0
    waive_penalty: bool = False
    waive_charges: bool = False
    interest_share: float = 0.0

    def waiver(self) -> Waiver | None:
        """The waiver the agreement grants at its start, or None when nothing is waived.

        >>> OfferTerms("d1", 12, 50_000).waiver() is None
        True
        >>> OfferTerms("d1", 12, 50_000, interest_share=0.5).waiver().interest_share
        0.5
        """
        if not (self.waive_penalty or self.waive_charges or self.interest_share):
            return None
        return Waiver(
            penalty=self.waive_penalty,
            charges=self.waive_charges,
            interest_share=self.interest_share,
        )

    @property
    def quoted_rate(self) -> bool:
        """Whether the lender quoted a rate (annual or monthly fee).

        >>> OfferTerms("d1", 12, annual_rate=0.1).quoted_rate, OfferTerms("d1", 12, 9).quoted_rate
        (True, False)
        """
        return self.annual_rate is not None or self.monthly_fee_rate is not None

    @property
    def plan_months(self) -> int:
        """The months the offer runs: the down payment's month, if any, then the instalments.

        >>> with_down = OfferTerms("d1", 24, 120_000, down_payment_fen=500_000)
        >>> OfferTerms("d1", 24, 120_000).plan_months, with_down.plan_months
        (24, 25)
        """
        return self.months + (1 if self.down_payment_fen else 0)


def find_debt(case: Case, lender: str) -> Debt:
    """The debt an offer is for: by its id, else by its lender's name when only one debt has it.

    Which of Zhang Wei's debts is 招商银行's?

    >>> from helpers.case import load_sample
    >>> find_debt(load_sample(), "招商银行").id
    'd1'
    >>> find_debt(load_sample(), "d9")
    Traceback (most recent call last):
    ...
    helpers.offers.terms.OfferError: lender: 'd9' is not a debt of this case; use one of ...
    """
    ids = [debt.id for debt in case.debts]
    if lender in ids:
        return case.debt(lender)
    named = [debt for debt in case.debts if debt.lender == lender]
    if len(named) == 1:
        return named[0]
    raise OfferError(
        [Problem("lender", lender, "offers.error.unknown_lender", {"ids": _ids(case)})]
    )


def _ids(case: Case) -> str:
    return ", ".join(f"{debt.id} ({debt.lender})" for debt in case.debts)


def check_terms(case: Case, terms: OfferTerms) -> Debt:
    """Refuse an offer that cannot be evaluated, naming each field, its value and the fix;
    returns the debt it is for.

    A credit-card agreement runs for at most 60 months (card measures art. 70):

    >>> from helpers.case import load_sample
    >>> check_terms(load_sample(), OfferTerms("d1", months=72, monthly_fen=50_000))
    Traceback (most recent call last):
    ...
    helpers.offers.terms.OfferError: months: 72 is longer than a credit-card repayment ...
    >>> check_terms(load_sample(), OfferTerms("d1", months=24, monthly_fen=-5)).id
    Traceback (most recent call last):
    ...
    helpers.offers.terms.OfferError: monthly: -0.05 is negative; amounts must be 0 or more
    """
    debt = find_debt(case, terms.debt_id)
    found: list[Problem] = []

    def need(ok: bool, where: str, value: object, key: str, **params: object) -> None:
        if not ok:
            found.append(Problem(where, value, key, params))

    months = terms.months
    need(
        isinstance(months, int) and 1 <= months <= MAX_OFFER_MONTHS,
        "months",
        months,
        "offers.error.months",
        maximum=MAX_OFFER_MONTHS,
    )
    if debt.kind == LenderKind.CREDIT_CARD and isinstance(months, int):
        need(
            months <= CARD_PLAN_MAX_MONTHS,
            "months",
            months,
            "offers.error.card_months",
            maximum=CARD_PLAN_MAX_MONTHS,
        )
    for where, fen in (("monthly", terms.monthly_fen), ("down", terms.down_payment_fen)):
        if fen is not None:
            need(fen >= 0, where, fen / 100, "errors.negative_amount")
    need(terms.monthly_fen != 0, "monthly", 0, "offers.error.zero_monthly")
    _check_rates(terms, need)
    need(
        terms.monthly_fen is not None or terms.quoted_rate,
        "monthly",
        None,
        "offers.error.needs_monthly_or_rate",
    )
    if found:
        raise OfferError(found)
    return debt


def _check_rates(terms: OfferTerms, need) -> None:
    need(
        terms.annual_rate is None or terms.monthly_fee_rate is None,
        "monthly_fee_rate",
        terms.monthly_fee_rate,
        "offers.error.two_rates",
    )
    limits = (("annual_rate", 1.0), ("monthly_fee_rate", MAX_MONTHLY_FEE_RATE))
    for where, limit in limits:
        rate = getattr(terms, where)
        if rate is None:
            continue
        need(rate >= 0, where, rate, "errors.negative_rate")
        need(rate <= limit, where, rate, "errors.rate_not_fraction", suggestion=_fraction(rate))
    share = terms.interest_share
    need(0 <= share <= 1, "waive", share, "offers.error.interest_share")


def _fraction(rate: float) -> str:
    return suggest_fraction(rate) if rate >= 0 else str(rate)
