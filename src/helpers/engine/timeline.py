"""The calendar of a projection: month *m* is [as_of + m months, as_of + m + 1 months).

>>> starts = period_starts(date(2025, 4, 1), 2)
>>> starts, period_days(starts)
([datetime.date(2025, 4, 1), datetime.date(2025, 5, 1), datetime.date(2025, 6, 1)], [30, 31])
"""

from __future__ import annotations

from datetime import date, timedelta

from helpers.months import add_months_to_date, days_in_month

__all__ = ["period_starts", "period_days", "due_date", "days_overdue"]


def period_starts(as_of: date, horizon: int) -> list[date]:
    """The first day of each month of the projection, plus the day after the last month.

    >>> period_starts(date(2025, 1, 31), 2)
    [datetime.date(2025, 1, 31), datetime.date(2025, 2, 28), datetime.date(2025, 3, 31)]
    """
    return [add_months_to_date(as_of, m) for m in range(horizon + 1)]


def period_days(starts: list[date]) -> list[int]:
    """Calendar days in each month of the projection.

    >>> period_days([date(2024, 2, 1), date(2024, 3, 1)])
    [29]
    """
    return [(b - a).days for a, b in zip(starts, starts[1:], strict=False)]


def due_date(start: date, end: date, due_day: int | None) -> date:
    """The date a debt falls due within the period [start, end): its due day, clamped to the
    month's length; without a due day, the first day of the period.

    >>> due_date(date(2025, 4, 1), date(2025, 5, 1), 20)
    datetime.date(2025, 4, 20)
    >>> due_date(date(2025, 4, 15), date(2025, 5, 15), 5)
    datetime.date(2025, 5, 5)
    >>> due_date(date(2025, 1, 31), date(2025, 2, 28), 31)
    datetime.date(2025, 1, 31)
    """
    if due_day is None:
        return start
    year, month = start.year, start.month
    for _ in range(2):
        day = min(due_day, days_in_month(year, month))
        candidate = date(year, month, day)
        if start <= candidate < end:
            return candidate
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return end - timedelta(days=1)


def days_overdue(earliest_unpaid: date | None, period_end: date) -> int:
    """Calendar days from the earliest unpaid due date to the last day of the period.

    >>> days_overdue(date(2025, 4, 20), date(2025, 5, 1)), days_overdue(None, date(2025, 5, 1))
    (10, 0)
    """
    if earliest_unpaid is None:
        return 0
    return max(0, (period_end - earliest_unpaid).days - 1)
