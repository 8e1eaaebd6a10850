"""A caseload written out: ``.xlsx`` (header bold and frozen, amounts as numbers in yuan with
``#,##0.00``), ``.csv`` (UTF-8 with a byte-order mark, so Excel reads the Chinese) or
``.parquet`` (the columns' own types: amounts in fen as integers, ranks and counts as nullable
integers; written by ``pyarrow``, a dependency of the workbench: an installation without it is
told so before the run).
Text a spreadsheet would read as a formula is kept text (:func:`helpers.case.safe_for_sheet`);
every file is written whole or not at all (:func:`helpers.paths.write_atomic`).

>>> import tempfile
>>> from helpers.paths import SAMPLES_DIR
>>> from helpers.caseload.run import run_caseload
>>> frame = run_caseload([SAMPLES_DIR / "li_na_illness.yaml"], lang="en")
>>> path = write_caseload(frame, Path(tempfile.mkdtemp()) / "triage.csv", lang="en")
>>> path.read_bytes()[:3] == "\\ufeff".encode()  # the byte-order mark
True
"""

from __future__ import annotations

import csv
import importlib.util
import io
import os
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from helpers.case import safe_for_sheet
from helpers.caseload.row import AMOUNT_COLUMNS
from helpers.errors import CaseError, Problem
from helpers.i18n import t
from helpers.money import fen_to_yuan
from helpers.pack import put_text
from helpers.paths import write_atomic

__all__ = ["CaseloadError", "OUT_SUFFIXES", "check_out", "header", "write_caseload"]

OUT_SUFFIXES = (".xlsx", ".csv", ".parquet")
_AMOUNT_FORMAT = "#,##0.00"
_MAX_WIDTH = 60


class CaseloadError(CaseError):
    """A caseload that cannot be written as asked (the output's name, its kind, its place)."""


def check_out(path: str | os.PathLike[str]) -> Path:
    """The output file, checked before a long run: a known kind, not a folder; ``.parquet``
    only where pyarrow is installed (a workbench installed without its dependencies).

    >>> check_out("triage.xlsx").suffix
    '.xlsx'
    >>> check_out("triage.txt")
    Traceback (most recent call last):
    ...
    helpers.caseload.writing.CaseloadError: out: 'triage.txt' is not a file a caseload can be \
written to; name a .xlsx, .csv or .parquet file
    """
    out = Path(path)
    if out.is_dir():
        raise CaseloadError([Problem("out", str(path), "caseload.write.is_folder")])
    suffix = out.suffix.lower()
    if suffix not in OUT_SUFFIXES:
        raise CaseloadError([Problem("out", str(path), "caseload.write.bad_kind")])
    if suffix == ".parquet" and importlib.util.find_spec("pyarrow") is None:
        raise CaseloadError([Problem("out", str(path), "caseload.write.needs_pyarrow")])
    return out


def header(frame: pd.DataFrame, lang: str) -> list[str]:
    """The column names as a reader sees them, in ``lang`` (amounts say they are in yuan).

    >>> header(pd.DataFrame(columns=["triage_rank", "case", "total_owed"]), "en")
    ['rank', 'case', 'total owed (yuan)']
    """
    return [t(f"caseload.col.{name}", lang) for name in frame.columns]


def write_caseload(frame: pd.DataFrame, path: str | os.PathLike[str], *, lang: str) -> Path:
    """Write the caseload (:func:`helpers.caseload.run_caseload`) to ``path``, its kind by its
    suffix; amounts in yuan; headers in ``lang``.

    >>> import tempfile
    >>> from openpyxl import load_workbook
    >>> from helpers.paths import SAMPLES_DIR
    >>> from helpers.caseload.run import run_caseload
    >>> frame = run_caseload([SAMPLES_DIR / "li_na_illness.yaml"], lang="en")
    >>> out = write_caseload(frame, Path(tempfile.mkdtemp()) / "triage.xlsx", lang="en")
    >>> sheet = load_workbook(out).active
    >>> sheet["B2"].value, sheet.freeze_panes, sheet["F2"].number_format
    ('case 0001', 'C2', '#,##0.00')
    """
    out = check_out(path)
    suffix = out.suffix.lower()
    if suffix == ".csv":
        data = _csv_bytes(frame, lang)
    elif suffix == ".xlsx":
        data = _xlsx_bytes(frame, lang)
    else:  # .parquet, pyarrow present (check_out)
        buffer = io.BytesIO()
        frame.to_parquet(buffer, index=False)
        data = buffer.getvalue()
    return write_atomic(out, data)


def _value(name: str, value: Any) -> Any:
    """A cell's value: None for a missing one, yuan for fen, plain Python otherwise."""
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if name in AMOUNT_COLUMNS:
        return fen_to_yuan(int(value))
    if hasattr(value, "item"):  # numpy and pandas scalars
        return value.item()
    return value


def _csv_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    text = io.StringIO()
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerow([safe_for_sheet(h) for h in header(frame, lang)])
    for record in frame.itertuples(index=False):
        cells = []
        for name, raw in zip(frame.columns, record, strict=True):
            value = _value(name, raw)
            if value is None:
                cells.append("")
            elif isinstance(value, bool):
                cells.append("TRUE" if value else "FALSE")
            elif isinstance(value, Decimal):
                cells.append(f"{value:.2f}")
            else:
                cells.append(safe_for_sheet(str(value)))
        writer.writerow(cells)
    return text.getvalue().encode("utf-8-sig")


def _xlsx_bytes(frame: pd.DataFrame, lang: str) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.title = t("caseload.sheet", lang)
    bold = Font(bold=True)
    widths = []
    for col, text in enumerate(header(frame, lang), 1):
        cell = sheet.cell(1, col)
        _put(cell, text)
        cell.font = bold
        widths.append(len(text) * 2 + 2)
    for row, record in enumerate(frame.itertuples(index=False), 2):
        for col, (name, raw) in enumerate(zip(frame.columns, record, strict=True), 1):
            value = _value(name, raw)
            cell = sheet.cell(row, col)
            _put(cell, value)
            shown = "" if value is None else str(value).split("\n")[0]
            widths[col - 1] = max(widths[col - 1], len(shown) * 2 if shown else 0)
    sheet.freeze_panes = "C2"  # the rank and the case stay in view
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(frame.columns))}{len(frame) + 1}"
    for col, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(col)].width = min(width, _MAX_WIDTH)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _put(cell: Any, value: Any) -> None:
    """One value: yuan as an exact number (openpyxl would write 85036.24 as
    85036.24000000001), a count, a yes/no, or text kept text."""
    if isinstance(value, Decimal):
        cell.value = format(value.quantize(Decimal("0.01")), "f")
        cell.data_type = "n"
        cell.number_format = _AMOUNT_FORMAT
    elif isinstance(value, bool | int):
        cell.value = value
    elif value is not None:
        put_text(cell, value)
