"""Counter-offer verdicts pinned on offers worked by hand (helpers.offers).

Every case owes 20,200.00 now (20,000.00 principal + 200.00 interest) and the borrower's own
plan for the debt is the chosen one: 8 interest-free instalments of 2,525.00, so its total is
20,200.00 whenever the budget carries it (every test's money for debts covers 2,525.00 a month,
and what is left over prepays it). The money for debts is given month by month, so each month's
check is plain; the expected rates come from numpy-financial, never from the workbench.

"On the line" does not cross it, as in helpers.rules (a rate crosses a line when above it by more
than float noise): an offer at exactly 24% (or exactly 4 × LPR for a private loan) is not refused
for its rate.
"""

from __future__ import annotations

import numpy_financial as npf
import pytest

from helpers.case import parse_case
from helpers.offers import (
    OfferError,
    OfferTerms,
    Verdict,
    counter_proposal,
    decide,
    evaluate_offer,
    reasons,
    schedule_offer,
    within_margin,
)
from tests.support import level_instalment_fen

CASE = """
schema_version: 1
language: en
as_of: {as_of}
incomes:
  - {{kind: wages, amount: 12000.00}}
costs:
  - {{category: rent, amount: 1596.00}}
debts:
  - id: d1
    lender: Bank A
    kind: {kind}
    principal: 20000.00
    interest: 200.00
    annual_rate: 0.12
    due_day: 15
    contract_date: 2025-06-01
chosen_scenario:
  name: mine
  policy: avalanche
  plans:
    d1: {{kind: reinstalment, term_months: 8, freeze_interest: true}}
"""
BIG = 10**8  # money for debts once the offer has run: nothing is short
OWN_TOTAL = 2_020_000


def _case(kind: str = "consumer_finance", as_of: str = "2025-07-01"):
    return parse_case(CASE.format(kind=kind, as_of=as_of))


def _evaluate(terms: OfferTerms, means: list[int], kind: str = "consumer_finance"):
    return evaluate_offer(_case(kind), terms, horizon=len(means), means_fen=means)


class TestAccept:
    def test_level_offer_exactly_on_the_24_percent_line_is_accepted(self):
        # 10,404.00 × 2 on 20,200.00: 20,200 = 10,404/1.02 + 10,404/1.02² = 10,200 + 10,000,
        # so 2% a month, 24.00% nominal: on the line, not over it. Budget 10,404.00 a month
        # carries both months. Total 20,808.00 = 20,200 × 1.0301: within 5% of the own plan.
        assert npf.irr([-20_200, 10_404, 10_404]) == pytest.approx(0.02, abs=1e-12)
        result = _evaluate(OfferTerms("d1", 2, 1_040_400), [1_040_400] * 2 + [BIG] * 4)
        assert result.offer.rate.nominal_annual_rate == pytest.approx(0.24, abs=1e-12)
        assert not result.crosses_line
        assert (result.shortfall_months, result.total_fen) == (0, 2_080_800)
        assert result.own_total_fen == OWN_TOTAL
        assert result.extra_cost_fen == 60_800
        assert result.verdict == Verdict.ACCEPT

    def test_quoted_rate_with_interest_waived_is_accepted_and_its_rate_is_on_what_is_owed(self):
        # 12% a year (1% a month) on 20,000.00 once the 200.00 of interest is waived, 2 months:
        # the level instalment 20,000 × 0.01 / (1 − 1.01⁻²) = 10,150.25 (numpy-financial);
        # month 1: 200.00 interest, 9,950.25 principal; month 2: 10,049.75 + 100.50 = 10,150.25.
        # Total 20,300.50, 0.50% above the own plan. On the 20,200.00 owed now the rate is the
        # IRR of −20,200 then two unrounded instalments; on the 20,000.00 re-instaled, 12%.
        level = level_instalment_fen(2_000_000, 0.01, 2)
        assert level == 1_015_025
        exact = -npf.pmt(0.01, 2, 20_000)
        owed_rate = 12 * npf.irr([-20_200, exact, exact])
        terms = OfferTerms("d1", 2, annual_rate=0.12, interest_share=1.0)
        result = _evaluate(terms, [level] * 2 + [BIG] * 4)
        assert (result.offer.base_fen, result.offer.monthly_fen) == (2_000_000, level)
        assert result.offer.rate.nominal_annual_rate == pytest.approx(owed_rate, abs=1e-9)
        assert result.offer.agreement_rate.nominal_annual_rate == pytest.approx(0.12, abs=1e-12)
        assert (result.shortfall_months, result.total_fen) == (0, 2_030_050)
        assert result.verdict == Verdict.ACCEPT

    def test_exactly_five_percent_dearer_is_accepted(self):
        # A card-style 1% monthly fee over 5 months: 20,200/5 = 4,040.00 principal + 202.00 fee
        # = 4,242.00 a month, 21,210.00 in all = 20,200.00 × 1.05 exactly.
        fee_rate = 12 * npf.irr([-20_200] + [4_242] * 5)
        result = _evaluate(OfferTerms("d1", 5, monthly_fee_rate=0.01), [424_200] * 5 + [BIG])
        assert result.offer.monthly_fen == 424_200
        assert result.offer.rate.nominal_annual_rate == pytest.approx(fee_rate, abs=1e-9)
        assert (result.total_fen, result.shortfall_months) == (2_121_000, 0)
        assert result.total_fen * 100 == OWN_TOTAL * 105
        assert result.verdict == Verdict.ACCEPT

    def test_private_loan_at_exactly_four_times_the_lpr_is_accepted(self):
        # A private loan made 2025-06-01: the line is 4 × 3.00% = 12.00%. 12% on the 20,000.00
        # left after waiving the interest is exactly on it.
        terms = OfferTerms("d1", 2, annual_rate=0.12, interest_share=1.0)
        result = _evaluate(terms, [1_015_025] * 2 + [BIG] * 4, kind="private")
        assert result.line.annual_rate == pytest.approx(0.12)
        assert not result.crosses_line
        assert result.verdict == Verdict.ACCEPT


