"""The journal file: entries checked when made, stored and read back in time order, two
processes writing at once, damaged and newer files refused untouched, migrations, 0600."""

from __future__ import annotations

import multiprocessing
import sqlite3
import stat
from datetime import date, datetime

import pytest

from helpers.journal import (
    SCHEMA_VERSION,
    ContactChannel,
    Entry,
    JournalError,
    Outcome,
    Promise,
    ThirdParty,
    journal_path,
    open_journal,
)


def _entry(**changes):
    values = dict(
        when="2025-04-02 10:15",
        debt_id="d1",
        lender="招商银行",
        channel="hotline",
        initiator="me",
    )
    return Entry(**{**values, **changes})


class TestEntry:
    def test_choices_and_dates_are_read_from_text(self):
        entry = _entry(
            outcome="counter_offer",
            next_date="2025-04-09",
            third_parties=["family", "employer", "family"],
            promises=[{"by": "me", "what": "还 500 元", "amount_fen": 50000, "due": "2025-04-05"}],
        )
        assert entry.when == datetime(2025, 4, 2, 10, 15)
        assert entry.channel is ContactChannel.HOTLINE
        assert entry.outcome is Outcome.COUNTER_OFFER
        assert entry.next_date == date(2025, 4, 9)
        assert entry.third_parties == (ThirdParty.FAMILY, ThirdParty.EMPLOYER)  # once each
        assert entry.promises == (Promise("me", "还 500 元", 50_000, date(2025, 4, 5)),)

    def test_every_bad_field_is_named_with_its_value_and_fix(self):
        with pytest.raises(JournalError) as caught:
            _entry(when="yesterday", channel="fax", debt_id="", lender=" ", threats="yes")
        fields = [p.where for p in caught.value.problems]
        assert fields == ["when", "debt_id", "lender", "channel", "threats"]
        text = caught.value.render("en")
        assert "when: 'yesterday' is not a date and time; write it as YYYY-MM-DD HH:MM" in text
        assert "channel: 'fax' is not one of the choices: hotline, chat, letter" in text
        zh = caught.value.render("zh-CN")
        assert "'fax' 不是可选项" in zh and "请写成 YYYY-MM-DD HH:MM" in zh

    def test_a_promise_problem_names_its_place_in_the_list(self):
        with pytest.raises(JournalError) as caught:
            _entry(promises=[Promise("me", "ok"), {"by": "bank", "what": "x", "amount_fen": -1}])
        assert [p.where for p in caught.value.problems] == [
            "promises[1].by",
            "promises[1].amount_fen",
        ]

    def test_an_offer_belongs_to_a_counter_offer_only(self):
        offer = {"verdict": "decline", "months": 24, "monthly": "1200.00"}
        assert _entry(outcome="counter_offer", offer=offer).offer == offer
        with pytest.raises(JournalError) as caught:
            _entry(outcome="refused", offer=offer)
        assert caught.value.problems[0].where == "offer"
        assert "set the outcome to counter_offer" in caught.value.render("en")


class TestStore:
    def test_entries_come_back_in_time_order_with_every_field(self, tmp_path):
        late = _entry(when="2025-04-05 18:00", summary="第二次", outcome="no_answer")
        early = _entry(
            when="2025-04-02 09:00",
            summary="申请个性化分期",
            agent_id="8123",
            promises=[Promise("lender", "3 个工作日内回电", due="2025-04-07")],
            attachments=("录音/0402.m4a",),
            outcome="counter_offer",
            offer={"verdict": "decline", "months": 24},
        )
        with open_journal(tmp_path / "a.journal.sqlite") as journal:
            assert (journal.add(late), journal.add(early)) == (1, 2)
            back = journal.entries()
        assert [e.entry_id for e in back] == [2, 1]
        assert back[0] == Entry(**{**early.__dict__, "entry_id": 2})
        assert back[1].summary == "第二次"

    def test_entries_of_one_debt(self, tmp_path):
        with open_journal(tmp_path / "a.journal.sqlite") as journal:
            journal.add(_entry(debt_id="d1"))
            journal.add(_entry(debt_id="d4", lender="借呗"))
            assert [e.lender for e in journal.entries(debt_id="d4")] == ["借呗"]

    def test_the_journal_sits_beside_its_case_and_a_samples_in_cases(self, cases_dir):
        from helpers.paths import SAMPLES_DIR

        assert journal_path("/x/cases/mine.yaml").as_posix() == "/x/cases/mine.journal.sqlite"
        assert journal_path(SAMPLES_DIR / "li_na_illness.yaml") == (
            cases_dir / "li_na_illness.journal.sqlite"
        )

    def test_the_journal_and_its_wal_and_shm_files_are_0600(self, tmp_path):
        path = tmp_path / "p.journal.sqlite"
        journal = open_journal(path)
        journal.add(_entry())
        modes = {
            name: stat.S_IMODE((tmp_path / name).stat().st_mode)
            for name in (path.name, path.name + "-wal", path.name + "-shm")
        }
        journal.close()
        assert modes == dict.fromkeys(modes, 0o600)
        assert stat.S_IMODE(path.stat().st_mode) == 0o600

    def test_wal_mode_and_the_schema_version(self, tmp_path):
        path = tmp_path / "w.journal.sqlite"
        open_journal(path).close()
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 1
        db.close()


