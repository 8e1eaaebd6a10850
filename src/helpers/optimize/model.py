"""The linear model of one debt, month by month, for :mod:`helpers.optimize.schedule`.

Each :class:`DebtModel` walks the engine's month (``helpers.engine.scalar.state``: begin → accrue →
dues → pay → settle) with the balances as affine expressions of LP columns instead of integers.
What accrues by the day does so as in the engine around each month's due day: the days before
it on the opening balances, the days from it on what the payment leaves (``befores``, the
engine's calendar). Contract shapes live here (instalment, matured, on demand); cards in
:mod:`helpers.optimize.card`, agreements in :mod:`helpers.optimize.plans`.

What the engine decides by ``if`` from a payment becomes linear in one of three ways:

- a column with bounds the engine's path satisfies, where the programme then picks the value
  the engine would (an unpaid part ``max(0, due − paid)`` under a cost that grows with it; a
  plan's arrears still unpaid after its due day);
- a row or a column that is exact on the usual path and errs on the dear side off it (what
  bears penalty after a month is the whole unpaid part of the due: exact when the payment
  covered the penalty and charges, which the engine pays first; the arrears still unpaid after
  the due day, counted from it less the principal that fell due: exact when the payment covered
  the month's interest too);
- a steering term in the objective that is not cost (a premium that makes a part payment fill
  the buckets in the engine's order; soft limits on arrears that keep a loan from being called
  due; a tie-break that puts a prepaid loan's shortened instalments at its end).

Amounts are yuan (fen / :data:`~helpers.optimize.common.SCALE`); rates are the engine's exact
rates as floats.

Zhang Wei's 借呗 loan left unpaid for two months, the engine's projection of that as the
reference: the programme's total cost against the engine's, in fen (they differ by the engine's
rounding of each posting):

>>> from helpers.case import load_sample
>>> from helpers.engine import project, scenario_metrics
>>> from helpers.optimize.solve import solve_programme
>>> case = load_sample()
>>> one = case.model_copy(update={"debts": (case.debt("d4"),)})
>>> unpaid = project(one, horizon=2, means_fen=[0, 0])
>>> round(solve_programme(one, {}, [0, 0], horizon=2, reference=unpaid).cost_fen)
1231401
>>> scenario_metrics(unpaid).balance_left_fen
1231400
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from fractions import Fraction

from helpers.case import Debt
from helpers.engine import ContractStart, Mode, Shape, contract_start
from helpers.optimize.card import CardMonths
from helpers.optimize.common import (
    SCALE,
    const_lin,
    days_before_due,
)
from helpers.optimize.lp import ZERO, Lin, Program
from helpers.optimize.plans import PlanMonths
from helpers.optimize.rows import RowHelpers
from helpers.plans import (
    Plan,
    StepUp,
)

__all__ = ["DebtModel"]


class DebtModel(RowHelpers, CardMonths, PlanMonths):
    """One debt's months as LP rows (see the module docstring).

    After :meth:`month` the attributes ``unpaid`` (the unpaid part of the month's due, an
    expression, or None for a month with no due) and ``kind`` (``"due"`` for a month with a
    scheduled due, ``"free"`` otherwise) describe that month.
    """

    def __init__(
        self,
        lp: Program,
        debt: Debt,
        as_of: date,
        plan: Plan | None,
        days: list[int],
        *,
        acceleration_weight: float | None = None,
        order_premium: float = 0.0,
        affordable: Callable[[int, float], bool] | None = None,
        capped: frozenset[int] = frozenset(),
        light: Mapping[int, float] | None = None,
        dues: Mapping[int, float] | None = None,
        forced: int | None = None,
        befores: Sequence[int] | None = None,
    ) -> None:
        s = contract_start(debt, as_of)
        self.lp, self.days, self.plan, self.id = lp, days, plan, debt.id
        # the days of each month before the debt's due day (the engine's calendar by default)
        if befores is None:
            befores = days_before_due(as_of, debt.due_day, len(days))
        self.befores = list(befores)
        self.secured = s.secured
        self.quote = s.quote
        self.mr, self.dr = float(s.monthly), float(s.daily)
        self.agreement_monthly = s.agreement_monthly  # exact, for the agreement's terms
        self.penalty_daily = float(s.penalty_daily)
        self.basis, self.multiplier = s.basis, float(s.penalty_multiplier)
        self.compound = s.compound
        self.late_rate, self.late_fixed = float(s.late), s.late_fixed / SCALE
        self.accelerate_after = s.accelerate_after
        self.weight = acceleration_weight
        self.affordable = affordable or (lambda month, amount: True)
        self.shape, self.term_left = s.shape, s.term_left
        self.level, self.fee, self.per = s.level / SCALE, s.fee / SCALE, s.per_principal / SCALE
        p, i, n, c = (b / SCALE for b in s.balances)
        self.P, self.I, self.N, self.C = Lin(const=p), Lin(const=i), Lin(const=n), Lin(const=c)
        self.op, self.oi = const_lin(s.overdue_principal), const_lin(s.overdue_interest)
        # what bears penalty interest: overdue principal, and overdue interest when compounded
        self.bearing = self.op + (self.oi if s.compound else ZERO)
        self.P0 = p
        self.limit = None if s.limit is None else s.limit / SCALE
        self.cash0, self.min_rate = s.cash / SCALE, float(s.min_rate)
        self.card_due_given = None if s.given_minimum is None else s.given_minimum / SCALE
        # the card's due stock: unpaid principal part of earlier minimums + interest, penalty
        # and charges owed (nothing carried yet at the start, and the buckets)
        self.stock = const_lin(s.balances[1] + s.balances[2] + s.balances[3])
        self.card_due = ZERO
        self.card_principal, self.card_fresh = Lin(const=p), True
        self.capped = capped  # months whose minimum is the whole balance in the reference
        self.forced = forced  # the month no schedule keeps the debt from being called due
        self.light = dict(light or {})  # months the reference pays less than penalty + charges
        self.dues_ref = dict(dues or {})  # the reference's due each month
        self.m = 0
        self.window: list[Lin | float] = [a / SCALE for _, a in s.arrears]
        self.prepaid = ZERO  # prepayments so far, carried forward at the debt's rate
        self.shortened = ZERO  # cuts to scheduled dues so far, likewise
        self.extra_total, self.cut = 0.0, ZERO
        # current principal on the contract's schedule
        self.path_cur = (s.balances[0] - s.overdue_principal) / SCALE
        self.typical_due = max(1.0, self._typical_due(s))
        self.mode, self.cap = Mode.CONTRACT, None
        # plan state (mirrors DebtState's)
        self.Ocur, self.Oarr = ZERO, ZERO
        self.plan_monthly, self.plan_fee_rate = 0.0, None
        self.plan_rate = Fraction(0)
        self.plan_fee: Lin | None = None
        self.plan_level: Lin = ZERO
        self.plan_term_left, self.plan_list, self.plan_down = 0, [], None
        self.plan_path: list[float] = []
        self.path_index = 0
        self.owed0 = s.owed / SCALE
        self.holiday_left, self.holiday_accrues, self.holiday_term = 0, False, None
        self.step_term, self.lump, self.lump_month, self.honour = 0, ZERO, -1, False
        self.penalties: list[Lin] = []  # soft acceleration slacks and order premiums
        self.premium = order_premium * max(self.mr, self.dr * 31, self.penalty_daily * 31)
        self.unpaid: Lin | None = None
        self.kind = "free"

    def _typical_due(self, s: ContractStart) -> float:
        if self.shape == Shape.INSTALMENT:
            return self.level or (self.per + self.fee)
        if self.shape == Shape.REVOLVING:
            given = self.card_due_given
            return given if given else 0.1 * s.owed / SCALE
        return s.owed / SCALE

    # ---- views ---------------------------------------------------------------------------
    def owed(self) -> Lin:
        """Everything owed at the end of the last month modelled (an expression).

        >>> from helpers.case import load_sample
        >>> case = load_sample()
        >>> DebtModel(Program(), case.debt("d5"), case.as_of, None, [30]).owed().const
        10000.0
        """
        if self.mode == Mode.CLOSED:
            return ZERO
        if self.mode == Mode.AMORTISE:
            return self.Ocur + self.Oarr
        return self.P + self.I + self.N + self.C

    # ---- the month -----------------------------------------------------------------------
    def month(self, m: int) -> Lin:
        """Add month ``m``'s rows; return the payment to this debt that month (an expression).

        >>> from helpers.case import load_sample
        >>> case = load_sample()
        >>> model = DebtModel(Program(), case.debt("d4"), case.as_of, None, [30])
        >>> len(model.month(0).terms) > 0, model.kind
        (True, 'due')
        """
        self.unpaid, self.kind, self.m = None, "free", m
        if self.mode == Mode.CLOSED:
            return ZERO
        self._begin(m)
        days = self.days[m]
        if self.mode == Mode.WAIT:
            payment = self._wait(m)
        elif self.mode == Mode.HOLIDAY:
            payment = self._holiday(days)
        elif self.mode == Mode.AMORTISE:
            payment = self._amortise(days)
        elif self.shape == Shape.REVOLVING:
            payment = self._card(days)
        elif self.shape == Shape.INSTALMENT:
            payment = self._instalment(days)
        elif self.shape == Shape.MATURED:
            payment = self._matured(days)
        else:
            payment = self._on_demand(days)
        if self.cap is not None:
            self.lp.le(payment, self.cap)
        return payment

    def _begin(self, m: int) -> None:
        plan = self.plan
        if plan is not None and m == plan.start:
            self._agree(plan)
        elif self.mode == Mode.HOLIDAY and self.holiday_left == 0:
            self._end_holiday()
        elif (
            self.mode == Mode.AMORTISE
            and isinstance(plan, StepUp)
            and m == plan.start + plan.low_months
        ):
            self._amortise_over(self.step_term, self.Ocur + self.Oarr)
        if self.mode == Mode.CONTRACT and self.shape == Shape.REVOLVING:
            self._card_due(m)

    def _instalment(self, days: int) -> Lin:
        """An instalment month. What bears penalty interest after it is taken to be the whole
        unpaid part of the due: exact when the payment covered the penalty and charges (the
        engine pays those first), more than the engine's otherwise. So it depends on the
        payment, not on which buckets the programme fills, and paying principal first gains
        nothing; the buckets themselves only keep the books (and what a waiver forgives).
        By the day, interest and penalty accrue before the due day on the opening balances and
        from it on what the payment leaves (:meth:`_after_due`)."""
        lp = self.lp
        before = self.befores[self.m]
        cur = self.P - self.op
        if self.quote == "monthly_fee":
            interest = self._fee()
        elif self.quote == "annual":
            interest = cur * self.mr
        elif self.quote == "daily":
            interest = cur * (self.dr * before)
        else:  # a monthly bill: nothing until its due day
            interest = ZERO
        opening = self.bearing
        penalty = opening * (self.penalty_daily * before)
        i1, n1 = self.I + interest, self.N + penalty
        fee_loan = self.quote == "monthly_fee"
        path = self.path_cur
        if self.term_left >= 2:
            nominal = Lin(const=self.per) if fee_loan else Lin(const=self.level) - cur * self.mr
            on_path = self.per if fee_loan else self.level - path * self.mr
            at_zero = self.per if fee_loan else self.level
            sched = self._shortened(
                nominal, cur, at_zero=at_zero, path=path, extra=max(0.0, on_path - path)
            )
            self.path_cur = max(0.0, path - max(0.0, on_path))
        else:
            sched = cur
            self.path_cur = 0.0
        due_new = sched + i1 - self.oi
        paid_c, paid_n, paid_i = self._split(self.C, n1, i1)
        paid_p = lp.var()
        lp.le(paid_p, self.op + sched)
        extra = lp.var()
        lp.le(extra, cur - sched)
        payment = paid_c + paid_n + paid_i + paid_p + extra
        unpaid = self.op + self.oi + n1 + self.C + due_new - (paid_c + paid_n + paid_i + paid_p)
        late = self._late(unpaid, payment)
        self.C = lp.state(self.C - paid_c + late)
        oi = lp.state(i1 - paid_i)
        self.op = lp.state(self.op + sched - paid_p)
        self.P = lp.state(self.P - paid_p - extra)
        self.bearing = self._bearing(unpaid, due_new if self.compound else sched)
        old = self._old(opening, self.bearing, sched)
        growth = 1.0 if fee_loan else 1.0 + self.mr
        self.prepaid = lp.state((self.prepaid + extra) * growth)
        if self.term_left >= 2:
            self.shortened = lp.state((self.shortened + self.cut) * growth)
            self._window(unpaid, due_new, unpaid + late)
        self.term_left -= 1
        if self.term_left == 0:
            self.shape = Shape.MATURED
        elif self.m == self.forced:  # called due in full: all of it bears penalty from now on
            # what bears penalty, plus the principal not yet due: the whole principal (and
            # interest, compounded) as the engine's payment order leaves it, whichever buckets
            # the programme filled
            self.shape, self.term_left = Shape.MATURED, 0
            self.op = self.P
            self.bearing = lp.state(self.bearing + cur - sched - extra)
        interest, penalty = self._after_due(self.bearing, old, self.P - self.op)
        self.N = lp.state(n1 - paid_n + penalty)
        self.I = self.oi = oi
        if interest.terms or interest.const:  # not overdue: part of next month's due
            self.I = lp.state(oi + interest)
        self.unpaid, self.kind = unpaid, "due"
        return payment

    def _bearing(self, unpaid: Lin, new: Lin) -> Lin:
        """What bears penalty interest after the month. The engine pays penalty and charges
        first, so a payment reaches the interest-bearing arrears only beyond them: the piece is
        chosen from the reference projection. Where it paid less than them (``light``), the
        arrears as they were plus the part of the month's new due that went overdue (``new``);
        elsewhere the whole unpaid part of the due. Either is exact in its own regime and errs
        on the dear side in the other."""
        if self.m in self.light:
            return self.lp.state(self.bearing + new)
        return self.lp.state(unpaid)

    def _old(self, opening: Lin, bearing: Lin, principal: Lin) -> Lin:
        """Of what bears penalty after the payment (``bearing``), what already bore it at the
        opening (``opening``): the engine charges it every day from the due day on, and what
        fell overdue on the due day only from the day after. Not linear (the engine's
        ``max(0, arrears − what the payment took from them)``). Where the month is light the
        payment did not reach the arrears: all of ``opening``. Elsewhere a column held at or
        above 0 and ``bearing − principal`` (``principal``: the principal that fell due this
        month), which the cost holds at the larger: the engine's figure when the payment also
        covered the month's interest, and for a loan that does not compound; a compounding
        loan's payment that covered penalty and charges but not all of the month's interest
        is costed on the dear side, by at most a day's penalty on that interest."""
        if not self.penalty_daily or (opening.is_const and opening.const <= 0):
            return ZERO  # nothing bore penalty at the opening
        if self.m in self.light:
            return opening
        old = self.lp.var()
        self.lp.ge(old, bearing - principal)
        return old

    def _after_due(self, bearing: Lin, old: Lin, current: Lin) -> tuple[Lin, Lin]:
        """What accrues from the due day to the month's end, ``after`` days, after the
        payment (the engine's ``_accrue_after_due``; it falls due next month): penalty on what
        bears it, ``after − 1`` days on all of it and a day more on ``old`` (see :meth:`_old`),
        and a daily-quoted loan's interest on its ``current`` principal (not yet due)."""
        after = self.days[self.m] - self.befores[self.m]
        interest = current * (self.dr * after) if self.quote == "daily" else ZERO
        penalty = ZERO
        if self.penalty_daily:
            penalty = bearing * (self.penalty_daily * (after - 1)) + old * self.penalty_daily
        return interest, penalty

    def _fee(self) -> Lin:
        """A card-style monthly fee on the original principal, charged while the contract's
        schedule still has principal to repay (the engine stops it only when the debt is
        cleared: a partial prepayment saves nothing, so none is credited)."""
        return Lin(const=self.fee) if self.path_cur > 0 else ZERO

    def _accrue_contract(
        self, days: int, before: int | None = None, *, penalty: bool
    ) -> tuple[Lin, Lin]:
        """Interest and penalty before the due day, ``before`` days of the month's ``days``
        (None on a holiday: the whole month); a card's interest runs the whole month."""
        cur = self.P - self.op
        span = days if before is None else before
        if self.shape == Shape.REVOLVING:
            base = self.P + self.I if self.compound else self.P
            interest = base * (self.dr * days)
        elif self.quote == "annual":
            interest = cur * self.mr
        elif self.quote == "daily":
            interest = cur * (self.dr * span)
        else:
            interest = self._fee() if self.term_left > 0 else ZERO
        if penalty and self.penalty_daily and self.shape != Shape.REVOLVING:
            return interest, self.bearing * (self.penalty_daily * span)
        return interest, ZERO

    def _matured(self, days: int) -> Lin:
        """Everything is due; what is left unpaid bears penalty after it (as in
        :meth:`_instalment`, counting unpaid penalty and charges too)."""
        lp = self.lp
        opening = self.bearing
        interest, penalty = self._accrue_contract(days, self.befores[self.m], penalty=True)
        i1, n1 = self.I + interest, self.N + penalty
        current = self.P - self.op  # not yet overdue: falls due now (and its interest, if any)
        new = current + (i1 - self.oi if self.compound else ZERO)
        paid = self._split(self.C, n1, i1, self.P)
        payment = paid[0] + paid[1] + paid[2] + paid[3]
        owed = self.P + i1 + n1 + self.C
        unpaid = owed - payment
        late = self._late(unpaid, payment, self.owed0)
        self.C = lp.state(self.C - paid[0] + late)
        self.I = self.oi = lp.state(i1 - paid[2])
        self.P = self.op = lp.state(self.P - paid[3])
        self.bearing = self._bearing(unpaid, new)
        old = self._old(opening, self.bearing, current)
        _, penalty = self._after_due(self.bearing, old, ZERO)
        self.N = lp.state(n1 - paid[1] + penalty)
        self.unpaid, self.kind = unpaid, "due"
        return payment

    def _on_demand(self, days: int) -> Lin:
        """No due and nothing overdue: a daily-quoted loan's interest from the due day on is
        on the principal the payment leaves."""
        interest, penalty = self._accrue_contract(days, self.befores[self.m], penalty=True)
        payment = self._pay_freely(interest, penalty)
        interest, penalty = self._after_due(self.bearing, self.bearing, self.P - self.op)
        self.I, self.N = self.lp.state(self.I + interest), self.lp.state(self.N + penalty)
        return payment

    def _pay_freely(self, interest: Lin, penalty: Lin) -> Lin:
        lp = self.lp
        opening = (self.C, self.N, self.I)
        i1, n1 = self.I + interest, self.N + penalty
        paid = self._split(self.C, n1, i1, self.P)
        self.C = lp.state(self.C - paid[0])
        self.N = lp.state(n1 - paid[1])
        self.I = lp.state(i1 - paid[2])
        self.P = lp.state(self.P - paid[3])
        bears = self.shape == Shape.REVOLVING and self.compound
        self._order(opening, tuple(paid[:3]), interest_bears=bears)
        return paid[0] + paid[1] + paid[2] + paid[3]
