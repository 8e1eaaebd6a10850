"""The budget app, driven without a browser, checked against figures worked by hand from the
samples (notebook 01 under papermill: tests/test_notebooks.py).

Chen Jian (``chen_jian_business_loss``, as of 2026-01): incomes 5,200 (wife) and 4,000 (from
2026-02), recovery in 2026-07 to 14,000; food and housekeeping 2,600; reserve 300; a mortgage and
a car loan paid first.
"""

from __future__ import annotations

from dataclasses import replace

import pytest

from helpers.budget.monthly import NEVER, Carry, carry, monthly_budget
from helpers.budget.whatif import budget_settings, category_levels_fen, what_if
from helpers.case import CostCategory, list_samples, load_sample
from helpers.charts.budget import BUDGET_TRACES, budget_figure
from helpers.errors import WorkbenchError
from helpers.money import format_fen
from helpers.ui.budget import BudgetApp, budget_app

CHEN = "chen_jian_business_loss"


def _trace(app, name):
    return app.figure.data[BUDGET_TRACES.index(name)]


# Chen Jian's secured dues: the mortgage's 3,033.92 and the car loan's 2,813.71, 5,847.63 in
# all; its 14th and last instalment (2027-02) is 2,813.65, then only the mortgage is left
# (tests/test_budget.py works them out).


# ---- the check: the app against figures worked by hand ----
def test_after_moving_recovery_and_a_cost_the_figure_shows_the_new_capacity():
    case = load_sample(CHEN)
    app = BudgetApp(case, lang="en")
    app.controls["recovery_month"].value = "2026-10"
    app.controls["cost.food_housekeeping"].value = 2000
    # costs 6,900 with food at 2,000 instead of 2,600: 6,300, and 6,000 once the taxes owed
    # end (2026-06); reserve 300; left after the secured dues of 5,847.63:
    capacity = (
        (-724763,)  # 2026-01: 5,200 − 6,300 − 300 = −1,400
        + (-324763,) * 5  # 2026-02 … 06: his 4,000 too, 9,200 − 6,300 − 300 = 2,600
        + (-294763,) * 3  # 2026-07 … 09: 9,200 − 6,000 − 300 = 2,900 (no recovery yet)
        + (185237,) * 4  # 2026-10 … 2027-01: 14,000 after recovery − 6,000 − 300 = 7,700
        + (185243,)  # 2027-02: 7,700 − 3,033.92 − 2,813.65
        + (466608,) * 46  # 2027-03 … 2030-12: 7,700 − 3,033.92
    )
    assert app.result.capacity_fen == capacity
    assert app.result.income_fen[8:10] == (920_000, 1_400_000)  # recovered in 2026-10
    assert _trace(app, "capacity").y == tuple(c / 100 for c in capacity)
    assert _trace(app, "flexible").y[0] == (200_000 + 30_000 + 15_000) / 100
    # the mortgage and car loan come first: 7,247.63 short at worst, then 1,852.37 to carry
    assert "costs exceed income by up to CN¥7,247.63" in app.sentence.value
    assert "carry every month is CN¥1,852.37" in app.sentence.value
    assert "2026-01 to 2026-09" in app.sentence.value


def test_the_sentence_states_the_lowest_capacity_of_the_case_as_it_is():
    app = BudgetApp(load_sample(), lang="zh-CN")
    # 4,500 + 1,800 − 5,720 − 200 = 380 until 2025-07; 13,000 − 5,720 − 200 = 7,080 from 2025-08
    assert app.result.capacity_fen == (38_000,) * 4 + (708_000,) * 56
    assert "¥380.00" in app.sentence.value and "¥7,080.00" in app.sentence.value
    assert app.carry.lowest_fen == app.result.lowest_capacity_fen == 38_000


@pytest.mark.parametrize("name", list_samples())
def test_the_settings_of_a_case_reproduce_its_budget(name):
    case = load_sample(name)
    changed, overrides = what_if(case, budget_settings(case))
    assert changed is case and overrides.cost_cuts == {}
    assert monthly_budget(changed, overrides=overrides) == monthly_budget(case)


