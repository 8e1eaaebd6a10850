"""An offer's schedule and its true annual rate.

**What the rate is computed on.** The true annual rate is the IRR of the borrower's cash flows
(PBOC announcement [2021] No. 3; DESIGN.md, "True annual rate"), as :mod:`helpers.rates` computes
every true rate. The money "received" is what the borrower owes the lender now (principal,
interest, penalty and charges: the debt's ``owed``), the same base
:func:`helpers.scenarios.evaluate` uses for each debt's rate, because the offer replaces that
claim by a stream of payments: the rate is the price of paying later instead of now. The
payments fall as the engine schedules them: without a down payment, the instalments one a month
from the agreement month's due day; with one, the down payment on that day and the instalments
one a month after it. What the lender waives is money the borrower no longer pays, so a waiver
lowers this rate.

**A down payment's month** bears the agreement's interest on the whole balance (the down
payment is paid on its due day): the level instalments repay what is left after it, that
month's interest included, so that they are level to the fen and the last takes only the
rounding remainder (DESIGN.md). A card-style monthly fee is charged per instalment, never in the
down payment's month.

**The agreement's own rate** is the same IRR on the balance the agreement re-instals (what is
owed less what is waived; the down payment and the instalments repay it). It is never below
the rate on what is owed now, and it is the rate a court would look at going forward, so the
legal lines are tested on it (:func:`helpers.rules.crosses_line`: a rate exactly on a line does
not cross it). A quoted rate gives the instalments before rounding to the fen (as
:mod:`helpers.rules` prices a contract), so an offer at exactly a line's rate is on the line; a
monthly amount gives its own rate.

**Which plan the engine runs**: a :class:`helpers.plans.Reinstalment` of the balance at the
agreement (the engine's own rule for what is waived and what is left), at the quoted rate, or at
the rate the monthly amount implies.

>>> from helpers.case import load_sample
>>> from helpers.offers.terms import OfferTerms
>>> offer = schedule_offer(load_sample(), OfferTerms("d1", months=24, annual_rate=0.12))
>>> offer.monthly_fen, round(offer.agreement_rate.nominal_annual_rate, 10)
(135525, 0.12)
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.case import Case, Debt
from helpers.engine import ROW_COLUMNS, project
from helpers.errors import Problem
from helpers.offers.terms import (
    AGREE_WITHIN_FEN,
    OfferError,
    OfferTerms,
    check_terms,
    find_debt,
)
from helpers.plans import Reinstalment
from helpers.rates import (
    TrueRate,
    exact_rate,
    fee_instalments_fen,
    interest_fen,
    level_factor,
    level_payment_fen,
    true_annual_rate,
)

__all__ = ["OfferSchedule", "agreement_base_fen", "schedule_offer"]

_COL = {name: k for k, name in enumerate(ROW_COLUMNS)}
_BUCKETS = ("principal", "interest", "penalty", "charges")


@dataclass(frozen=True)
class OfferSchedule:
    """An offer turned into numbers: the plan the engine runs, the balances and the rates.

    Attributes
    ----------
    terms : OfferTerms
    debt : helpers.case.Debt
    plan : helpers.plans.Reinstalment
    owed_fen : int
        What is owed on the debt now.
    waived_fen : int
        What the lender forgives at the agreement.
    base_fen : int
        The balance re-instaled: owed − waived − down payment.
    monthly_fen : int
        The monthly instalment (as given, or the level instalment of the quoted rate).
    rate : helpers.rates.TrueRate
        The true annual rate on what is owed now.
    agreement_rate : helpers.rates.TrueRate
        The true annual rate on the balance re-instaled (the one tested against the lines).
    """

    terms: OfferTerms
    debt: Debt
    plan: Reinstalment
    owed_fen: int
    waived_fen: int
    base_fen: int
    monthly_fen: int
    rate: TrueRate
    agreement_rate: TrueRate


def agreement_base_fen(case: Case, terms: OfferTerms) -> tuple[int, int]:
    """What is owed now on the offer's debt, and what the lender forgives at the agreement,
    as the engine posts it (one month projected with nothing paid).

    What does waiving 招商银行's charges and half the interest take off Zhang Wei's card?
    (Charges 140.00; half of 650.00 interest.)

    >>> from helpers.case import load_sample
    >>> terms = OfferTerms("d1", 24, 1, waive_charges=True, interest_share=0.5)
    >>> agreement_base_fen(load_sample(), terms)
    (2879000, 46500)
    """
    debt = find_debt(case, terms.debt_id)
    plan = Reinstalment(terms.months, freeze_interest=True, waiver=terms.waiver())
    probe = project(case, {debt.id: plan}, horizon=1, means_fen=[0])
    row = probe.rows[probe.debt_ids.index(debt.id)]
    owed = sum(row[_COL[f"{b}_opening"]] for b in _BUCKETS)
    waived = sum(row[_COL[f"{b}_waived"]] for b in _BUCKETS)
    return owed, waived


def _month_interest_fen(terms: OfferTerms, balance_fen: int) -> int:
    """The interest of a down payment's month at a quoted annual rate, on the whole balance
    (what is owed less what is waived), as the engine posts it; 0 without a down payment or at
    a monthly fee."""
    if not terms.down_payment_fen or terms.annual_rate is None:
        return 0
    return interest_fen(balance_fen, exact_rate(terms.annual_rate) / 12)


def _flows(terms: OfferTerms, received_fen: int, payments: list[float]) -> list[float]:
    """The cash flows of an offer, a month apart: ``received_fen`` at the agreement, then the
    down payment (if any) and the instalments, as the engine schedules them."""
    down = [float(terms.down_payment_fen)] if terms.down_payment_fen else []
    return [-float(received_fen), *down, *payments]


def _quoted_payments(terms: OfferTerms, balance_fen: int, base_fen: int) -> list[float]:
    """The quoted instalments before rounding to the fen (fen, as floats): the level
    instalment of the balance left after the down payment's month (its interest included)."""
    if terms.monthly_fee_rate is not None:
        fee = base_fen * float(exact_rate(terms.monthly_fee_rate))
        return [base_fen / terms.months + fee] * terms.months
    monthly = exact_rate(terms.annual_rate) / 12
    left = base_fen + (balance_fen * monthly if terms.down_payment_fen else 0)
    factor = level_factor(monthly, terms.months)
    return [float(left) * float(factor)] * terms.months


