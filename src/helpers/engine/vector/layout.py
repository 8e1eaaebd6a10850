"""Which debt each row of a chunk holds in each of its scenarios, for the vectorised engine.

A chunk's arrays are ``rows × scenarios``. A chunk of one case holds its debts in the rows and
its scenarios in the columns. A chunk of several cases (a caseload) gives each case a block of
columns, one per scenario of that case; a case's debts fill the first rows by class (revolving
cards first, then instalment loans, then the rest), so that what only a card or an instalment
loan does runs on a slice of rows (the slice from the fewest cards of any case to the most cards
and loans of any case: steps on a slice check each entry's shape), and a row a case does not
fill holds an empty debt: nothing owed, closed from the start, so that no step of a month
touches it and no metric counts it.

Everything a row's debt fixes (its rates, its class, its balances, its due dates) is therefore
per entry, read from a table of rows × cases by each column's case.

>>> from helpers.case import load_sample
>>> from helpers.engine import contract_start
>>> from helpers.engine.vector.plans import PlanBook
>>> li, zhang = load_sample("li_na_illness"), load_sample("zhang_wei_unemployed")
>>> blocks = []
>>> for k, case in enumerate((li, zhang)):
...     starts = [contract_start(d, case.as_of) for d in case.debts]
...     book = PlanBook(case, starts, horizon=3, share=blocks[0].book if blocks else None)
...     codes = np.zeros((len(starts), 2), dtype=np.int64)
...     blocks.append(Block(case, starts, book, codes, np.array([2 * k, 2 * k + 1])))
>>> layout = Layout(blocks, columns=4, horizon=3)
>>> layout.D, layout.slots   # Li Na: 1 card, 3 loans; Zhang Wei: 2 cards, 2 loans, 1 other
(5, [[0, 1, 2, 3, -1], [0, 1, 2, 3, 4]])
>>> layout.rev.stop // 4, layout.inst.start // 4, layout.inst.stop // 4   # in rows
(2, 1, 4)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

import numpy as np

from helpers.case import Case
from helpers.engine.contract import ContractStart, Shape
from helpers.engine.timeline import due_date, period_days, period_starts
from helpers.engine.vector.plans import FIELDS, PlanBook
from helpers.engine.vector.setup import INSTALMENT, REVOLVING

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch

EMPTY_SLOT = -1


def row_class(start: ContractStart) -> int:
    """0 for a revolving card, 1 for an instalment loan, 2 for the rest (the row order)."""
    return {REVOLVING: 0, INSTALMENT: 1}.get(start.shape, 2)


@dataclass(frozen=True)
class Block:
    """One case's part of a chunk: the case, its debts' starts (in the case's order), its plan
    book, the plan codes of its scenarios (debts × its columns) and their columns in the chunk."""

    case: Case
    starts: Sequence[ContractStart]
    book: PlanBook
    codes: np.ndarray
    columns: np.ndarray


def empty_start(like: ContractStart) -> ContractStart:
    """A debt with nothing owed, for a row a case does not fill: ``like``'s rates (so that the
    chunk's exact range is unchanged), nothing owed, due or reported, no schedule."""
    return dataclasses.replace(
        like,
        id="",
        card=False,
        secured=False,
        reported=False,
        accelerate_after=0,
        limit=None,
        cash=0,
        given_minimum=None,
        rank_rate=0.0,
        balances=(0, 0, 0, 0),
        shape=Shape.ON_DEMAND,
        term_left=0,
        fee=0,
        per_principal=0,
        level=0,
        overdue_principal=0,
        overdue_interest=0,
        arrears=(),
    )


class Layout:
    """The rows and columns of a chunk (see the module docstring): ``slots[k][r]`` is the index
    of the debt of case ``k`` in row ``r`` (:data:`EMPTY_SLOT` for none), ``case_of[c]`` the case
    of column ``c``, ``positions[k][r]`` the place of row ``r``'s debt in case ``k`` (empty rows
    after every debt)."""

    def __init__(self, blocks: Sequence[Block], *, columns: int, horizon: int) -> None:
        self.blocks, self.C, self.H = list(blocks), columns, horizon
        self.case_of = np.zeros(columns, dtype=np.int64)
        for k, block in enumerate(self.blocks):
            self.case_of[block.columns] = k
        self.slots: list[list[int]] = []
        counts = []
        for block in self.blocks:
            order = sorted(range(len(block.starts)), key=lambda i: (row_class(block.starts[i]), i))
            classes = [row_class(block.starts[i]) for i in order]
            counts.append((classes.count(0), classes.count(0) + classes.count(1)))
            self.slots.append(order)
        self.D = max(1, max(len(slots) for slots in self.slots))
        self.L = self.D * self.C
        for slots in self.slots:
            slots += [EMPTY_SLOT] * (self.D - len(slots))
        self.row_starts = []
        self.positions = []
        for block, slots in zip(self.blocks, self.slots, strict=True):
            empty = empty_start(block.starts[0]) if block.starts else None
            self.row_starts.append([block.starts[i] if i >= 0 else empty for i in slots])
            self.positions.append(
                [i if i >= 0 else len(block.starts) + r for r, i in enumerate(slots)]
            )
        # every card is in a row before ``rev``'s end, every instalment loan in ``inst``
        cards = max(c[0] for c in counts)
        self.rev = slice(0, cards * self.C)
        self.inst = slice(min(c[0] for c in counts) * self.C, max(c[1] for c in counts) * self.C)
        self.empty = self.grid(lambda s: 0.0, empty=1.0) > 0
        self._calendar()

    # ---- per-entry values ----------------------------------------------------------------
    def spread(self, table: np.ndarray) -> np.ndarray:
        """A (rows, cases) table as one value per entry (flat, row-major by row)."""
        return np.ascontiguousarray(table[:, self.case_of]).ravel()

    def grid(self, value: Callable[[ContractStart], float], empty: float | None = None):
        """``value`` of each row's debt, per entry (``empty`` for the empty rows, when given)."""
        table = np.empty((self.D, len(self.blocks)))
        for k, (starts, slots) in enumerate(zip(self.row_starts, self.slots, strict=True)):
            for r, (start, i) in enumerate(zip(starts, slots, strict=True)):
                table[r, k] = value(start) if empty is None or i >= 0 else empty
        return self.spread(table)

    def rows_of(self, value: Callable[[ContractStart], object]) -> list[list[object]]:
        """``value`` of each row's debt, per case and row."""
        return [[value(s) for s in starts] for starts in self.row_starts]

    def plans(self) -> dict[str, np.ndarray]:
        """Each plan field per entry: the row of the debt's plan table its scenario chose."""
        plan = np.empty((self.D, self.C, len(FIELDS)))
        plan[:] = PlanBook.none_row()  # the empty rows, and a start for the others
        for block, slots in zip(self.blocks, self.slots, strict=True):
            cols = block.columns
            for r, i in enumerate(slots):
                if i >= 0:
                    plan[r, cols] = block.book.table(i)[block.codes[i]]
        return {name: plan[:, :, k].ravel() for k, name in enumerate(FIELDS)}

    # ---- the calendar --------------------------------------------------------------------
    def _calendar(self) -> None:
        days, ends, first, opens, dues = [], [], [], [], []
        for block, slots in zip(self.blocks, self.slots, strict=True):
            calendar = _calendar(block.case.as_of, self.H)
            days.append(calendar[0])
            ends.append(calendar[1])
            first.append(calendar[2])
            opens.append(calendar[3])
            debts = block.case.debts
            dues.append(
                [
                    _due_ordinals(block.case.as_of, debts[i].due_day if i >= 0 else None, self.H)
                    for i in slots
                ]  # fmt: skip
            )
        self._days = np.array(days, dtype=np.float64).T  # (months, cases)
        self._ends = np.array(ends, dtype=np.float64).T
        self._opens = np.array(opens, dtype=np.int64).T
        self.first_day = self.spread(np.tile(np.array(first, dtype=np.float64), (self.D, 1)))
        self._dues = np.array(dues, dtype=np.int64).transpose(2, 1, 0)  # (months, rows, cases)

    def month(self, m: int) -> tuple[np.ndarray, ...]:
        """Month ``m``'s calendar per entry: its days, the ordinal of its last day + 1, the due
        dates' ordinals, the days before the due day and from it to the month's end."""
        days = np.broadcast_to(self._days[m], (self.D, len(self.blocks)))
        dues = self._dues[m]
        before = dues - self._opens[m]
        return (
            self.spread(days),
            self.spread(np.broadcast_to(self._ends[m], (self.D, len(self.blocks)))),
            self.spread(dues),
            self.spread(before.astype(np.float64)),
            self.spread((days - before).astype(np.float64)),
        )


@lru_cache(maxsize=512)
def _calendar(as_of: date, horizon: int) -> tuple[tuple[int, ...], ...]:
    """The months of a projection from ``as_of``: days, next month's first ordinal, the first
    day's ordinal, each month's first ordinal."""
    starts = _starts(as_of, horizon)
    return (
        tuple(period_days(starts)),
        tuple(d.toordinal() for d in starts[1:]),
        starts[0].toordinal(),
        tuple(d.toordinal() for d in starts[:-1]),
    )


@lru_cache(maxsize=512)
def _starts(as_of: date, horizon: int) -> list[date]:
    return period_starts(as_of, horizon)


@lru_cache(maxsize=4096)
def _due_ordinals(as_of: date, due_day: int | None, horizon: int) -> tuple[int, ...]:
    """A due day's date in each month of a projection from ``as_of``, as ordinals."""
    starts = _starts(as_of, horizon)
    return tuple(due_date(starts[m], starts[m + 1], due_day).toordinal() for m in range(horizon))
