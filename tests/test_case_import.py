import pytest
from openpyxl import Workbook, load_workbook

from helpers.case import add_debts, load_sample, read_debts, read_table
from helpers.errors import CaseError
from tests.make_templates import template_rows, write_xlsx
from tests.support import SAMPLES

HEADER_ZH = "出借方,类型,本金,利息,年利率,日利率,逾期天数,还款日,合同日期\n"
HEADER_EN = (
    "lender,kind,principal,interest,annual rate,daily rate,days overdue,due day,contract date\n"
)
ROWS = (
    '招商银行,信用卡,"￥12,500.00",180,,0.05%,12,20日,\n'
    "工商银行,银行贷款,１．２万,0,4.35%,,0,1,2024年8月1日\n"
)


def _write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


@pytest.mark.parametrize(
    ("header", "encoding"),
    [
        (HEADER_ZH, "utf-8"),
        (HEADER_ZH, "utf-8-sig"),
        (HEADER_ZH, "gb18030"),
        (HEADER_EN, "utf-8"),
        (HEADER_EN, "gb18030"),
    ],
)
def test_csv_in_either_encoding_and_language_gives_the_same_debts(tmp_path, header, encoding):
    debts = read_debts(_write(tmp_path, "debts.csv", header + ROWS, encoding))
    card, loan = debts
    assert (card.lender, card.kind.value, card.principal_fen, card.interest_fen) == (
        "招商银行",
        "credit_card",
        1250000,
        18000,
    )
    assert card.daily_rate == pytest.approx(0.0005)
    assert (card.days_overdue, card.due_day) == (12, 20)
    assert (loan.principal_fen, loan.annual_rate) == (1200000, pytest.approx(0.0435))
    assert loan.contract_date.isoformat() == "2024-08-01"


def test_the_csv_and_xlsx_templates_give_the_same_debts():
    from_csv = read_debts(SAMPLES / "debts_template.csv")
    from_xlsx = read_debts(SAMPLES / "debts_template.xlsx")
    assert len(from_csv) == 3
    assert [d.model_dump(exclude={"id"}) for d in from_csv] == [
        d.model_dump(exclude={"id"}) for d in from_xlsx
    ]


def test_the_committed_xlsx_template_matches_the_csv(tmp_path):
    fresh = tmp_path / "t.xlsx"
    write_xlsx(fresh)

    def cells(path):
        sheet = load_workbook(path, read_only=True).worksheets[0]
        return [list(row) for row in sheet.iter_rows(values_only=True)]

    assert cells(SAMPLES / "debts_template.xlsx") == cells(fresh)
    assert len(cells(fresh)) == len(template_rows())


def test_importing_the_template_adds_its_rows_with_fresh_ids():
    case = load_sample()
    bigger = add_debts(case, read_debts(SAMPLES / "debts_template.csv"))
    assert [d.id for d in bigger.debts] == ["d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"]
    assert bigger.debts[:5] == case.debts
    assert bigger.debts[5].lender == "招商银行"


def test_a_gb18030_csv_with_a_bad_amount_in_row_3_names_row_and_column(tmp_path):
    text = HEADER_ZH + ROWS.replace("１．２万", "1.2万x")
    with pytest.raises(CaseError) as info:
        read_debts(_write(tmp_path, "gb.csv", text, "gb18030"))
    assert info.value.render("en").splitlines()[1] == (
        "row 3, column 本金 (principal): '1.2万x' is not an amount; "
        "write it like 1234.50, ¥1,234.50 or 1.2万"
    )
    assert info.value.render("zh-CN").splitlines()[1].startswith("第 3 行「本金」列 (principal)：")


def test_every_bad_cell_is_reported_not_just_the_first(tmp_path):
    text = HEADER_EN + "a,credit_card,abc,,,0.0005,,,\nb,bank,100,,18,,-1,,2024-13-01\n"
    with pytest.raises(CaseError) as info:
        read_debts(_write(tmp_path, "bad.csv", text))
    cells = [(p.row, p.column) for p in info.value.problems]
    assert cells == [
        (2, "principal"),
        (3, "kind"),
        (3, "annual rate"),
        (3, "days overdue"),
        (3, "contract date"),
    ]


def test_an_xlsx_with_a_bad_row_names_it(tmp_path):
    book = Workbook()
    sheet = book.active
    sheet.append(["出借方", "类型", "本金", "年利率"])
    sheet.append(["表哥", "亲友借款", 5000, 0])
    sheet.append(["某小贷", "小额贷款", "3千", 36])
    book.save(tmp_path / "bad.xlsx")
    with pytest.raises(CaseError) as info:
        read_debts(tmp_path / "bad.xlsx")
    (problem,) = info.value.problems
    assert (problem.row, problem.column, problem.key) == (3, "年利率", "errors.rate_not_fraction")


def test_unknown_and_missing_columns_are_named(tmp_path):
    text = "lender,principle,annual_rate\nx,100,0\n"
    with pytest.raises(CaseError) as info:
        read_debts(_write(tmp_path, "cols.csv", text))
    rendered = info.value.render("en")
    assert (
        "row 1, column principle: 'principle' is not a known column; did you mean principal?"
        in rendered
    )
    assert (
        "a required column is missing; add a column named 类型 / 债务类型 / lender kind"
        in rendered
    )


@pytest.mark.parametrize(
    ("name", "content", "key"),
    [
        ("x.xlsx", b"not a zip", "errors.not_xlsx"),
        ("x.ods", b"", "errors.table_format"),
        ("x.csv", "出借方,类型,本金\n".encode(), "errors.empty_table"),
        ("x.csv", b"", "errors.empty_table"),
    ],
)
def test_files_that_are_not_tables_of_debts(tmp_path, name, content, key):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(CaseError) as info:
        read_debts(path)
    assert info.value.problems[0].key == key


def test_blank_rows_are_skipped_but_rows_keep_their_spreadsheet_numbers(tmp_path):
    text = HEADER_EN + "\n,,,,,,,,\n" + "x,private,5千x,,0,,,,\n"
    with pytest.raises(CaseError) as info:
        read_debts(_write(tmp_path, "blank.csv", text))
    assert info.value.problems[0].row == 4
    assert [n for n, _ in read_table(_write(tmp_path, "ok.csv", HEADER_EN + "\n" + ROWS))] == [
        1,
        3,
        4,
    ]
