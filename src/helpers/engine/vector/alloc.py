"""Allocation policies for many scenarios at once: the order a policy serves debts in, the
sequential shares, pro rata's integer water-filling, and the prepayment of what is left.

The order of a month is a "before" matrix per scenario, ``before[k, j] = 1`` when debt *j* is
served before debt *k*: pairs whose order the policy fixes (secured debts first; a higher rate
first for avalanche; credit-reported debts first for priority first) are set once, the others
compared each month (balances, or days overdue), in one vectorised comparison over all pairs.
Sums over the debts served before each debt are then one ``einsum`` (exact: 0/1 weights, integer
fen below 2**53). Arrays are (debts, scenarios).

>>> from helpers.case import load_sample
>>> from helpers.engine import contract_start
>>> case = load_sample()
>>> starts = [contract_start(d, case.as_of) for d in case.debts]
>>> order = Ranking("snowball", starts)
>>> owed = np.array([[500.0], [100.0], [300.0], [200.0], [400.0]])
>>> order.compare(owed, np.zeros_like(owed))
>>> sequential(order, np.full((5, 1), 150.0), np.array([400.0])).ravel().tolist()
[0.0, 150.0, 100.0, 150.0, 0.0]
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.allocation import Policy
from helpers.engine.contract import ContractStart

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch


class Order:
    """The order of debts in some scenarios: ``before[k, j]`` is 1 when debt *j* is served
    before debt *k*, ``first`` marks the debts served before any share (debts × scenarios)."""

    def __init__(self, before: np.ndarray, first: np.ndarray) -> None:
        self.before, self.first = before, first

    def prefix(self, values: np.ndarray, cols: np.ndarray | None = None) -> np.ndarray:
        """For each debt, the sum of ``values`` over the debts served before it (in the
        scenarios ``cols`` of the last comparison, when given)."""
        before = self.before if cols is None else self.before.take(cols, axis=2)
        return np.einsum("kjc,jc->kc", before, values)

    def positions(self) -> np.ndarray:
        """Each debt's place in the order (0 first), per scenario."""
        return self.before.sum(axis=1).astype(np.int64)


