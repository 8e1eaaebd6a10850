"""The verdict on an offer: accept, counter or decline, by one rule written once.

* **decline** when the agreement's rate crosses a legal line (a court would not enforce the
  excess, so the borrower should not promise it), or when the budget falls short in more than a
  quarter of the offer's months (a plan that fails puts the borrower back in default, usually on
  worse terms: DOMAIN.md, "Negotiate");
* **accept** when the budget carries every month and the offer costs at most 5% more in all
  than the borrower's own plan for that debt (paid, plus what is left owed at the horizon);
* **counter** otherwise: affordable but dearer, or short in at most a quarter of its months.

The boundaries belong to the kinder side: exactly 5% dearer is accepted, short in exactly a
quarter of the months is countered, a rate exactly on a line does not cross it.

>>> decide(shortfall_months=0, offer_months=24, total_fen=105, own_total_fen=100)
<Verdict.ACCEPT: 'accept'>
"""

from __future__ import annotations

from enum import StrEnum
from fractions import Fraction

__all__ = ["ACCEPT_MARGIN", "SHORT_SHARE", "Verdict", "decide", "within_margin"]

ACCEPT_MARGIN = Fraction(5, 100)  # accept an offer up to 5% dearer than the own plan
SHORT_SHARE = Fraction(1, 4)  # counter an offer short in at most a quarter of its months


class Verdict(StrEnum):
    """What to do with an offer."""

    ACCEPT = "accept"
    COUNTER = "counter"
    DECLINE = "decline"


def within_margin(total_fen: int, own_total_fen: int) -> bool:
    """Whether an offer's total is at most :data:`ACCEPT_MARGIN` above the own plan's, exactly
    (integers, no rounding).

    Is 10,500.00 within 5% of 10,000.00? And 10,500.01?

    >>> within_margin(1_050_000, 1_000_000), within_margin(1_050_001, 1_000_000)
    (True, False)
    """
    return total_fen * ACCEPT_MARGIN.denominator <= own_total_fen * (
        ACCEPT_MARGIN.denominator + ACCEPT_MARGIN.numerator
    )


def decide(
    *,
    shortfall_months: int,
    offer_months: int,
    total_fen: int,
    own_total_fen: int,
    crosses_line: bool = False,
) -> Verdict:
    """The verdict on an offer from the four facts that decide it.

    Parameters
    ----------
    shortfall_months : int
        Months whose dues exceed what the budget leaves for debts, with the offer in place.
    offer_months : int
        The months the offer runs (the down payment's month, if any, and the instalments).
    total_fen, own_total_fen : int
        What the debt costs in all (paid, plus left owed at the horizon) under the offer and
        under the borrower's own plan.
    crosses_line : bool
        Whether the agreement's rate crosses a legal line.

    Examples
    --------
    A 24-month offer short in 6 months (a quarter) is worth a counter; in 7 months, not:

    >>> decide(shortfall_months=6, offer_months=24, total_fen=100, own_total_fen=100)
    <Verdict.COUNTER: 'counter'>
    >>> decide(shortfall_months=7, offer_months=24, total_fen=100, own_total_fen=100)
    <Verdict.DECLINE: 'decline'>

    Affordable and cheap, but over a legal line:

    >>> decide(shortfall_months=0, offer_months=12, total_fen=90, own_total_fen=100,
    ...        crosses_line=True)
    <Verdict.DECLINE: 'decline'>
    """
    if crosses_line:
        return Verdict.DECLINE
    if shortfall_months == 0:
        if within_margin(total_fen, own_total_fen):
            return Verdict.ACCEPT
        return Verdict.COUNTER
    if shortfall_months <= SHORT_SHARE * offer_months:
        return Verdict.COUNTER
    return Verdict.DECLINE
