"""The state of one chunk of scenarios in the vectorised engine, its set-up, the plans' events
and the month loop; the month's postings are in :mod:`helpers.engine.vector.month`.

Every quantity is a flat float64 array of ``rows × scenarios`` entries (row-major by row:
entry ``r * C + c``) holding whole fen, exact below 2**53; modes and shapes are int8. Which
debt a row holds in each scenario is the :class:`~helpers.engine.vector.layout.Layout`'s: the
debts of one case, or of several cases side by side, revolving cards first and instalment
loans next, so that what only a card or an instalment loan does runs on a contiguous slice.
Scenarios of one policy are contiguous too.

>>> from helpers.case import load_sample
>>> from helpers.engine import contract_start
>>> from helpers.engine.vector.layout import Block, Layout
>>> from helpers.engine.vector.plans import PlanBook
>>> case = load_sample("li_na_illness")
>>> starts = [contract_start(d, case.as_of) for d in case.debts]
>>> book = PlanBook(case, starts, horizon=60)
>>> block = Block(case, starts, book, np.zeros((4, 1), dtype=np.int64), np.array([0]))
>>> chunk = Chunk(Layout([block], columns=1, horizon=60), np.array([2]),
...               np.full((60, 1), 500_000.0))
>>> out = chunk.run()
>>> int(out["balance_left_fen"][0]), int(out["shortfall_months"][0])   # a card at its minimum
(2516, 9)
"""

from __future__ import annotations

import numpy as np

from helpers.allocation import Policy
from helpers.engine.contract import ContractStart
from helpers.engine.vector.accrual import Accruals
from helpers.engine.vector.alloc import Ranking
from helpers.engine.vector.events import PlanEvents
from helpers.engine.vector.fifo import ArrearsFifo
from helpers.engine.vector.layout import Layout
from helpers.engine.vector.month import EXACT, MonthSteps
from helpers.engine.vector.plans import HOLIDAY_PLAN, SETTLEMENT, STATUS_QUO
from helpers.engine.vector.setup import CLOSED, CONTRACT, REVOLVING, LevelPayments

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch

POLICIES = list(Policy)


