"""The fallback ladder (helpers.proposals.ladder): ask → target → floor, never a shortfall month,
and a floor that is the nearest the budget can carry.

The hand-built cases owe one interest-free debt (annual rate 0, not overdue: no penalty, no
interest, no charges accrue), and the budget leaves the same money for debts every month
(income − rent), so each floor is worked by hand: a level re-instalment of B over n months
pays about B / n a month, and fits when B / n ≤ the money for debts.
"""

from __future__ import annotations

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers.case import Case, load_sample, parse_case
from helpers.offers import OfferError, own_base, with_plan
from helpers.paths import SAMPLES_DIR
from helpers.plans import CustomSchedule, Reinstalment, StepUp, Waiver
from helpers.proposals import (
    CONCESSIONS,
    LADDER_HORIZON,
    LADDER_MAX_MONTHS,
    Concession,
    cap_term,
    concession_of,
    fallback_ladder,
    ladder_lines,
    shortest_term,
)
from tests.strategies import debts

CASE = """
schema_version: 1
language: en
as_of: 2025-07-01
incomes:
  - {{kind: wages, amount: {income}}}
costs:
  - {{category: rent, amount: 1000.00}}
debts:
  - id: d1
    lender: Bank A
    kind: {kind}
    principal: {principal}
    charges: {charges}
    annual_rate: {rate}
    days_overdue: {overdue}
    due_day: 15
    contract_date: 2025-06-01
chosen_scenario:
  name: mine
  policy: avalanche
  plans:
    d1: {{kind: reinstalment, term_months: {term}, freeze_interest: true,
          waiver: {{penalty: true, charges: true}}}}
"""
SAMPLES = sorted(p.stem for p in SAMPLES_DIR.glob("*.yaml"))


def _case(
    income: str,
    principal: str,
    charges: str = "0",
    term: int = 24,
    *,
    kind: str = "consumer_finance",
    rate: float = 0.0,
    overdue: int = 0,
    recovery: tuple[str, str] | None = None,
) -> Case:
    fields = {"kind": kind, "rate": rate, "overdue": overdue}
    text = CASE.format(income=income, principal=principal, charges=charges, term=term, **fields)
    if recovery is not None:  # the income from then on, from (month, amount)
        text += HARDSHIP.format(month=recovery[0], income=recovery[1])
    return parse_case(text)


HARDSHIP = """
hardship:
  kind: unemployment
  start: 2025-05
  expected_recovery: {month}
  income_after_recovery: {income}
"""


class TestHandBuilt:
    def test_floor_is_twelve_months_when_a_thousand_a_month_repays_twelve_thousand(self):
        # 2,000.00 income − 1,000.00 rent = 1,000.00 a month for debts. 12,000.00 at 0%:
        # 12 months × 1,000.00 fits exactly; 11 months is 1,090.91 a month, short. Nothing is
        # owed but principal, so no waiver is needed: the first concession (none) fits.
        ladder = fallback_ladder(_case("2000.00", "12000.00"), "d1")
        assert ladder.floor_step == 0
        assert ladder.floor.plan == Reinstalment(12)
        assert ladder.floor.monthly_fen == 100_000
        assert ladder.floor.total_fen == 1_200_000
        # The ask is the chosen plan: 24 months of 500.00, interest frozen, waivers asked.
        assert ladder.ask.plan.term_months == 24 and ladder.ask.monthly_fen == 50_000
        # The target: the floor's 12 months with the ask's waivers and frozen interest.
        assert ladder.target.plan == Reinstalment(12, freeze_interest=True, waiver=Waiver())
        assert [r.shortfall_months for r in ladder.rungs] == [0, 0, 0]
        assert not ladder.words

    def test_floor_waives_the_charges_when_sixty_months_cannot_carry_them(self):
        # 1,098.00 − 1,000.00 = 98.00 a month. Owed 5,880.00 + 120.00 charges = 6,000.00:
        # over 60 months that is 100.00 a month, short with no waiver and with the penalty
        # waived (there is none); with the charges waived, 5,880.00 / 60 = 98.00 fits, and
        # 59 months (99.66) is short. So the floor is the third concession at 60 months.
        ladder = fallback_ladder(_case("1098.00", "5880.00", "120.00", term=60), "d1")
        assert ladder.floor_step == 2
        assert CONCESSIONS[2] == Concession(Waiver(penalty=True, charges=True))
        assert ladder.floor.plan == Reinstalment(60, waiver=Waiver())
        assert ladder.floor.monthly_fen == 9_800
        assert ladder.floor.total_fen == 588_000

    def test_a_chosen_plan_the_budget_cannot_carry_gives_way_to_the_affordable_offer(self):
        # 6 months of 2,000.00 against 1,000.00 a month: short. The affordable offer pays the
        # month's 1,000.00 to the only lender, 12 times.
        ladder = fallback_ladder(_case("2000.00", "12000.00", term=6), "d1")
        assert isinstance(ladder.ask.plan, CustomSchedule)
        assert ladder.ask.plan.payments_fen[:13] == (100_000,) * 12 + (0,)
        assert ladder.ask.notes == ("proposals.ladder.ask_offer",)
        assert "affordable offer" in ladder_lines(ladder, "en")[0]

    def test_no_money_for_debts_leaves_the_last_rung_in_words(self):
        # 1,000.00 − 1,000.00 = nothing a month: no re-instalment fits, even interest frozen
        # and everything waived over 60 months.
        ladder = fallback_ladder(_case("1000.00", "12000.00"), "d1")
        assert ladder.floor is None and ladder.target is None and ladder.words
        lines = ladder_lines(ladder, "zh-CN", as_of=ladder_case_as_of())
        assert lines[-1].endswith("约定 2025-10-01 重新商量。")
        assert any("担保人" in line for line in lines)

    def test_target_is_the_floor_when_the_ask_waives_no_more(self):
        # The ask: 60 months with penalty and charges waived, interest not frozen, which is
        # the floor's own concession, so the target adds nothing and is the floor.
        case = _case("1098.00", "5880.00", "120.00", term=60)
        plan = {"kind": "reinstalment", "term_months": 60, "waiver": {"penalty": True}}
        chosen = {"name": "mine", "plans": {"d1": plan}}
        ladder = fallback_ladder(case.model_copy(update={"chosen_scenario": chosen}), "d1")
        assert ladder.target.plan == ladder.floor.plan == Reinstalment(60, waiver=Waiver())
        assert ladder.target.notes == ("proposals.ladder.target_is_floor",)
        assert "the target is the floor" in ladder_lines(ladder, "en")[1]


