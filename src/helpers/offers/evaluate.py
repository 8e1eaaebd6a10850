"""An offer evaluated: can the borrower carry it beside the other debts, what does it cost
against the borrower's own plan, which legal line does it cross, and the verdict.

**Affordability** runs the same engine path as :func:`helpers.scenarios.evaluate`: the
borrower's own scenario (the one chosen in notebook 03, else the recommended one), with this
debt's plan replaced by the offer, under the same allocation policy and the money the budget
leaves for debts each month (:func:`helpers.budget.monthly_budget`). A shortfall month is a month
whose dues exceed that money (DESIGN.md, "Shortfall"), counted over the horizon.

**Cost** of the debt under a scenario is what is paid on it over the horizon plus what is still
owed on it at the end (a plan that does not clear is never taken as if the balance were free).
The offer's cost is compared with the own plan's, both from the engine.

>>> from helpers.case import load_sample
>>> from helpers.offers.terms import OfferTerms
>>> result = evaluate_offer(load_sample(), OfferTerms("d1", months=24, monthly_fen=120_000))
>>> result.verdict.value, result.shortfall_months
('decline', 8)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass

from helpers.budget import DEFAULT_HORIZON, monthly_budget
from helpers.case import Case
from helpers.engine import ROW_COLUMNS, Projection
from helpers.offers.schedule import OfferSchedule, schedule_offer
from helpers.offers.terms import OfferTerms
from helpers.offers.verdict import Verdict, decide
from helpers.plans import Plan
from helpers.rules import LegalLine, crosses_line, legal_line
from helpers.scenarios import Scenario, ScenarioResult, evaluate, own_result

__all__ = [
    "OfferEvaluation",
    "debt_total_fen",
    "evaluate_offer",
    "own_base",
    "with_plan",
]

_COL = {name: k for k, name in enumerate(ROW_COLUMNS)}
_CLOSING = [_COL[f"{b}_closing"] for b in ("principal", "interest", "penalty", "charges")]


@dataclass(frozen=True)
class OfferEvaluation:
    """An offer's evaluation.

    Attributes
    ----------
    offer : OfferSchedule
        The offer's plan, balances and true rates.
    own : helpers.scenarios.ScenarioResult
        The borrower's own scenario (chosen, else recommended).
    own_chosen : bool
        Whether it is the chosen scenario (else the recommended one).
    result : helpers.scenarios.ScenarioResult
        The own scenario with this debt's plan replaced by the offer.
    line : helpers.rules.LegalLine
        The legal line that governs the debt's interest from now on.
    total_fen, own_total_fen : int
        The debt's cost in all (paid + left owed at the horizon) under the offer, and under the
        own plan.
    verdict : Verdict
    """

    offer: OfferSchedule
    own: ScenarioResult
    own_chosen: bool
    result: ScenarioResult
    line: LegalLine
    total_fen: int
    own_total_fen: int
    verdict: Verdict

    @property
    def shortfall_months(self) -> int:
        """Months the budget cannot carry with the offer in place.

        >>> from helpers.case import load_sample
        >>> result = evaluate_offer(load_sample(), OfferTerms("d1", 24, monthly_fen=120_000))
        >>> result.shortfall_months
        8
        """
        return self.result.metrics.shortfall_months

    @property
    def own_shortfall_months(self) -> int:
        """Months the budget cannot carry under the own scenario, before the offer.

        >>> from helpers.case import load_sample
        >>> result = evaluate_offer(load_sample(), OfferTerms("d1", 24, monthly_fen=120_000))
        >>> result.own_shortfall_months
        0
        """
        return self.own.metrics.shortfall_months

    @property
    def extra_cost_fen(self) -> int:
        """What the offer costs beyond the own plan (negative: it saves).

        1,200.00 a month for 24 months costs Zhang Wei 5,376.59 less than his own step-up plan
        at the card's contract rate (if only he could carry it):

        >>> from helpers.case import load_sample
        >>> result = evaluate_offer(load_sample(), OfferTerms("d1", 24, monthly_fen=120_000))
        >>> result.extra_cost_fen
        -537659
        """
        return self.total_fen - self.own_total_fen

    @property
    def crosses_line(self) -> bool:
        """Whether the agreement's rate crosses the legal line.

        >>> from helpers.case import load_sample
        >>> result = evaluate_offer(load_sample(), OfferTerms("d1", 24, monthly_fen=120_000))
        >>> result.crosses_line
        False
        """
        return crosses_line(self.offer.agreement_rate.nominal_annual_rate, self.line)

    @property
    def own_plan(self) -> Plan | None:
        """The own scenario's plan for the debt (None: its contract).

        >>> from helpers.case import load_sample
        >>> result = evaluate_offer(load_sample(), OfferTerms("d1", 24, monthly_fen=120_000))
        >>> result.own_plan.low_months, result.own_plan.term_months
        (4, 36)
        """
        return self.own.scenario.plan_map.get(self.offer.debt.id)

    def largest_gap_fen(self) -> int:
        """The largest single month's gap with the offer in place.

        >>> from helpers.case import load_sample
        >>> result = evaluate_offer(load_sample(), OfferTerms("d1", 24, monthly_fen=120_000))
        >>> result.largest_gap_fen()
        107535
        """
        return self.result.largest_gap_fen


def debt_total_fen(projection: Projection, debt_id: str) -> int:
    """What one debt costs in a projection: everything paid on it, plus what it still owes at
    the end of the horizon.

    What does Zhang Wei's card cost over six months if he pays it nothing?
    (28,790.00 owed and six months of interest, penalty and charges, none of it paid.)

    >>> from helpers.case import load_sample
    >>> from helpers.engine import project
    >>> from helpers.plans import StatusQuo
    >>> debt_total_fen(project(load_sample(), {"d1": StatusQuo("nothing")}, horizon=6), "d1")
    3802796
    """
    count = len(projection.debt_ids)
    k = projection.debt_ids.index(debt_id)
    rows = projection.rows[k::count]
    paid = sum(row[_COL["paid"]] for row in rows)
    return paid + sum(rows[-1][c] for c in _CLOSING)


def own_base(
    case: Case, *, horizon: int = DEFAULT_HORIZON, means_fen: Sequence[int] | None = None
) -> tuple[Scenario, bool]:
    """The own scenario fixed for swapping one debt's plan: its allocation policy settled and
    the money for debts each month set (the budget's when not given); and whether it was chosen.

    Which policy does Zhang Wei's own plan pay his debts in, and with what in the first month?

    >>> from helpers.case import load_sample
    >>> base, chosen = own_base(load_sample())
    >>> base.name, base.policy.value, base.means_fen[0], chosen
    ('step_up', 'avalanche', 38000, False)
    """
    if means_fen is None:
        means_fen = monthly_budget(case, horizon=horizon).available_fen
    own, chosen = own_result(case, horizon=horizon)
    return dataclasses.replace(own.scenario, policy=own.policy, means_fen=tuple(means_fen)), chosen


def with_plan(
    case: Case, base: Scenario, debt_id: str, plan: Plan, *, horizon: int = DEFAULT_HORIZON
) -> ScenarioResult:
    """The own scenario ``base`` (from :func:`own_base`) with one debt's plan replaced, run.

    Can Zhang Wei carry his 招商银行 card re-instaled over 36 months at its contract rate,
    beside his other debts on his own plan? Not while he is out of work: 7 months fall short.

    >>> from helpers.case import load_sample
    >>> from helpers.plans import Reinstalment
    >>> case = load_sample()
    >>> base, _ = own_base(case)
    >>> with_plan(case, base, "d1", Reinstalment(36)).metrics.shortfall_months
    7
    """
    plans = {**base.plan_map, debt_id: plan}
    return evaluate(case, dataclasses.replace(base, name="offer", plans=plans), horizon=horizon)


def evaluate_offer(
    case: Case,
    terms: OfferTerms,
    *,
    horizon: int = DEFAULT_HORIZON,
    means_fen: Sequence[int] | None = None,
) -> OfferEvaluation:
    """Evaluate a lender's offer for one debt against the budget and the borrower's own plan.

    Parameters
    ----------
    case : helpers.case.Case
    terms : OfferTerms
    horizon : int
        Months projected (at least the offer's months).
    means_fen : sequence of int, optional
        The money for debts each month; the budget's (:func:`helpers.budget.monthly_budget`)
        when not given.

    Returns
    -------
    OfferEvaluation

    Raises
    ------
    helpers.offers.OfferError
        When the offer cannot be evaluated (:func:`helpers.offers.schedule_offer`).

    Examples
    --------
    Is 招商银行's offer of 1,200 a month for 24 months one Zhang Wei can carry? Not while he is
    out of work: with his other debts on his own plan, 8 months fall short, more than a quarter
    of 24, so he should decline and counter with his own plan.

    >>> from helpers.case import load_sample
    >>> result = evaluate_offer(load_sample(), OfferTerms("d1", months=24, monthly_fen=120_000))
    >>> result.verdict.value, result.shortfall_months, result.own_shortfall_months
    ('decline', 8, 0)
    """
    offer = schedule_offer(case, terms)
    horizon = max(horizon, terms.plan_months)
    base, chosen = own_base(case, horizon=horizon, means_fen=means_fen)
    own = evaluate(case, base, horizon=horizon)
    result = with_plan(case, base, offer.debt.id, offer.plan, horizon=horizon)
    line = legal_line(offer.debt, as_of=case.as_of)
    total = debt_total_fen(result.projection, offer.debt.id)
    own_total = debt_total_fen(own.projection, offer.debt.id)
    verdict = decide(
        shortfall_months=result.metrics.shortfall_months,
        offer_months=terms.plan_months,
        total_fen=total,
        own_total_fen=own_total,
        crosses_line=crosses_line(offer.agreement_rate.nominal_annual_rate, line),
    )
    return OfferEvaluation(offer, own, chosen, result, line, total, own_total, verdict)
