"""Scenario comparison and the recommendation rules, on hand-built cases and every sample."""

import json

import pytest

from helpers.budget import monthly_budget
from helpers.case import Case, list_samples, load_sample
from helpers.cli import main
from helpers.engine import ScenarioSpec, project, project_batch, scenario_metrics
from helpers.plans.kinds import Reinstalment
from helpers.scenarios import (
    COMPARE_COLUMNS,
    Scenario,
    compare,
    default_scenarios,
    evaluate,
    monthly_gaps_fen,
    recommend,
    result_cells,
)
from tests.support import run_cli, run_cli_here

HORIZON = 24


def loan_case() -> Case:
    # 12,000.00 lent by a relative, interest-free, no penalty beyond the agreed rate
    return Case.model_validate({"as_of": "2025-04-01", "debts": [{
        "id": "x", "lender": "表哥", "kind": "private", "principal": 12000, "annual_rate": 0,
        "remaining_term_months": 12, "due_day": 10}]})  # fmt: skip


def scenario(name, plan, means_fen):
    return Scenario(name, {"x": plan}, means_fen=(means_fen,) * HORIZON)


def test_a_dearer_but_feasible_plan_beats_a_cheaper_infeasible_one():
    case = loan_case()
    # 1,500.00 a month to spare. Over 6 months interest-free the dues are 2,000.00: cheaper
    # (12,000.00 in all) but 500.00 short in each of the six months (arrears pile up to
    # 3,000.00, all due in month 7, short again). Over 12 months at 12% the dues are
    # 1,066.19: dearer but always affordable; the 433.81 left each month prepays, so it clears
    # in 9 months for 12,571.43 (571.43 of interest).
    cheap = evaluate(case, scenario("cheap", Reinstalment(6, freeze_interest=True), 150000),
                     horizon=HORIZON)  # fmt: skip
    dear = evaluate(case, scenario("dear", Reinstalment(12, annual_rate=0.12), 150000),
                    horizon=HORIZON)  # fmt: skip
    assert cheap.metrics.total_paid_fen == 1200000 and not cheap.feasible
    assert cheap.metrics.shortfall_months == 7
    assert dear.metrics.total_paid_fen == 1257143 and dear.feasible
    name, key, params = recommend([cheap, dear])
    assert (name, key) == ("dear", "scenarios.recommend.feasible")
    assert params == {"paid": "12,571.43", "months": 9}


def test_when_nothing_is_feasible_the_smallest_named_shortfall_wins():
    case = loan_case()
    # Only 800.00 a month. Six interest-free instalments of 2,000.00: each falls short by
    # 1,200.00 in the month it falls due, 6 × 1,200 = 7,200.00 of shortfall; the arrears carried
    # on are not counted again (DESIGN.md, "Shortfall"); they are paid off by month 15.
    six = evaluate(case, scenario("six", Reinstalment(6, freeze_interest=True), 80000),
                   horizon=HORIZON)  # fmt: skip
    twelve = evaluate(case, scenario("twelve", Reinstalment(12, freeze_interest=True), 80000),
                      horizon=HORIZON)  # fmt: skip
    assert six.shortfall_fen == 720000 and six.metrics.months_to_clear == 15
    assert six.largest_gap_fen == 120000
    # Twelve instalments of 1,000.00 fall short by 200.00 each: 12 × 200 = 2,400.00.
    assert twelve.shortfall_fen == 240000 and twelve.clears and not twelve.feasible
    assert twelve.largest_gap_fen == 20000
    name, key, params = recommend([six, twelve])
    assert (name, key) == ("twelve", "scenarios.recommend.shortfall")
    assert params["shortfall"] == "2,400.00"
    comparison = compare(case, [six.scenario, twelve.scenario], horizon=HORIZON)
    assert "2,400.00" in comparison.reason("en") and "2,400.00" in comparison.reason("zh-CN")


def test_when_nothing_clears_what_is_paid_plus_what_is_left_owed_decides():
    # A 12,000.00 loan with interest frozen: paying 100.00 a month for the 24 months leaves
    # 9,600.00 owed (2,400.00 + 9,600.00 = 12,000.00); paying nothing leaves 12,000.00. The same
    # cost counting what is left, so the smaller balance left decides; never the 0.00 paid.
    case = loan_case()
    small = scenario("small", Reinstalment(12, freeze_interest=True), 10000)  # 100.00 a month
    nothing = scenario("nothing", Reinstalment(12, freeze_interest=True), 0)
    comparison = compare(case, [nothing, small], horizon=HORIZON)
    assert comparison.recommended == "small"
    assert comparison.reason("en").endswith(
        "counting the 9,600.00 still owed at the end, “small” costs the least (12,000.00 in all)"
    )


def test_the_best_policy_is_chosen_per_scenario():
    case = load_sample()
    result = evaluate(case, Scenario("sq"), horizon=60)
    policies = ("avalanche", "snowball", "pro_rata", "priority_first")
    fixed = {p: evaluate(case, Scenario("sq", policy=p), horizon=60) for p in policies}

    def rank(r):
        left = r.metrics.balance_left_fen
        return (not r.feasible, not r.clears, left, r.metrics.total_paid_fen + left)

    best = min(fixed.values(), key=rank)
    assert result.policy == best.policy
    assert result.metrics == fixed[result.policy.value].metrics


def test_the_default_set():
    names = [s.name for s in default_scenarios(load_sample())]
    assert names == ["status_quo", "six_months", "reinstal_12", "reinstal_24", "reinstal_36",
                     "reinstal_60", "step_up", "settlement", "affordable_offer"]  # fmt: skip
    # nothing is in default in Wang Fang's case, so there is nothing to settle
    assert "settlement" not in [
        s.name for s in default_scenarios(load_sample("wang_fang_income_drop"))
    ]


