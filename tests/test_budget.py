from helpers.budget.monthly import BudgetOverrides, budget_frame, monthly_budget, secured_dues_fen
from helpers.case import load_sample
from tests.support import level_instalment_fen


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
    # level instalments P·r / (1 − (1 + r)^−n), rounded half-up to the fen:
    # mortgage 486,000.00 at 3.95% / 12 over the 228 months left: 3,033.9247 → 3,033.92
    # car loan  38,000.00 at 5.80% / 12 over the 14 months left:   2,813.7064 → 2,813.71
    assert secured_dues_fen(case.debt("d1"), 3) == [303392] * 3
    assert secured_dues_fen(case.debt("d2"), 3) == [281371] * 3
    assert (303392, 281371) == (
        level_instalment_fen(48_600_000, 0.0395 / 12, 228),
        level_instalment_fen(3_800_000, 0.058 / 12, 14),
    )
    assert budget.secured_dues_fen == (584763,) * 3  # 3,033.92 + 2,813.71
    # 2026-01: the wife's 5,200 alone (his 4,000 starts in 2026-02); costs 380 + 450 + 200 +
    # 600 + 420 + 1,500 + 2,600 + 300 + 150 + 300 = 6,900; reserve 300
    assert budget.available_fen[:2] == (-200000, 200000)  # 5,200 or 9,200 − 6,900 − 300
    # what is left for unsecured lenders after the mortgage and the car loan
    assert budget.capacity_fen[:2] == (-784763, -384763)  # −2,000 or 2,000 − 5,847.63
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
    # food and housekeeping 1,800 cut by a quarter: 450 less of the 2,100 flexible costs
    assert (base.flexible_costs_fen[0], cut.flexible_costs_fen[0]) == (210000, 165000)
    # 2025-05: 380 + 450 food + 200 reserve no longer kept + 5,000 one-off = 6,030
    assert cut.one_off_fen[1] == 500000
    assert (base.capacity_fen[1], cut.capacity_fen[1]) == (38000, 603000)
    assert cut.income_fen[4] == 630000 and cut.income_fen[5] == 1000000


def test_a_secured_loan_past_its_term_costs_nothing():
    car = load_sample("chen_jian_business_loss").debt("d2")  # 14 instalments left
    dues = secured_dues_fen(car, 16)
    # after 13 instalments of 2,813.71 (interest 38,000.00 × 5.8% / 12 = 183.67 in the first,
    # each month's rounded half-up) 2,800.12 is left (numpy-financial's fv: 2,800.124); the
    # 14th is that and its month's interest, 2,800.12 × 5.8% / 12 = 13.53: 2,813.65
    assert dues[:14] == [281371] * 13 + [281365]
    assert dues[14:] == [0, 0]


def test_the_budget_table_speaks_both_languages():
    budget = monthly_budget(load_sample(), horizon=2)
    assert "可向无抵押债权人还款" in budget_frame(budget, "zh-CN").columns
    assert budget_frame(budget, "en")["capacity for unsecured lenders"].tolist() == [380.0, 380.0]
