"""Spreadsheets in and out: read a CSV or XLSX table within bounds; write cells that no
spreadsheet takes for a formula.

A table of debts is small, so the reader refuses more than :data:`MAX_FILE_BYTES` of file,
:data:`MAX_ROWS` debts or :data:`MAX_SHEET_ROWS` rows (blank ones included) as soon as it meets
them, with a message saying the limit. Workbooks are streamed (openpyxl's read-only mode) after
their unpacked size is checked; chart sheets, hidden sheets and empty sheets are passed over for
the first worksheet with data. Cells right of column :data:`MAX_COLUMNS` are not read.

Which sheet of the template holds the debts, and how many rows has it?

>>> from helpers.paths import SAMPLES_DIR
>>> sheet = read_sheet(SAMPLES_DIR / "debts_template.xlsx")
>>> sheet.name, len(sheet.rows)
('debts', 4)
"""

from __future__ import annotations

import codecs
import csv
import errno
import io
import os
import re
import unicodedata
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, NamedTuple, NoReturn

from helpers.errors import CaseError, Problem

__all__ = [
    "MAX_FILE_BYTES",
    "MAX_UNPACKED_BYTES",
    "MAX_ROWS",
    "MAX_SHEET_ROWS",
    "MAX_COLUMNS",
    "Sheet",
    "read_sheet",
    "is_formula",
    "cell_text",
    "safe_for_sheet",
]

MAX_FILE_BYTES = 20 * 1024 * 1024  # a CSV or XLSX file
MAX_UNPACKED_BYTES = 5 * 1024 * 1024  # an XLSX's parts once unzipped, pictures not counted
MAX_ROWS = 2_000  # debts, the header not counted
MAX_SHEET_ROWS = 20_000  # rows read, blank ones included
MAX_COLUMNS = 100  # columns read (A to CV)
_MB = 1024 * 1024
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and any workbook with a password
_LOST_DIGITS = re.compile(r"\s*\d(\.\d+)?[eE]\+\d+\s*")  # 6.22202E+18, as Excel saves a CSV
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


class Sheet(NamedTuple):
    """The rows of one sheet as ``(row number, cells)``, header first, blank rows left out;
    a CSV file's sheet is named after the file, as Excel names it."""

    name: str
    rows: list[tuple[int, list[Any]]]


