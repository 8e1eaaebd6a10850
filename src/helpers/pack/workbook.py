"""The advisor's workbook (``workbook.xlsx``): five sheets an advisor can sort, filter and add
up in Excel or WPS, in the case's language.

1. **Budget**: each month's income, costs, reserve, secured dues and the capacity left for the
   unsecured lenders (:func:`helpers.budget.monthly_budget`).
2. **Debts**: each debt today: what is owed in each bucket, the true annual rate, the legal
   lines crossed, the days and class overdue (:func:`helpers.debts.debt_standing`).
3. **Scenarios**: the comparison of notebook 03, one row per scenario
   (:func:`helpers.scenarios.result_cells`), the recommended and the chosen one marked.
4. **Schedules**: the borrower's own scenario (the one chosen in 03, else the recommended one:
   :func:`helpers.scenarios.own_result`), one row per month and debt, as the engine posts it.
5. **Journal**: every contact recorded (:func:`helpers.journal.journal_rows`).

Amounts are numbers in yuan, written as the exact decimal (``85036.24``, never
``85036.24000000001``); rates are numbers shown as percentages; months are text ``"YYYY-MM"``:
a month of the workbench starts on the case's as-of day, not on the 1st, so a date would claim
a day it does not mean, and the text sorts, filters and reads the same as everywhere else in the
workbench. Each sheet's header row is bold, frozen and filtered; columns are as wide as their
text (a Chinese character counts two); text that a spreadsheet would take for a formula
(:func:`helpers.case.safe_for_sheet`) is stored as text, marked so that editing keeps it text.

What does the advisor see first in Zhang Wei's workbook?

>>> import io
>>> from openpyxl import load_workbook
>>> from helpers.case import load_sample
>>> book = load_workbook(io.BytesIO(workbook_bytes(load_sample(), "en")))
>>> book.sheetnames
['Budget', 'Debts', 'Scenarios', 'Schedules', 'Journal']
>>> [cell.value for cell in book["Budget"]["A2:B2"][0]], book["Budget"]["J2"].value
(['2025-04', 6300], 380)
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from helpers.budget import BUDGET_COLUMNS, monthly_budget
from helpers.case import Case, safe_for_sheet
from helpers.debts import STANDING_COLUMNS, debt_standing
from helpers.engine import ROW_COLUMNS
from helpers.i18n import normalize_language, t
from helpers.journal import JOURNAL_COLUMNS, Entry, journal_rows
from helpers.money import fen_to_yuan
from helpers.scenarios import (
    COMPARE_COLUMNS,
    ScenarioResult,
    chosen_result,
    compare,
    result_cells,
)

__all__ = [
    "AMOUNT_FORMAT",
    "WORKBOOK_CREATOR",
    "DEBTS_SHEET_COLUMNS",
    "MAX_WIDTH",
    "RATE_FORMAT",
    "SCENARIOS_SHEET_COLUMNS",
    "SCHEDULES_SHEET_COLUMNS",
    "WORKBOOK_SHEETS",
    "put_text",
    "text_width",
    "workbook_bytes",
]

# the workbook's author and last editor: the project, never the user of the machine
WORKBOOK_CREATOR = "Repayment Negotiation Workbench"
AMOUNT_FORMAT = "#,##0.00"
RATE_FORMAT = "0.00%"
_COUNT_FORMAT = "0"
MAX_WIDTH = 60  # characters (a Chinese character counts two); longer text wraps
_RATE_PLACES = Decimal("0.000001")  # a rate to 0.0001%: more than any table shows
WORKBOOK_SHEETS = ("budget", "debts", "scenarios", "schedules", "journal")

# every column: (name, header key, kind); the kind says how the cell is written and formatted
_AMOUNT, _RATE, _COUNT, _TEXT = "amount", "rate", "count", "text"
_FORMATS = {_AMOUNT: AMOUNT_FORMAT, _RATE: RATE_FORMAT, _COUNT: _COUNT_FORMAT}
_BUDGET = tuple(
    (name, f"budget.col_{name}", _TEXT if name == "month" else _AMOUNT) for name in BUDGET_COLUMNS
)
_DEBTS = (
    ("debt_id", "debts.waiting.scol_debt_id", _TEXT),
    ("lender", "debts.waiting.scol_lender", _TEXT),
    ("kind", "debts.waiting.scol_kind", _TEXT),
    ("principal", "pack.workbook.col.owed_principal", _AMOUNT),
    ("interest", "pack.workbook.col.owed_interest", _AMOUNT),
    ("penalty", "pack.workbook.col.owed_penalty", _AMOUNT),
    ("charges", "pack.workbook.col.owed_charges", _AMOUNT),
    ("owed", "debts.waiting.scol_owed", _AMOUNT),
    ("quote", "debts.waiting.scol_quote", _TEXT),
    ("nominal", "debts.waiting.scol_nominal", _RATE),
    ("effective", "debts.waiting.scol_effective", _RATE),
    ("crossed", "debts.waiting.scol_crossed", _TEXT),
    ("days_overdue", "debts.waiting.scol_days_overdue", _COUNT),
    ("class_now", "debts.waiting.scol_class_now", _TEXT),
)
_SCENARIOS = (
    ("scenario", "scenarios.compare.col_scenario", _TEXT),
    ("policy", "scenarios.compare.col_policy", _TEXT),
    ("total_paid", "scenarios.compare.col_total_paid", _AMOUNT),
    ("total_cost", "scenarios.compare.col_total_cost", _AMOUNT),
    ("months_to_clear", "scenarios.compare.col_months_to_clear", _COUNT),
    ("max_monthly_payment", "scenarios.compare.col_max_monthly_payment", _AMOUNT),
    ("shortfall_months", "scenarios.compare.col_shortfall_months", _COUNT),
    ("shortfall", "pack.workbook.col.shortfall", _AMOUNT),
    ("balance_left", "pack.workbook.col.balance_left", _AMOUNT),
    ("feasible", "scenarios.compare.col_feasible", _TEXT),
    ("nominal", "debts.waiting.scol_nominal", _RATE),
    ("effective", "debts.waiting.scol_effective", _RATE),
    ("credit", "scenarios.compare.col_credit", _TEXT),
    ("lender_pv", "scenarios.compare.col_lender_pv", _AMOUNT),
    ("recommended", "pack.workbook.col.recommended", _TEXT),
    ("chosen", "pack.workbook.col.chosen", _TEXT),
    ("in_schedules", "pack.workbook.col.in_schedules", _TEXT),
)
_SCHEDULES = (
    ("month", "budget.col_month", _TEXT),
    ("debt_id", "debts.waiting.scol_debt_id", _TEXT),
    ("lender", "debts.waiting.scol_lender", _TEXT),
    ("scheduled_due", "pack.workbook.col.scheduled_due", _AMOUNT),
    ("paid", "pack.workbook.col.paid", _AMOUNT),
    ("principal_paid", "pack.workbook.col.principal_paid", _AMOUNT),
    ("interest_paid", "pack.workbook.col.interest_paid", _AMOUNT),
    ("penalty_paid", "pack.workbook.col.penalty_paid", _AMOUNT),
    ("charges_paid", "pack.workbook.col.charges_paid", _AMOUNT),
    ("unpaid", "pack.workbook.col.unpaid", _AMOUNT),
    ("principal_closing", "pack.workbook.col.principal_closing", _AMOUNT),
    ("interest_closing", "pack.workbook.col.interest_closing", _AMOUNT),
    ("penalty_closing", "pack.workbook.col.penalty_closing", _AMOUNT),
    ("charges_closing", "pack.workbook.col.charges_closing", _AMOUNT),
    ("days_overdue", "pack.workbook.col.days_overdue", _COUNT),
)
_JOURNAL = tuple((name, f"journal.column.{name}", _TEXT) for name in JOURNAL_COLUMNS)
DEBTS_SHEET_COLUMNS = tuple(c[0] for c in _DEBTS)
SCENARIOS_SHEET_COLUMNS = tuple(c[0] for c in _SCENARIOS)
SCHEDULES_SHEET_COLUMNS = tuple(c[0] for c in _SCHEDULES)
_MISSING = "—"  # a rate that does not exist, a scenario that never clears


def text_width(text: str) -> int:
    """How many characters wide ``text`` is in a spreadsheet column: a Chinese (wide or
    full-width) character counts two; the widest line of several.

    How wide must a column be for "招商银行" and for "CN¥1,234.50"?

    >>> text_width("招商银行"), text_width("CN¥1,234.50"), text_width("第一行\\nsecond line")
    (8, 11, 11)
    """
    return max(
        sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in line)
        for line in text.split("\n")
    )


def _decimal_text(value: Decimal) -> str:
    """A decimal as the sheet's XML holds it: openpyxl writes numbers with ``%.16g``, which
    turns 85036.24 into 85036.24000000001, so the cell is given the exact text (whole yuan
    without decimals: ``6300``, ``85036.24``)."""
    return format(value.normalize(), "f")


def _shown(value: Any, kind: str) -> str:
    """The cell as the spreadsheet shows it (for the column's width)."""
    if kind == _AMOUNT and isinstance(value, int):
        return f"{fen_to_yuan(value):,.2f}"
    if kind == _RATE and isinstance(value, float):
        return f"{value:.2%}"
    return "" if value is None else str(value)


def put_text(cell: Any, value: Any) -> str:
    """Write ``value`` into a cell as text, exactly: characters a sheet cannot hold dropped, and
    text that would be read as a formula kept text (no visible apostrophe); the text written.

    >>> from openpyxl import Workbook
    >>> cell = Workbook().active["A1"]
    >>> put_text(cell, '=HYPERLINK("x")'), cell.data_type, cell.quotePrefix
    ('=HYPERLINK("x")', 's', True)
    """
    text = ILLEGAL_CHARACTERS_RE.sub("", str(value))
    cell.value = text
    if safe_for_sheet(text) != text:  # would be read as a formula: keep it text
        cell.data_type = "s"
        cell.quotePrefix = True
    return text


def _put(cell: Any, value: Any, kind: str) -> None:
    """Write one value: fen as exact yuan, a rate as a fraction, a count, or text kept text."""
    if kind == _AMOUNT and isinstance(value, int):
        cell.value = _decimal_text(fen_to_yuan(value))
        cell.data_type = "n"
    elif kind == _RATE and isinstance(value, float):
        cell.value = _decimal_text(Decimal(repr(value)).quantize(_RATE_PLACES))
        cell.data_type = "n"
    elif isinstance(value, int) and not isinstance(value, bool):
        cell.value = value
    elif value is not None:
        text = put_text(cell, value)
        if "\n" in text or text_width(text) > MAX_WIDTH:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
    if kind in _FORMATS:
        cell.number_format = _FORMATS[kind]


def _table(
    sheet: Any,
    columns: Sequence[tuple[str, str, str]],
    rows: Iterable[dict[str, Any]],
    lang: str,
    *,
    freeze: str,
) -> None:
    """Write a header row (bold, frozen, filtered) and ``rows`` (column name → value) under
    it, and fit each column's width to its text."""
    widths = []
    bold = Font(bold=True)
    for col, (_, key, _) in enumerate(columns, 1):
        header = t(key, lang)
        cell = sheet.cell(1, col)
        _put(cell, header, _TEXT)
        cell.font = bold
        widths.append(text_width(header) + 1)  # bold text is a little wider
    count = 0
    for count, row in enumerate(rows, 1):
        for col, (name, _, kind) in enumerate(columns, 1):
            value = row.get(name)
            _put(sheet.cell(count + 1, col), value, kind)
            widths[col - 1] = max(widths[col - 1], text_width(_shown(value, kind)))
    last = get_column_letter(len(columns))
    sheet.freeze_panes = freeze
    sheet.auto_filter.ref = f"A1:{last}{count + 1}"
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width + 2, MAX_WIDTH + 2)


