"""What a debt's contract costs: its all-in true rate on the money actually received.

The amount lent is ``original_principal`` (else ``principal``), minus any ``upfront_fee`` (Civil
Code art. 670: interest taken in advance counts against the loan); the term is
``original_term_months`` (12 assumed, with a note, where a fee needs spreading and no term is
given). An annual quote, or a daily quote × the day basis, is repaid in level instalments at
annual / 12 a month, before rounding to the fen, so a loan without fees comes out at exactly its
quoted rate; a monthly-fee quote is repaid as the card plan it is: 1/n of the original principal
plus the fee on the whole original principal each month. The rate is the IRR of those flows
(PBOC announcement [2021] No. 3), nominal and effective.

The overdue rate: where the penalty multiplier is above 1, the quoted annual rate (for a
monthly-fee quote, the all-in nominal rate) × the multiplier; fees up front are not added to it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from helpers.case import Debt
from helpers.rates import (
    TrueRate,
    annual_to_monthly,
    daily_to_annual,
    equal_instalment_rate,
    fee_offer_flows,
    true_annual_rate,
)

__all__ = ["ASSUMED_TERM_MONTHS", "ContractCost", "contract_cost", "all_in_rate"]

ASSUMED_TERM_MONTHS = 12  # a modelling default, not a rule: only used to spread a fee up front


@dataclass(frozen=True)
class ContractCost:
    """What a debt's contract costs: the quote, the money received and the all-in true rate.

    Attributes
    ----------
    quote : str
        ``"annual"``, ``"daily"`` or ``"monthly_fee"``, as the debt is quoted.
    quoted_rate : float
        The quoted rate as written (a year, a day or a month).
    quoted_annual_rate : float or None
        The quote as a simple annual rate (daily × day basis); None for a monthly fee.
    lent_fen, received_fen : int
        The amount lent and the amount actually received (lent − fee up front).
    term_months : int
        The term used for the flows.
    term_assumed : bool
        True when no term was given and a fee up front needed one.
    all_in : TrueRate
        The IRR on the money received, nominal and effective.
    overdue_annual_rate : float or None
        The rate once overdue (see the module notes); None without a penalty above the rate.
    penalty_multiplier : float
        The debt's penalty multiplier.
    """

    quote: str
    quoted_rate: float
    quoted_annual_rate: float | None
    lent_fen: int
    received_fen: int
    term_months: int
    term_assumed: bool
    all_in: TrueRate
    overdue_annual_rate: float | None
    penalty_multiplier: float


def contract_cost(debt: Debt) -> ContractCost:
    """The all-in true rate of a debt's contract, and what it was computed from.

    Examples
    --------
    A consumer-finance loan of 12,000 at 22.8% over 12 months with 360 (3%) taken up front costs
    28.78% a year on the 11,640 received, and 34.2% once overdue (1.5 × 22.8%):

    >>> from helpers.case import load_sample
    >>> cost = contract_cost(load_sample("li_na_illness").debt("d3"))
    >>> cost.received_fen, round(cost.all_in.nominal_annual_rate, 4)
    (1164000, 0.2878)
    >>> round(cost.overdue_annual_rate, 4)
    0.342
    """
    quote, quoted_rate = debt.rate_quote
    lent_fen = debt.original_principal_fen or debt.principal_fen
    fee_fen = debt.upfront_fee_fen
    term_assumed = debt.original_term_months is None and fee_fen > 0 and quote != "monthly_fee"
    term = debt.original_term_months or ASSUMED_TERM_MONTHS
    multiplier = debt.terms.penalty_rate_multiplier
    if quote == "monthly_fee":
        quoted_annual = None
        flows = fee_offer_flows(lent_fen, quoted_rate, term, upfront_fee_fen=fee_fen)
        all_in = true_annual_rate(flows)
        base = all_in.nominal_annual_rate
    else:
        quoted_annual = (
            daily_to_annual(quoted_rate, day_basis=debt.terms.day_basis)
            if quote == "daily"
            else quoted_rate
        )
        all_in = _level_rate(lent_fen, fee_fen, quoted_annual, term)
        base = quoted_annual
    overdue = base * multiplier if base and multiplier > 1 else None
    return ContractCost(
        quote,
        quoted_rate,
        quoted_annual,
        lent_fen,
        lent_fen - fee_fen,
        term,
        term_assumed,
        all_in,
        overdue,
        multiplier,
    )


def _level_rate(lent_fen: int, fee_fen: int, annual_rate: float, months: int) -> TrueRate:
    """The true rate of a loan at ``annual_rate`` repaid in level instalments, fee up front.

    >>> round(_level_rate(1_000_000, 30_000, 0.228, 12).nominal_annual_rate, 4)
    0.2878
    """
    monthly = annual_to_monthly(annual_rate)
    if fee_fen == 0:
        return TrueRate.from_monthly(monthly) if lent_fen > 0 else true_annual_rate([0, 0])
    if monthly == 0:
        payment = lent_fen / months
    else:
        payment = lent_fen * monthly / -_expm1_power(monthly, months)
    return equal_instalment_rate(lent_fen - fee_fen, payment, months)


def _expm1_power(monthly_rate: float, months: int) -> float:
    """``(1 + m)^−n − 1`` without cancellation.

    >>> round(_expm1_power(0.01, 12), 12)
    -0.112550774735
    """
    return math.expm1(-months * math.log1p(monthly_rate))


def all_in_rate(debt: Debt) -> TrueRate:
    """The all-in true rate of a debt's contract on the money received (see
    :func:`contract_cost`).

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> print(all_in_rate(load_sample("wang_fang_income_drop").debt("d4")).describe("en"))
    13.03% a year nominal (12 × 1.0862% a month), 13.84% effective
    """
    return contract_cost(debt).all_in