class Ranking(Order):
    """Policies' orders over debts, for scenarios that may run under different policies and
    belong to different cases (see the module docstring): ``policies`` is one policy for every
    scenario, or one per scenario; ``starts`` the debts of each row (a list for one case, or a
    list per case); ``case_of`` each scenario's case (all the first when None); ``positions``
    each row's place in its case (a list, or a list per case; the row order when None).

    A debt is served first when it is secured or, in the month its agreed settlement falls due,
    when it is in one of the ``floating`` rows (those with a settlement in some scenario).

    Pairs whose order no policy of the scenarios moves are written into :attr:`before` once; the
    others are compared each month, with each scenario's key and rules as (pairs, scenarios)
    tables worked out once.
    """

    def __init__(
        self,
        policies: Policy | str | Sequence[Policy | str],
        starts: Sequence[ContractStart] | Sequence[Sequence[ContractStart]],
        floating: frozenset[int] = frozenset(),
        positions: Sequence[int] | Sequence[Sequence[int]] | None = None,
        case_of: Sequence[int] | np.ndarray | None = None,
    ) -> None:
        single = isinstance(policies, str)
        listed = [Policy(policies)] if single else [Policy(p) for p in policies]
        by_case = [list(starts)] if isinstance(starts[0], ContractStart) else list(starts)
        self.count = D = len(by_case[0])
        if positions is None:
            places = [list(range(D)) for _ in by_case]
        elif isinstance(positions[0], int):
            places = [list(positions)]
        else:
            places = [list(p) for p in positions]
        cases = np.zeros(len(listed), dtype=np.int64) if case_of is None else np.asarray(case_of)
        secured = np.array([[s.secured for s in row] for row in by_case], dtype=bool).T
        self.secured = secured[:, cases]  # debts × scenarios (one column: the same for all)
        pairs = [(a, b) for a in range(D) for b in range(a + 1, D)]
        self.flagged_pairs = [a in floating or b in floating for a, b in pairs]
        combos: dict[tuple[int, Policy], int] = {}
        for case, policy in zip(cases.tolist(), listed, strict=True):
            combos.setdefault((case, policy), len(combos))
        rules = [
            _PolicyPairs(policy, by_case[case], pairs, self.flagged_pairs, places[case])
            for case, policy in combos
        ]
        # each scenario's rules, as an index into ``rules``
        which = np.array(
            [combos[c, p] for c, p in zip(cases.tolist(), listed, strict=True)], dtype=np.int64
        )

        def table(name: str) -> np.ndarray:
            rows = [getattr(rule, name) for rule in rules]
            return np.array(rows, dtype=bool).reshape(len(rules), -1).T[:, which]  # pairs × cols

        in_base, constant, value, ties = (
            table(n) for n in ("in_base", "constant", "value", "ties")
        )
        moving = ~in_base.all(axis=1)  # compared each month in some scenario
        j = np.array([p[0] for p in pairs], dtype=np.int64).reshape(-1)
        k = np.array([p[1] for p in pairs], dtype=np.int64).reshape(-1)
        self.static = (k * D + j)[~moving], (j * D + k)[~moving], value[~moving]
        self.j, self.k = j[moving], k[moving]
        self.kj, self.jk = self.k * D + self.j, self.j * D + self.k
        self.vary = ~constant[moving]  # compared by key; else ``fixed``
        self.fixed = constant[moving] & value[moving]
        self.any_fixed = bool(constant[moving].any())
        self.ties_first = ties[moving] & self.vary  # on a tie of the key the first debt goes first
        self.any_ties = bool(self.ties_first.any())
        self.flagged = np.flatnonzero(np.array(self.flagged_pairs, dtype=bool)[moving])
        # the moving key: balances, smaller first (avalanche inside a rate, snowball) or larger
        # first (pro rata); days overdue, larger first (priority first)
        present = set(listed)
        signs = {
            p: -1.0 if p in (Policy.PRO_RATA, Policy.PRIORITY_FIRST) else 1.0 for p in present
        }
        by_days = np.array([p == Policy.PRIORITY_FIRST for p in listed])
        sign = np.array([signs[p] for p in listed])
        self.owed_weight = _per_column(sign * ~by_days)
        self.days_weight = _per_column(sign * by_days) if by_days.any() else None
        self.before = np.zeros((0, 0, 0))
        self.first = self.secured
        self._secured_first = self.first

    def compare(self, owed: np.ndarray, days: np.ndarray, first: np.ndarray | None = None) -> None:
        """This month's order from the opening balances and days overdue; ``first`` marks the
        floating debts whose settlement is due (all arrays debts × scenarios)."""
        D, C = owed.shape
        if self.before.shape != (D, D, C):
            self._start(D, C)
        self.first = self._secured_first
        if not self.j.size:
            return
        key = owed * self.owed_weight
        if self.days_weight is not None:
            key += days * self.days_weight
        a, b = key.take(self.j, axis=0), key.take(self.k, axis=0)
        j_first = a < b
        if self.any_ties:
            j_first |= self.ties_first & (a == b)
        if self.any_fixed:
            j_first &= self.vary
            j_first |= self.fixed
        if self.flagged.size and first is not None:
            flags = first | self.secured
            self.first = flags
            fj, fk = flags[self.j[self.flagged]], flags[self.k[self.flagged]]
            j_first[self.flagged] = (fj & ~fk) | (~(fj ^ fk) & j_first[self.flagged])
        flat = self.before.reshape(D * D, C)
        flat[self.kj] = j_first
        flat[self.jk] = ~j_first

    def _start(self, D: int, C: int) -> None:
        """The order matrix for ``C`` scenarios, with the pairs no policy moves written in."""
        self.before = np.zeros((D, D, C))
        flat = self.before.reshape(D * D, C)
        kj, jk, value = self.static
        flat[kj] = value
        flat[jk] = ~value
        self._secured_first = np.broadcast_to(self.secured, (D, C))

    def part(self, cols: slice) -> Order:
        """The last comparison's order in the scenarios ``cols`` (views, not copies)."""
        return Order(self.before[:, :, cols], self.first[:, cols])


