"""The dated arrears of many debts at once: a first-in first-out list of (due date, amount) per
debt and scenario, held as running totals so that paying the oldest first is one subtraction.

Entry *j* of a list holds ``totals[j]``, the sum of the amounts of entries 0..j as they were
added; ``removed`` is what has been paid off the front. The entries still owed are those from
``front`` to ``count - 1``; the front entry still owes ``totals[front] - removed``. An entry is
added at most once a month, so a list never holds more than its starting entries plus the
horizon. Arrays are entry-major and addressed by flat index ``entry * size + list``; the front
entry's total and date are kept at hand, so a payment that pays no entry off reads nothing else.

>>> fifo = ArrearsFifo(2, capacity=4)
>>> both = np.arange(2)
>>> fifo.append(both, np.array([500.0, 100.0]), np.array([10, 10]))
>>> fifo.append(both, np.array([300.0, 200.0]), np.array([40, 40]))
>>> fifo.reduce(both, np.array([600.0, 50.0]))
>>> fifo.sums().tolist(), fifo.earliest().tolist(), fifo.entries().tolist()
([200.0, 250.0], [40, 10], [1, 2])
"""

from __future__ import annotations

import numpy as np

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch

EMPTY = 2**40  # the front date of an empty list: later than any day
WINDOW = 8  # entries a payment is checked against at a time
_STEPS = np.arange(WINDOW)


