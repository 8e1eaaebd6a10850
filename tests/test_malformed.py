"""Bad input never loses anything and never shows a traceback: each of these gives exit 2 and a
message that names the field (or line, or row and column), the value and the fix."""

from __future__ import annotations

import copy

import pytest
import yaml
from openpyxl import Workbook

from helpers.cli import main
from tests.support import run_cli, run_cli_here

BASE = {
    "as_of": "2025-04-01",
    "language": "en",
    "household": {"size": 2, "area": "urban"},
    "incomes": [{"kind": "wages", "amount": 5000, "from": "2025-01", "to": "2025-12"}],
    "costs": [{"category": "rent", "amount": 1500}],
    "hardship": {"kind": "illness", "start": "2025-02", "expected_recovery": "2025-09"},
    "debts": [
        {
            "id": "d1",
            "lender": "Some Bank",
            "kind": "bank_loan",
            "principal": 20000,
            "annual_rate": 0.12,
            "original_principal": 30000,
            "original_term_months": 24,
            "remaining_term_months": 12,
            "due_day": 5,
        }
    ],
    "evidence": [{"item": "diagnosis", "kind": "diagnosis", "status": "ready"}],
}


def _with(*changes):
    """BASE with the value at each dotted path (``debts.0.principal``) set, or removed for
    ``...``; changes alternate path and value."""
    data = copy.deepcopy(BASE)
    for path, value in zip(changes[::2], changes[1::2], strict=True):
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target = data
        for part in parents:
            target = target[part]
        if value is ...:
            del target[last]
        else:
            target[last] = value
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False)


CASES = {
    "missing as_of": (_with("as_of", ...), "as_of: this field is required"),
    "impossible date": (_with("as_of", "2025-13-01"), "as_of: '2025-13-01' is not a date"),
    "words for a date": (_with("as_of", "yesterday"), "as_of: 'yesterday' is not a date"),
    "unknown language": (_with("language", "fr"), "language: 'fr' is not one of the choices"),
    "household size as words": (
        _with("household.size", "three"),
        "household.size: 'three' is not a whole number",
    ),
    "household of nobody": (_with("household.size", 0), "household.size: 0 is too small"),
    "unknown area": (
        _with("household.area", "town"),
        "household.area: 'town' is not one of the choices",
    ),
    "income as words": (
        _with("incomes.0.amount", "abc"),
        "incomes[0].amount: 'abc' is not an amount",
    ),
    "negative income": (_with("incomes.0.amount", -100), "incomes[0].amount: -100 is negative"),
    "impossible month": (
        _with("incomes.0.from", "2025-13"),
        "incomes[0].from: '2025-13' is not a month",
    ),
    "months reversed": (
        _with("incomes.0.to", "2024-06"),
        "incomes[0]: the start month 2025-01 comes after the end month 2024-06",
    ),
    "incomes not a list": (
        _with("incomes", "5000 a month"),
        "incomes: '5000 a month' should be a list",
    ),
    "unknown cost category": (
        _with("costs.0.category", "mortgage"),
        "costs[0].category: 'mortgage' is not one of the choices",
    ),
    "unknown hardship": (
        _with("hardship.kind", "sad"),
        "hardship.kind: 'sad' is not one of the choices",
    ),
    "recovery before hardship": (
        _with("hardship.expected_recovery", "2024-01"),
        "hardship: the expected recovery 2024-01 comes before",
    ),
    "no debts": (_with("debts", []), "debts: add at least 1 item"),
    "debts missing": (_with("debts", ...), "debts: this field is required"),
    "percent for fraction": (
        _with("debts.0.annual_rate", 18),
        "debts[0].annual_rate: 18 is not a fraction; did you mean 0.18?",
    ),
    "daily percent": (
        _with("debts.0.daily_rate", 0.05, "debts.0.annual_rate", ...),
        "debts[0].daily_rate: 0.05 is not a fraction; did you mean 0.0005?",
    ),
    "monthly fee percent": (
        _with("debts.0.monthly_fee_rate", 0.6, "debts.0.annual_rate", ...),
        "debts[0].monthly_fee_rate: 0.6 is not a fraction; did you mean 0.006?",
    ),
    "two rates at once": (
        _with("debts.0.daily_rate", 0.0005),
        "debts[0].daily_rate: more than one rate is given (annual_rate, daily_rate)",
    ),
    "no rate": (_with("debts.0.annual_rate", ...), "debts[0].annual_rate: no rate given"),
    "principal missing": (
        _with("debts.0.principal", ...),
        "debts[0].principal: this field is required",
    ),
    "negative principal": (_with("debts.0.principal", -5), "debts[0].principal: -5 is negative"),
    "garbled principal": (
        _with("debts.0.principal", "1,2,3"),
        "debts[0].principal: '1,2,3' is not an amount",
    ),
    "unknown lender kind": (
        _with("debts.0.kind", "bank"),
        "debts[0].kind: 'bank' is not one of the choices; did you mean bank_loan?",
    ),
    "due day 32": (
        _with("debts.0.due_day", 32),
        "debts[0].due_day: 32 is too large; the most allowed is 31",
    ),
    "negative days overdue": (
        _with("debts.0.days_overdue", -3),
        "debts[0].days_overdue: -3 is too small",
    ),
    "30 February": (
        _with("debts.0.contract_date", "2024-02-30"),
        "debts[0].contract_date: '2024-02-30' is not a date",
    ),
    "maybe secured": (
        _with("debts.0.secured", "maybe"),
        "debts[0].secured: 'maybe' is not yes or no",
    ),
    "card field on a loan": (
        _with("debts.0.credit_limit", 5000),
        "debts[0].credit_limit: 5000: only credit cards have this",
    ),
    "misspelt field": (
        _with("debts.0.princpal", 100),
        "debts[0].princpal: 'princpal' is not a field here; did you mean principal?",
    ),
    "zero-month term": (
        _with("debts.0.original_term_months", 0),
        "debts[0].original_term_months: 0 is too small",
    ),
    "remaining over original": (
        _with("debts.0.remaining_term_months", 30),
        "debts[0].remaining_term_months: the remaining term 30 exceeds the original term 24",
    ),
    "unknown evidence status": (
        _with("evidence.0.status", "done"),
        "evidence[0].status: 'done' is not one of the choices",
    ),
    "rate as words": (
        _with("debts.0.annual_rate", "high"),
        "debts[0].annual_rate: 'high' is not a rate",
    ),
    "broken indentation": (
        "as_of: 2025-04-01\ndebts:\n  - lender: x\n    kind: private\n   principal: 5\n",
        "5:4: the file does not parse",
    ),
    "unclosed quote": ('as_of: "2025-04-01\ndebts: []\n', "the file does not parse"),
    "tab indentation": (
        "as_of: 2025-04-01\ndebts:\n\t- lender: x\n",
        "3:1: the file does not parse",
    ),
    "duplicate key": (
        "as_of: 2025-04-01\nas_of: 2025-04-02\n" + _with("as_of", ...),
        "line 2: as_of: 'as_of' appears twice",
    ),
    "empty file": ("", "the file is empty"),
    "a list, not a case": ("- 1\n- 2\n", "the file is not a case"),
    "python object tag": (
        "as_of: !!python/object/apply:os.system ['true']\n",
        "as_of: uses the YAML tag tag:yaml.org,2002:python/object/apply:os.system",
    ),
}


