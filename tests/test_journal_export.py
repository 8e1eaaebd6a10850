"""What the journal gives back: follow-ups and promises with the days left (worked by hand), the
CSV for Excel (Chinese intact, written whole), and the iCalendar file parsed back."""

from __future__ import annotations

import csv
import re
from datetime import UTC, date, datetime

import pytest

from helpers.case import load_sample
from helpers.journal import (
    DueKind,
    Entry,
    Promise,
    calendar_ics,
    due_items,
    export_csv,
    open_journal,
)

CASE = load_sample()  # as of 2025-04-01; due days d1 20, d2 27, d3 15, d4 8; d5 none


def _entry(when, debt_id="d1", lender="招商银行", **changes):
    values = dict(when=when, debt_id=debt_id, lender=lender, channel="hotline", initiator="me")
    return Entry(**{**values, **changes})


ENTRIES = (
    _entry(
        "2025-04-02 10:15",
        summary="申请个性化分期，客服说要审批",
        next_step="回电问审批结果",
        next_date="2025-04-09",
        promises=[
            Promise("me", "先还 500 元", amount_fen=50_000, due="2025-04-05"),
            Promise("lender", "3 个工作日内回电", due="2025-04-07"),
        ],
    ),
    _entry(
        "2025-04-03 16:00",
        "d3",
        "招联消费金融",
        channel="chat",
        next_step="上传失业证明",
        next_date="2025-04-20",
        promises=[Promise("me", "每月还 800 元", amount_fen=80_000, due="2025-04-15")],
    ),
    # a later contact with 招联 replaces its earlier plan
    _entry("2025-04-06 09:30", "d3", "招联消费金融", next_step="等短信", next_date="2025-04-12"),
)


class TestDueItems:
    def test_days_left_are_counted_from_today(self):
        items = due_items(ENTRIES, date(2025, 4, 7))
        # promise d1 5 Apr: 5 − 7 = −2 (late); follow-up d1 9 Apr: 9 − 7 = 2;
        # follow-up d3 12 Apr (the later contact's): 12 − 7 = 5; promise d3 15 Apr: 15 − 7 = 8.
        # The lender's promise is not the borrower's to keep; d3's 20 Apr plan was replaced.
        assert [(i.kind, i.debt_id, i.on.day, i.days_left, i.amount_fen) for i in items] == [
            (DueKind.PROMISE, "d1", 5, -2, 50_000),
            (DueKind.FOLLOW_UP, "d1", 9, 2, None),
            (DueKind.FOLLOW_UP, "d3", 12, 5, None),
            (DueKind.PROMISE, "d3", 15, 8, 80_000),
        ]

    def test_across_a_month_end(self):
        # seen from 31 March: 1 day to 1 April, so 15 April is 1 + 14 = 15 days, 20 April 20
        items = due_items([ENTRIES[1]], date(2025, 3, 31))
        assert [(i.kind, i.days_left) for i in items] == [
            (DueKind.PROMISE, 15),
            (DueKind.FOLLOW_UP, 20),
        ]

    def test_items_read_from_a_journal(self, tmp_path):
        with open_journal(tmp_path / "j.journal.sqlite") as journal:
            for entry in ENTRIES:
                journal.add(entry)
            items = due_items(journal, date(2025, 4, 7))
        assert [i.entry_id for i in items] == [1, 1, 3, 2]
        assert items[0].text("zh-CN") == "我的承诺（招商银行）：先还 500 元"


class TestCsv:
    def test_the_chinese_text_round_trips_through_excels_encoding(self, tmp_path):
        with open_journal(tmp_path / "j.journal.sqlite") as journal:
            for entry in ENTRIES:
                journal.add(entry)
            path = export_csv(journal, tmp_path / "out" / "journal.csv", lang="zh-CN")
        raw = path.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # the byte-order mark Excel looks for
        rows = list(csv.DictReader(path.open(encoding="utf-8-sig", newline="")))
        assert [r["编号"] for r in rows] == ["1", "2", "3"]
        first = rows[0]
        assert first["内容摘要"] == "申请个性化分期，客服说要审批"
        assert first["贷款方"] == "招商银行" and first["方式"] == "客服热线"
        assert first["承诺"] == (
            "本人：先还 500 元（¥500.00）（2025-04-05 前）\n"
            "贷款方：3 个工作日内回电（2025-04-07 前）"
        )
        assert first["时间"] == "2025-04-02 10:15" and first["下一步日期"] == "2025-04-09"

    def test_english_headers(self, tmp_path):
        path = export_csv(ENTRIES[:1], tmp_path / "journal.csv", lang="en")
        header = next(csv.reader(path.open(encoding="utf-8-sig")))
        assert header[:4] == ["No.", "When", "Debt", "Lender"]

    def test_a_failed_export_leaves_the_old_file_and_no_temporary_file(self, tmp_path):
        path = tmp_path / "journal.csv"
        path.write_text("old", encoding="utf-8")

        def broken():
            yield ENTRIES[0]
            raise OSError("disk full")

        with pytest.raises(OSError):
            export_csv(broken(), path)
        assert path.read_text(encoding="utf-8") == "old"
        assert [p.name for p in tmp_path.iterdir()] == ["journal.csv"]


