"""Redaction (helpers.redact): shapes of personal numbers found in free text, the case's own
values masked wherever they are written, and the figures untouched."""

from __future__ import annotations

import re

import pytest

from helpers.budget import monthly_budget
from helpers.case import (
    Draft,
    case_to_yaml,
    list_samples,
    load_sample,
    parse_case,
    personal_values,
)
from helpers.redact import masked_number, redacted_case, scrub, shaped_like_personal
from helpers.scenarios import compare

# Shapes written as people write them (all invented numbers).
SHAPED = {
    "11010519491231002X": "id_number",  # 18 characters, the last an X (GB 11643-1999)
    "110105491231002": "id_number",  # the old 15 digits
    "13912345678": "phone",
    "+86 139 1234 5678": "phone",
    "139-1234-5678": "phone",
    "0571-87654321": "phone",  # a landline with its area code
    "6222 0212 3456 7890": "card",  # 16 digits in fours
    "6217-0000-1111-2222-333": "card",  # 19 digits
    "622588001234": "card",  # 12 digits: the shortest account number caught
}
# Numbers that are not personal and must be left as written.
HARMLESS = ("2025-04-01", "45,070.00", "¥1,085.55", "12378", "12363", "尾号 2468", "20250401")


@pytest.mark.parametrize("number", SHAPED)
def test_each_shape_is_found_and_masked_in_running_chinese_text(number):
    text = f"联系我：{number}，谢谢"
    assert shaped_like_personal(text) == [SHAPED[number]] or SHAPED[number] in (
        shaped_like_personal(text)
    )
    out = scrub(text)
    digits = re.sub(r"\D", "", number)
    assert digits not in re.sub(r"\D", "", out.replace("*", ""))
    assert out.startswith("联系我：") and out.endswith("，谢谢")


def test_a_card_keeps_its_last_four_digits_and_an_id_or_phone_none():
    # 16 digits: 12 stars and 7890; the phone's 11 digits all hidden
    assert scrub("卡 6222 0212 3456 7890") == "卡 ************7890"
    assert scrub("电话 13912345678") == "电话 ***********"
    assert scrub("身份证 11010519491231002X") == "身份证 " + "*" * 18
    assert masked_number("6217-0000-1111-2222-333") == "*" * 15 + "2333"


@pytest.mark.parametrize("text", HARMLESS)
def test_dates_amounts_hotlines_and_card_tails_are_left_alone(text):
    assert scrub(text) == text and shaped_like_personal(text) == []


def _planted(case, name):
    """The sample with personal values planted in every kind of free text."""
    person = case.person.name or "张三"
    story = f"{person}，电话 13912345678，身份证 11010519491231002X，卡 6222 0212 3456 7890"
    hardship = case.hardship.model_copy(update={"description": story}) if case.hardship else None
    debts = tuple(
        d.model_copy(update={"note": f"{d.note or ''} 账号 {d.account_number or '622588001234'}"})
        for d in case.debts
    )
    draft = Draft(
        debt=case.debts[0].id,
        lang="zh-CN",
        kind="chat",
        text=f"您好，我是{person}，手机 139-1234-5678。\n卡号 {case.debts[0].account_number}",
        based_on="",
    )
    return case.model_copy(update={"hardship": hardship, "debts": debts, "drafts": (draft,)})


@pytest.mark.parametrize("name", list_samples())
@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_a_redacted_case_holds_no_personal_value_anywhere(name, lang):
    case = _planted(load_sample(name), name)
    secrets = [v for v in personal_values(case) if "\n" not in v]
    secrets += ["13912345678", "11010519491231002X", "6222 0212 3456 7890", "139-1234-5678"]
    text = case_to_yaml(redacted_case(case, lang))
    compact = re.sub(r"[\s\-+]", "", text)
    found = [s for s in secrets if s in text or re.sub(r"[\s\-+]", "", s) in compact]
    assert found == []
    assert parse_case(text).person.phone is None  # the redacted case is still a case


def test_names_kept_on_request_but_numbers_never():
    case = _planted(load_sample("chen_jian_business_loss"), "chen_jian")
    text = case_to_yaml(redacted_case(case, "zh-CN", keep_names=True))
    assert "陈建" in text and "陈建国" in text
    assert "13912345678" not in text and "6214620000009876" not in text


@pytest.mark.parametrize("name", list_samples())
def test_a_redacted_case_computes_the_same_figures(name):
    case = load_sample(name)
    safe = redacted_case(case, "en")
    assert monthly_budget(safe) == monthly_budget(case)
    ours, theirs = compare(safe), compare(case)
    assert ours.recommended == theirs.recommended
    assert [r.metrics for r in ours.results] == [r.metrics for r in theirs.results]
