"""Equal instalments: the level payment of a loan, and the rate of a level-payment offer.

The rate of ``months`` equal payments on the money received solves
``received = payment × (1 − (1 + m)^−n) / m``, which has no closed form beyond n = 4. A series
inverts it almost exactly: with ``u = ln(1 + m)``,
``ln(n × payment / received) = (n + 1) u / 2 − (n² − 1) u² / 24 + (n⁴ − 1) u⁴ / 2880 − …``,
so solving the first terms gives ``m`` to about 1e-6 for consumer offers, and two Newton steps
on the annuity formula (O(1) work per offer, however long the term) take it to 1e-15. Offers
the iteration cannot settle go through the general IRR.
"""

from __future__ import annotations

import math

import numpy as np

from helpers.rates._amortise import exact_rate, level_payment_fen
from helpers.rates._batch import TrueRates
from helpers.rates._irr import REASON_ONE_SIGN, TrueRate, true_annual_rate

__all__ = ["annuity_payment_fen", "equal_instalment_rate", "equal_instalment_rates"]

_STEP_TOLERANCE = 1e-9  # the error after a Newton step of this size is of order its square
_MAX_STEPS = 50


def annuity_payment_fen(principal_fen: int, monthly_rate: float, months: int) -> int:
    """The level monthly instalment (等额本息) that repays a loan, rounded half-up to the fen.

    ``principal × m / (1 − (1 + m)^−months)`` from the rate's decimal form (0.003625 is exactly
    3625/1,000,000), so the fen never depends on binary rounding; at a zero rate it is
    ``principal / months``. The engine's :func:`helpers.rates.level_payment_fen` does the
    arithmetic; this checks the arguments and takes a float rate.

    Parameters
    ----------
    principal_fen : int
        The amount lent, in fen.
    monthly_rate : float
        The monthly rate (annual / 12), a fraction above −1; 0 for an interest-free loan.
    months : int
        The number of instalments, at least 1.

    Examples
    --------
    A bank loan of 100,000 yuan at 4.35% a year over 5 years costs 1,857.49 a month:

    >>> annuity_payment_fen(10_000_000, 0.0435 / 12, 60)
    185749
    >>> annuity_payment_fen(1_200_000, 0, 12)      # 12,000 interest-free over a year
    100000
    """
    if months < 1 or int(months) != months:
        raise ValueError(f"months must be a whole number of at least 1, not {months!r}")
    if not monthly_rate > -1:
        raise ValueError(f"monthly_rate must be above -1, not {monthly_rate!r}")
    return level_payment_fen(int(principal_fen), exact_rate(float(monthly_rate)), int(months))


def _first_guess(ratio: float, months: float) -> float:
    """The monthly rate from the series inversion (see the module notes).

    >>> round(_first_guess(99_000 / 8_833.30, 12), 6)
    0.01067
    """
    log_ratio = math.log(months / ratio)
    linear, square = (months + 1) / 2, (1 - months * months) / 24
    u = (
        2
        * log_ratio
        / (linear + math.sqrt(max(linear**2 + 4 * square * log_ratio, linear**2 / 4)))
    )
    corrected = log_ratio - (months**4 - 1) / 2880 * u**4
    disc = max(linear**2 + 4 * square * corrected, linear**2 / 4)
    return math.expm1(2 * corrected / (linear + math.sqrt(disc)))


def _newton_step(rate: float, ratio: float, months: float) -> float:
    """One Newton step on ``(1 − (1 + m)^−n) / m − received / payment``.

    >>> _newton_step(0.01, 11.255, 12) < 0.001
    True
    """
    q_minus_1 = math.expm1(-months * math.log1p(rate))
    value = -q_minus_1 / rate
    slope = (months * (q_minus_1 + 1) / (1 + rate) - value) / rate
    return (value - ratio) / slope


def equal_instalment_rate(principal: float, payment: float, months: int) -> TrueRate:
    """The true rate of ``months`` equal monthly payments on ``principal`` received (scalar).

    Parameters
    ----------
    principal : float
        The money actually received (after any fee taken up front), as a positive amount.
    payment : float
        The level monthly payment, as a positive amount in the same unit.
    months : int
        The number of payments, at least 1.

    Returns
    -------
    TrueRate
        As :func:`helpers.rates.true_annual_rate` gives for ``[-principal] + [payment] * months``;
        no rate (reason ``rates.reason.one_sign``) when an amount is zero or their signs differ.

    Examples
    --------
    The PBOC example (99,000 received, 12 × 8,833.30), and 12,000 repaid at 1,000 a month:

    >>> rate = equal_instalment_rate(99_000, 8_833.30, 12)
    >>> round(rate.nominal_annual_rate, 4), round(rate.effective_annual_rate, 4)
    (0.128, 0.1358)
    >>> equal_instalment_rate(12_000, 1_000, 12).monthly_rate
    0.0
    """
    if months < 1 or int(months) != months:
        raise ValueError(f"months must be a whole number of at least 1, not {months!r}")
    principal, payment, months = float(principal), float(payment), float(months)
    if not (math.isfinite(principal) and math.isfinite(payment)):
        raise ValueError("principal and payment must be finite numbers")
    if not principal * payment > 0:
        return TrueRate.none(REASON_ONE_SIGN)
    ratio = abs(principal) / abs(payment)
    if ratio == months:
        return TrueRate.from_monthly(0.0)
    try:
        rate = _first_guess(ratio, months)
        for _ in range(_MAX_STEPS):
            step = _newton_step(rate, ratio, months)
            rate -= step
            if abs(step) <= _STEP_TOLERANCE * max(1.0, abs(rate)):
                if rate > -1 and math.isfinite(rate):
                    return TrueRate.from_monthly(rate)
                break
    except (ValueError, ZeroDivisionError, OverflowError):
        pass  # the iteration left the domain: the general path settles it
    return true_annual_rate([-abs(principal)] + [abs(payment)] * int(months))


