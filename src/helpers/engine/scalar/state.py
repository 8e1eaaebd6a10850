"""One debt's running state in the scalar engine: balances, arrears, its contract and its plan.

Everything is plain Python integers (fen) and exact fractions. A month comes in two halves
around the payments (DESIGN.md, "Order of a month"): :meth:`DebtState.open_month` (the plan's
events, accruals, the due), then :meth:`~DebtState.pay`, then :meth:`~DebtState.close_month`
(what went unpaid, charges, acceleration; the month's row). Dates are held as ordinals.

>>> from datetime import date
>>> from helpers.case import load_sample
>>> state = DebtState(load_sample().debt("d2"), date(2025, 4, 1))
>>> state.owed, state.shape.name
(1520000, 'REVOLVING')
"""

from __future__ import annotations

from datetime import date

from helpers.case import Debt
from helpers.engine.contract import BUCKETS, Mode, Shape, ranking_rate
from helpers.engine.scalar.state_accrue import AccruePart
from helpers.engine.scalar.state_contract import CONTRACT_SLOTS, ContractPart, contract_values
from helpers.engine.scalar.state_plan import ZEROS as _ZEROS
from helpers.engine.scalar.state_plan import PlanPart
from helpers.plans import Plan
from helpers.rates import interest_fen

__all__ = ["BUCKETS", "ranking_rate"]  # DebtState: the engine's machinery (used by the replay)

# the hot path compares against module names (the enums' members)
REVOLVING, INSTALMENT, MATURED = Shape.REVOLVING, Shape.INSTALMENT, Shape.MATURED
CONTRACT, AMORTISE, HOLIDAY, WAIT, CLOSED = tuple(Mode)
_MODE_LABELS = tuple(mode.name.lower() for mode in Mode)  # as the rows show them


