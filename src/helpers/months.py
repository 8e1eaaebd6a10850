"""Months as ``"YYYY-MM"`` labels, and the month arithmetic the workbench needs.

Month *m* of a projection is the period [as_of + m months, as_of + m + 1 months), labelled by the
calendar month it starts in.

>>> add_months("2025-11", 3)
'2026-02'
>>> months_between("2025-04", "2026-01")
9
"""

from __future__ import annotations

import calendar
import re
from datetime import date

__all__ = [
    "MONTH_PATTERN",
    "parse_month",
    "month_label",
    "add_months",
    "months_between",
    "add_months_to_date",
    "days_in_month",
    "next_due_date",
]

MONTH_PATTERN = r"^\d{4}-(0[1-9]|1[0-2])$"
_MONTH = re.compile(MONTH_PATTERN)


def parse_month(text: str) -> tuple[int, int]:
    """Year and month of a ``"YYYY-MM"`` label.

    >>> parse_month("2025-04")
    (2025, 4)
    >>> parse_month("2025-13")
    Traceback (most recent call last):
    ...
    ValueError: '2025-13' is not a month; write it as YYYY-MM, e.g. 2025-04
    """
    if not isinstance(text, str) or not _MONTH.match(text):
        raise ValueError(f"{text!r} is not a month; write it as YYYY-MM, e.g. 2025-04")
    return int(text[:4]), int(text[5:])


def month_label(day: date) -> str:
    """The ``"YYYY-MM"`` label of the month a date falls in.

    >>> month_label(date(2025, 4, 20))
    '2025-04'
    """
    return f"{day.year:04d}-{day.month:02d}"


def add_months(month: str, n: int) -> str:
    """The label ``n`` months after (or before, for negative ``n``) ``month``.

    >>> add_months("2025-12", 1), add_months("2025-01", -1)
    ('2026-01', '2024-12')
    """
    year, mon = parse_month(month)
    index = year * 12 + (mon - 1) + n
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


def months_between(start: str, end: str) -> int:
    """How many months from ``start`` to ``end`` (negative when ``end`` comes first).

    >>> months_between("2025-04", "2025-04"), months_between("2025-06", "2025-04")
    (0, -2)
    """
    (y0, m0), (y1, m1) = parse_month(start), parse_month(end)
    return (y1 - y0) * 12 + (m1 - m0)


_DAYS = (31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def days_in_month(year: int, month: int) -> int:
    """How many days the month has (``calendar.monthrange`` without the weekday it also works
    out, which the engines' calendars do not need).

    How long is February in a leap year, in a common year, in 2100 (not a leap year), and April?

    >>> [days_in_month(y, m) for y, m in ((2024, 2), (2025, 2), (2100, 2), (2025, 4))]
    [29, 28, 28, 30]
    """
    if month == 2 and calendar.isleap(year):
        return 29
    return _DAYS[month - 1]


def add_months_to_date(day: date, n: int) -> date:
    """The same day ``n`` months later, clamped to the month's last day.

    >>> add_months_to_date(date(2025, 1, 31), 1), add_months_to_date(date(2025, 4, 1), 12)
    (datetime.date(2025, 2, 28), datetime.date(2026, 4, 1))
    """
    index = day.year * 12 + (day.month - 1) + n
    year, month = index // 12, index % 12 + 1
    return date(year, month, min(day.day, days_in_month(year, month)))


def next_due_date(as_of: date, due_day: int | None) -> date | None:
    """The first date on or after ``as_of`` on the due day; a month without that day uses its
    last day; None without a due day.

    Parameters
    ----------
    as_of : date
        The day looked from (a case's as-of date).
    due_day : int or None
        Day of the month the debt falls due (1–31).

    Examples
    --------
    A card due on the 31st, looked at on 1 February 2025 and on 1 February 2024 (a leap year):

    >>> next_due_date(date(2025, 2, 1), 31), next_due_date(date(2024, 2, 1), 31)
    (datetime.date(2025, 2, 28), datetime.date(2024, 2, 29))

    Due on the 20th, looked at on the 21st: next month; on the 20th itself: that day.

    >>> next_due_date(date(2025, 4, 21), 20), next_due_date(date(2025, 4, 20), 20)
    (datetime.date(2025, 5, 20), datetime.date(2025, 4, 20))
    """
    if due_day is None:
        return None
    year, month = as_of.year, as_of.month
    for _ in range(2):
        candidate = date(year, month, min(due_day, days_in_month(year, month)))
        if candidate >= as_of:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    raise AssertionError("a due day comes round within two months")  # pragma: no cover
