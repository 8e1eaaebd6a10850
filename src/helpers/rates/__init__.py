"""Rates: conversions, and the true annual rate of an offer by IRR on the money received.

A lender's quote rarely tells what a loan costs: a daily rate, a monthly "fee" on the original
principal, a fee taken up front. The true annual rate is the IRR of the monthly cash flows on the
money actually received (PBOC announcement [2021] No. 3), reported both ways: nominal,
12 × monthly IRR (the figure lenders must show), and effective, (1 + monthly IRR)^12 − 1.

Three paths give the same rate: :func:`true_annual_rate` for one offer (pyxirr at its core,
about 2 µs), :func:`true_annual_rates` for a 2-D batch (vectorised Newton), and
:func:`equal_instalment_rate` / :func:`equal_instalment_rates` for level payments (a series
inversion and two Newton steps per offer, whatever the term).

>>> from helpers.rates import fee_offer_flows, true_annual_rate
>>> print(true_annual_rate(fee_offer_flows(1_200_000, 0.006, 12)).describe("en"))
13.03% a year nominal (12 × 1.0862% a month), 13.84% effective
"""

from helpers.rates._amortise import (
    clearing_payment_fen,
    exact_rate,
    interest_fen,
    level_factor,
    level_payment_fen,
    level_schedule,
)
from helpers.rates._annuity import (
    annuity_payment_fen,
    equal_instalment_rate,
    equal_instalment_rates,
)
from helpers.rates._batch import TrueRates, true_annual_rates
from helpers.rates._convert import (
    DAY_BASES,
    MONTHS_PER_YEAR,
    annual_to_daily,
    annual_to_monthly,
    check_day_basis,
    daily_to_annual,
    daily_to_monthly,
    effective_annual_rate,
    format_rate,
    monthly_from_effective,
    monthly_to_annual,
    monthly_to_daily,
)
from helpers.rates._irr import (
    REASON_NO_ROOT,
    REASON_ONE_SIGN,
    TrueRate,
    sign_changes,
    true_annual_rate,
)
from helpers.rates._offers import fee_instalments_fen, fee_offer_flows, offer_flows

__all__ = [
    "DAY_BASES",
    "MONTHS_PER_YEAR",
    "REASON_NO_ROOT",
    "REASON_ONE_SIGN",
    "TrueRate",
    "TrueRates",
    "annual_to_daily",
    "annual_to_monthly",
    "annuity_payment_fen",
    "check_day_basis",
    "clearing_payment_fen",
    "daily_to_annual",
    "daily_to_monthly",
    "effective_annual_rate",
    "equal_instalment_rate",
    "equal_instalment_rates",
    "exact_rate",
    "fee_instalments_fen",
    "fee_offer_flows",
    "format_rate",
    "interest_fen",
    "level_factor",
    "level_payment_fen",
    "level_schedule",
    "monthly_from_effective",
    "monthly_to_annual",
    "monthly_to_daily",
    "offer_flows",
    "sign_changes",
    "true_annual_rate",
    "true_annual_rates",
]
