"""The plans' events at the start of a month, for the vectorised engine: agreements (waivers,
settlements, re-instalments, holidays, step-ups, custom schedules), the end of a holiday, the
switch of a step-up to level instalments, and the card minimum from the opening balances.

Events touch few debts: each runs on the flat indices of the debts concerned, kind by kind.

>>> from helpers.case import load_sample
>>> from helpers.engine.vector.batch import ScenarioSpec, project_batch
>>> from helpers.plans import Waiver
>>> case = load_sample("li_na_illness")
>>> batch = project_batch(case, [ScenarioSpec({"d2": Waiver(interest_share=0.5)})], horizon=3)
>>> int(batch.waived_fen[0]) > 0
True
"""

from __future__ import annotations

import numpy as np

from helpers.engine.vector.month import choose, half_up
from helpers.engine.vector.plans import (
    CUSTOM,
    HOLIDAY_PLAN,
    REINSTALMENT,
    SETTLEMENT,
    STATUS_QUO,
    STEP_UP,
    WAIVER,
)
from helpers.engine.vector.setup import (
    AMORTISE,
    CLOSED,
    CONTRACT,
    HOLIDAY,
    REVOLVING,
    WAIT,
)

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch


class PlanEvents:
    """The events of a month, as methods of :class:`helpers.engine.vector.core.Chunk`."""

    def at_rate(self, base: np.ndarray, rate_ids: np.ndarray) -> np.ndarray:
        """``base`` at the batch's rates ``rate_ids``, half-up to the fen."""
        return half_up(base, self.rate_n2[rate_ids], self.rate_d[rate_ids], self.rate_d2[rate_ids])

    def begin(self, m: int) -> None:
        agree = self.by_start.get(m)
        if agree is not None:
            agree = agree[self.mode[agree] != CLOSED]
            if agree.size:
                self.agree(agree)
        if self.holiday_rows.size:
            rows = self.holiday_rows
            ending = rows[(self.mode[rows] == HOLIDAY) & (self.hol_left[rows] == 0)]
            if ending.size:
                self.end_holiday(ending)
        switch = self.by_switch.get(m)
        if switch is not None:
            switch = switch[self.mode[switch] == AMORTISE]
            if switch.size:
                base = self.owed()[switch] - self.uncap[switch]
                self.amortise_over(switch, self.step_term[switch], base)
        if self.rev.stop:
            self.card_due()

    def agree(self, ix: np.ndarray) -> None:
        plan, kind = self.plan, self.kind[ix]
        quo = ix[kind == STATUS_QUO]
        self.cap[quo] = plan["cap"][quo]
        self.waive(ix[kind == WAIVER])
        settle = ix[kind == SETTLEMENT]
        if settle.size:
            base = self.owed()[settle]
            amount = plan["lump_amount"][settle]
            off = self.at_rate(base, plan["discount"][settle].astype(np.int64))
            self.lump[settle] = np.where(amount >= 0, np.minimum(base, amount), base - off)
            self.lump_month[settle] = plan["lump_month"][settle]
            self.mode[settle] = WAIT
        agreed = ix[(kind == REINSTALMENT) | (kind == HOLIDAY_PLAN) | (kind == STEP_UP)
                    | (kind == CUSTOM)]  # fmt: skip
        if not agreed.size:
            return
        self.waive(agreed)
        self.fifo.clear(agreed)  # an agreement cures the arrears
        for values in (self.op, self.oi, self.pa, self.carry):
            values[agreed] = 0.0
        kind = self.kind[agreed]
        holiday = agreed[kind == HOLIDAY_PLAN]
        self.mode[holiday] = HOLIDAY
        self.hol_left[holiday] = plan["holiday_months"][holiday]
        term = plan["term"][holiday]
        self.hol_term[holiday] = np.where(term > 0, term, self.term_left[holiday])
        amortise = agreed[kind != HOLIDAY_PLAN]
        self.mode[amortise] = AMORTISE
        self.prepay[amortise] = True
        self.pm[amortise] = plan["plan_rate"][amortise]
        self.pf[amortise] = plan["fee_rate"][amortise]
        kind = self.kind[amortise]
        again = amortise[kind == REINSTALMENT]
        if again.size:
            owed = self.owed()[again]
            down = self.down[again] = np.minimum(plan["down"][again], owed)
            # the agreement month's interest on the whole balance, before the down payment
            # (none for a fee per instalment): as DebtState._after_down
            month = self.at_rate(np.maximum(owed - self.uncap[again], 0.0), self.pm[again])
            month *= (down != 0) & (self.pf[again] < 0)
            self.amortise_over(again, plan["term"][again], owed - down + month)
        listed = amortise[(kind == STEP_UP) | (kind == CUSTOM)]
        self.list_left[listed] = plan["list_len"][listed]
        self.list_pos[listed] = 0
        self.step_term[listed] = plan["term"][listed]

    def waive(self, ix: np.ndarray) -> None:
        if not ix.size:
            return
        plan = self.plan
        interest = self.at_rate(self.I[ix], plan["waive_share"][ix].astype(np.int64))
        penalty = self.N[ix] * plan["waive_penalty"][ix]
        charges = self.G[ix] * plan["waive_charges"][ix]
        self.I[ix] -= interest
        self.N[ix] -= penalty
        self.G[ix] -= charges
        self.oi[ix] = np.minimum(self.oi[ix], self.I[ix])
        self.waived[ix] += interest + penalty + charges

    def amortise_over(self, ix: np.ndarray, months: np.ndarray, base: np.ndarray) -> None:
        base = np.maximum(base, 0.0)
        self.list_left[ix] = 0
        self.ptl[ix] = months
        fee_id = self.pf[ix]
        has_fee = fee_id >= 0
        fee = self.at_rate(base, fee_id) * has_fee
        even = np.floor((2 * base + months) / (2 * months)) + fee
        level = self.levels(base, self.pm[ix], months.astype(np.int64))
        self.plan_fee[ix] = fee
        self.plan_level[ix] = np.where(has_fee, even, level)

    def end_holiday(self, ix: np.ndarray) -> None:
        term = self.hol_term[ix]
        back = ix[term <= 0]
        self.mode[back] = CONTRACT
        self.given_pending[back] = False  # a card back on its contract: the minimum anew
        go = ix[term > 0]
        if go.size:
            self.mode[go] = AMORTISE
            self.prepay[go] = True
            self.pm[go] = self.after_rate[go]
            self.pf[go] = self.after_fee[go]
            self.amortise_over(go, self.hol_term[go], self.owed()[go] - self.uncap[go])

    def card_due(self) -> None:
        """The card minimum from the opening balances (DOMAIN.md's formula), on the cards'
        rows, for those revolving on their contract."""
        rev = self.rev
        live = (self.mode[rev] == CONTRACT) & (self.shape[rev] == REVOLVING)
        p, i, n, c = self.P[rev], self.I[rev], self.N[rev], self.G[rev]
        limit = self.limit[rev]
        over = np.maximum(p - limit, 0.0) * (limit >= 0)
        cash = np.minimum(self.cash[rev], p - over)
        base = np.maximum(p - cash - over, 0.0)
        minimum = half_up(base, self.min_n2[rev], self.min_d[rev], self.min_d2[rev])
        computed = minimum + cash + over + self.carry[rev] + i + n + c
        pending = self.given_pending[rev]
        due = np.minimum(p + i + n + c, choose(pending, self.given[rev], computed))
        pending &= ~live
        self.due[rev] = choose(live, due, self.due[rev])
        required = np.maximum(due - i - n - c, 0.0)
        self.card_req[rev] = choose(live, required, self.card_req[rev])
