import pytest

from helpers.case import load_sample
from helpers.plans.kinds import (
    CustomSchedule,
    Holiday,
    PlanError,
    Reinstalment,
    Settlement,
    StatusQuo,
    StepUp,
    Waiver,
    check_plan,
    describe,
)
from helpers.plans.spec import parse_payments, parse_plan_spec

DEBT = load_sample().debt("d3")


@pytest.mark.parametrize(
    ("plan", "where"),
    [
        (Reinstalment(term_months=0), "d3.reinstalment.term_months: 0 is too small"),
        (
            Reinstalment(term_months=12, annual_rate=18),
            "d3.reinstalment.annual_rate: 18 is too large",
        ),
        (
            Reinstalment(term_months=12, annual_rate=0.1, monthly_fee_rate=0.01),
            "more than one rate",
        ),
        (Holiday(months=3, start=70), "d3.holiday.start: 70 is not a month of the projection"),
        (
            Settlement(month=1, start=3, discount=0.2),
            "d3.settlement.month: the settlement month 1 must come at or after",
        ),
        (Settlement(month=1), "needs either a discount or an amount"),
        (StatusQuo("fixed", amount_fen=-5), "d3.status_quo.amount: -5 is negative"),
        (CustomSchedule(payments_fen=()), "d3.custom.payments: add at least 1 item"),
        (StepUp(low_payment_fen=100, low_months=0, term_months=12), "low_months: 0 is too small"),
    ],
)
def test_plans_that_cannot_work_are_refused_with_the_field_and_value(plan, where):
    with pytest.raises(PlanError) as info:
        check_plan(plan, DEBT, horizon=60)
    assert where in info.value.render("en")


def test_plans_describe_themselves_in_both_languages():
    plan = StepUp(low_payment_fen=30000, low_months=6, term_months=24, freeze_interest=True)
    assert (
        describe(plan, "en")
        == "300.00 a month for 6 months, then the rest over 24 months, interest frozen"
    )
    assert describe(plan, "zh-CN") == "前 6 个月每月还 300.00 元，之后余额分 24 期，停息"
    assert (
        describe(Waiver(), "en") == "the contract continues, penalty interest and charges waived"
    )
    assert describe(Holiday(months=3), "zh-CN") == "暂停还款 3 个月（利息照计）"


def test_plan_specs_on_one_line():
    assert parse_plan_spec("d1=status_quo:mode=fixed,amount=1.2千") == (
        "d1",
        StatusQuo("fixed", 120000),
    )
    assert parse_plan_spec("d2=custom:payments=500x2/1000")[1] == CustomSchedule(
        (50000, 50000, 100000)
    )
    assert parse_plan_spec("d3=holiday:months=3,interest=freeze,capitalise=no")[1] == Holiday(
        3, "freeze", False
    )
    assert parse_payments("1万x3") == (1_000_000,) * 3


@pytest.mark.parametrize(
    ("spec", "message"),
    [
        ("d1", "is not a plan; write ID=KIND"),
        ("d1=reinstalmnt", "did you mean reinstalment?"),
        ("d1=reinstalment:term=12", "'term' is not a field here"),
        ("d1=reinstalment:term_months=twelve", "'twelve' is not a value this can take"),
        ("d1=reinstalment", "--plan d1.term_months: this field is required"),
        ("d1=status_quo:mode=sometimes", "'sometimes' is not one of the choices"),
        ("d1=custom:payments=5x/abc", "is not a value this can take"),
    ],
)
def test_bad_plan_specs_name_the_option_and_value(spec, message):
    with pytest.raises(PlanError) as info:
        parse_plan_spec(spec)
    assert message in info.value.render("en")
