"""The scenario app, driven without a browser, checked against figures worked out apart from
the app's own chain (build_scenario → evaluate)."""

import re

import pytest

from helpers.allocation import Policy
from helpers.case import load_case, load_sample
from helpers.engine import Metrics, project, scenario_metrics
from helpers.months import add_months
from helpers.paths import SAMPLES_DIR
from helpers.scenarios.compare import recommend
from helpers.ui.scenarios import ScenarioApp
from tests.support import level_instalment_fen


@pytest.fixture(scope="module")
def app():
    return ScenarioApp("li_na_illness", lang="en")


# Li Na (as of 2025-09-10): her budget leaves 3,600 − 5,040 − 100 = −1,540 a month for debts
# until 2026-02, then 8,200 − 3,540 (no more medical costs) − 100 = 4,560 from 2026-03.
LI_NA_MEANS = (-154_000,) * 6 + (456_000,) * 54
# Every debt re-installed over 24 months at its contract rate, penalty and charges waived: the
# dues month by month, from 2025-09 (run once; the first month and the totals are checked by
# hand below). Nothing can be paid until 2026-03, so the instalments fall behind; after three
# missed the two loans (d2, d3) are called due in full, their whole balances due from 2025-12;
# from 2026-03 each month's 4,560 pays the dues down.
TERM_24_DUES = (
    259785, 526411, 800221, 3233719, 3451654, 3677905, 3907891, 3685481, 3458890, 3224345,
    2976177, 2715230, 2440084, 2149284, 1853144, 1552827, 1248950, 940834, 627765, 310984,
    136822,
) + (0,) * 39  # fmt: skip


def test_a_24_month_reinstalment_shows_its_dues_its_cost_and_its_short_months(app):
    app.controls["kind"].value = "reinstalment"
    app.controls["term"].value = 24
    assert app.means == LI_NA_MEANS
    # the first month's dues are four level instalments of what is owed less the 310.00 of
    # charges waived (d1's), at each contract rate, rounded half-up to the fen …
    levels = [
        level_instalment_fen(1_972_000, 0.0005 * 365 / 12, 24),  # d1 card: 18,600 + 1,120
        level_instalment_fen(1_609_600, 0.0003 * 360 / 12, 24),  # d2 微粒贷: 16,000 + 96
        level_instalment_fen(920_000, 0.228 / 12, 24),  # d3 马上消费金融
    ]
    assert levels == [98_689, 74_871, 48_092]
    # … and d4's 账单分期 fee: 8,000 / 24 = 333.33 + 0.6% × 8,000 = 48.00
    assert TERM_24_DUES[0] == sum(levels) + 38_133 == 259_785
    assert app.result.projection.dues_fen == TERM_24_DUES
    # the figure's payment line is the scenario's dues, month by month, in yuan
    assert list(app.dues_figure.data[0].y) == [d / 100 for d in TERM_24_DUES]
    # short: every month whose dues exceed what is left for debts (at least 0): 2025-09 …
    # 2027-03 (6,277.65 > 4,560), not 2027-04 (3,109.84)
    pairs = enumerate(zip(TERM_24_DUES, LI_NA_MEANS, strict=True))
    short = [m for m, (due, means) in pairs if due > max(0, means)]
    assert short == list(range(19))
    assert list(app.dues_figure.data[2].x) == [add_months("2025-09", m) for m in range(19)]
    assert app.dues_figure.data[2].x[-1] == "2027-03"
    assert app.result.metrics == Metrics(
        # 2026-03 … 2027-04: 14 × 4,560 = 63,840, and 3,768.85 in 2027-05: 67,608.85 …
        total_paid_fen=6_760_885,
        # … that is every principal, 18,600 + 16,000 + 9,200 + 8,000 = 51,800 …
        principal_paid_fen=5_180_000,
        # … and 7,005.66 of interest + 4,304.56 of penalty interest + 4,498.63 of charges
        interest_paid_fen=700_566,
        penalty_paid_fen=430_456,
        charges_paid_fen=449_863,
        waived_fen=31_000,  # d1's charges; no debt owed penalty interest yet
        balance_left_fen=0,
        months_to_clear=21,  # 2025-09 … 2027-05
        max_scheduled_due_fen=3_907_891,  # the largest of the dues, 2026-03
        shortfall_months=19,
        months_overdue=19,  # behind until the last short month
        first_month_past_90=3,  # 2025-12
        # each short month's new dues over the money for debts: pinned by hand in
        # tests/test_scenarios.py (test of monthly_gaps_fen); here only carried along
        shortfall_fen=app.result.metrics.shortfall_fen,
    )
    # every yuan available is paid once there is any, until the debts are cleared
    paid = (0,) * 6 + (456_000,) * 14 + (376_885,) + (0,) * 39
    assert app.result.projection.paid_fen == paid
    # the table's last row is the tuned scenario: paid, cost (15,808.85 = 7,005.66 + 4,304.56
    # + 4,498.63), months to clear, largest due, short months, affordable
    last_row = app.table.value.rsplit("<tr", 1)[1]
    assert re.findall(r"<td[^>]*>(.*?)</td>", last_row)[:8] == [
        "your scenario",
        "dearest first",
        "CN¥67,608.85",
        "CN¥15,808.85",
        "21",
        "CN¥39,078.91",
        "19",
        "no",
    ]