def ladder_case_as_of():
    return _case("1000.00", "12000.00").as_of


def test_an_unknown_debt_is_refused():
    with pytest.raises(OfferError):
        fallback_ladder(_case("2000.00", "12000.00"), "d9")


class TestCardTerm:
    def test_a_card_plan_over_sixty_months_is_capped_and_says_so(self):
        plan, capped = cap_term(Reinstalment(72), card=True)
        assert (plan.term_months, capped) == (60, True)
        assert cap_term(Reinstalment(72), card=False) == (Reinstalment(72), False)
        assert cap_term(StepUp(100, 6, 54), card=True) == (StepUp(100, 6, 54), False)

    def test_the_ask_for_a_card_says_it_was_capped(self):
        # A card's chosen 72 months of 12,000.00 (166.67 a month) becomes 60 months of 200.00,
        # which 1,000.00 a month carries.
        ladder = fallback_ladder(_case("2000.00", "12000.00", term=72, kind="credit_card"), "d1")
        assert ladder.ask.plan.term_months == 60
        assert ladder.ask.notes == ("proposals.ladder.ask_capped",)
        assert ladder.ask.monthly_fen == 20_000
        assert "art. 70" in ladder_lines(ladder, "en")[0]


class TestSearch:
    @given(st.integers(1, 61), st.integers(1, 60))
    def test_bisection_finds_the_shortest_term_of_a_monotone_test(self, threshold, longest):
        calls = []

        def fits(n: int) -> bool:
            calls.append(n)
            return n >= threshold

        expected = threshold if threshold <= longest else None
        assert shortest_term(fits, longest) == expected
        assert len(calls) <= 7  # 1 + ceil(log2 60), not 60

    def test_a_ladder_costs_a_handful_of_engine_runs(self):
        ladder = fallback_ladder(load_sample(), "d1")
        assert ladder.runs <= 12

    def test_concessions_grow_each_giving_all_the_previous_did(self):
        for smaller, larger in zip(CONCESSIONS, CONCESSIONS[1:], strict=False):
            assert (smaller | larger) == larger
        assert concession_of(CustomSchedule((1, 2))).freeze_interest


@pytest.mark.parametrize("sample", SAMPLES)
def test_every_sample_ladder_carries_every_month_in_both_languages(sample):
    case = load_sample(sample)
    for debt in case.debts:
        if debt.terms.secured:
            continue
        ladder = fallback_ladder(case, debt.id)
        assert all(r.shortfall_months == 0 for r in ladder.rungs)
        assert ladder.words == (ladder.floor is None)
        for lang in ("zh-CN", "en"):
            text = "\n".join(ladder_lines(ladder, lang, as_of=case.as_of))
            assert "proposals." not in text and "None" not in text and "{" not in text


@st.composite
def budget_cases(draw) -> Case:
    """One to three random debts (tests.strategies) and a steady income against rent."""
    count = draw(st.integers(1, 3))
    drawn = [draw(debts(k + 1)) for k in range(count)]
    owed = sum(d["principal"] + d["interest"] + d["charges"] for d in drawn)
    spare = owed / draw(st.integers(2, 90))  # money for debts near what some term needs
    data = {
        "as_of": "2025-07-01",
        "incomes": [{"kind": "wages", "amount": round(1_000 + spare, 2)}],
        "costs": [{"category": "rent", "amount": 1_000}],
        "debts": drawn,
    }
    return Case.model_validate(data)


