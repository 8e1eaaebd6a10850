"""The `propose` command: five drafts per lender to contact, their schedules the engine's, no
gap in any text, and bad input exiting 2 with a message naming the value and the fix."""

from __future__ import annotations

import re

import pytest
from docx import Document

from helpers.case import list_samples, load_sample
from helpers.cli import propose_commands
from helpers.proposals import (
    contact_plan,
    debt_schedule,
    docx_schedule,
    fallback_ladder,
    parse_schedule,
)
from tests.support import run_cli, run_in_process

GAPS = re.compile(r"\bNone\b|\bnan\b|\bNaN\b|\b(?:proposals|case|plans|rules|cli)\.\w|[{}]")
FILES = ["application.docx", "application.md", "call_script.md", "chat.md", "checklist.md"]


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("sample", list_samples())
def test_every_sample_gets_complete_drafts_per_lender(sample, lang, tmp_path, monkeypatch):
    # the PDF is LibreOffice's rendering of the DOCX checked here (tests/test_proposals_pdf.py
    # reads two back): without it this test stays seconds, not a LibreOffice start per run
    monkeypatch.setattr(propose_commands, "libreoffice", lambda: None)
    code, out, err = run_in_process(
        ["propose", sample, "--lang", lang, "--out", str(tmp_path)], seconds=120
    )
    assert (code, err) == (0, "")
    case = load_sample(sample)
    ids = [c.debt_id for c in contact_plan(case)]
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(ids)
    for debt_id in ids:
        folder = tmp_path / debt_id
        assert sorted(p.name for p in folder.iterdir()) == FILES
        ask = fallback_ladder(case, debt_id).ask  # the drafts ask for the ladder's first rung
        engine = debt_schedule(ask.result, debt_id) if ask else ()
        application = (folder / "application.md").read_text("utf-8")
        assert parse_schedule(application) == engine
        assert docx_schedule(Document(str(folder / "application.docx"))) == engine
        for name in FILES[1:]:
            text = (folder / name).read_text("utf-8")
            assert GAPS.search(text) is None, (name, GAPS.search(text))
        assert case.debt(debt_id).lender in out


def test_one_lender_by_name(tmp_path):
    code, out, _ = run_in_process(
        ["propose", "zhang_wei_unemployed", "--lender", "借呗", "--out", str(tmp_path)]
    )
    assert code == 0 and [p.name for p in tmp_path.iterdir()] == ["d4"]
    assert out.startswith("借呗（d4）：")
    written = {p.name for p in (tmp_path / "d4").iterdir()}
    pdf = {"application.pdf"} if propose_commands.libreoffice() else set()
    assert written == {*FILES, *pdf}  # the PDF where LibreOffice is installed


@pytest.mark.parametrize(
    ("argv", "words"),
    [
        (["--lender", "d9"], ["--lender", "'d9'", "d1 (招商银行)"]),
        (["--lender", "d1"], ["--lender", "'d1'"]),  # Chen Jian's mortgage: not written to
        (["--lang", "fr"], ["fr"]),
    ],
)
def test_bad_input_exits_2_naming_the_value(argv, words, tmp_path):
    case = "chen_jian_business_loss" if argv[1] == "d1" else "zhang_wei_unemployed"
    code, out, err = run_in_process(
        ["propose", case, *argv, "--out", str(tmp_path / "o")], seconds=60
    )
    assert code == 2 and out == ""
    assert all(word in err for word in words), err
    assert "Traceback" not in err


def test_an_out_that_is_a_file_exits_2(tmp_path):
    target = tmp_path / "taken.txt"
    target.write_text("x", "utf-8")
    code, _, err = run_in_process(
        ["propose", "li_na_illness", "--lang", "en", "--out", str(target)]
    )
    assert code == 2
    assert "is a file, not a folder" in err


def test_an_unknown_case_exits_2_in_a_real_process(tmp_path):
    done = run_cli("propose", "no_such_case", "--out", str(tmp_path))
    assert done.returncode == 2
    assert "Traceback" not in done.stderr and done.stderr.strip()
