"""The scenario app, driven without a browser and checked against the helpers."""

import dataclasses

import pytest

from helpers.budget.monthly import monthly_budget
from helpers.case import load_case, load_sample
from helpers.paths import SAMPLES_DIR
from helpers.scenarios.compare import evaluate, recommend
from helpers.scenarios.tuning import Tuning, build_scenario
from helpers.ui.scenarios import ScenarioApp


@pytest.fixture(scope="module")
def app():
    return ScenarioApp("li_na_illness", lang="en")


def expected(case, tuning):
    scenario = build_scenario(case, tuning)
    means = tuple(monthly_budget(case).available_fen)
    return evaluate(case, dataclasses.replace(scenario, means_fen=means))


def test_term_24_shows_what_the_helpers_compute(app):
    app.controls["kind"].value = "reinstalment"
    app.controls["term"].value = 24
    truth = expected(app.case, Tuning(term_months=24))
    largest = truth.metrics.max_scheduled_due_fen
    # the table's last row is the tuned scenario; its largest monthly payment …
    last_row = app.table.value.rsplit("<tr", 1)[1]
    assert f"CN¥{largest / 100:,.2f}" in last_row
    assert app.result.metrics == truth.metrics
    # … and the figure's payment line is the scenario's dues, month by month
    assert list(app.dues_figure.data[0].y) == [d / 100 for d in truth.projection.dues_fen]
    projection = truth.projection
    shortfall = [projection.months[m] for m in projection.shortfall_months()]
    assert list(app.dues_figure.data[2].x) == shortfall


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
    saved = load_case(cases_dir / "li_na_illness.yaml")
    waiver = {"penalty": True, "charges": True, "interest_share": 0.0, "start": 0}
    plan = {"kind": "reinstalment", "term_months": 36, "waiver": waiver}
    assert saved.chosen_scenario["plans"]["d1"] == plan
    assert (SAMPLES_DIR / "li_na_illness.yaml").read_bytes() == before
    assert any("copied to" in line for line in app.messages.lines)


def test_an_app_on_a_case_object_keeps_its_choice_as_a_new_case(cases_dir):
    app = ScenarioApp(load_sample("wang_fang_income_drop"), lang="en")
    app.controls["choose"].click()
    assert load_case(cases_dir / "new_case.yaml").chosen_scenario["name"] == "custom"


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
    assert app.optimal.method in ("optimal", "policy:avalanche", "policy:snowball",
                                  "policy:pro_rata", "policy:priority_first")  # fmt: skip
    assert app.messages.lines == [app.optimal.text("en")]
