"""The written application per lender: its schedule is the engine's for the fallback ladder's
ask (read back from the Markdown), never short of the budget, its texts are complete in both
languages, its requests carry the engine's amounts, and its legal paragraphs are exactly those
the facts call for."""

from __future__ import annotations

import functools
import io
import re

import pytest
from docx import Document
from docx.oxml.ns import qn

from helpers.case import Case, list_samples, load_sample
from helpers.money import format_fen
from helpers.months import add_months_to_date
from helpers.proposals import (
    CHAT_LIMITS,
    EAST_ASIAN_FONT,
    LEGAL_RULES,
    LegalFacts,
    application_docx,
    application_markdown,
    call_script_markdown,
    chat_message,
    contact_plan,
    debt_schedule,
    docx_schedule,
    fallback_ladder,
    legal_facts,
    legal_keys,
    legal_paragraphs,
    parse_schedule,
    plan_requests,
)
from helpers.scenarios import own_result

# what an unfilled text shows: a missing value, a raw message key, a placeholder
GAPS = re.compile(r"\bNone\b|\bnan\b|\bNaN\b|\b(?:proposals|case|plans|rules)\.\w|[{}]")
LANGS = ("zh-CN", "en")


@functools.cache
def _sample(name: str) -> tuple[Case, object]:
    case = load_sample(name)
    return case, own_result(case)[0]


@functools.cache
def _ladder(name: str, debt_id: str):
    return fallback_ladder(load_sample(name), debt_id)


def _asked(name: str, debt_id: str) -> tuple:
    """The ask's schedule (empty where there is no ask: no schedule is shown)."""
    ladder = _ladder(name, debt_id)
    return debt_schedule(ladder.ask.result, debt_id) if ladder.ask else ()


def _letters() -> list[tuple[str, str]]:
    return [(name, c.debt_id) for name in list_samples() for c in contact_plan(load_sample(name))]


LETTERS = _letters()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("sample", "debt_id"), LETTERS)
def test_letter_schedule_reads_back_as_the_asks(sample: str, debt_id: str, lang: str) -> None:
    case, _ = _sample(sample)
    text = application_markdown(case, debt_id, lang, ladder=_ladder(sample, debt_id))
    rows = parse_schedule(text)
    assert rows == _asked(sample, debt_id)
    assert all(row.paid_fen >= row.due_fen for row in rows)  # no month short
    if _ladder(sample, debt_id).ask is None:
        assert rows == ()


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("sample", "debt_id"), LETTERS)
def test_letter_has_no_gap_and_no_full_account(sample: str, debt_id: str, lang: str) -> None:
    case, _ = _sample(sample)
    text = application_markdown(case, debt_id, lang, ladder=_ladder(sample, debt_id))
    assert GAPS.search(text) is None, GAPS.search(text)
    debt = case.debt(debt_id)
    if debt.account_number:
        assert debt.account_number not in text
        if debt.kind != "private":  # a personal note names no account
            assert debt.account_number[-4:] in text
    assert debt.lender in text
    if case.hardship and case.hardship.description:
        assert case.hardship.description in text


def test_an_explicit_scenario_is_still_asked_for_as_it_is() -> None:
    case, result = _sample("li_na_illness")
    text = application_markdown(case, "d1", "en", result=result)
    assert parse_schedule(text) == debt_schedule(result, "d1")


def test_letter_is_dated_by_the_contact_plan() -> None:
    case, result = _sample("zhang_wei_unemployed")
    text = application_markdown(case, "d2", "en", result=result)  # 建设银行: by 2025-04-20
    assert "Date: 2025-04-20" in text


def test_letter_cites_the_evidence_in_hand_only() -> None:
    case, result = _sample("li_na_illness")
    text = application_markdown(case, "d1", "zh-CN", result=result)
    for item in ("病理诊断报告", "住院病历和出院小结", "医疗费用发票"):
        assert f"- {item}" in text
    assert "病假工资证明" not in text  # requested, not yet in hand