def _parse_ics(text: str) -> list[dict[str, str]]:
    """A tiny RFC 5545 reader: unfold, split properties, collect VEVENTs."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    physical = text.split("\r\n")[:-1]
    for line in physical:
        assert len(line.encode("utf-8")) <= 75, line
    logical: list[str] = []
    for line in physical:
        if line.startswith(" "):
            logical[-1] += line[1:]
        else:
            logical.append(line)
    assert logical[0] == "BEGIN:VCALENDAR" and logical[-1] == "END:VCALENDAR"
    events, current = [], None
    for line in logical:
        name, _, value = line.partition(":")
        if line == "BEGIN:VEVENT":
            current = {}
        elif line == "END:VEVENT":
            events.append(current)
            current = None
        elif current is not None:
            current[name] = value
    return events


def _unescape(value: str) -> str:
    return re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)


class TestCalendar:
    STAMP = datetime(2025, 4, 2, 12, 30, tzinfo=UTC)

    def test_due_dates_and_follow_ups_parse_back_with_the_right_dates(self):
        text = calendar_ics(ENTRIES, CASE, lang="zh-CN", months=3, stamp=self.STAMP)
        events = _parse_ics(text)
        starts = {}
        for event in events:
            assert event["DTSTAMP"] == "20250402T123000Z"
            starts.setdefault(_unescape(event["SUMMARY"]), []).append(event["DTSTART;VALUE=DATE"])
        # from 1 April: 20th, 27th, 15th and 8th of April, May, June; 表哥 has no due day
        assert starts == {
            "还款日：招商银行（d1）": ["20250420", "20250520", "20250620"],
            "还款日：建设银行（d2）": ["20250427", "20250527", "20250627"],
            "还款日：招联消费金融（d3）": ["20250415", "20250515", "20250615"],
            "还款日：借呗（d4）": ["20250408", "20250508", "20250608"],
            "跟进 招商银行：回电问审批结果": ["20250409"],
            "跟进 招联消费金融：等短信": ["20250412"],
        }
        assert len({event["UID"] for event in events}) == len(events) == 14
        # an all-day event ends the next day (DTEND is exclusive)
        assert all(e["DTEND;VALUE=DATE"] for e in events)
        follow = next(e for e in events if e["DTSTART;VALUE=DATE"] == "20250409")
        assert follow["DTEND;VALUE=DATE"] == "20250410"

    def test_a_due_day_the_month_lacks_falls_on_its_last_day(self):
        case = CASE.model_copy(
            update={"debts": (CASE.debts[0].model_copy(update={"due_day": 31}),)}
        )
        events = _parse_ics(calendar_ics((), case, lang="en", start=date(2025, 1, 31), months=3))
        assert [e["DTSTART;VALUE=DATE"] for e in events] == ["20250131", "20250228", "20250331"]

    def test_long_titles_are_folded_and_special_characters_escaped(self):
        step = "打电话确认：减免利息; 分 24 期, 每期 1,200 元\n并要求书面确认" * 2
        entry = _entry("2025-04-02 10:15", next_step=step, next_date="2025-04-09")
        text = calendar_ics([entry], CASE, lang="zh-CN", months=1, stamp=self.STAMP)
        (follow,) = [e for e in _parse_ics(text) if e["DTSTART;VALUE=DATE"] == "20250409"]
        assert _unescape(follow["SUMMARY"]) == f"跟进 招商银行：{step}"
        assert "\r\n " in text  # some line was folded
