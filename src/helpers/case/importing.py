"""Import debts from a spreadsheet (CSV or XLSX), as people keep them.

CSV files may be UTF-8 (with or without a byte-order mark) or GB18030, as Excel on a Chinese
Windows writes them; headers may be Chinese or English (``本金`` or ``principal``, or both as
``本金 (principal)``); amounts may use ``￥``, full-width digits and ``，``. Every problem is
collected and names its row and column as the spreadsheet shows them (the header is row 1).
A number cell in a text column (an account number) is read as its digits; a formula, or a
number a spreadsheet has cut to 15 digits, is refused naming its cell. Files are read within
the limits of :mod:`helpers.case.sheets`.

>>> from helpers.paths import SAMPLES_DIR
>>> debts = read_debts(SAMPLES_DIR / "debts_template.csv")
>>> [(d.lender, d.kind.value) for d in debts][:2]
[('招商银行', 'credit_card'), ('招联消费金融', 'consumer_finance')]
"""

from __future__ import annotations

import difflib
import os
import re
import unicodedata
from datetime import date, datetime
from typing import Any

from pydantic import ValidationError

from helpers.case.model import Case, Debt
from helpers.case.problems import problems_from_validation
from helpers.case.sheets import cell_text, is_formula, read_sheet
from helpers.errors import CaseError, Problem
from helpers.i18n import catalogue
from helpers.money import yuan_to_fen

__all__ = ["COLUMNS", "read_debts", "read_table", "debts_from_rows", "add_debts"]

# field (as in the case file) → the headers people use for it, Chinese and English
COLUMNS: dict[str, tuple[str, ...]] = {
    "id": ("编号", "id"),
    "lender": ("出借方", "贷款机构", "机构", "银行", "债权人", "lender", "creditor"),
    "kind": ("类型", "债务类型", "kind", "type", "lender kind"),
    "funder_kind": ("资金方类型", "funder kind", "funder_kind"),
    "funder_name": ("资金方", "出资方", "funder", "funder name", "funder_name"),
    "product": ("产品", "产品名称", "product"),
    "principal": ("本金", "剩余本金", "欠款本金", "principal", "principal outstanding"),
    "interest": ("利息", "未还利息", "interest", "interest outstanding"),
    "charges": ("费用", "违约金", "罚息及费用", "charges", "fees", "charges outstanding"),
    "original_principal": ("原始本金", "借款金额", "original principal", "original_principal"),
    "original_term_months": ("原始期数", "总期数", "original term", "original_term_months"),
    "remaining_term_months": ("剩余期数", "remaining term", "remaining_term_months"),
    "annual_rate": ("年利率", "年化利率", "annual rate", "annual_rate"),
    "daily_rate": ("日利率", "日息", "daily rate", "daily_rate"),
    "monthly_fee_rate": ("月费率", "月手续费率", "monthly fee rate", "monthly_fee_rate"),
    "day_basis": ("计息天数", "day basis", "day_basis"),
    "upfront_fee": ("预扣费用", "砍头息", "upfront fee", "upfront_fee"),
    "contract_date": ("合同日期", "借款日期", "contract date", "contract_date"),
    "due_day": ("还款日", "due day", "due_day"),
    "days_overdue": ("逾期天数", "days overdue", "days_overdue"),
    "secured": ("有抵押", "抵押", "secured"),
    "guarantor": ("担保人", "guarantor"),
    "credit_limit": ("信用额度", "额度", "credit limit", "credit_limit"),
    "statement_day": ("账单日", "statement day", "statement_day"),
    "cash_advance": ("取现部分", "取现", "cash advance", "cash_advance"),
    "minimum_due": ("最低还款额", "最低还款", "minimum due", "minimum_due"),
    "minimum_unpaid": ("未还最低还款", "minimum unpaid", "minimum_unpaid"),
    "account_number": ("账号", "卡号", "合同号", "account number", "account_number"),
    "note": ("备注", "note", "notes"),
}
_REQUIRED = ("lender", "kind", "principal")
# columns of text, where a number cell stands for its digits (an account number, say)
_TEXT_FIELDS = {"id", "lender", "funder_name", "product", "guarantor", "account_number", "note"}
_AMOUNT_FIELDS = {
    "principal",
    "interest",
    "charges",
    "original_principal",
    "upfront_fee",
    "credit_limit",
    "cash_advance",
    "minimum_due",
    "minimum_unpaid",
}
_INTEGER_FIELDS = {
    "original_term_months",
    "remaining_term_months",
    "day_basis",
    "due_day",
    "days_overdue",
    "statement_day",
}
_BOOL_WORDS = {
    "是": True,
    "有": True,
    "yes": True,
    "y": True,
    "true": True,
    "1": True,
    "否": False,
    "无": False,
    "no": False,
    "n": False,
    "false": False,
    "0": False,
}
_KIND_WORDS = {
    "网贷": "online_platform",
    "网络贷款": "online_platform",
    "互联网贷款": "online_platform",
    "小贷": "micro_loan",
    "亲友借款": "private",
    "亲友": "private",
    "私人借款": "private",
    "民间借贷": "private",
    "房贷": "mortgage",
    "车贷": "car",
    "住房贷款": "mortgage",
    "汽车贷款": "car",
    "消费贷": "consumer_finance",
}


