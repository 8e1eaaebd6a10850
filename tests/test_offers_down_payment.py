"""An offer with a down payment: the down payment in the agreement month, then N level
instalments equal to the offer's monthly, the last taking only the rounding remainder
(DESIGN.md, "Instalments round to the fen; the last instalment takes the remainder").

The case owes 20,200.00 now (20,000.00 principal + 200.00 interest, tests/test_offers.py's case).
The engine's calendar: the agreement month accrues a month's interest at the plan's rate on the
whole balance, the down payment is paid on that month's due day, and the level instalments, one
a month after it, repay what is left then. Before the fix the level was worked out on
owed − down alone, so the agreement month's interest went unpaid until the last instalment
(Zhang Wei's card, 24 months at 6% after 1,000.00 down: 1,231.67 a month and a last one of
1,393.95, and a card-style fee was charged in the down payment's month too).
"""

from __future__ import annotations

import numpy_financial as npf
import pytest

from helpers.case import load_sample
from helpers.engine import ROW_COLUMNS, project
from helpers.engine.vector import ScenarioSpec, project_batch
from helpers.offers import OfferTerms, evaluate_offer, schedule_offer
from helpers.rates import exact_rate, level_payment_fen
from tests.test_offers import BIG, _case

_DUE = ROW_COLUMNS.index("scheduled_due")
_PAID = ROW_COLUMNS.index("paid")
# the money for debts: exactly each month's due (what is left over would prepay the plan)
EXACT = [30_200, 1_020_100, 1_020_100, BIG]


def _dues(result, debt_id: str = "d1") -> list[int]:
    projection = result.result.projection
    k, count = projection.debt_ids.index(debt_id), len(projection.debt_ids)
    return [row[_DUE] for row in projection.rows[k::count]]


def test_a_quoted_rate_after_a_down_payment_is_level_to_the_fen():
    # 12% a year = 1% a month. Agreement month (2025-07): interest 1% × 20,200.00 = 202.00;
    # the down payment 302.00 leaves 20,200 + 202 − 302 = 20,100.00. Two level instalments at
    # 1%: 20,100 × 0.01 / (1 − 1.01⁻²) = 20,100 × 1.0201 / 2.01 = 10,201.00 exactly.
    # Month 1: interest 201.00, principal 10,000.00, left 10,100.00; month 2: interest 101.00,
    # principal 10,100.00: 10,201.00 again, nothing left for a remainder.
    assert -npf.pmt(0.01, 2, 20_100) == pytest.approx(10_201.00, abs=1e-9)
    terms = OfferTerms("d1", 2, annual_rate=0.12, down_payment_fen=30_200)
    result = evaluate_offer(_case(), terms, horizon=4, means_fen=EXACT)
    assert result.offer.monthly_fen == 1_020_100
    assert _dues(result) == [30_200, 1_020_100, 1_020_100, 0]
    # the money received is 20,200.00 now; 302/1.01 + 10,201/1.01² + 10,201/1.01³
    # = 299.0099 + 10,000 + 9,900.9901 = 20,200.00: the true rate is the quoted 1% a month
    assert npf.irr([-20_200, 302, 10_201, 10_201]) == pytest.approx(0.01, abs=1e-12)
    assert result.offer.rate.nominal_annual_rate == pytest.approx(0.12, abs=1e-9)
    assert result.offer.agreement_rate.nominal_annual_rate == pytest.approx(0.12, abs=1e-9)
    assert result.total_fen == 30_200 + 2 * 1_020_100  # 20,704.00 paid, nothing left owed


def test_the_same_offer_given_as_a_monthly_amount_has_the_same_schedule():
    # 10,201.00 a month after 302.00 down: the rate implied is 1% a month (as above), and the
    # engine's level at that rate is 10,201.00 to the fen.
    terms = OfferTerms("d1", 2, 1_020_100, down_payment_fen=30_200)
    result = evaluate_offer(_case(), terms, horizon=4, means_fen=EXACT)
    assert result.offer.plan.annual_rate == pytest.approx(0.12, abs=1e-9)
    assert _dues(result) == [30_200, 1_020_100, 1_020_100, 0]


def test_a_monthly_fee_is_charged_per_instalment_not_in_the_down_payments_month():
    # A card-style 1% monthly fee after 2,000.00 down: base 20,200 − 2,000 = 18,200.00;
    # each instalment 18,200 / 2 + 1% × 18,200 = 9,100 + 182 = 9,282.00. Two fees (364.00),
    # none in the agreement month: 2,000 + 2 × 9,282 = 20,564.00 in all.
    terms = OfferTerms("d1", 2, monthly_fee_rate=0.01, down_payment_fen=200_000)
    means = [200_000, 928_200, 928_200, BIG]  # exactly the dues: nothing left to prepay
    result = evaluate_offer(_case(), terms, horizon=4, means_fen=means)
    assert result.offer.monthly_fen == 928_200
    assert _dues(result) == [200_000, 928_200, 928_200, 0]
    assert result.total_fen == 2_056_400


def test_the_vector_engine_pays_the_same_schedule():
    # the batch engine's total paid on the same plan: 302.00 + 2 × 10,201.00 = 20,704.00
    case = _case()
    plan = schedule_offer(case, OfferTerms("d1", 2, annual_rate=0.12, down_payment_fen=30_200))
    batch = project_batch(case, [ScenarioSpec({"d1": plan.plan}, "avalanche", EXACT)], horizon=4)
    assert batch.total_paid_fen.tolist() == [2_070_400]
    assert batch.max_scheduled_due_fen.tolist() == [1_020_100]  # no larger last instalment
    assert batch.balance_left_fen.tolist() == [0]


def test_zhang_weis_card_after_a_down_payment_runs_level_to_the_last_instalment():
    # 招商银行 (d1): 28,790.00 owed (28,000.00 principal + 650.00 interest + 140.00 charges).
    # 6% a year = 0.5% a month; 1,000.00 down. The agreement month's interest:
    # 0.5% × 28,790.00 = 143.95; left after the down payment: 28,790 + 143.95 − 1,000
    # = 27,933.95; 24 level instalments of it at 0.5%: 27,933.95 × 0.005 / (1 − 1.005⁻²⁴)
    # = 1,238.05 (numpy-financial). The last takes what is left: a fen or two, not 162.28.
    assert round(-npf.pmt(0.005, 24, 27_933.95), 2) == 1_238.05
    assert level_payment_fen(2_793_395, exact_rate(0.06) / 12, 24) == 123_805
    case = load_sample()
    offer = schedule_offer(case, OfferTerms("d1", 24, annual_rate=0.06, down_payment_fen=100_000))
    assert (offer.owed_fen, offer.monthly_fen) == (2_879_000, 123_805)
    rows = project(case, {"d1": offer.plan}, horizon=26, means_fen=[BIG] * 26, prepay=False)
    k, count = rows.debt_ids.index("d1"), len(rows.debt_ids)
    paid = [row[_PAID] for row in rows.rows[k::count]]
    assert paid[0] == 100_000
    assert paid[1:24] == [123_805] * 23
    assert abs(paid[24] - 123_805) <= 24  # the rounding of 24 instalments, at most a fen each
    assert paid[25] == 0