def test_every_control_changes_the_scenario(app):
    app.controls["rate_mode"].value = "frozen"
    assert app.result.scenario.plans["d1"].freeze_interest
    app.controls["kind"].value = "settlement"
    app.controls["discount"].value = 0.5
    assert app.result.scenario.plans["d1"].discount == 0.5
    app.controls["kind"].value = "step_up"
    app.controls["low_months"].value = 6
    assert app.result.scenario.plans["d2"].low_months == 6
    app.controls["policy"].value = "snowball"
    assert app.result.policy.value == "snowball"
    app.controls["debts"].value = "d3"
    assert list(app.result.scenario.plans) == ["d3"]
    app.controls["debts"].value = "*"
    app.controls["kind"].value = "reinstalment"
    app.controls["rate_mode"].value = "contract"
    app.controls["policy"].value = "avalanche"


def test_only_the_controls_of_the_kind_are_shown(app):
    app.controls["kind"].value = "settlement"
    assert app.controls["discount"].layout.display is None
    assert app.controls["term"].layout.display == "none"
    app.controls["kind"].value = "reinstalment"
    assert app.controls["term"].layout.display is None


def test_the_language_switch_relabels_controls_figures_and_table(app):
    app.controls["lang"].value = "zh-CN"
    assert app.controls["term"].description == "期数（月）"
    assert app.dues_figure.layout.title.text == "每月应还与可用于还款的钱"
    assert app.cost_figure.data[0].name == "维持现状"
    assert "共还款" in app.table.value and "建议选择" in app.advice.value
    for fig in (app.dues_figure, app.cost_figure):  # the axes too: month labels and yuan
        assert (fig.layout.xaxis.title.text, fig.layout.xaxis.tickformat) == ("月份", "%Y-%m")
        assert fig.layout.yaxis.ticksuffix == " 元"
    app.controls["lang"].value = "en"
    assert app.controls["term"].description == "term (months)"
    for fig in (app.dues_figure, app.cost_figure):
        assert (fig.layout.xaxis.title.text, fig.layout.xaxis.tickformat) == ("month", "%b %Y")
        assert fig.layout.yaxis.ticksuffix == ""


def test_the_recommendation_considers_the_tuned_scenario():
    app = ScenarioApp("li_na_illness", lang="en")
    app.controls["term"].value = 48
    app.controls["holiday_months"].value = 6
    app.controls["rate_mode"].value = "frozen"
    # nothing until she is back at work (2026-03), then 48 months interest-free: affordable,
    # and cheaper than every default scenario
    name, _, _ = recommend([*app.comparison.results, app.result])
    assert name == "custom" and app.result.feasible
    assert app.advice.value.startswith("<b>“your scenario”")


def test_choosing_a_scenario_saves_it_into_a_copy_of_the_sample(cases_dir):
    before = (SAMPLES_DIR / "li_na_illness.yaml").read_bytes()
    app = ScenarioApp("li_na_illness", lang="en")
    app.controls["term"].value = 36
    app.controls["choose"].click()
    app.controls["confirm"].click()  # Li Na cannot carry it while ill (see below)
    saved = load_case(cases_dir / "li_na_illness.yaml")
    waiver = {"penalty": True, "charges": True, "interest_share": 0.0, "start": 0}
    plan = {"kind": "reinstalment", "term_months": 36, "waiver": waiver}
    assert saved.chosen_scenario["plans"]["d1"] == plan
    assert (SAMPLES_DIR / "li_na_illness.yaml").read_bytes() == before
    assert any("copied to" in line for line in app.messages.lines)