def test_an_income_typed_as_wan_changes_that_income_line():
    case = load_sample(CHEN)
    app = BudgetApp(case, lang="en")
    app.controls["income.0"].value = "1.2万"
    assert app.case.incomes[0].amount_fen == 1_200_000
    assert app.case.incomes[1] == case.incomes[1]  # from 2026-02, untouched
    assert app.result.income_fen[:2] == (1_200_000, 1_600_000)
    assert app.rows["income.0"].note.value == "= CN¥12,000.00"


def test_a_bad_amount_shows_its_message_in_the_app_and_changes_nothing():
    app = BudgetApp(load_sample(CHEN), lang="en")
    before, figure_before = app.result, _trace(app, "capacity").y
    app.controls["income.1"].value = "12,3a4"
    assert app.result is before and _trace(app, "capacity").y == figure_before
    message = "'12,3a4' is not an amount; write it like 1234.50, ¥1,234.50 or 1.2万"
    assert app.rows["income.1"].note.value == message
    assert app.messages.kind == "error"
    assert app.messages.lines[0] == "Not applied: correct the amount below first"
    assert app.messages.lines[1].endswith(message) and "wages" in app.messages.lines[1]
    app.controls["reserve"].value = 0  # other changes wait for the amount too
    assert app.result is before
    app.controls["income.1"].value = "4000"
    assert app.messages.lines == [] and app.result.reserve_fen[0] == 0


def test_emptying_the_income_after_recovery_keeps_the_incomes_after_recovery():
    case = load_sample(CHEN)
    app = BudgetApp(case, lang="en")
    app.controls["income_after_recovery"].value = ""
    assert app.overrides.income_after_recovery_fen is None
    assert app.case.hardship.income_after_recovery_fen is None
    assert app.result.income_fen[-1] == 920_000
    app.controls["income_after_recovery"].value = "1.5万"
    assert app.result.income_fen[-1] == 1_500_000


def test_no_recovery_gives_one_period_over_the_horizon():
    app = BudgetApp(load_sample(), lang="en")
    app.controls["recovery_month"].value = NEVER
    assert app.result.income_fen[-1] == 450_000  # unemployment benefit ended, no recovery
    assert app.sentence.value.startswith("<b>Over the next 60 months")
    assert app.figure.layout.shapes == ()


def test_a_shortfall_is_drawn_below_zero_and_said_plainly():
    app = BudgetApp(load_sample(), lang="en")
    app.controls["reserve"].value = 1000  # 380 + 200 − 1,000 = −420 a month
    capacity = app.result.capacity_fen
    assert capacity[0] == -42_000
    shortfall = _trace(app, "shortfall").y
    assert shortfall[:4] == (-420.0,) * 4 and shortfall[4] is None  # recovered from 2025-08
    assert "costs exceed income by up to CN¥420.00 a month" in app.sentence.value


def test_the_recovery_month_is_marked_on_the_figure():
    app = BudgetApp(load_sample(CHEN), lang="en")
    app.controls["recovery_month"].value = "2026-09"
    assert app.figure.layout.shapes[0].x0 == "2026-09"
    assert app.figure.layout.annotations[0].text == "income recovers"


def test_switching_language_relabels_titles_traces_fields_and_sentence():
    app = BudgetApp(load_sample(CHEN), lang="zh-CN")
    assert app.figure.layout.title.text == "每月收入、开支与可用于无抵押债务的还款能力"
    app.controls["lang"].value = "en"
    assert app.figure.layout.title.text == (
        "Income, costs and what is left for unsecured lenders, by month"
    )
    assert _trace(app, "capacity").name == "left for unsecured lenders"
    assert app.figure.layout.yaxis.title.text == "yuan a month"
    # a date axis (a category one turns into a date axis at the first update in the browser),
    # its months written the page's way
    assert (app.figure.layout.xaxis.type, app.figure.layout.xaxis.tickformat) == ("date", "%b %Y")
    app.controls["lang"].value = "zh-CN"
    assert app.figure.layout.xaxis.tickformat == "%Y-%m"
    app.controls["lang"].value = "en"
    assert app.tabs.titles == ("Income and recovery", "Costs and reserve")
    assert app.rows["cost.food_housekeeping"].label.value == "food and housekeeping"
    assert app.rows["reserve"].label.value == "Monthly reserve"
    assert app.controls["recovery_month"].options[-1] == ("never", NEVER)
    assert app.sentence.value.startswith("<b>During the hardship")
    assert "Questions about your costs" in app.questions.value