@pytest.mark.parametrize("name", list(CASES))
def test_a_malformed_case_exits_2_naming_the_field(name, tmp_path, capsys):
    text, expected = CASES[name]
    path = tmp_path / "case.yaml"
    path.write_text(text, "utf-8")
    assert main(["check", str(path), "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert expected in err
    assert "Traceback" not in err
    assert path.read_text("utf-8") == text  # nothing touched the file


def test_there_are_at_least_30_malformed_inputs():
    assert len(CASES) + len(TABLES) >= 30


def _bad_xlsx(path):
    book = Workbook()
    book.active.append(["出借方", "类型", "本金", "年利率"])
    book.active.append(["表哥", "亲友借款", 5000, 0])
    book.active.append(["某小贷", "小额贷款", "3千", 36])
    book.save(path)


TABLES = {
    "xlsx with a bad row": (
        "bad.xlsx",
        _bad_xlsx,
        "row 3, column 年利率 (annual_rate): 36 is not a fraction",
    ),
    "gb18030 csv, bad amount in row 3": (
        "gb.csv",
        lambda p: p.write_bytes(
            "出借方,类型,本金,年利率\n招商银行,信用卡,1000,0.18\n工商银行,银行贷款,12万x,0.05\n".encode(
                "gb18030"
            )
        ),
        "row 3, column 本金 (principal): '12万x' is not an amount",
    ),
    "unknown column": (
        "cols.csv",
        lambda p: p.write_text("lender,kind,principal,colour\nx,private,1,red\n"),
        "row 1, column colour",
    ),
    "not a workbook": (
        "fake.xlsx",
        lambda p: p.write_bytes(b"PK not really"),
        "not a valid .xlsx workbook",
    ),
    "wrong kind of file": (
        "debts.pdf",
        lambda p: p.write_bytes(b"%PDF"),
        "'.pdf' files cannot be imported",
    ),
    "missing table": ("absent.csv", lambda p: None, "the file does not exist"),
}


@pytest.mark.parametrize("name", list(TABLES))
def test_a_malformed_table_exits_2_naming_row_and_column(name, tmp_path, capsys, cases_dir):
    filename, make, expected = TABLES[name]
    path = tmp_path / filename
    make(path)
    assert main(["import-debts", str(path), "--into", "zhang_wei_unemployed", "--lang", "en"]) == 2
    out, err = capsys.readouterr()
    assert expected in err
    assert "Traceback" not in err
    assert list(cases_dir.iterdir()) == []  # nothing was copied or saved


# Two run as a user runs them, in a process of their own (its exit code, nothing printed past the
# message); the rest through the same ``main`` in this process (3 s less each).
@pytest.mark.parametrize(
    ("args", "expected", "real"),
    [
        (["check", "no/such/case.yaml"], "the file does not exist", True),
        (["check", "nobody"], "no case named 'nobody'", False),
        (["check", "{tmp}/case.yaml"], "debts[0].annual_rate: 18 is not a fraction", False),
        (["import-debts", "{tmp}/gb.csv", "--into", "zhang_wei_unemployed"], "row 3, column 本金",
         False),
        (["--lang", "fr", "check", "x"], "invalid language value: 'fr'", False),
        (["frobnicate"], "invalid choice: 'frobnicate'", True),
    ],
)  # fmt: skip
def test_the_cli_exits_2_without_a_traceback(args, expected, real, tmp_path):
    run = run_cli if real else run_cli_here
    (tmp_path / "case.yaml").write_text(CASES["percent for fraction"][0], "utf-8")
    (tmp_path / "gb.csv").write_bytes(
        "出借方,类型,本金\n甲,信用卡,1\n乙,信用卡,1x\n".encode("gb18030")
    )
    result = (
        run(*[a.format(tmp=tmp_path) for a in args], "--lang", "en")
        if args[0] != "--lang"
        else run(*args)
    )
    assert result.returncode == 2, result.stderr
    assert expected in result.stderr
    assert "Traceback" not in result.stderr + result.stdout
