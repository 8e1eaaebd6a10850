"""The optimal allocation: one linear programme, replayed through the engine, against every
allocation policy.

Total cost, throughout: everything paid over the horizon plus everything still owed at its end
(:func:`helpers.optimize.schedule.total_cost_fen`).
"""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import helpers.optimize.lp
from helpers.allocation import Policy
from helpers.case import Case, list_samples, load_sample
from helpers.engine import ROW_COLUMNS, project, scenario_metrics
from helpers.i18n.catalogue import t
from helpers.optimize.replay import accelerations, paid_matrix, repair, to_fen
from helpers.optimize.schedule import optimal_schedule, total_cost_fen
from helpers.plans.kinds import Reinstalment
from tests.strategies import cases, plans, scenarios

_COL = {name: k for k, name in enumerate(ROW_COLUMNS)}


def _case(as_of: str, *debts: dict) -> Case:
    return Case.model_validate({"as_of": as_of, "debts": list(debts)})


def _month_totals(payments: tuple[tuple[int, ...], ...]) -> list[int]:
    return [sum(month) for month in zip(*payments, strict=True)]


# ---- total cost ------------------------------------------------------------------------------
def test_total_cost_is_what_is_paid_plus_what_is_still_owed_and_equals_everything_accrued():
    case = load_sample("li_na_illness")
    result = project(case, horizon=12)
    metrics = scenario_metrics(result)
    accrued = sum(
        row[_COL[f"{b}_accrued"]] - row[_COL[f"{b}_waived"]]
        for row in result.rows
        for b in ("principal", "interest", "penalty", "charges")
    )
    owed_at_start = sum(d.owed_fen for d in case.debts)
    assert total_cost_fen(metrics) == metrics.total_paid_fen + metrics.balance_left_fen
    assert total_cost_fen(metrics) == owed_at_start + accrued


