"""Level instalments to the fen: the payment, the schedule, and the payment that clears a debt.

Rates are held as exact fractions (``Fraction(Decimal(repr(rate)))``) so every path rounds the
same way: half-up, once per posting (DESIGN.md, "Conventions").

>>> level_payment_fen(10_000_000, exact_rate(0.0435) / 12, 60)   # 100,000 at 4.35% over 5 years
185749
>>> schedule = level_schedule(10_000_000, exact_rate(0.0435) / 12, 60)
>>> schedule[0], schedule[-1]
((185749, 36250, 149499), (185740, 671, 185069))
"""

from __future__ import annotations

from decimal import Decimal, localcontext
from fractions import Fraction

from helpers.money import div_round_half_up

__all__ = [
    "exact_rate",
    "interest_fen",
    "level_factor",
    "level_payment_fen",
    "level_schedule",
    "clearing_payment_fen",
]


def exact_rate(rate: float | Decimal | str | Fraction) -> Fraction:
    """A rate as an exact fraction of its decimal form: 0.0435 is 435/10000, not a binary float.

    >>> exact_rate(0.0435), exact_rate("0.0005")
    (Fraction(87, 2000), Fraction(1, 2000))
    """
    if isinstance(rate, Fraction):
        return rate
    return Fraction(Decimal(repr(rate) if isinstance(rate, float) else str(rate)))


def interest_fen(balance_fen: int, rate: Fraction) -> int:
    """Interest on a balance at an exact rate for one posting, rounded half-up to the fen.

    >>> interest_fen(1_000_000, exact_rate("0.0005") * 30)   # 30 days at 0.05% on 10,000.00
    15000
    """
    return div_round_half_up(balance_fen * rate.numerator, rate.denominator)


def level_factor(monthly_rate: Fraction, months: int, *, digits: int = 50) -> Decimal:
    """The level instalment per yuan borrowed: ``r / (1 − (1 + r)^−n)``, or ``1 / n`` at a zero
    rate, to ``digits`` significant digits. The one formula of a level instalment: the engine's
    :func:`level_payment_fen`, the vectorised engine's batches and the optimiser's model use it.

    >>> round(level_factor(exact_rate(0.0435) / 12, 60) * 100_000, 2)   # per 100,000 borrowed
    Decimal('1857.49')
    >>> level_factor(Fraction(0), 4)
    Decimal('0.25')
    """
    if months <= 0:
        raise ValueError("months must be at least 1")
    with localcontext() as ctx:
        ctx.prec = digits
        if monthly_rate == 0:
            return Decimal(1) / Decimal(months)
        r = Decimal(monthly_rate.numerator) / Decimal(monthly_rate.denominator)
        return r / (1 - (1 + r) ** -months)


def level_payment_fen(principal_fen: int, monthly_rate: Fraction, months: int) -> int:
    """The level monthly instalment that repays ``principal_fen`` in ``months`` payments.

    ``P`` × :func:`level_factor` evaluated with 40 significant digits and rounded half-up to the
    fen; at a zero rate it is ``P / n`` rounded half-up.

    >>> level_payment_fen(1_200_000, Fraction(0), 12)
    100000
    >>> level_payment_fen(0, Fraction(1, 100), 12)
    0
    """
    if months <= 0:
        raise ValueError("months must be at least 1")
    if monthly_rate == 0 or principal_fen == 0:
        return div_round_half_up(principal_fen, months)
    with localcontext() as ctx:
        ctx.prec = 40
        exact = Decimal(principal_fen) * level_factor(monthly_rate, months, digits=40)
        return int(exact.to_integral_value(rounding="ROUND_HALF_UP"))


def level_schedule(
    principal_fen: int, monthly_rate: Fraction, months: int
) -> list[tuple[int, int, int]]:
    """Each month's (payment, interest, principal) of a level-instalment loan; the last payment
    takes the remainder so the principal ends at exactly zero.

    >>> level_schedule(1_200_000, Fraction(0), 3)
    [(400000, 0, 400000), (400000, 0, 400000), (400000, 0, 400000)]
    """
    payment = level_payment_fen(principal_fen, monthly_rate, months)
    rows, balance = [], principal_fen
    for month in range(months):
        interest = interest_fen(balance, monthly_rate)
        principal = balance if month == months - 1 else min(balance, payment - interest)
        rows.append((principal + interest, interest, principal))
        balance -= principal
    return rows


def clearing_payment_fen(owed_fen: int, monthly_rate: Fraction, months: int) -> int:
    """The monthly payment that clears ``owed_fen`` within ``months`` (what to offer instead of a
    payment that never clears).

    >>> clearing_payment_fen(1_000_000, exact_rate(0.18) / 12, 60)
    25393
    """
    return level_payment_fen(owed_fen, monthly_rate, max(1, months))