def equal_instalment_rates(
    principal: np.ndarray | float, payment: np.ndarray | float, months: np.ndarray | int
) -> TrueRates:
    """True rates of many equal-instalment offers at once (the vectorised fast path).

    Parameters
    ----------
    principal, payment, months : array_like
        As for :func:`equal_instalment_rate`; broadcast together.

    Returns
    -------
    TrueRates
        One entry per offer.

    Examples
    --------
    Card instalments of 12,000 at a 0.6% monthly fee over 3, 12 and 24 months (each month
    repays 1/n of the principal plus 72 of fee):

    >>> months = np.array([3, 12, 24])
    >>> rates = equal_instalment_rates(12_000, 12_000 / months + 72, months)
    >>> np.round(rates.nominal_annual_rate, 4)
    array([0.1077, 0.1303, 0.1327])
    """
    received, level, count = np.broadcast_arrays(
        np.atleast_1d(np.asarray(principal, dtype=float)),
        np.atleast_1d(np.asarray(payment, dtype=float)),
        np.atleast_1d(np.asarray(months, dtype=float)),
    )
    if not ((count >= 1) & (count == np.floor(count))).all():
        raise ValueError("months must be whole numbers of at least 1")
    if not (np.isfinite(received).all() and np.isfinite(level).all()):
        raise ValueError("principal and payment must be finite numbers")
    valid = received * level > 0
    with np.errstate(all="ignore"):
        ratio = np.where(valid, np.abs(received) / np.abs(level), count)
        free = ratio == count
        rate = np.where(free, 0.01, _first_guesses(ratio, count))
        for _ in range(2):
            step = _newton_steps(rate, ratio, count)
            rate -= step
        unsettled = ~(np.abs(step) <= _STEP_TOLERANCE * np.maximum(1.0, np.abs(rate)))
        unsettled &= valid & ~free
    if unsettled.any():
        rows = np.flatnonzero(unsettled)
        rate[rows] = _settle(rate[rows], ratio[rows], count[rows], received[rows], level[rows])
    rate[free] = 0.0
    rate[~valid] = np.nan
    reason = np.full(rate.shape, None, dtype=object)
    reason[~valid] = REASON_ONE_SIGN
    return TrueRates.from_monthly(rate, reason=reason)


def _first_guesses(ratio: np.ndarray, months: np.ndarray) -> np.ndarray:
    """:func:`_first_guess` over arrays.

    >>> _first_guesses(np.array([99_000 / 8_833.30]), np.array([12.0])).round(6)
    array([0.01067])
    """
    log_ratio = np.log(months / ratio)
    linear, square = (months + 1) / 2, (1 - months * months) / 24
    u = (
        2
        * log_ratio
        / (linear + np.sqrt(np.maximum(linear**2 + 4 * square * log_ratio, linear**2 / 4)))
    )
    u_squared = u * u
    corrected = log_ratio - (months**4 - 1) / 2880 * (u_squared * u_squared)
    disc = np.maximum(linear**2 + 4 * square * corrected, linear**2 / 4)
    return np.expm1(2 * corrected / (linear + np.sqrt(disc)))


def _newton_steps(rate: np.ndarray, ratio: np.ndarray, months: np.ndarray) -> np.ndarray:
    """:func:`_newton_step` over arrays.

    >>> (_newton_steps(np.array([0.01]), np.array([11.255]), np.array([12.0])) < 0.001).all()
    np.True_
    """
    q_minus_1 = np.expm1(-months * np.log1p(rate))
    value = -q_minus_1 / rate
    slope = (months * (q_minus_1 + 1) / (1 + rate) - value) / rate
    return (value - ratio) / slope


def _settle(
    rate: np.ndarray,
    ratio: np.ndarray,
    months: np.ndarray,
    received: np.ndarray,
    level: np.ndarray,
) -> np.ndarray:
    """Finish the offers two Newton steps left unsettled: more steps, then the scalar path.

    >>> _settle(np.array([0.2]), np.array([100 / 30]), np.array([60.0]), np.array([100.0]),
    ...         np.array([30.0])).round(6)
    array([0.3])
    """
    with np.errstate(all="ignore"):
        for _ in range(_MAX_STEPS):
            step = _newton_steps(rate, ratio, months)
            rate = rate - step
            done = np.abs(step) <= _STEP_TOLERANCE * np.maximum(1.0, np.abs(rate))
            if (done | ~np.isfinite(rate)).all():
                break
        bad = ~(done & np.isfinite(rate) & (rate > -1))
    for row in np.flatnonzero(bad):
        found = equal_instalment_rate(received[row], level[row], int(months[row]))
        rate[row] = np.nan if found.monthly_rate is None else found.monthly_rate
    return rate