# ---- a case worked by hand -------------------------------------------------------------------
# Two loans of 12,000.00 taken out the same day, both current, 12 instalments left, as of
# 2025-04-01 (month 0 is April, 30 days; month 1 is May, 31 days), no due day: each month's
# instalment falls due on its first day (04-01, 05-01). By the day (DESIGN.md, "Time"): no day
# of a month comes before its due day, and an instalment left unpaid on 04-01 bears penalty
# interest from 04-02, the 29 days to April's end. Defaults for both: penalty interest 1.5 × the
# contract rate by the day (rate / 360), compounded on overdue interest.
#   A "dear":  36% a year (3.00% a month), no late charge.
#   B "cheap": 12% a year (1.00% a month), a late charge of 5% of any instalment left unpaid.
# Level instalments (helpers.rates._amortise.level_payment_fen):
#   A: 1,200,000 × 0.03 / (1 − 1.03^−12) = 120,554.6 → 120,555 fen, of which interest 36,000
#      and principal 84,555;
#   B: 1,200,000 × 0.01 / (1 − 1.01^−12) = 106,618.6 → 106,619 fen, interest 12,000 and
#      principal 94,619.
# Means: month 0 exactly 106,619 (B's instalment, less than both together); month 1 1,000,000,
# enough to pay everything due, arrears included, whatever was done in month 0.
# Every schedule pays the same interest: the current principal follows the schedule whether or
# not an instalment is paid (month 0: 36,000 + 12,000; month 1: 3% of 1,115,445 = 33,463 and
# 1% of 1,105,381 = 11,054), so total cost = 2,400,000 + 92,517 = 2,492,517 + what month 0's
# arrears cost: penalty interest for 04-02..04-30, 29 days (A: 0.36 × 1.5 / 360 × 29 = 4.35%;
# B: 0.12 × 1.5 / 360 × 29 = 1.45%), and B's late charge (5%). May's payment on its due day
# 05-01 clears the arrears before another day of penalty accrues. A payment clears interest
# first, then principal. Each posting is rounded half-up to the fen.
#
#   avalanche (dearest first), snowball and credit record first all pay A first (equal balances,
#   both current and reported: the dearer ranks first): A gets all 106,619, that is interest
#   36,000 and principal 70,619, leaving 84,555 − 70,619 = 13,936 of principal overdue;
#   B is unpaid: late charge 5% × 106,619 = 5,330.95 → 5,331; overdue 94,619 + 12,000.
#   April's penalty: A 13,936 × 4.35% = 606.216 → 606; B 94,619 × 1.45% = 1,371.9755 → 1,372
#   and 12,000 × 1.45% = 174. Arrears cost 606 + 5,331 + 1,372 + 174 = 7,483 → 2,500,000.
#
#   pro rata shares by balance, equal: 53,310 to A (the odd fen to the first), 53,309 to B.
#   A: interest 36,000, principal 17,310, overdue 67,245 → 67,245 × 4.35% = 2,925.1575 → 2,925.
#   B: interest 12,000, principal 41,309; unpaid 53,310 → late 2,665.50 → 2,666; overdue
#   principal 53,310 → 53,310 × 1.45% = 772.995 → 773. Arrears cost 2,925 + 2,666 + 773 = 6,364
#   → 2,498,881: the best allocation policy.
#
#   optimal: a fen kept from B costs 5% + 1.45% = 6.45%, a fen kept from A 4.35%: pay B in full,
#   nothing to A. A's overdue principal 84,555 × 4.35% = 3,678.1425 → 3,678 and overdue interest
#   36,000 × 4.35% = 1,566. Arrears cost 5,244 → 2,497,761.
#
#   The optimum beats the best policy by 6,364 − 5,244 = 1,120 fen (11.20 yuan), and
#   avalanche by 7,483 − 5,244 = 2,239 fen.
class TestTwoLoansWhereTheCheaperOneHasALateCharge:
    case = _case(
        "2025-04-01",
        {
            "id": "dear",
            "lender": "A",
            "kind": "consumer_finance",
            "principal": 12000,
            "annual_rate": 0.36,
            "remaining_term_months": 12,
        },
        {
            "id": "cheap",
            "lender": "B",
            "kind": "bank_loan",
            "principal": 12000,
            "annual_rate": 0.12,
            "remaining_term_months": 12,
            "late_charge_rate": 0.05,
        },
    )
    means = [106_619, 1_000_000]

    def result(self):
        return optimal_schedule(self.case, horizon=2, means_fen=self.means, lang="en")

    def test_every_policy_costs_what_the_hand_computation_says(self):
        assert dict(self.result().policy_costs) == {
            "avalanche": 2_500_000,
            "snowball": 2_500_000,
            "pro_rata": 2_498_881,
            "priority_first": 2_500_000,
        }

    def test_the_optimum_pays_the_cheaper_loan_first_and_beats_pro_rata_by_1120_fen(self):
        result = self.result()
        assert result.method == "optimal"
        assert result.policy == "pro_rata"
        assert [row[0] for row in result.payments_fen] == [0, 106_619]
        assert total_cost_fen(result.metrics) == 2_497_761
        assert result.saving_fen == 1_120

    def test_the_programme_predicts_the_replay_to_the_fen(self):
        result = self.result()
        assert abs(result.programme_cost_fen - total_cost_fen(result.metrics)) <= 2

    def test_the_explanation_gives_the_saving_in_both_languages(self):
        result = self.result()
        assert "11.20" in result.explanation["en"] and "11.20" in result.explanation["zh-CN"]
        assert t("optimize.policy.pro_rata", "zh-CN") in result.explanation["zh-CN"]
        assert result.text() == result.explanation["en"]


# ---- where the model is exact: the programme's own schedule, before any fallback -------------
HORIZON = 24


@st.composite
def exact_cases(draw):
    """Current instalment loans quoted by the year, with a 5% late charge (so missing an
    instalment never pays), some re-instalments from month 0, zero-rate private loans; means
    that cover every instalment with something to spare."""
    debts, chosen = [], {}
    for k in range(draw(st.integers(1, 4))):
        if draw(st.integers(0, 3)) == 0:
            principal = draw(st.integers(100, 5_000_000)) / 100
            debts.append(
                {"id": f"p{k}", "lender": "x", "kind": "private", "principal": principal,
                 "annual_rate": 0.0}
            )  # fmt: skip
            continue
        debts.append(
            {
                "id": f"d{k}",
                "lender": "x",
                "kind": draw(st.sampled_from(["bank_loan", "consumer_finance", "micro_loan"])),
                "principal": draw(st.integers(100_000, 10_000_000)) / 100,
                "annual_rate": draw(st.sampled_from([0.0435, 0.12, 0.18, 0.24, 0.36])),
                "remaining_term_months": draw(st.integers(2, 48)),
                "late_charge_rate": 0.05,
                "due_day": draw(st.none() | st.integers(1, 28)),
            }
        )
        if draw(st.booleans()):
            rate = draw(st.sampled_from([None, 0.0, 0.06, 0.12]))
            chosen[f"d{k}"] = Reinstalment(draw(st.integers(3, 48)), annual_rate=rate)
    as_of = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)))
    case = Case.model_validate({"as_of": as_of.isoformat(), "debts": debts})
    on_time = project(case, chosen, horizon=HORIZON, means_fen=[10**12] * HORIZON, prepay=False)
    means = [due + draw(st.integers(0, 300_000)) for due in on_time.dues_fen]
    return case, chosen, means


