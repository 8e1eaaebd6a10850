"""The scenario app's decisions without widgets (helpers.scenarios.app_model).

The figures are worked out by hand, not by the chain the app calls. The case is one loan of
12,000.00 yuan, nothing overdue, and a budget that leaves exactly the instalment for debts:

- interest frozen over 12 months: 12,000.00 / 12 = 1,000.00 a month, 12,000.00 in all;
- 6% a year over 12 months: numpy_financial.pmt(0.005, 12, -12000) = 1,032.7997…, so
  1,032.80 a month (half-up to the fen); interest each month is half-up(balance × 0.005) on
  the balance left, and the twelfth instalment takes the remainder, 1,032.78: 393.58 of
  interest, 12,393.58 in all.
"""

from __future__ import annotations

import dataclasses

import pytest

from helpers import paths
from helpers.case import Case, load_case, load_sample
from helpers.paths import SAMPLES_DIR
from helpers.scenarios import (
    KINDS,
    RATE_MODES,
    TUNING_FIELDS,
    Scenario,
    Tuning,
    build_scenario,
    choice_lines,
    compare,
    default_low_months,
    keep_choice,
    table_header,
    tune,
    visible_fields,
)

# the settings every kind shows
EVERY_KIND = frozenset(
    {"kind", "debts", "waive_penalty", "waive_charges", "waive_interest_share", "policy"}
)


def one_loan(income_yuan: str) -> Case:
    """A loan of 12,000.00 at 18% a year with 12 months left; rent 2,000.00 a month."""
    return Case.model_validate(
        {
            "schema_version": 1,
            "language": "en",
            "as_of": "2025-01-01",
            "person": {"name": "Test"},
            "household": {"size": 1, "area": "urban"},
            "incomes": [{"kind": "wages", "amount": income_yuan}],
            "costs": [{"category": "rent", "amount": "2000.00"}],
            "savings": 0,
            "monthly_reserve": 0,
            "debts": [
                {
                    "lender": "Loan Co",
                    "kind": "consumer_finance",
                    "principal": "12000.00",
                    "annual_rate": 0.18,
                    "due_day": 1,
                    "original_principal": "12000.00",
                    "original_term_months": 12,
                    "remaining_term_months": 12,
                }
            ],
        }
    )


@pytest.fixture(scope="module")
def frozen():
    """Interest frozen over 12 months, on 1,000.00 a month for debts (3,000 − 2,000 rent)."""
    case = one_loan("3000.00")
    return tune(case, Tuning(term_months=12, rate_mode="frozen"), compare(case))


@pytest.fixture(scope="module")
def six_percent():
    """6% a year over 12 months, on 1,032.80 a month for debts."""
    case = one_loan("3032.80")
    tuning = Tuning(term_months=12, rate_mode="annual", annual_rate=0.06)
    return tune(case, tuning, compare(case))


class TestVisibleFields:
    def test_a_settlement_shows_its_discount_and_month_and_no_term_or_rate(self):
        shown = EVERY_KIND | {"settlement_discount", "settlement_month"}
        for mode in RATE_MODES:
            assert visible_fields("settlement", mode) == shown

    def test_a_reinstalment_shows_the_rate_of_its_rate_mode_only(self):
        base = EVERY_KIND | {"term_months", "rate_mode", "holiday_months"}
        assert visible_fields("reinstalment", "contract") == base
        assert visible_fields("reinstalment", "frozen") == base
        assert visible_fields("reinstalment", "annual") == base | {"annual_rate"}
        assert visible_fields("reinstalment", "monthly_fee") == base | {"monthly_fee_rate"}

    def test_a_step_up_shows_its_low_months_and_never_a_monthly_fee(self):
        base = EVERY_KIND | {"term_months", "rate_mode", "low_months"}
        assert visible_fields("step_up", "monthly_fee") == base
        assert visible_fields("step_up", "annual") == base | {"annual_rate"}

    def test_a_holiday_shows_its_months_and_term_and_no_rate(self):
        base = EVERY_KIND | {"term_months", "rate_mode", "holiday_months"}
        assert visible_fields("holiday", "annual") == base
        assert visible_fields("holiday", "monthly_fee") == base

    def test_the_rate_mode_is_contract_unless_told(self):
        assert visible_fields("reinstalment") == visible_fields("reinstalment", "contract")

    def test_no_setting_the_app_hides_changes_the_scenario(self):
        # what a user might leave behind in a hidden control must not move the plan
        other = {
            "term_months": 36,
            "rate_mode": "frozen",
            "annual_rate": 0.12,
            "monthly_fee_rate": 0.01,
            "holiday_months": 3,
            "low_months": 9,
            "settlement_discount": 0.5,
            "settlement_month": 2,
        }
        case = load_sample()
        checked = 0
        for kind in KINDS:
            for mode in ("contract", "annual", "monthly_fee"):
                base = Tuning(kind=kind, rate_mode=mode)
                expected = build_scenario(case, base)
                for field in sorted(set(TUNING_FIELDS) - visible_fields(kind, mode)):
                    changed = dataclasses.replace(base, **{field: other[field]})
                    assert build_scenario(case, changed) == expected, (kind, mode, field)
                    checked += 1
        assert checked == 60  # 13 re-instalment, 14 step-up, 15 holiday, 18 settlement


class TestDefaultLowMonths:
    def test_the_low_months_run_until_the_expected_recovery(self):
        assert default_low_months(load_sample("li_na_illness")) == 6  # 2025-09 → 2026-03
        assert default_low_months(load_sample("zhang_wei_unemployed")) == 4  # 2025-04 → 2025-08

    def test_without_an_expected_recovery_they_are_a_year(self):
        assert default_low_months(load_sample().model_copy(update={"hardship": None})) == 12

    def test_a_recovery_already_past_gives_one_low_month(self):
        case = load_sample()  # as of 2025-04
        hardship = case.hardship.model_copy(update={"expected_recovery": "2025-01"})
        assert default_low_months(case.model_copy(update={"hardship": hardship})) == 1


