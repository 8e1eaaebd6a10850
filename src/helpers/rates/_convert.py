"""Simple conversions between daily, monthly and annual rates, and the compound annual rate.

Chinese lenders quote a daily rate (日利率) or a monthly rate (月利率) that are simple fractions
of the annual rate (年利率): 日利率 = 年利率 / 360 for loans, / 365 for cards (DOMAIN.md, "Day
count"), and 月利率 = 年利率 / 12. These functions apply exactly those definitions, so they work on
floats and numpy arrays alike; the compound ("effective") annual rate of a monthly rate is
``(1 + monthly)^12 − 1``.
"""

from __future__ import annotations

from typing import TypeVar

import numpy as np

__all__ = [
    "DAY_BASES",
    "MONTHS_PER_YEAR",
    "check_day_basis",
    "daily_to_annual",
    "annual_to_daily",
    "monthly_to_annual",
    "annual_to_monthly",
    "daily_to_monthly",
    "monthly_to_daily",
    "effective_annual_rate",
    "monthly_from_effective",
    "format_rate",
]

DAY_BASES = (360, 365)
MONTHS_PER_YEAR = 12

Rate = TypeVar("Rate", float, np.ndarray)


def check_day_basis(day_basis: int) -> int:
    """The day basis if it is one the workbench knows (360 or 365); ``ValueError`` otherwise.

    >>> check_day_basis(365)
    365
    >>> check_day_basis(366)
    Traceback (most recent call last):
    ...
    ValueError: day_basis must be 360 or 365, not 366
    """
    if day_basis not in DAY_BASES:
        raise ValueError(f"day_basis must be 360 or 365, not {day_basis!r}")
    return int(day_basis)


def daily_to_annual(daily_rate: Rate, *, day_basis: int) -> Rate:
    """The simple annual rate of a daily rate: ``daily × day_basis``.

    Examples
    --------
    A card charges 0.05% a day on a 365-day basis; a loan app quotes 0.04% a day on 360 days:

    >>> round(daily_to_annual(0.0005, day_basis=365), 6)
    0.1825
    >>> round(daily_to_annual(0.0004, day_basis=360), 6)
    0.144
    """
    return daily_rate * check_day_basis(day_basis)


def annual_to_daily(annual_rate: Rate, *, day_basis: int) -> Rate:
    """The daily rate of a simple annual rate: ``annual / day_basis``.

    Examples
    --------
    A loan at 18% a year accrues 0.05% a day on the 360-day basis loans use:

    >>> round(annual_to_daily(0.18, day_basis=360), 8)
    0.0005
    """
    return annual_rate / check_day_basis(day_basis)


def monthly_to_annual(monthly_rate: Rate) -> Rate:
    """The simple (nominal) annual rate of a monthly rate: ``monthly × 12``.

    Examples
    --------
    >>> round(monthly_to_annual(0.015), 6)    # 1.5% a month is 18% a year, simple
    0.18
    """
    return monthly_rate * MONTHS_PER_YEAR


def annual_to_monthly(annual_rate: Rate) -> Rate:
    """The monthly rate of a simple annual rate: ``annual / 12`` (月利率 = 年利率 / 12).

    Examples
    --------
    >>> annual_to_monthly(0.18)    # an 18% loan accrues 1.5% a month
    0.015
    """
    return annual_rate / MONTHS_PER_YEAR


def daily_to_monthly(daily_rate: Rate, *, day_basis: int) -> Rate:
    """The monthly rate of a daily rate: ``daily × day_basis / 12``.

    Examples
    --------
    >>> round(daily_to_monthly(0.0005, day_basis=360), 6)    # 0.05% a day is 1.5% a month
    0.015
    """
    return daily_to_annual(daily_rate, day_basis=day_basis) / MONTHS_PER_YEAR


def monthly_to_daily(monthly_rate: Rate, *, day_basis: int) -> Rate:
    """The daily rate of a monthly rate: ``monthly × 12 / day_basis``.

    Examples
    --------
    >>> round(monthly_to_daily(0.015, day_basis=360), 8)
    0.0005
    """
    return monthly_to_annual(monthly_rate) / check_day_basis(day_basis)


def effective_annual_rate(monthly_rate: Rate) -> Rate:
    """The compound annual rate of a monthly rate: ``(1 + monthly)^12 − 1``.

    Examples
    --------
    A monthly rate of 1.5% is 18% a year simple, but 19.56% once each month's interest bears
    interest:

    >>> round(effective_annual_rate(0.015), 6)
    0.195618
    """
    return (1 + monthly_rate) ** MONTHS_PER_YEAR - 1


def monthly_from_effective(effective_rate: Rate) -> Rate:
    """The monthly rate whose compound annual rate is ``effective_rate``.

    Examples
    --------
    >>> round(monthly_from_effective(0.195618171988), 10)
    0.015
    """
    return (1 + effective_rate) ** (1 / MONTHS_PER_YEAR) - 1


def format_rate(rate: float | None, digits: int = 2) -> str:
    """A rate (a fraction) as a percentage for people: ``0.128038`` → ``'12.80%'``.

    ``None`` and NaN (no rate) show as an em dash.

    Examples
    --------
    >>> format_rate(0.12803801851), format_rate(0.24, 0), format_rate(None)
    ('12.80%', '24%', '—')
    """
    if rate is None or rate != rate:
        return "—"
    return f"{rate * 100:.{digits}f}%"