@given(exact_cases())
def test_where_the_model_is_exact_the_replay_matches_the_programme_and_beats_every_policy(data):
    case, chosen, means = data
    result = optimal_schedule(case, chosen, horizon=HORIZON, means_fen=means)
    tolerance = len(case.debts) * HORIZON  # a fen per debt and month
    replay = total_cost_fen(result.optimal_metrics)  # the programme's schedule, not a fallback
    assert abs(replay - result.programme_cost_fen) <= tolerance
    assert replay <= min(result.policy_costs.values()) + tolerance


# ---- where it is not: the fallback engages, labelled ------------------------------------------
# A micro-loan whose accrued interest (2,000.00) dwarfs its principal (254.00), five days late,
# with a fixed late fee of 100.00 a month and the usual call-in after three missed instalments:
# the fixed fee, the payment order and the count of missed instalments are where the linear
# model approximates.
_LATE_LOAN = {
    "id": "d1",
    "lender": "x",
    "kind": "micro_loan",
    "principal": 254.0,
    "interest": 2000.0,
    "charges": 2.8,
    "remaining_term_months": 55,
    "annual_rate": 0.18,
    "late_charge_fixed": 100.0,
    "days_overdue": 5,
}


@given(scenarios(horizon=24))
@settings(max_examples=200)
def test_the_month_a_projection_records_each_debt_called_due_is_the_one_stepping_it_alone_finds(
    scenario,
):
    """The optimiser reads acceleration off the projections it runs (``called_due``); stepping
    each debt alone on the payments it received finds the same months."""
    case, chosen, means, policy = scenario
    result = project(case, chosen, policy=policy, horizon=24, means_fen=means)
    assert result.called_due == accelerations(case, chosen, paid_matrix(result), 24)


def test_a_replay_dearer_than_the_best_policy_returns_the_policy_labelled_with_the_reason():
    case = _case("2025-04-01", _LATE_LOAN)
    result = optimal_schedule(case, horizon=12, means_fen=[100_000] * 12, lang="en")
    assert (result.method, result.reason) == ("policy:avalanche", "dearer")
    assert total_cost_fen(result.optimal_metrics) > total_cost_fen(result.metrics)
    assert result.payments_fen == tuple(map(tuple, paid_matrix(result.projection)))
    assert result.text().startswith("Replayed month by month through the engine")
    assert "先还利率最高的" in result.explanation["zh-CN"]


def test_a_replay_that_calls_a_debt_due_returns_the_policy_that_does_not():
    case = _case("2026-06-30", _LATE_LOAN)
    means = [200_000] + [300_000] * 35
    result = optimal_schedule(case, horizon=36, means_fen=means, lang="en")
    assert (result.method, result.reason) == ("policy:avalanche", "acceleration")
    assert result.accelerated == (("d1", 2),)
    assert accelerations(case, {}, paid_matrix(result.projection), 36) == {}
    assert "2026-08" in result.text() and "x (d1)" in result.explanation["zh-CN"]


