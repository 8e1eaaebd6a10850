"""The vectorised engine agrees with the scalar one to the fen, metric by metric: on every sample
under every policy, on random cases and plans (hypothesis), on half-fen ties, overdue cards,
acceleration and every plan kind, and on batches that mix plans, policies and means."""

from __future__ import annotations

import itertools
from collections import Counter

import numpy as np
import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from helpers.allocation import Policy
from helpers.case import Case, list_samples, load_sample
from helpers.engine import METRIC_NAMES, Metrics, Shape, contract_start, project, scenario_metrics
from helpers.engine.vector import core as vector_core
from helpers.engine.vector.batch import (
    OPTIONAL_METRICS,
    BatchMetrics,
    ScenarioSpec,
    project_batch,
    sweep,
)
from helpers.errors import WorkbenchError
from helpers.plans.kinds import (
    CustomSchedule,
    Holiday,
    PlanError,
    Reinstalment,
    Settlement,
    StatusQuo,
    StepUp,
    Waiver,
)
from tests.strategies import debts, plans

POLICIES = [p.value for p in Policy]
ORDERS = list(itertools.permutations(["principal", "interest", "penalty", "charges"]))
PLAN_KINDS = ["status_quo", "waiver", "reinstalment", "holiday", "step_up", "settlement", "custom"]


def scalar(case, spec: ScenarioSpec, horizon: int, *, prepay: bool = True) -> Metrics:
    means = spec.means_fen
    if isinstance(means, int):
        means = [means] * horizon
    elif means is not None:
        means = [int(x) for x in means]
    result = project(
        case, spec.plans, policy=spec.policy, horizon=horizon, means_fen=means, prepay=prepay
    )
    return scenario_metrics(result)


def assert_agree(case, specs: list[ScenarioSpec], horizon: int, **kwargs) -> BatchMetrics:
    batch = project_batch(case, specs, horizon=horizon, **kwargs)
    assert len(batch) == len(specs)
    for i, spec in enumerate(specs):
        assert batch.row(i) == scalar(case, spec, horizon, **kwargs), (i, spec)
    return batch


def one_debt(as_of="2025-04-01", **debt) -> Case:
    return Case.model_validate({"as_of": as_of, "debts": [{"id": "x", "lender": "x", **debt}]})


# ---- strategies beyond tests/strategies.py ------------------------------------------------------
@st.composite
def rich_debts(draw, index: int) -> dict:
    """A debt with its own terms: payment order, penalty, compounding, acceleration, basis,
    security; cards with cash advances, limits below the balance and unpaid minimums."""
    debt = draw(debts(index))
    if draw(st.booleans()):
        debt["payment_order"] = list(draw(st.sampled_from(ORDERS)))
    if draw(st.booleans()):
        debt["penalty_rate_multiplier"] = draw(st.sampled_from([0.0, 1.0, 1.5, 2.0]))
    if draw(st.booleans()):
        debt["compound_overdue_interest"] = draw(st.booleans())
    if draw(st.booleans()):
        debt["acceleration_after_missed"] = draw(st.sampled_from([0, 1, 2, 3, 6]))
    if draw(st.booleans()):
        debt["day_basis"] = draw(st.sampled_from([360, 365]))
    if draw(st.booleans()):
        debt["secured"] = draw(st.booleans())
    debt["days_overdue"] = draw(st.sampled_from([0, 0, 1, 31, 61, 91, 150, 400]))
    if debt["kind"] == "credit_card":
        principal = round(debt["principal"] * 100)
        if draw(st.booleans()):
            debt["cash_advance"] = draw(st.integers(0, principal)) / 100
        if draw(st.booleans()):
            debt["credit_limit"] = draw(st.integers(100, 2 * principal + 100)) / 100
        if draw(st.booleans()):
            debt["minimum_payment_rate"] = draw(st.sampled_from([0.05, 0.1, 0.2]))
        if "minimum_due" in debt and draw(st.booleans()):
            debt["minimum_unpaid"] = round(
                debt["minimum_due"] * draw(st.sampled_from([0.5, 1])), 2
            )
    return debt