def read_sheet(path: str | os.PathLike[str]) -> Sheet:
    """The table of a CSV file, or of a workbook's first worksheet with data.

    A file that is not a table of debts within the limits raises :class:`CaseError`; a folder,
    a pipe, or a file that may not be read raises ``OSError``, as ``open`` would.

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "我的债务.csv"
    >>> _ = path.write_text("出借方,本金\\n\\n表哥,5000\\n", encoding="gb18030")
    >>> read_sheet(path)
    Sheet(name='我的债务', rows=[(1, ['出借方', '本金']), (3, ['表哥', '5000'])])
    """
    path = Path(path)
    source, suffix = str(path), path.suffix.lower()
    if not path.exists():
        _refuse(source, Problem("", None, "errors.no_file"))
    if not path.is_file():  # a folder, or a pipe that might never end
        if path.is_dir():
            raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), source)
        raise OSError(errno.EINVAL, "not a regular file", source)
    if suffix not in (".xlsx", ".xlsm", ".csv", ".txt"):
        _refuse(source, Problem("", path.suffix, "errors.table_format"))
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        limits = {"size": _megabytes(size), "limit": MAX_FILE_BYTES // _MB}
        _refuse(source, Problem("", None, "errors.file_too_big", limits))
    raw = path.read_bytes()
    if suffix in (".xlsx", ".xlsm"):
        return _read_xlsx(raw, source)
    return Sheet(path.stem, _bounded(_csv_rows(raw, source), path.stem, source))


def _refuse(source: str, problem: Problem) -> NoReturn:
    raise CaseError([problem], source=source)


def _megabytes(size: int) -> str:
    """A size in megabytes, as messages show it.

    >>> _megabytes(31_457_280), _megabytes(1_000)
    ('30.0', '0.0')
    """
    return f"{size / _MB:.1f}"


def _bounded(rows: Iterable[tuple[int, list[Any]]], sheet: str, source: str) -> list:
    """The non-blank rows, each without its trailing blank cells; stops at the first row past
    a limit and refuses the table, so a huge sheet is never read to its end.

    >>> _bounded([(1, ["a", None, " "]), (2, [None, ""]), (3, ["b"])], "s", "x.csv")
    [(1, ['a']), (3, ['b'])]
    """
    found: list[tuple[int, list[Any]]] = []
    for number, cells in rows:
        if number > MAX_SHEET_ROWS:
            limits = {"sheet": sheet, "limit": MAX_SHEET_ROWS}
            _refuse(source, Problem("", None, "errors.too_many_rows", limits))
        cells = list(cells[:MAX_COLUMNS])
        while cells and _blank(cells[-1]):
            cells.pop()
        if not cells:
            continue
        if len(found) > MAX_ROWS:  # the header and MAX_ROWS debts are in already
            limits = {"sheet": sheet, "row": number, "limit": MAX_ROWS}
            _refuse(source, Problem("", None, "errors.too_many_debts", limits))
        found.append((number, cells))
    return found


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _decode(raw: bytes) -> str | None:
    """The text of a CSV file: UTF-8 (with or without a byte-order mark), GB18030, or UTF-16
    or UTF-32 with a byte-order mark (Excel's "Unicode text"); None when it is not text.

    >>> _decode("债务".encode("gb18030")), _decode(codecs.BOM_UTF16_LE + "债".encode("utf-16-le"))
    ('债务', '债')
    >>> _decode(b"PK\\x03\\x04\\x00\\x00") is None
    True
    """
    if raw.startswith((codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)):
        encodings: tuple[str, ...] = ("utf-32",)
    elif raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        encodings = ("utf-16",)
    elif b"\x00" in raw:
        return None
    else:
        encodings = ("utf-8-sig", "gb18030")
    for encoding in encodings:
        try:
            return raw.decode(encoding)
        except UnicodeDecodeError:
            continue
    return None


def _csv_rows(raw: bytes, source: str) -> Iterator[tuple[int, list[str]]]:
    text = _decode(raw)
    if text is None:
        _refuse(source, Problem("", None, "errors.file_not_text"))
    first_line = text.split("\n", 1)[0]
    delimiter = "\t" if "\t" in first_line and "," not in first_line else ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        yield from enumerate(reader, start=1)
    except csv.Error as exc:
        raise CaseError(
            [Problem(f"{reader.line_num}", None, "errors.csv_syntax", {"detail": str(exc)})],
            source=source,
        ) from None


def _read_xlsx(raw: bytes, source: str) -> Sheet:
    if raw.startswith(_OLE2):
        _refuse(source, Problem("", None, "errors.old_xls"))
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            unpacked = sum(_parsed_size(member) for member in archive.infolist())
    except Exception:  # zipfile raises BadZipFile, ValueError, OSError… on a damaged file
        _refuse(source, Problem("", None, "errors.not_xlsx"))
    if unpacked > MAX_UNPACKED_BYTES:
        limits = {
            "size": _megabytes(unpacked),
            "limit": MAX_UNPACKED_BYTES // _MB,
            "rows": MAX_ROWS,
        }
        _refuse(source, Problem("", None, "errors.xlsx_too_big", limits))
    book = _open_workbook(raw, source)
    try:
        for sheet in book.worksheets:
            if getattr(sheet, "sheet_state", "visible") != "visible":
                continue
            rows = _bounded(_xlsx_rows(sheet, source), sheet.title, source)
            if rows:
                return Sheet(sheet.title, rows)
    finally:
        book.close()
    _refuse(source, Problem("", None, "errors.no_data_sheet"))


def _parsed_size(member: zipfile.ZipInfo) -> int:
    """The bytes a part of a workbook unpacks to, as far as they may be parsed: a compressed
    part that does not expand (a picture) is not, nor could it be a zip bomb.

    >>> picture = zipfile.ZipInfo("xl/media/image1.png")
    >>> picture.compress_type, picture.compress_size, picture.file_size = 8, 900_000, 901_000
    >>> _parsed_size(picture)
    0
    >>> sheet = zipfile.ZipInfo("xl/worksheets/sheet1.xml")
    >>> sheet.compress_type, sheet.compress_size, sheet.file_size = 8, 50_000, 900_000
    >>> _parsed_size(sheet)
    900000
    """
    deflated = member.compress_type == zipfile.ZIP_DEFLATED
    if deflated and member.file_size <= member.compress_size * 1.1 + 4096:
        return 0
    return member.file_size


def _open_workbook(raw: bytes, source: str) -> Any:
    """A workbook in openpyxl's read-only (streaming) mode, formulas as written, chart sheets
    left out: they hold no debts, and openpyxl 3.1 fails on one without a chart."""
    from openpyxl.reader.excel import ExcelReader

    class _WorksheetsOnly(ExcelReader):
        def read_chartsheet(self, sheet: Any, rel: Any) -> None:
            return None

    reader = _WorksheetsOnly(io.BytesIO(raw), read_only=True, data_only=False, keep_links=False)
    try:
        reader.read()
    except Exception:  # openpyxl raises anything from KeyError to lxml errors on a bad file
        _refuse(source, Problem("", None, "errors.not_xlsx"))
    return reader.wb


def _xlsx_rows(sheet: Any, source: str) -> Iterator[tuple[int, list[Any]]]:
    """A worksheet's rows as they stream from the file, numbered from 1; an array formula
    becomes its text, as any other formula is."""
    from openpyxl.worksheet.formula import ArrayFormula, DataTableFormula

    try:
        sheet.reset_dimensions()  # the size a file declares may be wrong, or huge
        rows = sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True)
        for number, cells in enumerate(rows, start=1):
            if cells.count(None) == len(cells):  # blank: most rows of a hostile sheet
                yield number, []
                continue
            if any(isinstance(c, (ArrayFormula, DataTableFormula)) for c in cells):
                cells = [_formula_text(c) for c in cells]
            yield number, cells
    except Exception:  # a damaged part of the file, met while streaming it
        _refuse(source, Problem("", None, "errors.not_xlsx"))