def test_settlements_only_touch_debts_in_default_and_are_paid_in_full():
    case = load_sample()
    result = compare(case).result("settlement")
    assert set(result.scenario.plans) == {"d1", "d3"}  # the two debts past due
    frame = result.projection.frame()
    for debt_id, plan in result.scenario.plans.items():
        row = frame[(frame.debt_id == debt_id) & (frame.month_index == plan.month)].iloc[0]
        owed = case.debt(debt_id).owed_fen
        assert row.paid == owed - round(owed * 0.3)
        assert row["mode"] == "closed"


def test_the_lenders_view_uses_the_lpr_and_40_percent_over_24_months_by_default():
    comparison = compare(load_sample("li_na_illness"))
    assert comparison.discount_rate == 0.03  # the one-year LPR in September 2025
    assert (comparison.recovery_share, comparison.recovery_months) == (0.4, 24)
    settled = compare(load_sample("li_na_illness"), discount_rate=0.0, recovery_share=0.5,
                      recovery_months=10)  # fmt: skip
    status_quo = settled.result("status_quo")
    unsecured = sum(d.owed_fen for d in load_sample("li_na_illness").debts)
    assert status_quo.recovery_pv_fen == unsecured // 2
    assert status_quo.lender_pv_fen == status_quo.metrics.total_paid_fen


@pytest.mark.parametrize("name", list_samples())
def test_every_sample_compares_through_the_cli_contract(name):
    # the first sample in a process of its own, as a user runs it; the others through the same
    # main() in this process (3 s less each)
    run = run_cli if name == list_samples()[0] else run_cli_here
    result = run("compare", name, "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    rows = data["scenarios"]
    for row in rows:
        for key in ("name", "total_paid", "total_cost", "months_to_clear", "max_monthly_payment",
                    "shortfall_months", "feasible"):  # fmt: skip
            assert key in row
        assert isinstance(row["total_paid"], float)
    names = [row["name"] for row in rows]
    assert data["recommended"] in names
    recommended = rows[names.index(data["recommended"])]
    # feasible first: the affordable offer is in every comparison; the recommendation is feasible
    # whenever any scenario is, the cheapest of the feasible ones, the offer only as a fallback
    offer = rows[names.index("affordable_offer")]
    if offer["months_to_clear"] is not None:
        assert data["affordable_offer"]["months_to_clear"] == offer["months_to_clear"]
    else:  # projected past the comparison's 60 months
        months = data["affordable_offer"]["months_to_clear"]
        assert months is None or months > 60
        assert data["affordable_offer"]["past_60_months"]
    others = [r for r in rows if r["feasible"] and r["name"] != "affordable_offer"]
    if others:
        assert recommended["total_paid"] == min(r["total_paid"] for r in others)
    elif offer["feasible"]:
        assert data["recommended"] == "affordable_offer"
    if any(row["feasible"] for row in rows):
        assert recommended["feasible"]
    if min(monthly_budget(load_sample(name)).capacity_fen) >= 0:
        assert offer["shortfall_months"] == 0  # it fits the budget by construction


def test_the_compare_table_speaks_the_case_language(capsys):
    assert main(["compare", "zhang_wei_unemployed", "--horizon", "36"]) == 0
    out = capsys.readouterr().out
    assert "建议选择「先低后高（恢复后提高还款）」" in out and "负担得起" in out


def test_a_settlement_that_pays_less_than_owed_says_so_instead_of_a_negative_rate():
    # Li Na's settlement pays 30% less than she owes on the debts in default: the money's
    # internal rate is negative (about -12% a year), which a table reads as what it means.
    result = compare(load_sample("li_na_illness")).result("settlement")
    assert result.rate.nominal_annual_rate < 0
    cells = dict(zip(COMPARE_COLUMNS, result_cells(result, "en"), strict=True))
    assert cells["true_rate"] == "pays less than owed"
    assert result_cells(result, "zh-CN")[COMPARE_COLUMNS.index("true_rate")] == "还款少于所欠金额"


def test_the_shortfall_of_a_plan_two_months_short_counts_each_unpaid_due_once():
    # 3,000.00 from an uncle at 0%, re-instaled over three months: dues of 1,000.00 in each.
    # The budget leaves 600.00, 600.00, then 5,000.00. January leaves 400.00 unpaid, February
    # another 400.00 (its own due; January's 400.00 is carried, not counted again), March pays
    # everything: the shortfall is 800.00 (counting the arrears each month, 400 + 800 + 0 =
    # 1,200.00, would count January's twice), the largest month's gap 400.00.
    case = Case.model_validate({"as_of": "2025-01-01", "debts": [
        {"id": "d1", "lender": "Uncle", "kind": "private", "principal": 3000,
         "annual_rate": 0}]})  # fmt: skip
    result = project(case, {"d1": Reinstalment(3)}, horizon=3, means_fen=[60_000, 60_000, 500_000])
    assert result.dues_fen == (100_000, 140_000, 180_000)  # arrears included
    assert monthly_gaps_fen(result) == [40_000, 40_000, 0]
    assert sum(monthly_gaps_fen(result)) == 80_000
    assert scenario_metrics(result).shortfall_fen == 80_000
    spec = ScenarioSpec({"d1": Reinstalment(3)}, "avalanche", [60_000, 60_000, 500_000])
    assert project_batch(case, [spec], horizon=3).shortfall_fen.tolist() == [80_000]