def _quoted_monthly_fen(terms: OfferTerms, balance_fen: int, base_fen: int) -> int:
    """The first instalment of a quoted rate, to the fen, as the engine schedules it."""
    if terms.monthly_fee_rate is not None:
        return fee_instalments_fen(base_fen, terms.monthly_fee_rate, terms.months)[0]
    left = base_fen + _month_interest_fen(terms, balance_fen)
    return level_payment_fen(left, exact_rate(terms.annual_rate) / 12, terms.months)


def _implied_annual_rate(terms: OfferTerms, balance_fen: int, base_fen: int) -> float:
    """The annual rate (12 × monthly IRR) at which the down payment and the monthly amount
    repay the balance."""
    flows = _flows(terms, balance_fen, [terms.monthly_fen] * terms.months)
    implied = true_annual_rate(flows)
    rate = implied.nominal_annual_rate
    if rate is None or rate < 0:
        least = -(-base_fen // terms.months)
        raise OfferError(
            [
                Problem(
                    "monthly",
                    terms.monthly_fen / 100,
                    "offers.error.below_balance",
                    {"months": terms.months, "base": _yuan(base_fen), "least": _yuan(least)},
                )
            ]
        )
    if rate > 1:
        raise OfferError(
            [Problem("monthly", terms.monthly_fen / 100, "offers.error.rate_over_one", {})]
        )
    return round(rate, 12)


def _check_agreement(terms: OfferTerms, quoted_fen: int, balance_fen: int) -> None:
    """A monthly amount given with a rate must agree with it within one yuan."""
    if terms.monthly_fen is None or abs(terms.monthly_fen - quoted_fen) <= AGREE_WITHIN_FEN:
        return
    annual = terms.annual_rate is not None
    implied = true_annual_rate(_flows(terms, balance_fen, [terms.monthly_fen] * terms.months))
    raise OfferError(
        [
            Problem(
                "monthly",
                terms.monthly_fen / 100,
                "offers.error.disagree" if annual else "offers.error.disagree_fee",
                {
                    "rate": terms.annual_rate if annual else terms.monthly_fee_rate,
                    "months": terms.months,
                    "quoted": _yuan(quoted_fen),
                    "implied": _percent(implied.nominal_annual_rate),
                },
            )
        ]
    )


def _yuan(fen: int) -> str:
    return f"{fen / 100:,.2f}"


def _percent(rate: float | None) -> str:
    return "—" if rate is None else f"{rate * 100:.2f}%"


def schedule_offer(case: Case, terms: OfferTerms) -> OfferSchedule:
    """Check an offer, and work out its plan, its monthly instalment and its true rates.

    Parameters
    ----------
    case : helpers.case.Case
    terms : OfferTerms

    Returns
    -------
    OfferSchedule

    Raises
    ------
    OfferError
        Terms that cannot be evaluated (see :func:`check_terms`); a monthly amount that does not
        repay the balance; a monthly amount and a rate more than a yuan apart (saying which to
        drop); a down payment that covers the whole balance.

    Examples
    --------
    招商银行 offers Zhang Wei 24 months at 1,300.00 a month on the 28,790.00 he owes, with the
    140.00 of charges waived. What rate is that really?

    >>> from helpers.case import load_sample
    >>> offer = schedule_offer(load_sample(), OfferTerms("d1", 24, 130_000, waive_charges=True))
    >>> offer.base_fen, offer.plan.annual_rate
    (2865000, 0.083240268588)
    >>> print(offer.rate.describe("en"))
    7.84% a year nominal (12 × 0.6534% a month), 8.13% effective
    """
    debt = check_terms(case, terms)
    owed, waived = agreement_base_fen(case, terms)
    base = owed - waived - terms.down_payment_fen
    if base <= 0:
        raise OfferError(
            [
                Problem(
                    "down",
                    terms.down_payment_fen / 100,
                    "offers.error.down_covers",
                    {"owed": _yuan(owed - waived)},
                )
            ]
        )
    balance = owed - waived
    if terms.quoted_rate:
        monthly = _quoted_monthly_fen(terms, balance, base)
        _check_agreement(terms, monthly, balance)
        payments = _quoted_payments(terms, balance, base)
        annual = terms.annual_rate
    else:
        monthly = terms.monthly_fen
        payments = [float(monthly)] * terms.months
        annual = _implied_annual_rate(terms, balance, base)
    plan = Reinstalment(
        terms.months,
        annual_rate=annual,
        monthly_fee_rate=terms.monthly_fee_rate,
        down_payment_fen=terms.down_payment_fen,
        waiver=terms.waiver(),
    )
    rate = true_annual_rate(_flows(terms, owed, payments))
    agreement = true_annual_rate(_flows(terms, balance, payments))
    return OfferSchedule(terms, debt, plan, owed, waived, base, monthly, rate, agreement)
