"""The samples are realistic, varied and valid: what a newcomer opens first."""

from collections import Counter

import pytest

from helpers.case import list_samples, load_sample
from helpers.case.kinds import HardshipKind


def test_at_least_four_samples_with_different_hardships():
    cases = [load_sample(name) for name in list_samples()]
    assert len(cases) >= 4
    kinds = {case.hardship.kind for case in cases}
    assert len(kinds) == len(cases)
    assert kinds <= set(HardshipKind)


@pytest.mark.parametrize("name", list_samples())
def test_each_sample_has_three_to_eight_debts_of_several_kinds(name):
    case = load_sample(name)
    assert 3 <= len(case.debts) <= 8
    assert len({debt.kind for debt in case.debts}) >= 2
    assert case.incomes and case.costs and case.evidence


def test_samples_cover_every_common_lender_kind_and_overdue_debts():
    debts = [debt for name in list_samples() for debt in load_sample(name).debts]
    kinds = Counter(debt.kind.value for debt in debts)
    for kind in (
        "credit_card",
        "bank_loan",
        "consumer_finance",
        "online_platform",
        "micro_loan",
        "private",
        "mortgage",
        "car",
    ):
        assert kinds[kind] >= 1, kind
    overdue_cases = [
        n for n in list_samples() if any(d.days_overdue for d in load_sample(n).debts)
    ]
    assert len(overdue_cases) >= 2


def test_one_sample_is_written_in_english():
    assert [n for n in list_samples() if load_sample(n).language == "en"] == [
        "wang_fang_income_drop"
    ]


def test_every_rate_quote_appears_in_the_samples():
    quotes = {debt.rate_quote[0] for name in list_samples() for debt in load_sample(name).debts}
    assert quotes == {"annual", "daily", "monthly_fee"}
