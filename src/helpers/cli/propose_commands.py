"""``python -m helpers propose CASE [--lender ID] [--lang zh-CN|en] --out DIR``: the drafts for
each lender to contact (or one), written to ``DIR/<debt id>/``: ``application.md``,
``application.docx``, ``call_script.md``, ``chat.md`` and ``checklist.md``; and
``application.pdf`` where LibreOffice is installed (:func:`helpers.proposals.libreoffice`;
without it the other five are written and nothing is said missing).

Each file is written whole or not at all: into a temporary file in the same folder, then
renamed over the old one (``os.replace``), so an interrupted export never leaves half a file.

>>> import tempfile
>>> from helpers.cli import main
>>> with tempfile.TemporaryDirectory() as out:
...     main(["propose", "zhang_wei_unemployed", "--lender", "d1", "--lang", "en", "--out", out])
...     print(sorted(p.name for p in (Path(out) / "d1").iterdir() if p.name != PDF_FILE))
... # doctest: +ELLIPSIS
招商银行 (d1): .../d1
0
['application.docx', 'application.md', 'call_script.md', 'chat.md', 'checklist.md']
"""

from __future__ import annotations

import argparse
from pathlib import Path

from helpers.case import Case, load_case
from helpers.cli import EXIT_OK, resolve_case
from helpers.errors import CaseError, Problem
from helpers.i18n import t
from helpers.paths import write_atomic
from helpers.proposals import (
    application_docx,
    contact_plan,
    docx_pdfs,
    draft_texts,
    kept_texts,
    libreoffice,
)

__all__ = ["register", "lender_ids", "write_drafts"]

DRAFT_FILES = ("application.md", "application.docx", "call_script.md", "chat.md", "checklist.md")
PDF_FILE = "application.pdf"  # where LibreOffice is installed


def lender_ids(case: Case, lender: str | None) -> tuple[str, ...]:
    """The debts to draft for: every lender to contact (in the contact plan's order), or the one
    ``--lender`` names by debt id or by a lender's name only one debt has.

    >>> from helpers.case import load_sample
    >>> lender_ids(load_sample(), None), lender_ids(load_sample(), "借呗")
    (('d1', 'd3', 'd4', 'd5', 'd2'), ('d4',))
    >>> lender_ids(load_sample(), "d9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: --lender: 'd9' is not a lender to write to; use one of ...
    """
    ids = tuple(c.debt_id for c in contact_plan(case))
    if lender is None:
        return ids
    if lender in ids:
        return (lender,)
    named = [d.id for d in case.debts if d.lender == lender and d.id in ids]
    if len(named) == 1:
        return tuple(named)
    choices = ", ".join(f"{i} ({case.debt(i).lender})" for i in ids)
    raise CaseError([Problem("--lender", lender, "cli.propose.unknown_lender", {"ids": choices})])


def write_drafts(
    case: Case, debt_ids: tuple[str, ...], lang: str, out: Path, *, pdf: bool = True
) -> list[Path]:
    """Write the five drafts of each debt under ``out/<debt id>/`` (as the borrower edited them,
    where an edit is kept with the case), and the application as PDF
    when ``pdf`` and LibreOffice is installed (all the PDFs by one LibreOffice run); the
    folders written. Each file is written atomically (:func:`helpers.paths.write_atomic`).

    Raises :class:`helpers.proposals.PdfError` when LibreOffice fails (the other files are
    written by then).

    >>> import tempfile
    >>> from helpers.case import load_sample
    >>> with tempfile.TemporaryDirectory() as out:
    ...     [p.name for p in write_drafts(load_sample(), ("d4",), "en", Path(out), pdf=False)]
    ['d4']
    """
    folders, documents = [], {}
    for debt_id in debt_ids:
        folder = out / debt_id
        folder.mkdir(parents=True, exist_ok=True)
        generated = {
            name: text if text.endswith("\n") else text + "\n"
            for name, text in draft_texts(case, debt_id, lang).items()
        }
        texts = kept_texts(case, debt_id, lang, generated).texts  # the borrower's edits
        for name, text in texts.items():
            write_atomic(folder / f"{name}.md", text.encode("utf-8"))
        docx = application_docx(case, debt_id, lang, markdown=texts["application"])
        write_atomic(folder / "application.docx", docx)
        documents[f"application{len(folders)}"] = docx  # a plain name whatever the debt id
        folders.append(folder)
    if pdf and libreoffice() is not None:
        pdfs = docx_pdfs(documents)
        for k, folder in enumerate(folders):
            write_atomic(folder / PDF_FILE, pdfs[f"application{k}"])
    return folders


def cmd_propose(args: argparse.Namespace) -> int:
    """Write the drafts and print, per lender, where they are."""
    case = load_case(resolve_case(args.case))
    lang = args.lang or case.language
    out = Path(args.out)
    if out.exists() and not out.is_dir():
        raise CaseError([Problem("--out", args.out, "cli.propose.out_not_dir")])
    debt_ids = lender_ids(case, args.lender)
    try:
        folders = write_drafts(case, debt_ids, lang, out)
    except OSError as error:
        raise CaseError(
            [Problem("--out", args.out, "cli.propose.cannot_write", {"reason": error.strerror})]
        ) from None
    for debt_id, folder in zip(debt_ids, folders, strict=True):
        lender = case.debt(debt_id).lender
        print(t("cli.propose.written", lang, lender=lender, id=debt_id, folder=str(folder)))
    return EXIT_OK


def register(add) -> None:
    """Add the ``propose`` command.

    >>> from helpers.cli import argument_names
    >>> argument_names(register)
    ['case', '--lender', '--out']
    """
    sub = add("propose", cmd_propose)
    sub.add_argument("case")
    sub.add_argument("--lender")
    sub.add_argument("--out", required=True)
