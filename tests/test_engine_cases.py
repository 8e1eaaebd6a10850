"""Many cases side by side in the vectorised engine (`project_cases`) agree with the scalar
engine to the fen, case by case and scenario by scenario: cases whose debts differ in number,
class, rates, dates and due days share one chunk's arrays, empty rows fill the gaps, and a case
may be cut across chunks."""

from __future__ import annotations

import pytest
from hypothesis import Phase, given, settings
from hypothesis import strategies as st

from helpers.allocation import Policy
from helpers.case import list_samples, load_sample
from helpers.caseload import synth_cases
from helpers.engine import ScenarioSpec, project_cases
from helpers.errors import WorkbenchError
from helpers.scenarios import default_scenarios
from tests.test_engine_vector import rich_cases, scalar, specs_for


def default_specs(case) -> list[ScenarioSpec]:
    """The specs a comparison's policy search runs: each default scenario under each policy."""
    return [
        ScenarioSpec(s.plan_map, p, s.means_fen) for s in default_scenarios(case) for p in Policy
    ]


def assert_cases_agree(jobs, horizon, **kwargs) -> None:
    batches = project_cases(jobs, horizon=horizon, **kwargs)
    assert len(batches) == len(jobs)
    for (case, specs), batch in zip(jobs, batches, strict=True):
        assert len(batch) == len(specs)
        for i, spec in enumerate(specs):
            assert batch.row(i) == scalar(case, spec, horizon), (case.as_of, i, spec)


@pytest.fixture(scope="module")
def caseload_jobs():
    """The samples and 30 synthetic cases (1 to 7 debts, four as-of dates at least), each with
    its comparison's default scenarios under every policy."""
    cases = [load_sample(name) for name in list_samples()] + synth_cases(30, seed=11)
    assert len({len(c.debts) for c in cases}) >= 4 and len({c.as_of for c in cases}) >= 4
    return [(case, default_specs(case)) for case in cases]


@pytest.mark.parametrize("chunk_elements", [60_000, 700])
def test_a_caseload_side_by_side_agrees_with_the_scalar_engine(caseload_jobs, chunk_elements):
    """The default chunks hold many cases each; 700 entries cut cases across chunks."""
    assert_cases_agree(caseload_jobs, 60, chunk_elements=chunk_elements)


@given(st.lists(rich_cases(max_debts=5), min_size=2, max_size=5), st.data())
@settings(max_examples=120, derandomize=True, database=None, deadline=None,
          phases=[Phase.generate])  # fmt: skip
def test_random_cases_side_by_side_agree(cases, data):
    """Random cases of their own terms (orders of payment, penalties, acceleration, day bases,
    cards with cash and limits), random plans, policies and means, in one call."""
    jobs = [(case, data.draw(specs_for(case, 18, 3))) for case in cases]
    assert_cases_agree(jobs, 18, chunk_elements=data.draw(st.sampled_from([40, 400, 60_000])))


def test_each_case_keeps_its_own_order_of_debts_on_a_tie():
    """Two debts with the same rate and balance: pro rata's leftover fen and snowball's tie go
    to the debt that comes first in its own case, whichever row it sits in. The cards come
    first in the rows, so a case listing its loan before its card is turned round."""
    base = {
        "as_of": "2025-04-01",
        "debts": [
            {"id": "loan", "lender": "A", "kind": "bank_loan", "principal": 1000.01,
             "annual_rate": 0.12, "days_overdue": 40},
            {"id": "card", "lender": "B", "kind": "credit_card", "principal": 1000.01,
             "annual_rate": 0.12, "days_overdue": 40},
        ],
    }  # fmt: skip
    from helpers.case import Case

    first = Case.model_validate(base)
    turned = Case.model_validate({**base, "debts": base["debts"][::-1]})
    specs = [ScenarioSpec({}, policy, 100_001) for policy in Policy]
    assert_cases_agree([(first, specs), (turned, specs)], 6)


def test_a_case_without_debts_is_refused_by_name():
    case = load_sample("li_na_illness").model_copy(update={"debts": ()})
    with pytest.raises(WorkbenchError) as caught:
        project_cases([(case, [ScenarioSpec()])])
    assert "no debts" in caught.value.render("en")


def test_the_results_come_back_in_the_order_given():
    """Cases are packed by their debts' classes, not in the order given: the results are not."""
    cases = synth_cases(12, seed=5)
    jobs = [(case, [ScenarioSpec(policy="avalanche", means_fen=200_000)]) for case in cases]
    together = project_cases(jobs, horizon=12)
    for (case, specs), batch in zip(jobs, together, strict=True):
        assert batch.row(0) == scalar(case, specs[0], 12)
