"""A redacted caseload holds no personal value of any case, in any cell of the .xlsx or the
.csv, nor in the .xlsx's XML (where openpyxl may write Chinese as ``&#NNNN;`` character
references: they are decoded before the scan); cases go by labels, never by file names."""

from __future__ import annotations

import csv
import html
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import load_workbook

from helpers.case import load_case, personal_values
from helpers.caseload import run_caseload, write_caseload
from tests.support import SAMPLES, run_in_process

PHONE = "13800000001"  # Zhang Wei's phone (data/samples/zhang_wei_unemployed.yaml)
BAD_NAME = "wang_xiaoming_13912345678"  # a file named after a person (and a phone)


@pytest.fixture
def caseload_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "cases"
    folder.mkdir()
    for path in SAMPLES.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    # a file whose problem quotes a phone number: its as-of date is the phone (not a date)
    zhang = (SAMPLES / "zhang_wei_unemployed.yaml").read_text("utf-8")
    assert "as_of: 2025-04-01" in zhang and PHONE in zhang
    bad = zhang.replace("as_of: 2025-04-01", f'as_of: "{PHONE}"')
    (folder / f"{BAD_NAME}.yaml").write_text(bad, "utf-8")
    return folder


def _secrets(folder: Path) -> list[str]:
    values = [v for p in SAMPLES.glob("*.yaml") for v in personal_values(load_case(p))]
    assert len(values) >= 15  # five samples: a name, an ID, a phone each at least
    names = [p.stem for p in folder.iterdir()]
    return values + names + [PHONE, "13912345678"]


def _leaks(text: str, secrets: list[str]) -> list[str]:
    return [s for s in secrets if s in text]


@pytest.mark.parametrize("lang", ["en", "zh-CN"])
def test_redacted_xlsx_and_csv_hold_no_personal_value(caseload_dir, tmp_path, lang):
    secrets = _secrets(caseload_dir)
    frame = run_caseload([caseload_dir], lang=lang, redact=True)
    bad = frame[~frame["loaded"]]
    assert len(bad) == 1 and "*******0001" in bad["problems"].iloc[0]  # masked, still there
    xlsx = write_caseload(frame, tmp_path / "t.xlsx", lang=lang)
    csv_path = write_caseload(frame, tmp_path / "t.csv", lang=lang)

    cells = [str(c.value) for row in load_workbook(xlsx).active.iter_rows() for c in row]
    assert len(cells) == 7 * len(frame.columns)  # a header and six rows
    assert [c for c in cells if _leaks(c, secrets)] == []
    with zipfile.ZipFile(xlsx) as book:
        for member in book.namelist():
            text = html.unescape(book.read(member).decode("utf-8"))
            assert _leaks(text, secrets) == [], member

    raw = csv_path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # UTF-8 with a byte-order mark
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert len(rows) == 7
    assert [c for row in rows for c in row if _leaks(c, secrets)] == []


def test_cli_redacts_by_default_and_no_redact_gives_file_stems(caseload_dir, tmp_path):
    out = tmp_path / "t.csv"
    code, stdout, _ = run_in_process(
        ["caseload", str(caseload_dir), "--out", str(out), "--lang", "en"], seconds=120
    )
    assert code == 0
    assert _leaks(stdout + out.read_text("utf-8-sig"), _secrets(caseload_dir)) == []
    labels = [row[1] for row in csv.reader(io.StringIO(out.read_text("utf-8-sig")))][1:]
    assert sorted(labels) == [f"case {k:04d}" for k in range(1, 7)]

    code, stdout, _ = run_in_process(
        ["caseload", str(caseload_dir), "--out", str(out), "--no-redact", "--lang", "en"],
        seconds=120,
    )
    assert code == 0
    labels = [row[1] for row in csv.reader(io.StringIO(out.read_text("utf-8-sig")))][1:]
    assert sorted(labels) == sorted(p.stem for p in caseload_dir.iterdir())


def test_a_name_that_looks_like_a_formula_stays_text(tmp_path):
    folder = tmp_path / "cases"
    folder.mkdir()
    shutil.copy(SAMPLES / "li_na_illness.yaml", folder / "=SUM(A1).yaml")
    frame = run_caseload([folder], lang="en", redact=False)
    csv_path = write_caseload(frame, tmp_path / "t.csv", lang="en")
    row = list(csv.reader(io.StringIO(csv_path.read_text("utf-8-sig"))))[1]
    assert row[1] == "'=SUM(A1)"
    cell = load_workbook(write_caseload(frame, tmp_path / "t.xlsx", lang="en")).active["B2"]
    assert cell.data_type == "s" and cell.value == "=SUM(A1)" and cell.quotePrefix


def test_amounts_are_numbers_in_yuan_to_the_fen(tmp_path):
    frame = run_caseload([SAMPLES / "li_na_illness.yaml"], lang="en")
    sheet = load_workbook(write_caseload(frame, tmp_path / "t.xlsx", lang="en")).active
    header = [c.value for c in sheet[1]]
    owed = sheet.cell(2, header.index("total owed (yuan)") + 1)
    # Li Na: principals 18,600 + 16,000 + 9,200 + 8,000 and 1,120 + 310 + 96 of interest and
    # charges (data/samples/li_na_illness.yaml) = 53,326.00
    assert owed.value == 53326 and owed.number_format == "#,##0.00"
    assert sheet.freeze_panes == "C2" and sheet["A1"].font.bold
