"""Many cases compared at once: each case's default scenarios under every allocation policy,
all cases side by side in the vectorised engine (:func:`helpers.engine.project_cases`), the best
policy of each scenario and the recommendation, as :func:`helpers.scenarios.compare` would give
them case by case, without the month tables (a caseload needs the numbers; the scalar path
replays a scenario where its months are wanted).

>>> from helpers.case import load_sample
>>> cases = [load_sample("li_na_illness"), load_sample("chen_jian_business_loss")]
>>> [outline.recommended for outline in compare_cases(cases)]
['step_up', 'affordable_offer']
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from helpers.allocation import Policy
from helpers.budget import DEFAULT_HORIZON, Budget, monthly_budget
from helpers.case import Case
from helpers.engine import CASES_CHUNK_ELEMENTS, Metrics, ScenarioSpec, project_cases
from helpers.i18n import t
from helpers.scenarios.compare import recommend
from helpers.scenarios.defaults import default_scenarios, settlement_rest
from helpers.scenarios.ranking import policy_rank
from helpers.scenarios.scenario import Scenario

__all__ = ["Outcome", "Outline", "compare_cases"]


@dataclass(frozen=True)
class Outcome:
    """One scenario of a comparison, under its best policy, by its metrics."""

    scenario: Scenario
    metrics: Metrics

    @property
    def clears(self) -> bool:
        """Whether every debt is cleared within the horizon.

        >>> from helpers.case import load_sample
        >>> compare_cases([load_sample("li_na_illness")])[0].outcome("status_quo").clears
        True
        """
        return self.metrics.months_to_clear is not None

    @property
    def feasible(self) -> bool:
        """Whether it clears every debt with no month short (the budget carries it).

        >>> from helpers.case import load_sample
        >>> compare_cases([load_sample("li_na_illness")])[0].outcome("step_up").feasible
        True
        """
        return self.clears and self.metrics.shortfall_months == 0

    @property
    def shortfall_fen(self) -> int:
        """What the dues exceed the money for debts by, over the horizon.

        >>> from helpers.case import load_sample
        >>> compare_cases([load_sample("li_na_illness")])[0].outcome("step_up").shortfall_fen
        0
        """
        return self.metrics.shortfall_fen


@dataclass(frozen=True)
class Outline:
    """A case's comparison without month tables: each scenario's outcome, the recommended
    scenario and the reason (the same as :class:`helpers.scenarios.Comparison`'s)."""

    outcomes: tuple[Outcome, ...]
    recommended: str
    reason_key: str
    reason_params: dict

    def outcome(self, name: str) -> Outcome:
        """The outcome of the scenario called ``name``.

        >>> from helpers.case import load_sample
        >>> outline = compare_cases([load_sample("li_na_illness")])[0]
        >>> outline.outcome(outline.recommended).scenario.policy.value
        'avalanche'
        """
        return next(o for o in self.outcomes if o.scenario.name == name)

    def reason(self, lang: str) -> str:
        """Why the recommended scenario, in ``lang``.

        >>> from helpers.case import load_sample
        >>> compare_cases([load_sample("li_na_illness")])[0].reason("en")[:40]
        '“step-up after recovery” is the affordab'
        """
        params = dict(self.reason_params)
        params["name"] = self.outcome(self.recommended).scenario.title(lang)
        return t(self.reason_key, lang, **params)


def compare_cases(
    cases: Sequence[Case],
    *,
    horizon: int = DEFAULT_HORIZON,
    budgets: Sequence[Budget] | None = None,
    chunk_elements: int = CASES_CHUNK_ELEMENTS,
) -> list[Outline]:
    """Compare each case's default scenarios (:func:`helpers.scenarios.default_scenarios`),
    every case in one run of the vectorised engine: the best policy of each scenario, its
    metrics and the recommendation, equal to :func:`helpers.scenarios.compare` case by case.

    ``budgets``: each case's budget over ``horizon`` months, when already worked out.

    Which scenario for each of three borrowers, and does it fit their budget?

    >>> from helpers.case import load_sample
    >>> names = ["li_na_illness", "wang_fang_income_drop", "zhang_wei_unemployed"]
    >>> outlines = compare_cases([load_sample(n) for n in names])
    >>> [(o.recommended, o.outcome(o.recommended).feasible) for o in outlines]
    [('step_up', True), ('step_up', True), ('step_up', True)]
    """
    budgets = budgets or [monthly_budget(case, horizon=horizon) for case in cases]
    policies = list(Policy)
    running = _settlement_running(cases, budgets, horizon, chunk_elements)
    jobs, scenario_lists = [], []
    for k, (case, budget) in enumerate(zip(cases, budgets, strict=True)):
        scenarios = default_scenarios(
            case, horizon=horizon, budget=budget, paid_to_others=running.get(k)
        )
        specs = []
        for scenario in scenarios:
            means = scenario.means_fen
            if means is None:
                plain = scenario.overrides is None
                means = (
                    budget if plain else monthly_budget(case, horizon=horizon,
                                                        overrides=scenario.overrides)
                ).available_fen  # fmt: skip
            fixed = [scenario.policy] if scenario.policy else policies
            specs += [ScenarioSpec(scenario.plan_map, p, means) for p in fixed]
        jobs.append((case, specs))
        scenario_lists.append(scenarios)
    batches = project_cases(jobs, horizon=horizon, chunk_elements=chunk_elements)
    outlines = []
    for scenarios, batch in zip(scenario_lists, batches, strict=True):
        ranks = [
            policy_rank(None if m < 0 else m, s, left, paid)
            for m, s, left, paid in zip(
                batch.months_to_clear.tolist(), batch.shortfall_months.tolist(),
                batch.balance_left_fen.tolist(), batch.total_paid_fen.tolist(), strict=True,
            )
        ]  # fmt: skip
        outcomes, at = [], 0
        for scenario in scenarios:
            fixed = [scenario.policy] if scenario.policy else policies
            best = min(range(len(fixed)), key=lambda j, at=at: ranks[at + j])
            chosen = dataclasses.replace(scenario, policy=fixed[best])
            outcomes.append(Outcome(chosen, batch.row(at + best)))
            at += len(fixed)
        name, key, params = recommend(outcomes)
        outlines.append(Outline(tuple(outcomes), name, key, params))
    return outlines


def _settlement_running(cases, budgets, horizon, chunk_elements) -> dict[int, list[int]]:
    """What each case's other debts take month by month while its settlements wait
    (:func:`helpers.scenarios.settlement_rest`), every case in one run."""
    rests = {k: settlement_rest(case) for k, case in enumerate(cases)}
    rests = {k: rest for k, rest in rests.items() if rest is not None}
    jobs = [
        (rest, [ScenarioSpec({}, Policy.PRO_RATA, budgets[k].available_fen)])
        for k, rest in rests.items()
    ]
    runs = project_cases(jobs, horizon=horizon, chunk_elements=chunk_elements, monthly=True)
    return {k: run.paid_by_month_fen[:, 0].tolist() for k, run in zip(rests, runs, strict=True)}
