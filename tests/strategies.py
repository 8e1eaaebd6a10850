"""Hypothesis strategies for random but valid cases, plans and budgets (shared by the engine
tests, and by the tests that make two engine paths agree)."""

from __future__ import annotations

from datetime import date

from hypothesis import strategies as st

from helpers.case import Case
from helpers.plans.kinds import (
    CustomSchedule,
    Holiday,
    Reinstalment,
    Settlement,
    StatusQuo,
    StepUp,
    Waiver,
)

KINDS = [  # cards and online platforms twice: the rules only they trigger are often drawn
    "credit_card",
    "credit_card",
    "online_platform",
    "bank_loan",
    "consumer_finance",
    "online_platform",
    "micro_loan",
    "private",
    "mortgage",
    "car",
    "other",
]
yuan = st.integers(min_value=0, max_value=50_000_000).map(lambda fen: round(fen / 100, 2))


@st.composite
def debts(draw, index: int) -> dict:
    kind = draw(st.sampled_from(KINDS))
    principal = draw(st.integers(100, 30_000_000)) / 100  # 1 yuan .. 300,000 yuan
    debt = {
        "id": f"d{index}",
        "lender": f"lender {index}",
        "kind": kind,
        "principal": principal,
        "interest": draw(st.integers(0, 200_000)) / 100,
        "charges": draw(st.integers(0, 50_000)) / 100,
        "due_day": draw(st.none() | st.integers(1, 31)),
        "days_overdue": draw(st.sampled_from([0, 0, 0, 5, 29, 45, 95, 200])),
    }
    quote = draw(st.sampled_from(["annual", "daily", "monthly_fee"]))
    if kind == "credit_card" and draw(st.booleans()):
        debt["daily_rate"] = draw(st.sampled_from([0.0005, 0.0004, 0.00035]))
        debt["credit_limit"] = draw(st.integers(100, 40_000_000)) / 100
        if draw(st.booleans()):
            debt["minimum_due"] = round(principal * 0.1, 2)
        return debt
    bill = kind == "online_platform" and quote != "monthly_fee" and draw(st.integers(0, 3)) > 0
    term = None if bill else draw(st.none() | st.integers(0, 60))
    if quote == "monthly_fee":
        debt["monthly_fee_rate"] = draw(st.sampled_from([0.003, 0.006, 0.0075, 0.015]))
        debt["original_principal"] = principal
        debt["original_term_months"] = max(1, term or 12)
        term = max(1, term or 12)
    elif quote == "daily":
        debt["daily_rate"] = draw(st.sampled_from([0.0002, 0.0003, 0.0005, 0.001]))
    else:
        debt["annual_rate"] = draw(st.sampled_from([0.0, 0.0395, 0.0435, 0.12, 0.18, 0.24, 0.36]))
    if term is not None:
        debt["remaining_term_months"] = term
        if quote == "monthly_fee":
            debt["original_term_months"] = max(term, debt["original_term_months"])
        elif term and draw(st.integers(0, 4)) == 0:  # the lender's own instalment figure
            debt["instalment"] = round(principal / term * draw(st.sampled_from([1.0, 1.1])), 2)
    elif bill:
        debt["billing"] = "monthly"  # a 花呗-like monthly bill
        debt["statement_day"] = draw(st.integers(1, 28))
    if draw(st.integers(0, 4)) == 0:
        debt["penalty_interest"] = draw(st.integers(0, 100_000)) / 100
    if draw(st.booleans()):
        debt["late_charge_fixed"] = draw(st.sampled_from([0, 30, 100]))
    if draw(st.booleans()):
        debt["late_charge_rate"] = draw(st.sampled_from([0.0, 0.05]))
    return debt


@st.composite
def cases(draw, max_debts: int = 6) -> Case:
    count = draw(st.integers(1, max_debts))
    as_of = draw(st.dates(min_value=date(2024, 1, 1), max_value=date(2027, 12, 31)))
    return Case.model_validate(
        {
            "as_of": as_of.isoformat(),
            "debts": [draw(debts(k + 1)) for k in range(count)],
        }
    )


@st.composite
def plans(draw, horizon: int):
    start = draw(st.integers(0, max(0, min(horizon - 1, 6))))
    waiver = draw(
        st.none()
        | st.builds(Waiver, st.booleans(), st.booleans(), st.sampled_from([0.0, 0.5, 1.0]))
    )
    rate = draw(st.none() | st.sampled_from([0.0, 0.05, 0.12]))
    kind = draw(
        st.sampled_from(
            ["status_quo", "waiver", "reinstalment", "holiday", "step_up", "settlement", "custom"]
        )
    )
    if kind == "status_quo":
        mode = draw(st.sampled_from(["nothing", "minimum", "fixed"]))
        return StatusQuo(mode, draw(st.integers(0, 500_000)), start=start)
    if kind == "waiver":
        return Waiver(
            draw(st.booleans()),
            draw(st.booleans()),
            draw(st.sampled_from([0.0, 0.3])),
            start=start,
        )
    if kind == "reinstalment":
        fee = draw(st.none() | st.sampled_from([0.003, 0.006])) if rate is None else None
        return Reinstalment(
            draw(st.integers(1, 60)),
            annual_rate=rate,
            monthly_fee_rate=fee,
            freeze_interest=draw(st.booleans()),
            down_payment_fen=draw(st.sampled_from([0, 100_000])),
            waiver=waiver,
            start=start,
        )
    if kind == "holiday":
        return Holiday(
            draw(st.integers(1, 6)),
            draw(st.sampled_from(["accrue", "freeze"])),
            draw(st.booleans()),
            draw(st.none() | st.integers(1, 36)),
            start=start,
        )
    if kind == "step_up":
        return StepUp(
            draw(st.integers(0, 200_000)),
            draw(st.integers(1, 12)),
            draw(st.integers(1, 48)),
            annual_rate=rate,
            freeze_interest=draw(st.booleans()),
            waiver=waiver,
            start=start,
        )
    if kind == "settlement":
        month = draw(st.integers(start, horizon - 1))
        if draw(st.booleans()):
            return Settlement(month, discount=draw(st.sampled_from([0.0, 0.3, 0.5])), start=start)
        return Settlement(month, amount_fen=draw(st.integers(0, 5_000_000)), start=start)
    payments = tuple(draw(st.lists(st.integers(0, 500_000), min_size=1, max_size=24)))
    return CustomSchedule(payments, annual_rate=rate, waiver=waiver, start=start)


@st.composite
def scenarios(draw, horizon: int = 24):
    case = draw(cases())
    chosen = {}
    for debt in case.debts:
        if draw(st.booleans()):
            chosen[debt.id] = draw(plans(horizon))
    means = draw(st.lists(st.integers(-100_000, 3_000_000), min_size=horizon, max_size=horizon))
    policy = draw(st.sampled_from(["avalanche", "snowball", "pro_rata", "priority_first"]))
    return case, chosen, means, policy
