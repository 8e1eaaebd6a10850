from helpers.budget.monthly import BudgetOverrides, budget_frame, monthly_budget, secured_dues_fen
from helpers.case import load_sample


def test_capacity_is_income_less_costs_reserve_and_secured_debts():
    budget = monthly_budget(load_sample(), horizon=6)
    # 4,500 wages + 1,800 unemployment benefit − 5,720 costs − 200 reserve
    assert budget.income_fen[:4] == (630000,) * 4
    assert (
        budget.fixed_costs_fen[0] == 362000
    )  # rent, utilities, phone, transport, insurance, school
    assert budget.flexible_costs_fen[0] == 210000
    assert budget.capacity_fen[:4] == (38000,) * 4
    # from the expected recovery (2025-08): income 13,000
    assert budget.income_fen[4:] == (1300000, 1300000)
    assert budget.capacity_fen[4:] == (708000, 708000)


def test_income_ends_when_its_to_month_passes_without_recovery():
    budget = monthly_budget(
        load_sample(), horizon=12, overrides=BudgetOverrides(recovery_month="never")
    )
    # the unemployment benefit runs 2025-03 to 2025-10 (month 6), then stops
    assert budget.income_fen[6] == 630000 and budget.income_fen[7] == 450000
    assert budget.lowest_capacity_fen == 450000 - 572000 - 20000


def test_secured_debts_are_paid_before_unsecured_lenders():
    case = load_sample("chen_jian_business_loss")
    budget = monthly_budget(case, horizon=3)
    mortgage, car = secured_dues_fen(case.debt("d1"), 3), secured_dues_fen(case.debt("d2"), 3)
    assert budget.secured_dues_fen == tuple(m + c for m, c in zip(mortgage, car, strict=True))
    assert budget.capacity_fen[0] == budget.available_fen[0] - budget.secured_dues_fen[0]
    assert budget.priority_costs_fen[0] == 30000  # taxes owed are a priority obligation


def test_what_if_overrides():
    case = load_sample()
    base = monthly_budget(case, horizon=8)
    cut = monthly_budget(
        case,
        horizon=8,
        overrides=BudgetOverrides(
            cost_cuts={"food_housekeeping": 0.25},
            one_off_fen={"2025-05": 500000},
            reserve_fen=0,
            income_after_recovery_fen=1000000,
            recovery_month="2025-09",
        ),
    )
    assert cut.flexible_costs_fen[0] == base.flexible_costs_fen[0] - 45000
    assert cut.one_off_fen[1] == 500000 and cut.capacity_fen[1] == base.capacity_fen[1] + 565000
    assert cut.income_fen[4] == 630000 and cut.income_fen[5] == 1000000


def test_a_secured_loan_past_its_term_costs_nothing():
    car = load_sample("chen_jian_business_loss").debt("d2")  # 14 instalments left
    dues = secured_dues_fen(car, 16)
    assert dues[13] > 0 and dues[14:] == [0, 0]


def test_the_budget_table_speaks_both_languages():
    budget = monthly_budget(load_sample(), horizon=2)
    assert "可向无抵押债权人还款" in budget_frame(budget, "zh-CN").columns
    assert budget_frame(budget, "en")["capacity for unsecured lenders"].tolist() == [380.0, 380.0]
