"""The case editor's draft: a case as plain data holding exactly what the user typed.

A bad value never erases the draft: every keystroke is kept as typed (text stays text), and the
draft becomes a :class:`~helpers.case.Case` only when it validates. These functions are the
editor's logic without widgets: case ↔ draft, validation into problems with field paths,
routing each problem to its field, titles of items, new items, imported debts and saving.

>>> from helpers.case import load_sample
>>> draft = draft_from_case(load_sample())
>>> draft["debts"][0]["principal"], draft["debts"][0]["daily_rate"]
('28000.00', '0.0005')
>>> draft["debts"][0]["daily_rate"] = "5"
>>> case, problems = validate_draft(draft)
>>> case is None, problems[0].where, problems[0].message("en")
(True, 'debts[0].daily_rate', "'5' is not a fraction; did you mean 0.05?")
"""

from __future__ import annotations

import os
import re
import tempfile
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from enum import Enum
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from helpers import paths
from helpers.case import (
    Case,
    Debt,
    problems_from_validation,
    read_debts,
    save_case,
    writable_copy,
)
from helpers.errors import AmountError, CaseError, Problem
from helpers.i18n import DEFAULT_LANGUAGE, label
from helpers.money import format_fen, parse_amount
from helpers.paths import is_sample
from helpers.ui.editor.fields import FIELDS, LIST_SECTIONS, OBJECT_SECTIONS, SECTIONS, FieldSpec
from helpers.ui.editor.rules import order_text, parse_order

__all__ = [
    "draft_from_case",
    "data_from_draft",
    "validate_draft",
    "route_problems",
    "item_index",
    "is_empty",
    "field_visible",
    "item_title",
    "new_item",
    "imported_items",
    "read_uploaded_debts",
    "save_draft",
    "save_target",
]

_TEXT_CONTROLS = {
    "text",
    "longtext",
    "amount",
    "rate",
    "number",
    "whole",
    "month",
    "date",
    "order",
}


# what separates the buckets of a payment order as people type it; without any of these,
# spaces do ("charges penalty interest principal")
def _shown(spec: FieldSpec | None, value: Any, lang: str = DEFAULT_LANGUAGE) -> Any:
    """A value of the case as its control holds it (text for typed fields)."""
    if isinstance(value, Enum):
        value = value.value
    if spec is None:
        return value
    if spec.control in _TEXT_CONTROLS and value is None:
        return ""
    if spec.control == "order":
        return order_text(value, lang)
    if spec.control == "date":
        return value.isoformat() if hasattr(value, "isoformat") else str(value)
    if spec.control in ("rate", "number"):
        return format(Decimal(repr(float(value))).normalize(), "f")
    if spec.control in _TEXT_CONTROLS:
        return str(value)
    return value


def _item_draft(
    section: str, data: Mapping[str, Any], lang: str = DEFAULT_LANGUAGE
) -> dict[str, Any]:
    fields = FIELDS[section]
    item = {name: _shown(fields.get(name), value, lang) for name, value in data.items()}
    item.update({s.name: _shown(s, None) for s in SECTIONS[section] if s.name not in item})
    return item


def draft_from_case(case: Case, lang: str = DEFAULT_LANGUAGE) -> dict[str, Any]:
    """The editable draft of a case: every field present, typed fields as text (a payment
    order in the page's language ``lang``).

    >>> from helpers.case import load_sample
    >>> draft = draft_from_case(load_sample())
    >>> draft["savings"], draft["hardship"]["start"], draft["debts"][4]["annual_rate"]
    ('8000.00', '2025-02', '0')
    >>> draft["as_of"], draft["debts"][4]["contract_date"]
    ('2025-04-01', '2024-12-01')
    >>> draft["debts"][1]["interest"], draft["debts"][1]["due_day"], draft["person"]["name"]
    ('0.00', '27', '张伟')
    """
    data = case.to_data()
    draft = _item_draft("case", data, lang)
    for section in OBJECT_SECTIONS:
        draft[section] = _item_draft(section, data.get(section) or {}, lang)
    for section in LIST_SECTIONS:
        draft[section] = [_item_draft(section, item, lang) for item in data.get(section, ())]
    return draft


def is_empty(value: Any) -> bool:
    """Whether a control holds nothing: None, or text of only spaces.

    >>> is_empty(None), is_empty("  "), is_empty(0), is_empty(False)
    (True, True, False, False)
    """
    return value is None or (isinstance(value, str) and not value.strip())


def _parsed(spec: FieldSpec | None, value: Any) -> Any:
    if is_empty(value):
        return None
    if isinstance(value, str):
        value = value.strip()
    if spec is not None and spec.control == "order":
        return parse_order(value)
    return value


def _item_data(section: str, item: Mapping[str, Any]) -> dict[str, Any]:
    fields = FIELDS[section]
    parsed = {name: _parsed(fields.get(name), value) for name, value in item.items()}
    return {name: value for name, value in parsed.items() if value is not None}


