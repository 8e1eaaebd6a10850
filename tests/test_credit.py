from helpers.case import Case, load_sample
from helpers.credit import class_table, credit_outcome
from helpers.engine import project
from helpers.plans.kinds import StatusQuo
from helpers.rules import OverdueClass, ReliefStatus


def card_case(days_overdue=100, **extra):
    return Case.model_validate({"as_of": "2025-04-01", "debts": [
        {"id": "c", "lender": "银行", "kind": "credit_card", "principal": 8000, "interest": 200,
         "daily_rate": 0.0005, "due_day": 20, "minimum_due": 1500, "minimum_unpaid": 500,
         "days_overdue": days_overdue, **extra},
        {"id": "p", "lender": "表哥", "kind": "private", "principal": 5000, "annual_rate": 0,
         "remaining_term_months": 0, "days_overdue": 200},
    ]})  # fmt: skip


def test_paying_off_a_card_in_default_starts_the_five_years_and_earns_the_relief():
    case = card_case()
    result = project(case, {"c": StatusQuo("fixed", 10**8)}, horizon=12, means_fen=[10**8] * 12)
    outcome = credit_outcome(case, result)
    (card,) = outcome.debts  # the relative's loan is not reported
    assert card.debt_id == "c"
    assert card.worst == OverdueClass.SUBSTANDARD  # 100 days: 91-120 for cards
    assert (card.default_ends, card.record_clears) == ("2025-04", "2030-04")
    assert card.relief.status == ReliefStatus.QUALIFIES  # 500.00 overdue, repaid by 2026-03-31
    assert outcome.record_clears == "2030-04" and not outcome.still_overdue
    assert "2030-04" in outcome.describe("en") and "2030-04" in outcome.describe("zh-CN")


def test_a_card_left_unpaid_slides_through_every_class():
    case = card_case(days_overdue=1)
    result = project(case, {"c": StatusQuo("nothing")}, horizon=8, means_fen=[0] * 8)
    classes = class_table(case, result, "en").loc["c"].tolist()
    # 1 day past due at the start: 30, 61, 91, 122, 153, 183 … days at the month ends
    assert classes[:7] == ["special mention", "special mention", "substandard", "doubtful",
                           "doubtful", "loss", "loss"]  # fmt: skip
    outcome = credit_outcome(case, result)
    assert outcome.still_overdue and outcome.record_clears is None
    assert outcome.first_month_past_90 == 2


def test_a_debt_never_overdue_leaves_no_record():
    case = load_sample("wang_fang_income_drop")
    result = project(case, {d.id: StatusQuo("fixed", 10**8) for d in case.debts}, horizon=6,
                     means_fen=[10**8] * 6)  # fmt: skip
    outcome = credit_outcome(case, result)
    assert outcome.worst == OverdueClass.NORMAL and outcome.record_clears is None
    assert outcome.describe("en") == "no debt reported past due"
