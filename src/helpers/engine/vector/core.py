"""The state of one chunk of scenarios in the vectorised engine, its set-up, the plans' events
and the month loop; the month's postings are in :mod:`helpers.engine.vector.month`.

Every quantity is a flat float64 array of ``debts × scenarios`` entries (row-major by debt:
entry ``r * C + c``) holding whole fen, exact below 2**53; modes and shapes are int8. Debt rows
are reordered so that revolving cards come first and instalment loans next: what only a card or
an instalment loan does runs on a contiguous slice. Scenarios of one policy are contiguous too.

>>> from helpers.case import load_sample
>>> from helpers.engine import contract_start
>>> from helpers.engine.vector.plans import PlanBook
>>> case = load_sample("li_na_illness")
>>> starts = [contract_start(d, case.as_of) for d in case.debts]
>>> book = PlanBook(case, starts, horizon=60)
>>> codes = np.zeros((4, 1), dtype=np.int64)
>>> chunk = Chunk(case, starts, book, codes, np.array([2]), np.full((60, 1), 500_000.0))
>>> out = chunk.run()
>>> int(out["balance_left_fen"][0]), int(out["shortfall_months"][0])   # a card at its minimum
(2516, 9)
"""

from __future__ import annotations

import numpy as np

from helpers.allocation import Policy
from helpers.case import Case
from helpers.engine.contract import ContractStart
from helpers.engine.timeline import due_date, period_days, period_starts
from helpers.engine.vector.accrual import Accruals
from helpers.engine.vector.alloc import Ranking
from helpers.engine.vector.events import PlanEvents
from helpers.engine.vector.fifo import ArrearsFifo
from helpers.engine.vector.month import EXACT, MonthSteps
from helpers.engine.vector.plans import HOLIDAY_PLAN, SETTLEMENT, STATUS_QUO, PlanBook
from helpers.engine.vector.setup import INSTALMENT, REVOLVING, LevelPayments

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch

POLICIES = list(Policy)


def row_class(start: ContractStart) -> int:
    """0 for a revolving card, 1 for an instalment loan, 2 for the rest (the row order)."""
    return {REVOLVING: 0, INSTALMENT: 1}.get(start.shape, 2)