class ArrearsFifo:
    """``size`` arrears lists of at most ``capacity`` entries each (see the module docstring)."""

    def __init__(self, size: int, *, capacity: int) -> None:
        self.size, self.capacity = size, capacity
        self.totals = np.zeros(capacity * size)
        self.dates = np.zeros(capacity * size, dtype=np.int32)
        self.count = np.zeros(size, dtype=np.int64)
        self.front = np.zeros(size, dtype=np.int64)
        self.front_total = np.zeros(size)
        self.front_date = np.full(size, EMPTY, dtype=np.int64)
        self.removed = np.zeros(size)
        self.total = np.zeros(size)  # the sum of everything ever added
        self.zero_entries = False  # whether some entry may hold a zero amount

    def load(self, rows: np.ndarray, entries: list[tuple[int, int]]) -> None:
        """Give every list in ``rows`` (indices) the same starting entries (date ordinal,
        amount)."""
        running = 0.0
        for j, (ordinal, amount) in enumerate(entries):
            running += amount
            self.totals[j * self.size + rows] = running
            self.dates[j * self.size + rows] = ordinal
            self.zero_entries |= amount <= 0
        self.count[rows] = len(entries)
        self.total[rows] = running
        if entries:
            self.front_date[rows] = entries[0][0]
            self.front_total[rows] = entries[0][1]

    def nonempty(self) -> np.ndarray:
        """Whether each list holds an entry (possibly of a zero amount)."""
        return self.front < self.count

    def sums(self) -> np.ndarray:
        """What each list still holds."""
        return self.total - self.removed

    def entries(self) -> np.ndarray:
        """How many entries each list holds."""
        return self.count - self.front

    def earliest(self) -> np.ndarray:
        """The date ordinal of each list's oldest entry (:data:`EMPTY` for an empty list)."""
        return self.front_date

    def clear(self, rows: np.ndarray) -> None:
        """Empty the lists in ``rows``."""
        self.removed[rows] = self.total.take(rows)
        self.front[rows] = self.count.take(rows)
        self.front_date[rows] = EMPTY

    def append(self, rows: np.ndarray, amounts: np.ndarray, ordinals: np.ndarray) -> None:
        """Add a new entry (the newest) to each list in ``rows``."""
        if rows.size == 0:
            return
        at = self.count.take(rows)
        new_total = self.total.take(rows) + amounts
        flat = at * self.size + rows
        self.totals[flat] = new_total
        self.dates[flat] = ordinals
        empty = (self.front.take(rows) == at).nonzero()[0]
        if empty.size:
            self.front_date[rows.take(empty)] = ordinals.take(empty)
            self.front_total[rows.take(empty)] = new_total.take(empty)
        self.total[rows] = new_total
        self.count[rows] = at + 1
        if (amounts <= 0).any():
            self.zero_entries = True

    def add_to_newest(self, rows: np.ndarray, amounts: np.ndarray) -> None:
        """Add to the newest entry of each (non-empty) list in ``rows``."""
        if rows.size == 0:
            return
        new_total = self.total.take(rows) + amounts
        newest = self.count.take(rows) - 1
        self.totals[newest * self.size + rows] = new_total
        self.total[rows] = new_total
        alone = (self.front.take(rows) == newest).nonzero()[0]
        self.front_total[rows.take(alone)] = new_total.take(alone)

    def reduce(self, rows: np.ndarray, amounts: np.ndarray) -> None:
        """Pay ``amounts`` off the front of each list in ``rows``, oldest first.

        As a list paid entry by entry would: an entry paid off leaves; the payment stops when
        it runs out, so an entry of zero behind the last one paid off stays; what is left of a
        payment once a list is empty is lost; a negative amount is added to the front entry.
        """
        if rows.size == 0:
            return
        live = self.front.take(rows) < self.count.take(rows)
        if not live.all():
            keep = live.nonzero()[0]
            rows, amounts = rows.take(keep), amounts.take(keep)
        if (amounts < 0).any():
            negative = (amounts < 0).nonzero()[0]
            self._add_to_front(rows.take(negative), -amounts.take(negative))
            positive = (amounts > 0).nonzero()[0]
            rows, amounts = rows.take(positive), amounts.take(positive)
        if rows.size == 0:
            return
        target = self.removed.take(rows) + amounts
        self.removed[rows] = target
        moving = (self.front_total.take(rows) <= target).nonzero()[0]
        if moving.size:
            self._advance(rows.take(moving), target.take(moving))

    def _advance(self, rows: np.ndarray, target: np.ndarray) -> None:
        """Move the fronts of ``rows`` past the entries ``target`` pays off (at least the front
        entry, which :meth:`reduce` checked): every entry when ``target`` passes the list's
        total, else up to :data:`WINDOW` entries at a time on the lists still moving (the
        entries paid off are a run from the front, as the running totals never fall)."""
        count = self.count.take(rows)
        total = self.total.take(rows)
        whole = target > total if self.zero_entries else target >= total
        front = np.where(whole, count, self.front.take(rows) + 1)
        moving = (front < count).nonzero()[0]
        last = self.capacity - 1
        while moving.size:
            entry = front.take(moving)[:, None] + _STEPS
            at = np.minimum(entry, last) * self.size + rows.take(moving)[:, None]
            goal = target.take(moving)[:, None]
            paid_off = (entry < count.take(moving)[:, None]) & (self.totals.take(at) <= goal)
            if self.zero_entries:  # a zero entry behind the last one paid off stays
                paid_off &= self.totals.take(at - self.size) < goal
            steps = paid_off.sum(axis=1)
            front[moving] += steps
            moving = moving.compress(steps == WINDOW)
        self.front[rows] = front
        left = (front < count).nonzero()[0]
        at = front.take(left) * self.size + rows.take(left)
        self.front_total[rows.take(left)] = self.totals.take(at)
        self.front_date[rows.take(left)] = self.dates.take(at)
        done = (front >= count).nonzero()[0]
        gone = rows.take(done)
        self.removed[gone] = total.take(done)
        self.front_date[gone] = EMPTY

    def _add_to_front(self, rows: np.ndarray, amounts: np.ndarray) -> None:
        span = np.arange(self.capacity)[:, None]
        inside = (span >= self.front.take(rows)) & (span < self.count.take(rows))
        at = span * self.size + rows
        self.totals[at] += amounts * inside
        self.total[rows] += amounts
        self.front_total[rows] += amounts
