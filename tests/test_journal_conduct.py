"""Collection conduct pinned on hand-built entries (DOMAIN.md, "collection conduct"): night
calls and more than 3 effective calls a day for internet consumer loans only; third parties and
threats for every lender; each flag names its rule and source, and drafts a complaint.

Zhang Wei's sample: d1 招商银行 credit card, d3 招联消费金融 consumer finance, d4 借呗 online
platform (funded by a consumer-finance company), d5 表哥 private.
"""

from __future__ import annotations

import pytest

from helpers.case import LenderKind, load_sample
from helpers.journal import (
    INTERNET_LOAN_KINDS,
    ConductRule,
    Entry,
    Source,
    complaint_text,
    conduct_flags,
)

CASE = load_sample()
LENDERS = {"d1": "招商银行", "d3": "招联消费金融", "d4": "借呗", "d5": "表哥"}


def _call(when, debt_id="d4", **changes):
    values = dict(
        when=when,
        debt_id=debt_id,
        lender=LENDERS[debt_id],
        channel="collector_call",
        initiator="collector",
    )
    return Entry(**{**values, **changes})


def _rules(entries):
    return [(f.entry.when.strftime("%H:%M"), f.rule.value) for f in conduct_flags(entries, CASE)]


def test_internet_consumer_loans_are_the_platforms_and_consumer_finance():
    assert INTERNET_LOAN_KINDS == {LenderKind.ONLINE_PLATFORM, LenderKind.CONSUMER_FINANCE}


class TestNightCalls:
    @pytest.mark.parametrize("debt_id", ["d4", "d3"])
    def test_22_30_and_07_59_are_flagged_08_00_and_21_59_are_not(self, debt_id):
        calls = [
            _call(f"2025-04-0{d} {h}", debt_id)
            for d, h in ((2, "07:59"), (3, "08:00"), (4, "21:59"), (5, "22:30"))
        ]  # one call a day, so that the daily count stays out of it
        assert _rules(calls) == [("07:59", "night_call"), ("22:30", "night_call")]

    def test_a_bank_cards_night_calls_are_not_flagged(self):
        calls = [_call(f"2025-04-02 {h}", "d1") for h in ("07:59", "22:30", "23:59")]
        assert _rules(calls) == []

    def test_an_hour_the_borrower_agreed_to_is_no_breach(self):
        assert _rules([_call("2025-04-02 22:30", time_agreed=True)]) == []

    def test_the_borrowers_own_night_call_is_no_breach(self):
        mine = _call("2025-04-02 23:00", channel="hotline", initiator="me")
        assert _rules([mine]) == []

    def test_a_night_sms_is_not_a_call(self):
        assert _rules([_call("2025-04-02 23:00", channel="sms")]) == []


class TestCallsADay:
    def test_the_4th_effective_call_is_flagged_the_3rd_not(self):
        calls = [_call(f"2025-04-02 {h}:00") for h in (9, 11, 13, 15, 17)]
        flags = conduct_flags(calls, CASE)
        # calls 1–3 are within the limit; 15:00 is the 4th, 17:00 the 5th
        assert [(f.entry.when.hour, f.rule.value, f.count) for f in flags] == [
            (15, "too_many_calls", 4),
            (17, "too_many_calls", 5),
        ]

    def test_unanswered_calls_do_not_count_and_days_are_counted_apart(self):
        calls = [
            _call("2025-04-02 09:00", outcome="no_answer"),
            _call("2025-04-02 10:00"),
            _call("2025-04-02 11:00"),
            _call("2025-04-02 12:00"),  # the 3rd effective call: allowed
            _call("2025-04-03 09:00"),  # the next day starts again at 1
        ]
        assert _rules(calls) == []

    def test_the_count_is_per_lender(self):
        calls = [_call(f"2025-04-02 1{h}:00", "d4") for h in range(3)]
        calls += [_call(f"2025-04-02 1{h}:30", "d3") for h in range(3)]
        assert _rules(calls) == []

    def test_entries_are_counted_in_time_order_whatever_order_they_come_in(self):
        calls = [_call(f"2025-04-02 {h}:00") for h in (17, 9, 15, 11)]
        assert _rules(calls) == [("17:00", "too_many_calls")]

    def test_a_bank_cards_calls_are_not_counted(self):
        calls = [_call(f"2025-04-02 {h}:00", "d1") for h in (9, 10, 11, 12, 13)]
        assert _rules(calls) == []


