"""helpers.rates: conversions, the true annual rate by three paths, offers quoted as fees."""

from __future__ import annotations

import math

import numpy as np
import numpy_financial as npf
import pytest
import pyxirr
from hypothesis import given
from hypothesis import strategies as st

from helpers import rates
from helpers.i18n.catalogue import t
from helpers.rates import (
    REASON_NO_ROOT,
    REASON_ONE_SIGN,
    TrueRate,
    annual_to_daily,
    annual_to_monthly,
    annuity_payment_fen,
    daily_to_annual,
    daily_to_monthly,
    effective_annual_rate,
    equal_instalment_rate,
    equal_instalment_rates,
    fee_instalments_fen,
    fee_offer_flows,
    format_rate,
    monthly_from_effective,
    monthly_to_annual,
    monthly_to_daily,
    offer_flows,
    sign_changes,
    true_annual_rate,
    true_annual_rates,
)

PBOC_FLOWS = [-99_000] + [8_833.30] * 12  # 100,000 lent, 1,000 up front, 12 × 8,833.30


def _random_offers(seed: int, count: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Consumer offers with one sign change: regular rows (equal payments) and irregular rows
    (varying payments, some months skipped, some drawn in two parts, some from the borrower's
    side), padded with zeros to 61 columns. Returns flows, a regular mask and the terms."""
    rng = np.random.default_rng(seed)
    months = rng.integers(1, 61, count)
    principal = rng.integers(100_000, 20_000_000, count).astype(float)
    ratio = rng.uniform(0.7, 2.5, count)  # total repaid / received: negative rates included
    regular = rng.random(count) < 0.5
    flows = np.zeros((count, 61))
    for row in range(count):
        n = months[row]
        total = principal[row] * ratio[row]
        if regular[row]:
            flows[row, 0] = -principal[row]
            flows[row, 1 : n + 1] = round(total / n)
            continue
        weights = rng.uniform(0.0, 2.0, n)
        weights[rng.random(n) < 0.1] = 0.0  # payment holidays
        weights[-1] += 0.1
        payments = np.round(total * weights / weights.sum())
        if n > 2 and rng.random() < 0.2:  # the loan paid out in two parts
            flows[row, 0], payments[0] = -principal[row] / 2, -principal[row] / 2
        else:
            flows[row, 0] = -principal[row]
        flows[row, 1 : n + 1] = payments
        if rng.random() < 0.3:
            flows[row] = -flows[row]  # the borrower's side
    return flows, regular, months


class TestConversions:
    def test_card_daily_rate_is_18_25_percent_a_year_on_365_days(self):
        assert round(daily_to_annual(0.0005, day_basis=365), 12) == 0.1825

    def test_loan_daily_rate_uses_360_days(self):
        assert round(annual_to_daily(0.18, day_basis=360), 12) == 0.0005
        assert round(daily_to_monthly(0.0005, day_basis=360), 12) == 0.015
        assert round(monthly_to_daily(0.015, day_basis=360), 12) == 0.0005

    def test_monthly_and_annual_rates_are_simple_multiples_of_12(self):
        assert monthly_to_annual(0.015) == 0.18
        assert annual_to_monthly(0.18) == 0.015

    def test_effective_rate_compounds_monthly_and_inverts(self):
        assert round(effective_annual_rate(0.01), 12) == 0.126825030132
        assert round(monthly_from_effective(effective_annual_rate(0.01)), 12) == 0.01

    def test_conversions_work_on_arrays(self):
        annual = daily_to_annual(np.array([0.0005, 0.0004]), day_basis=360)
        assert annual.round(12).tolist() == [0.18, 0.144]

    @pytest.mark.parametrize("basis", [0, 364, 366, 30])
    def test_an_unknown_day_basis_is_refused(self, basis):
        with pytest.raises(ValueError, match="day_basis must be 360 or 365"):
            daily_to_annual(0.0005, day_basis=basis)

    def test_rates_format_as_percentages_and_none_as_a_dash(self):
        assert format_rate(0.128038) == "12.80%"
        assert format_rate(float("nan")) == "—"
        assert format_rate(0.24, 0) == "24%"


class TestTrueAnnualRate:
    def test_pboc_example_is_12_80_nominal_and_13_58_effective(self):
        rate = true_annual_rate(PBOC_FLOWS)
        assert (
            format_rate(rate.nominal_annual_rate),
            format_rate(rate.effective_annual_rate),
        ) == (
            "12.80%",
            "13.58%",
        )
        assert round(rate.nominal_annual_rate, 6) == 0.128038
        assert round(rate.effective_annual_rate, 6) == 0.135826
        assert rate.nominal_annual_rate == 12 * rate.monthly_rate
        assert (rate.several_roots, rate.reason) == (False, None)

    def test_the_borrowers_side_and_fen_give_the_same_rate(self):
        lender = true_annual_rate(PBOC_FLOWS).monthly_rate
        borrower = true_annual_rate([9_900_000] + [-883_330] * 12).monthly_rate
        assert abs(lender - borrower) < 1e-15

    def test_numpy_array_input_gives_the_same_rate(self):
        assert true_annual_rate(np.array(PBOC_FLOWS)) == true_annual_rate(PBOC_FLOWS)

    def test_monthly_fee_of_0_6_percent_for_12_months_is_13_03_nominal_and_13_84_effective(self):
        rate = true_annual_rate(fee_offer_flows(1_200_000, 0.006, 12))
        assert round(rate.nominal_annual_rate, 4) == 0.1303
        assert round(rate.effective_annual_rate, 4) == 0.1384
        assert rate.describe("en") == (
            "13.03% a year nominal (12 × 1.0862% a month), 13.84% effective"
        )

    def test_an_interest_free_loan_costs_exactly_zero(self):
        rate = true_annual_rate([-12_000] + [1_000] * 12)
        assert (rate.monthly_rate, rate.nominal_annual_rate, rate.effective_annual_rate) == (
            0.0,
            0.0,
            0.0,
        )

    def test_repaying_less_than_received_is_a_negative_rate(self):
        rate = true_annual_rate([-12_000] + [900] * 12)
        assert round(rate.monthly_rate, 10) == -0.0158485051
        assert rate.nominal_annual_rate < 0 and rate.effective_annual_rate < 0

    def test_trailing_zeros_change_nothing(self):
        assert true_annual_rate(PBOC_FLOWS + [0, 0, 0]) == true_annual_rate(PBOC_FLOWS)

    def test_several_roots_give_the_one_closest_to_zero_flagged_with_the_others(self):
        rate = true_annual_rate([-5, 10.5, 1, -8, 1])
        assert round(rate.monthly_rate, 10) == 0.0885983385
        assert rate.several_roots
        assert sorted(round(m, 6) for m in rate.other_monthly_rates) == [-0.870201, 0.70956]
        assert "closest to zero" in rate.describe("en")

    @pytest.mark.parametrize(
        "flows",
        [[1, 2, 3], [-1, -2, -3], [0, 0, 0], [], [5], [0, 5, 0]],
        ids=["all positive", "all negative", "all zero", "empty", "one flow", "one non-zero"],
    )
    def test_money_moving_one_way_has_no_rate_and_says_why(self, flows):
        rate = true_annual_rate(flows)
        assert rate == TrueRate(None, None, None, False, REASON_ONE_SIGN, ())
        assert not rate.exists
        assert rate.describe("zh-CN").startswith("无法计算利率：")

    def test_flows_that_never_balance_have_no_root_and_say_why(self):
        rate = true_annual_rate([-100, 230, -132.5])
        assert (rate.monthly_rate, rate.reason) == (None, REASON_NO_ROOT)
        assert rate.to_dict()["nominal_annual_rate"] is None
        assert t(REASON_NO_ROOT, "en") in rate.describe("en")

    def test_a_flow_that_is_not_a_finite_number_is_refused(self):
        with pytest.raises(ValueError, match="finite"):
            true_annual_rate([-100, float("nan"), 110])
        with pytest.raises(ValueError, match="finite"):
            true_annual_rate([-100, float("inf")])

    def test_when_pyxirr_gives_up_bisection_finds_the_same_rate(self, monkeypatch):
        expected = true_annual_rate(PBOC_FLOWS).monthly_rate
        monkeypatch.setattr(pyxirr, "irr", lambda values, silent=True: None)
        assert abs(true_annual_rate(PBOC_FLOWS).monthly_rate - expected) < 1e-14

    def test_an_ill_conditioned_polynomial_is_scanned_instead(self, monkeypatch):
        def fail(_coefficients):
            raise np.linalg.LinAlgError("Array must not contain infs or NaNs")

        monkeypatch.setattr(np, "roots", fail)
        rate = true_annual_rate([-100, 100, 0, -7])
        assert round(rate.monthly_rate, 10) == -0.0832996662
        assert [round(m, 6) for m in rate.other_monthly_rates] == [-0.678894]

    def test_sign_changes_skip_zeros(self):
        assert sign_changes([-100, 0, 50, 0, 60]) == 1
        assert sign_changes([-100, 100, 0, -7]) == 2
        assert sign_changes([0, 0]) == 0


# numpy-financial's own IRR test vectors, copied from numpy/numpy-financial,
# numpy_financial/tests/test_financial.py, class TestIrr (test_basic_values, test_trailing_zeros,
# test_numpy_gh_6744, test_gh_15, test_gh_39, test_gh_44, test_npv_irr_congruence,
# test_irr_no_real_solution_exception). Their expected values are given to 2-5 digits.
NPF_BASIC = [
    ([-150000, 15000, 25000, 35000, 45000, 60000], 0.0524),
    ([-100, 0, 0, 74], -0.0955),
    ([-100, 39, 59, 55, 20], 0.28095),
    ([-100, 100, 0, -7], -0.0833),
    ([-100, 100, 0, 7], 0.06206),
    ([-5, 10.5, 1, -8, 1], 0.0886),
    ([-5, 10.5, 1, -8, 1, 0, 0, 0], 0.0886),
]
NPF_GH_15 = [
    -3000.0,
    2.3926932267015667e-07,
    4.1672087103345505e-16,
    5.3965110036378706e-25,
    5.1962551071806174e-34,
    3.7202955645436402e-43,
    1.9804961711632469e-52,
    7.8393517651814181e-62,
    2.3072565113911438e-71,
    5.0491839233308912e-81,
    8.2159177668499263e-91,
    9.9403244366963527e-101,
    8.942410813633967e-111,
    5.9816122646481191e-121,
    2.9750309031844241e-131,
    1.1002067043497954e-141,
    3.0252876563518021e-152,
    6.1854121948207909e-163,
    9.4032980015353301e-174,
    1.0629218520017728e-184,
    8.9337141847171845e-196,
    5.5830607698467935e-207,
    2.5943122036622652e-218,
    8.9635842466507006e-230,
    2.3027710094332358e-241,
    4.3987510596745562e-253,
    6.2476630372575209e-265,
    6.598046841695288e-277,
    5.1811095266842017e-289,
    3.0250999925830644e-301,
    1.3133070599585015e-313,
]
NPF_GH_39 = [
    -217500.0,
    -217500.0,
    108466.80462450592,
    101129.96439328062,
    93793.12416205535,
    86456.28393083003,
    79119.44369960476,
    71782.60346837944,
    64445.76323715414,
    57108.92300592884,
    49772.08277470355,
    42435.24254347826,
    35098.40231225296,
    27761.56208102766,
    20424.721849802358,
    13087.88161857707,
    5751.041387351768,
    -1585.7988438735192,
    -8922.639075098821,
    -16259.479306324123,
    -23596.31953754941,
    -30933.159768774713,
    -38270.0,
    -45606.8402312253,
    -52943.680462450604,
    -60280.520693675906,
    -67617.36092490121,
]
NPF_GH_44 = [-1678.87, 771.96, 1814.05, 3520.30, 3552.95, 3584.99, 4789.91, -1]


class TestNumpyFinancialVectors:
    @pytest.mark.parametrize(("flows", "desired"), NPF_BASIC)
    def test_basic_values_give_numpy_financials_answers(self, flows, desired):
        rate = true_annual_rate(flows)
        assert abs(rate.monthly_rate - desired) <= 5e-5  # to the digits numpy-financial gives
        assert abs(rate.monthly_rate - npf.irr(flows)) < 1e-12  # and its exact answer

    @pytest.mark.parametrize("flows", [(1, 2, 3), (-1, -2, -3), (40000, 5000, 8000, 12000, 30000)])
    def test_its_nan_is_no_rate_with_the_reason(self, flows):
        assert true_annual_rate(flows).reason == REASON_ONE_SIGN
        batch = true_annual_rates(np.array([flows], dtype=float))
        assert math.isnan(batch.monthly_rate[0]) and batch.reason[0] == REASON_ONE_SIGN

    def test_npv_at_the_rate_is_zero(self):
        flows = np.array([-40000, 5000, 8000, 12000, 30000])
        rate = true_annual_rate(flows).monthly_rate
        assert abs(npf.npv(rate, flows)) <= 1e-10

    def test_gh_15_a_rate_near_minus_100_percent_is_found(self):
        rate = true_annual_rate(NPF_GH_15).monthly_rate
        assert rate == pytest.approx(-0.9999999990596069, rel=1e-9)

    def test_gh_39_and_gh_44_report_the_root_closest_to_zero_and_flag_the_one_npf_picks(self):
        # numpy-financial 1.0 returns the root closest to zero, as we do; later versions return
        # the root their Newton iteration reaches (0.12 and 1.00426), which we list as "other".
        for flows, newton_root in ((NPF_GH_39, 0.12), (NPF_GH_44, 1.00426)):
            rate = true_annual_rate(flows)
            assert rate.several_roots
            assert abs(rate.monthly_rate) < abs(newton_root)
            assert abs(rate.monthly_rate - npf.irr(flows)) < 1e-10
            assert any(abs(m - newton_root) < 1e-4 * newton_root for m in rate.other_monthly_rates)

    def test_the_batch_path_gives_the_same_answers(self):
        width = max(len(flows) for flows, _ in NPF_BASIC)
        batch = np.zeros((len(NPF_BASIC), width))
        for row, (flows, _) in enumerate(NPF_BASIC):
            batch[row, : len(flows)] = flows
        result = true_annual_rates(batch)
        expected = [true_annual_rate(flows).monthly_rate for flows, _ in NPF_BASIC]
        assert np.abs(result.monthly_rate - expected).max() < 1e-12
        assert result.several_roots.tolist() == [False, False, False, True, False, True, True]


class TestBatchAgreesWithPyxirr:
    def test_ten_thousand_random_flows_agree_within_1e_10(self):
        flows, _regular, months = _random_offers(20260101, 10_000)
        expected = np.array(
            [pyxirr.irr(row[: n + 1].tolist()) for row, n in zip(flows, months, strict=True)]
        )
        result = true_annual_rates(flows)
        assert np.abs(result.monthly_rate - expected).max() < 1e-10
        assert not result.several_roots.any() and (result.reason == None).all()  # noqa: E711
        assert (result.nominal_annual_rate == 12 * result.monthly_rate).all()

    def test_equal_instalment_path_agrees_on_the_regular_ones(self):
        flows, regular, months = _random_offers(20260102, 10_000)
        rows = flows[regular]
        expected = np.array(
            [
                pyxirr.irr(row[: n + 1].tolist())
                for row, n in zip(rows, months[regular], strict=True)
            ]
        )
        result = equal_instalment_rates(-rows[:, 0], rows[:, 1], months[regular])
        assert np.abs(result.monthly_rate - expected).max() < 1e-10
        scalar = [
            equal_instalment_rate(-r[0], r[1], n)
            for r, n in zip(rows[:200], months[regular][:200], strict=True)
        ]
        assert np.abs(np.array([s.monthly_rate for s in scalar]) - expected[:200]).max() < 1e-10

    def test_rows_without_one_sign_change_get_what_the_scalar_path_gives(self):
        rows = [[-100, 100, 0, -7], [-100, 230, -132.5, 0], [0, 0, 0, 0], [5, 0, 0, 0]]
        result = true_annual_rates(np.array(rows, dtype=float))
        for index, flows in enumerate(rows):
            assert result.row(index).reason == true_annual_rate(flows).reason
            assert result.row(index).several_roots == true_annual_rate(flows).several_roots
        assert round(result.monthly_rate[0], 10) == -0.0832996662
        assert result.reason.tolist() == [None, REASON_NO_ROOT, REASON_ONE_SIGN, REASON_ONE_SIGN]

    def test_zero_cost_rows_are_exactly_zero(self):
        result = true_annual_rates(np.array([[-1200.0] + [100.0] * 12, [1200.0] + [-100.0] * 12]))
        assert result.monthly_rate.tolist() == [0.0, 0.0]

    def test_rows_newton_cannot_settle_fall_back_to_the_scalar_path(self):
        flows = np.array([[0.0, -100.0, 110.0], [-1.0, 0.0, 1e6]])
        result = true_annual_rates(flows)
        assert result.monthly_rate.round(10).tolist() == [0.1, 999.0]

    def test_an_empty_batch_is_empty(self):
        assert len(true_annual_rates(np.zeros((0, 13)))) == 0
        assert len(true_annual_rates(np.zeros((3, 0)))) == 3

    def test_a_batch_must_be_two_dimensional_and_finite(self):
        with pytest.raises(ValueError, match="2-D"):
            true_annual_rates(np.array(PBOC_FLOWS))
        with pytest.raises(ValueError, match="finite"):
            true_annual_rates(np.array([[-100.0, np.inf, 10.0]]))

    @given(
        st.lists(
            st.tuples(
                st.integers(1, 60),
                st.floats(0.5, 3.0),
                st.lists(st.floats(0.0, 2.0), min_size=60, max_size=60),
            ),
            min_size=1,
            max_size=20,
        )
    )
    def test_batch_and_scalar_paths_agree_on_any_loan(self, offers):
        flows = np.zeros((len(offers), 61))
        for row, (months, ratio, weights) in enumerate(offers):
            share = np.array(weights[:months]) + 1e-3
            flows[row, 0] = -10_000.0
            flows[row, 1 : months + 1] = 10_000.0 * ratio * share / share.sum()
        result = true_annual_rates(flows)
        scalar = [true_annual_rate(row).monthly_rate for row in flows]
        assert np.abs(result.monthly_rate - scalar).max() < 1e-10


class TestEqualInstalments:
    def test_pboc_example_through_the_fast_path(self):
        rate = equal_instalment_rate(99_000, 8_833.30, 12)
        assert abs(rate.monthly_rate - true_annual_rate(PBOC_FLOWS).monthly_rate) < 1e-14

    def test_interest_free_instalments_cost_exactly_zero(self):
        assert equal_instalment_rate(12_000, 1_000, 12).monthly_rate == 0.0
        assert equal_instalment_rates(
            [12_000, 600], [1_000, 100], [12, 6]
        ).monthly_rate.tolist() == [
            0.0,
            0.0,
        ]

    def test_a_zero_or_mismatched_amount_has_no_rate(self):
        assert equal_instalment_rate(0, 100, 12).reason == REASON_ONE_SIGN
        assert equal_instalment_rate(1000, -100, 12).reason == REASON_ONE_SIGN
        result = equal_instalment_rates([1000, 0], [100, 100], 12)
        assert result.reason.tolist() == [None, REASON_ONE_SIGN]
        assert math.isnan(result.nominal_annual_rate[1])

    def test_a_term_below_one_month_is_refused(self):
        with pytest.raises(ValueError, match="months"):
            equal_instalment_rate(1000, 100, 0)
        with pytest.raises(ValueError, match="months"):
            equal_instalment_rates(1000, 100, [12, 1.5])

    # The expected rates were found by bisection with 50-digit decimals (pyxirr stops 1e-12 short
    # of the first).
    @pytest.mark.parametrize(
        ("principal", "payment", "months", "monthly"),
        [
            (100, 30, 60, 0.2999999562960196),
            (100, 0.5, 60, -0.033410777484213),
            (100, 120, 1, 0.2),
        ],
    )
    def test_extreme_offers_still_settle(self, principal, payment, months, monthly):
        assert (
            abs(equal_instalment_rate(principal, payment, months).monthly_rate - monthly) < 1e-12
        )
        result = equal_instalment_rates([principal], [payment], [months])
        assert abs(result.monthly_rate[0] - monthly) < 1e-12

    @given(st.floats(-0.05, 0.2), st.integers(1, 360))
    def test_the_rate_of_a_level_payment_is_the_rate_it_was_built_at(self, monthly, months):
        payment = 10_000 * (
            monthly / -math.expm1(-months * math.log1p(monthly)) if monthly else 1 / months
        )
        assert abs(equal_instalment_rate(10_000, payment, months).monthly_rate - monthly) < 1e-12
        vector = equal_instalment_rates([10_000], [payment], [months]).monthly_rate[0]
        assert abs(vector - monthly) < 1e-12


class TestAnnuityPayment:
    def test_a_bank_loan_of_100000_at_4_35_percent_over_5_years_costs_1857_49(self):
        assert annuity_payment_fen(10_000_000, 0.0435 / 12, 60) == 185_749

    def test_a_zero_rate_splits_the_principal_rounding_half_up(self):
        assert annuity_payment_fen(1_200_000, 0, 12) == 100_000
        assert annuity_payment_fen(3, 0.0, 2) == 2  # 1.5 fen rounds up

    def test_the_payment_rounds_half_up_from_the_rates_decimal_form(self):
        # 1,000.00 at 1% a month over 1 month is exactly 1,010.00; over 2 months 507.512… → 507.51
        assert annuity_payment_fen(100_000, 0.01, 1) == 101_000
        assert annuity_payment_fen(100_000, 0.01, 2) == 50_751

    def test_the_payment_repays_the_loan_at_its_rate(self):
        payment = annuity_payment_fen(2_000_000, 0.019, 12)
        assert payment == 187_960
        assert abs(equal_instalment_rate(2_000_000, payment, 12).monthly_rate - 0.019) < 1e-6

    def test_negative_rates_are_allowed_and_impossible_ones_refused(self):
        assert annuity_payment_fen(1_200_000, -0.01, 12) < 100_000
        with pytest.raises(ValueError, match="above -1"):
            annuity_payment_fen(1_200_000, -1.0, 12)
        with pytest.raises(ValueError, match="months"):
            annuity_payment_fen(1_200_000, 0.01, 0)


class TestFeeOffers:
    def test_fee_instalments_repay_the_principal_plus_the_fee_each_month(self):
        instalments = fee_instalments_fen(1_000_000, 0.006, 3)
        assert instalments == [339_333, 339_333, 339_334]
        assert sum(instalments) == 1_000_000 + 3 * 6_000

    def test_a_fee_up_front_counts_against_the_money_received(self):
        flows = fee_offer_flows(1_200_000, 0.006, 12, upfront_fee_fen=12_000)
        assert flows[0] == -1_188_000
        with_fee = true_annual_rate(flows).nominal_annual_rate
        assert round(with_fee, 4) == 0.1495

    def test_offer_flows_take_any_payments(self):
        assert offer_flows(10_000, [5_000, 5_500]) == [-10_000, 5_000, 5_500]
        with pytest.raises(ValueError, match="upfront_fee_fen"):
            offer_flows(10_000, [5_000], upfront_fee_fen=-1)

    def test_bad_terms_are_refused(self):
        with pytest.raises(ValueError, match="months"):
            fee_instalments_fen(1_000_000, 0.006, 0)
        with pytest.raises(ValueError, match="monthly_fee_rate"):
            fee_instalments_fen(1_000_000, -0.006, 12)


def test_every_public_name_is_exported_once():
    assert len(rates.__all__) == len(set(rates.__all__))
    for name in rates.__all__:
        assert hasattr(rates, name)
