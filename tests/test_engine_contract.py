"""The contract set-up (helpers.engine.contract) is written once: every path reads it.

The proof: change the set-up's day-basis rule in its one place, and the scalar projection, the
vectorised batch and the optimiser (its programme and the replay of its schedule) all move by
the same hand-computed amount.
"""

from __future__ import annotations

import dataclasses

import pytest

from helpers.case import Case, load_sample
from helpers.engine import ScenarioSpec, contract_start, project, project_batch, scenario_metrics
from helpers.engine.scalar import state_contract
from helpers.optimize import optimal_schedule

# A bank loan of 100,000.00 at 18% a year, 30 days overdue with no schedule left: the whole
# principal is overdue and bears penalty interest at 1.5 × the contract rate, by the day.
# January 2025 has 31 days; nothing is paid (the case has no income).
LOAN = {
    "as_of": "2025-01-01",
    "language": "en",
    "debts": [
        {
            "id": "d1",
            "lender": "Bank",
            "kind": "bank_loan",
            "principal": 100000,
            "annual_rate": 0.18,
            "days_overdue": 30,
        }
    ],
}
# By hand, in fen: 10,000,000 × 0.18 × 1.5 / basis × 31 days, rounded half-up.
PENALTY_360 = 232_500  # 10,000,000 × 0.27 × 31 / 360 = 232,500 exactly
PENALTY_365 = 229_315  # 10,000,000 × 0.27 × 31 / 365 = 229,315.07
OWED_AFTER_360 = 10_000_000 + PENALTY_360
OWED_AFTER_365 = 10_000_000 + PENALTY_365


def _fresh_caches() -> None:
    contract_start.cache_clear()
    state_contract.contract_values.cache_clear()


def _three_paths(case: Case) -> dict[str, int]:
    """What each path says is owed after one month of paying nothing."""
    _fresh_caches()
    scalar = scenario_metrics(project(case, horizon=1, means_fen=[0])).balance_left_fen
    batch = project_batch(case, [ScenarioSpec(plans={}, means_fen=0)], horizon=1)
    optimal = optimal_schedule(case, horizon=1)
    return {
        "scalar": scalar,
        "vector": batch.row(0).balance_left_fen,
        "replay": optimal.metrics.balance_left_fen,
        "programme": round(optimal.programme_cost_fen),
    }


@pytest.fixture
def case() -> Case:
    yield Case.model_validate(LOAN)
    _fresh_caches()


def test_every_path_reads_the_loan_basis_of_360_days(case):
    assert _three_paths(case) == dict.fromkeys(
        ("scalar", "vector", "replay", "programme"), OWED_AFTER_360
    )


def test_changing_the_day_basis_in_the_contract_set_up_moves_every_path_alike(case, monkeypatch):
    monkeypatch.setattr("helpers.engine.contract.day_basis", lambda debt: 365)
    assert _three_paths(case) == dict.fromkeys(
        ("scalar", "vector", "replay", "programme"), OWED_AFTER_365
    )
    assert OWED_AFTER_360 - OWED_AFTER_365 == 3_185


def test_the_contract_start_is_frozen_and_shared_by_every_scenario(case):
    first = contract_start(case.debt("d1"), case.as_of)
    assert contract_start(case.debt("d1"), case.as_of) is first
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.level = 1


def test_missed_instalments_are_dated_and_the_oldest_takes_the_remainder():
    # 12,000.00 at 0% with 12 instalments still to come, 45 days behind on 2025-03-01: the
    # earliest unpaid due was 2025-01-15, so the dues of 2025-01-15 and 2025-02-15 are missed.
    # The schedule of all 14 instalments is 12,000.00 / 14 = 857.142… → 857.14 each (the last
    # takes the remainder), so 2 × 857.14 = 1,714.28 is overdue, one due date each.
    case = Case.model_validate(
        {
            "as_of": "2025-03-01",
            "language": "en",
            "debts": [
                {
                    "id": "d1",
                    "lender": "Bank",
                    "kind": "bank_loan",
                    "principal": 12000,
                    "annual_rate": 0.0,
                    "remaining_term_months": 12,
                    "days_overdue": 45,
                    "acceleration_after_missed": 0,
                }
            ],
        }
    )
    start = contract_start(case.debt("d1"), case.as_of)
    assert start.overdue_principal == 171_428
    assert [amount for _, amount in start.arrears] == [85_714, 85_714]
    assert start.level == 85_714  # 1,028,572 not yet due over 12 months: 85,714.33 → 85,714
    assert start.shape.name == "INSTALMENT"


def test_a_private_loan_is_re_instaled_at_the_legal_line_not_its_dearer_contract_rate():
    # Zhao Min's uncle lent 40,000.00 in 2019 at 30% a year ("年息三分"). The line a court
    # applies from 2020-08-20 is 4 × the LPR on the as-of date (2026-03): 4 × 3.00% = 12%, so a
    # 24-month plan runs at 1% a month: the first month's interest is 40,000.00 × 1% = 400.00
    # and the level instalment pmt(1%, 24, 40,000.00) = 1,882.94 (numpy-financial: 1882.9389),
    # not 2.5% a month (1,000.00 of interest, an instalment of 2,236.51).
    import numpy_financial as npf

    from helpers.engine import Projection
    from helpers.plans import Reinstalment

    sample = load_sample("zhao_min_family_rural")
    case = sample.model_copy(update={"debts": (sample.debt("d3"),)})
    plans = {"d3": Reinstalment(24)}
    assert round(npf.pmt(0.01, 24, -40_000) * 100) == 188_294
    result: Projection = project(case, plans, horizon=24, means_fen=[188_294] * 24)
    first = result.frame().iloc[0]
    assert (first["interest_accrued"], first["scheduled_due"]) == (40_000, 188_294)
    assert scenario_metrics(result).months_to_clear == 24
    batch = project_batch(case, [ScenarioSpec(plans=plans, means_fen=188_294)], horizon=24)
    assert batch.row(0) == scenario_metrics(result)
    assert result.rate_caps == {"d3": (0.3, 0.12)}
    assert result.rate_cap_notes("en") == [
        "d3: the plan asks 12.00% a year, the legal line for a private loan, not the contract's "
        "30.00% (SPC private lending provisions, art. 25)"
    ]


def test_a_plan_at_its_own_agreed_rate_is_not_capped():
    from helpers.plans import Reinstalment

    sample = load_sample("zhao_min_family_rural")
    case = sample.model_copy(update={"debts": (sample.debt("d3"),)})
    result = project(case, {"d3": Reinstalment(24, annual_rate=0.06)}, horizon=2)
    assert result.frame().iloc[0]["interest_accrued"] == 20_000  # 40,000.00 × 6% / 12
    assert result.rate_caps == {}