def _formula_text(value: Any) -> Any:
    """An array or data-table formula as its text (starting with ``=``); others as they are."""
    if not hasattr(value, "ref"):  # ArrayFormula and DataTableFormula have one
        return value
    text = str(getattr(value, "text", None) or "")
    return text if text.startswith("=") else "=" + text


def is_formula(value: Any) -> bool:
    """Whether a cell holds a formula, or text that a spreadsheet would take for one.

    >>> is_formula('=HYPERLINK("http://x", "还款")'), is_formula(" ＝1+1"), is_formula("-5")
    (True, True, False)
    """
    return isinstance(value, str) and unicodedata.normalize("NFKC", value.lstrip()[:1]) == "="


def cell_text(value: str | float) -> str | None:
    """What a cell of a text column (account number, lender, note…) says, as text; None when
    the spreadsheet has already dropped digits of it: Excel keeps 15 significant digits, so a
    number of 16 digits or more (or its CSV form ``6.22202E+18``) has lost its last ones.

    What does an account number typed as a number become?

    >>> cell_text(6222021234.0), cell_text(42), cell_text(12.5), cell_text("招商银行")
    ('6222021234', '42', '12.5', '招商银行')
    >>> cell_text(6222021234567890000.0), cell_text(6222021234567890123), cell_text("6.22202E+18")
    (None, None, None)
    """
    if isinstance(value, str):
        return None if _LOST_DIGITS.fullmatch(value) else value
    if isinstance(value, int) or value.is_integer():
        return None if abs(value) >= 10**15 else str(int(value))
    return f"{value:.15g}"


def safe_for_sheet(value: Any) -> Any:
    """A value to write into a CSV or XLSX cell that no spreadsheet reads back as a formula:
    text starting with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return gets a leading
    single quote (``'``, which Excel shows as text); numbers, and text that is a plain number,
    are left as they are.

    What happens to a lender's name that looks like a formula when it is exported?

    >>> safe_for_sheet('=HYPERLINK("http://x")')
    '\\'=HYPERLINK("http://x")'
    >>> safe_for_sheet("-A1-B1"), safe_for_sheet("@SUM(A1)"), safe_for_sheet("-12.50")
    ("'-A1-B1", "'@SUM(A1)", '-12.50')
    >>> safe_for_sheet("招商银行"), safe_for_sheet(7)
    ('招商银行', 7)
    """
    if (
        isinstance(value, str)
        and value.startswith(_FORMULA_STARTS)
        and not _NUMBER.fullmatch(value)
    ):
        return "'" + value
    return value
