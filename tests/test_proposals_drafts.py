"""The drafts of a lender built from its fallback ladder (helpers.proposals.draft_texts): the
letter asks for the ladder's ask or, where no plan is affordable, for the last rung in words;
the call script steps down to the target, then the floor; a relative's or friend's loan gets
a personal note; and the floor exists when the budget has little in its first months."""

from __future__ import annotations

import functools
import re

import pytest

from helpers.case import list_samples, load_sample
from helpers.money import format_fen
from helpers.plans import CustomSchedule, Reinstalment, StepUp
from helpers.proposals import (
    CHAT_LIMITS,
    DRAFT_NAMES,
    application_markdown,
    checklist_lines,
    contact_plan,
    debt_schedule,
    draft_texts,
    fallback_ladder,
    floor_shapes,
    parse_schedule,
)
from tests.test_proposals_ladder import _case, _check_ladder

GAPS = re.compile(r"\bNone\b|\bnan\b|\bNaN\b|\b(?:proposals|case|plans|rules)\.\w|[{}]")
LANGS = ("zh-CN", "en")
LENDERS = [(name, c.debt_id) for name in list_samples() for c in contact_plan(load_sample(name))]


@functools.cache
def _drafts(sample: str, debt_id: str, lang: str) -> tuple:
    case = load_sample(sample)
    ladder = fallback_ladder(case, debt_id)
    return case, ladder, draft_texts(case, debt_id, lang, ladder=ladder)


def _section(script: str, heading: str) -> str:
    """The text of the script's step whose heading contains ``heading``."""
    parts = re.split(r"^## ", script, flags=re.M)
    return next(p for p in parts if p.splitlines()[0].find(heading) >= 0)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("sample", "debt_id"), LENDERS)
def test_every_lenders_drafts_are_complete_and_ask_what_the_ladder_asks(sample, debt_id, lang):
    case, ladder, drafts = _drafts(sample, debt_id, lang)
    assert tuple(drafts) == DRAFT_NAMES
    for name, text in drafts.items():
        assert GAPS.search(text) is None, (name, GAPS.search(text))
    assert drafts["checklist"] == "\n".join(checklist_lines(case, lang))
    assert len(drafts["chat"]) < CHAT_LIMITS[lang]
    rows = parse_schedule(drafts["application"])
    asked = debt_schedule(ladder.ask.result, debt_id) if ladder.ask else ()
    assert rows == asked
    assert all(row.paid_fen >= row.due_fen for row in rows)  # never a month short


# ---- Chen Jian: his secured debts take all his capacity, so no plan fits ----

CHEN = "chen_jian_business_loss"
CHEN_LENDERS = [d for s, d in LENDERS if s == CHEN]


@pytest.mark.parametrize("debt_id", CHEN_LENDERS)
def test_chen_jians_letters_show_no_schedule_and_ask_for_the_words_rung(debt_id):
    # As of 2026-01-05 the budget is short even before his unsecured debts (mortgage and car
    # loan above what is left after essential costs): no ask, no floor, the words rung.
    case, ladder, en = _drafts(CHEN, debt_id, "en")
    _, _, zh = _drafts(CHEN, debt_id, "zh-CN")
    assert ladder.ask is None and ladder.floor is None and ladder.words
    letter = en["application"]
    assert parse_schedule(letter) == ()
    personal = case.debt(debt_id).kind == "private"  # 老李, a friend: in plain words
    plain, formal = "cannot pay you monthly instalments", "no instalment plan is affordable"
    assert (plain if personal else formal) in letter
    assert "short by" in letter  # what the budget leaves: nothing now
    # the review date: a quarter after 2026-01-05
    assert "until 2026-04-05" in letter or "until 2026-04-05" in en["chat"]
    assert "2026-04-05" in letter and "2026-04-05" in zh["application"]
    assert "guarantor" in letter and "担保" in zh["application"]
    assert "Re-instal" not in letter and "re-instal" not in en["chat"]


def test_chen_jians_card_letter_no_longer_asks_for_an_unpayable_sixty_months():
    _, _, en = _drafts(CHEN, "d5", "en")
    assert "154,213.20" not in en["application"]
    assert "45,070.00 owed over 60 months" not in en["call_script"]
    # his budget leaves money from 2026-07 (income recovers): a token payment from then
    assert "from 2026-07" in en["application"]


# ---- Zhao Min: little capacity for six months, more once her income recovers ----

ZHAO = "zhao_min_family_rural"


@pytest.mark.parametrize("debt_id", ["d1", "d2", "d3"])
def test_zhao_mins_lenders_have_a_computed_floor_that_keeps_her_low_months(debt_id):
    # Income 3,200 + 900 + 300 = 4,400.00 against 3,230.00 costs and a 100.00 reserve: 1,070.00
    # a month for debts from 2026-03 to 2026-08 (six months); from 2026-09 income is 5,200.00,
    # so 1,870.00. A level re-instalment would have to fit the leanest month; the floor keeps
    # the ask's six low months at the ask's payment, then level instalments.
    case, ladder, _ = _drafts(ZHAO, debt_id, "en")
    assert ladder.floor is not None and not ladder.words
    floor = ladder.floor
    assert isinstance(floor.plan, StepUp) and floor.plan.low_months == 6
    ask_dues = ladder.ask.dues_fen
    assert floor.dues_fen[:6] == ask_dues[:6] == (floor.plan.low_payment_fen,) * 6
    # the first month her capacity can pay is the first (1,070.00 > 0 from 2026-03): the
    # floor's first non-zero due is there too
    first = next(k for k, due in enumerate(floor.dues_fen) if due)
    assert first == 0 and debt_schedule(floor.result, debt_id)[0].month == "2026-03"
    assert floor.plan.low_months + floor.plan.term_months <= 60
    assert all(r.shortfall_months == 0 for r in ladder.rungs)
    _check_ladder(case, debt_id)  # one month shorter, or a smaller concession, is short