class TestDamage:
    @pytest.mark.parametrize(
        "content",
        [
            b"this is not a database at all\n" * 40,  # not SQLite
            b"SQLite format 3\x00" + bytes(range(256)) * 16,  # the magic, then garbage
            b"SQLite format 4\x00" + b"\x00" * 4080,  # a garbage header
        ],
    )
    def test_a_damaged_file_is_refused_clearly_and_left_untouched(self, tmp_path, content):
        path = tmp_path / "mine.journal.sqlite"
        path.write_bytes(content)
        path.chmod(0o644)
        with pytest.raises(JournalError) as caught:
            open_journal(path)
        assert path.read_bytes() == content
        assert stat.S_IMODE(path.stat().st_mode) == 0o644
        assert sorted(p.name for p in tmp_path.iterdir()) == ["mine.journal.sqlite"]
        en, zh = caught.value.render("en"), caught.value.render("zh-CN")
        assert en.startswith("mine.journal.sqlite: the file is not a journal")
        assert "left untouched: move it aside or restore it from a backup" in en
        assert zh.startswith("mine.journal.sqlite") and "文件未被改动" in zh

    def test_a_journal_from_a_newer_workbench_is_refused(self, tmp_path):
        path = tmp_path / "new.journal.sqlite"
        db = sqlite3.connect(path)
        db.execute("PRAGMA user_version = 7")
        db.close()
        before = path.read_bytes()
        with pytest.raises(JournalError) as caught:
            open_journal(path)
        assert "format version 7; this one knows up to 1" in caught.value.render("en")
        assert path.read_bytes() == before

    def test_a_version_0_file_is_migrated_on_open_and_keeps_its_other_data(self, tmp_path):
        path = tmp_path / "old.journal.sqlite"
        db = sqlite3.connect(path)
        db.execute("CREATE TABLE notes (text TEXT)")
        db.execute("INSERT INTO notes VALUES ('kept')")
        db.commit()
        db.close()
        with open_journal(path) as journal:
            assert journal.entries() == ()
            journal.add(_entry())
        db = sqlite3.connect(path)
        assert db.execute("PRAGMA user_version").fetchone()[0] == 1
        assert db.execute("SELECT text FROM notes").fetchall() == [("kept",)]
        assert db.execute("SELECT count(*) FROM entries").fetchone()[0] == 1
        db.close()


def test_an_entry_that_cannot_be_written_says_so_and_the_journal_stays_usable(
    tmp_path, monkeypatch
):
    from helpers.journal import store

    path = tmp_path / "locked.journal.sqlite"
    monkeypatch.setattr(store, "BUSY_TIMEOUT_S", 0.2)
    journal = open_journal(path)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")  # another program holds the file past the timeout
    with pytest.raises(JournalError) as caught:
        journal.add(_entry())
    assert "the entry was not written to the journal (database is locked)" in (
        caught.value.render("en")
    )
    other.execute("ROLLBACK")
    other.close()
    assert journal.add(_entry()) == 1
    journal.close()


def _writer(path: str, process: int, count: int) -> None:
    with open_journal(path) as journal:
        for n in range(count):
            journal.add(_entry(summary=f"p{process}-{n}", when=f"2025-04-02 10:{n % 60:02d}"))


def test_two_processes_writing_500_entries_each_lose_and_double_nothing(tmp_path):
    path = str(tmp_path / "busy.journal.sqlite")
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_writer, args=(path, p, 500)) for p in (1, 2)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=60)
    assert [w.exitcode for w in workers] == [0, 0]
    with open_journal(path) as journal:
        summaries = [e.summary for e in journal.entries()]
    expected = {f"p{p}-{n}" for p in (1, 2) for n in range(500)}
    assert len(summaries) == 1000 and set(summaries) == expected
