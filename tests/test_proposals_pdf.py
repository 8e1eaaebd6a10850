"""The written application as PDF (LibreOffice): the Chinese text, the lender and the schedule's
first month read back from the PDF, a CJK face embedded; the drafts' PDF written beside the
others; every draft file written whole or not at all; LibreOffice missing, failing or hanging
refused with a message in both languages.

The tests that render need LibreOffice (``soffice``) and poppler-utils (``pdftotext``,
``pdffonts``): ``make test`` installs them when run as root with apt-get (``make pdf``).
Without them they skip saying so, and fail when ``CI=true``."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from helpers import paths
from helpers.case import load_sample
from helpers.cli import propose_commands
from helpers.cli.propose_commands import DRAFT_FILES, PDF_FILE, write_drafts
from helpers.paths import write_atomic
from helpers.proposals import PdfError, application_docx, debt_schedule, docx_pdfs, libreoffice
from helpers.proposals import pdf as pdf_module
from helpers.scenarios import own_result
from tests.support import run_in_process


def _on_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


def _require(missing: list[str], *, on_ci: bool) -> None:
    """Skip (on a person's machine) or fail (when ``CI=true``) when a tool is missing."""
    if not missing:
        return
    reason = (
        "the PDF tests need " + ", ".join(missing) + " — `make pdf` (or `make test`) installs"
        " libreoffice-writer-nogui, fonts-noto-cjk and poppler-utils when run as root"
    )
    if on_ci:
        pytest.fail(f"{reason} (CI=true: the PDF tests may not be skipped)", pytrace=False)
    pytest.skip(reason)


@pytest.fixture(scope="module")
def renderer() -> None:
    """LibreOffice and the tools that read a PDF back, or skip / fail saying which is missing."""
    tools = {"LibreOffice (soffice)": libreoffice()}
    tools |= {name: shutil.which(name) for name in ("pdftotext", "pdffonts")}
    _require([name for name, path in tools.items() if path is None], on_ci=_on_ci())


def test_a_missing_tool_skips_with_its_reason_but_fails_under_ci():
    with pytest.raises(pytest.skip.Exception, match="need pdftotext — `make pdf`"):
        _require(["pdftotext"], on_ci=False)
    with pytest.raises(pytest.fail.Exception, match="CI=true: the PDF tests may not be skipped"):
        _require(["LibreOffice (soffice)"], on_ci=True)
    _require([], on_ci=True)  # nothing missing: runs


def _text(pdf: Path) -> str:
    done = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, check=True
    )
    return done.stdout.decode("utf-8")


def _fonts(pdf: Path) -> list[list[str]]:
    """pdffonts' table, a row per font split into words: the name first, then the type and
    encoding (which may hold spaces), then ``emb sub uni object ID`` (read from the end)."""
    done = subprocess.run(["pdffonts", str(pdf)], capture_output=True, check=True)
    return [line.split() for line in done.stdout.decode("utf-8").splitlines()[2:]]


@pytest.fixture(scope="module")
def rendered(renderer, tmp_path_factory) -> dict[str, Path]:
    """Zhang Wei's application to 招商银行 in Chinese and in English, rendered by one
    LibreOffice run (it takes seconds to start: two documents, not every sample)."""
    case = load_sample()
    result, _ = own_result(case)
    documents = {
        "zh": application_docx(case, "d1", "zh-CN", result=result),
        "en": application_docx(case, "d1", "en", result=result),
    }
    folder = tmp_path_factory.mktemp("pdf")
    paths = {}
    for name, data in docx_pdfs(documents).items():
        paths[name] = folder / f"{name}.pdf"
        paths[name].write_bytes(data)
    return paths


@pytest.mark.parametrize(
    ("name", "title", "first_due"),
    [
        # the schedule's first month: the step-up plan's low payment for 招商银行, 124.63
        # (the letters' own test pins it: ScheduleRow('2025-04', 12463, 12463, 2896109))
        ("zh", "协商还款申请书", "¥124.63"),
        ("en", "Hardship repayment proposal", "CN¥124.63"),
    ],
)
def test_the_pdf_shows_the_title_the_lender_and_the_first_month(rendered, name, title, first_due):
    pdf = rendered[name]
    assert pdf.read_bytes().startswith(b"%PDF-")
    text = _text(pdf)
    assert title in text
    assert "招商银行" in text  # the lender's name, in Chinese in both letters
    assert "张伟" in text
    assert "2025-04" in text and first_due in text
    rows = debt_schedule(own_result(load_sample())[0], "d1")
    assert (rows[0].month, rows[0].due_fen) == ("2025-04", 12463)  # the figure checked above


@pytest.mark.parametrize("name", ["zh", "en"])
def test_the_chinese_is_set_in_an_embedded_cjk_face(rendered, name):
    # SimSun is not on Linux: fontconfig gives LibreOffice a CJK face for zh-CN (Noto CJK from
    # fonts-noto-cjk), embedded, so the Chinese shows as characters, not boxes.
    fonts = _fonts(rendered[name])
    cjk = [row for row in fonts if "CJK" in row[0]]
    assert cjk, fonts
    assert all(row[-5] == "yes" for row in cjk)  # the emb column


def test_write_drafts_writes_the_pdf_beside_the_others(renderer, tmp_path):
    (folder,) = write_drafts(load_sample(), ("d4",), "en", tmp_path)
    assert {p.name for p in folder.iterdir()} == {*DRAFT_FILES, PDF_FILE}  # no temporary left
    text = _text(folder / PDF_FILE)
    assert "Hardship repayment proposal" in text and "借呗" in text