def test_requests_carry_the_engines_amounts() -> None:
    # Zhang Wei's 招商银行 card: a step-up plan waiving penalty and charges; the waived charges
    # are what the projection waives, and the re-instalment is what is owed on 2025-04-01.
    case, result = _sample("zhang_wei_unemployed")
    requests = {r.kind: r for r in plan_requests(result, "d1")}
    assert requests["reinstalment"].amount == case.debt("d1").principal_fen + (
        case.debt("d1").interest_fen
        + case.debt("d1").penalty_interest_fen
        + case.debt("d1").charges_fen
    )
    assert requests["reinstalment"].months == len(debt_schedule(result, "d1"))
    frame = result.projection.frame()
    waived = int(frame.loc[frame["debt_id"] == "d1", "charges_waived"].sum())
    assert waived > 0
    assert requests["waive_charges"].amount == waived


def test_holiday_request_counts_the_months_with_nothing_due() -> None:
    case, result = _sample("li_na_illness")  # step-up with nothing to pay for 6 months
    holiday = [r for r in plan_requests(result, "d1") if r.kind == "holiday"]
    assert [h.months for h in holiday] == [6]
    assert "前 6 个月暂缓还款" in application_markdown(case, "d1", "zh-CN", result=result)


# One hand-built case per paragraph, and one with none: the paragraphs and no others.
LEGAL_CASES = [
    (LegalFacts(card=True), ("card_art70",)),
    (LegalFacts(above_court_line=True), ("court_24",)),
    (LegalFacts(upfront_fee_fen=36000), ("upfront_fee",)),
    (LegalFacts(private_line_rate=0.12), ("private_lpr",)),
    (LegalFacts(disaster_before_overdue=True), ("force_majeure",)),
    (LegalFacts(hardship=True), ("change_of_circumstances",)),
    (LegalFacts(), ()),
]


@pytest.mark.parametrize(("facts", "keys"), LEGAL_CASES)
def test_legal_paragraphs_are_those_the_facts_call_for(facts: LegalFacts, keys: tuple) -> None:
    assert legal_keys(facts) == keys
    for lang in LANGS:
        paragraphs = legal_paragraphs(facts, lang)
        assert len(paragraphs) == len(keys)
        assert all(GAPS.search(p) is None for p in paragraphs)


def test_every_paragraph_has_a_hand_built_case() -> None:
    covered = {key for _, keys in LEGAL_CASES for key in keys}
    assert covered == {key for key, _ in LEGAL_RULES}


def _with(case: Case, debt_id: str, **debt_update) -> Case:
    debts = tuple(d.model_copy(update=debt_update) if d.id == debt_id else d for d in case.debts)
    return case.model_copy(update={"debts": debts})


def _disaster(case: Case, start: str) -> Case:
    hardship = case.hardship.model_copy(update={"kind": "disaster", "start": start})
    return case.model_copy(update={"hardship": hardship})


def test_force_majeure_only_when_the_disaster_struck_before_the_debt_fell_overdue() -> None:
    case = load_sample()  # as of 2025-04-01; 招商银行 42 days overdue (since 2025-02-18)
    assert legal_facts(_disaster(case, "2025-03"), "d1").disaster_before_overdue is False
    assert legal_facts(_disaster(case, "2025-02"), "d1").disaster_before_overdue is True
    assert legal_facts(_disaster(case, "2025-03"), "d2").disaster_before_overdue is True  # current
    assert legal_facts(case, "d2").disaster_before_overdue is False  # unemployment, no disaster


def test_legal_facts_of_the_samples() -> None:
    zhang = load_sample()
    assert legal_keys(legal_facts(zhang, "d1")) == ("card_art70", "change_of_circumstances")
    assert legal_keys(legal_facts(zhang, "d4")) == ("change_of_circumstances",)
    chen = load_sample("chen_jian_business_loss")
    assert legal_facts(chen, "d4").upfront_fee_fen == 120000
    assert "upfront_fee" in legal_keys(legal_facts(chen, "d4"))
    assert legal_keys(legal_facts(chen, "d7"))[0] == "private_lpr"
    without = zhang.model_copy(update={"hardship": None})
    assert legal_keys(legal_facts(without, "d4")) == ()