@st.composite
def rich_cases(draw, max_debts: int = 6) -> Case:
    count = draw(st.integers(1, max_debts))
    as_of = draw(st.sampled_from(["2024-01-31", "2024-02-29", "2025-04-01", "2025-12-15"]))
    return Case.model_validate(
        {"as_of": as_of, "debts": [draw(rich_debts(k + 1)) for k in range(count)]}
    )


@st.composite
def specs_for(draw, case: Case, horizon: int, count: int) -> list[ScenarioSpec]:
    specs = []
    for _ in range(count):
        chosen = {d.id: draw(plans(horizon)) for d in case.debts if draw(st.booleans())}
        means = draw(
            st.integers(-50_000, 3_000_000)
            | st.lists(st.integers(-100_000, 3_000_000), min_size=horizon, max_size=horizon)
        )
        specs.append(ScenarioSpec(chosen, draw(st.sampled_from(POLICIES)), means))
    return specs


@st.composite
def batches(draw, horizon: int = 24):
    from tests.strategies import cases

    case = draw(cases() | rich_cases())
    return case, draw(specs_for(case, horizon, draw(st.integers(1, 3))))


@st.composite
def plan_of_kind(draw, kind: str, horizon: int):
    """A plan of the given kind, with the fields tests/strategies.py draws for it."""
    start = draw(st.integers(0, max(0, min(horizon - 1, 6))))
    waiver = draw(st.none() | st.builds(Waiver, st.booleans(), st.booleans(),
                                        st.sampled_from([0.0, 0.5, 1.0])))  # fmt: skip
    rate = draw(st.none() | st.sampled_from([0.0, 0.05, 0.12]))
    if kind == "status_quo":
        mode = draw(st.sampled_from(["nothing", "minimum", "fixed"]))
        return StatusQuo(mode, draw(st.integers(0, 500_000)), start=start)
    if kind == "waiver":
        share = draw(st.sampled_from([0.0, 0.3, 0.5]))
        return Waiver(draw(st.booleans()), draw(st.booleans()), share, start=start)
    if kind == "reinstalment":
        fee = draw(st.none() | st.sampled_from([0.003, 0.006])) if rate is None else None
        return Reinstalment(draw(st.integers(1, 60)), annual_rate=rate, monthly_fee_rate=fee,
                            freeze_interest=draw(st.booleans()),
                            down_payment_fen=draw(st.sampled_from([0, 100_000])),
                            waiver=waiver, start=start)  # fmt: skip
    if kind == "holiday":
        return Holiday(draw(st.integers(1, 6)), draw(st.sampled_from(["accrue", "freeze"])),
                       draw(st.booleans()), draw(st.none() | st.integers(1, 36)),
                       start=start)  # fmt: skip
    if kind == "step_up":
        return StepUp(draw(st.integers(0, 200_000)), draw(st.integers(1, 12)),
                      draw(st.integers(1, 48)), annual_rate=rate,
                      freeze_interest=draw(st.booleans()), waiver=waiver,
                      start=start)  # fmt: skip
    if kind == "settlement":
        month = draw(st.integers(start, horizon - 1))
        if draw(st.booleans()):
            return Settlement(month, discount=draw(st.sampled_from([0.0, 0.3, 0.5, 1.0])),
                              start=start)  # fmt: skip
        return Settlement(month, amount_fen=draw(st.integers(0, 5_000_000)), start=start)
    payments = tuple(draw(st.lists(st.integers(0, 500_000), min_size=1, max_size=24)))
    return CustomSchedule(payments, annual_rate=rate, waiver=waiver, start=start)