@settings(max_examples=40)
@given(st.data())
def test_the_result_is_the_programme_only_when_the_engine_agrees_and_never_exceeds_the_means(
    data,
):
    horizon = 24
    case = data.draw(cases(max_debts=5))
    chosen = {d.id: data.draw(plans(horizon)) for d in case.debts if data.draw(st.booleans())}
    level = data.draw(st.sampled_from([0, 50_000, 200_000, 1_000_000, 5_000_000]))
    means = [
        max(0, level + data.draw(st.integers(-level // 2 - 1, level // 2 + 1)))
        for _ in range(horizon)
    ]
    result = optimal_schedule(case, chosen, horizon=horizon, means_fen=means)
    for month, paid in enumerate(_month_totals(result.payments_fen)):
        assert paid <= max(0, means[month])
    best = min(result.policy_costs.values())
    assert result.policy_costs[result.policy] == best
    called_by_policy = accelerations(case, chosen, paid_matrix(result.projection), horizon)
    if result.method == "optimal":
        assert total_cost_fen(result.metrics) <= best
        assert all(d in called_by_policy for d, _ in result.accelerated)
        assert result.payments_fen == result.optimal_payments_fen
    else:
        assert result.method == f"policy:{result.policy}"
        assert total_cost_fen(result.metrics) == best
        assert result.reason in ("acceleration", "dearer", "unsolved")
        if result.reason == "dearer":
            assert total_cost_fen(result.optimal_metrics) > best
        if result.reason == "acceleration":
            assert any(d not in called_by_policy for d, _ in result.accelerated)
        for lang in ("zh-CN", "en"):
            assert t(f"optimize.policy.{result.policy}", lang) in result.explanation[lang]
    if result.optimal_payments_fen is not None:
        for month, paid in enumerate(_month_totals(result.optimal_payments_fen)):
            assert paid <= max(0, means[month])


# ---- every sample, and the machinery --------------------------------------------------------
@pytest.mark.parametrize("name", list_samples())
def test_every_sample_runs_within_its_budget(name):
    case = load_sample(name)
    result = optimal_schedule(case, horizon=60)
    assert result.method in ("optimal", *(f"policy:{p.value}" for p in Policy))
    paid = _month_totals(result.payments_fen)
    means = result.projection.means_fen
    assert all(p <= max(0, m) for p, m in zip(paid, means, strict=True))
    assert result.saving_fen >= 0
    assert result.explanation["zh-CN"] and result.explanation["en"]


def test_a_call_solves_exactly_one_linear_programme(monkeypatch):
    calls = []
    real = helpers.optimize.lp.linprog

    def counting(*args, **kwargs):
        calls.append(kwargs.get("method"))
        return real(*args, **kwargs)

    monkeypatch.setattr(helpers.optimize.lp, "linprog", counting)
    optimal_schedule(load_sample("zhang_wei_unemployed"), horizon=60)
    assert calls == ["highs"]


def test_the_sample_schedule_saves_against_the_best_policy_and_reports_its_solve_time():
    result = optimal_schedule(load_sample("zhang_wei_unemployed"), horizon=60, lang="en")
    assert (result.method, result.policy) == ("optimal", "avalanche")
    assert result.saving_fen > 1_000_000  # more than 10,000 yuan over five years
    assert 0 < result.solve_seconds <= result.total_seconds


def test_whole_fen_never_exceed_a_months_means_and_keep_its_rounding_remainder():
    # month 0: 104.6 fen solved, 104 available: floors 100 + 0 + 3, one fen to the largest
    # fraction (0.7); month 1: 100.1 solved: floors 99 + 0, one fen to 0.9; month 2: 5 fen
    # solved (the solver's tolerance) but only 3 available: never more than the means.
    exact = [[100.4, 99.9, 0.0], [0.7, 0.2, 0.0], [3.5, 0.0, 5.0]]
    schedule = to_fen(exact, [104, 100, 3])
    assert schedule == [[100, 100, 0], [1, 0, 0], [3, 0, 3]]


def test_a_due_left_a_few_fen_short_by_rounding_is_topped_up_from_spare_money():
    case = load_sample()
    # 借呗 (12,000.00 at 0.04% a day, 9 instalments left, due on the 8th): April's due is the
    # level instalment's principal part, 1,414.61 − 12,000.00 × 1.2% = 1,270.61, plus the
    # interest of the 7 days before 04-08, 12,000.00 × 0.04% × 7 = 33.60: 1,304.21 (the rest of
    # April's interest, from the due day on, falls due in May)
    one = case.model_copy(update={"debts": (case.debt("d4"),)})

    def run(payments):
        return project(one, horizon=1, means_fen=[200_000], payments_fen=payments)

    schedule, replay = repair(one, {}, [[130_418]], [[0.0]], [200_000], run)
    assert schedule == [[130_421]]
    assert replay.rows[0][_COL["unpaid"]] == 0