class Chunk(MonthSteps, Accruals, PlanEvents):
    """``rows × scenarios`` in one set of arrays, and the month loop (see the module
    docstring); which debt each row holds in each scenario is the ``layout``'s. ``policies``
    holds each scenario's index in :class:`Policy`, grouped."""

    def __init__(
        self,
        layout: Layout,
        policies: np.ndarray,
        means: np.ndarray,
        *,
        prepay: bool = True,
        monthly: bool = False,
    ) -> None:
        self.layout = layout
        self.monthly = monthly  # whether to keep each scenario's payments month by month
        self.D, self.C, self.L = layout.D, layout.C, layout.L
        self.H = means.shape[0]
        self.means = means
        self.capacity = np.maximum(0.0, means)
        self.prepay_on = prepay
        self.rates = layout.blocks[0].book.rates
        self.rev, self.inst = layout.rev, layout.inst
        self._plans()
        self._statics()
        self._state()
        self._policies(policies)

    # ---- set-up ---------------------------------------------------------------------------
    def _col(self, value) -> np.ndarray:
        """``value`` of each row's debt, per entry."""
        return self.layout.grid(value)

    def calendar(self, m: int) -> None:
        """Month ``m``'s days, end, due dates, and days before and after the due day, per
        entry (DESIGN.md, "Time")."""
        self.days_m, self.end_m, self.dates_m, self.before_m, self.after_m = self.layout.month(m)

    def _plans(self) -> None:
        self.plan = self.layout.plans()
        self.kind = self.plan["kind"].astype(np.int8)
        self.schedules = self.layout.blocks[0].book.schedule_table()
        self.by_start = _by_month(self.plan["start"], self.H)
        self.by_switch = _by_month(self.plan["switch"], self.H)
        self.holiday_rows = np.flatnonzero(self.kind == HOLIDAY_PLAN)
        lumps = np.unique(self.plan["lump_month"])
        self.lump_months = frozenset(int(m) for m in lumps if m >= 0)
        self.capped_rows = np.flatnonzero((self.kind == STATUS_QUO) & (self.plan["cap"] >= 0))
        secured = self._col(lambda s: s.secured) > 0
        settles = self.rows((self.kind == SETTLEMENT) & ~secured).any(axis=1)
        self.floating = frozenset(np.flatnonzero(settles).tolist())

    def _statics(self) -> None:
        col, rates = self._col, self.rates
        self.daily_n2 = col(lambda s: 2 * s.daily.numerator)
        # the interest rate of a month: 2 × numerator = days × the first + the second
        self.int_n2_days = col(lambda s: _interest_rate(s)[0])
        self.int_n2_fixed = col(lambda s: _interest_rate(s)[1])
        self.int_d = col(lambda s: _interest_rate(s)[2])
        self.int_d2 = 2 * self.int_d
        # cards quoted otherwise than by the day accrue otherwise once no longer revolving
        self.rev_odd = col(lambda s: s.shape == REVOLVING and s.quote != "daily")[self.rev] > 0
        self.any_rev_odd = bool(self.rev_odd.any())
        self.quote_annual = col(lambda s: s.quote == "annual") > 0
        fee_rows = col(lambda s: s.quote == "monthly_fee") > 0
        self.quote_daily = col(lambda s: s.quote == "daily") > 0
        self.any_daily = bool(self.quote_daily.any())
        self.fee = col(lambda s: s.fee)
        self.any_fee = bool(fee_rows.any())
        self.monthly_n2 = col(lambda s: 2 * s.monthly.numerator)
        self.monthly_d = col(lambda s: s.monthly.denominator)
        self.monthly_d2 = 2 * self.monthly_d
        self.quote_fee = fee_rows
        self.pen_n2 = col(lambda s: 2 * s.penalty_daily.numerator)
        self.pen_d = col(lambda s: s.penalty_daily.denominator)
        self.pen_d2 = 2 * self.pen_d
        self.any_penalty = bool((self.pen_n2 != 0).any())
        self.compound_loan = col(lambda s: s.compound and s.penalty_daily != 0) > 0
        self.compound_card = col(lambda s: s.compound)
        self.has_multiplier = col(lambda s: s.penalty_multiplier != 0) > 0
        self.late_n2 = col(lambda s: 2 * s.late.numerator)
        self.late_d = col(lambda s: s.late.denominator)
        self.late_d2 = 2 * self.late_d
        self.late_fixed = col(lambda s: s.late_fixed)
        self.accelerate = col(lambda s: s.accelerate_after)
        self.any_accelerate = bool((self.accelerate > 0).any())
        self.limit = col(lambda s: -1 if s.limit is None else s.limit)
        self.min_n2 = col(lambda s: 2 * s.min_rate.numerator)
        self.min_d = col(lambda s: s.min_rate.denominator)
        self.min_d2 = 2 * self.min_d
        self.given = col(lambda s: s.given_minimum or 0)
        self.per_principal = col(lambda s: s.per_principal)
        self.level = col(lambda s: s.level)
        self.reported = self.rows(col(lambda s: s.reported) > 0)
        self.any_reported = bool(self.reported.any())
        # after a holiday: the contract's monthly rate, or its monthly fee on the base
        own = col(lambda s: rates.id(s.monthly)).astype(np.int64)
        self.after_rate = np.where(fee_rows, 0, own)
        self.after_fee = np.where(fee_rows, own, -1)
        # each entry's order of buckets, and the entries paid in each order
        orders = self.layout.rows_of(lambda s: s.order)
        kinds = sorted({o for row in orders for o in row})
        which = col(lambda s: kinds.index(s.order)).astype(np.int64)
        self.orders = {o: np.flatnonzero(which == n) for n, o in enumerate(kinds)}
        # the penalty on a plan's arrears depends on the debt's day basis and multiplier
        keys = sorted({(s.basis, s.penalty_multiplier) for row in self.layout.row_starts
                       for s in row})  # fmt: skip
        self.pen_keys = keys
        self.pen_key = col(lambda s: keys.index((s.basis, s.penalty_multiplier))).astype(int)

    def _finish_rates(self) -> None:
        """Rate arrays by id, once every rate of the chunk is known; the exact-range bound."""
        rates = self.rates.rates
        self.rate_n2 = np.array([2.0 * r.numerator for r in rates])
        self.rate_d = np.array([float(r.denominator) for r in rates])
        self.rate_d2 = 2 * self.rate_d
        self.rate_nonzero = np.array([r != 0 for r in rates])
        self.levels = LevelPayments(rates)
        # penalty interest on a plan's arrears: plan rate × 12 / basis × multiplier, per day
        pq = [[r * 12 / basis * multiplier for basis, multiplier in self.pen_keys] for r in rates]
        self.pq_n2 = np.array([[2.0 * q.numerator for q in row] for row in pq])
        self.pq_d = np.array([[float(q.denominator) for q in row] for row in pq])
        numerators = [
            self.rate_n2.max(),
            self.pq_n2.max() * 31,
            self.daily_n2.max() * 31,
            self.pen_n2.max() * 31,
            self.monthly_n2.max(),
            self.late_n2.max(),
            self.min_n2.max(),
            2.0,
        ]
        denominators = [self.rate_d.max(), self.pq_d.max(), self.int_d.max(), self.pen_d.max(),
                        self.monthly_d.max(), self.late_d.max(), self.min_d.max(),
                        float(self.H + 1000)]  # fmt: skip
        self.limit_owed = (EXACT - 4 * max(denominators)) / max(numerators)

    def _state(self) -> None:
        L, col, layout = self.L, self._col, self.layout
        self.P = col(lambda s: s.balances[0])
        self.I = col(lambda s: s.balances[1])
        self.N = col(lambda s: s.balances[2])
        self.G = col(lambda s: s.balances[3])
        self.shape = col(lambda s: s.shape).astype(np.int8)
        self.mode = np.where(layout.empty, CLOSED, CONTRACT).astype(np.int8)
        self.term_left = col(lambda s: s.term_left)
        self.cash = col(lambda s: s.cash)
        self.given_pending = col(lambda s: s.given_minimum is not None) > 0
        self.op = col(lambda s: s.overdue_principal)
        self.oi = col(lambda s: s.overdue_interest)
        for name in (
            "carry due due_new want sched card_req pa uncap down plan_level plan_fee lump "
            "ptl hol_left hol_term step_term list_left list_pos waived"
        ).split():
            setattr(self, name, np.zeros(L))
        self.lump_month = np.full(L, -1.0)
        self.cap = np.full(L, -1.0)
        self.prepay = np.zeros(L, dtype=bool)
        self.pm = np.zeros(L, dtype=np.int64)
        self.pf = np.full(L, -1, dtype=np.int64)
        arrears = layout.rows_of(lambda s: s.arrears)
        capacity = max(len(a) for row in arrears for a in row) + self.H + 1
        self.fifo = ArrearsFifo(L, capacity=capacity)
        for block, row in zip(layout.blocks, arrears, strict=True):
            for r, entries in enumerate(row):
                if entries:
                    self.fifo.load(r * self.C + block.columns, entries)
        first_day = layout.first_day
        self.days_late = np.maximum(0, first_day - 1 - self.fifo.earliest()).astype(float)
        self.paid = [np.zeros(L) for _ in range(4)]
        C = self.C
        self.cleared = np.full(C, -1, dtype=np.int64)
        self.max_due = np.zeros(C)
        self.shortfall = np.zeros(C, dtype=np.int64)
        self.gaps = np.zeros(C)
        self.paid_by_month = np.zeros((self.H if self.monthly else 0, C))
        self.months_overdue = np.zeros(C, dtype=np.int64)
        self.past_90 = np.full(C, -1, dtype=np.int64)
        self.fallback = np.zeros(C, dtype=bool)
        self.pro_rata_means = np.zeros(C)

    def _policies(self, policies: np.ndarray) -> None:
        """Contiguous runs of scenarios under one policy, and the order of every scenario."""
        self.runs = []
        self.any_pro_rata = False
        edges = np.flatnonzero(np.diff(policies)) + 1
        for a, b in zip(np.r_[0, edges], np.r_[edges, policies.size], strict=True):
            policy = POLICIES[int(policies[a])]
            self.runs.append((slice(int(a), int(b)), policy))
            if policy == Policy.PRO_RATA:
                self.any_pro_rata = True
                self.pro_rata_means[a:b] = self.capacity[:, a:b].max(axis=0)
        self.order = Ranking(
            [POLICIES[int(p)] for p in policies],
            self.layout.row_starts,
            self.floating,
            self.layout.positions,
            self.layout.case_of,
        )

    # ---- views ----------------------------------------------------------------------------
    def owed(self) -> np.ndarray:
        return self.P + self.I + self.N + self.G

    def rows(self, values: np.ndarray) -> np.ndarray:
        """A flat array as (debts, scenarios)."""
        return values.reshape(self.D, self.C)

    # ---- the month loop -------------------------------------------------------------------
    def run(self) -> dict[str, np.ndarray]:
        """Project every month; returns the per-scenario metrics."""
        self._finish_rates()
        closing = self.owed()
        for m in range(self.H):
            opening = closing  # nothing moves between the end of a month and the next
            self.calendar(m)
            self.begin(m)
            self.modes()
            self.accrue(m)
            owed = self.owed()
            self.guard(opening, owed)
            self.dues(m, owed)
            amounts, extra = self.allocate(m, opening, owed)
            paid, principal, interest = self.pay(amounts, extra)
            if self.monthly:
                self.paid_by_month[m] = self.rows(paid).sum(axis=0)
            closing = self.settle(m, paid, principal, interest)
            self.record(m, closing)
        paid = [self.rows(p).sum(axis=0) for p in self.paid]
        return {
            "total_paid_fen": paid[0] + paid[1] + paid[2] + paid[3],
            "principal_paid_fen": paid[0],
            "interest_paid_fen": paid[1],
            "penalty_paid_fen": paid[2],
            "charges_paid_fen": paid[3],
            "waived_fen": self.rows(self.waived).sum(axis=0),
            "balance_left_fen": self.rows(closing).sum(axis=0),
            "months_to_clear": self.cleared,
            "max_scheduled_due_fen": self.max_due,
            "shortfall_months": self.shortfall,
            "months_overdue": self.months_overdue,
            "first_month_past_90": self.past_90,
            "shortfall_fen": self.gaps,
            "paid_by_month_fen": self.paid_by_month,
            "fallback": self.fallback,
        }

    def guard(self, opening: np.ndarray, owed: np.ndarray) -> None:
        """Flag scenarios whose products could leave the exact range of float64."""
        largest = self.rows(np.maximum(opening, owed)).max(axis=0)
        self.fallback |= largest > min(self.limit_owed, EXACT / (4 * self.D))  # and their sums
        if self.any_pro_rata:
            self.fallback |= self.pro_rata_means * largest >= 2.0**62  # pro rata's int64 shares

    def record(self, m: int, owed: np.ndarray) -> None:
        """The month's metrics, from the balances ``owed`` at its end."""
        self.days_late = np.maximum(self.end_m - 1 - self.fifo.earliest(), 0.0)
        owed = self.rows(owed).sum(axis=0)
        self.cleared[(self.cleared < 0) & (owed == 0)] = m + 1
        dues = self.rows(self.due).sum(axis=0)
        np.maximum(self.max_due, dues, out=self.max_due)
        self.shortfall += dues > self.capacity[m]
        self.gaps += np.maximum(self.rows(self.due_new).sum(axis=0) - self.capacity[m], 0.0)
        if self.any_reported:
            late = self.rows(self.days_late) * self.reported
            self.months_overdue += (late > 0).any(axis=0)
            past = (late > 90).any(axis=0)
            self.past_90[(self.past_90 < 0) & past] = m


def _interest_rate(start: ContractStart) -> tuple[int, int, int]:
    """A debt's monthly interest rate as (2 × numerator per day, 2 × numerator a month,
    denominator): daily-quoted and revolving debts accrue by the day, annual ones by the month,
    a monthly fee is not interest (it posts as a fixed amount while the term runs)."""
    if start.shape == REVOLVING or start.quote == "daily":
        return 2 * start.daily.numerator, 0, start.daily.denominator
    if start.quote == "annual":
        return 0, 2 * start.monthly.numerator, start.monthly.denominator
    return 0, 0, 1


def _by_month(months: np.ndarray, horizon: int) -> dict[int, np.ndarray]:
    """Flat indices grouped by the month in ``months`` (negative: never)."""
    order = np.argsort(months, kind="stable")
    sorted_months = months[order]
    found = {}
    for m in np.unique(sorted_months):
        if 0 <= m < horizon:
            a, b = np.searchsorted(sorted_months, [m, m + 1])
            found[int(m)] = order[a:b]
    return found