class Chunk(MonthSteps, Accruals, PlanEvents):
    """``debts × scenarios`` in one set of arrays, and the month loop (see the module
    docstring). ``policies`` holds each scenario's index in :class:`Policy`, grouped."""

    def __init__(
        self,
        case: Case,
        starts: list[ContractStart],
        book: PlanBook,
        codes: np.ndarray,
        policies: np.ndarray,
        means: np.ndarray,
        *,
        prepay: bool = True,
    ) -> None:
        self.perm = sorted(range(len(starts)), key=lambda k: (row_class(starts[k]), k))
        self.starts = [starts[k] for k in self.perm]
        D, C = codes.shape
        self.D, self.C, self.L = D, C, D * C
        self.H = means.shape[0]
        self.means = means
        self.capacity = np.maximum(0.0, means)
        self.prepay_on = prepay
        self.book = book
        classes = [row_class(s) for s in self.starts]
        self.rev = slice(0, classes.count(0) * C)
        self.inst = slice(self.rev.stop, self.rev.stop + classes.count(1) * C)
        self._calendar(case)
        self._plans(codes[self.perm])
        self._statics()
        self._state()
        self._policies(policies)

    # ---- set-up ---------------------------------------------------------------------------
    def _col(self, values) -> np.ndarray:
        """One value per debt row, repeated for every scenario."""
        return np.repeat(np.asarray(values, dtype=np.float64), self.C)

    def _calendar(self, case: Case) -> None:
        starts = period_starts(case.as_of, self.H)
        self.days = period_days(starts)
        self.ends = [d.toordinal() for d in starts[1:]]
        self.first_day = starts[0].toordinal()
        self.due_ordinals, self.befores, self.afters = [], [], []
        for m in range(self.H):
            row = [
                due_date(starts[m], starts[m + 1], case.debts[k].due_day).toordinal()
                for k in self.perm
            ]
            self.due_ordinals.append(np.repeat(np.array(row, dtype=np.int64), self.C))
            # days before the due day, and from it to the month's end (DESIGN.md, "Time")
            before = np.array(row, dtype=np.float64) - starts[m].toordinal()
            self.befores.append(np.repeat(before, self.C))
            self.afters.append(np.repeat(self.days[m] - before, self.C))

    def _plans(self, codes: np.ndarray) -> None:
        plan = {}
        for r, k in enumerate(self.perm):
            for name, table in self.book.fields(k).items():
                plan.setdefault(name, np.empty((self.D, self.C)))[r] = table[codes[r]]
        self.plan = {name: values.ravel() for name, values in plan.items()}
        self.kind = self.plan["kind"].astype(np.int8)
        self.schedules = self.book.schedule_table()
        self.by_start = _by_month(self.plan["start"], self.H)
        self.by_switch = _by_month(self.plan["switch"], self.H)
        self.holiday_rows = np.flatnonzero(self.kind == HOLIDAY_PLAN)
        lumps = np.unique(self.plan["lump_month"])
        self.lump_months = frozenset(int(m) for m in lumps if m >= 0)
        self.capped_rows = np.flatnonzero((self.kind == STATUS_QUO) & (self.plan["cap"] >= 0))
        settles = (self.kind.reshape(self.D, self.C) == SETTLEMENT).any(axis=1)
        self.floating = frozenset(
            r for r, s in enumerate(self.starts) if settles[r] and not s.secured
        )

    def _statics(self) -> None:
        col, starts, rates = self._col, self.starts, self.book.rates
        self.daily_n2 = col([2 * s.daily.numerator for s in starts])
        # the interest rate of a month: 2 × numerator = days × the first + the second
        rates_of = [_interest_rate(s) for s in starts]
        self.int_n2_days = col([r[0] for r in rates_of])
        self.int_n2_fixed = col([r[1] for r in rates_of])
        self.int_d = col([r[2] for r in rates_of])
        self.int_d2 = 2 * self.int_d
        # cards quoted otherwise than by the day accrue otherwise once no longer revolving
        self.rev_odd = [
            r for r, s in enumerate(starts) if s.shape == REVOLVING and s.quote != "daily"
        ]
        fee_rows = [s.quote == "monthly_fee" for s in starts]
        self.quote_daily = col([s.quote == "daily" for s in starts]) > 0
        self.any_daily = bool(self.quote_daily.any())
        self.fee = col([s.fee for s in starts])
        self.any_fee = any(fee_rows)
        self.monthly_n2 = col([2 * s.monthly.numerator for s in starts])
        self.monthly_d = col([s.monthly.denominator for s in starts])
        self.monthly_d2 = 2 * self.monthly_d
        self.quote_fee = col(fee_rows) > 0
        self.pen_n2 = col([2 * s.penalty_daily.numerator for s in starts])
        self.pen_d = col([s.penalty_daily.denominator for s in starts])
        self.pen_d2 = 2 * self.pen_d
        self.any_penalty = any(s.penalty_daily for s in starts)
        self.compound_loan = col([s.compound and s.penalty_daily != 0 for s in starts]) > 0
        self.compound_card = col([s.compound for s in starts])
        self.has_multiplier = col([s.penalty_multiplier != 0 for s in starts]) > 0
        self.late_n2 = col([2 * s.late.numerator for s in starts])
        self.late_d = col([s.late.denominator for s in starts])
        self.late_d2 = 2 * self.late_d
        self.late_fixed = col([s.late_fixed for s in starts])
        self.accelerate = col([s.accelerate_after for s in starts])
        self.any_accelerate = bool((self.accelerate > 0).any())
        self.limit = col([-1 if s.limit is None else s.limit for s in starts])
        self.min_n2 = col([2 * s.min_rate.numerator for s in starts])
        self.min_d = col([s.min_rate.denominator for s in starts])
        self.min_d2 = 2 * self.min_d
        self.given = col([s.given_minimum or 0 for s in starts])
        self.per_principal = col([s.per_principal for s in starts])
        self.level = col([s.level for s in starts])
        self.reported = [r for r, s in enumerate(starts) if s.reported]
        # after a holiday: the contract's monthly rate, or its monthly fee on the base
        own = [rates.id(s.monthly) for s in starts]
        pairs = list(zip(fee_rows, own, strict=True))
        self.after_rate = np.repeat([0 if fee else i for fee, i in pairs], self.C)
        self.after_fee = np.repeat([i if fee else -1 for fee, i in pairs], self.C)
        self.orders = {}
        for r, s in enumerate(starts):
            self.orders.setdefault(s.order, []).append(r)

    def _finish_rates(self) -> None:
        """Rate arrays by id, once every rate of the chunk is known; the exact-range bound."""
        rates = self.book.rates.rates
        self.rate_n2 = np.array([2.0 * r.numerator for r in rates])
        self.rate_d = np.array([float(r.denominator) for r in rates])
        self.rate_d2 = 2 * self.rate_d
        self.rate_nonzero = np.array([r != 0 for r in rates])
        self.levels = LevelPayments(rates)
        # penalty interest on a plan's arrears: plan rate × 12 / basis × multiplier, per day
        pq = [[r * 12 / s.basis * s.penalty_multiplier for s in self.starts] for r in rates]
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
        L, col, starts = self.L, self._col, self.starts
        self.P = col([s.balances[0] for s in starts])
        self.I = col([s.balances[1] for s in starts])
        self.N = col([s.balances[2] for s in starts])
        self.G = col([s.balances[3] for s in starts])
        self.shape = col([s.shape for s in starts]).astype(np.int8)
        self.mode = np.zeros(L, dtype=np.int8)
        self.term_left = col([s.term_left for s in starts])
        self.cash = col([s.cash for s in starts])
        self.given_pending = col([s.given_minimum is not None for s in starts]) > 0
        self.op = col([s.overdue_principal for s in starts])
        self.oi = col([s.overdue_interest for s in starts])
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
        capacity = max(len(s.arrears) for s in starts) + self.H + 1
        self.fifo = ArrearsFifo(L, capacity=capacity)
        for r, s in enumerate(starts):
            if s.arrears:
                self.fifo.load(slice(r * self.C, (r + 1) * self.C), s.arrears)
        self.days_late = np.maximum(0, self.first_day - 1 - self.fifo.earliest()).astype(float)
        self.paid = [np.zeros(L) for _ in range(4)]
        C = self.C
        self.cleared = np.full(C, -1, dtype=np.int64)
        self.max_due = np.zeros(C)
        self.shortfall = np.zeros(C, dtype=np.int64)
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
            [POLICIES[int(p)] for p in policies], self.starts, self.floating, self.perm
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
            self.begin(m)
            self.modes()
            self.accrue(m)
            owed = self.owed()
            self.guard(opening, owed)
            self.dues(m, owed)
            amounts, extra = self.allocate(m, opening, owed)
            paid, principal, interest = self.pay(amounts, extra)
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
        self.days_late = np.maximum(float(self.ends[m] - 1) - self.fifo.earliest(), 0.0)
        owed = self.rows(owed).sum(axis=0)
        self.cleared[(self.cleared < 0) & (owed == 0)] = m + 1
        dues = self.rows(self.due).sum(axis=0)
        np.maximum(self.max_due, dues, out=self.max_due)
        self.shortfall += dues > self.capacity[m]
        if self.reported:
            late = self.rows(self.days_late)[self.reported]
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