@st.composite
def tie_cases(draw) -> Case:
    """Debts whose first postings land on exactly half a fen: 1% a month on x.50 yuan; 0.05% a
    day for April's 30 days on (100 + 200 s) fen; 5% of an unpaid minimum of (20 s + 10) fen;
    10% card minimum on (10 s + 5) fen; odd interest under a waiver of half of it."""
    s = draw(st.lists(st.integers(0, 2_000), min_size=4, max_size=4))
    return Case.model_validate(
        {
            "as_of": "2025-04-01",
            "debts": [
                {"id": "loan", "lender": "a", "kind": "bank_loan", "annual_rate": 0.12,
                 "principal": (100 * s[0] + 50) / 100, "interest": (2 * s[1] + 1) / 100,
                 "remaining_term_months": draw(st.integers(1, 24)), "due_day": 10,
                 "days_overdue": draw(st.sampled_from([0, 40]))},
                {"id": "card", "lender": "b", "kind": "credit_card", "daily_rate": 0.0005,
                 "principal": (100 + 200 * s[2]) / 100, "due_day": 20,
                 "minimum_due": (20 * s[3] + 10) / 100, "credit_limit": 100_000,
                 "days_overdue": draw(st.sampled_from([0, 12]))},
                {"id": "card2", "lender": "c", "kind": "credit_card", "daily_rate": 0.0005,
                 "principal": (10 * s[3] + 5) / 100 + 1, "due_day": 5},
            ],
        }
    )  # fmt: skip


# ---- every sample, every policy -----------------------------------------------------------------
@pytest.mark.parametrize("name", list_samples())
def test_every_sample_under_every_policy_agrees_to_the_fen(name):
    case = load_sample(name)
    specs = [ScenarioSpec(policy=policy) for policy in POLICIES]
    specs += [ScenarioSpec(policy=policy, means_fen=150_000) for policy in POLICIES]
    assert_agree(case, specs, 60)


@pytest.mark.parametrize("name", list_samples())
def test_every_sample_under_plans_for_every_debt_agrees(name):
    case = load_sample(name)
    kinds = [
        Reinstalment(term_months=24, annual_rate=0.06, waiver=Waiver()),
        Holiday(months=3, capitalise=False, term_months=12),
        StepUp(low_payment_fen=20_000, low_months=6, term_months=24, start=1),
        Settlement(month=4, discount=0.4),
        CustomSchedule(payments_fen=(50_000, 80_000, 0, 120_000), annual_rate=0.05),
        StatusQuo("fixed", 30_000),
        Waiver(interest_share=0.5, start=2),
    ]
    specs = [
        ScenarioSpec(
            {d.id: kinds[(k + shift) % len(kinds)] for k, d in enumerate(case.debts)},
            POLICIES[shift % 4],
            means,
        )
        for shift in range(len(kinds))
        for means in (None, 400_000)
    ]
    assert_agree(case, specs, 36)


# ---- random cases -------------------------------------------------------------------------------
TRIGGERS = ("due day inside a month", "acceleration", "card paid on its due day",
            "monthly bill unpaid")  # fmt: skip


def triggers(case: Case, specs: list[ScenarioSpec], horizon: int) -> set[str]:
    """Which of the day-count rules a batch exercises, read off the scalar projections: a
    debt overdue whose due day is not the month's first; a debt called due; a revolving card
    paid under its contract; a monthly bill overdue."""
    found = set()
    for spec in specs:
        means = spec.means_fen
        means = [means] * horizon if isinstance(means, int) else [int(x) for x in means]
        result = project(case, spec.plans, policy=spec.policy, horizon=horizon, means_fen=means)
        found |= {"acceleration"} if result.called_due else set()
        for k, debt in enumerate(case.debts):
            rows = result.rows[k :: len(case.debts)]
            late = any(row[-2] > 0 for row in rows)
            if late and debt.due_day and debt.due_day != case.as_of.day:
                found.add("due day inside a month")
            if late and debt.billing == "monthly":
                found.add("monthly bill unpaid")
            revolving = contract_start(debt, case.as_of).shape == Shape.REVOLVING
            if revolving and any(row[-4] > 0 and row[-1] == "contract" for row in rows):
                found.add("card paid on its due day")
    return found


def test_random_cases_plans_policies_and_means_agree_to_the_fen():
    """1,000 random batches (hypothesis, a fixed seed): every scenario agrees to the fen, and
    each day-count rule is exercised in at least a tenth of them."""
    seen = Counter()

    @given(batches(horizon=24))
    @settings(max_examples=1000, derandomize=True, database=None, deadline=None,
              phases=[Phase.generate])  # fmt: skip
    def check(batch):
        case, specs = batch
        assert_agree(case, specs, 24)
        seen["batches"] += 1
        seen.update(triggers(case, specs, 24))

    check()
    assert seen["batches"] == 1000
    for rule in TRIGGERS:
        assert seen[rule] >= 100, (rule, seen)


