"""Allocation policies for many scenarios at once: the order a policy serves debts in, the
sequential shares, pro rata's integer water-filling, and the prepayment of what is left.

The order of a month is a "before" matrix per scenario, ``before[k, j] = 1`` when debt *j* is
served before debt *k*: pairs whose order the policy fixes (secured debts first; a higher rate
first for avalanche; credit-reported debts first for priority first) are set once, the others
compared each month (balances, or days overdue), in one vectorised comparison over all pairs.
Sums over the debts served before each debt are then one ``einsum`` (exact: 0/1 weights, integer
fen below 2**53). Arrays are (debts, scenarios).

>>> from helpers.case import load_sample
>>> from helpers.engine.vector_setup import debt_start
>>> case = load_sample()
>>> starts = [debt_start(d, case.as_of, k) for k, d in enumerate(case.debts)]
>>> order = Ranking("snowball", starts)
>>> owed = np.array([[500.0], [100.0], [300.0], [200.0], [400.0]])
>>> order.compare(owed, np.zeros_like(owed))
>>> sequential(order, np.full((5, 1), 150.0), np.array([400.0])).ravel().tolist()
[0.0, 150.0, 100.0, 150.0, 0.0]
"""

from __future__ import annotations

import numpy as np

from helpers.allocation import Policy
from helpers.engine.vector_setup import DebtStart

__all__: list[str] = []  # the machinery of helpers.engine.vector