def test_an_app_on_a_case_object_keeps_its_choice_as_a_new_case(cases_dir):
    app = ScenarioApp(load_sample("wang_fang_income_drop"), lang="en")
    app.controls["choose"].click()
    if not app.result.feasible:
        app.controls["confirm"].click()
    assert load_case(cases_dir / "new_case.yaml").chosen_scenario["name"] == "custom"
    assert app.path == cases_dir / "new_case.yaml"  # the app now shows the case it saved


def test_choosing_an_unaffordable_scenario_asks_first_and_writes_nothing_unless_confirmed(
    cases_dir,
):
    # Li Na's costs exceed her sick pay by up to 1,540.00 a month until 2026-03 (notebook 01),
    # so a 24-month re-instalment starting now falls short in the months she is ill
    app = ScenarioApp("li_na_illness", lang="en")
    app.controls["term"].value = 24
    assert not app.result.feasible
    app.controls["choose"].click()
    assert list(cases_dir.iterdir()) == []  # nothing written, not even the current case
    assert app.confirm.layout.display is None  # the question is shown, with the reason
    assert "The budget cannot carry this scenario. Choose it all the same?" in (
        app.confirm_text.value
    )
    assert "You cannot carry this scenario" in app.confirm_text.value
    app.controls["lang"].value = "zh-CN"
    assert "预算负担不起这个方案，确定还要选定它吗？" in app.confirm_text.value
    app.controls["cancel"].click()
    assert app.confirm.layout.display == "none"
    assert list(cases_dir.iterdir()) == []
    # asked again, then the scenario changes: the question goes, still nothing written
    app.controls["choose"].click()
    app.controls["term"].value = 36
    assert app.confirm.layout.display == "none"
    assert list(cases_dir.iterdir()) == []
    # confirmed: kept in a copy of the sample, which becomes the current case
    app.controls["choose"].click()
    app.controls["confirm"].click()
    assert (
        load_case(cases_dir / "li_na_illness.yaml").chosen_scenario["plans"]["d1"]["term_months"]
        == 36
    )
    assert (cases_dir / ".current").read_text().strip() == str(cases_dir / "li_na_illness.yaml")
    assert "已选定的方案：“您调整的方案”。这个方案负担不起" in app.chosen.value


def test_an_affordable_scenario_is_chosen_at_once(cases_dir):
    # Zhang Wei carries 380.00 a month until 2025-08, then 7,080.00 (notebook 01): six low
    # months and then 48 interest-free months fit (largest due 1,499.07, under 7,080.00)
    app = ScenarioApp("zhang_wei_unemployed", lang="en")
    app.controls["kind"].value = "step_up"
    app.controls["rate_mode"].value = "frozen"
    app.controls["low_months"].value = 6
    app.controls["term"].value = 48
    assert app.result.feasible
    app.controls["choose"].click()
    assert app.confirm.layout.display == "none"
    saved = load_case(cases_dir / "zhang_wei_unemployed.yaml").chosen_scenario
    assert saved["name"] == "custom" and saved["plans"]["d1"]["kind"] == "step_up"


def test_the_optimal_allocation_button_runs_the_optimiser_once_and_explains(monkeypatch):
    import helpers.ui.scenarios as ui

    calls = []
    real = ui.optimal_schedule
    monkeypatch.setattr(ui, "optimal_schedule", lambda *a, **k: calls.append(1) or real(*a, **k))
    app = ScenarioApp("zhang_wei_unemployed", lang="en")
    assert calls == []  # never in the slider path
    app.controls["term"].value = 36
    assert calls == []
    app.controls["optimise"].click()
    assert calls == [1]
    # the programme's own schedule, not a fall-back to an allocation policy: it costs less
    # (paid plus still owed after 60 months) than each policy projected under the same plans …
    plans, means = app.result.scenario.plan_map, app.means
    costs = {}
    for policy in Policy:
        metrics = scenario_metrics(
            project(app.case, plans, policy=policy, horizon=60, means_fen=means)
        )
        costs[policy.value] = metrics.total_paid_fen + metrics.balance_left_fen
    assert (app.optimal.method, app.optimal.policy) == ("optimal", "avalanche")
    assert min(costs, key=costs.get) == "avalanche"
    assert app.optimal.total_cost_fen < costs["avalanche"]
    # … paying no month more than the money available (380, then 7,080 from 2025-08)
    paid = [sum(month) for month in zip(*app.optimal.payments_fen, strict=True)]
    assert all(p <= max(0, m) for p, m in zip(paid, means, strict=True))
    assert paid[:5] == [38_000] * 4 + [708_000]
    assert app.messages.lines == [app.optimal.text("en")]
    assert app.messages.lines[0].startswith("The optimal schedule costs")
