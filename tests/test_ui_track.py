"""The track-and-share app (notebook 05), driven without a browser: a contact recorded through the
form lands in the journal, a bad one is named in the page's language and records nothing, the
promise and payment checks and the collection breaches are shown, and the pack is built."""

from __future__ import annotations

import zipfile
from datetime import date

import pytest

from helpers import paths
from helpers.journal import journal_path, open_journal
from helpers.pack import check_pack
from helpers.ui import TrackApp

SAMPLE = "zhang_wei_unemployed"  # d4 借呗 is an internet consumer loan: the call rules apply


@pytest.fixture(autouse=True)
def folders(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "CASES_DIR", tmp_path / "cases")
    monkeypatch.setattr(paths, "EXPORTS_DIR", tmp_path / "exports")
    return tmp_path


def _fill(app, **values):
    for name, value in values.items():
        app.form.controls[name].value = value
    app.controls["add"].click()


def test_a_contact_typed_into_the_form_is_in_the_journal_and_on_the_timeline():
    app = TrackApp(SAMPLE, lang="zh-CN", today=date(2025, 4, 5))
    _fill(
        app,
        when="2025-04-02 10:15",
        debt="d3",
        agent_id="A-77",
        summary="申请停息分期",
        outcome="counter_offer",
        next_step="回电",
        next_date="2025-04-09",
    )
    assert app.messages.kind == "ok" and "招联消费金融" in app.messages.lines[0]
    path = journal_path(paths.SAMPLES_DIR / f"{SAMPLE}.yaml")
    with open_journal(path) as journal:
        (entry,) = journal.entries()
    assert (entry.lender, entry.agent_id) == ("招联消费金融", "A-77")
    assert entry.summary == "申请停息分期"
    assert app.figure.data[0].y == ("招联消费金融",)
    # the follow-up: 9 April seen on 5 April is 4 days away
    assert "2025-04-09" in app.due_table.value and ">4<" in app.due_table.value
    assert app.form.controls["summary"].value == ""  # the form is ready for the next one


def test_a_bad_entry_is_named_by_the_forms_labels_and_records_nothing():
    app = TrackApp(SAMPLE, lang="en", today=date(2025, 4, 5))
    _fill(app, when="2025-13-02 10:15", channel="payment", paid="")
    assert app.messages.kind == "error"
    text = "\n".join(app.messages.lines)
    assert "when (YYYY-MM-DD HH:MM)" in text and "amount paid (yuan)" in text
    assert app.entries == ()
    app.controls["lang"].value = "zh-CN"
    assert "还款金额（元）" in "\n".join(app.messages.lines)


def test_a_promise_kept_by_a_payment_and_the_payments_against_the_plan():
    app = TrackApp(SAMPLE, lang="en", today=date(2025, 4, 19))  # before the promise's date
    _fill(
        app,
        when="2025-04-02 10:15",
        debt="d3",
        promise_by="me",
        promise_what="pay 500 by the 20th",
        promise_amount="500",
        promise_due="2025-04-20",
    )
    assert "missed" not in app.plan_table.value and "not yet due" in app.plan_table.value
    _fill(app, when="2025-04-18 20:00", debt="d3", channel="payment", paid="500")
    assert "kept" in app.plan_table.value
    assert "¥500.00 / ¥500.00" in app.plan_table.value.replace("CN", "")
    assert "plan&#x27;s due" in app.plan_table.value or "plan's due" in app.plan_table.value


def test_a_night_call_from_an_internet_lender_is_flagged_with_a_complaint():
    app = TrackApp(SAMPLE, lang="zh-CN", today=date(2025, 4, 5))
    _fill(
        app,
        when="2025-04-02 22:30",
        debt="d4",
        channel="collector_call",
        initiator="collector",
        summary="晚上十点半打来催收",
    )
    assert "12378" in app.conduct.value or "12363" in app.conduct.value
    assert "借呗" in app.conduct.value and "<details>" in app.conduct.value


def test_the_pack_is_built_redacted_with_the_journal_and_the_bar_full(folders):
    app = TrackApp(SAMPLE, lang="zh-CN", today=date(2025, 4, 5))
    _fill(app, when="2025-04-02 10:15", debt="d1", summary="张伟本人来电，电话 13800138000")
    app.controls["pack"].click()
    pack = folders / "exports" / SAMPLE / "advisor_pack.zip"
    assert app.messages.kind == "ok" and app.progress.value == 1.0
    files = check_pack(pack)
    journal = files["journal.csv"].decode("utf-8-sig")
    assert "本人来电" in journal and "张伟" not in journal and "13800138000" not in journal
    assert "workbook.xlsx" in zipfile.ZipFile(pack).namelist()


def test_the_journal_exports_a_csv_and_a_calendar(folders):
    app = TrackApp(SAMPLE, lang="en", today=date(2025, 4, 5))
    _fill(app, when="2025-04-02 10:15", debt="d1", next_step="call back", next_date="2025-04-09")
    app.controls["csv"].click()
    app.controls["calendar"].click()
    folder = folders / "exports" / SAMPLE
    assert "call back" in (folder / "journal.csv").read_text("utf-8-sig")
    calendar = (folder / "calendar.ics").read_text("utf-8")
    assert "BEGIN:VCALENDAR" in calendar and "DTSTART;VALUE=DATE:20250409" in calendar