@pytest.mark.parametrize("kind", PLAN_KINDS)
@given(data=st.data())
@settings(max_examples=40)
def test_every_plan_kind_agrees_on_random_cases(kind, data):
    case = data.draw(rich_cases(max_debts=4))
    horizon = data.draw(st.sampled_from([6, 18, 30]))
    target = data.draw(st.sampled_from([d.id for d in case.debts]))
    plan = data.draw(plan_of_kind(kind, horizon))
    specs = data.draw(specs_for(case, horizon, 2))
    specs = [s.replace(plans={**s.plans, target: plan}) for s in specs]
    assert_agree(case, specs, horizon)


@given(tie_cases(), st.sampled_from(POLICIES), st.integers(0, 100_000))
@settings(max_examples=100)
def test_half_fen_ties_agree(case, policy, means):
    specs = [
        ScenarioSpec({}, policy, means),
        ScenarioSpec({"loan": Waiver(interest_share=0.5)}, policy, means),
        ScenarioSpec({"card": Settlement(month=1, discount=0.5)}, policy, 10**9),
    ]
    assert_agree(case, specs, 6)


def test_a_half_fen_of_interest_rounds_up_in_both_paths():
    # 1,000.50 at 12% a year: 1% of 100,050 fen is 1,000.5 fen; half-up gives 1,001 (np.rint,
    # half to even, would give 1,000)
    loan = one_debt(kind="bank_loan", principal=1000.50, annual_rate=0.12,
                    remaining_term_months=12, due_day=10)  # fmt: skip
    spec = ScenarioSpec({}, "avalanche", 10**9)
    batch = assert_agree(loan, [spec], 1)
    assert batch.interest_paid_fen.tolist() == [1001]
    assert np.rint(1000.5) == 1000


# ---- overdue cards, acceleration, the hand-worked schedules -------------------------------------
def test_an_overdue_card_left_unpaid_agrees_with_the_hand_worked_schedule():
    card = one_debt(kind="credit_card", principal=10000, interest=120, charges=25,
                    daily_rate=0.0005, due_day=20, minimum_due=1645, minimum_unpaid=500,
                    days_overdue=12, credit_limit=20000)  # fmt: skip
    batch = assert_agree(card, [ScenarioSpec({}, policy, 0) for policy in POLICIES], 6)
    # owed after six months (tests/test_engine.py works it out by hand); 41, 72, 102… days late
    assert batch.balance_left_fen.tolist() == [1259444] * 4
    assert batch.first_month_past_90.tolist() == [2] * 4
    assert batch.months_overdue.tolist() == [6] * 4


def test_an_overdue_loan_called_in_agrees_with_the_hand_worked_schedule():
    loan = one_debt(kind="consumer_finance", principal=12000, interest=180, annual_rate=0.18,
                    remaining_term_months=11, due_day=10, days_overdue=22)  # fmt: skip
    batch = assert_agree(loan, [ScenarioSpec({}, "pro_rata", 0)], 6)
    # tests/test_engine.py works it out by hand: by the day around the 10th, called in on
    # 05-10, owing 13,896.59 at the end of September; its largest due, September's 13,699.74
    assert batch.balance_left_fen.tolist() == [1389659]
    assert batch.max_scheduled_due_fen.tolist() == [1369974]  # the whole loan, called in


def test_cards_over_their_limit_with_cash_advances_and_unpaid_minimums_agree():
    case = Case.model_validate({"as_of": "2024-02-29", "debts": [
        {"id": "a", "lender": "a", "kind": "credit_card", "principal": 32000, "interest": 300,
         "charges": 50, "daily_rate": 0.0005, "credit_limit": 30000, "cash_advance": 4000,
         "minimum_due": 6000, "minimum_unpaid": 2000, "days_overdue": 45, "due_day": 31},
        {"id": "b", "lender": "b", "kind": "credit_card", "principal": 8000,
         "annual_rate": 0.18, "credit_limit": 10000, "due_day": 15, "days_overdue": 95},
        {"id": "c", "lender": "c", "kind": "micro_loan", "principal": 5000, "annual_rate": 0.24,
         "remaining_term_months": 6, "acceleration_after_missed": 1, "days_overdue": 5,
         "payment_order": ["principal", "interest", "penalty", "charges"]},
    ]})  # fmt: skip
    specs = [ScenarioSpec({}, policy, means) for policy in POLICIES for means in (0, 90_000)]
    specs.append(ScenarioSpec({"b": Holiday(months=2)}, "snowball", 50_000))
    assert_agree(case, specs, 30)


