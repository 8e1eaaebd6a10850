"""The affordable offer (helpers.scenarios.affordable): capacity shared pro rata, always fits."""

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from helpers.budget import monthly_budget
from helpers.case import list_samples, load_sample
from helpers.scenarios import (
    AFFORDABLE_OFFER,
    OFFER_MAX_MONTHS,
    affordable_offer,
    compare,
    evaluate,
    offer_months_to_clear,
    offer_payments_fen,
)

owed = st.lists(st.integers(min_value=1, max_value=10**9), min_size=1, max_size=8)
capacity = st.lists(st.integers(min_value=-(10**7), max_value=10**8), min_size=1, max_size=30)


@settings(max_examples=300, deadline=None)
@given(owed, capacity)
def test_each_month_pays_its_capacity_until_everything_is_paid_and_never_more(owed_fen, cap):
    rows = offer_payments_fen(owed_fen, cap)
    remaining = sum(owed_fen)
    for m, month_capacity in enumerate(cap):
        paid = sum(row[m] for row in rows)
        assert paid == min(max(0, month_capacity), remaining)
        remaining -= paid
    for row, debt in zip(rows, owed_fen, strict=True):
        assert all(p >= 0 for p in row) and sum(row) <= debt


def test_shares_follow_what_each_was_owed_at_the_start():
    # 6,000 / 3,000 / 1,000 owed, 999.99 to share: 599.994, 299.997, 99.999 → 599.99, 299.99,
    # 99.99 and the fen left over (0.02) to the two owed most: 600.00, 300.00, 99.99
    rows = offer_payments_fen([600_000, 300_000, 100_000], [99_999])
    assert [row[0] for row in rows] == [60_000, 30_000, 9_999]


def test_the_offer_never_leaves_a_month_short_where_the_budget_carries_the_priority_debts():
    for name in ("li_na_illness", "zhang_wei_unemployed", "wang_fang_income_drop"):
        case = load_sample(name)
        result = evaluate(case, affordable_offer(case))
        assert result.metrics.shortfall_months == 0 and result.shortfall_fen == 0, name
        assert result.feasible, name


@pytest.mark.parametrize("name", list_samples())
def test_the_offer_runs_until_what_the_budget_leaves_adds_up_to_what_is_owed(name):
    # Interest and charges frozen, each month's capacity paid in full: the offer clears in the
    # first month by which the capacity so far (never below zero) reaches everything the
    # unsecured lenders are owed at the start, however far past the comparison's 60 months.
    case = load_sample(name)
    owed = sum(d.owed_fen for d in case.debts if not d.terms.secured)
    capacity = monthly_budget(case, horizon=OFFER_MAX_MONTHS).capacity_fen
    running, expected = 0, None
    for month, amount in enumerate(capacity, start=1):
        running += max(0, amount)
        if running >= owed:
            expected = month
            break
    assert offer_months_to_clear(case) == expected
    found = [r for r in compare(case).results if r.scenario.name == AFFORDABLE_OFFER]
    assert len(found) == 1  # in every comparison
    cleared = found[0].metrics.months_to_clear
    assert cleared is None or cleared == expected