class DebtState(AccruePart, ContractPart, PlanPart):
    """The mutable state of one debt during a projection (see the module docstring)."""

    __slots__ = (
        "acc_interest",
        "acc_penalty",
        "before_due",
        "open_base",
        "open_mode",
        "open_oi",
        "open_op",
        "open_pa",
        "agreement_monthly",
        "rate_capped",
        "accelerate_after",
        "arrears",
        "arrears_sum",
        "balances",
        "basis",
        "card",
        "card_carry",
        "card_due_given",
        "card_required",
        "called_due",
        "cash",
        "compound",
        "daily",
        "daily_nd",
        "due",
        "due_new",
        "fee",
        "holiday_accrues",
        "holiday_capitalise",
        "holiday_left",
        "holiday_term",
        "id",
        "late_fixed",
        "late_nd",
        "late_rate",
        "level",
        "limit",
        "lump",
        "lump_month",
        "lump_now",
        "min_rate",
        "mode",
        "monthly",
        "monthly_nd",
        "opening",
        "order",
        "overdue_interest",
        "overdue_principal",
        "paid",
        "pay_cap",
        "penalty_daily",
        "penalty_multiplier",
        "penalty_nd",
        "per_principal",
        "plan",
        "plan_arrears",
        "plan_down",
        "plan_fee",
        "plan_fee_rate",
        "plan_level",
        "plan_list",
        "plan_monthly",
        "plan_monthly_nd",
        "plan_penalty_nd",
        "plan_term_left",
        "prepay",
        "quote",
        "reported",
        "sched_principal",
        "secured",
        "shape",
        "step_term",
        "term_left",
        "uncapitalised",
        "waived",
        "want",
    )

    def __init__(self, debt: Debt, as_of: date, plan: Plan | None = None) -> None:
        for name, value in zip(CONTRACT_SLOTS, contract_values(debt, as_of), strict=True):
            setattr(self, name, value)
        self.balances = list(self.balances)
        self.arrears = [list(entry) for entry in self.arrears]
        self._start_plan(plan)

    # ---- views ---------------------------------------------------------------------------
    @property
    def owed(self) -> int:
        """Everything owed now: principal + interest + penalty + charges."""
        return sum(self.balances)

    @property
    def first_claim(self) -> bool:
        """Paid before the policy shares the rest: a secured debt, or an agreed settlement in its
        lump-sum month (the money was set aside for it)."""
        return self.secured or (self.mode == WAIT and self.due > 0)

    @property
    def current_principal(self) -> int:
        """Principal not yet past due."""
        return self.balances[0] - self.overdue_principal

    @property
    def arrears_total(self) -> int:
        """The amounts past due."""
        if self.mode == AMORTISE:
            return self.plan_arrears
        p, i, n, c = self.balances
        if self.shape == REVOLVING:
            return min(self.owed, self.arrears_sum)
        return min(self.owed, self.overdue_principal + self.overdue_interest + n + c)

    def earliest_unpaid(self) -> date | None:
        """The earliest due date still unpaid (None when nothing is past due)."""
        return date.fromordinal(self.arrears[0][0]) if self.arrears else None

    # ---- a month, in two halves ---------------------------------------------------------
    def open_month(self, month: int, days: int, before: int | None = None) -> int:
        """The first half of ``month`` (DESIGN.md, "Order of a month"): the plan's events, the
        accruals up to the due day, and the due; returns what the debt asks to be paid.
        ``days`` is the month's length and ``before`` the days before its due day (all of them
        when not given). Records ``opening``, ``waived``, ``acc_interest`` and ``acc_penalty``
        for the month's row; :meth:`close_month` adds what accrues from the due day on. Not
        called on a closed debt.
        """
        balances = self.balances
        self.opening = tuple(balances)
        self.paid = _ZEROS  # a list from the first payment
        self.waived = _ZEROS if self.plan is None else self._events(month)
        if self.mode == CONTRACT and self.shape == REVOLVING:  # the statement's minimum
            self._card_due(*balances)
        self.before_due = days if before is None else before
        self.open_mode = self.mode
        self.open_op, self.open_oi = self.overdue_principal, self.overdue_interest
        self.open_pa = self.plan_arrears
        ai, an = self._accrue(days)
        self.acc_interest, self.acc_penalty = ai, an
        balances[1] += ai
        balances[2] += an
        return self._due(month)

    def _due(self, month: int) -> int:
        """The month's due (what keeps the debt current) and what to pay towards it."""
        p, i, n, c = self.balances
        mode, shape = self.mode, self.shape
        overdue_principal = self.overdue_principal
        owed = p + i + n + c
        self.sched_principal = 0
        self.lump_now = False
        if mode == CONTRACT:
            if shape == REVOLVING:
                arrears = self.arrears_sum
            else:
                arrears = overdue_principal + self.overdue_interest + n + c
            if owed < arrears:
                arrears = owed
            if shape == REVOLVING:
                due = self.due
                due_new = due - arrears if due > arrears else 0
            elif shape == INSTALMENT:
                current = p - overdue_principal
                if self.term_left <= 1:
                    principal = current
                elif self.quote == "monthly_fee":
                    principal = self.per_principal
                else:  # the level schedule's principal part
                    num, den = self.monthly_nd
                    principal = self.level - (2 * current * num + den) // (2 * den)
                if principal > current:
                    principal = current
                self.sched_principal = principal if principal > 0 else 0
                due_new = self.sched_principal + i - self.overdue_interest
                due = due_new + arrears
                if owed < due:
                    due = owed
            elif shape == MATURED:
                due, due_new = owed, owed - arrears
            else:
                due = due_new = 0
            cap = self.pay_cap
            want = due if cap is None else (owed if owed < cap else cap)
        elif mode == AMORTISE:
            outstanding = owed - self.plan_arrears
            if self.plan_down:
                scheduled = self.plan_down
            elif self.plan_list:
                scheduled = self.plan_list[0]
            elif self.plan_term_left > 1:
                scheduled = self.plan_level
            else:
                scheduled = outstanding
            scheduled += self.uncapitalised
            due_new = outstanding if outstanding < scheduled else scheduled
            due = due_new + self.plan_arrears
            due = want = owed if owed < due else due
        elif mode == WAIT and month == self.lump_month:
            due = due_new = want = self.lump
            self.lump_now = True
        else:  # on holiday, closed, or waiting for the settlement's month
            due = due_new = want = 0
        self.due, self.due_new, self.want = due, due_new, want
        return want

    def _card_due(self, p: int, i: int, n: int, c: int) -> None:
        """A card's minimum due this month, from the opening balances."""
        if self.card_due_given is not None:
            due = self.card_due_given
            self.card_due_given = None
        else:
            over = max(0, p - self.limit) if self.limit is not None else 0
            cash = min(self.cash, p - over)
            base = max(0, p - cash - over)
            due = interest_fen(base, self.min_rate) + cash + over + self.card_carry + i + n + c
        owed = p + i + n + c
        self.due = owed if owed < due else due
        self.card_required = max(0, self.due - i - n - c)

    def pay(self, amount: int) -> int:
        """Apply a payment to the buckets in the debt's payment order (adding to the month's
        ``paid``); returns what it took, at most what is owed."""
        balances, paid = self.balances, self.paid
        if paid is _ZEROS:
            paid = self.paid = [0, 0, 0, 0]
        left = amount
        for k in self.order:
            owed = balances[k]
            take = left if left < owed else owed
            if take:
                paid[k] += take
                balances[k] = owed - take
                left -= take
                if k == 0:
                    self.cash = max(0, self.cash - take)
                if not left:
                    break
        return amount - left

    def prepay_principal(self, amount: int) -> int:
        """Pay extra towards the balance (after the month's dues, which were paid in full since
        money is left); returns what it took."""
        return self.pay(min(amount, self.owed))

    def close_month(self, month: int, label: str, due_ord: int, end_ord: int) -> tuple:
        """The second half of ``month``, after the payments: record what went unpaid, post
        charges for it, accelerate when the contract says so, close a cleared debt; returns the
        month's row (:data:`helpers.engine.ROW_COLUMNS`). ``due_ord`` and ``end_ord``
        are the ordinals of the month's due date and of the first day of the next month."""
        p0, p1, p2, p3 = self.paid
        total = p0 + p1 + p2 + p3
        mode = self.mode
        charged = 0
        waived = self.waived
        if mode == HOLIDAY:
            self.holiday_left -= 1
        elif mode == WAIT:
            if self.lump_now and total >= self.lump:  # settled: the lender forgives the rest
                forgiven, self.balances = self.balances, [0, 0, 0, 0]
                waived = tuple(a + b for a, b in zip(waived, forgiven, strict=True))
                self.mode, self.arrears, self.arrears_sum = CLOSED, [], 0
                self.overdue_principal = self.overdue_interest = 0
            elif self.lump_now:  # not paid in full: the agreement lapses
                self.mode = CONTRACT
                self.overdue_principal = min(self.overdue_principal, self.balances[0])
                self.overdue_interest = min(self.overdue_interest, self.balances[1])
        elif mode != CLOSED:
            charged = self._settle(month, total, p0, p1, end_ord - due_ord, due_ord)
        arrears = self.arrears
        late = end_ord - arrears[0][0] - 1 if arrears else 0  # days overdue at the month's end
        b0, b1, b2, b3 = self.balances
        o0, o1, o2, o3 = self.opening
        due = self.due
        return (
            self.id, month, label,
            o0, 0, waived[0], p0, b0,
            o1, self.acc_interest, waived[1], p1, b1,
            o2, self.acc_penalty, waived[2], p2, b2,
            o3, charged, waived[3], p3, b3,
            due, total, due - total if due > total else 0, late if late > 0 else 0,
            _MODE_LABELS[self.mode],
        )  # fmt: skip

    def _settle(
        self, month: int, total: int, principal_paid: int, interest_paid: int, after: int,
        due_ord: int,
    ) -> int:  # fmt: skip
        """What went unpaid of the month's due, the late charge on it, acceleration, what
        accrues from the due day to the month's end (``after`` days), and the arrears brought
        in line; returns the charges posted."""
        mode = self.mode
        due = self.due
        unpaid = due - total if due > total else 0
        arrears_before = due - self.due_new
        arrears_paid = total if total < arrears_before else arrears_before
        unpaid_new = self.due_new - (total - arrears_paid)
        if arrears_paid:
            self._reduce_arrears(arrears_paid)
        if unpaid_new > 0:
            self.arrears.append([due_ord, unpaid_new])
            self.arrears_sum += unpaid_new
        balances = self.balances
        if mode == AMORTISE:
            self.plan_arrears = unpaid
            self.uncapitalised = max(0, self.uncapitalised - total)
            if self.plan_down:
                self.plan_down = 0
            elif self.plan_list:
                self.plan_list.pop(0)
            elif self.plan_term_left:
                self.plan_term_left -= 1
        elif self.shape == REVOLVING:
            carry = self.card_required - principal_paid
            self.card_carry = carry if carry > 0 else 0
        elif self.shape == INSTALMENT:
            op = self.overdue_principal + self.sched_principal - principal_paid
            self.overdue_principal = op if op > 0 else 0
            self.overdue_interest = balances[1] if unpaid else 0
            self.term_left -= 1
            if self.term_left == 0:
                self.shape = MATURED
        elif self.shape == MATURED and due:
            self.overdue_principal = balances[0]
            self.overdue_interest = balances[1]
        charged = 0
        if unpaid and (due or mode == AMORTISE):
            num, den = self.late_nd
            charged = (2 * unpaid * num + den) // (2 * den) + self.late_fixed
            balances[3] += charged
            if mode == AMORTISE:
                self.plan_arrears += charged
        if self.accelerate_after and len(self.arrears) >= self.accelerate_after:
            if mode == AMORTISE or self.shape == INSTALMENT:  # called due in full
                if mode == AMORTISE:
                    self.mode, self.prepay = CONTRACT, False
                self._accelerate()
                if self.called_due is None:
                    self.called_due = month
        if mode == CONTRACT or mode == AMORTISE:
            self._accrue_after_due(after, unpaid, total, principal_paid, interest_paid)
        # keep the dated arrears equal to the amounts past due (penalty and charges included)
        p, i, n, c = balances
        if self.overdue_principal > p:
            self.overdue_principal = p
        if self.overdue_interest > i:
            self.overdue_interest = i
        owed = p + i + n + c
        if self.mode == AMORTISE:
            target = self.plan_arrears
        elif self.shape == REVOLVING:
            target = owed if owed < self.arrears_sum else self.arrears_sum
        else:
            target = self.overdue_principal + self.overdue_interest + n + c
            target = owed if owed < target else target
        current = self.arrears_sum
        if target <= 0:
            self.arrears, self.arrears_sum = [], 0
        elif current < target:
            if self.arrears:
                self.arrears[-1][1] += target - current
            else:
                self.arrears.append([due_ord, target - current])
            self.arrears_sum = target
        elif current > target:
            self._reduce_arrears(current - target)
        if owed == 0:
            self.mode = CLOSED
            self.arrears, self.arrears_sum = [], 0
        return charged

    def _reduce_arrears(self, amount: int) -> None:
        arrears = self.arrears
        while amount and arrears:
            entry = arrears[0]
            take = amount if amount < entry[1] else entry[1]
            entry[1] -= take
            amount -= take
            self.arrears_sum -= take
            if entry[1] == 0:
                arrears.pop(0)