def _budget_rows(case: Case) -> list[dict[str, Any]]:
    budget = monthly_budget(case)
    columns = {name: getattr(budget, f"{name}_fen") for name in BUDGET_COLUMNS[1:]}
    return [
        {"month": month, **{name: values[m] for name, values in columns.items()}}
        for m, month in enumerate(budget.months)
    ]


def _debt_rows(case: Case, lang: str) -> list[dict[str, Any]]:
    rows = []
    for standing in debt_standing(case):
        debt = case.debt(standing.debt_id)
        cells = dict(zip(STANDING_COLUMNS, standing.cells(lang), strict=True))
        rows.append(
            {
                **cells,
                "principal": debt.principal_fen,
                "interest": debt.interest_fen,
                "penalty": debt.penalty_interest_fen,
                "charges": debt.charges_fen,
                "nominal": _rate(standing.rate.nominal_annual_rate),  # numbers, not text
                "effective": _rate(standing.rate.effective_annual_rate),
            }
        )
    return rows


def _rate(value: float | None) -> float | str:
    return _MISSING if value is None or math.isnan(value) else float(value)


def _scenario_rows(case: Case, lang: str) -> tuple[list[dict[str, Any]], ScenarioResult]:
    """The comparison's rows, the chosen scenario's (if any) last, and the scenario whose
    schedule the workbook shows (:func:`helpers.scenarios.own_result`, computed once here)."""
    comparison = compare(case)
    chosen = chosen_result(case)
    own = chosen or comparison.result(comparison.recommended)
    marks = [(r, r.scenario.name == comparison.recommended, False) for r in comparison.results]
    if chosen is not None:
        marks.append((chosen, False, True))
    yes, no = t("scenarios.compare.yes", lang), t("scenarios.compare.no", lang)
    rows = []
    for result, recommended, is_chosen in marks:
        cells = dict(zip(COMPARE_COLUMNS, result_cells(result, lang, money=int), strict=True))
        del cells["true_rate"]
        rows.append(
            {
                **cells,
                "shortfall": result.shortfall_fen,
                "balance_left": result.metrics.balance_left_fen,
                "nominal": _rate(result.rate.nominal_annual_rate),
                "effective": _rate(result.rate.effective_annual_rate),
                "recommended": yes if recommended else no,
                "chosen": yes if is_chosen else no,
                "in_schedules": yes if result is own else no,
            }
        )
    return rows, own


