"""The one-year Loan Prime Rate (LPR) by date: a table shipped with the package, extendable.

The table (``helpers/data/lpr.csv``) lists each change of the one-year LPR since the reformed
series began on 2019-08-20, with its source; ``helpers/data/rules.yaml`` says through which day it
is known to hold. To add later fixings without waiting for a release, write a CSV with the same
columns (``effective_date,rate_percent,source``; a rate of 3.00% is written ``3.00``) and name it
in the ``WORKBENCH_LPR_CSV`` environment variable, or pass it as ``extra_csv``. Its rows are added
to (or replace, date for date) the shipped ones. The LPR is fixed monthly on the 20th, so a row
(a new rate, or the old one confirmed) extends the table to the 19th of the following month.

A day past the table's end uses the last known rate and warns with :class:`LprTableEndWarning`; a
day before 2019-08-20 has no LPR and raises :class:`NoLprError`.
"""

from __future__ import annotations

import csv
import io
import os
import warnings
from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation
from functools import cache
from importlib import resources
from pathlib import Path

from helpers.errors import CaseError, Problem, WorkbenchError
from helpers.i18n import t
from helpers.rates import format_rate
from helpers.rules._data import facts

__all__ = [
    "LPR_CSV_VARIABLE",
    "LPR_FIRST_DATE",
    "LprEntry",
    "LprTable",
    "LprTableEndWarning",
    "NoLprError",
    "lpr_table",
    "lpr_on",
    "read_lpr_csv",
]

LPR_CSV_VARIABLE = "WORKBENCH_LPR_CSV"
# SPC private lending provisions (2020) art. 25 para. 2: the LPR published monthly from this day.
LPR_FIRST_DATE: date = facts()["lpr"]["first_date"]
_COLUMNS = ("effective_date", "rate_percent", "source")


class NoLprError(WorkbenchError, ValueError):
    """A day before the one-year LPR existed (2019-08-20).

    >>> print(NoLprError(date(2019, 6, 1)).render("en"))  # doctest: +ELLIPSIS
    2019-06-01 is before 2019-08-20, when the one-year LPR was first published, so there is ...
    """

    def __init__(self, day: date):
        self.day = day
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        """The message in ``lang``.

        >>> NoLprError(date(2019, 1, 1)).render("zh-CN")[:10]
        '2019-01-01'
        """
        return t("rules.no_lpr", lang, day=self.day.isoformat(), first=LPR_FIRST_DATE.isoformat())


class LprTableEndWarning(UserWarning):
    """A day after the end of the LPR table: the last known rate was used.

    >>> w = LprTableEndWarning(date(2027, 1, 5), date(2026, 3, 19), 0.03, date(2025, 5, 20))
    >>> print(w.render("en"))  # doctest: +ELLIPSIS
    2027-01-05 is after the end of the LPR table (2026-03-19): the last known one-year LPR, ...
    """

    def __init__(self, day: date, end: date, rate: float, since: date):
        self.day, self.end, self.rate, self.since = day, end, rate, since
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        """The message in ``lang``.

        >>> w = LprTableEndWarning(date(2027, 1, 5), date(2026, 3, 19), 0.03, date(2025, 5, 20))
        >>> w.render("zh-CN")[:10]
        '2027-01-05'
        """
        return t(
            "rules.lpr_past_end",
            lang,
            day=self.day.isoformat(),
            end=self.end.isoformat(),
            rate=format_rate(self.rate),
            since=self.since.isoformat(),
            variable=LPR_CSV_VARIABLE,
        )


@dataclass(frozen=True)
class LprEntry:
    """One row of the table: the one-year LPR in force from ``effective_date``, and its source."""

    effective_date: date
    rate: float
    source: str


@dataclass(frozen=True)
class LprTable:
    """The one-year LPR by date, and the last day the table is known to hold."""

    entries: tuple[LprEntry, ...]
    confirmed_through: date

    def entry_on(self, day: date) -> LprEntry:
        """The row in force on ``day``; warns past the end, raises before 2019-08-20.

        >>> lpr_table().entry_on(date(2024, 8, 1)).effective_date
        datetime.date(2024, 7, 22)
        """
        if day < self.entries[0].effective_date:
            raise NoLprError(day)
        entry = self.entries[bisect_right([e.effective_date for e in self.entries], day) - 1]
        if day > self.confirmed_through:
            warnings.warn(
                LprTableEndWarning(day, self.confirmed_through, entry.rate, entry.effective_date),
                stacklevel=3,
            )
        return entry

    def covers(self, day: date) -> bool:
        """Whether the table is known to hold on ``day`` (no warning needed).

        >>> lpr_table().covers(date(2026, 1, 15)), lpr_table().covers(date(2030, 1, 1))
        (True, False)
        """
        return self.entries[0].effective_date <= day <= self.confirmed_through


