"""An iCalendar file (RFC 5545) to put on a phone: each debt's due dates for the months ahead and
the journal's open follow-ups, as all-day events.

Lines end in CRLF and are folded at 75 octets (a UTF-8 character never split); text is escaped
(``\\``, ``;``, ``,``, new lines). Each event's UID is built from what it is (the debt and the
date, or the journal entry), so importing a newer file updates the events instead of doubling
them. A debt's due dates are :func:`helpers.months.next_due_date` from the start, then from the
day after each due date.

When are Zhang Wei's next three 建设银行 dues?

>>> from datetime import date
>>> from helpers.case import load_sample
>>> case = load_sample()
>>> [d.isoformat() for d in due_dates(case.debt("d2").due_day, date(2025, 4, 1), 3)]
['2025-04-27', '2025-05-27', '2025-06-27']
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from helpers.case import Case
from helpers.i18n import t
from helpers.journal.entry import Entry
from helpers.journal.export import open_follow_ups
from helpers.months import next_due_date
from helpers.paths import write_atomic

__all__ = [
    "CALENDAR_MONTHS",
    "PRODUCT_ID",
    "due_dates",
    "ics_text",
    "fold_line",
    "calendar_ics",
    "write_ics",
]

CALENDAR_MONTHS = 6  # due dates for half a year: long enough to plan, short enough to refresh
PRODUCT_ID = "-//debt-workbench//journal//EN"
_UID_DOMAIN = "debt-workbench.local"
_MAX_OCTETS = 75


def due_dates(due_day: int | None, start: date, count: int) -> tuple[date, ...]:
    """The next ``count`` due dates of a debt falling due on ``due_day``, from ``start`` on.

    >>> [d.isoformat() for d in due_dates(31, date(2025, 1, 31), 3)]
    ['2025-01-31', '2025-02-28', '2025-03-31']
    >>> due_dates(None, date(2025, 1, 1), 3)
    ()
    """
    found: list[date] = []
    day = next_due_date(start, due_day)
    while day is not None and len(found) < count:
        found.append(day)
        day = next_due_date(day + timedelta(days=1), due_day)
    return tuple(found)


def ics_text(text: str) -> str:
    """Text escaped for an iCalendar value (RFC 5545 §3.3.11).

    >>> print(ics_text("还款; 2,000 元\\n备注"))
    还款\\; 2\\,000 元\\n备注
    """
    text = text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n")


def fold_line(line: str) -> str:
    """A content line folded so that no physical line passes 75 octets (RFC 5545 §3.1), each
    continuation starting with a space; lines joined by CRLF.

    "SUMMARY:" is 8 octets and 还 3: 8 + 22 × 3 = 74 (a 23rd would pass 75); a continuation has
    74 after its space: 24 × 3 = 72, + 1 = 73; the last 60 − 22 − 24 = 14: 42 + 1 = 43.

    >>> folded = fold_line("SUMMARY:" + "还" * 60)
    >>> [len(part.encode()) for part in folded.split("\\r\\n")]
    [74, 73, 43]
    """
    parts, current, size = [], "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = _MAX_OCTETS if not parts else _MAX_OCTETS - 1  # a continuation's leading space
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return "\r\n ".join(parts)


def _event(uid: str, day: date, summary: str, stamp: str, description: str = "") -> list[str]:
    lines = [
        "BEGIN:VEVENT",
        f"UID:{uid}@{_UID_DOMAIN}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{day:%Y%m%d}",
        f"DTEND;VALUE=DATE:{day + timedelta(days=1):%Y%m%d}",
        f"SUMMARY:{ics_text(summary)}",
    ]
    if description:
        lines.append(f"DESCRIPTION:{ics_text(description)}")
    return [*lines, "TRANSP:TRANSPARENT", "END:VEVENT"]


def calendar_ics(
    entries: Iterable[Entry],
    case: Case,
    *,
    lang: str,
    start: date | None = None,
    months: int = CALENDAR_MONTHS,
    stamp: datetime | None = None,
) -> str:
    """The iCalendar text of the debts' due dates and the journal's open follow-ups.

    Parameters
    ----------
    entries : iterable of Entry, or a Journal
    case : Case
        Its debts with a due day give the due dates.
    lang : str
        The language of the events' titles.
    start : date, optional
        The first day looked at; by default the case's as-of date.
    months : int
        How many due dates per debt.
    stamp : datetime, optional
        When the file is made (DTSTAMP, in UTC); now by default.

    Examples
    --------
    Zhang Wei's dues for two months and his follow-up with 招商银行:

    >>> from helpers.case import load_sample
    >>> call = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行",
    ...              channel="hotline", initiator="me", next_step="回电", next_date="2025-04-09")
    >>> text = calendar_ics([call], load_sample(), lang="zh-CN", months=2,
    ...                     stamp=datetime(2025, 4, 2, 12, 0, tzinfo=UTC))
    >>> text.count("BEGIN:VEVENT"), text.splitlines()[0], "DTSTART;VALUE=DATE:20250409" in text
    (9, 'BEGIN:VCALENDAR', True)
    """
    start = start or case.as_of
    stamp_text = (stamp or datetime.now(UTC)).astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODUCT_ID}",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ics_text(t('journal.calendar.name', lang))}",
    ]
    for debt in case.debts:
        title = t("journal.calendar.due", lang, lender=debt.lender, debt_id=debt.id)
        for day in due_dates(debt.due_day, start, months):
            lines += _event(f"due-{debt.id}-{day:%Y%m%d}", day, title, stamp_text)
    for entry in open_follow_ups(entries):
        step = entry.next_step or entry.summary
        title = t("journal.calendar.follow_up", lang, lender=entry.lender, step=step)
        uid = f"follow-up-{entry.debt_id}-{entry.when:%Y%m%dT%H%M}"
        if entry.entry_id is not None:
            uid = f"follow-up-{entry.entry_id}"
        lines += _event(uid, entry.next_date, title, stamp_text, entry.summary)
    lines.append("END:VCALENDAR")
    return "".join(fold_line(line) + "\r\n" for line in lines)


def write_ics(
    entries: Iterable[Entry], case: Case, path: str | os.PathLike[str], **options
) -> Path:
    """Write :func:`calendar_ics` (same options) to ``path``, whole or not at all.

    >>> import tempfile, pathlib
    >>> from helpers.case import load_sample
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "dues.ics"
    >>> path = write_ics([], load_sample(), out, lang="en", months=1)
    >>> path.read_bytes().count(b"BEGIN:VEVENT")
    4
    """
    text = calendar_ics(entries, case, **options)
    return write_atomic(Path(path), text.encode("utf-8"))
