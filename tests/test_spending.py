"""Costs against the NBS 2024 spending reference: the data, the scaling, and the questions."""

from __future__ import annotations

import pytest

from helpers.budget.spending import (
    TOTAL,
    category_costs_fen,
    comparison_for,
    spending_checks,
    spending_frame,
    spending_note,
    spending_questions,
    spending_reference,
)
from helpers.case import CostCategory, load_sample

NEVER_COMPARED = {
    CostCategory.INSURANCE,
    CostCategory.TAXES_FINES,
    CostCategory.FAMILY_OBLIGATIONS,
    CostCategory.OTHER,
}


class TestReference:
    def test_figures_are_the_nbs_2024_figures_of_domain_md(self):
        ref = spending_reference()
        assert ref.year == 2024
        assert ref.consumption == {"national": 28227, "urban": 34557, "rural": 19280}
        assert ref.disposable_income == {"national": 41314, "urban": 54188, "rural": 23119}
        assert ref.categories == {
            "food_tobacco_drink": 8411,
            "clothing": 1521,
            "housing": 6263,
            "household_goods_services": 1547,
            "transport_communication": 3976,
            "education_culture_recreation": 3189,
            "healthcare_other": 3320,
        }

    def test_categories_add_up_to_national_consumption(self):
        ref = spending_reference()
        assert sum(ref.categories.values()) == ref.consumption["national"]

    def test_source_is_named_in_both_languages_with_its_year(self):
        ref = spending_reference()
        assert "2024" in ref.source_text("en") and "国家统计局" in ref.source_text("zh-CN")

    def test_every_budget_category_is_compared_once_or_deliberately_never(self):
        comparisons = spending_reference().comparisons
        for category in CostCategory:
            holders = [c.key for c in comparisons if category in c.budget]
            assert len(holders) == (0 if category in NEVER_COMPARED else 1), category
            assert comparison_for(category) == (holders[0] if holders else None)

    def test_every_reference_category_named_by_a_comparison_exists(self):
        ref = spending_reference()
        named = {name for c in ref.comparisons for name in c.reference}
        assert named <= set(ref.categories)

    def test_average_is_per_person_per_year_over_12_times_people_rounded_half_up(self):
        ref = spending_reference()
        # food: (8,411 + 1,547) × 100 fen × 4 / 12 = 331,933.33…
        assert ref.monthly_fen("food", 4) == 331_933
        # housing: 6,263 × 100 / 12 = 52,191.67 → 52,192
        assert ref.monthly_fen("housing", 1) == 52_192
        assert ref.consumption_monthly_fen("urban", 3) == 34557 * 100 * 3 // 12

    def test_total_has_its_own_scaling(self):
        with pytest.raises(ValueError, match="consumption_monthly_fen"):
            spending_reference().monthly_fen(TOTAL, 1)