def _eve_of_next_fixing(day: date) -> date:
    """The 19th of the month after ``day``: a fixing holds until the next one, on the 20th.

    >>> _eve_of_next_fixing(date(2026, 3, 20)), _eve_of_next_fixing(date(2026, 12, 21))
    (datetime.date(2026, 4, 19), datetime.date(2027, 1, 19))
    """
    index = day.year * 12 + day.month  # the month after, counted from year 0
    return date(index // 12, index % 12 + 1, 19)


def _parse_rows(text: str, source_name: str) -> tuple[LprEntry, ...]:
    """Rows of an LPR CSV; :class:`helpers.errors.CaseError` naming each bad cell.

    >>> _parse_rows("effective_date,rate_percent,source\\n2026-03-20,3.00,x\\n", "extra.csv")
    (LprEntry(effective_date=datetime.date(2026, 3, 20), rate=0.03, source='x'),)
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in _COLUMNS[:2] if c not in (reader.fieldnames or [])]
    if missing:
        problem = Problem(
            "", ", ".join(missing), "rules.lpr_columns", {"columns": ", ".join(_COLUMNS)}
        )
        raise CaseError([problem], source=source_name)
    entries, problems = [], []
    for row_number, row in enumerate(reader, start=2):
        day_text = (row.get("effective_date") or "").strip()
        rate_text = (row.get("rate_percent") or "").strip()
        try:
            day = date.fromisoformat(day_text)
        except ValueError:
            problems.append(
                Problem(
                    "effective_date",
                    day_text,
                    "errors.bad_date",
                    row=row_number,
                    column="effective_date",
                )
            )
            continue
        try:
            percent = Decimal(rate_text)
        except InvalidOperation:
            percent = None
        if percent is None or not percent.is_finite() or not 0 < percent < 100:
            problems.append(
                Problem(
                    "rate_percent",
                    rate_text,
                    "rules.lpr_bad_rate",
                    row=row_number,
                    column="rate_percent",
                )
            )
            continue
        entries.append(LprEntry(day, float(percent / 100), (row.get("source") or "").strip()))
    if problems:
        raise CaseError(problems, source=source_name)
    return tuple(entries)


def read_lpr_csv(path: str | os.PathLike[str]) -> tuple[LprEntry, ...]:
    """Read an LPR CSV (``effective_date,rate_percent,source``), e.g. a user's extension.

    Raises :class:`helpers.errors.CaseError` naming every bad row, cell and value.

    >>> from helpers.paths import PROJECT_DIR
    >>> read_lpr_csv(PROJECT_DIR / "src" / "helpers" / "data" / "lpr.csv")[-1].rate
    0.03
    """
    path = Path(path)
    try:
        text = path.read_text("utf-8-sig")
    except OSError as exc:
        problem = Problem("", str(path), "rules.lpr_unreadable", {"detail": exc.strerror or exc})
        raise CaseError([problem]) from None
    return _parse_rows(text, str(path))


@cache
def _shipped() -> LprTable:
    text = resources.files("helpers").joinpath("data", "lpr.csv").read_text("utf-8")
    entries = _parse_rows(text, "helpers/data/lpr.csv")
    return LprTable(entries, facts()["lpr"]["confirmed_through"])


def lpr_table(extra_csv: str | os.PathLike[str] | None = None) -> LprTable:
    """The LPR table: the shipped rows, plus those of ``extra_csv`` or ``$WORKBENCH_LPR_CSV``.

    Examples
    --------
    >>> table = lpr_table()
    >>> table.entries[0].effective_date, table.entries[0].rate, table.confirmed_through
    (datetime.date(2019, 8, 20), 0.0425, datetime.date(2026, 3, 19))
    """
    table = _shipped()
    extra = extra_csv or os.environ.get(LPR_CSV_VARIABLE)
    if not extra:
        return table
    added = read_lpr_csv(extra)
    merged = {e.effective_date: e for e in table.entries} | {e.effective_date: e for e in added}
    entries = tuple(merged[d] for d in sorted(merged))
    end = max([table.confirmed_through] + [_eve_of_next_fixing(e.effective_date) for e in added])
    return LprTable(entries, end)


def lpr_on(day: date, *, extra_csv: str | os.PathLike[str] | None = None) -> float:
    """The one-year LPR in force on ``day``, as a fraction.

    Parameters
    ----------
    day : datetime.date
        The day (a contract date, a filing date…).
    extra_csv : path, optional
        A CSV of later fixings; ``$WORKBENCH_LPR_CSV`` is used when not given.

    Raises
    ------
    NoLprError
        For a day before 2019-08-20, when the one-year LPR did not exist.

    Warns
    -----
    LprTableEndWarning
        For a day after the table's end; the last known rate is used.

    Examples
    --------
    A private loan made on 2024-08-01: the line is 4 × the LPR of that day:

    >>> lpr_on(date(2024, 8, 1)), round(4 * lpr_on(date(2024, 8, 1)), 4)
    (0.0335, 0.134)
    >>> lpr_on(date(2019, 8, 19))
    Traceback (most recent call last):
    ...
    helpers.rules._lpr.NoLprError: 2019-08-19 is before 2019-08-20, when the one-year LPR was ...
    """
    return lpr_table(extra_csv).entry_on(day).rate
