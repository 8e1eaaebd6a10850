"""Scenarios side by side: plans per debt + an allocation policy + budget what-ifs, compared on
what they cost, whether the budget carries them, the credit record, the legal lines and how the
lenders see them; and the recommendation.

>>> from helpers.case import load_sample
>>> comparison = compare(load_sample("li_na_illness"))
>>> comparison.recommended
'step_up'
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.allocation import Policy
from helpers.budget import DEFAULT_HORIZON, monthly_budget
from helpers.case import Case
from helpers.credit import CreditOutcome, credit_outcome
from helpers.engine import (
    Metrics,
    Projection,
    ScenarioSpec,
    monthly_gaps_fen,
    project,
    project_batch,
    scenario_metrics,
)
from helpers.i18n import t
from helpers.money import fen_to_yuan
from helpers.rates import TrueRate, true_annual_rate
from helpers.rules import legal_line, lpr_on
from helpers.scenarios.affordable import AFFORDABLE_OFFER
from helpers.scenarios.defaults import default_scenarios
from helpers.scenarios.ranking import best_policy
from helpers.scenarios.scenario import Scenario

__all__ = [
    "ScenarioResult",
    "Comparison",
    "evaluate",
    "compare",
    "recommend",
    "best_policies",
    "result_cells",
    "lender_view",
    "COMPARE_COLUMNS",
    "DEFAULT_RECOVERY_SHARE",
    "DEFAULT_RECOVERY_MONTHS",
]

DEFAULT_RECOVERY_SHARE = 0.4  # what a lender expects to recover by collection, of the balance
DEFAULT_RECOVERY_MONTHS = 24  # … spread over this many months


@dataclass(frozen=True)
class ScenarioResult:
    """One scenario evaluated under its (best) policy."""

    scenario: Scenario
    policy: Policy
    metrics: Metrics
    projection: Projection
    shortfall_fen: int
    largest_gap_fen: int
    feasible: bool
    rate: TrueRate
    debt_rates: dict[str, TrueRate]
    lines_crossed: tuple[str, ...]
    credit: CreditOutcome
    lender_pv_fen: int
    recovery_pv_fen: int

    @property
    def clears(self) -> bool:
        """Whether every debt is cleared within the horizon.

        >>> from helpers.case import load_sample
        >>> evaluate(load_sample("li_na_illness"), Scenario("status_quo")).clears
        True
        """
        return self.metrics.months_to_clear is not None


@dataclass(frozen=True)
class Comparison:
    """The results of several scenarios and the recommendation with its reasons."""

    results: tuple[ScenarioResult, ...]
    recommended: str
    reason_key: str
    reason_params: dict
    discount_rate: float
    recovery_share: float
    recovery_months: int

    def result(self, name: str) -> ScenarioResult:
        """The result of the scenario called ``name``.

        >>> from helpers.case import load_sample
        >>> compare(load_sample("li_na_illness")).result("status_quo").policy.value
        'avalanche'
        """
        return next(r for r in self.results if r.scenario.name == name)

    def reason(self, lang: str) -> str:
        """Why the recommended scenario, in ``lang``.

        >>> from helpers.case import load_sample
        >>> compare(load_sample("li_na_illness")).reason("en")[:40]
        '“step-up after recovery” is the affordab'
        """
        params = dict(self.reason_params)
        params["name"] = self.result(self.recommended).scenario.title(lang)
        return t(self.reason_key, lang, **params)

    def frame(self, lang: str) -> pd.DataFrame:
        """The comparison as a table (amounts in yuan), one row per scenario.

        >>> from helpers.case import load_sample
        >>> frame = compare(load_sample("li_na_illness")).frame("en")
        >>> list(frame.columns[:3])
        ['scenario', 'policy', 'total paid']
        """
        rows = [result_cells(r, lang) for r in self.results]
        frame = pd.DataFrame(rows, columns=list(COMPARE_COLUMNS))
        return frame.rename(
            columns={c: t(f"scenarios.compare.col_{c}", lang) for c in COMPARE_COLUMNS}
        )


COMPARE_COLUMNS = (
    "scenario",
    "policy",
    "total_paid",
    "total_cost",
    "months_to_clear",
    "max_monthly_payment",
    "shortfall_months",
    "feasible",
    "true_rate",
    "credit",
    "lender_pv",
)


def result_cells(result: ScenarioResult, lang: str, *, money=None) -> list:
    """One scenario's cells in :data:`COMPARE_COLUMNS` order; amounts through ``money`` (fen →
    cell; yuan as float by default), so a table and an app share one definition.

    >>> from helpers.case import load_sample
    >>> result_cells(compare(load_sample("li_na_illness")).result("status_quo"), "en")[:4]
    ['status quo', 'dearest first', 85036.24, 33236.24]
    """
    money = money or (lambda fen: float(fen_to_yuan(fen)))
    m = result.metrics
    rate = result.rate.nominal_annual_rate
    return [
        result.scenario.title(lang),
        t(f"allocation.policy.{result.policy.value}", lang),
        money(m.total_paid_fen),
        money(m.cost_fen),
        "—" if m.months_to_clear is None else m.months_to_clear,
        money(m.max_scheduled_due_fen),
        m.shortfall_months,
        t("scenarios.compare.yes" if result.feasible else "scenarios.compare.no", lang),
        _rate_cell(rate, lang),
        result.credit.describe(lang),
        money(result.lender_pv_fen),
    ]


def _rate_cell(rate: float | None, lang: str) -> str:
    """The true annual rate as a table shows it: a settlement that pays less than is owed has a
    negative rate, which reads as what it means.

    >>> _rate_cell(0.1303, "en"), _rate_cell(-0.21, "en"), _rate_cell(None, "en")
    ('13.03%', 'pays less than owed', '—')
    """
    if rate is None:
        return "—"
    return f"{rate:.2%}" if rate >= 0 else t("scenarios.compare.pays_less", lang)


def lender_view(
    result: Projection,
    case: Case,
    *,
    monthly_rate: float,
    recovery_share: float,
    recovery_months: int,
) -> tuple[int, int]:
    """Present value, to the unsecured lenders, of what a scenario pays them, and of what they
    expect to recover under the status quo (a share of the balance spread over some months).

    >>> from helpers.case import load_sample
    >>> case = load_sample()
    >>> pv, recovery = lender_view(project(case, horizon=60), case, monthly_rate=0.0025,
    ...                            recovery_share=0.4, recovery_months=24)
    >>> recovery
    3403619
    """
    count = len(result.debt_ids)
    unsecured = [k for k, d in enumerate(case.debts) if not d.terms.secured]
    paid_col = 3 + 5 * 4 + 1  # the "paid" column of a row
    pv = 0.0
    for m in range(len(result.months)):
        paid = sum(result.rows[m * count + k][paid_col] for k in unsecured)
        pv += paid / (1 + monthly_rate) ** (m + 1)
    balance = sum(case.debts[k].owed_fen for k in unsecured)
    instalment = balance * recovery_share / recovery_months
    recovery = sum(instalment / (1 + monthly_rate) ** (m + 1) for m in range(recovery_months))
    return round(pv), round(recovery)


def _flows(result: Projection, case: Case, keys: list[int]) -> list[float]:
    count = len(result.debt_ids)
    paid_col, months = 3 + 5 * 4 + 1, len(result.months)
    owed = sum(case.debts[k].owed_fen for k in keys)
    flows = [float(owed)]
    for m in range(months):
        flows.append(-float(sum(result.rows[m * count + k][paid_col] for k in keys)))
    closing = [3 + 5 * b + 4 for b in range(4)]
    flows[-1] -= sum(result.rows[(months - 1) * count + k][c] for k in keys for c in closing)
    return flows


def best_policies(
    case: Case, scenarios: Sequence[Scenario], *, horizon: int = DEFAULT_HORIZON
) -> list[Policy]:
    """The best allocation policy of each scenario, found by the vectorised engine in one batch.

    The best policy is the one that is feasible (clears every debt with no shortfall month),
    then clears, then leaves the least balance, then costs the least in total.

    >>> from helpers.case import load_sample
    >>> best_policies(load_sample("li_na_illness"), [Scenario("status_quo")])
    [<Policy.AVALANCHE: 'avalanche'>]
    """
    policies = list(Policy)
    specs = []
    for scenario in scenarios:
        means = scenario.means_fen
        if means is None:
            means = monthly_budget(
                case, horizon=horizon, overrides=scenario.overrides
            ).available_fen
        specs += [ScenarioSpec(scenario.plan_map, p, means) for p in policies]
    batch = project_batch(case, specs, horizon=horizon)
    chosen = []
    for k in range(len(scenarios)):
        rows = [batch.row(k * len(policies) + j) for j in range(len(policies))]
        chosen.append(best_policy(policies, rows)[0])
    return chosen


def evaluate(
    case: Case,
    scenario: Scenario,
    *,
    horizon: int = DEFAULT_HORIZON,
    discount_rate: float | None = None,
    recovery_share: float = DEFAULT_RECOVERY_SHARE,
    recovery_months: int = DEFAULT_RECOVERY_MONTHS,
) -> ScenarioResult:
    """Evaluate one scenario under its policy, or under the best one (:func:`best_policies`).

    >>> from helpers.case import load_sample
    >>> from helpers.plans import Reinstalment
    >>> result = evaluate(load_sample("li_na_illness"), Scenario("reinstal_24", {
    ...     "d1": Reinstalment(24), "d2": Reinstalment(24)}))
    >>> result.policy.value, result.feasible
    ('avalanche', False)
    """
    policy = scenario.policy or best_policies(case, [scenario], horizon=horizon)[0]
    projection = project(
        case,
        scenario.plan_map,
        policy=policy,
        horizon=horizon,
        means_fen=scenario.means_fen,
        budget_overrides=scenario.overrides,
    )
    metrics = scenario_metrics(projection)
    rate_monthly = (discount_rate if discount_rate is not None else lpr_on(case.as_of)) / 12
    pv, recovery = lender_view(
        projection,
        case,
        monthly_rate=rate_monthly,
        recovery_share=recovery_share,
        recovery_months=recovery_months,
    )
    unsecured = [k for k, d in enumerate(case.debts) if not d.terms.secured]
    debt_rates = {
        case.debts[k].id: true_annual_rate(_flows(projection, case, [k])) for k in unsecured
    }
    crossed = []
    for debt_id, rate in debt_rates.items():
        line = legal_line(case.debt(debt_id), as_of=case.as_of)
        if rate.nominal_annual_rate is not None and rate.nominal_annual_rate > line.annual_rate:
            crossed.append(debt_id)
    clears = metrics.months_to_clear is not None
    gaps = monthly_gaps_fen(projection)
    return ScenarioResult(
        scenario=scenario,
        policy=Policy(policy),
        metrics=metrics,
        projection=projection,
        shortfall_fen=metrics.shortfall_fen,
        largest_gap_fen=max(gaps, default=0),
        feasible=clears and metrics.shortfall_months == 0,
        rate=true_annual_rate(_flows(projection, case, unsecured)),
        debt_rates=debt_rates,
        lines_crossed=tuple(crossed),
        credit=credit_outcome(case, projection),
        lender_pv_fen=pv,
        recovery_pv_fen=recovery,
    )


def recommend(results: Sequence[ScenarioResult]) -> tuple[str, str, dict]:
    """The recommended scenario, the reason's message key and its parameters; ``results`` may
    also be :class:`helpers.scenarios.Outcome` (a scenario and its metrics, without months).

    Feasible first (DESIGN.md): the feasible scenario with the least total paid, the affordable
    offer only when no other is feasible (it asks lenders to freeze interest, so it is the
    fallback); if none is feasible, the one that clears every debt with the smallest total
    shortfall (named); if none clears, the one that costs least counting what it leaves owed
    (paid plus balance left), never as if the balance were free.

    >>> from helpers.case import load_sample
    >>> case = load_sample("li_na_illness")
    >>> recommend([evaluate(case, s) for s in default_scenarios(case)])[:2]
    ('step_up', 'scenarios.recommend.feasible')
    """
    feasible = [r for r in results if r.feasible]
    preferred = [r for r in feasible if r.scenario.name != AFFORDABLE_OFFER] or feasible
    if preferred:
        best = min(preferred, key=lambda r: r.metrics.total_paid_fen)
        offer = best.scenario.name == AFFORDABLE_OFFER
        return (
            best.scenario.name,
            "scenarios.recommend.offer" if offer else "scenarios.recommend.feasible",
            {
                "paid": f"{fen_to_yuan(best.metrics.total_paid_fen):,.2f}",
                "months": best.metrics.months_to_clear,
            },
        )
    clearing = [r for r in results if r.clears]
    if clearing:
        best = min(clearing, key=lambda r: (r.shortfall_fen, r.metrics.total_paid_fen))
        return (
            best.scenario.name,
            "scenarios.recommend.shortfall",
            {
                "shortfall": f"{fen_to_yuan(best.shortfall_fen):,.2f}",
                "months": best.metrics.shortfall_months,
            },
        )

    def paid_and_left(r: ScenarioResult) -> tuple[int, int]:
        left = r.metrics.balance_left_fen
        return r.metrics.total_paid_fen + left, left

    best = min(results, key=paid_and_left)
    return (
        best.scenario.name,
        "scenarios.recommend.least_cost",
        {
            "cost": f"{fen_to_yuan(paid_and_left(best)[0]):,.2f}",
            "left": f"{fen_to_yuan(best.metrics.balance_left_fen):,.2f}",
        },
    )


def compare(
    case: Case,
    scenarios: Sequence[Scenario] | None = None,
    *,
    horizon: int = DEFAULT_HORIZON,
    discount_rate: float | None = None,
    recovery_share: float = DEFAULT_RECOVERY_SHARE,
    recovery_months: int = DEFAULT_RECOVERY_MONTHS,
) -> Comparison:
    """Evaluate scenarios (the default set unless given) and recommend one.

    ``discount_rate`` (annual; default the one-year LPR at the as-of date) values the lenders'
    receipts; ``recovery_share`` of the balance over ``recovery_months`` is what they expect
    from collection under the status quo.

    >>> from helpers.case import load_sample
    >>> comparison = compare(load_sample("wang_fang_income_drop"))
    >>> comparison.recommended, comparison.result(comparison.recommended).feasible
    ('step_up', True)
    """
    scenarios = list(scenarios or default_scenarios(case, horizon=horizon))
    open_policy = [s for s in scenarios if s.policy is None]
    chosen = dict(
        zip(map(id, open_policy), best_policies(case, open_policy, horizon=horizon), strict=True)
    )
    scenarios = [
        s if s.policy else dataclasses.replace(s, policy=chosen[id(s)]) for s in scenarios
    ]
    rate = discount_rate if discount_rate is not None else lpr_on(case.as_of)
    results = tuple(
        evaluate(
            case,
            s,
            horizon=horizon,
            discount_rate=rate,
            recovery_share=recovery_share,
            recovery_months=recovery_months,
        )
        for s in scenarios
    )
    name, key, params = recommend(results)
    return Comparison(results, name, key, params, rate, recovery_share, recovery_months)