def _schedule_rows(case: Case, own: ScenarioResult) -> list[dict[str, Any]]:
    lenders = {debt.id: debt.lender for debt in case.debts}
    at = {name: k for k, name in enumerate(ROW_COLUMNS)}
    wanted = [name for name in SCHEDULES_SHEET_COLUMNS if name in at]
    rows = []
    for row in own.projection.rows:
        cells = {name: row[at[name]] for name in wanted}
        cells["lender"] = lenders[cells["debt_id"]]
        rows.append(cells)
    return rows


def workbook_bytes(case: Case, lang: str, *, entries: Iterable[Entry] = ()) -> bytes:
    """The advisor's workbook of ``case`` in ``lang`` (see the module), as the bytes of an
    ``.xlsx`` file; ``entries`` are the journal's contacts (none: the Journal sheet says so).

    The same case gives the same cells; only the file's creation time changes.

    Parameters
    ----------
    case : Case
        The case (redacted or not: the workbook shows what it is given).
    lang : str
        The language of the sheet names, headers and labels.
    entries : iterable of Entry
        The journal's entries, in the order to show them.

    Examples
    --------
    How much is Zhang Wei's 招商银行 card (d1) owed now, and is Li Na's workbook in Chinese?

    >>> import io
    >>> from openpyxl import load_workbook
    >>> from helpers.case import load_sample
    >>> debts = load_workbook(io.BytesIO(workbook_bytes(load_sample(), "en")))["Debts"]
    >>> [cell.value for cell in debts[2]][:4], debts["H2"].value, debts["H2"].number_format
    (['d1', '招商银行', 'credit card', 28000], 28790, '#,##0.00')
    >>> book = load_workbook(io.BytesIO(workbook_bytes(load_sample("li_na_illness"), "zh-CN")))
    >>> book.sheetnames, book["联系记录"]["A2"].value
    (['每月预算', '债务现状', '方案比较', '还款明细', '联系记录'], '还没有记录任何联系。')
    """
    lang = normalize_language(lang)
    entries = tuple(entries)
    book = Workbook()
    props = book.properties
    props.creator = props.lastModifiedBy = WORKBOOK_CREATOR
    props.title = t("pack.workbook.title", lang)
    props.language = lang
    sheets = {}
    for k, name in enumerate(WORKBOOK_SHEETS):
        sheet = book.active if k == 0 else book.create_sheet()
        sheet.title = t(f"pack.workbook.sheet.{name}", lang)
        sheets[name] = sheet
    scenarios, own = _scenario_rows(case, lang)
    _table(sheets["budget"], _BUDGET, _budget_rows(case), lang, freeze="B2")
    _table(sheets["debts"], _DEBTS, _debt_rows(case, lang), lang, freeze="B2")
    _table(sheets["scenarios"], _SCENARIOS, scenarios, lang, freeze="B2")
    _table(sheets["schedules"], _SCHEDULES, _schedule_rows(case, own), lang, freeze="B2")
    journal = sheets["journal"]
    _table(journal, _JOURNAL, journal_rows(entries, lang), lang, freeze="A2")
    if not entries:
        empty = t("pack.workbook.journal.empty", lang)
        _put(journal.cell(2, 1), empty, _TEXT)
        column = journal.column_dimensions["A"]
        column.width = max(column.width, text_width(empty) + 2)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
