"""What accrues on one debt in a month of the scalar engine (DESIGN.md, "Time"): interest,
fees, penalty and compound interest, before the due day (posted when the month opens, so the
due can ask for them) and from it to the month's end (posted when it closes, after the
payment, so what a payment repays stops bearing interest on its day).

Rates are exact fractions held as (numerator, denominator); each posting is rounded half-up
from the exact product.

>>> from datetime import date
>>> from helpers.case import load_sample
>>> from helpers.engine.scalar.state import DebtState
>>> state = DebtState(load_sample("li_na_illness").debt("d2"), date(2025, 9, 10))
>>> state.open_month(0, 30, 2) > 0, state.acc_interest   # 15,124.77 × 0.03% × 2 days
(True, 907)
"""

from __future__ import annotations

from helpers.engine.contract import Mode, Shape

__all__: list[str] = []  # the engine's own machinery

REVOLVING = Shape.REVOLVING
CONTRACT, AMORTISE, HOLIDAY = Mode.CONTRACT, Mode.AMORTISE, Mode.HOLIDAY


class AccruePart:
    """The accruals of :class:`~helpers.engine.DebtState`."""

    __slots__ = ()

    def _accrue(self, days: int) -> tuple[int, int]:
        """The interest (with fees) and penalty interest (with compound) that accrue before the
        due day, rounded: interest by the month or a fee as a whole; by the day, the days
        before the due day (a holiday's month: all its days). A card's interest is billed when
        the month closes (:meth:`_accrue_after_due`), so it cannot be paid before."""
        p, i, n, c = self.balances
        mode, shape = self.mode, self.shape
        overdue_principal = self.overdue_principal
        before = self.before_due
        ai = an = 0
        if mode == CONTRACT or (mode == HOLIDAY and self.holiday_accrues):
            quote = self.quote
            if shape == REVOLVING:  # on purchases and cash, and billed interest if it bears
                base = p + i if self.compound else p
                if mode == CONTRACT:  # billed when the month closes, by the day
                    self.open_base = base
                else:
                    num, den = self.daily_nd
                    ai = (2 * base * num * days + den) // (2 * den)
            elif quote == "annual":
                num, den = self.monthly_nd
                ai = (2 * (p - overdue_principal) * num + den) // (2 * den)
            elif quote == "daily":
                num, den = self.daily_nd
                span = before if mode == CONTRACT else days
                ai = (2 * (p - overdue_principal) * num * span + den) // (2 * den)
            elif self.term_left > 0:
                ai = self.fee
            if mode == CONTRACT and self.penalty_nd[0]:
                num, den = self.penalty_nd
                an = (2 * overdue_principal * num * before + den) // (2 * den)
                if self.compound and shape != REVOLVING:
                    an += (2 * self.overdue_interest * num * before + den) // (2 * den)
            if mode == HOLIDAY and not self.holiday_capitalise:
                self.uncapitalised += ai
        elif mode == AMORTISE:
            if self.plan_fee:
                if self.plan_term_left > 0 and not self.plan_down:  # a fee per instalment
                    ai = self.plan_fee
            elif self.plan_monthly_nd[0]:
                base = p + i + n + c - self.uncapitalised - self.plan_arrears
                if base > 0:
                    num, den = self.plan_monthly_nd
                    ai = (2 * base * num + den) // (2 * den)
            if self.plan_arrears and self.plan_penalty_nd[0]:
                num, den = self.plan_penalty_nd
                an = (2 * self.plan_arrears * num * before + den) // (2 * den)
        return ai, an

    def _accrue_after_due(
        self, after: int, unpaid: int, total: int, principal_paid: int, interest_paid: int
    ) -> None:
        """What accrues from the due day to the month's end (DESIGN.md, "Time"): a card's
        interest for the whole month, on each day's balance, billed now; what was
        overdue before and is still unpaid bears penalty every one of those ``after`` days;
        what fell overdue on the due day (an instalment unpaid, a loan called due) from the day
        after, ``after − 1`` days; a daily-quoted loan's principal not yet due bears interest
        on its balance after the payment. Under a plan, its arrears bear the plan's penalty
        the same way. Each is one posting, rounded half-up."""
        balances = self.balances
        ai = an = 0
        if self.shape == REVOLVING and self.open_mode == CONTRACT:
            # a card (DOMAIN.md, worked example (b)): the opening balance until the due day,
            # what the payment left from it; billed now, so no payment this month settled it
            p, i = balances[0], balances[1]
            base = p + i if self.compound else p
            num, den = self.daily_nd
            days = self.open_base * self.before_due + base * after
            ai = (2 * days * num + den) // (2 * den)
        elif self.open_mode == AMORTISE:
            num, den = self.plan_penalty_nd
            if num:
                old = self.open_pa - total if self.open_pa > total else 0
                old = old if old < unpaid else unpaid
                days = old * after + (unpaid - old) * (after - 1)
                an = (2 * days * num + den) // (2 * den)
        else:
            op = self.overdue_principal
            op = op if op < balances[0] else balances[0]
            old = self.open_op - principal_paid if self.open_op > principal_paid else 0
            old = old if old < op else op
            if self.quote == "daily":
                num, den = self.daily_nd
                ai = (2 * (balances[0] - op) * after * num + den) // (2 * den)
            num, den = self.penalty_nd
            if num:
                days = old * after + (op - old) * (after - 1)
                an = (2 * days * num + den) // (2 * den)
                if self.compound:
                    oi = self.overdue_interest
                    oi = oi if oi < balances[1] else balances[1]
                    old = self.open_oi - interest_paid if self.open_oi > interest_paid else 0
                    old = old if old < oi else oi
                    days = old * after + (oi - old) * (after - 1)
                    an += (2 * days * num + den) // (2 * den)
        if ai:
            balances[1] += ai
            self.acc_interest += ai
        if an:
            balances[2] += an
            self.acc_penalty += an
