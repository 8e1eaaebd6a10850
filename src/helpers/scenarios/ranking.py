"""Which allocation policy is best for a scenario: one rule for the comparison of one case
(:func:`helpers.scenarios.compare`) and of many (:func:`helpers.scenarios.compare_cases`).

>>> policy_rank(None, 0, 0, 100) > policy_rank(24, 0, 0, 900)   # clearing beats paying less
True
"""

from __future__ import annotations

from collections.abc import Sequence

from helpers.allocation import Policy
from helpers.engine import Metrics

__all__ = ["best_policy", "policy_rank"]


def policy_rank(months_to_clear: int | None, shortfall_months: int, left: int, paid: int):
    """How a policy ranks for a scenario (smaller is better): feasible (clears every debt with
    no month short) first, then clearing, then the least balance ``left``, then the least paid
    in total counting what is left.

    >>> policy_rank(12, 0, 0, 500_000) < policy_rank(None, 0, 10_000, 400_000)
    True
    >>> policy_rank(None, 3, 10_000, 400_000)
    (True, True, 10000, 410000)
    """
    clears = months_to_clear is not None
    feasible = clears and shortfall_months == 0
    return (not feasible, not clears, left, paid + left)


def _policy_rank(metrics: Metrics) -> tuple:
    return policy_rank(metrics.months_to_clear, metrics.shortfall_months,
                       metrics.balance_left_fen, metrics.total_paid_fen)  # fmt: skip


def best_policy(policies: Sequence[Policy], metrics: Sequence[Metrics]) -> tuple[Policy, Metrics]:
    """The best of some policies of one scenario, given the metrics under each (in the same
    order), and its metrics: feasible first, then clearing, then the least balance left, then
    the least paid in total; the first of equals.

    >>> m = Metrics(100, 100, 0, 0, 0, 0, 0, 1, 100, 0, 0, None, 0)
    >>> dearer = Metrics(120, 100, 20, 0, 0, 0, 0, 1, 120, 0, 0, None, 0)
    >>> best_policy([Policy.SNOWBALL, Policy.AVALANCHE], [dearer, m])[0].value
    'avalanche'
    """
    return min(zip(policies, metrics, strict=True), key=lambda pair: _policy_rank(pair[1]))
