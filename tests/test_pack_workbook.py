"""The advisor's workbook read back with openpyxl: the sheets and headers in the case's language,
every schedule row equal to the engine's to the fen, the budget's capacity, the paid amounts
adding up to the scenario's metrics, a small case worked by hand, the formats, frozen headers
and widths, a formula-looking lender kept text, no personal value in a redacted case's
workbook, and the journal's Chinese intact."""

from __future__ import annotations

import html
import io
import re
import zipfile
from decimal import Decimal
from functools import cache

import pytest
from openpyxl import load_workbook

from helpers.budget import monthly_budget
from helpers.case import Case, list_samples, load_sample, personal_values
from helpers.engine import ROW_COLUMNS
from helpers.journal import Entry, Promise
from helpers.pack.workbook import WORKBOOK_CREATOR, workbook_bytes
from helpers.plans import Reinstalment
from helpers.redact import redacted_case
from helpers.scenarios import Scenario, own_result, scenario_to_data

SAMPLES = list_samples()
LANGS = ("zh-CN", "en")
SHEET_NAMES = {
    "zh-CN": ["每月预算", "债务现状", "方案比较", "还款明细", "联系记录"],
    "en": ["Budget", "Debts", "Scenarios", "Schedules", "Journal"],
}
CJK = re.compile(r"[\u4e00-\u9fff]")
# Schedules: column letter of each engine column the sheet shows
SCHEDULE_AMOUNTS = {
    "D": "scheduled_due",
    "E": "paid",
    "F": "principal_paid",
    "G": "interest_paid",
    "H": "penalty_paid",
    "I": "charges_paid",
    "J": "unpaid",
    "K": "principal_closing",
    "L": "interest_closing",
    "M": "penalty_closing",
    "N": "charges_closing",
}


@cache
def _bytes(sample: str, lang: str) -> bytes:
    return workbook_bytes(load_sample(sample), lang)


def _book(data: bytes):
    return load_workbook(io.BytesIO(data))


def _fen(value) -> int:
    """A cell's yuan as fen, exactly; an amount with more than two decimals (float drift written
    into the file) fails here."""
    exact = Decimal(repr(value))
    assert exact.as_tuple().exponent >= -2, f"{value!r} is not a yuan amount to the fen"
    return int(exact * 100)


def _column(sheet, letter: str) -> list:
    return [cell.value for cell in sheet[letter][1:]]