# ---- batches, sweeps, the API -------------------------------------------------------------------
def test_one_batch_mixing_plans_policies_and_means_agrees_row_by_row():
    case = load_sample("chen_jian_business_loss")
    specs = []
    for k, policy in enumerate(POLICIES * 3):
        plans = {"d3": Reinstalment(term_months=12 + 6 * k, freeze_interest=k % 2 == 0)}
        if k % 3:
            plans["d5"] = Settlement(month=k % 5, discount=0.3)
        specs.append(ScenarioSpec(plans, policy, [200_000 + 50_000 * k] * 48))
    assert_agree(case, specs, 48)


def test_a_term_sweep_is_one_call_and_agrees():
    case = load_sample()
    specs = sweep(ScenarioSpec(policy="avalanche"), "d3", Reinstalment(term_months=1),
                  "term_months", range(1, 61))  # fmt: skip
    batch = project_batch(case, specs, horizon=60)
    for i in (0, 11, 23, 47, 59):
        assert batch.row(i) == scalar(case, specs[i], 60)


def test_a_means_sweep_scales_the_means_half_up():
    specs = sweep(ScenarioSpec(means_fen=[101, 3]), None, None, "means_scale", [0.5, 2])
    assert [s.means_fen for s in specs] == [[51, 2], [202, 6]]


def test_without_prepayment_and_with_numpy_means_the_paths_agree():
    case = load_sample("wang_fang_income_drop")
    plans = {"d1": Reinstalment(term_months=18), "d3": StepUp(50_000, 3, 12)}
    means = np.linspace(100_000, 3_000_000, 36).round().astype(np.int64)
    specs = [ScenarioSpec(plans, policy, means) for policy in POLICIES]
    with_prepay = assert_agree(case, specs, 36)
    without = assert_agree(case, specs, 36, prepay=False)
    assert (with_prepay.total_paid_fen != without.total_paid_fen).any()


def test_small_chunks_give_the_same_metrics():
    case = load_sample("zhang_wei_unemployed")
    specs = [ScenarioSpec({"d1": Holiday(months=k % 4 + 1)}, POLICIES[k % 4], 300_000)
             for k in range(12)]  # fmt: skip
    whole = project_batch(case, specs, horizon=24)
    pieces = project_batch(case, specs, horizon=24, chunk_elements=7)
    for name in METRIC_NAMES:
        assert getattr(whole, name).tolist() == getattr(pieces, name).tolist()


def test_rows_map_minus_one_to_none_and_the_frame_uses_nullable_integers():
    batch = project_batch(load_sample("li_na_illness"), [ScenarioSpec(), ScenarioSpec(
        means_fen=0)], horizon=12)  # fmt: skip
    assert batch.months_to_clear.tolist() == [-1, -1]
    assert batch.row(1).months_to_clear is None
    frame = batch.frame()
    assert list(frame.columns) == list(METRIC_NAMES)
    assert all(str(frame[name].dtype) == "Int64" for name in OPTIONAL_METRICS)


def test_balances_beyond_the_exact_range_fall_back_to_the_scalar_path():
    # past what a case file may hold (10 billion yuan), so the balance is set past validation
    case = one_debt(kind="bank_loan", principal=1000, annual_rate=0.24,
                    remaining_term_months=24, days_overdue=40)  # fmt: skip
    debt = case.debts[0].model_copy(update={"principal_fen": 9_000_000_000_000_000})
    huge = case.model_copy(update={"debts": (debt,)})
    specs = [ScenarioSpec({}, "pro_rata", 10**12), ScenarioSpec({}, "avalanche", 0)]
    batch = assert_agree(huge, specs, 12)
    assert batch.fallback.tolist() == [True, True]


