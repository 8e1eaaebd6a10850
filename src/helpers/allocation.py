"""How a month's capacity is shared among debts: avalanche, snowball, pro rata, priority first.

Secured debts (mortgage, car) are priority obligations and are always served first, whatever the
policy (DOMAIN.md, "Budget categories"); the policy orders the unsecured debts:

- **avalanche**: the dearest rate first;
- **snowball**: the smallest balance first;
- **pro rata**: every lender gets a share in proportion to its balance (what UK debt advisers
  offer creditors), no lender served before another;
- **priority first**: debts reported to the credit reference centre first, the most overdue
  first (to keep them from crossing 90 days), money from relatives last.

Each debt asks for at most its due; shares are whole fen and always add up to what is paid.

>>> views = [DebtView(0, owed_fen=5_000_00, rate=0.18), DebtView(1, owed_fen=1_000_00, rate=0.24)]
>>> share(Policy.AVALANCHE, 700_00, [600_00, 300_00], views)
[40000, 30000]
>>> share(Policy.PRO_RATA, 600_00, [600_00, 300_00], views)
[50000, 10000]
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from typing import NamedTuple

__all__ = ["Policy", "DebtView", "ranking", "share", "pro_rata"]


class Policy(StrEnum):
    AVALANCHE = "avalanche"
    SNOWBALL = "snowball"
    PRO_RATA = "pro_rata"
    PRIORITY_FIRST = "priority_first"


class DebtView(NamedTuple):
    """What a policy may look at: position, balance, rate, standing.

    ``rate`` is the debt's annual-equivalent rate (a ranking key, not a posting rate).
    """

    index: int
    owed_fen: int
    rate: float
    secured: bool = False
    days_overdue: int = 0
    credit_reported: bool = True


def ranking(policy: Policy, views: Sequence[DebtView]) -> list[int]:
    """Indices of the debts in the order the policy serves them (secured ones first).

    >>> vs = [DebtView(0, 900, 0.1), DebtView(1, 100, 0.05), DebtView(2, 500, 0.3, secured=True)]
    >>> ranking(Policy.SNOWBALL, vs), ranking(Policy.AVALANCHE, vs)
    ([2, 1, 0], [2, 0, 1])
    """
    if policy == Policy.AVALANCHE:
        keys = [(not v.secured, -v.rate, v.owed_fen, v.index) for v in views]
    elif policy == Policy.SNOWBALL:
        keys = [(not v.secured, v.owed_fen, -v.rate, v.index) for v in views]
    elif policy == Policy.PRO_RATA:
        keys = [(not v.secured, -v.owed_fen, v.index) for v in views]
    elif policy == Policy.PRIORITY_FIRST:
        keys = [
            (not v.secured, not v.credit_reported, -v.days_overdue, -v.rate, v.index)
            for v in views
        ]
    else:
        raise ValueError(f"unknown policy {policy!r}")
    keys.sort()
    return [key[-1] for key in keys]


def pro_rata(capacity_fen: int, wants_fen: Sequence[int], weights: Sequence[int]) -> list[int]:
    """Share ``capacity_fen`` in proportion to ``weights``, never giving a debt more than it
    wants; what a capped debt does not need is shared again among the rest. Leftover fen of the
    floor division go one each to the heaviest debts.

    >>> pro_rata(1000, [1000, 1000, 1000], [1, 1, 1])
    [334, 333, 333]
    >>> pro_rata(1000, [100, 1000, 1000], [1, 1, 1])
    [100, 450, 450]
    """
    paid = [0] * len(wants_fen)
    active = [i for i, want in enumerate(wants_fen) if want > 0]
    remaining = capacity_fen
    while active and remaining > 0:
        total = 0
        for i in active:
            total += weights[i]
        if total > 0:
            weight = {i: weights[i] for i in active}
        else:
            weight, total = dict.fromkeys(active, 1), len(active)
        shares = {i: remaining * weight[i] // total for i in active}
        capped = [i for i in active if shares[i] >= wants_fen[i] - paid[i]]
        if capped:
            for i in capped:
                remaining -= wants_fen[i] - paid[i]
                paid[i] = wants_fen[i]
            active = [i for i in active if shares[i] < wants_fen[i] - paid[i]]
            continue
        for i in active:
            paid[i] += shares[i]
            remaining -= shares[i]
        for i in sorted(active, key=lambda i: (-weight[i], i)):
            if remaining == 0:
                break
            paid[i] += 1
            remaining -= 1
        break
    return paid


def share(
    policy: Policy, capacity_fen: int, wants_fen: Sequence[int], views: Sequence[DebtView]
) -> list[int]:
    """What each debt is paid this month out of ``capacity_fen``, given what each wants.

    Secured debts are paid first in full while capacity lasts; the rest is shared by the policy.

    >>> vs = [DebtView(0, 900, 0.1), DebtView(1, 100, 0.05), DebtView(2, 500, 0.3, secured=True)]
    >>> share(Policy.SNOWBALL, 250, [100, 100, 100], vs)
    [50, 100, 100]
    """
    if sum(wants_fen) <= capacity_fen:  # enough for everyone: no order needed
        return list(wants_fen)
    paid = [0] * len(wants_fen)
    if capacity_fen <= 0:
        return paid
    remaining = capacity_fen
    order = ranking(policy, views)  # secured debts first
    if policy == Policy.PRO_RATA:
        rest = []
        for i in order:
            if views[i].secured:
                want = wants_fen[i]
                paid[i] = want if want < remaining else remaining
                remaining -= paid[i]
            else:
                rest.append(i)
        shares = pro_rata(
            remaining, [wants_fen[i] for i in rest], [views[i].owed_fen for i in rest]
        )
        for i, amount in zip(rest, shares, strict=True):
            paid[i] = amount
        return paid
    for i in order:  # in turn while money lasts
        want = wants_fen[i]
        if want < remaining:
            paid[i] = want
            remaining -= want
        else:
            paid[i] = remaining
            break
    return paid