class TestCounter:
    def test_affordable_but_six_percent_dearer_is_countered(self):
        # 1% monthly fee over 6 months: 20,200/6 = 3,366.67 (the last 3,366.65) + 202.00 fee;
        # 21,412.00 in all, 6% above 20,200.00: affordable every month but over the 5% margin.
        months = [356_867] * 5 + [356_865]
        result = _evaluate(OfferTerms("d1", 6, monthly_fee_rate=0.01), months + [BIG])
        fee_rate = 12 * npf.irr([-20_200] + [20_200 / 6 + 202] * 6)
        assert result.offer.rate.nominal_annual_rate == pytest.approx(fee_rate, abs=1e-9)
        assert (result.total_fen, result.shortfall_months) == (2_141_200, 0)
        assert not within_margin(result.total_fen, OWN_TOTAL)
        assert result.verdict == Verdict.COUNTER

    def test_short_in_exactly_a_quarter_of_the_months_is_countered(self):
        # Interest-free, 4 × 5,050.00. Month 1 has 3,000.00: 2,050.00 short and carried; month 2
        # has 7,100.00 = 5,050 + 2,050: not short. 1 short month of 4 = a quarter.
        means = [300_000, 710_000, 505_000, 505_000, BIG, BIG]
        result = _evaluate(OfferTerms("d1", 4, annual_rate=0.0), means)
        assert result.offer.monthly_fen == 505_000
        assert result.offer.rate.nominal_annual_rate == 0.0
        assert result.shortfall_months == 1
        assert result.largest_gap_fen() == 205_000
        assert result.verdict == Verdict.COUNTER

    def test_a_quoted_monthly_that_agrees_within_a_yuan_is_taken_with_its_rate(self):
        # 12% over 2 months on 20,000.00 is 10,150.25; the lender wrote 10,151.00 (0.75 apart):
        # the rate wins, and the verdict is the rate's (accept, 0.50% dearer).
        terms = OfferTerms("d1", 2, 1_015_100, annual_rate=0.12, interest_share=1.0)
        result = _evaluate(terms, [1_015_025] * 2 + [BIG] * 4)
        assert result.offer.monthly_fen == 1_015_025
        assert result.verdict == Verdict.ACCEPT