def test_the_exact_range_guard_flags_scenarios(monkeypatch):
    monkeypatch.setattr(vector_core, "EXACT", 2.0**30)
    case = load_sample()
    batch = assert_agree(case, [ScenarioSpec(), ScenarioSpec(policy="snowball")], 12)
    assert batch.fallback.all()


def test_a_plan_paid_up_after_months_of_arrears_is_not_prepaid_backwards():
    # Both paths once took last month's arrears off the prepayment room, which then went below
    # zero and undid the month's payment; the money left after paying the arrears up prepays
    # nothing here, and the 2.92 owed is simply paid.
    card = one_debt(as_of="2024-01-01", kind="credit_card", principal=1, annual_rate=0.0)
    spec = ScenarioSpec({"x": Holiday(months=1, capitalise=False, term_months=1)}, "avalanche",
                        [0] * 23 + [293])  # fmt: skip
    batch = assert_agree(card, [spec], 24)
    assert batch.total_paid_fen.tolist() == [292]
    assert batch.charges_paid_fen.tolist() == [192] and batch.balance_left_fen.tolist() == [0]


def test_bad_inputs_are_refused_as_the_scalar_path_refuses_them():
    case = load_sample()
    with pytest.raises(WorkbenchError):
        project_batch(case, [ScenarioSpec()], horizon=0)
    with pytest.raises(KeyError):
        project_batch(case, [ScenarioSpec({"nope": Waiver()})], horizon=6)
    with pytest.raises(PlanError):
        project_batch(case, [ScenarioSpec({"d1": Reinstalment(term_months=0)})], horizon=6)
    with pytest.raises(WorkbenchError):
        project_batch(case, [ScenarioSpec(means_fen=[1, 2])], horizon=6)


def test_tiny_overdue_instalments_with_entries_of_zero_agree():
    # 0.05 yuan past due over 13 missed instalments: the dated arrears hold entries of zero,
    # which stay until a payment reaches them
    case = Case.model_validate({"as_of": "2025-01-31", "debts": [
        {"id": "a", "lender": "a", "kind": "bank_loan", "principal": 0.05, "annual_rate": 0.0,
         "remaining_term_months": 24, "days_overdue": 400, "due_day": 31},
        {"id": "b", "lender": "b", "kind": "consumer_finance", "principal": 0, "interest": 0.03,
         "annual_rate": 0.2, "remaining_term_months": 6, "days_overdue": 200,
         "acceleration_after_missed": 9},
        {"id": "c", "lender": "c", "kind": "credit_card", "principal": 300, "daily_rate": 0.0005,
         "days_overdue": 95},
    ]})  # fmt: skip
    specs = [ScenarioSpec({}, policy, means) for policy in POLICIES for means in (0, 1, 2, 40)]
    specs.append(ScenarioSpec({"c": Settlement(month=2, amount_fen=0)}, "avalanche", 500))
    assert_agree(case, specs, 18)


def test_cards_quoted_by_the_year_or_a_fee_called_in_after_a_plan_agree():
    # revolving cards not quoted by the day accrue otherwise once a broken plan calls them in;
    # a card back on its contract after a holiday recomputes its minimum
    case = Case.model_validate({"as_of": "2025-03-31", "debts": [
        {"id": "a", "lender": "a", "kind": "credit_card", "principal": 9000, "annual_rate": 0.18,
         "acceleration_after_missed": 1, "due_day": 10, "days_overdue": 20},
        {"id": "b", "lender": "b", "kind": "credit_card", "principal": 6000,
         "monthly_fee_rate": 0.006, "original_principal": 6000, "original_term_months": 12,
         "acceleration_after_missed": 2, "due_day": 25},
        {"id": "c", "lender": "c", "kind": "credit_card", "principal": 3000, "daily_rate": 0.0005,
         "minimum_due": 300, "credit_limit": 2500, "cash_advance": 500, "due_day": 1},
    ]})  # fmt: skip
    plans = {
        "a": Reinstalment(term_months=6, annual_rate=0.12),
        "b": StepUp(low_payment_fen=10_000, low_months=2, term_months=6),
        "c": Holiday(months=2),
    }
    specs = [ScenarioSpec(plans, policy, means) for policy in POLICIES for means in (0, 40_000)]
    assert_agree(case, specs, 24)