def data_from_draft(draft: Mapping[str, Any]) -> dict[str, Any]:
    """The draft as the data of a case file: empty fields left out, so defaults apply.

    A section whose fields are all empty (no hardship, no personal details) is left out.

    >>> from helpers.case import load_sample
    >>> draft = draft_from_case(load_sample())
    >>> draft["hardship"] = {"kind": None, "start": " ", "description": ""}
    >>> data = data_from_draft(draft)
    >>> "hardship" in data, data["debts"][1]["principal"], "credit_limit" in data["debts"][3]
    (False, '15200.00', False)
    """
    data = _item_data("case", {k: v for k, v in draft.items() if k not in SECTIONS})
    for section in OBJECT_SECTIONS:
        part = _item_data(section, draft.get(section) or {})
        if part:
            data[section] = part
    for section in LIST_SECTIONS:
        data[section] = [_item_data(section, item) for item in draft.get(section, ())]
    return data


def validate_draft(draft: Mapping[str, Any]) -> tuple[Case | None, list[Problem]]:
    """The draft as a case, or None and every problem (field paths such as ``debts[2].kind``).

    >>> from helpers.case import load_sample
    >>> draft = draft_from_case(load_sample())
    >>> validate_draft(draft)[0] == load_sample()
    True
    >>> draft["household"]["size"] = 0
    >>> [p.render("en") for p in validate_draft(draft)[1]]
    ['household.size: 0 is too small; the least allowed is 1']
    """
    try:
        return Case.model_validate(data_from_draft(draft)), []
    except ValidationError as exc:
        return None, problems_from_validation(exc, model=Case)


def route_problems(
    problems: Iterable[Problem], field_paths: Iterable[str]
) -> tuple[dict[str, list[Problem]], list[Problem]]:
    """Share problems among fields by path; the rest are returned apart, in order.

    >>> ps = [Problem("debts[0].annual_rate", 18, "errors.rate_not_fraction",
    ...               {"suggestion": "0.18"}), Problem("debts[0]", None, "errors.missing")]
    >>> by_field, rest = route_problems(ps, ["debts[0].annual_rate", "debts[0].lender"])
    >>> [p.message("en") for p in by_field["debts[0].annual_rate"]], len(rest)
    (['18 is not a fraction; did you mean 0.18?'], 1)
    """
    by_field: dict[str, list[Problem]] = {path: [] for path in field_paths}
    rest = []
    for problem in problems:
        if problem.where in by_field:
            by_field[problem.where].append(problem)
        else:
            rest.append(problem)
    return by_field, rest


def item_index(where: str, section: str) -> int | None:
    """The position of the item of a list that a problem's path points into.

    >>> item_index("debts[2].annual_rate", "debts"), item_index("debts[2]", "debts")
    (2, 2)
    >>> item_index("incomes[0].amount", "debts"), item_index("debts", "debts")
    (None, None)
    """
    found = re.match(rf"{re.escape(section)}\[(\d+)\](?:\.|$)", where)
    return int(found[1]) if found else None


def field_visible(spec: FieldSpec, item: Mapping[str, Any]) -> bool:
    """Whether a field is shown: always, or for its lender kind, or while it holds a value.

    >>> from helpers.ui.editor.fields import FIELDS
    >>> limit = FIELDS["debts"]["credit_limit"]
    >>> field_visible(limit, {"kind": "credit_card"}), field_visible(limit, {"kind": "private"})
    (True, False)
    >>> field_visible(limit, {"kind": "private", "credit_limit": "5000"})
    True
    """
    return spec.only is None or item.get("kind") == spec.only or not is_empty(item.get(spec.name))


def _fen_or_none(text: Any) -> int | None:
    try:
        return 0 if is_empty(text) else parse_amount(str(text))
    except AmountError:
        return None


def _owed(item: Mapping[str, Any], lang: str) -> str:
    parts = [_fen_or_none(item.get(name)) for name in ("principal", "interest", "charges")]
    return "?" if None in parts else format_fen(sum(parts), lang)


def _choice_label(group: str, value: Any, lang: str) -> str:
    return "?" if is_empty(value) else label(group, value, lang)


def item_title(section: str, item: Mapping[str, Any], lang: str) -> str:
    """How an item is named in its selector: a debt as "lender · kind · owed".

    >>> item_title("debts", {"lender": "招商银行", "kind": "credit_card", "principal": "1.2万",
    ...                      "interest": "100", "charges": ""}, "zh-CN")
    '招商银行 · 信用卡 · ¥12,100.00'
    >>> item_title("incomes", {"kind": "wages", "amount": "abc"}, "en")
    'wages · ?'
    """
    if section == "debts":
        kind = _choice_label("case.lender_kind", item.get("kind"), lang)
        return f"{item.get('lender') or '?'} · {kind} · {_owed(item, lang)}"
    if section == "evidence":
        status = _choice_label("case.evidence_status", item.get("status"), lang)
        return f"{item.get('item') or '?'} · {status}"
    amount = _fen_or_none(item.get("amount"))
    shown = "?" if amount is None or is_empty(item.get("amount")) else format_fen(amount, lang)
    group = {"incomes": "case.income_kind", "costs": "case.cost_category"}[section]
    value = item.get("kind" if section == "incomes" else "category")
    return f"{_choice_label(group, value, lang)} · {shown}"