class Ranking:
    """A policy's order over debts (see the module docstring).

    A debt is served first when it is secured or, in the month its agreed settlement falls due,
    when it is one of the ``floating`` debts (those with a settlement in some scenario).
    """

    def __init__(
        self, policy: Policy | str, starts: list[DebtStart], floating: frozenset[int] = frozenset()
    ) -> None:
        self.policy = Policy(policy)
        self.count = D = len(starts)
        self.floating = sorted(floating)
        self.rate = [s.rank_rate for s in starts]
        self.reported = [s.reported for s in starts]
        self.secured = np.array([s.secured for s in starts])
        # the moving key: balances, smaller first (avalanche inside a rate, snowball) or larger
        # first (pro rata); days overdue, larger first (priority first)
        self.by_days = self.policy == Policy.PRIORITY_FIRST
        self.sign = -1.0 if self.policy in (Policy.PRO_RATA, Policy.PRIORITY_FIRST) else 1.0
        self.base = np.zeros((D, D))
        pairs, ties, fixed, flagged = [], [], [], []
        by_index = sorted(range(D), key=lambda row: starts[row].index)
        for a, j in enumerate(by_index):
            for k in by_index[a + 1 :]:
                floats = j in floating or k in floating
                if not floats and self.secured[j] != self.secured[k]:
                    self._set(j, k, bool(self.secured[j]))
                    continue
                relation = self._relation(j, k)
                if not floats and isinstance(relation, bool):
                    self._set(j, k, relation)
                    continue
                pairs.append((j, k))
                ties.append(relation is not None and not isinstance(relation, bool) and relation)
                fixed.append(relation if isinstance(relation, bool) else None)
                flagged.append(floats)
        self.j = np.array([p[0] for p in pairs], dtype=np.int64)
        self.k = np.array([p[1] for p in pairs], dtype=np.int64)
        self.ties_first = np.array(ties, dtype=bool)[:, None]  # on a tie the first debt goes first
        self.any_ties = bool(self.ties_first.any())
        self.fixed = [(p, value) for p, value in enumerate(fixed) if value is not None]
        self.flagged = np.flatnonzero(np.array(flagged, dtype=bool))
        self.kj = self.k * D + self.j  # rows of the flattened before matrix
        self.jk = self.j * D + self.k
        self.before = np.zeros((0, 0, 0))
        self.first = np.broadcast_to(self.secured[:, None], (D, 1))

    def _set(self, j: int, k: int, j_first: bool) -> None:
        self.base[k, j] = float(j_first)
        self.base[j, k] = float(not j_first)

    def _relation(self, j: int, k: int) -> bool | int:
        """Debt j (< k) before debt k by the policy's own key: a fixed outcome (bool) or, when
        it moves, whether j goes first on a tie of the moving key (an int 0/1)."""
        rate, reported = self.rate, self.reported
        if self.policy == Policy.AVALANCHE and rate[j] != rate[k]:
            return rate[j] > rate[k]
        if self.policy == Policy.PRIORITY_FIRST and reported[j] != reported[k]:
            return reported[j]
        if self.policy in (Policy.SNOWBALL, Policy.PRIORITY_FIRST):
            return int(rate[j] >= rate[k])
        return 1

    def compare(self, owed: np.ndarray, days: np.ndarray, first: np.ndarray | None = None) -> None:
        """This month's order from the opening balances and days overdue; ``first`` marks the
        floating debts whose settlement is due (all arrays debts × scenarios)."""
        D, C = owed.shape
        if self.before.shape != (D, D, C):
            self.before = np.empty((D, D, C))
            self.before[...] = self.base[:, :, None]
        self.first = np.broadcast_to(self.secured[:, None], (D, C))
        if not self.j.size:
            return
        key = (days if self.by_days else owed) * self.sign
        a, b = key.take(self.j, axis=0), key.take(self.k, axis=0)
        j_first = a < b
        if self.any_ties:
            j_first |= self.ties_first & (a == b)
        for p, value in self.fixed:
            j_first[p] = value
        if self.flagged.size and first is not None:
            flags = first | self.secured[:, None]
            self.first = flags
            fj, fk = flags[self.j[self.flagged]], flags[self.k[self.flagged]]
            j_first[self.flagged] = (fj & ~fk) | (~(fj ^ fk) & j_first[self.flagged])
        flat = self.before.reshape(D * D, C)
        flat[self.kj] = j_first
        flat[self.jk] = ~j_first

    def prefix(self, values: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
        """For each debt, the sum of ``values`` over the debts served before it (in the
        scenarios ``cols`` of the last comparison, when given)."""
        before = self.before if cols is None else self.before.take(cols, axis=2)
        return np.einsum("kjc,jc->kc", before, values)

    def positions(self) -> np.ndarray:
        """Each debt's place in the order (0 first), per scenario."""
        return self.before.sum(axis=1).astype(np.int64)


def sequential(order: Ranking, wants: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Each debt in turn gets what it wants while capacity lasts (capacity ≥ 0)."""
    return np.minimum(wants, np.maximum(0.0, capacity - order.prefix(wants)))


def pro_rata(order: Ranking, wants: np.ndarray, owed: np.ndarray, capacity: np.ndarray):
    """Debts served first (secured, a settlement due) in turn; the rest shared in proportion to
    the balances, never above what a debt wants, the shares of capped debts shared again,
    leftover fen one each to the largest balances (ties to the first debt). The first round
    works on every scenario, the later ones on the scenarios still sharing."""
    first = order.first
    remaining = capacity.copy()
    if first.any():
        paid = np.minimum(wants, np.maximum(0.0, capacity - order.prefix(wants))) * first
        remaining -= paid.sum(axis=0)
        want = wants * ~first
    else:
        paid = np.zeros_like(wants)
        want = wants
    active = want > 0
    cols = None  # every scenario
    while True:
        weight = owed if cols is None else owed[:, cols]
        going = active.any(axis=0) & (remaining > 0)
        total = (weight * active).sum(axis=0)
        unweighted = total == 0
        if unweighted.any():
            weights = np.where(unweighted, 1.0, weight) * active
            total = np.where(unweighted, active.sum(axis=0), total)
        else:
            weights = weight * active
        share = _floor_share(remaining, weights, np.maximum(total, 1.0))
        capped = active & (share >= want) & going
        has_cap = capped.any(axis=0)
        taken = want * capped
        remaining = remaining - taken.sum(axis=0)
        active &= ~capped
        spread = active & (going & ~has_cap)
        given = share * spread
        remaining -= given.sum(axis=0)
        ahead = order.prefix(spread.astype(np.float64), cols)
        taken += given + (spread & (ahead < remaining))
        if cols is None:
            paid += taken
        else:
            paid[:, cols] += taken
        more = np.flatnonzero(has_cap & active.any(axis=0) & (remaining > 0))
        if more.size == 0:
            return paid
        cols = more if cols is None else cols[more]
        want, active, remaining = want[:, more], active[:, more], remaining[more]


def _floor_share(remaining: np.ndarray, weight: np.ndarray, total: np.ndarray) -> np.ndarray:
    """``floor(remaining · weight / total)``, exact: in float64 while the product stays below
    2**53 (a correctly rounded quotient of exact integers floors right), else in int64."""
    if remaining.max(initial=0.0) * weight.max(initial=0.0) < 2.0**53:
        return np.floor(remaining * weight / total)
    product = remaining.astype(np.int64) * weight.astype(np.int64)
    return (product // total.astype(np.int64)).astype(np.float64)


def prepayments(
    order: Ranking, room: np.ndarray, leftover: np.ndarray, cols: np.ndarray
) -> np.ndarray:
    """What is left after the dues prepays debts in the policy's order, each at most its
    ``room`` (0 for a debt that takes no prepayment), in the scenarios ``cols`` of the last
    comparison (``room`` and ``leftover`` are theirs). A negative room is taken as it comes, as
    a debt-by-debt loop would."""
    extra = np.minimum(np.maximum(leftover - order.prefix(room, cols), 0.0), room)
    extra *= leftover > 0
    hard = np.flatnonzero((room < 0).any(axis=0) & (leftover > 0))
    if hard.size == 0:
        return extra
    served = np.argsort(order.positions()[:, cols[hard]], axis=0, kind="stable")
    left = leftover[hard].copy()
    for j in range(room.shape[0]):
        k = served[j]
        take = np.where(left > 0, np.minimum(left, room[k, hard]), 0.0)
        extra[k, hard] = take
        left -= take
    return extra
