"""The `journal` command: add, list, export; bad input exits 2 with a message naming the
option, the value and the fix, and leaves the journal as it was."""

from __future__ import annotations

import csv
import shutil

import pytest

from helpers.journal import open_journal
from helpers.paths import SAMPLES_DIR
from tests.support import run_cli, run_in_process


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "mine.yaml"
    shutil.copy(SAMPLES_DIR / "zhang_wei_unemployed.yaml", path)  # as of 2025-04-01
    return path


def _journal(case_file, *argv):
    return run_in_process(["journal", str(case_file), *argv], seconds=60)


NIGHT_CALL = (
    "add",
    "--lender",
    "借呗",
    "--channel",
    "collector_call",
    "--initiator",
    "collector",
    "--when",
    "2025-04-02 22:30",
    "--agent",
    "C-88",
    "--summary",
    "说要联系我单位",
    "--third-party",
    "employer",
    "--promise",
    "me|先还一部分|500|2025-04-05",
    "--next-step",
    "回电",
    "--next-date",
    "2025-04-09",
)


def test_add_stores_the_entry_beside_the_case(case_file):
    code, out, err = _journal(case_file, *NIGHT_CALL, "--lang", "en")
    assert (code, err) == (0, "")
    assert out == "Added contact 1 with 借呗 (d4) to mine.journal.sqlite\n"
    with open_journal(case_file.with_name("mine.journal.sqlite")) as journal:
        (entry,) = journal.entries()
    assert (entry.debt_id, entry.agent_id, entry.summary) == ("d4", "C-88", "说要联系我单位")
    assert entry.promises[0].amount_fen == 50_000  # 500 yuan
    assert [p.value for p in entry.third_parties] == ["employer"]


def test_list_shows_the_days_left_and_the_breaches_with_a_complaint(case_file):
    _journal(case_file, *NIGHT_CALL)
    code, out, err = _journal(case_file, "list", "--today", "2025-04-07", "--lang", "en")
    assert (code, err) == (0, "")
    # the promise of 5 April is 2 days late on the 7th; the follow-up of the 9th is 2 days off
    assert "2025-04-05 (2 days late) My promise (借呗): 先还一部分 CN¥500.00" in out
    assert "2025-04-09 (2 days left) Follow up 借呗: 回电" in out
    assert "Collection breaches (2):" in out
    assert "#1: no collection calls for an internet consumer loan between 22:00 and 08:00" in out
    assert out.count("To 12378") == 2 and "Complainant: 张伟 (the borrower)" in out


def test_export_writes_the_csv_and_the_calendar(case_file, tmp_path):
    _journal(case_file, *NIGHT_CALL)
    csv_path, ics_path = tmp_path / "out" / "j.csv", tmp_path / "out" / "j.ics"
    code, out, err = _journal(
        case_file, "export", "--csv", str(csv_path), "--ics", str(ics_path), "--months", "1"
    )
    assert (code, err) == (0, "")
    (row,) = csv.DictReader(csv_path.open(encoding="utf-8-sig"))
    assert row["内容摘要"] == "说要联系我单位" and row["被联系的第三方"] == "工作单位"
    ics = ics_path.read_bytes().decode("utf-8")
    # one due date for each of the 4 debts with a due day, and the follow-up
    assert ics.count("BEGIN:VEVENT") == 5 and "DTSTART;VALUE=DATE:20250409\r\n" in ics


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (
            ["add", "--lender", "d9", "--channel", "sms", "--initiator", "lender"],
            "--lender: 'd9' is not a debt of this case; use one of d1 (招商银行)",
        ),
        (
            ["add", "--lender", "d1", "--channel", "fax", "--initiator", "lender"],
            "--channel: 'fax' is not one of the choices: hotline, chat, letter, visit",
        ),
        (
            ["add", "--lender", "d1", "--channel", "sms", "--initiator", "me", "--when", "x"],
            "--when: 'x' is not a date and time; write it as YYYY-MM-DD HH:MM",
        ),
        (
            [
                "add",
                "--lender",
                "d1",
                "--channel",
                "sms",
                "--initiator",
                "me",
                "--promise",
                "me|还款|很多",
            ],
            "--promise.amount: '很多' is not an amount; write it like 1234.50",
        ),
        (
            [
                "add",
                "--lender",
                "d1",
                "--channel",
                "sms",
                "--initiator",
                "me",
                "--promise",
                "只有一段",
            ],
            "--promise: '只有一段' is not a promise; write WHO|WHAT|AMOUNT|DATE",
        ),
        (["add", "--channel", "sms", "--initiator", "me"], "--lender: this field is required"),
        (["list", "--today", "2025-02-30"], "--today: '2025-02-30' is not a date"),
        (["export", "--months", "61", "--ics", "x.ics"], "--months: '61' cannot be a number"),
        (["export"], "nothing to export was named; add --csv FILE or --ics FILE"),
    ],
)
def test_bad_input_exits_2_naming_the_option_the_value_and_the_fix(case_file, argv, message):
    code, out, err = _journal(case_file, *argv, "--lang", "en")
    assert code == 2 and out == ""
    assert message in err and "Traceback" not in err
    journal = case_file.with_name("mine.journal.sqlite")
    if journal.exists():
        with open_journal(journal) as opened:
            assert opened.entries() == ()


def test_a_damaged_journal_exits_2_and_is_left_as_it_was(case_file):
    journal = case_file.with_name("mine.journal.sqlite")
    journal.write_bytes(b"garbage" * 100)
    code, _, err = _journal(case_file, *NIGHT_CALL, "--lang", "zh-CN")
    assert code == 2 and err.startswith("mine.journal.sqlite：该文件不是联系记录")
    assert journal.read_bytes() == b"garbage" * 100


def test_the_command_runs_as_a_user_runs_it(case_file):
    result = run_cli("journal", str(case_file), "list", "--lang", "en")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Contacts (0):")
