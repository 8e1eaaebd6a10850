"""Allocation policies for many scenarios at once: the order a policy serves debts in, the
sequential shares, pro rata's integer water-filling, and the prepayment of what is left.

A policy's order is a chain of static groups (secured debts first; then by rate for avalanche, by
credit reporting for priority first) and, inside a group, an order that moves with balances or
days overdue. Inside a group every pair is compared once a month; everything else is sums. Arrays
are (debts, scenarios).

>>> from helpers.case import load_sample
>>> from helpers.engine.vector_setup import debt_start
>>> case = load_sample()
>>> starts = [debt_start(d, case.as_of, k) for k, d in enumerate(case.debts)]
>>> order = Ranking("snowball", starts)
>>> owed = np.array([[500.0], [100.0], [300.0], [200.0], [400.0]])
>>> order.compare(owed, np.zeros_like(owed))
>>> sequential(order, np.full((5, 1), 150.0), np.array([400.0])).ravel().tolist()
[0.0, 150.0, 0.0, 150.0, 100.0]
"""

from __future__ import annotations

import numpy as np

from helpers.allocation import Policy
from helpers.engine.vector_setup import DebtStart

__all__: list[str] = []  # the machinery of helpers.engine.vector


class Ranking:
    """A policy's order over debts: static groups, and the moving order inside each group."""

    def __init__(self, policy: Policy | str, starts: list[DebtStart]) -> None:
        self.policy = Policy(policy)
        self.count = len(starts)
        keys = {}
        for s in starts:
            if self.policy == Policy.AVALANCHE:
                keys[s.index] = (not s.secured, -s.rank_rate)
            elif self.policy == Policy.PRIORITY_FIRST:
                keys[s.index] = (not s.secured, not s.reported)
            else:
                keys[s.index] = (not s.secured,)
        self.groups = [
            [i for i in range(self.count) if keys[i] == key] for key in sorted(set(keys.values()))
        ]
        self.secured = [s.index for s in starts if s.secured]
        self.unsecured = [s.index for s in starts if not s.secured]
        rate = [s.rank_rate for s in starts]
        # (j, k, variable, strict): j before k when variable_j < variable_k (snowball, pro rata
        # and avalanche compare balances; priority first compares days overdue, larger first)
        self.pairs: list[tuple[int, int, bool, bool]] = []
        for group in self.groups:
            for a, j in enumerate(group):
                for k in group[a + 1 :]:
                    if self.policy == Policy.SNOWBALL:
                        self.pairs.append((j, k, False, rate[j] < rate[k]))
                    elif self.policy == Policy.AVALANCHE:
                        self.pairs.append((j, k, False, False))
                    elif self.policy == Policy.PRO_RATA:
                        self.pairs.append((j, k, True, False))
                    else:
                        self.pairs.append((j, k, True, rate[j] < rate[k]))
        self.before: list[np.ndarray] = []

    def compare(self, owed: np.ndarray, days: np.ndarray) -> None:
        """Order this month's debts by their opening balances and days overdue (debts, scenarios)."""
        variable = days if self.policy == Policy.PRIORITY_FIRST else owed
        before = []
        for j, k, larger_first, strict in self.pairs:
            a, b = variable[j], variable[k]
            if larger_first:
                before.append(a > b if strict else a >= b)
            else:
                before.append(a < b if strict else a <= b)
        self.before = before

    def prefix(self, values: np.ndarray) -> np.ndarray:
        """For each debt, the sum of ``values`` over the debts served before it."""
        out = np.empty_like(values)
        running = np.zeros(values.shape[1:])
        pairs = iter(zip(self.pairs, self.before, strict=True))
        for group in self.groups:
            for k in group:
                out[k] = running
            for _ in range(len(group) * (len(group) - 1) // 2):
                (j, k, _, _), first = next(pairs)
                out[k] += values[j] * first
                out[j] += values[k] * ~first
            for k in group:
                running = running + values[k]
        return out

    def positions(self) -> np.ndarray:
        """Each debt's place in the order (0 first), per scenario."""
        shape = (self.count, self.before[0].shape[0]) if self.before else (self.count, 1)
        return self.prefix(np.ones(shape)).astype(np.int64)


def sequential(order: Ranking, wants: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Each debt in turn gets what it wants while capacity lasts (capacity ≥ 0)."""
    return np.minimum(wants, np.maximum(0.0, capacity - order.prefix(wants)))


def pro_rata(order: Ranking, wants: np.ndarray, owed: np.ndarray, capacity: np.ndarray):
    """Secured debts first in turn; the rest shared in proportion to the balances, never above
    what a debt wants, the shares of capped debts shared again, leftover fen one each to the
    largest balances (ties to the first debt)."""
    paid = np.zeros_like(wants)
    remaining = capacity.copy()
    if order.secured:
        first = order.prefix(wants)
        for k in order.secured:
            paid[k] = np.minimum(wants[k], np.maximum(0.0, capacity - first[k]))
            remaining -= paid[k]
    rest = order.unsecured
    if not rest:
        return paid
    want = wants[rest]
    weight = owed[rest]
    active = want > 0
    done = np.zeros(remaining.shape, dtype=bool)
    for _ in range(len(rest) + 1):
        going = ~done & active.any(axis=0) & (remaining > 0)
        if not going.any():
            break
        total = (weight * active).sum(axis=0)
        unweighted = total == 0
        w = np.where(unweighted, 1.0, weight) * active
        total = np.where(unweighted, active.sum(axis=0), total)
        share = np.floor(remaining * w / np.maximum(total, 1.0))
        capped = active & (share >= want) & going
        has_cap = capped.any(axis=0)
        paid_rest = want * capped
        remaining -= paid_rest.sum(axis=0)
        active &= ~capped
        last = going & ~has_cap
        given = share * (active & last)
        remaining -= given.sum(axis=0)
        paid_rest += given
        spread = active & last
        if spread.any():
            full = np.zeros(wants.shape, dtype=np.float64)
            full[rest] = spread
            ahead = order.prefix(full)[rest]
            extra = spread & (ahead < remaining)
            paid_rest += extra
            remaining -= extra.sum(axis=0)
        paid[rest] += paid_rest
        done |= last
    return paid


def prepayments(order: Ranking, room: np.ndarray, leftover: np.ndarray) -> np.ndarray:
    """What is left after the dues prepays debts in the policy's order, each at most its
    ``room`` (0 for a debt that takes no prepayment). A negative room is taken as it comes, as a
    debt-by-debt loop would."""
    leftover = np.maximum(leftover, 0.0)
    if not (room < 0).any():
        ahead = order.prefix(room)
        return np.minimum(np.maximum(leftover - ahead, 0.0), room)
    extra = np.zeros_like(room)
    simple = ~(room < 0).any(axis=0)
    ahead = order.prefix(room)
    extra[:, simple] = np.minimum(np.maximum(leftover - ahead, 0.0), room)[:, simple]
    hard = np.flatnonzero(~simple)
    place = order.positions()[:, hard]
    served = np.argsort(place, axis=0, kind="stable")
    left = leftover[hard].copy()
    cols = np.arange(hard.size)
    for j in range(room.shape[0]):
        k = served[j]
        take = np.where(left > 0, np.minimum(left, room[k, hard]), 0.0)
        extra[k, hard] = take
        left -= take
    del cols
    return extra
