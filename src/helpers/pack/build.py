"""Building the advisor pack of a case: what goes in it, redacted unless told otherwise, and the
archive written whole (:mod:`helpers.pack.archive`).

The pack holds ``case.yaml`` (the case, redacted: :func:`helpers.redact.redacted_case`), the
journal as ``journal.csv`` (its free text scrubbed the same way), ``workbook.xlsx``
(:func:`helpers.pack.workbook_bytes`: budget, debts, scenarios, schedules, journal),
``report.html`` (:func:`helpers.pack.report_html`: the report notebook run on the redacted case
and journal, readable offline), each
lender's written application as ``drafts/<debt id>/application.docx`` (as the borrower edited
it, from the redacted case), and ``manifest.json`` with every file's size and SHA-256.

What does Li Na's pack hold?

>>> import tempfile, zipfile
>>> from helpers.paths import SAMPLES_DIR
>>> out = Path(tempfile.mkdtemp()) / "li_na.zip"
>>> made = build_pack(SAMPLES_DIR / "li_na_illness.yaml", out)
>>> sorted(zipfile.ZipFile(made).namelist())[:3]
['case.yaml', 'drafts/d1/application.docx', 'drafts/d2/application.docx']
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

from helpers.case import Case, case_to_yaml, load_case
from helpers.journal import (
    Entry,
    csv_bytes,
    entry_data,
    entry_from_data,
    journal_path,
    open_journal,
)
from helpers.pack.archive import finish, packing_folder, write_zip
from helpers.pack.manifest import MANIFEST, build_manifest, manifest_bytes
from helpers.pack.report import report_html, write_entries
from helpers.pack.workbook import workbook_bytes
from helpers.proposals import application_docx, contact_plan, draft_texts, kept_texts
from helpers.redact import redacted_case, scrub_case_text

__all__ = ["Progress", "build_pack", "journal_entries", "pack_files", "redacted_entries"]

Progress = Callable[[float, str], None]


def journal_entries(case_path: str | os.PathLike[str]) -> tuple[Entry, ...]:
    """The entries of the case's journal (none when it has no journal; none is created).

    >>> from helpers.paths import SAMPLES_DIR
    >>> journal_entries(SAMPLES_DIR / "li_na_illness.yaml")
    ()
    """
    path = journal_path(case_path)
    if not path.is_file():
        return ()
    with open_journal(path) as journal:
        return tuple(journal.entries())


def redacted_entries(
    entries: tuple[Entry, ...], case: Case, lang: str, *, keep_names: bool = False
) -> tuple[Entry, ...]:
    """The entries with every text scrubbed of the case's personal values and of anything
    shaped like an ID, phone or card number.

    >>> from helpers.case import load_sample
    >>> call = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行",
    ...              channel="hotline", initiator="me", summary="张伟留了电话 13800138000")
    >>> redacted_entries((call,), load_sample(), "zh-CN")[0].summary
    '借款人留了电话 ***********'
    """

    def scrub(value: Any) -> Any:
        if isinstance(value, str):
            return scrub_case_text(case, value, lang, keep_names=keep_names)
        if isinstance(value, list):
            return [scrub(v) for v in value]
        if isinstance(value, dict):
            return {k: scrub(v) for k, v in value.items()}
        return value

    return tuple(entry_from_data(scrub(entry_data(e)), entry_id=e.entry_id) for e in entries)


def pack_files(
    case: Case,
    lang: str,
    *,
    entries: tuple[Entry, ...] = (),
    redact: bool = True,
    keep_names: bool = False,
) -> dict[str, bytes]:
    """The files of a pack (name → bytes), the manifest aside.

    >>> from helpers.case import load_sample
    >>> files = pack_files(load_sample(), "zh-CN")
    >>> "张伟" in files["case.yaml"].decode(), "借款人" in files["case.yaml"].decode()
    (False, True)
    """
    shown = redacted_case(case, lang, keep_names=keep_names) if redact else case
    if redact:
        entries = redacted_entries(entries, case, lang, keep_names=keep_names)
    files = {
        "case.yaml": case_to_yaml(shown).encode("utf-8"),
        "journal.csv": csv_bytes(entries, lang),
        "workbook.xlsx": workbook_bytes(shown, lang, entries=entries),
    }
    for contact in contact_plan(shown):
        texts = draft_texts(shown, contact.debt_id, lang)
        application = kept_texts(shown, contact.debt_id, lang, texts).texts["application"]
        docx = application_docx(shown, contact.debt_id, lang, markdown=application)
        files[f"drafts/{contact.debt_id}/application.docx"] = docx
    return files


def build_pack(
    case_path: str | os.PathLike[str],
    out: str | os.PathLike[str],
    *,
    lang: str | None = None,
    redact: bool = True,
    keep_names: bool = False,
    progress: Progress | None = None,
) -> Path:
    """Build the advisor pack of the case file ``case_path`` into the zip file ``out``, whole
    or not at all; the file written. ``progress(fraction, step)`` is told how far it has got.

    >>> import tempfile, zipfile
    >>> from helpers.paths import SAMPLES_DIR
    >>> steps, out = [], Path(tempfile.mkdtemp()) / "p.zip"
    >>> made = build_pack(SAMPLES_DIR / "wang_fang_income_drop.yaml", out,
    ...                   progress=lambda fraction, step: steps.append(step))
    >>> steps[0], steps[-1], MANIFEST in zipfile.ZipFile(made).namelist()
    ('case', 'done', True)
    """
    report = progress or (lambda fraction, step: None)
    out = Path(out)
    report(0.0, "case")
    case = load_case(case_path)
    lang = lang or case.language
    entries = journal_entries(case_path)
    with packing_folder(out) as work:
        report(0.05, "drafts")
        files = pack_files(case, lang, entries=entries, redact=redact, keep_names=keep_names)
        report(0.2, "report")
        case_file = work / "case.yaml"
        case_file.write_bytes(files["case.yaml"])
        shown = redacted_entries(entries, case, lang, keep_names=keep_names) if redact else entries
        journal_file = write_entries(shown, work / "journal.json")
        files["report.html"] = report_html(
            case_file,
            lang,
            journal_file=journal_file,
            work_dir=work / "report",
            progress=lambda fraction, _text: report(0.2 + 0.7 * fraction, "report"),
        )
        report(0.95, "archive")
        manifest = build_manifest(files, case=Path(case_path).stem, redacted=redact)
        files[MANIFEST] = manifest_bytes(manifest)
        made = write_zip(files, work / out.name)
        finish(made, out)
    report(1.0, "done")
    return out