def test_a_cost_out_of_line_raises_a_question_and_a_normal_one_does_not():
    app = BudgetApp(load_sample(), lang="en")  # Zhang Wei: food 1,800 for three
    assert "Food and housekeeping" not in app.questions.value
    app.controls["cost.food_housekeeping"].value = 4500
    assert "Food and housekeeping: you spend CN¥4,500.00 a month, 1.8×" in app.questions.value
    app.controls["cost.food_housekeeping"].value = 1800
    assert "Food and housekeeping" not in app.questions.value


def test_a_case_without_questions_says_so():
    app = BudgetApp(load_sample("zhao_min_family_rural"), lang="en")
    assert "No cost stands out" in app.questions.value
    assert "approximation" in app.questions.value


def test_an_error_in_the_budget_is_shown_in_the_app(monkeypatch):
    app = BudgetApp(load_sample(), lang="en")

    def broken(*args, **kwargs):
        raise WorkbenchError("the budget cannot be computed")

    monkeypatch.setattr("helpers.ui.budget.monthly_budget", broken)
    app.controls["reserve"].value = 100
    assert app.messages.lines == ["the budget cannot be computed"]


def test_a_recovery_beyond_the_horizon_stays_selectable_and_is_said():
    case = load_sample(CHEN)
    app = BudgetApp(case, lang="en", horizon=4)  # 2026-01 … 2026-04; recovery 2026-07
    assert app.controls["recovery_month"].value == "2026-07"
    assert "Income does not recover within the 4 months shown." in app.sentence.value


def test_the_factory_opens_a_sample_by_name():
    app = budget_app("li_na_illness", lang="en")
    assert app.base.person.name == load_sample("li_na_illness").person.name
    assert set(app.controls) >= {"lang", "income.0", "recovery_month", "reserve"}
    assert [k for k in app.controls if k.startswith("cost.")] == [
        f"cost.{c.value}" for c in category_levels_fen(app.base)
    ]


def test_cost_levels_start_where_a_category_first_has_a_cost():
    case = load_sample("li_na_illness")  # medical 1,500 until 2026-02, as of 2025-09
    assert category_levels_fen(case)[CostCategory.MEDICAL] == 150_000
    app = BudgetApp(case, lang="en")
    app.controls["cost.medical"].value = 750
    assert app.overrides.cost_cuts == {CostCategory.MEDICAL: 0.5}


def test_amounts_with_fen_survive_sliders_that_hold_whole_yuan():
    case = load_sample()
    costs = (case.costs[0].model_copy(update={"amount_fen": 220_050}), *case.costs[1:])
    odd = case.model_copy(update={"costs": costs, "monthly_reserve_fen": 20_075})
    app = BudgetApp(odd, lang="en")
    app.controls["cost.leisure"].value = 50  # any change reads every slider
    assert app.overrides.cost_cuts == {CostCategory.LEISURE: 0.5}
    assert app.result.reserve_fen[0] == 20_075
    # rent 2,200.50 + utilities 300 + phone 120 + transport 250 + insurance 150 + school 600
    assert app.result.fixed_costs_fen[0] == 362_050


def test_a_message_in_the_app_switches_language_with_it():
    app = BudgetApp(load_sample(CHEN), lang="en")
    app.controls["income_after_recovery"].value = "lots"
    app.controls["lang"].value = "zh-CN"
    assert app.messages.lines[0] == "没有采用这次修改：请先更正下面的金额"
    assert app.messages.lines[1].startswith("恢复后家庭每月收入（空着即不变）：'lots' 不是金额")