class TestChecks:
    def test_costs_are_those_of_the_as_of_month_by_category(self):
        case = load_sample("li_na_illness")  # medical 1,500 until 2026-02
        assert category_costs_fen(case)[CostCategory.MEDICAL] == 150_000
        assert CostCategory.MEDICAL not in category_costs_fen(case, "2026-03")

    def test_a_comparison_adds_up_its_budget_categories(self):
        case = load_sample("li_na_illness")  # rent 1,500 + property fees 120 + utilities 220
        housing = next(c for c in spending_checks(case) if c.key == "housing")
        assert housing.monthly_fen == 184_000
        assert housing.categories == (
            CostCategory.RENT,
            CostCategory.PROPERTY_FEES,
            CostCategory.UTILITIES,
        )
        assert housing.average_fen == spending_reference().monthly_fen("housing", 2)

    def test_the_total_is_compared_with_the_households_own_area(self):
        rural = spending_checks(load_sample("zhao_min_family_rural"))[-1]
        urban = spending_checks(load_sample("chen_jian_business_loss"))[-1]
        assert (rural.key, rural.area, rural.average_fen) == (TOTAL, "rural", 803_333)
        assert (urban.area, urban.average_fen) == ("urban", 34557 * 100 * 4 // 12)

    def test_never_compared_categories_stay_out_of_the_total(self):
        case = load_sample("chen_jian_business_loss")  # insurance 420, taxes 300
        total = spending_checks(case)[-1]
        assert CostCategory.INSURANCE not in total.categories
        assert total.monthly_fen == sum(c.monthly_fen for c in spending_checks(case)[:-1])

    def test_a_case_without_compared_costs_has_no_checks(self):
        case = load_sample().model_copy(update={"costs": ()})
        assert spending_checks(case) == () and spending_questions(case) == ()


class TestQuestions:
    def test_a_cost_far_above_the_reference_raises_a_question(self):
        case = load_sample()  # Zhang Wei, 3 people, food 1,800 (0.72× the average)
        costs = {**category_costs_fen(case), CostCategory.FOOD_HOUSEKEEPING: 450_000}
        food = next(q for q in spending_questions(case, costs) if q.key == "food")
        assert round(food.ratio, 2) == 1.81
        assert food.render("en") == (
            "Food and housekeeping: you spend CN¥4,500.00 a month, 1.8× the national average for "
            "food, drink and household goods (CN¥2,489.50 a month for 3 people); is that right?"
        )
        assert food.render("zh-CN").endswith("这个数对吗？")

    def test_a_normal_cost_raises_no_question(self):
        case = load_sample("zhao_min_family_rural")
        assert spending_questions(case) == ()
        assert all(not check.is_question for check in spending_checks(case))

    def test_the_threshold_is_inclusive_at_one_and_a_half_times(self):
        case = load_sample()
        average = spending_reference().monthly_fen("food", 3)
        at = {CostCategory.FOOD_HOUSEKEEPING: average * 3 // 2}
        below = {CostCategory.FOOD_HOUSEKEEPING: average * 3 // 2 - 1}
        assert [q.key for q in spending_questions(case, at)] == ["food"]
        assert spending_questions(case, below) == ()

    def test_a_stricter_ratio_asks_more(self):
        case = load_sample("chen_jian_business_loss")
        assert [q.key for q in spending_questions(case)] == ["education_recreation"]
        assert len(spending_questions(case, ratio=0.5)) > 1

    def test_questions_come_highest_first_and_the_total_last(self):
        keys = [q.key for q in spending_questions(load_sample("wang_fang_income_drop"))]
        assert keys == ["housing", "personal", "food", TOTAL]

    def test_housing_questions_explain_that_the_average_includes_owners(self):
        housing = spending_questions(load_sample("wang_fang_income_drop"))[0]
        assert "home owners" in housing.render("en")
        assert "自有住房" in housing.render("zh-CN")

    def test_questions_ask_and_never_judge(self):
        for name in ("wang_fang_income_drop", "li_na_illness"):
            for question in spending_questions(load_sample(name)):
                en, zh = question.render("en"), question.render("zh-CN")
                assert en.count("is that right?") == 1 and "对吗？" in zh
                for word in ("too much", "too high", "overspend", "should", "must"):
                    assert word not in en.lower()

    def test_costs_may_be_given_with_category_names(self):
        case = load_sample()
        by_name = spending_questions(case, {"food_housekeeping": 450_000})
        by_enum = spending_questions(case, {CostCategory.FOOD_HOUSEKEEPING: 450_000})
        assert by_name == by_enum != ()


def test_the_note_states_the_approximation_and_the_source_in_both_languages():
    assert "approximation" in spending_note("en") and "divided by 12" in spending_note("en")
    assert "近似" in spending_note("zh-CN") and "国家统计局" in spending_note("zh-CN")


def test_the_frame_lists_every_check_in_yuan_with_translated_headers():
    case = load_sample("chen_jian_business_loss")
    frame = spending_frame(case, "zh-CN")
    assert list(frame.columns) == ["开支", "对照", "您每月", "平均每月", "倍数"]
    assert len(frame) == len(spending_checks(case))
    assert float(frame.iloc[0, 2]) == 2600.0 and float(frame.iloc[0, 3]) == 3319.33