def _next_debt_ids(items: Sequence[Mapping[str, Any]], count: int) -> list[str]:
    """Fresh ids ``dN`` after the existing debts, as :func:`helpers.case.add_debts` numbers."""
    taken = {str(item.get("id")) for item in items}
    number, ids = len(items), []
    for _ in range(count):
        number += 1
        while f"d{number}" in taken:
            number += 1
        taken.add(f"d{number}")
        ids.append(f"d{number}")
    return ids


def new_item(section: str, items: Sequence[Mapping[str, Any]]) -> dict[str, Any]:
    """A new, empty item for a list: required choices take their first value; a debt an id.

    >>> new = new_item("debts", [{"id": "d1"}, {"id": "d2"}])
    >>> new["id"], new["kind"], new["principal"], new["days_overdue"]
    ('d3', 'credit_card', '', 0)
    >>> new_item("evidence", [])
    {'item': '', 'kind': 'other', 'status': 'missing', 'note': ''}
    """
    item = _item_draft(section, {})
    for spec in SECTIONS[section]:
        if spec.control == "choice" and spec.required:
            item[spec.name] = spec.choices[0]
    if section == "evidence":
        item["kind"] = "other"  # as the model's default
    if section == "debts":
        item.update(id=_next_debt_ids(items, 1)[0], days_overdue=0)
    return item


def imported_items(items: Sequence[Mapping[str, Any]], debts: Sequence[Debt]) -> list[dict]:
    """Draft items for imported debts, each with the next free id ``dN``.

    >>> from helpers.case import read_debts
    >>> from helpers.paths import SAMPLES_DIR
    >>> new = imported_items([{"id": "d1"}], read_debts(SAMPLES_DIR / "debts_template.csv"))
    >>> [(d["id"], d["lender"], d["principal"]) for d in new]
    [('d2', '招商银行', '12500.00'), ('d3', '招联消费金融', '12000.00'), ('d4', '表哥', '5000.00')]
    """
    ids = _next_debt_ids(items, len(debts))
    found = []
    for debt, new_id in zip(debts, ids, strict=True):
        data = debt.model_dump(by_alias=True, exclude_none=True)
        found.append(_item_draft("debts", {**data, "id": new_id}))
    return found


def read_uploaded_debts(name: str, content: bytes) -> list:
    """Read the debts of an uploaded file: its bytes go to a temporary file with its suffix.

    Problems name the uploaded file, not the temporary one.

    >>> from helpers.paths import SAMPLES_DIR
    >>> raw = (SAMPLES_DIR / "debts_template.xlsx").read_bytes()
    >>> len(read_uploaded_debts("my debts.xlsx", raw))
    3
    >>> read_uploaded_debts("debts.pdf", b"%PDF")
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: debts.pdf: 1 problem
    '.pdf' files cannot be imported; use .csv or .xlsx
    """
    with tempfile.TemporaryDirectory() as folder:
        temp = Path(folder) / f"upload{Path(name).suffix}"
        temp.write_bytes(content)
        try:
            return read_debts(temp)
        except CaseError as exc:
            raise CaseError(exc.problems, source=name) from None


def save_target(path: str | os.PathLike[str] | None) -> Path:
    """Where a case opened from ``path`` is saved: a sample's copy in ``cases/``, a user's case
    in place, a case without a file as ``cases/new_case.yaml``.

    >>> from helpers.paths import SAMPLES_DIR, CASES_DIR
    >>> save_target(SAMPLES_DIR / "li_na_illness.yaml") == CASES_DIR / "li_na_illness.yaml"
    True
    >>> save_target(None).name
    'new_case.yaml'
    """
    if path is None:
        return paths.new_case_path()
    path = Path(path)
    return paths.CASES_DIR / path.name if is_sample(path) else path


def save_draft(
    draft: Mapping[str, Any], path: str | os.PathLike[str] | None
) -> tuple[Case, Path, bool]:
    """Validate the whole draft and save it atomically; on any problem write nothing.

    A sample is first copied to ``cases/NAME.yaml`` (:func:`helpers.case.writable_copy`) and
    the copy is saved; nothing is ever written to ``data/samples/``. Returns the case, where
    it was saved and whether a sample was copied.

    >>> from helpers.case import load_sample
    >>> draft = draft_from_case(load_sample())
    >>> draft["as_of"] = None
    >>> save_draft(draft, "/nowhere/mine.yaml")
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: as_of: this field is required; add it
    """
    case, problems = validate_draft(draft)
    if problems:
        raise CaseError(problems)
    target, copied = writable_copy(save_target(None) if path is None else path)
    save_case(case, target)
    return case, target, copied