def test_letter_shows_the_legal_paragraphs_and_no_others() -> None:
    case, result = _sample("zhang_wei_unemployed")
    card = application_markdown(case, "d1", "en", result=result)
    platform = application_markdown(case, "d4", "en", result=result)
    assert "Art. 70" in card and "Art. 70" not in platform
    assert "Civil Code art. 533" in card and "Civil Code art. 533" in platform
    assert "art. 670" not in card and "24% a year" not in card


# ---- the call script and the chat message ----


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("sample", "debt_id"), LETTERS)
def test_script_and_chat_are_complete(sample: str, debt_id: str, lang: str) -> None:
    case, _ = _sample(sample)
    ladder = _ladder(sample, debt_id)
    script = call_script_markdown(case, debt_id, lang, ladder=ladder)
    chat = chat_message(case, debt_id, lang, ladder=ladder)
    for text in (script, chat):
        assert GAPS.search(text) is None, GAPS.search(text)
        assert case.debt(debt_id).lender in text
        if case.debt(debt_id).account_number:
            assert case.debt(debt_id).account_number not in text
    assert len(chat) < CHAT_LIMITS[lang]
    rows = _asked(sample, debt_id)
    if rows:  # the first payment asked is the ask's first month with something due
        first = next((row for row in rows if row.due_fen), rows[0])
        assert format_fen(first.due_fen, lang) in script
        assert format_fen(first.due_fen, lang) in chat
    else:  # no plan: the review date of the last rung in words
        review = add_months_to_date(case.as_of, 3).isoformat()  # a quarter on
        assert review in script and review in chat


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("en", ["Opening", "The facts", "The ask", "If they refuse", "agent's ID",
                "What was promised", "Let me repeat what we agreed",
                "in writing or on a recorded line", "Date", "Time"]),
        ("zh-CN", ["开场", "说明情况", "提出方案", "对方不同意时", "客服工号", "对方承诺",
                   "我复述一下我们的约定", "书面", "录音", "日期", "时间"]),
    ],
)  # fmt: skip
def test_script_has_every_step_in_order(lang: str, words: list[str]) -> None:
    case, result = _sample("zhang_wei_unemployed")
    script = call_script_markdown(case, "d3", lang, result=result)
    positions = [script.find(word) for word in words[:4]]
    assert -1 not in positions and positions == sorted(positions)
    assert all(word in script for word in words)


def test_chat_limit_holds_for_a_long_hardship_description() -> None:
    case, result = _sample("zhang_wei_unemployed")
    hardship = case.hardship.model_copy(update={"description": "很长的说明。" * 200})
    long = case.model_copy(update={"hardship": hardship})
    for lang in LANGS:
        assert len(chat_message(long, "d1", lang, result=result)) < CHAT_LIMITS[lang]


# ---- the application as a Word document ----


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("sample", "debt_id"), LETTERS)
def test_docx_reads_back_with_the_asks_schedule_and_its_chinese(
    sample: str, debt_id: str, lang: str
) -> None:
    case, _ = _sample(sample)
    docx = application_docx(case, debt_id, lang, ladder=_ladder(sample, debt_id))
    document = Document(io.BytesIO(docx))
    assert docx_schedule(document) == _asked(sample, debt_id)
    text = "\n".join(p.text for p in document.paragraphs)
    assert case.debt(debt_id).lender in text
    if case.hardship and case.hardship.description:
        assert case.hardship.description in text
    if lang == "zh-CN":  # a private lender (a relative, a friend) gets a personal note
        private = case.debt(debt_id).kind == "private"
        assert document.paragraphs[0].text == ("关于还款的打算" if private else "协商还款申请书")
    assert GAPS.search(text) is None


def test_docx_sets_the_east_asian_font_on_every_style_used() -> None:
    case, result = _sample("li_na_illness")
    document = Document(io.BytesIO(application_docx(case, "d1", "zh-CN", result=result)))
    used = {p.style.name for p in document.paragraphs} | {"Normal"}
    assert {"Heading 1", "Heading 2", "List Bullet", "Quote"} <= used
    for name in used:
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == EAST_ASIAN_FONT
        assert fonts.get(qn("w:eastAsiaTheme")) is None