def test_zhao_mins_uncle_floor_pays_within_his_share_after_the_recovery():
    # She owes 30,410.00 (bank) + 7,040.00 (分期乐) + 40,000.00 (uncle) = 77,450.00; from
    # 2026-09 the uncle's share of 1,870.00 is 1,870.00 × 40,000 / 77,450 = 965.78, and the
    # floor's level instalment after the low months stays within it (the others held as asked).
    _, ladder, _ = _drafts(ZHAO, "d3", "en")
    assert ladder.floor.dues_fen[6] > ladder.floor.plan.low_payment_fen
    assert ladder.floor.monthly_fen <= 96_579


# ---- the call script's fallback steps ----


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(("sample", "debt_id"), LENDERS)
def test_script_steps_down_to_the_target_then_the_floor(sample, debt_id, lang):
    _, ladder, drafts = _drafts(sample, debt_id, lang)
    heading = "If they refuse" if lang == "en" else "对方不同意时"
    fallback = _section(drafts["call_script"], heading)
    if ladder.floor is None:  # the words rung: a guarantor, a token payment and a review date
        assert ("guarantor" if lang == "en" else "担保人") in fallback
        return
    floor = format_fen(ladder.floor.monthly_fen, lang)
    assert floor in fallback
    if ladder.target.monthly_fen != ladder.floor.monthly_fen:  # else the floor alone
        target = format_fen(ladder.target.monthly_fen, lang)
        assert fallback.index(target) < fallback.index(floor)
    never = "Never go below the floor" if lang == "en" else "低于底线的方案一律不答应"
    assert fallback.index(floor) < fallback.index(never)


def test_zhang_weis_card_script_offers_the_target_then_the_floor_amounts():
    # 招商银行: the ask waives the charges; the target is the floor's 7 months after the 4 low
    # months with the charges waived, the floor the same term waiving nothing.
    _, ladder, drafts = _drafts("zhang_wei_unemployed", "d1", "en")
    fallback = _section(drafts["call_script"], "If they refuse")
    assert ladder.target.plan.term_months == ladder.floor.plan.term_months == 7
    assert ladder.target.monthly_fen < ladder.floor.monthly_fen  # less owed: smaller payment
    lines = [line for line in fallback.splitlines() if line[:2] in ("1.", "2.")]
    assert format_fen(ladder.target.monthly_fen, "en") in lines[0]
    assert "The lowest you can accept" in lines[1]
    assert format_fen(ladder.floor.monthly_fen, "en") in lines[1]


# ---- a relative's or a friend's loan: a personal note ----

PRIVATE = [("zhao_min_family_rural", "d3"), (CHEN, "d7"), ("zhang_wei_unemployed", "d5")]


@pytest.mark.parametrize(("sample", "debt_id"), PRIVATE)
def test_a_private_lender_gets_a_personal_note(sample, debt_id):
    case, ladder, en = _drafts(sample, debt_id, "en")
    _, _, zh = _drafts(sample, debt_id, "zh-CN")
    for text in (en["application"], zh["application"]):
        for formal in ("Account", "账户", "Art. 70", "第七十条", "recorded line", "录音"):
            assert formal not in text
        assert "协商还款申请书" not in text and "Hardship repayment proposal" not in text
    assert en["application"].startswith("# About repaying your loan")
    assert f"Dear {case.debt(debt_id).lender}," in en["application"]
    assert "4 × " not in en["application"]  # the words, not a formula
    assert "four times the one-year Loan Prime Rate" in en["application"]  # the private line
    assert "agent" not in en["call_script"].lower()
    asked = debt_schedule(ladder.ask.result, debt_id) if ladder.ask else ()
    assert parse_schedule(en["application"]) == asked


# ---- what the letter says about the ask ----


def test_the_letter_says_when_the_ask_is_the_affordable_offer():
    # 6 months of 2,000.00 against 1,000.00 a month: short, so the ask is the affordable offer
    # (1,000.00 a month, 12 times); the letter says the chosen plan does not fit.
    case = _case("2000.00", "12000.00", term=6)
    text = application_markdown(case, "d1", "en")
    assert "the plan I first chose does not fit my budget" in text
    assert [row.due_fen for row in parse_schedule(text)] == [100_000] * 12


def test_the_letter_says_when_a_cards_term_was_capped():
    # A card's chosen 72 months become 60 months of 200.00 due (12,000.00 / 60); the spare
    # 800.00 a month is paid on top, so it clears early, but each month's due is 200.00.
    case = _case("2000.00", "12000.00", term=72, kind="credit_card")
    text = application_markdown(case, "d1", "zh-CN")
    assert "方案期限已控制在 60 个月以内" in text
    rows = parse_schedule(text)
    assert {row.due_fen for row in rows} == {20_000}


# ---- the floor's shapes ----


def test_floor_shapes_keep_a_schedules_low_months_at_its_lowest_payment():
    # 0, 0 then 100, 100, 50: two low months at 0.00 (a holiday), then level instalments
    shapes = floor_shapes(CustomSchedule((0, 0, 100, 100, 50)))
    assert shapes == (Reinstalment(1), StepUp(0, 2, 1))
    # 30, 20, then 80: two low months at the lower of 30 and 20
    assert floor_shapes(CustomSchedule((30, 20, 80)))[1] == StepUp(20, 2, 1)
    # a flat schedule has no low months; a step-up keeps its own
    assert floor_shapes(CustomSchedule((100, 100, 0))) == (Reinstalment(1),)
    assert floor_shapes(StepUp(500, 4, 36)) == (StepUp(500, 4, 1),)