class TestTune:
    def test_interest_frozen_over_12_months_is_a_twelfth_of_the_balance_a_month(self, frozen):
        m = frozen.result.metrics
        assert frozen.result.projection.dues_fen[:13] == (100_000,) * 12 + (0,)
        assert (m.max_scheduled_due_fen, m.total_paid_fen, m.interest_paid_fen) == (
            100_000,
            1_200_000,
            0,
        )
        assert (m.months_to_clear, m.shortfall_months, frozen.result.feasible) == (12, 0, True)

    def test_six_percent_over_12_months_is_the_level_payment_of_numpy_financial(self, six_percent):
        m = six_percent.result.metrics
        assert six_percent.result.projection.dues_fen[:13] == (103_280,) * 11 + (103_278, 0)
        assert (m.total_paid_fen, m.interest_paid_fen, m.max_scheduled_due_fen) == (
            1_239_358,
            39_358,
            103_280,
        )
        assert six_percent.row("en")[8] == "6.00%"  # the true rate is the agreed rate

    def test_paying_back_only_the_principal_within_the_budget_is_recommended(self, frozen):
        # no plan can pay less than the 12,000.00 owed; every default one charges interest
        assert frozen.recommended.name == "custom"
        assert (frozen.reason_key, dict(frozen.reason_params)) == (
            "scenarios.recommend.feasible",
            {"paid": "12,000.00", "months": 12},
        )
        assert frozen.advice("en") == (
            "“your scenario” is the affordable plan that clears every debt for the least: "
            "12,000.00 in all, cleared in 12 months"
        )
        assert frozen.advice("zh-CN") == (
            "建议选择「您调整的方案」：在负担得起、能还清的方案中它总还款最少"
            "（12,000.00 元，12 个月还清）"
        )

    def test_the_summary_says_the_budget_carries_it_with_its_figures(self, frozen):
        assert frozen.summary("en") == (
            "You can carry this scenario: at most CN¥1,000.00 in a month, CN¥12,000.00 in all, "
            "cleared in 12 months."
        )
        assert frozen.summary("zh-CN") == (
            "这个方案负担得起：最高月供 ¥1,000.00，共还 ¥12,000.00，12 个月还清。"
        )

    def test_the_row_is_the_comparison_tables_cells_as_text(self, frozen):
        assert frozen.row("en") == [
            "your scenario",
            "dearest first",
            "CN¥12,000.00",
            "CN¥0.00",
            "12",
            "CN¥1,000.00",
            "0",
            "yes",
            "0.00%",
            "no debt reported past due",
        ]

    def test_a_plan_the_budget_cannot_carry_is_said_so_and_not_recommended(self):
        case = one_loan("2900.00")  # 900.00 a month against dues of 1,000.00
        tuned = tune(case, Tuning(term_months=12, rate_mode="frozen"), compare(case))
        assert not tuned.result.feasible and tuned.result.metrics.shortfall_months > 0
        assert tuned.recommended.name != "custom"
        assert tuned.summary("en").startswith("You cannot carry this scenario: ")

    def test_without_means_the_budgets_money_for_debts_is_used(self):
        case = one_loan("3000.00")
        tuned = tune(case, Tuning(term_months=12, rate_mode="frozen"), compare(case))
        assert tuned.result.projection.means_fen[:2] == (100_000, 100_000)


def test_the_table_header_names_the_columns_up_to_the_credit_record():
    assert table_header("en") == [
        "scenario",
        "policy",
        "total paid",
        "interest and charges paid",
        "months to clear",
        "largest monthly due",
        "shortfall months",
        "feasible",
        "true annual rate",
        "credit record",
    ]
    assert table_header("zh-CN")[:3] == ["方案", "分配方式", "共还款"]


class TestKeepChoice:
    def test_a_case_from_no_file_is_kept_as_the_new_case_the_editor_also_uses(self, cases_dir):
        from helpers.ui.editor.draft import save_target

        target, copied = keep_choice(None, load_sample(), Scenario("mine"))
        assert (target, copied) == (cases_dir / "new_case.yaml", False)
        assert save_target(None) == paths.new_case_path() == target
        assert load_case(target).chosen_scenario["name"] == "mine"

    def test_a_sample_is_copied_into_cases_and_left_as_it_was(self, cases_dir):
        sample = SAMPLES_DIR / "li_na_illness.yaml"
        before = sample.read_bytes()
        target, copied = keep_choice(sample, load_sample("li_na_illness"), Scenario("mine"))
        assert (target, copied) == (cases_dir / "li_na_illness.yaml", True)
        assert sample.read_bytes() == before
        assert load_case(target).chosen_scenario["name"] == "mine"

    def test_a_users_case_is_kept_in_place(self, cases_dir):
        from helpers.case import save_case

        mine = cases_dir / "mine.yaml"
        save_case(load_sample(), mine)
        assert keep_choice(mine, load_sample(), Scenario("mine")) == (mine, False)
        assert load_case(mine).chosen_scenario["name"] == "mine"

    def test_the_message_says_a_sample_was_copied_before_where_it_is_kept(self):
        assert choice_lines("cases/x.yaml", True, "en") == [
            "samples are read-only: copied to cases/x.yaml",
            "the scenario is saved in cases/x.yaml",
        ]
        assert choice_lines("cases/x.yaml", False, "zh-CN") == ["已把这个方案保存到 cases/x.yaml"]
