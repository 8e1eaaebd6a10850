"""The caseload in one process (issue 19): the five samples with bad files mixed in, each good
case equal to ``compare()`` on it, each bad one listed with its message; the CLI's summary line
and exit status."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers.case import load_case
from helpers.caseload import case_paths, run_caseload
from helpers.errors import WorkbenchError
from helpers.i18n import t
from helpers.scenarios import compare
from tests.support import SAMPLES, run_in_process

SAMPLE_NAMES = sorted(p.stem for p in SAMPLES.glob("*.yaml"))

# What each bad file's row must say (the message from errors.yaml, in English).
BAD = {
    "broken": "the file does not parse",  # errors.yaml_syntax: the text before its detail
    "negative": "debts[0].principal: -18600 is negative; amounts must be 0 or more",
    "list": t("errors.not_a_case", "en"),
    "not_text": t("errors.file_not_text", "en"),
    "folder": t("errors.unreadable", "en", detail="Is a directory"),
}


def write_bad_files(folder: Path) -> None:
    """Files that are not valid cases. An unreadable file is made two ways a root user cannot
    read through: tests run as root, where ``chmod 000`` still lets the file be read, so
    "unreadable" is a folder named like a case (``open`` fails: Is a directory) and a file of
    bytes that are neither UTF-8 nor GB18030 (it cannot be read as text)."""
    (folder / "broken.yaml").write_text("as_of: 2025-04-01\ndebts: [\n", "utf-8")
    li_na = (SAMPLES / "li_na_illness.yaml").read_text("utf-8")
    assert "principal: 18600.00" in li_na
    negative = li_na.replace("principal: 18600.00", "principal: -18600.00")
    (folder / "negative.yaml").write_text(negative, "utf-8")
    (folder / "list.yaml").write_text("- as_of: 2025-04-01\n- debts: []\n", "utf-8")
    (folder / "not_text.yaml").write_bytes(b"\xff\xfe\xff\xff as_of")  # 0xFF: in neither
    (folder / "folder.yaml").mkdir()


@pytest.fixture
def caseload_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "caseload"
    folder.mkdir()
    for path in SAMPLES.glob("*.yaml"):
        shutil.copy(path, folder / path.name)
    write_bad_files(folder)
    (folder / "notes.txt").write_text("not a case file", "utf-8")  # not *.yaml: not listed
    (folder / "old").mkdir()
    shutil.copy(SAMPLES / "li_na_illness.yaml", folder / "old" / "li_na_2024.yaml")  # subfolder
    return folder


def test_case_paths_lists_a_folder_once_sorted_without_subfolders(caseload_dir):
    named = case_paths([caseload_dir, caseload_dir / "li_na_illness.yaml",
                        str(caseload_dir / "zhang*.yaml")])  # fmt: skip
    names = [p.stem for p in named]
    assert names == sorted(SAMPLE_NAMES + list(BAD))
    assert "li_na_2024" not in names and "notes" not in names


def test_every_good_case_equals_compare_and_every_bad_one_is_listed(caseload_dir):
    frame = run_caseload([caseload_dir], lang="en", redact=False)
    assert len(frame) == len(SAMPLE_NAMES) + len(BAD)
    rows = {row["case"]: row for row in frame.to_dict("records")}
    for name in SAMPLE_NAMES:
        case = load_case(caseload_dir / f"{name}.yaml")
        comparison = compare(case)
        best = comparison.result(comparison.recommended)
        row = rows[name]
        assert row["loaded"] and row["problems"] == ""
        assert row["recommended"] == comparison.recommended
        assert row["feasible"] == best.feasible
        # total cost: what the recommended scenario pays plus what it leaves owed, to the fen
        assert row["total_cost"] == best.metrics.total_paid_fen + best.metrics.balance_left_fen
        months = best.metrics.months_to_clear
        if months is None:
            assert pd.isna(row["months_to_clear"])
        else:
            assert row["months_to_clear"] == months
        assert row["total_owed"] == sum(d.owed_fen for d in case.debts)
    for name, message in BAD.items():
        row = rows[name]
        assert not row["loaded"], name
        assert message in row["problems"], (name, row["problems"])
        assert pd.isna(row["triage_rank"])
    # the bad files come last, unranked; the good ones ranked 1..5
    assert frame["triage_rank"].head(len(SAMPLE_NAMES)).tolist() == [1, 2, 3, 4, 5]
    assert not frame["loaded"].tail(len(BAD)).any()


def test_samples_rank_by_days_to_their_next_due_date(tmp_path):
    # Each sample's as-of date and its debts' due days (data/samples/*.yaml):
    # zhao_min 2026-03-01, due 1st → 0 days; li_na 2025-09-10, due 12th → 2;
    # chen_jian 2026-01-05, due 10th → 5; zhang_wei 2025-04-01, due 8th → 7;
    # wang_fang 2025-11-01, due 10th → 9.
    frame = run_caseload([SAMPLES], lang="en", redact=False)
    assert frame["case"].tolist() == [
        "zhao_min_family_rural",
        "li_na_illness",
        "chen_jian_business_loss",
        "zhang_wei_unemployed",
        "wang_fang_income_drop",
    ]
    assert frame["next_due_days"].tolist() == [0, 2, 5, 7, 9]
    # Li Na's card is 75 days overdue: it passes 90 days in 91 − 75 = 16 days
    assert frame.set_index("case").loc["li_na_illness", "days_to_90"] == 16
    assert frame.set_index("case").loc["li_na_illness", "days_overdue"] == 75


def test_cli_prints_the_summary_line_and_exits_0_with_bad_files(caseload_dir, tmp_path):
    out = tmp_path / "triage.csv"
    code, stdout, stderr = run_in_process(
        ["caseload", str(caseload_dir), "--out", str(out), "--no-redact", "--lang", "en"],
        seconds=120,
    )
    assert code == 0, stderr
    first = ("zhao_min_family_rural, li_na_illness, chen_jian_business_loss, "
             "zhang_wei_unemployed, wang_fang_income_drop")  # fmt: skip
    assert stdout.splitlines()[0] == (
        f"10 cases, 5 loaded, 5 with problems; first in triage order: {first}"
    )
    assert out.exists()


def test_cli_exits_2_when_no_case_loads(tmp_path):
    folder = tmp_path / "bad"
    folder.mkdir()
    write_bad_files(folder)
    out = tmp_path / "triage.xlsx"
    code, stdout, stderr = run_in_process(
        ["caseload", str(folder), "--out", str(out), "--lang", "en"]
    )
    assert code == 2
    assert stdout.splitlines()[0] == "5 cases, 0 loaded, 5 with problems; no case to rank"
    assert t("cli.caseload.none_loaded", "en") in stderr
    assert out.exists()  # the table still lists every file's problems


@pytest.mark.parametrize(
    ("out", "key"),
    [("triage.txt", "caseload.write.bad_kind"), ("folder", "caseload.write.is_folder")],
)
def test_cli_refuses_a_wrong_out_with_exit_2_before_running(tmp_path, out, key):
    (tmp_path / "folder").mkdir()
    target = tmp_path / out
    code, _, stderr = run_in_process(
        ["caseload", str(SAMPLES), "--out", str(target), "--lang", "en"]
    )
    assert code == 2
    assert t(key, "en", value=f"'{target}'") in stderr


def test_parquet_keeps_every_cell_and_its_type(tmp_path):
    frame = run_caseload([SAMPLES], lang="en")
    code, _, _ = run_in_process(
        ["caseload", str(SAMPLES), "--out", str(tmp_path / "t.parquet"), "--lang", "en"]
    )
    assert code == 0
    back = pd.read_parquet(tmp_path / "t.parquet")
    pd.testing.assert_frame_equal(back, frame)  # fen as integers, nullable ranks, booleans
    assert str(back["total_owed"].dtype) == "Int64" and back["case"].str.match(r"case \d{4}").all()


def test_parquet_without_pyarrow_is_refused_before_the_run(tmp_path, monkeypatch):
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(
        importlib.util, "find_spec", lambda name, *a: None if name == "pyarrow" else real(name, *a)
    )
    code, _, stderr = run_in_process(
        ["caseload", str(SAMPLES), "--out", str(tmp_path / "t.parquet"), "--lang", "en"]
    )
    assert code == 2
    assert "pyarrow" in stderr and not (tmp_path / "t.parquet").exists()


def test_hostile_files_each_get_a_row_and_never_an_internal_fault(tmp_path):
    from tests.test_hostile import CORPUS  # the hostile inputs every command must survive

    picked = CORPUS[:: max(1, len(CORPUS) // 60)]
    for k, (_, text) in enumerate(picked):
        (tmp_path / f"h{k:03d}.yaml").write_text(text, "utf-8")
    frame = run_caseload([tmp_path], lang="en", redact=False).set_index("case")
    assert len(frame) == len(picked)
    internal = t("errors.internal", "en", detail="@").split("@")[0]  # "internal error ("
    assert not frame["problems"].str.contains(internal, regex=False).any()
    for k, (kind, _) in enumerate(picked):
        try:
            load_case(tmp_path / f"h{k:03d}.yaml")
        except WorkbenchError:
            loads = False
        else:
            loads = True
        row = frame.loc[f"h{k:03d}"]
        assert bool(row["loaded"]) == loads, kind
        assert (row["problems"] == "") == loads, kind  # a valid case is analysed in full
        assert loads == (not pd.isna(row["triage_rank"])), kind


def test_a_long_run_shows_its_progress_on_stderr(tmp_path):
    shutil.copy(SAMPLES / "li_na_illness.yaml", tmp_path / "li_na_illness.yaml")
    for k in range(59):  # cheap rows: files that do not parse
        (tmp_path / f"broken_{k:02d}.yaml").write_text("as_of: [\n", "utf-8")
    out = tmp_path / "t.csv"
    code, stdout, stderr = run_in_process(
        ["caseload", str(tmp_path), "--out", str(out), "--lang", "en"], seconds=60
    )
    assert code == 0
    lines = stderr.splitlines()
    # 60 cases, a line every 60 // 20 = 3 cases: 20 lines, the last at 100%
    assert len(lines) == 20 and lines[-1] == "caseload: 60/60 cases (100%)"
    assert lines[0] == "caseload: 3/60 cases (5%)"
    assert stdout.startswith("60 cases, 1 loaded, 59 with problems; first in triage order: ")