def test_without_libreoffice_the_five_drafts_are_written_and_nothing_is_said(
    tmp_path, monkeypatch, capsys
):
    monkeypatch.setattr(propose_commands, "libreoffice", lambda: None)
    (folder,) = write_drafts(load_sample(), ("d4",), "en", tmp_path)
    assert {p.name for p in folder.iterdir()} == set(DRAFT_FILES)
    assert capsys.readouterr() == ("", "")


def test_pdf_false_writes_no_pdf(tmp_path):
    (folder,) = write_drafts(load_sample(), ("d4",), "zh-CN", tmp_path, pdf=False)
    assert {p.name for p in folder.iterdir()} == set(DRAFT_FILES)


def test_an_interrupted_write_leaves_the_old_file_whole_and_no_temporary(tmp_path, monkeypatch):
    target = tmp_path / "application.md"
    target.write_text("old draft", "utf-8")

    def interrupted(source, destination):
        raise KeyboardInterrupt

    monkeypatch.setattr(paths.os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(target, "新的草稿".encode())
    assert target.read_text("utf-8") == "old draft"
    assert [p.name for p in tmp_path.iterdir()] == ["application.md"]


def test_a_write_replaces_the_old_file_readable_by_its_owner_only(tmp_path):
    target = tmp_path / "chat.md"
    target.write_text("old", "utf-8")
    write_atomic(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600  # a draft names the borrower


def _refusal(error: PdfError) -> tuple[str, str]:
    return error.render("zh-CN"), error.render("en")


def test_libreoffice_missing_is_refused_with_the_fix(monkeypatch):
    monkeypatch.setattr(pdf_module, "libreoffice", lambda: None)
    with pytest.raises(PdfError) as caught:
        docx_pdfs({"a": b"PK"})
    zh, en = _refusal(caught.value)
    assert "libreoffice-writer-nogui" in en and "not installed" in en
    assert "未安装 LibreOffice" in zh


def test_libreoffice_failing_is_refused_with_its_reason(monkeypatch, tmp_path):
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    program.chmod(0o755)
    monkeypatch.setattr(pdf_module, "libreoffice", lambda: str(program))
    with pytest.raises(PdfError) as caught:
        docx_pdfs({"a": b"not a docx"})
    zh, en = _refusal(caught.value)
    assert "could not make the PDF: Error: source file could not be loaded" in en
    assert "未能生成 PDF" in zh and str(program) in zh


def test_libreoffice_succeeding_without_a_pdf_is_refused(monkeypatch, tmp_path):
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\nexit 0\n")
    program.chmod(0o755)
    monkeypatch.setattr(pdf_module, "libreoffice", lambda: str(program))
    with pytest.raises(PdfError, match="no PDF for a"):
        docx_pdfs({"a": b"PK"})


def test_libreoffice_hanging_is_stopped_after_the_timeout(monkeypatch, tmp_path):
    program = tmp_path / "soffice"
    # a child that sleeps, as soffice starts soffice.bin
    program.write_text(f"#!/bin/sh\n'{sys.executable}' -c 'import time; time.sleep(60)' &\nwait\n")
    program.chmod(0o755)
    monkeypatch.setattr(pdf_module, "libreoffice", lambda: str(program))
    with pytest.raises(PdfError) as caught:
        docx_pdfs({"a": b"PK"}, timeout=1)
    zh, en = _refusal(caught.value)
    assert "took more than 1 seconds" in en and "超过 1 秒" in zh


def test_the_temporary_folder_is_removed(monkeypatch, tmp_path):
    monkeypatch.setattr(pdf_module.tempfile, "tempdir", str(tmp_path))
    monkeypatch.setattr(pdf_module, "libreoffice", lambda: "/bin/false")
    with pytest.raises(PdfError):
        docx_pdfs({"a": b"PK"})
    assert list(tmp_path.iterdir()) == []


def test_a_document_name_that_is_not_plain_is_refused():
    with pytest.raises(ValueError, match="not a plain document name"):
        docx_pdfs({"a/b": b"PK"})


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
def test_the_docx_declares_its_east_asian_text_simplified_chinese(lang):
    # what makes LibreOffice ask fontconfig for a Simplified Chinese face in place of SimSun
    document = Document(io.BytesIO(application_docx(load_sample(), "d1", lang)))
    for style in ("Normal", "Heading 1", "Table Grid"):
        language = document.styles[style].element.rPr.find(qn("w:lang"))
        assert language.get(qn("w:eastAsia")) == "zh-CN"
        assert language.get(qn("w:val")) == lang
    assert document.paragraphs[1].text.endswith("招商银行")  # the Chinese reads back intact


def test_the_command_exits_2_when_libreoffice_fails_and_the_other_drafts_are_written(
    monkeypatch, tmp_path
):
    program = tmp_path / "soffice"
    program.write_text("#!/bin/sh\necho 'Error: source file could not be loaded' >&2\nexit 1\n")
    program.chmod(0o755)
    monkeypatch.setattr(pdf_module, "libreoffice", lambda: str(program))
    monkeypatch.setattr(propose_commands, "libreoffice", lambda: str(program))
    out = tmp_path / "out"
    code, printed, err = run_in_process(
        ["propose", "zhang_wei_unemployed", "--lender", "d4", "--lang", "en", "--out", str(out)]
    )
    assert (code, printed) == (2, "")
    assert "could not make the PDF: Error: source file could not be loaded" in err
    assert {p.name for p in (out / "d4").iterdir()} == set(DRAFT_FILES)