def _norm(header: Any) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", str(header or ""))).strip().lower()


def _header_index() -> dict[str, str]:
    index = {_norm(alias): field for field, aliases in COLUMNS.items() for alias in aliases}
    return index


def _match_header(header: Any) -> str | None:
    """The field a header names; ``本金 (principal)`` matches by either part.

    >>> _match_header("本金 (principal)"), _match_header("Annual Rate"), _match_header("??")
    ('principal', 'annual_rate', None)
    """
    index = _header_index()
    text = _norm(header)
    if text in index:
        return index[text]
    for part in re.split(r"[()/|]", text):
        if part.strip() in index:
            return index[part.strip()]
    return None


def read_table(path: str | os.PathLike[str]) -> list[tuple[int, list[Any]]]:
    """The rows of a CSV or XLSX file as ``(row number, cells)``, header first, blank rows out
    (see :func:`helpers.case.sheets.read_sheet` for the limits and the sheet chosen).

    >>> from helpers.paths import SAMPLES_DIR
    >>> rows = read_table(SAMPLES_DIR / "debts_template.xlsx")
    >>> rows[0][0], rows[0][1][:2]
    (1, ['出借方 (lender)', '类型 (kind)'])
    """
    return read_sheet(path).rows


def _cell(field: str, value: Any) -> Any:
    """A cell's value as the case model reads it; empty cells are None."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and field in _INTEGER_FIELDS and value.is_integer():
        return int(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and field in _TEXT_FIELDS:
        value = cell_text(value)
    if not isinstance(value, str):
        return value
    text = unicodedata.normalize("NFKC", value).strip()
    if not text:
        return None
    if field == "kind":
        return _kind(text)
    if field == "secured":
        return _BOOL_WORDS.get(text.lower(), text)
    if field in _INTEGER_FIELDS:
        stripped = re.sub(r"(个月|日|号|天|期|月)$", "", text)
        return int(stripped) if stripped.isdigit() else text
    if field == "contract_date":
        found = re.fullmatch(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?", text)
        if found:
            return "{}-{:02d}-{:02d}".format(*map(int, found.groups()))
    return text


def _cell_problem(field: str, value: Any) -> str | None:
    """The message key of a cell that must not be imported: a formula anywhere, a number a
    spreadsheet has cut short in a text column, or an amount beyond any arithmetic.

    >>> _cell_problem("note", "=HYPERLINK(A1)"), _cell_problem("account_number", 6.2e18)
    ('errors.formula_cell', 'errors.digits_lost')
    >>> _cell_problem("principal", 1e300), _cell_problem("principal", 6.2e18) is None
    ('errors.not_amount', True)
    """
    if is_formula(value):
        return "errors.formula_cell"
    is_text = isinstance(value, str | int | float) and not isinstance(value, bool)
    if field in _TEXT_FIELDS and is_text and cell_text(value) is None:
        return "errors.digits_lost"
    if field in _AMOUNT_FIELDS:
        try:
            yuan_to_fen(value)
        except ArithmeticError:  # more digits than any amount has: Decimal gives up
            return "errors.not_amount"
        except (ValueError, TypeError):
            return None  # the model says what is wrong with it
    return None


def _kind(text: str) -> str:
    """A lender kind from its name in either language.

    >>> _kind("信用卡"), _kind("consumer finance"), _kind("网贷")
    ('credit_card', 'consumer_finance', 'online_platform')
    """
    lowered = text.lower().replace(" ", "_")
    for key, entry in catalogue().items():
        if key.startswith("case.lender_kind.") and text in (entry["zh-CN"], entry["en"]):
            return key.removeprefix("case.lender_kind.")
    return _KIND_WORDS.get(text, lowered)


def debts_from_rows(
    rows: list[tuple[int, list[Any]]], *, source: str = "<table>", sheet: str = "?"
) -> list[Debt]:
    """Validate spreadsheet rows (header first) as debts; every problem names its row and column
    (and ``sheet`` with the cell, for a formula or a number cut short).

    >>> rows = [(1, ["出借方", "类型", "本金", "年利率"]), (2, ["表哥", "亲友借款", "2万", "0"])]
    >>> [(d.lender, d.kind.value, d.principal_fen) for d in debts_from_rows(rows)]
    [('表哥', 'private', 2000000)]
    """
    if not rows:
        raise CaseError([Problem("", None, "errors.empty_table")], source=source)
    header_row, headers = rows[0]
    problems: list[Problem] = []
    fields: dict[int, str] = {}
    column_of: dict[str, str] = {}
    for position, header in enumerate(headers):
        if header is None or not str(header).strip():
            continue
        field = _match_header(header)
        if field is None:
            close = difflib.get_close_matches(_norm(header), list(_header_index()), n=1)
            key = "errors.unknown_column_like" if close else "errors.unknown_column"
            problems.append(
                Problem(
                    "",
                    str(header),
                    key,
                    {"suggestion": close[0] if close else ""},
                    row=header_row,
                    column=str(header),
                )
            )
        elif field in column_of:
            problems.append(
                Problem(
                    field,
                    str(header),
                    "errors.duplicate_column",
                    row=header_row,
                    column=str(header),
                )
            )
        else:
            fields[position], column_of[field] = field, str(header)
    for field in _REQUIRED:
        if field not in column_of:
            problems.append(
                Problem(
                    field,
                    None,
                    "errors.missing_column",
                    {"names": " / ".join(COLUMNS[field][:2] + COLUMNS[field][-1:])},
                    row=header_row,
                    column=COLUMNS[field][0],
                )
            )
    if not fields and any(header is not None for header in headers):
        known = ", ".join(str(h) for h in headers[:5] if h is not None)
        problems = [Problem("", known, "errors.no_known_column", {"row": header_row})]
    if problems:
        raise CaseError(problems, source=source)
    debts = []
    for number, cells in rows[1:]:
        debt, found = _row_debt(number, cells, fields, column_of, sheet)
        problems += found
        if debt is not None:
            debts.append(debt)
    if problems:
        position_of = {column: position for position, column in enumerate(headers)}
        problems.sort(key=lambda p: (p.row, position_of.get(p.column, len(headers))))
        raise CaseError(problems, source=source)
    if not debts:
        raise CaseError([Problem("", None, "errors.empty_table")], source=source)
    return debts


def _row_debt(
    number: int, cells: list[Any], fields: dict[int, str], column_of: dict[str, str], sheet: str
) -> tuple[Debt | None, list[Problem]]:
    """The debt of one row, or the problems of its cells (each reported once).

    >>> row = ["表哥", "亲友借款", "=B2*2", "0"]
    >>> fields = dict(enumerate(["lender", "kind", "principal", "annual_rate"]))
    >>> debt, (problem,) = _row_debt(3, row, fields, {"principal": "本金"}, "debts")
    >>> print(problem.render("en"))  # doctest: +ELLIPSIS
    row 3, column 本金 (principal): '=B2*2' is a formula (sheet debts, cell C3); type the value...
    """
    data: dict[str, Any] = {"id": f"row{number}"}
    problems, reported = [], set()
    for position, field in fields.items():
        raw = cells[position] if position < len(cells) else None
        key = _cell_problem(field, raw)
        if key is not None:
            cell = {"sheet": sheet, "cell": f"{_column_letter(position)}{number}"}
            column = column_of.get(field, field)
            problems.append(Problem(field, raw, key, cell, row=number, column=column))
            reported.add(field)
            continue
        value = _cell(field, raw)
        if value is not None:
            data[field] = value
    try:
        return Debt.model_validate(data), problems
    except ValidationError as exc:
        for problem in problems_from_validation(exc, model=Debt):
            field = problem.where.split(".")[0].split("[")[0]
            if field in reported:
                continue
            where = (problem.where, problem.value, problem.key, problem.params)
            problems.append(Problem(*where, row=number, column=column_of.get(field, field)))
        return None, problems


def read_debts(path: str | os.PathLike[str]) -> list[Debt]:
    """Read and validate the debts of a CSV or XLSX file.

    >>> from helpers.paths import SAMPLES_DIR
    >>> len(read_debts(SAMPLES_DIR / "debts_template.xlsx"))
    3
    """
    sheet = read_sheet(path)
    return debts_from_rows(sheet.rows, source=str(path), sheet=sheet.name)


def _column_letter(position: int) -> str:
    """The letters of a column as a spreadsheet shows them, from its position (0 = A).

    >>> _column_letter(0), _column_letter(25), _column_letter(26), _column_letter(99)
    ('A', 'Z', 'AA', 'CV')
    """
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def add_debts(case: Case, debts: list[Debt]) -> Case:
    """A new case with the debts appended, each given the next free id ``dN``.

    >>> from helpers.case import load_sample
    >>> from helpers.paths import SAMPLES_DIR
    >>> case = load_sample()
    >>> bigger = add_debts(case, read_debts(SAMPLES_DIR / "debts_template.csv"))
    >>> len(bigger.debts) - len(case.debts), bigger.debts[-1].id
    (3, 'd8')
    """
    taken = {d.id for d in case.debts}
    data = case.to_data()
    data["debts"] = list(data["debts"])
    number = len(case.debts)
    for debt in debts:
        number += 1
        while f"d{number}" in taken:
            number += 1
        taken.add(f"d{number}")
        item = debt.model_dump(by_alias=True, exclude_none=True)
        data["debts"].append({**item, "id": f"d{number}"})
    return Case.model_validate(data)
