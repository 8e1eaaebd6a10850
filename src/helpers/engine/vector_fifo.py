"""The dated arrears of many debts at once: a first-in first-out list of (due date, amount) per
debt and scenario, held as running totals so that paying the oldest first is one subtraction.

Entry *j* of a list holds ``totals[j]``, the sum of the amounts of entries 0..j as they were
added; ``removed`` is what has been paid off the front. The entries still owed are those from
``front`` to ``count - 1``; the front entry still owes ``totals[front] - removed``. An entry is
added at most once a month, so a list never holds more than its starting entries plus the
horizon.

>>> fifo = ArrearsFifo(2, capacity=4)
>>> everyone = np.arange(2)
>>> fifo.append(everyone, np.array([500.0, 0.0]), np.array([10, 10]))
>>> fifo.append(everyone, np.array([300.0, 200.0]), np.array([40, 40]))
>>> fifo.reduce(everyone, np.array([600.0, 0.0]))
>>> fifo.sums().tolist(), fifo.earliest(np.array(-1)).tolist()
([200.0, 200.0], [40, 40])
"""

from __future__ import annotations

import numpy as np

__all__: list[str] = []  # the machinery of helpers.engine.vector


class ArrearsFifo:
    """``size`` arrears lists of at most ``capacity`` entries each (see the module docstring)."""

    def __init__(self, size: int, *, capacity: int) -> None:
        self.capacity = capacity
        self.totals = np.zeros((size, capacity))
        self.dates = np.zeros((size, capacity), dtype=np.int64)
        self.count = np.zeros(size, dtype=np.int64)
        self.front = np.zeros(size, dtype=np.int64)
        self.removed = np.zeros(size)
        self.total = np.zeros(size)  # the sum of everything ever added
        self._rows = np.arange(size)
        self.zero_entries = False  # whether some entry may hold a zero amount

    def load(self, rows: np.ndarray, entries: list[tuple[int, int]]) -> None:
        """Give every list in ``rows`` the same starting entries (date ordinal, amount)."""
        running = 0.0
        for j, (ordinal, amount) in enumerate(entries):
            running += amount
            self.totals[rows, j] = running
            self.dates[rows, j] = ordinal
            self.zero_entries |= amount <= 0
        self.count[rows] = len(entries)
        self.total[rows] = running

    def nonempty(self) -> np.ndarray:
        """Whether each list holds an entry (possibly of a zero amount)."""
        return self.front < self.count

    def sums(self) -> np.ndarray:
        """What each list still holds."""
        return self.total - self.removed

    def entries(self) -> np.ndarray:
        """How many entries each list holds."""
        return self.count - self.front

    def earliest(self, none: np.ndarray) -> np.ndarray:
        """The date ordinal of each list's oldest entry (``none`` where a list is empty)."""
        live = self.front < self.count
        at = np.minimum(self.front, self.capacity - 1)
        return np.where(live, self.dates[self._rows, at], none)

    def clear(self, rows: np.ndarray) -> None:
        """Empty the lists in ``rows``."""
        self.removed[rows] = self.total[rows]
        self.front[rows] = self.count[rows]

    def append(self, rows: np.ndarray, amounts: np.ndarray, ordinals: np.ndarray) -> None:
        """Add a new entry (the newest) to each list in ``rows``."""
        if rows.size == 0:
            return
        at = self.count[rows]
        new_total = self.total[rows] + amounts
        self.totals[rows, at] = new_total
        self.dates[rows, at] = ordinals
        self.total[rows] = new_total
        self.count[rows] = at + 1
        if (amounts <= 0).any():
            self.zero_entries = True

    def add_to_newest(self, rows: np.ndarray, amounts: np.ndarray) -> None:
        """Add to the newest entry of each (non-empty) list in ``rows``."""
        if rows.size == 0:
            return
        new_total = self.total[rows] + amounts
        self.totals[rows, self.count[rows] - 1] = new_total
        self.total[rows] = new_total

    def reduce(self, rows: np.ndarray, amounts: np.ndarray) -> None:
        """Pay ``amounts`` off the front of each list in ``rows``, oldest first.

        As a list paid entry by entry would: an entry paid off leaves; the payment stops when
        it runs out, so an entry of zero behind the last one paid off stays; what is left of a
        payment once a list is empty is lost; a negative amount is added to the front entry.
        """
        keep = self.front[rows] < self.count[rows]
        rows, amounts = rows[keep], amounts[keep]
        negative = amounts < 0
        if negative.any():
            self._add_to_front(rows[negative], -amounts[negative])
            rows, amounts = rows[~negative], amounts[~negative]
        positive = amounts > 0
        rows, amounts = rows[positive], amounts[positive]
        if rows.size == 0:
            return
        target = self.removed[rows] + amounts
        first = self.front[rows].copy()
        front = first.copy()
        count = self.count[rows]
        last = self.capacity - 1
        while True:
            live = front < count
            at = np.minimum(front, last)
            paid_off = live & (self.totals[rows, at] <= target)
            if self.zero_entries:
                before = self.totals[rows, np.maximum(at - 1, 0)]
                paid_off &= (front == first) | (before < target)
            if not paid_off.any():
                break
            front += paid_off
        self.front[rows] = front
        self.removed[rows] = np.where(front < count, target, self.total[rows])

    def _add_to_front(self, rows: np.ndarray, amounts: np.ndarray) -> None:
        span = np.arange(self.capacity)
        inside = (span >= self.front[rows, None]) & (span < self.count[rows, None])
        self.totals[rows] += amounts[:, None] * inside
        self.total[rows] += amounts
