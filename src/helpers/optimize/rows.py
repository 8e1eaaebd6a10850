"""Rows every debt's model shares (mixed into :class:`helpers.optimize.model.DebtModel`): the
payment split, late charges, the soft limit on arrears that keeps a loan from being called due,
the order premium and the shortened last instalment.

>>> RowHelpers.__name__
'RowHelpers'
"""

from __future__ import annotations

from helpers.engine import Mode
from helpers.optimize.common import BOUND_WEIGHT, CUT_WEIGHT, FEE_SLOPE, SLACK
from helpers.optimize.lp import ZERO, Lin

__all__ = ["RowHelpers"]


class RowHelpers:
    """Shared rows of a debt's model (see the module docstring)."""

    def _split(self, *buckets: Lin) -> list[Lin]:
        """One payment column per bucket, each at most the bucket (the engine fills them in
        the debt's payment order; the model lets the programme choose: a relaxation)."""
        paid = []
        for bucket in buckets:
            if bucket.is_const and bucket.const <= 0:
                paid.append(ZERO)
                continue
            column = self.lp.var()
            self.lp.le(column, bucket)
            paid.append(column)
        return paid

    def _late(self, unpaid: Lin, payment: Lin, reference: float = 0.0) -> Lin:
        """违约金 / late charges on what went unpaid: the rate exactly. The fixed fee, which the
        engine charges for any month with something unpaid, is an on/off event; two linear
        lower bounds stand in for it: ``fee × (1 − payment / a typical due)`` (the whole fee
        when nothing is paid) and ``fee × unpaid / the reference's due`` (none when the due is
        paid, the whole fee when the reference's due is left unpaid; its slope is kept under
        :data:`FEE_SLOPE`, so fees never compound). Leaving a few fen unpaid escapes both: the
        replay's repair tops such dues up."""
        late = unpaid * self.late_rate
        if self.late_fixed:
            fee = self.lp.var()
            due = max(reference, self.typical_due)
            self.lp.ge(fee, Lin(const=self.late_fixed) - payment * (self.late_fixed / due))
            month_due = max(self.dues_ref.get(self.m, 0.0), self.late_fixed / FEE_SLOPE)
            self.lp.ge(fee, unpaid * (self.late_fixed / month_due))
            late = late + fee
        return late

    def _window(self, unpaid: Lin, due_new: Lin, arrears_after: Lin) -> None:
        """The soft rule that keeps the count of missed dues below the acceleration trigger:
        arrears at most the unpaid new dues of the last N − 1 months (then fewer than N dated
        arrears can remain), with a penalised slack."""
        n = self.accelerate_after
        if not n or self.weight is None or self.forced is not None:
            return
        lp = self.lp
        w = lp.var()
        lp.le(w, unpaid)
        lp.le(w, due_new)
        entries = (self.window + [w])[-(n - 1) :] if n >= 2 else []
        slack = lp.var()
        self.penalties.append(slack * self.weight)
        total = Lin()
        for entry in entries:
            total = total + entry
        lp.le(arrears_after, total + slack)
        self.window.append(w)

    def _order(
        self, opening: tuple[Lin, Lin, Lin], paid: tuple[Lin, Lin, Lin], *, interest_bears: bool
    ) -> None:
        """Steer a part payment into the engine's order (charges, penalty interest, interest
        that bears none, then principal) instead of principal first: what was owed in those
        buckets at the start of the month and is still unpaid at its end is charged, in the
        objective only, just over the debt's dearest monthly rate. Only the opening amounts:
        charging what accrues during the month would make leaving interest unpaid look dearer
        than it is; and a reward for paying them could be farmed by letting penalty grow."""
        if not self.premium:
            return
        factors = (1.25, 1.2, 1.15 if not interest_bears else 0.0)
        for before, paid_b, factor in zip(opening, paid, factors, strict=True):
            if not factor or (before.is_const and before.const <= 0):
                continue
            left = self.lp.var()
            self.lp.ge(left, before - paid_b)
            self.penalties.append(left * (self.premium * factor))

    def _shortened(
        self, nominal: Lin, outstanding: Lin, *, at_zero: float, path: float, extra: float
    ) -> Lin:
        """The scheduled amount cut to what is outstanding (the engine's ``min``): nominal − g.

        The engine's g = max(0, nominal − outstanding) is convex in the outstanding amount, so
        it lies under its chord between nothing outstanding (g = ``at_zero``, the nominal then)
        and the amount on the on-time path (g = ``extra``, zero but for a list that overshoots);
        and all the cuts together come to no more than what was prepaid (both carried forward
        at the debt's rate). Without these rows the programme would prepay to shrink the dues
        it leaves unpaid; the engine only ever shortens the last ones.
        """
        lp = self.lp
        g = lp.var()
        lp.ge(g, nominal - outstanding)
        room = lp.var()  # the path is an estimate when the base depends on earlier payments
        self.penalties.append(room * BOUND_WEIGHT)
        lp.le(self.shortened + g, self.prepaid + room + (self.extra_total + extra + SLACK))
        if path > 0:
            chord = Lin(const=at_zero + SLACK) - outstanding * ((at_zero - extra) / path)
            lp.le(g, chord + room)
        self.extra_total += extra
        self.cut = g
        # The engine shortens only the last instalments; a linear model cannot say "last", so
        # a cut is priced by how many instalments would still follow it (a tie-break: where
        # nothing else is at stake the programme cuts where the engine does).
        following = self.term_left if self.mode != Mode.AMORTISE else self.plan_term_left
        if following > 1:
            self.penalties.append(g * (CUT_WEIGHT * (following - 1)))
        return nominal - g
