"""A month of the vectorised engine, step by step (DESIGN.md, "Order of a month"): accrual,
dues, the policy's shares and the prepayment of what is left, payments into the buckets, then
what went unpaid, late charges, acceleration and the dated arrears.

Each posting is rounded half-up from an exact product: ``floor((2·x·n + d) / (2·d))`` for a
rate n/d (never ``np.rint``, which rounds halves to even).

>>> half_up(np.array([100_050.0, 100_150.0]), 2.0, 100.0, 200.0)   # 1% of 1,000.50 and 1,001.50
array([1001., 1002.])
"""

from __future__ import annotations

import numpy as np

from helpers.allocation import Policy
from helpers.engine.vector.alloc import prepayments, pro_rata, sequential
from helpers.engine.vector.setup import (
    AMORTISE,
    CLOSED,
    CONTRACT,
    HOLIDAY,
    INSTALMENT,
    MATURED,
    REVOLVING,
    WAIT,
)

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch

EXACT = 2.0**53  # float64 holds every integer below this exactly


def half_up(x, n2, d, d2):
    """``x · n / d`` rounded half-up, from the exact product (``n2 = 2n``, ``d2 = 2d``)."""
    out = x * n2
    out += d
    out /= d2
    return np.floor(out, out=out)


def choose(mask: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """``a`` where ``mask``, else ``b``: whole fen, so exact; unlike ``np.where`` it does not
    branch on each element, which a mask without pattern makes slow.

    >>> choose(np.array([True, False]), np.array([1.0, 2.0]), np.array([3.0, 4.0]))
    array([1., 4.])
    """
    return b + (a - b) * mask


class MonthSteps:
    """The postings of a month, as methods of :class:`helpers.engine.vector.core.Chunk`."""

    # ---- what governs each debt this month ---------------------------------------------------
    def modes(self) -> None:
        """The modes after the month's events, which nothing changes until the month settles:
        under the contract, amortising under a plan, either (active), and the rest (quiet)."""
        mode = self.mode
        self.contract = mode == CONTRACT
        self.amortise = mode == AMORTISE
        self.amortise_ix = self.amortise.nonzero()[0]
        self.active = mode <= AMORTISE
        self.quiet_ix = (~self.active).nonzero()[0]

    # ---- dues ---------------------------------------------------------------------------------
    def dues(self, m: int, owed: np.ndarray) -> None:
        shape = self.shape
        past = np.minimum(owed, self.op + self.oi + self.N + self.G)
        matured = shape == MATURED
        due = owed * matured
        due_new = (owed - past) * matured
        self.sched = np.zeros(self.L)
        part = self.inst
        if part.stop > part.start:
            current = self.P[part] - self.op[part]
            n2, d, d2 = self.monthly_n2[part], self.monthly_d[part], self.monthly_d2[part]
            principal = self.level[part] - half_up(current, n2, d, d2)
            if self.any_fee:
                principal = choose(self.quote_fee[part], self.per_principal[part], principal)
            principal = choose(self.term_left[part] <= 1, current, principal)
            instalment = shape[part] == INSTALMENT
            sched = np.maximum(np.minimum(current, principal), 0.0) * instalment
            self.sched[part] = sched
            new = sched + self.I[part] - self.oi[part]
            due[part] += np.minimum(owed[part], new + past[part]) * instalment
            due_new[part] += new * instalment
        part = self.rev
        if part.stop:
            revolving = shape[part] == REVOLVING
            card = self.due[part]
            arrears = np.minimum(owed[part], self.fifo.sums()[part])
            due[part] += card * revolving
            due_new[part] += np.maximum(card - arrears, 0.0) * revolving
        want = due.copy()
        rows = self.capped_rows
        if rows.size:
            cap = self.cap[rows]
            want[rows] = np.where(cap < 0, due[rows], np.minimum(owed[rows], cap))
        amortise = self.amortise_ix
        if amortise.size:
            ix = amortise
            o, pa = owed[ix], self.pa[ix]
            outstanding = o - pa
            scheduled = np.where(self.ptl[ix] > 1, self.plan_level[ix], outstanding)
            listed = self.list_left[ix] > 0
            if listed.any():
                scheduled = np.where(listed, self._list_value(ix), scheduled)
            down = self.down[ix]
            scheduled = np.where(down != 0, down, scheduled)
            scheduled = np.minimum(outstanding, scheduled + self.uncap[ix])
            due_new[ix] = scheduled
            due[ix] = want[ix] = np.minimum(o, scheduled + pa)
        quiet = self.quiet_ix  # a holiday, a settlement awaited, cleared
        if quiet.size:
            lump = 0.0
            if m in self.lump_months:  # settlements only
                lump = self.lump.take(quiet) * (self.lump_month.take(quiet) == m)
            due[quiet] = due_new[quiet] = want[quiet] = lump
            self.sched[quiet] = 0.0
        self.due, self.due_new, self.want = due, due_new, want

    def _list_value(self, ix: np.ndarray) -> np.ndarray:
        row = self.plan["list_row"][ix].astype(np.int64)
        pos = np.minimum(self.list_pos[ix].astype(np.int64), self.schedules.shape[1] - 1)
        custom = self.schedules[np.maximum(row, 0), pos]
        return np.where(row >= 0, custom, self.plan["low"][ix])

    # ---- allocation and payment ---------------------------------------------------------------
    def allocate(self, m: int, opening: np.ndarray, owed: np.ndarray):
        """Each policy run's shares of the month's means, and the prepayments."""
        capacity = self.capacity[m]
        wants = self.rows(self.want)
        short = wants.sum(axis=0) > capacity
        prepaying = self.prepay_on and self.prepay.any()
        shorts = [(run, policy) for run, policy in self.runs if short[run].any()]
        if not shorts and not prepaying:
            return self.want, None
        order = self.order
        first = self.rows((self.mode == WAIT) & (self.due > 0)) if self.floating else None
        order.compare(self.rows(opening), self.rows(self.days_late), first)
        amounts = self._shares(order, shorts, wants, capacity, self.rows(opening))
        extra = None
        if prepaying:
            takes = self.rows(self.prepay)
            left = capacity - amounts.sum(axis=0)
            space = self.rows(owed) * takes - amounts * takes
            cols = ((left > 0) & space.any(axis=0)).nonzero()[0]
            if cols.size:
                extra = np.zeros((self.D, self.C))
                extra[:, cols] = prepayments(
                    order, space.take(cols, axis=1), left.take(cols), cols
                )
        return amounts.ravel(), None if extra is None else extra.ravel()

    def _shares(self, order, shorts, wants, capacity, opening):
        """What each debt gets of the means in the runs ``shorts`` that cannot pay every due
        (the others get what they want): sequential shares for every such run at once, pro
        rata's run by run."""
        if not shorts:
            return wants
        sequential_runs = [run for run, policy in shorts if policy != Policy.PRO_RATA]
        if len(sequential_runs) == 1 and sequential_runs[0] == slice(0, self.C):
            amounts = sequential(order, wants, capacity)
        else:
            amounts = wants.copy()
            if sequential_runs:
                shares = sequential(order, wants, capacity)
                for run in sequential_runs:
                    amounts[:, run] = shares[:, run]
        for run, policy in shorts:
            if policy == Policy.PRO_RATA:
                amounts[:, run] = pro_rata(order.part(run), wants[:, run], opening[:, run],
                                           capacity[run])  # fmt: skip
        return amounts

    def pay(self, amounts: np.ndarray, extra: np.ndarray | None):
        """Fill the buckets in each debt's payment order (dues, then any prepayment)."""
        total = amounts if extra is None else amounts + extra
        balances = [self.P, self.I, self.N, self.G]
        paid = [None, None, None, None]
        if len(self.orders) == 1:
            (order,) = self.orders
            left = total
            for b in order:
                take = np.minimum(left, balances[b])
                paid[b] = take
                left = left - take
        else:
            paid = [np.zeros(self.L) for _ in range(4)]
            for order, ix in self.orders.items():
                left = total[ix]
                for b in order:
                    take = np.minimum(left, balances[b][ix])
                    paid[b][ix] = take
                    left = left - take
        for b in range(4):
            balances[b] -= paid[b]
            self.paid[b] += paid[b]
        if self.rev.stop:
            rev = self.rev
            self.cash[rev] = np.maximum(self.cash[rev] - paid[0][rev], 0.0)
        return paid[0] + paid[1] + paid[2] + paid[3], paid[0], paid[1]

    # ---- settle: what went unpaid, charges, acceleration --------------------------------------
    def settle(self, m: int, paid, principal, interest) -> np.ndarray:
        """What went unpaid, charges, acceleration, what accrues from the due day, the dated
        arrears; returns the balances."""
        mode, fifo = self.mode, self.fifo
        if self.holiday_rows.size:
            rows = self.holiday_rows
            self.hol_left[rows] -= mode[rows] == HOLIDAY
        contract, active, amortise_ix = self.contract, self.active, self.amortise_ix
        if m in self.lump_months:
            wait = ((mode == WAIT) & (self.lump_month == m)).nonzero()[0]
            if wait.size:
                self._settle_wait(wait, paid)
        due, due_new = self.due, self.due_new
        unpaid = np.maximum(due - paid, 0.0)
        arrears_paid = np.minimum(paid, due - due_new)
        unpaid_new = np.maximum(due_new - (paid - arrears_paid), 0.0)
        ix = (active & (arrears_paid != 0)).nonzero()[0]
        fifo.reduce(ix, arrears_paid.take(ix))
        dates = self.dates_m
        ix = (active & (unpaid_new > 0)).nonzero()[0]
        fifo.append(ix, unpaid_new.take(ix), dates.take(ix))
        if amortise_ix.size:
            ix = amortise_ix
            self.pa[ix] = unpaid[ix]
            self.uncap[ix] = np.maximum(self.uncap[ix] - paid[ix], 0.0)
            down = self.down[ix] != 0
            listed = ~down & (self.list_left[ix] > 0)
            term = ~down & ~listed & (self.ptl[ix] != 0)
            self.down[ix[down]] = 0.0
            self.list_left[ix] -= listed
            self.list_pos[ix] += listed
            self.ptl[ix] -= term
        shape = self.shape
        part = self.rev
        if part.stop:
            revolving = contract[part] & (shape[part] == REVOLVING)
            carry = np.maximum(self.card_req[part] - principal[part], 0.0)
            self.carry[part] = choose(revolving, carry, self.carry[part])
        matured = contract & (shape == MATURED) & (due != 0)
        part = self.inst
        if part.stop > part.start:
            inst = contract[part] & (shape[part] == INSTALMENT)
            if inst.any():
                op = np.maximum(self.op[part] + self.sched[part] - principal[part], 0.0)
                self.op[part] = choose(inst, op, self.op[part])
                self.oi[part] = choose(inst, self.I[part] * (unpaid[part] > 0), self.oi[part])
                self.term_left[part] -= inst
                ended = (inst & (self.term_left[part] == 0)).nonzero()[0] + part.start
                shape[ended] = MATURED
        if matured.any():
            ix = matured.nonzero()[0]
            self.op[ix] = self.P.take(ix)
            self.oi[ix] = self.I.take(ix)
        charged = active & (unpaid > 0)
        if charged.any():
            charged &= (due != 0) | self.amortise
            charge = half_up(unpaid, self.late_n2, self.late_d, self.late_d2)
            charge += self.late_fixed
            charge *= charged
            self.G += charge
            if amortise_ix.size:
                self.pa[amortise_ix] += charge[amortise_ix]
        plans_at_open = amortise_ix
        if self.any_accelerate and self._accelerate(active, self.amortise):
            amortise_ix = (self.mode == AMORTISE).nonzero()[0]  # some plans lapsed
        self.accrue_after_due(m, contract, plans_at_open, unpaid, paid, principal, interest)
        owed = self.owed()
        self._sync(active, dates, owed, amortise_ix)
        closed = active & (owed == 0)
        if closed.any():
            ix = closed.nonzero()[0]
            self.mode[ix] = CLOSED
            fifo.clear(ix)
        return owed

    def _accelerate(self, active: np.ndarray, amortise: np.ndarray) -> bool:
        """Call the whole debt in after the contract's missed instalments; whether a plan
        lapsed."""
        eligible = active & (self.accelerate > 0) & (amortise | (self.shape == INSTALMENT))
        ix = eligible.nonzero()[0]
        if not ix.size:
            return False
        ix = ix[self.fifo.count[ix] - self.fifo.front[ix] >= self.accelerate[ix]]
        if not ix.size:
            return False
        was_plan = ix[amortise[ix]]
        self.mode[was_plan] = CONTRACT
        self.prepay[was_plan] = False
        self.shape[ix] = MATURED
        self.term_left[ix] = 0.0
        self.op[ix] = self.P[ix]
        self.oi[ix] = self.I[ix]
        return bool(was_plan.size)

    def _settle_wait(self, ix: np.ndarray, paid: np.ndarray) -> None:
        done = paid[ix] >= self.lump[ix]
        settled, lapsed = ix[done], ix[~done]
        if settled.size:  # settled: the lender forgives the rest
            self.waived[settled] += self.owed()[settled]
            for values in (self.P, self.I, self.N, self.G, self.op, self.oi):
                values[settled] = 0.0
            self.mode[settled] = CLOSED
            self.fifo.clear(settled)
        if lapsed.size:  # not paid in full: the agreement lapses, the contract runs again
            self.mode[lapsed] = CONTRACT
            self.op[lapsed] = np.minimum(self.op[lapsed], self.P[lapsed])
            self.oi[lapsed] = np.minimum(self.oi[lapsed], self.I[lapsed])

    def _sync(self, active: np.ndarray, dates: np.ndarray, owed: np.ndarray, amortise) -> None:
        """Keep the dated arrears equal to the amounts past due."""
        fifo = self.fifo
        np.minimum(self.op, self.P, out=self.op)
        np.minimum(self.oi, self.I, out=self.oi)
        current = fifo.sums()
        target = np.minimum(owed, self.op + self.oi + self.N + self.G)
        part = self.rev
        if part.stop:
            revolving = self.shape[part] == REVOLVING
            target[part] = choose(revolving, np.minimum(owed[part], current[part]), target[part])
        target[amortise] = self.pa[amortise]
        change = active & ((target != current) | (target <= 0))
        if not change.any():
            return
        ix = change.nonzero()[0]
        target, current = target.take(ix), current.take(ix)
        gone = target <= 0
        fifo.clear(ix.take(gone.nonzero()[0]))
        grow = ~gone & (current < target)
        if grow.any():
            full = fifo.front.take(ix) < fifo.count.take(ix)
            on = (grow & full).nonzero()[0]
            fifo.add_to_newest(ix.take(on), (target - current).take(on))
            on = (grow & ~full).nonzero()[0]
            fifo.append(ix.take(on), (target - current).take(on), dates.take(ix.take(on)))
        on = (~gone & (current > target)).nonzero()[0]
        fifo.reduce(ix.take(on), (current - target).take(on))
