"""Plan months for :class:`helpers.optimize.model.DebtModel`: agreements (status quo caps,
waivers, re-instalment, step-up, custom schedules, holidays, settlements) as the engine gives
them effect (``helpers.engine.scalar.state``), with the balances as affine expressions.

Under an amortising plan the engine's interest runs on what is owed less the plan's arrears,
whatever bucket it sits in, so two balances suffice: the current one and the arrears.

>>> PlanMonths.__name__
'PlanMonths'
"""

from __future__ import annotations

from helpers.engine import Mode, Shape
from helpers.optimize.common import BOUND_WEIGHT, SCALE
from helpers.optimize.lp import ZERO, Lin
from helpers.plans import (
    CustomSchedule,
    Holiday,
    Plan,
    Reinstalment,
    Settlement,
    StatusQuo,
    StepUp,
    Waiver,
    agreement_rate,
)
from helpers.rates import exact_rate, level_factor

__all__ = ["PlanMonths"]


class PlanMonths:
    """The plan part of a debt's model (mixed into ``DebtModel``)."""

    def _agree(self, plan: Plan) -> None:
        if isinstance(plan, StatusQuo):
            self.cap = {"nothing": 0.0, "minimum": None, "fixed": plan.amount_fen / SCALE}[
                plan.mode
            ]
            return
        if isinstance(plan, Waiver):
            self._waive(plan)
            return
        if isinstance(plan, Settlement):
            base = self.owed()
            if plan.amount_fen is not None:
                amount = plan.amount_fen / SCALE
                lump = Lin(const=min(base.const, amount)) if base.is_const else Lin(const=amount)
            else:
                lump = base - base * float(exact_rate(plan.discount))
            self.lump, self.lump_month, self.mode = lump, plan.month, Mode.WAIT
            if lump.is_const:
                estimate = lump.const
            elif plan.amount_fen is not None:
                estimate = plan.amount_fen / SCALE
            else:
                estimate = self.owed0 * (1.0 - float(exact_rate(plan.discount)))
            self.honour = self.affordable(plan.month, estimate * SCALE)
            return
        self._waive(getattr(plan, "waiver", None))
        self._cure()
        if isinstance(plan, Holiday):
            self.mode, self.holiday_left = Mode.HOLIDAY, plan.months
            self.holiday_accrues = plan.interest == "accrue"
            self.holiday_term = plan.term_months or (self.term_left or None)
            return
        owed = self.owed()
        self.mode, self.Ocur, self.Oarr = Mode.AMORTISE, owed, ZERO
        self._set_plan_rate(plan)
        if isinstance(plan, Reinstalment):
            # the engine's down payment is min(down, owed) and its base max(0, owed − down);
            # the base is a column held at that maximum (the programme wants it small)
            down = min(plan.down_payment_fen / SCALE, owed.const if owed.is_const else self.owed0)
            self.plan_down = Lin(const=down) if down > 0 else None
            base = owed - down
            if down > 0 and self.plan_fee_rate is None:  # the down payment's month's interest
                base = base + owed * self.plan_monthly
            if not base.is_const:
                column = self.lp.var()
                self.lp.ge(column, base)
                base = column
            self._amortise_over(
                plan.term_months,
                base if not base.is_const else Lin(const=max(0.0, base.const)),
                start=owed if down > 0 else None,
            )
        elif isinstance(plan, StepUp):
            self.plan_list = [plan.low_payment_fen / SCALE] * plan.low_months
            self.step_term = plan.term_months
            self._dry_run(owed)
        elif isinstance(plan, CustomSchedule):
            self.plan_list = [p / SCALE for p in plan.payments_fen]
            self._dry_run(owed)

    def _waive(self, waiver: Waiver | None) -> None:
        if waiver is None:
            return
        oi_is_i = self.oi is self.I
        before = self.I + self.N + self.C
        self._waive_buckets(waiver, oi_is_i)
        self.stock = self.stock - (before - (self.I + self.N + self.C))

    def _waive_buckets(self, waiver: Waiver, oi_is_i: bool) -> None:
        if waiver.penalty:
            self.N = ZERO
        if waiver.charges:
            self.C = ZERO
        if waiver.interest_share:
            self.I = self.I * (1.0 - float(exact_rate(waiver.interest_share)))
            if oi_is_i:
                self.oi = self.I
            elif self.oi.is_const and self.I.is_const:
                self.oi = Lin(const=min(self.oi.const, self.I.const))

    def _cure(self) -> None:
        self.op = self.oi = self.bearing = ZERO
        self.stock = self.I + self.N + self.C
        self.window = []
        self.Oarr = self.prepaid = self.shortened = ZERO
        self.extra_total = 0.0

    def _set_plan_rate(self, plan: Plan) -> None:
        monthly, fee = agreement_rate(
            plan, quote=self.quote, contract_monthly=self.agreement_monthly
        )
        self.plan_rate = monthly  # exact, for the level instalment
        self.plan_monthly = float(monthly)
        self.plan_fee_rate = None if fee is None else float(fee)

    def _amortise_over(self, months: int, base: Lin, start: Lin | None = None) -> None:
        """Level instalments of ``base`` over ``months``; the on-time path runs from ``start``
        (the balance before a down payment) when given, else from ``base``."""
        self.plan_list, self.plan_term_left = [], months
        if self.plan_fee_rate is not None:
            self.plan_fee = base * self.plan_fee_rate
            self.plan_level = base * (1.0 / months) + self.plan_fee
        else:
            self.plan_fee = None
            self.plan_level = base * float(level_factor(self.plan_rate, months))
        self._dry_run(base, start)

    def _dry_run(self, base: Lin, start: Lin | None = None) -> None:
        """The plan's on-time path from ``base`` (its value, or an estimate when it depends on
        earlier payments): per month the amount outstanding after interest, the nominal
        instalment and how far that exceeds what is outstanding (a custom list overshooting),
        for the bounds in :meth:`_shortened`."""
        owed = base.const if base.is_const else self.owed0
        fee_rate = self.plan_fee_rate
        if self.plan_term_left:
            months = self.plan_term_left
            level = self._level_value(self.plan_level, owed, months)
            fee = owed * fee_rate if fee_rate is not None else 0.0
        else:
            level = fee = 0.0
        if start is not None:  # a down payment: the path runs from the balance before it
            owed = start.const if start.is_const else self.owed0
        down = self.plan_down.const if self.plan_down is not None else None
        items, term, steps = list(self.plan_list), self.plan_term_left, []
        for _ in range(len(self.days) + 1):
            if self.plan_fee is not None and term > 0 and down is None:
                owed += fee
            elif self.plan_fee is None:
                owed += owed * self.plan_monthly
            if down is not None:
                nominal, down = down, None
            elif items:
                nominal = items.pop(0)
            elif term > 1:
                nominal, term = level, term - 1
            else:
                nominal, term = None, max(0, term - 1)
            if nominal is None:
                steps.append((owed, 0.0, 0.0))
                owed = 0.0
                continue
            steps.append((owed, nominal, max(0.0, nominal - owed)))
            owed = max(0.0, owed - nominal)
        self.plan_path, self.path_index = steps, 0

    def _level_value(self, level: Lin, owed: float, months: int) -> float:
        if level.is_const:
            return level.const
        if self.plan_fee_rate is not None:
            return owed / months + owed * self.plan_fee_rate
        return owed * float(level_factor(self.plan_rate, months))

    def _end_holiday(self) -> None:
        if self.holiday_term:
            owed = self.owed()
            self.mode, self.Ocur, self.Oarr = Mode.AMORTISE, owed, ZERO
            fee = self.quote == "monthly_fee"
            self.plan_monthly = 0.0 if fee else self.mr
            self.plan_fee_rate = self.mr if fee else None
            self._amortise_over(self.holiday_term, owed)
        else:
            self.mode = Mode.CONTRACT
            self.card_principal, self.card_fresh = self.P, True

    def _holiday(self, days: int) -> Lin:
        interest = ZERO
        if self.holiday_accrues:
            interest, _ = self._accrue_contract(days, penalty=False)
        self.holiday_left -= 1
        return self._pay_freely(interest, ZERO)

    def _wait(self, m: int) -> Lin:
        if m != self.lump_month:
            return ZERO
        if self.honour:  # paid in full, the rest forgiven; a shortfall is priced steeply
            self.mode = Mode.CLOSED
            self.P = self.I = self.N = self.C = ZERO
            paid = self.lp.var()
            self.lp.le(paid, self.lump)
            self.penalties.append((self.lump - paid) * BOUND_WEIGHT)
            self.kind, self.unpaid = "due", self.lump - paid
            return paid
        self.mode = Mode.CONTRACT  # not paid: the agreement lapses and the contract runs again
        self.card_principal, self.card_fresh = self.P, True
        return ZERO

    def _amortise(self, days: int) -> Lin:
        """A month under a plan. The plan's penalty interest runs by the day on its arrears:
        before the due day on the opening arrears; from it, on what the month leaves unpaid,
        ``after − 1`` days and a day more on what was in arrears before (the engine's
        ``min(max(0, arrears − payment), unpaid)``: a column held at or above
        ``max(0, unpaid − scheduled − prepaid)``, which is that exactly). That penalty is not
        part of the arrears: it joins what the plan amortises, as in the engine."""
        lp = self.lp
        rate = self.plan_monthly
        before = self.befores[self.m]
        if self.plan_fee is not None and self.plan_term_left > 0 and self.plan_down is None:
            interest = self.plan_fee  # a fee per instalment, none on the down payment
        elif self.plan_fee is None:
            interest = self.Ocur * rate
        else:
            interest = ZERO
        penalty = ZERO
        daily = rate * 12 / self.basis * self.multiplier if rate and self.multiplier else 0.0
        if daily:
            penalty = self.Oarr * (daily * before)
        outstanding = self.Ocur + interest + penalty
        if self.plan_down is not None:
            nominal = self.plan_down
        elif self.plan_list:
            nominal = Lin(const=self.plan_list[0])
        elif self.plan_term_left > 1:
            nominal = self.plan_level
        else:
            nominal = None
        path, at_zero, extra = (0.0, 0.0, 0.0)
        if self.path_index < len(self.plan_path):
            path, at_zero, extra = self.plan_path[self.path_index]
        self.path_index += 1
        if nominal is None:
            scheduled = outstanding
        else:
            scheduled = self._shortened(
                nominal, outstanding, at_zero=at_zero, path=path, extra=extra
            )
        due = scheduled + self.Oarr
        unpaid = lp.var()
        lp.le(unpaid, due)
        prepay = lp.var()
        lp.le(prepay, outstanding - scheduled)
        late = self._late(unpaid, due - unpaid + prepay)
        after_due = ZERO  # the plan's penalty from the due day to the month's end
        if daily:
            old = ZERO
            if not (self.Oarr.is_const and self.Oarr.const <= 0):
                old = lp.var()
                lp.ge(old, unpaid - scheduled - prepay)
            after = days - before
            after_due = unpaid * (daily * (after - 1)) + old * daily
        self.Oarr = lp.state(unpaid + late)
        rest = outstanding - scheduled - prepay
        self.Ocur = lp.state(rest + after_due)
        self.prepaid = lp.state((self.prepaid + prepay) * (1.0 + rate))
        if nominal is not None:
            self.shortened = lp.state((self.shortened + self.cut) * (1.0 + rate))
        self._window(unpaid, scheduled, self.Oarr)
        if self.plan_down is not None:
            self.plan_down = None
        elif self.plan_list:
            self.plan_list.pop(0)
        elif self.plan_term_left:
            self.plan_term_left -= 1
        if self.m == self.forced:  # the agreement fails: the contract calls everything due
            self.mode, self.shape, self.term_left = Mode.CONTRACT, Shape.MATURED, 0
            self.P = self.op = self.bearing = lp.state(rest + self.Oarr)
            self.I = self.oi = self.C = ZERO
            self.N = after_due  # the plan's penalty after the due day (bears none)
        self.unpaid, self.kind = unpaid, "due"
        return due - unpaid + prepay