class TestDecline:
    def test_short_in_two_of_four_months_is_declined(self):
        # Interest-free, 4 × 5,050.00; months 1 and 2 have 3,000.00 each: month 1 is 2,050 short,
        # month 2 owes 5,050 + 2,050 = 7,100 against 3,000: short again; month 3 has 11,200.00.
        # 2 short months of 4 is more than a quarter.
        means = [300_000, 300_000, 1_120_000, 505_000, BIG, BIG]
        result = _evaluate(OfferTerms("d1", 4, annual_rate=0.0), means)
        assert result.shortfall_months == 2
        assert result.verdict == Verdict.DECLINE

    def test_a_hair_over_the_24_percent_line_is_declined_however_affordable(self):
        # 24.01% a year: courts tend not to enforce the excess over 24%.
        result = _evaluate(OfferTerms("d1", 2, annual_rate=0.2401), [BIG] * 6)
        assert result.offer.agreement_rate.nominal_annual_rate == pytest.approx(0.2401)
        assert result.shortfall_months == 0
        assert result.crosses_line
        assert result.verdict == Verdict.DECLINE

    def test_private_loan_over_four_times_the_lpr_is_declined(self):
        terms = OfferTerms("d1", 2, annual_rate=0.1201, interest_share=1.0)
        result = _evaluate(terms, [BIG] * 6, kind="private")
        assert result.crosses_line
        assert result.verdict == Verdict.DECLINE

    def test_waivers_do_not_hide_a_rate_over_the_line(self):
        # 30% on what is left after waiving the interest: on the 20,200.00 owed now the rate
        # is lower, but the agreement charges 30% going forward.
        terms = OfferTerms("d1", 12, annual_rate=0.30, interest_share=1.0)
        result = _evaluate(terms, [BIG] * 14)
        owed = result.offer.rate.nominal_annual_rate
        assert owed < result.offer.agreement_rate.nominal_annual_rate
        assert result.verdict == Verdict.DECLINE


class TestDecide:
    @pytest.mark.parametrize(
        ("short", "months", "total", "own", "line", "verdict"),
        [
            (0, 12, 1_050_000, 1_000_000, False, Verdict.ACCEPT),  # exactly 5% dearer
            (0, 12, 1_050_001, 1_000_000, False, Verdict.COUNTER),  # a fen more
            (3, 12, 900_000, 1_000_000, False, Verdict.COUNTER),  # exactly a quarter short
            (4, 12, 900_000, 1_000_000, False, Verdict.DECLINE),  # one month more
            (0, 12, 900_000, 1_000_000, True, Verdict.DECLINE),  # over a line
        ],
    )
    def test_boundaries(self, short, months, total, own, line, verdict):
        assert (
            decide(
                shortfall_months=short,
                offer_months=months,
                total_fen=total,
                own_total_fen=own,
                crosses_line=line,
            )
            == verdict
        )


class TestRefused:
    @pytest.mark.parametrize(
        ("terms", "field", "text"),
        [
            (OfferTerms("d1", 61, 50_000), "months", "61 is longer than a credit-card"),
            (OfferTerms("d1", 12, -100), "monthly", "-1 is negative"),
            (OfferTerms("d1", 12, 50_000, down_payment_fen=-1), "down", "is negative"),
            (OfferTerms("x", 12, 50_000), "lender", "'x' is not a debt of this case"),
            (OfferTerms("d1", 12), "monthly", "neither a monthly amount nor a rate"),
            (OfferTerms("d1", 12, annual_rate=18), "annual_rate", "did you mean 0.18"),
        ],
    )
    def test_bad_terms_name_the_field_and_the_fix(self, terms, field, text):
        with pytest.raises(OfferError) as caught:
            schedule_offer(_case("credit_card"), terms)
        assert caught.value.problems[0].where == field
        assert text in caught.value.render("en")
        assert caught.value.render("zh-CN") != caught.value.render("en")

    def test_a_monthly_and_a_rate_more_than_a_yuan_apart_say_which_to_drop(self):
        # 12% over 2 months on 20,200.00 is 10,251.75 (numpy-financial); 10,253.00 is 1.25 off.
        assert level_instalment_fen(2_020_000, 0.01, 2) == 1_025_175
        with pytest.raises(OfferError) as caught:
            schedule_offer(_case(), OfferTerms("d1", 2, 1_025_300, annual_rate=0.12))
        text = caught.value.render("en")
        assert "10,251.75" in text
        assert "drop the monthly amount" in text and "drop the annual rate" in text

    def test_a_monthly_that_does_not_repay_the_balance_is_refused(self):
        with pytest.raises(OfferError, match="less than the 20,200.00 re-instaled"):
            schedule_offer(_case(), OfferTerms("d1", 2, 1_000_000))


def test_reasons_and_counter_proposal_in_both_languages():
    means = [300_000, 300_000, 1_120_000, 505_000, BIG, BIG]
    result = _evaluate(OfferTerms("d1", 4, annual_rate=0.0), means)
    for lang in ("zh-CN", "en"):
        text = "\n".join(reasons(result, lang)) + counter_proposal(result, lang)
        assert "{" not in text and "None" not in text and "offers." not in text
    assert "2 of 6 months fall short" in reasons(result, "en")[1]
    assert counter_proposal(result, "en").startswith("Thank you for the offer of CN¥5,050.00")
    assert "2,525.00" in counter_proposal(result, "zh-CN")