class TestEveryLender:
    @pytest.mark.parametrize(
        ("debt_id", "source"),
        [
            ("d1", Source.CARD_MEASURES_ART68),
            ("d3", Source.INTERNET_LOAN_2025),
            ("d4", Source.INTERNET_LOAN_2025),
            ("d5", Source.CIVIL_CODE_PERSONALITY),
        ],
    )
    def test_third_parties_and_threats_are_flagged_for_every_kind(self, debt_id, source):
        entries = [
            _call("2025-04-02 10:00", debt_id, third_parties=["employer"]),
            _call("2025-04-02 11:00", debt_id, channel="sms", insults=True),
            _call("2025-04-02 12:00", debt_id, channel="visit", threats=True),
        ]
        flags = conduct_flags(entries, CASE)
        assert [(f.entry.when.hour, f.rule, f.source) for f in flags] == [
            (10, ConductRule.THIRD_PARTY, source),
            (11, ConductRule.THREATS, source),
            (12, ConductRule.THREATS, source),
        ]

    def test_an_entry_about_a_debt_not_in_the_case_is_checked_by_the_common_rules(self):
        stray = Entry(
            when="2025-04-02 23:00",
            debt_id="x9",
            lender="某网贷",
            channel="collector_call",
            initiator="collector",
            threats=True,
        )
        flags = conduct_flags([stray], CASE)
        assert [(f.rule.value, f.source.value, f.complaint) for f in flags] == [
            ("threats", "civil_code_personality", "12363")
        ]


class TestComplaint:
    def test_the_draft_names_who_when_what_rule_and_ask_in_both_languages(self):
        call = _call("2025-04-02 22:30", agent_id="C-88", summary="说要去我单位闹")
        (flag,) = conduct_flags([call], CASE)
        zh, en = complaint_text(flag, CASE, "zh-CN"), complaint_text(flag, CASE, "en")
        assert zh.splitlines() == [
            "致 12378（国家金融监督管理总局消费者投诉热线）",
            "投诉对象：借呗（债务编号 d4），工号或姓名 C-88",
            "时间：2025-04-02 22:30，方式：催收电话",
            "经过：借呗 一方于 2025-04-02 22:30 打电话向我催收，时间在 22:00 至 08:00 之间，"
            "我事先没有同意。",
            "当时的记录：说要去我单位闹",
            "违反的规定：互联网消费贷款不得在 22:00 至次日 08:00 之间致电催收（本人同意的除外）"
            "（2025 年全国性互联网消费贷款催收指引）",
            "诉求：请责令其立即停止上述行为，依法核查处理，并将处理结果告知本人；"
            "我愿意继续与贷款方协商还款。",
            "投诉人：张伟（借款人本人）",
        ]
        assert "Complaint about: 借呗 (debt d4), agent C-88" in en
        assert "2025 national guideline on internet consumer loan collection" in en
        for text in (zh, en):
            assert "{" not in text and "}" not in text

    def test_a_card_complaint_goes_to_12378_under_art_68(self):
        visit = _call("2025-04-02 15:00", "d1", channel="visit", third_parties=["family"])
        (flag,) = conduct_flags([visit], CASE)
        text = complaint_text(flag, CASE, "en")
        assert text.startswith("To 12378")
        assert "contacted my family about my debt" in text
        assert "Credit Card Business of Commercial Banks (2011), art. 68" in text

    def test_the_too_many_calls_draft_counts_the_call(self):
        calls = [_call(f"2025-04-02 {h}:00", "d3") for h in (9, 10, 11, 12)]
        (flag,) = conduct_flags(calls, CASE)
        assert "reached me by phone on 2025-04-02: call 4 of that day" in complaint_text(
            flag, CASE, "en"
        )

    def test_a_relatives_loan_has_no_regulator_to_complain_to(self):
        (flag,) = conduct_flags([_call("2025-04-02 10:00", "d5", threats=True)], CASE)
        assert flag.complaint is None and complaint_text(flag, CASE, "en") is None