@st.composite
def tight_cases(draw) -> Case:
    """One debt with charges, maybe overdue (so penalty runs), and money for debts near what
    60 months need: the floor often has to ask for a waiver."""
    principal = draw(st.integers(1_000, 50_000))
    charges = draw(st.integers(0, 3_000))
    rate = draw(st.sampled_from([0.0, 0.06, 0.18, 0.24]))
    spare = (principal + charges) / 60 * draw(st.floats(0.85, 1.3))
    return _case(
        f"{1000 + spare:.2f}",
        f"{principal}.00",
        f"{charges}.00",
        rate=rate,
        overdue=draw(st.sampled_from([0, 0, 45, 120])),
        kind=draw(st.sampled_from(["consumer_finance", "credit_card", "bank_loan"])),
    )


def _check_ladder(case: Case, debt_id: str) -> None:
    ladder = fallback_ladder(case, debt_id)
    assert all(r.shortfall_months == 0 for r in ladder.rungs)
    if ladder.floor is None:
        assert ladder.words
        return
    base, _ = own_base(case, horizon=LADDER_HORIZON)

    def short(plan) -> bool:
        result = with_plan(case, base, debt_id, plan, horizon=LADDER_HORIZON)
        return result.metrics.shortfall_months > 0

    plan = ladder.floor.plan
    assert plan.term_months + getattr(plan, "low_months", 0) <= LADDER_MAX_MONTHS
    if plan.term_months > 1:  # one month shorter makes a month short
        assert short(dataclasses.replace(plan, term_months=plan.term_months - 1))
    if ladder.floor_step > 0:  # the next smaller concession makes a month short
        smaller = CONCESSIONS[ladder.floor_step - 1]
        kept = {"waiver": smaller.waiver, "freeze_interest": smaller.freeze_interest}
        assert short(dataclasses.replace(plan, **kept))


PROPERTY = settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much],
)


@PROPERTY
@given(budget_cases(), st.integers(0, 2))
def test_no_rung_is_short_and_the_floor_is_the_nearest(case, pick):
    unsecured = [d for d in case.debts if not d.terms.secured]
    if unsecured:
        _check_ladder(case, unsecured[pick % len(unsecured)].id)


@PROPERTY
@given(tight_cases())
def test_a_tight_budget_floor_waives_the_least_and_is_the_shortest(case):
    _check_ladder(case, "d1")


@st.composite
def recovering_cases(draw) -> Case:
    """One debt, and a budget with little (or nothing) for debts until the income recovers:
    the chosen 24 months do not fit, so the ask is the affordable offer with low months, and
    the floor may keep them (a step-up from the ask's schedule)."""
    principal = draw(st.integers(2_000, 40_000))
    low = draw(st.integers(0, 300))  # money for debts while the income is low
    high = principal / draw(st.integers(8, 70))  # money for debts after the recovery
    months = draw(st.integers(1, 12))  # months until the recovery, from 2025-07
    year, month = divmod(6 + months, 12)
    return _case(
        f"{1000 + low}.00",
        f"{principal}.00",
        rate=draw(st.sampled_from([0.0, 0.06, 0.18])),
        overdue=draw(st.sampled_from([0, 45])),
        kind=draw(st.sampled_from(["consumer_finance", "credit_card"])),
        recovery=(f"{2025 + year}-{month + 1:02d}", f"{1000 + high:.2f}"),
    )


@PROPERTY
@given(recovering_cases())
def test_a_recovering_budget_floor_is_never_short_and_the_nearest(case):
    _check_ladder(case, "d1")


def test_a_budget_with_nothing_until_the_recovery_gets_a_floor_keeping_the_holiday():
    # Nothing for debts for 3 months (income = rent), then 2,000.00 − 1,000.00 = 1,000.00 a
    # month from 2025-10. The chosen 24 months (500.00 a month) fall short in the first three,
    # so the ask is the affordable offer: nothing for 3 months, then 1,000.00 a month. No level
    # re-instalment fits a month with nothing; keeping the 3-month holiday, 12,000.00 at 0% is
    # 12 months of 1,000.00 (11 months would be 1,090.91, short).
    case = _case("1000.00", "12000.00", recovery=("2025-10", "2000.00"))
    ladder = fallback_ladder(case, "d1")
    assert ladder.ask.notes == ("proposals.ladder.ask_offer",)
    assert ladder.floor.plan == StepUp(0, 3, 12)
    assert ladder.floor.dues_fen[:4] == (0, 0, 0, 100_000)
    assert ladder.floor_step == 0
    _check_ladder(case, "d1")