class _PolicyPairs:
    """How one policy orders each pair (a, b) of rows of one case, a < b: ``in_base`` when
    fixed for good, ``constant`` when fixed whatever the keys (``value``: a goes first), and
    ``ties``: whether a goes first on a tie of the moving key. The policy's rules speak of the
    debt that comes first in the case (``positions``): a pair is weighed in that order and the
    outcome turned round when b comes first. A pair with a ``floating`` debt is never fixed for
    good (a settlement due puts its debt first)."""

    def __init__(
        self,
        policy: Policy,
        starts: Sequence[ContractStart],
        pairs: list[tuple[int, int]],
        floating: list[bool],
        positions: Sequence[int],
    ) -> None:
        self.policy = policy
        self.rate = [s.rank_rate for s in starts]
        self.reported = [s.reported for s in starts]
        secured = [s.secured for s in starts]
        self.in_base, self.constant, self.value, self.ties = [], [], [], []
        for (a, b), floats in zip(pairs, floating, strict=True):
            turned = positions[b] < positions[a]
            j, k = (b, a) if turned else (a, b)
            if not floats and secured[j] != secured[k]:
                relation = secured[j]
            else:
                relation = self._relation(j, k)
            fixed = isinstance(relation, bool)
            first = bool(relation) != turned  # whether a goes first (when fixed, or on a tie)
            self.in_base.append(fixed and not floats)
            self.constant.append(fixed)
            self.value.append(fixed and first)
            self.ties.append(not fixed and first)

    def _relation(self, j: int, k: int) -> bool | int:
        """Debt j (before k in the case) before debt k by the policy's own key: a fixed outcome
        (bool) or, when it moves, whether j goes first on a tie of the moving key (an int 0/1)."""
        rate, reported = self.rate, self.reported
        if self.policy == Policy.AVALANCHE and rate[j] != rate[k]:
            return rate[j] > rate[k]
        if self.policy == Policy.PRIORITY_FIRST and reported[j] != reported[k]:
            return reported[j]
        if self.policy in (Policy.SNOWBALL, Policy.PRIORITY_FIRST):
            return int(rate[j] >= rate[k])
        return 1


def _per_column(values: np.ndarray) -> float | np.ndarray:
    """One value for every scenario as a scalar, else a (1, scenarios) row."""
    return float(values[0]) if values.size == 1 else values[None, :]


def sequential(order: Ranking, wants: np.ndarray, capacity: np.ndarray) -> np.ndarray:
    """Each debt in turn gets what it wants while capacity lasts (capacity ≥ 0)."""
    return np.minimum(wants, np.maximum(capacity - order.prefix(wants), 0.0))


def pro_rata(order: Order, wants: np.ndarray, owed: np.ndarray, capacity: np.ndarray):
    """Debts served first (secured, a settlement due) in turn; the rest shared in proportion to
    the balances, never above what a debt wants, the shares of capped debts shared again,
    leftover fen one each to the largest balances (ties to the first debt). The first round
    works on every scenario, the later ones on the scenarios still sharing."""
    first = order.first
    remaining = capacity.copy()
    if first.any():
        paid = np.minimum(wants, np.maximum(capacity - order.prefix(wants), 0.0)) * first
        remaining -= paid.sum(axis=0)
        want = wants * ~first
    else:
        paid = np.zeros_like(wants)
        want = wants
    active = want > 0
    cols = None  # every scenario
    # the products of the shares stay below this bound: remaining ≤ capacity, weight ≤ owed
    in_float = capacity.max(initial=0.0) * max(owed.max(initial=0.0), 1.0) < 2.0**53
    while True:
        weight = owed if cols is None else owed[:, cols]
        going = active.any(axis=0) & (remaining > 0)
        weights = weight * active
        total = weights.sum(axis=0)
        unweighted = total == 0
        if unweighted.any():
            weights = np.where(unweighted, 1.0, weight) * active
            total = np.where(unweighted, active.sum(axis=0), total)
        np.maximum(total, 1.0, out=total)
        share = _floor_share(remaining, weights, total, in_float)
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
        more = (has_cap & active.any(axis=0) & (remaining > 0)).nonzero()[0]
        if more.size == 0:
            return paid
        cols = more if cols is None else cols[more]
        want, active, remaining = want[:, more], active[:, more], remaining[more]


def _floor_share(
    remaining: np.ndarray, weight: np.ndarray, total: np.ndarray, in_float: bool = False
) -> np.ndarray:
    """``floor(remaining · weight / total)``, exact: in float64 while the product stays below
    2**53 (a correctly rounded quotient of exact integers floors right; ``in_float`` when the
    caller knows it does), else in int64."""
    if in_float or remaining.max(initial=0.0) * weight.max(initial=0.0) < 2.0**53:
        share = remaining * weight
        share /= total
        return np.floor(share, out=share)
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
    hard = ((room < 0).any(axis=0) & (leftover > 0)).nonzero()[0]
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