def _xml_texts(data: bytes) -> str:
    """Every part of the XLSX, character references decoded (openpyxl writes Chinese as
    ``&#24314;``, which a plain byte search would miss)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = [archive.read(name).decode("utf-8") for name in archive.namelist()]
    return html.unescape("\n".join(parts))


# ---- every sample, both languages ----
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_sheets_and_headers_are_in_the_language(sample, lang):
    book = _book(_bytes(sample, lang))
    assert book.sheetnames == SHEET_NAMES[lang]
    for sheet in book:
        headers = [cell.value for cell in sheet[1]]
        assert all(headers), sheet.title
        if lang == "zh-CN":  # every Chinese header has Chinese in it; no English one has any
            assert all(CJK.search(h) for h in headers), headers
        else:
            assert not any(CJK.search(h) for h in headers), headers
    budget, journal = book.worksheets[0], book.worksheets[4]
    first = {
        "zh-CN": ("月份", "可向无抵押债权人还款"),
        "en": ("month", "capacity for unsecured lenders"),
    }
    assert (budget["A1"].value, budget["J1"].value) == first[lang]
    assert journal["H1"].value == {"zh-CN": "内容摘要", "en": "Summary"}[lang]
    empty = {"zh-CN": "还没有记录任何联系。", "en": "No contacts recorded yet."}
    assert journal["A2"].value == empty[lang] and journal.max_row == 2


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_every_schedule_row_equals_the_engines_to_the_fen(sample, lang):
    case = load_sample(sample)
    result, _ = own_result(case)
    rows = result.projection.rows
    sheet = _book(_bytes(sample, lang)).worksheets[3]
    assert sheet.max_row == len(rows) + 1
    at = {name: k for k, name in enumerate(ROW_COLUMNS)}
    lenders = {d.id: d.lender for d in case.debts}
    for number, row in enumerate(rows, 2):
        cells = {cell.column_letter: cell.value for cell in sheet[number]}
        assert cells["A"] == row[at["month"]]
        assert cells["B"] == row[at["debt_id"]]
        assert cells["C"] == lenders[row[at["debt_id"]]]
        for letter, name in SCHEDULE_AMOUNTS.items():
            assert _fen(cells[letter]) == row[at[name]], (number, name)
        assert cells["O"] == row[at["days_overdue"]]


@pytest.mark.parametrize("sample", SAMPLES)
def test_amounts_are_written_as_exact_decimals(sample):
    # openpyxl alone writes 85036.24 as "85036.24000000001" (its "%.16g"): the file must hold
    # the yuan to the fen, as the budget's and the schedule's numbers are all amounts or counts
    with zipfile.ZipFile(io.BytesIO(_bytes(sample, "en"))) as archive:
        for name in ("xl/worksheets/sheet1.xml", "xl/worksheets/sheet4.xml"):
            numbers = re.findall(r"<v>([^<]*)</v>", archive.read(name).decode("utf-8"))
            assert len(numbers) > 100
            assert [n for n in numbers if not re.fullmatch(r"-?\d+(\.\d\d?)?", n)] == []


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_budget_capacity_equals_monthly_budget(sample, lang):
    budget = monthly_budget(load_sample(sample))
    sheet = _book(_bytes(sample, lang)).worksheets[0]
    assert _column(sheet, "A") == list(budget.months)
    assert [_fen(v) for v in _column(sheet, "J")] == list(budget.capacity_fen)
    assert [_fen(v) for v in _column(sheet, "B")] == list(budget.income_fen)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("sample", SAMPLES)
def test_the_paid_amounts_add_up_to_the_scenarios_metrics(sample, lang):
    metrics = own_result(load_sample(sample))[0].metrics
    book = _book(_bytes(sample, lang))
    schedules = book.worksheets[3]
    paid = {letter: sum(_fen(v) for v in _column(schedules, letter)) for letter in "EFGHI"}
    assert paid["E"] == metrics.total_paid_fen
    assert [paid[k] for k in "FGHI"] == [
        metrics.principal_paid_fen,
        metrics.interest_paid_fen,
        metrics.penalty_paid_fen,
        metrics.charges_paid_fen,
    ]
    # per debt, what is paid is what goes to its four buckets
    debts = _column(schedules, "B")
    for debt_id in set(debts):
        mine = [k for k, d in enumerate(debts) if d == debt_id]
        total = sum(_fen(_column(schedules, "E")[k]) for k in mine)
        buckets = sum(_fen(_column(schedules, c)[k]) for c in "FGHI" for k in mine)
        assert total == buckets, debt_id
    # the Scenarios sheet's row of the scheduled scenario says the same total
    yes = {"zh-CN": "是", "en": "yes"}[lang]
    scenarios = book.worksheets[2]
    marked = [row for row in scenarios.iter_rows(min_row=2, values_only=True) if row[16] == yes]
    assert len(marked) == 1 and _fen(marked[0][2]) == metrics.total_paid_fen


def test_the_same_case_gives_the_same_cells():
    first, second = (_book(workbook_bytes(load_sample(), "zh-CN")) for _ in range(2))
    for a, b in zip(first, second, strict=True):
        assert [[c.value for c in row] for row in a] == [[c.value for c in row] for row in b]


# ---- a case small enough to work by hand ----
HAND_LENDER = "招商银行信用卡中心"


def _hand_case(lender: str = HAND_LENDER) -> Case:
    """12,000.00 lent at 0%, re-instaled over 12 months and chosen in 03; income 1,000.00 a
    month, no costs, no reserve."""
    return Case.model_validate(
        {
            "as_of": "2025-01-01",
            "incomes": [{"kind": "wages", "amount": 1000}],
            "debts": [
                {
                    "id": "d1",
                    "lender": lender,
                    "kind": "private",
                    "principal": 12000,
                    "annual_rate": 0,
                }
            ],
            "chosen_scenario": scenario_to_data(Scenario("custom", {"d1": Reinstalment(12)})),
        }
    )


def test_a_zero_rate_loan_over_twelve_months_by_hand():
    book = _book(workbook_bytes(_hand_case(), "en"))
    schedules = book["Schedules"]
    # 12,000.00 / 12 = 1,000.00 due and paid each month (0% accrues nothing); after month m
    # the principal left is 12,000.00 − 1,000.00 × m, so 0 after the 12th, and nothing after
    for m in range(1, 13):
        row = [c.value for c in schedules[m + 1]]
        assert row[0] == f"{2025 + (m - 1) // 12}-{(m - 1) % 12 + 1:02d}"
        assert [_fen(v) for v in row[3:6]] == [100_000, 100_000, 100_000]
        assert _fen(row[10]) == 1_200_000 - 100_000 * m
        assert [_fen(v) for v in (row[6], row[7], row[8], row[9])] == [0, 0, 0, 0]
    assert [_fen(v) for v in _column(schedules, "E")[12:]] == [0] * 48  # months 13..60
    # paid in all: 12 × 1,000.00 = 12,000.00
    assert sum(_fen(v) for v in _column(schedules, "E")) == 1_200_000
    # budget: 1,000.00 income − 0 costs − 0 reserve − 0 secured = 1,000.00 capacity, 60 months
    assert [_fen(v) for v in _column(book["Budget"], "J")] == [100_000] * 60
    # debts: 12,000.00 of principal, nothing else, at 0% a year
    debt = [c.value for c in book["Debts"][2]]
    assert debt[:2] == ["d1", HAND_LENDER]
    assert [_fen(v) for v in debt[3:8]] == [1_200_000, 0, 0, 0, 1_200_000]
    assert debt[9:11] == [0, 0]
    # scenarios: the chosen one comes last, named for people, and is the one scheduled
    chosen = [c.value for c in book["Scenarios"][book["Scenarios"].max_row]]
    assert chosen[0] == "your scenario" and chosen[15:] == ["yes", "yes"]
    assert _fen(chosen[2]) == 1_200_000 and chosen[4] == 12 and chosen[6] == 0


def test_formats_frozen_headers_filters_and_widths():
    book = _book(workbook_bytes(_hand_case(), "en"))
    frozen = {"Budget": "B2", "Debts": "B2", "Scenarios": "B2", "Schedules": "B2", "Journal": "A2"}
    for sheet in book:
        assert sheet.freeze_panes == frozen[sheet.title]
        assert all(cell.font.b for cell in sheet[1])
        last = sheet[1][-1].column_letter
        rows = 1 if sheet.title == "Journal" else sheet.max_row  # an empty journal: the header
        assert sheet.auto_filter.ref == f"A1:{last}{rows}"
    debts, schedules = book["Debts"], book["Schedules"]
    assert debts["D2"].number_format == "#,##0.00"
    assert schedules["E2"].number_format == "#,##0.00"
    assert debts["J2"].number_format == "0.00%" and debts["K2"].number_format == "0.00%"
    assert book["Scenarios"]["K2"].number_format == "0.00%"
    assert debts["M2"].number_format == "0"
    assert schedules["A2"].data_type == "s"  # months are text "YYYY-MM"
    # widths: the widest text + 2, a header counting one more (bold). "招商银行信用卡中心" is 9
    # Chinese characters, 18 wide → 20; "owed" (4 + 1) is narrower than "12,000.00" (9) → 11;
    # "id" (2 + 1) is wider than "d1" (2) → 5
    assert debts.column_dimensions["B"].width == 20
    assert schedules.column_dimensions["C"].width == 20
    assert debts.column_dimensions["H"].width == 11
    assert debts.column_dimensions["A"].width == 5


def test_a_lender_named_like_a_formula_stays_text():
    lender = '=HYPERLINK("x")'
    data = workbook_bytes(_hand_case(lender), "en")
    book = _book(data)
    for cell in (book["Debts"]["B2"], book["Schedules"]["C2"]):
        assert cell.value == lender and cell.data_type == "s" and cell.quotePrefix
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(b"<f>" in archive.read(n) or b"<f " in archive.read(n) for n in sheets)


def test_the_properties_name_the_project_and_the_language():
    props = _book(_bytes("li_na_illness", "zh-CN")).properties
    assert (props.creator, props.lastModifiedBy) == (WORKBOOK_CREATOR, WORKBOOK_CREATOR)
    assert props.language == "zh-CN" and props.title == "协商还款分析"


# ---- privacy and the journal ----
@pytest.mark.parametrize("sample", SAMPLES)
def test_a_redacted_case_leaves_no_personal_value_in_any_cell(sample):
    case = load_sample(sample)
    secrets = personal_values(case)
    assert secrets, "a sample without personal values would prove nothing"
    data = workbook_bytes(redacted_case(case, "zh-CN"), "zh-CN")
    cells = [
        str(cell.value) for sheet in _book(data) for row in sheet for cell in row if cell.value
    ]
    xml = _xml_texts(data)
    assert [s for s in secrets if any(s in text for text in cells)] == []
    assert [s for s in secrets if s in xml] == []
    # the scan can fail: a personal value planted where the workbook shows it (a lender's name)
    # is found
    planted = case.model_copy(
        update={"debts": (case.debts[0].model_copy(update={"lender": secrets[0]}),)}
    )
    assert secrets[0] in _xml_texts(workbook_bytes(planted, "zh-CN"))


def test_two_journal_entries_show_with_their_chinese_intact():
    entries = [
        Entry(
            when="2025-04-02 10:15",
            debt_id="d1",
            lender="招商银行",
            channel="hotline",
            initiator="me",
            agent_id="8123",
            summary="申请个性化分期，客服说要审批",
            promises=[Promise("me", "先还 500 元", amount_fen=50_000, due="2025-04-05")],
            next_step="回电问审批结果",
            next_date="2025-04-09",
            outcome="counter_offer",
        ),
        Entry(
            when="2025-04-03 21:00",
            debt_id="d4",
            lender="借呗",
            channel="collector_call",
            initiator="collector",
            summary="催收员联系了我的家人",
            third_parties=["family"],
            threats=True,
        ),
    ]
    data = workbook_bytes(load_sample(), "zh-CN", entries=entries)
    sheet = _book(data)["联系记录"]
    first, second = ([cell.value for cell in sheet[n]] for n in (2, 3))
    assert sheet.max_row == 3
    assert first[1:5] == ["2025-04-02 10:15", "d1", "招商银行", "客服热线"]
    assert first[7] == "申请个性化分期，客服说要审批" and first[9] == "回电问审批结果"
    assert "先还 500 元" in first[8] and first[10] == "2025-04-09" and first[11] == "对方还价"
    assert second[3:6] == ["借呗", "催收电话", "催收方"]
    assert second[7] == "催收员联系了我的家人" and second[14] == "家人" and second[15] == "是"
    assert "申请个性化分期" in _xml_texts(data)
    assert sheet.auto_filter.ref == "A1:R3"  # 18 columns: the journal's, with what was paid
