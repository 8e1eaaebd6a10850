"""Write ``data/samples/debts_template.xlsx`` from the CSV template, so the two never drift.

Run ``python tests/make_templates.py`` after editing the CSV; ``tests/test_case_import.py``
fails when the committed workbook differs from the CSV.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font

SAMPLES = Path(__file__).resolve().parents[1] / "data" / "samples"


def template_rows() -> list[list[str]]:
    """The rows of the CSV template, header first."""
    with open(SAMPLES / "debts_template.csv", encoding="utf-8-sig", newline="") as handle:
        return [row for row in csv.reader(handle)]


def write_xlsx(target: Path) -> None:
    """The workbook version of the template: same cells, bold header, readable widths."""
    book = Workbook()
    sheet = book.active
    sheet.title = "debts"
    for row in template_rows():
        sheet.append([_typed(value) for value in row])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for column in sheet.columns:
        sheet.column_dimensions[column[0].column_letter].width = 16
    sheet.freeze_panes = "A2"
    book.properties.creator = "Repayment Negotiation Workbench"
    book.save(target)


def _typed(value: str) -> object:
    """Numbers as numbers (as a user typing into Excel gets), other cells as text."""
    try:
        number = float(value)
    except ValueError:
        return value if value != "" else None
    return int(number) if number.is_integer() and "." not in value else number


if __name__ == "__main__":
    write_xlsx(Path(sys.argv[1]) if len(sys.argv) > 1 else SAMPLES / "debts_template.xlsx")
