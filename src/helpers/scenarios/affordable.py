"""The affordable offer: what the budget can carry, shared pro rata among the unsecured lenders.

The advisers' convention (DOMAIN.md, "Affordable offers"; the UK Standard Financial Statement and
debt management plans): each month's capacity (what the budget leaves after priority debts) is
offered to the unsecured lenders in proportion to what each is owed at the start, re-spread over
the others once one is paid off, with the ask that interest and charges be frozen while the plan
runs. A month with no capacity is a payment holiday within the offer, not a shortfall. It fits the
budget by construction, so every comparison includes it: when no other arrangement is affordable,
it is the one to ask for. Past 60 months it is flagged (the card measures' limit for a card
agreement, art. 70).
"""

from __future__ import annotations

from collections.abc import Sequence

from helpers.budget import DEFAULT_HORIZON, Budget, monthly_budget
from helpers.case import Case
from helpers.plans import CustomSchedule
from helpers.scenarios.scenario import Scenario

__all__ = [
    "AFFORDABLE_OFFER",
    "OFFER_FLAG_MONTHS",
    "OFFER_MAX_MONTHS",
    "offer_payments_fen",
    "affordable_offer",
    "offer_months_to_clear",
]

AFFORDABLE_OFFER = "affordable_offer"
OFFER_FLAG_MONTHS = 60  # longer than a card agreement may run (card measures art. 70)
OFFER_MAX_MONTHS = 600  # the engine's longest projection: fifty years


def offer_payments_fen(owed_fen: Sequence[int], capacity_fen: Sequence[int]) -> list[list[int]]:
    """Each lender's payment month by month: the month's capacity shared in proportion to what
    each was owed at the start, among those not yet paid off (interest and charges frozen).

    Shares are whole fen, rounded down; the fen left over go one by one to the lenders owed the
    most at the start, so a month pays exactly its capacity until everything is paid.

    Three lenders owed 6,000.00, 3,000.00 and 1,000.00 at the start; 1,000.00 a month, nothing
    in the second month: who gets what?

    >>> offer_payments_fen([600_000, 300_000, 100_000], [100_000, 0, 100_000])
    [[60000, 0, 60000], [30000, 0, 30000], [10000, 0, 10000]]

    When one is paid off, its share goes to the others in the same month (1,500.00 and 100.00
    owed, 1,000.00 a month: 937.50 and 62.50, then the last 562.50 and 37.50):

    >>> offer_payments_fen([150_000, 10_000], [100_000, 100_000])
    [[93750, 56250], [6250, 3750]]
    """
    remaining = list(owed_fen)
    weights = list(owed_fen)
    rows: list[list[int]] = [[] for _ in owed_fen]
    for capacity in capacity_fen:
        month = [0] * len(remaining)
        left = max(0, capacity)
        while left > 0:
            active = [k for k, r in enumerate(remaining) if r > month[k]]
            if not active:
                break
            total = sum(weights[k] for k in active)
            shares = {k: left * weights[k] // total for k in active}
            spare = left - sum(shares.values())
            for k in sorted(active, key=lambda k: (-weights[k], k))[:spare]:
                shares[k] += 1
            given = 0
            for k in active:
                take = min(shares[k], remaining[k] - month[k])
                month[k] += take
                given += take
            if given == 0:
                break
            left -= given
        for k, amount in enumerate(month):
            remaining[k] -= amount
            rows[k].append(amount)
    return rows


def affordable_offer(
    case: Case, *, horizon: int = DEFAULT_HORIZON, budget: Budget | None = None
) -> Scenario:
    """The affordable offer to every unsecured lender of a case, over ``horizon`` months
    (``budget``: the case's budget over them, when already worked out).

    What could Li Na offer each lender, with nothing to spare until her income recovers? From
    2026-03 she can pay 4,560.00 a month; she owes 53,326.00 in all, 20,030.00 of it on her card
    (d1) and 8,000.00 on her instalment card (d4): 4,560.00 × 20,030 / 53,326 = 1,712.81 and
    4,560.00 × 8,000 / 53,326 = 684.09.

    >>> from helpers.case import load_sample
    >>> offer = affordable_offer(load_sample("li_na_illness"))
    >>> [offer.plans[i].payments_fen[:7] for i in ("d1", "d4")]  # doctest: +NORMALIZE_WHITESPACE
    [(0, 0, 0, 0, 0, 0, 171281), (0, 0, 0, 0, 0, 0, 68409)]
    """
    unsecured = [d for d in case.debts if not d.terms.secured]
    capacity = (budget or monthly_budget(case, horizon=horizon)).capacity_fen
    rows = offer_payments_fen([d.owed_fen for d in unsecured], capacity)
    plans = {
        d.id: CustomSchedule(payments_fen=tuple(row))
        for d, row in zip(unsecured, rows, strict=True)
    }
    return Scenario(AFFORDABLE_OFFER, plans)


def offer_months_to_clear(case: Case) -> int | None:
    """How many months the affordable offer takes to clear every unsecured debt, projected as
    far as it must (at most :data:`OFFER_MAX_MONTHS`); None when even that is not enough (no
    capacity, ever).

    Chen Jian's offer, which a comparison over 60 months sees unfinished: when does it end?

    >>> from helpers.case import load_sample
    >>> months = offer_months_to_clear(load_sample("chen_jian_business_loss"))
    >>> months > OFFER_FLAG_MONTHS, months
    (True, 69)
    """
    from helpers.engine import project, scenario_metrics  # the engine sits below scenarios

    horizon = OFFER_MAX_MONTHS
    offer = affordable_offer(case, horizon=horizon)
    if not offer.plans:
        return 0
    unsecured = case.model_copy(update={"debts": [case.debt(i) for i in offer.plans]})
    capacity = [max(0, c) for c in monthly_budget(case, horizon=horizon).capacity_fen]
    result = project(unsecured, offer.plans, horizon=horizon, means_fen=capacity, prepay=False)
    return scenario_metrics(result).months_to_clear
