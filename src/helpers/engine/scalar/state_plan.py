"""The plan half of a debt's state: what an agreement changes, and when (DESIGN.md, "Plans").

A plan takes effect at the start of its first month: a waiver forgives, an agreement cures the
arrears and sets a new schedule, a holiday pauses dues, a settlement waits for its lump sum.

>>> from datetime import date
>>> from helpers.case import load_sample
>>> from helpers.engine.scalar.state import DebtState
>>> from helpers.plans import Reinstalment
>>> state = DebtState(load_sample().debt("d3"), date(2025, 4, 1), Reinstalment(term_months=24))
>>> state.open_month(0, 30) > 0, state.mode.name, state.arrears
(True, 'AMORTISE', [])
"""

from __future__ import annotations

from fractions import Fraction

from helpers.engine.contract import Mode
from helpers.money import div_round_half_up
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
from helpers.rates import exact_rate, interest_fen, level_payment_fen

__all__: list[str] = []  # the engine's own machinery

# modes: what governs the debt this month
CONTRACT, AMORTISE, HOLIDAY, WAIT, CLOSED = tuple(Mode)
ZEROS = (0, 0, 0, 0)


class PlanPart:
    """The methods of :class:`~helpers.engine.DebtState` that apply a plan's events."""

    __slots__ = ()

    def _start_plan(self, plan: Plan | None) -> None:
        """The plan's state, before its first event, and the month's working values."""
        self.plan = plan
        self.rate_capped = False
        self.mode = CONTRACT
        self.called_due: int | None = None  # the month missed instalments called the debt due
        self.pay_cap: int | None = None
        self.prepay = False
        self.plan_monthly = Fraction(0)
        self.plan_monthly_nd = (0, 1)
        self.plan_penalty_nd = (0, 1)
        self.plan_fee = 0
        self.plan_level = 0
        self.plan_term_left = 0
        self.plan_list: list[int] = []
        self.plan_down = 0
        self.plan_arrears = 0
        self.uncapitalised = 0
        self.holiday_left = 0
        self.holiday_accrues = False
        self.holiday_capitalise = True
        self.holiday_term: int | None = None
        self.step_term = 0
        self.plan_fee_rate: Fraction | None = None
        self.lump = 0
        self.lump_month = -1
        self.lump_now = False  # this month is the settlement's
        # this month's working values
        self.sched_principal = 0
        self.due = 0
        self.due_new = 0
        self.want = 0
        self.card_required = 0
        self.opening = self.waived = ZEROS
        self.paid = ZEROS
        self.acc_interest = self.acc_penalty = 0

    def _events(self, month: int) -> tuple[int, ...]:
        """Apply the plan's events due at the start of ``month``; returns the amounts waived
        per bucket (principal, interest, penalty, charges)."""
        plan = self.plan
        if month == plan.start:
            return tuple(self._agree(plan))
        if self.mode == HOLIDAY and self.holiday_left == 0:
            self._end_holiday()
        elif (
            self.mode == AMORTISE
            and isinstance(plan, StepUp)
            and month == plan.start + plan.low_months
        ):
            self._amortise_over(self.step_term)
        return ZEROS

    def _waive(self, waiver: Waiver | None) -> list[int]:
        waived = [0, 0, 0, 0]
        if waiver is None:
            return waived
        if waiver.penalty:
            waived[2] = self.balances[2]
        if waiver.charges:
            waived[3] = self.balances[3]
        if waiver.interest_share:
            waived[1] = interest_fen(self.balances[1], exact_rate(waiver.interest_share))
        for k in range(4):
            self.balances[k] -= waived[k]
        self.overdue_interest = min(self.overdue_interest, self.balances[1])
        return waived

    def _cure(self) -> None:
        """An agreement brings the debt up to date: nothing is past due any more."""
        self.arrears = []
        self.arrears_sum = 0
        self.overdue_principal = self.overdue_interest = 0
        self.plan_arrears = 0
        self.card_carry = 0

    def _agree(self, plan: Plan) -> list[int]:
        if isinstance(plan, StatusQuo):
            self.pay_cap = {"nothing": 0, "minimum": None, "fixed": plan.amount_fen}[plan.mode]
            return [0, 0, 0, 0]
        if isinstance(plan, Waiver):
            return self._waive(plan)
        if isinstance(plan, Settlement):
            base = self.owed
            if plan.amount_fen is not None:
                self.lump = min(base, plan.amount_fen)
            else:
                self.lump = base - interest_fen(base, exact_rate(plan.discount))
            self.lump_month = plan.month
            self.mode = WAIT
            return [0, 0, 0, 0]
        waived = self._waive(getattr(plan, "waiver", None))
        self._cure()
        if isinstance(plan, Holiday):
            self.mode = HOLIDAY
            self.holiday_left = plan.months
            self.holiday_accrues = plan.interest == "accrue"
            self.holiday_capitalise = plan.capitalise
            self.holiday_term = plan.term_months or (self.term_left or None)
            return waived
        self.mode, self.prepay = AMORTISE, True
        self._set_plan_rate(plan)
        if isinstance(plan, Reinstalment):
            self.plan_down = min(plan.down_payment_fen, self.owed)
            self._amortise_over(plan.term_months, base=self._after_down())
        elif isinstance(plan, StepUp):
            self.plan_list = [plan.low_payment_fen] * plan.low_months
            self.step_term = plan.term_months
        elif isinstance(plan, CustomSchedule):
            self.plan_list = list(plan.payments_fen)
        return waived

    def _after_down(self) -> int:
        """The balance the level instalments repay, from the month after the agreement: what
        is owed, less the down payment, plus the agreement month's interest at the plan's rate
        on the whole balance (as :meth:`_accrue` posts it: the down payment is paid on that
        month's due day, the instalments follow one a month). A card-style fee is charged per
        instalment, never in the down payment's month, so it adds nothing here."""
        base = self.owed - self.plan_down
        if not self.plan_down or self.plan_fee_rate is not None:
            return base
        num, den = self.plan_monthly_nd
        accrues = max(0, self.owed - self.uncapitalised - self.plan_arrears)
        return base + (2 * accrues * num + den) // (2 * den)

    def _set_plan_rate(self, plan: Plan) -> None:
        self.plan_monthly, self.plan_fee_rate = agreement_rate(
            plan, quote=self.quote, contract_monthly=self.agreement_monthly
        )
        # the plan runs at the legal line instead of a dearer contract rate (a private loan)
        self.rate_capped = self.plan_monthly == self.agreement_monthly != self.monthly
        self._rate_pairs()

    def _rate_pairs(self) -> None:
        """The plan's rates as integer pairs for the monthly postings."""
        monthly = self.plan_monthly
        self.plan_monthly_nd = (monthly.numerator, monthly.denominator)
        penalty = monthly * 12 / self.basis * self.penalty_multiplier
        self.plan_penalty_nd = (penalty.numerator, penalty.denominator)

    def _amortise_over(self, months: int, base: int | None = None) -> None:
        self._rate_pairs()
        base = max(0, self.owed - self.uncapitalised if base is None else base)
        self.plan_list = []
        self.plan_term_left = months
        if getattr(self, "plan_fee_rate", None) is not None:
            self.plan_fee = interest_fen(base, self.plan_fee_rate)
            self.plan_level = div_round_half_up(base, months) + self.plan_fee
        else:
            self.plan_fee = 0
            self.plan_level = level_payment_fen(max(0, base), self.plan_monthly, months)

    def _end_holiday(self) -> None:
        if self.holiday_term:
            self.mode, self.prepay = AMORTISE, True
            self.plan_monthly = self.monthly if self.quote != "monthly_fee" else Fraction(0)
            self.plan_fee_rate = None if self.quote != "monthly_fee" else self.monthly
            self._amortise_over(self.holiday_term)
        else:  # back on the contract: a card's minimum is worked out afresh
            self.mode = CONTRACT
            self.card_due_given = None
