"""What accrues in a month of the vectorised engine (DESIGN.md, "Time"), as
:mod:`helpers.engine.scalar.state_accrue` does for one debt: before the due day when the month
opens, from the due day to the month's end when it settles (after the payments).

>>> from helpers.case import load_sample
>>> from helpers.engine import contract_start
>>> from helpers.engine.vector.core import Chunk
>>> from helpers.engine.vector.layout import Block, Layout
>>> from helpers.engine.vector.plans import PlanBook
>>> case = load_sample("li_na_illness")
>>> starts = [contract_start(d, case.as_of) for d in case.debts]
>>> block = Block(case, starts, PlanBook(case, starts, horizon=1), np.zeros((4, 1), dtype=int),
...               np.array([0]))
>>> chunk = Chunk(Layout([block], columns=1, horizon=1), np.array([2]), np.zeros((1, 1)))
>>> chunk.calendar(0)
>>> chunk.before_m.tolist()   # from 09-10 to the due days 09-23, 09-12, 09-18 and 10-02
[13.0, 2.0, 8.0, 22.0]
"""

from __future__ import annotations

import numpy as np

from helpers.engine.vector.month import choose, half_up
from helpers.engine.vector.setup import HOLIDAY, REVOLVING

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch


class Accruals:
    """The accruals of :class:`helpers.engine.vector.core.Chunk`."""

    # ---- before the due day ----------------------------------------------------------------
    def accrue(self, m: int) -> None:
        """What accrues before the due day (DESIGN.md, "Time"): by the day, the days before
        it (a card's and a holiday's: the whole month); by the month, a month's interest."""
        mode, shape = self.mode, self.shape
        contract = self.contract
        days, before = self.days_m, self.before_m
        on = contract
        span = before
        if self.holiday_rows.size:
            holiday = (mode == HOLIDAY) & (self.plan["holiday_accrues"] > 0)
            on = contract | holiday
            span = choose(holiday, days, span)
        rev = self.rev
        if rev.stop:
            span = span.copy() if span is before else span
            span[rev] = choose(shape[rev] == REVOLVING, days[rev], span[rev])
        self.open_op, self.open_oi = self.op.copy(), self.oi.copy()
        # revolving: daily rate × days on principal (and interest when compounding); others:
        # annual / 12, or daily × days, on principal not past due; a fee while the term runs
        base = self.P - self.op
        if rev.stop:
            base[rev] += self.I[rev] * ((shape[rev] == REVOLVING) * self.compound_card[rev])
        int_n2 = self.int_n2_fixed + self.int_n2_days * span
        interest = half_up(base, int_n2, self.int_d, self.int_d2)
        if self.any_fee:
            interest += self.fee * (self.term_left > 0)
        if self.any_rev_odd:  # a card quoted otherwise than by the day, no longer revolving
            gone = self.rev_odd & (shape[rev] != REVOLVING)
            if gone.any():
                annual = half_up(self.P[rev] - self.op[rev], self.monthly_n2[rev],
                                 self.monthly_d[rev], self.monthly_d2[rev])  # fmt: skip
                fee = self.fee[rev] * (self.term_left[rev] > 0)
                other = np.where(self.quote_annual[rev], annual, fee)
                interest[rev] = np.where(gone, other, interest[rev])
        interest *= on
        if rev.stop:  # a card's interest is billed when the month closes (accrue_after_due)
            self.card_base = base[rev].copy()
            interest[rev] *= ~(contract[rev] & (shape[rev] == REVOLVING))
        if self.any_penalty:
            pen_n2 = self.pen_n2 * before
            penalty = half_up(self.op, pen_n2, self.pen_d, self.pen_d2)
            penalty += half_up(self.oi, pen_n2, self.pen_d, self.pen_d2) * (
                self.compound_loan & (shape != REVOLVING)
            )
            penalty *= contract
            self.N += penalty
        if self.holiday_rows.size:
            rows = self.holiday_rows
            keep = (mode[rows] == HOLIDAY) & (self.plan["holiday_capitalise"][rows] == 0)
            self.uncap[rows] += interest[rows] * keep
        amortise = self.amortise_ix
        if amortise.size:
            self.open_pa = self.pa[amortise].copy()
            plan_interest, plan_penalty = self.accrue_plan(amortise, before[amortise])
            interest[amortise] = plan_interest
            self.N[amortise] += plan_penalty
        self.I += interest

    def accrue_plan(self, ix: np.ndarray, days: np.ndarray):
        owed = self.P[ix] + self.I[ix] + self.N[ix] + self.G[ix]
        fee, pa, rate = self.plan_fee[ix], self.pa[ix], self.pm[ix]
        n2, d, d2 = self.rate_n2[rate], self.rate_d[rate], self.rate_d2[rate]
        base = np.maximum(owed - self.uncap[ix] - pa, 0.0)
        per_instalment = (self.ptl[ix] > 0) & (self.down[ix] == 0)  # no fee on a down payment
        interest = np.where(fee != 0, fee * per_instalment, half_up(base, n2, d, d2))
        keys = self.pen_key[ix]
        qn2, qd = self.pq_n2[rate, keys] * days, self.pq_d[rate, keys]
        penalty = half_up(pa, qn2, qd, 2 * qd)
        penalty *= (pa != 0) & self.rate_nonzero[rate] & self.has_multiplier[ix]
        return interest, penalty

    # ---- from the due day ------------------------------------------------------------------
    def accrue_after_due(self, m, contract, plans, unpaid, paid, principal, interest) -> None:
        """What accrues from the due day to the month's end (as
        ``helpers.engine.scalar.state.DebtState._accrue_after_due``): a card's month of
        interest, on each day's balance, billed now; overdue amounts still
        unpaid every day, what fell overdue on the due day from the next; a daily-quoted
        loan's interest on its principal not yet due; a plan's penalty on its arrears."""
        after = self.after_m
        rev = self.rev
        if rev.stop:  # a card: the opening balance until the due day, what is left after it
            card = (contract[rev] & (self.shape[rev] == REVOLVING)).nonzero()[0]
            if card.size:
                base = self.P[card] + self.I[card] * self.compound_card[card]
                days = self.card_base[card] * self.before_m[card] + base * after[card]
                self.I[card] += half_up(days, self.int_n2_days[card], self.int_d[card],
                                        self.int_d2[card])  # fmt: skip
        rows = contract & (self.shape != REVOLVING)
        if self.any_penalty or self.any_daily:
            op = np.minimum(self.op, self.P)
        if self.any_daily:
            on = (rows & self.quote_daily).nonzero()[0]
            if on.size:
                base = (self.P[on] - op[on]) * after[on]
                self.I[on] += half_up(base, self.int_n2_days[on], self.int_d[on],
                                      self.int_d2[on])  # fmt: skip
        if self.any_penalty:
            on = (rows & (self.pen_n2 != 0)).nonzero()[0]
            if on.size:
                a = after[on]
                n2, d, d2 = self.pen_n2[on], self.pen_d[on], self.pen_d2[on]
                final = op[on]
                old = np.minimum(np.maximum(self.open_op[on] - principal[on], 0.0), final)
                penalty = half_up(old * a + (final - old) * (a - 1), n2, d, d2)
                comp = self.compound_loan[on]
                if comp.any():
                    final = np.minimum(self.oi[on], self.I[on])
                    old = np.minimum(np.maximum(self.open_oi[on] - interest[on], 0.0), final)
                    penalty += half_up(old * a + (final - old) * (a - 1), n2, d, d2) * comp
                self.N[on] += penalty
        if plans.size:
            a = after[plans]
            rate, keys = self.pm[plans], self.pen_key[plans]
            qn2, qd = self.pq_n2[rate, keys], self.pq_d[rate, keys]
            left = unpaid[plans]
            old = np.minimum(np.maximum(self.open_pa - paid[plans], 0.0), left)
            self.N[plans] += half_up(old * a + (left - old) * (a - 1), qn2, qd, 2 * qd)
