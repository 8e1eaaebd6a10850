"""Card months for :class:`helpers.optimize.model.DebtModel`: the minimum payment, its due
stock and 违约金, as linear rows.

The engine's minimum (DOMAIN.md) is 10% of the principal within the limit, plus cash advances
and any amount over the limit, plus interest, penalty and charges, plus the principal part of
earlier minimums left unpaid, capped at the balance. Two facts make most of it linear:

- what the next minimum carries over (the *due stock*: unpaid principal parts plus interest,
  penalty and charges owed) is ``max(0, due + interest − payment) + 违约金`` whichever buckets
  the payment filled, and never less than the interest, penalty and charges left unpaid;
- the 10% is taken of the principal as the engine's payment order leaves it, which the rows
  follow exactly when payments cover interest and charges (otherwise they count the unpaid
  interest and charges in it too).

The cap at the balance is not linear: the months in which it binds are taken from a reference
projection (the best allocation policy's), where the minimum is then the whole balance.

>>> CardMonths.__name__
'CardMonths'
"""

from __future__ import annotations

from helpers.optimize.lp import ZERO, Lin

__all__ = ["CardMonths"]


class CardMonths:
    """The card part of a debt's model (mixed into ``DebtModel``)."""

    def _card_due(self, m: int) -> None:
        """The month's minimum from the opening balances (DOMAIN.md's formula), linear: the
        cash and over-limit part is a column held at its lower bounds; the rest is the due
        stock (earlier unpaid principal parts, interest, penalty, charges)."""
        lp = self.lp
        if self.card_due_given is not None:
            given = self.card_due_given
            owed = self.owed()
            self.card_due = Lin(const=min(given, owed.const) if owed.is_const else given)
            self.card_due_given = None
            return
        if m in self.capped:  # the engine caps the minimum at the balance (see optimize)
            self.card_due = self.owed()
            return
        # The principal part is priced on the principal as the engine's payment order leaves it
        # (see _card), not on the programme's own split: a model that let principal paid first
        # lower every later minimum would pay principal first.
        principal = self.card_principal
        x = lp.var()
        over = self.limit is not None and self.P0 > self.limit
        if over:
            lp.ge(x, principal - self.limit)
        if self.cash0 > 0:
            lp.ge(x, principal - (self.P0 - self.cash0))
            if over and self.cash0 <= self.limit:
                lp.ge(x, principal * 2.0 - (self.limit + self.P0 - self.cash0))
        self.card_due = principal * self.min_rate + x * (1.0 - self.min_rate) + self.stock

    def _card(self, days: int) -> Lin:
        """A card month. The interest is billed when the month closes (a payment cannot settle
        it before). What the next minimum carries over (the due stock) is, in the engine,
        ``max(0, due + interest − payment) + 违约金`` whichever buckets the payment filled, and
        never less than the interest, penalty and charges left unpaid: both are rows here,
        exact until the minimum reaches the whole balance (the engine then caps it; the model
        does not, and overstates the 违约金 of a card left unpaid that long)."""
        lp = self.lp
        opening = (self.C, self.N, self.I)
        # the payment settles only what is billed; the month's interest is billed at its end,
        # on each day's balance: the opening one before the due day, what the payment left
        # from it (DOMAIN.md, worked example (b)): exact, and linear
        paid = self._split(self.C, self.N, self.I, self.P)
        payment = paid[0] + paid[1] + paid[2] + paid[3]
        before = self.befores[self.m]
        base = self.P + self.I if self.compound else self.P
        left = base - (paid[3] + paid[2] if self.compound else paid[3])
        interest = base * (self.dr * before) + left * (self.dr * (days - before))
        unpaid = lp.var()
        lp.ge(unpaid, self.card_due - payment)
        late = self._late(unpaid, payment)
        self.C = lp.state(self.C - paid[0] + late)
        self.N = lp.state(self.N - paid[1])
        self.I = lp.state(self.I - paid[2] + interest)
        self.P = lp.state(self.P - paid[3])
        stock = lp.var()
        lp.ge(stock, self.card_due + interest - payment + late)
        lp.ge(stock, self.C + self.N + self.I)
        self.stock = stock
        # The engine pays principal only with what is left after charges, penalty and interest:
        # the principal the next minimum takes 10% of falls by max(0, payment − those). The row
        # is that without the max, summed over the months: the principal plus whatever interest
        # and charges were posted and not yet paid. It is exact when payments cover them and
        # otherwise counts them in the 10% (pessimistic), which also keeps the programme from
        # paying principal first to lower later minimums.
        posted = (
            interest + late + (opening[0] + opening[1] + opening[2] if self.card_fresh else ZERO)
        )
        principal = lp.var()
        lp.ge(principal, self.card_principal + posted - payment)
        self.card_principal, self.card_fresh = principal, False
        self._order(opening, tuple(paid[:3]), interest_bears=self.compound)
        self.unpaid, self.kind = unpaid, "due"
        return payment