def test_carry_splits_at_the_recovery_month():
    budget = monthly_budget(load_sample(), horizon=6)
    result = carry(budget, "2025-06")
    assert result.hardship == ("2025-04", "2025-05", 38_000, "2025-04")
    assert result.after == ("2025-06", "2025-09", 38_000, "2025-06")
    assert carry(budget, "2025-01").after is None  # recovered before the as-of month
    assert not carry(budget, None).recovers


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
@pytest.mark.parametrize(
    ("hardship", "after", "recovers"),
    [
        (
            ("2025-04", "2025-07", 38_000, "2025-04"),
            ("2025-08", "2026-03", 708_000, "2025-08"),
            True,
        ),
        (("2025-04", "2025-07", -5_000, "2025-05"), ("2025-08", "2026-03", -100, "2025-09"), True),
        (("2025-04", "2026-03", 38_000, "2025-04"), None, False),
        (("2025-04", "2026-03", -5_000, "2025-04"), None, False),
        (("2025-04", "2026-03", 38_000, "2025-04"), None, True),
    ],
)
def test_every_carry_sentence_exists_and_names_its_amounts(lang, hardship, after, recovers):
    text = Carry(hardship, after, recovers, 12).render(lang)
    for period in (hardship, after):
        if period is not None:
            assert format_fen(abs(period[2]), lang) in text and period[3] in text
    assert ("12" in text) == (not recovers or after is None)


def test_applying_settings_without_a_reserve_leaves_the_reserve_to_lenders():
    app = BudgetApp(load_sample(), lang="en")
    budget = app.apply(replace(app.settings, reserve_fen=0))
    assert budget.reserve_fen == (0,) * 60
    # 380 + the 200 reserve until 2025-07; 7,080 + 200 from the recovery in 2025-08
    assert budget.capacity_fen == (58_000,) * 4 + (728_000,) * 56
    assert budget.income_fen[:5] == (630_000,) * 4 + (1_300_000,)  # the rest as it was


def test_the_figure_builder_and_the_app_draw_the_same_data():
    case = load_sample(CHEN)
    app = BudgetApp(case, lang="en")
    fresh = budget_figure(monthly_budget(case), "en", recovery_month="2026-07")
    assert [tr.y for tr in app.figure.data] == [tr.y for tr in fresh.data]
    # and the data is the case's: costs 6,900, reserve 300, secured dues 5,847.63
    assert _trace(app, "capacity").y == (
        (-7847.63,)  # 2026-01: 5,200 − 6,900 − 300 − 5,847.63
        + (-3847.63,) * 5  # 2026-02 … 06: 9,200 − 6,900 − 300 − 5,847.63
        + (1252.37,) * 7  # 2026-07 … 2027-01: 14,000 − 6,600 (no more taxes) − 300 − 5,847.63
        + (1252.43,)  # 2027-02: 7,100 − 3,033.92 − 2,813.65, the car's last instalment
        + (4066.08,) * 46  # 2027-03 … 2030-12: 7,100 − 3,033.92
    )


def test_a_slider_keeps_a_cost_to_the_yuan_and_its_fen():
    # 01's sliders once moved in steps of 10 yuan, so a phone bill of 641.37 showed as 640 beside
    # the table's 641.37; now a slider moves by the yuan and, left where it starts, keeps the fen
    case = load_sample()
    costs = [c if c.category != CostCategory.PHONE_INTERNET else c.model_copy(
        update={"amount_fen": 64_137}) for c in case.costs]  # fmt: skip
    app = BudgetApp(case.model_copy(update={"costs": tuple(costs)}), lang="en")
    slider = app.controls["cost.phone_internet"]
    assert (slider.value, slider.step) == (641, 1)
    assert app.settings.costs_fen[CostCategory.PHONE_INTERNET] == 64_137
    slider.value = 642
    assert app.settings.costs_fen[CostCategory.PHONE_INTERNET] == 64_200


def test_the_chart_opens_on_the_hardship_and_a_year_after_it():
    # Zhang Wei: as of 2025-04, recovering in 2025-08; the budget runs 60 months, the chart opens
    # on 2025-04 … 2026-08 (half a month either side: 2025-03-17 to 2026-08-16), so a four-month
    # hardship is a third of the width, not a fifteenth; the recovery label sits above the plot
    app = BudgetApp(load_sample(), lang="en")
    axis = app.figure.layout.xaxis
    assert list(axis.range) == ["2025-03-17", "2026-08-16"] and not axis.autorange
    assert app.figure.layout.annotations[0].yanchor == "bottom"
    app.controls["recovery_month"].value = NEVER  # no recovery: every month
    assert app.figure.layout.xaxis.range is None and app.figure.layout.xaxis.autorange
