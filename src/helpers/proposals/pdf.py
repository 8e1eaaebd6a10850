"""The written application as PDF, where LibreOffice is installed: the DOCX
(:func:`helpers.proposals.application_docx`) rendered by ``soffice --headless --convert-to pdf``.

Each run has its own temporary folder holding the documents, the PDFs and a fresh LibreOffice
user profile (``-env:UserInstallation``), so that runs in parallel never share a profile and
nothing is written to the home folder; the folder is removed afterwards. LibreOffice reads only
the local files it is given (the documents link nothing outside themselves) and is asked for
nothing else. Several documents are converted by one LibreOffice start (it takes a second or
two to start; each document after that a fraction of a second).

**Chinese text.** The documents ask for SimSun (宋体), which Linux lacks: LibreOffice takes the
nearest face fontconfig offers for the text's language, and the documents declare their East
Asian text as ``zh-CN`` (:data:`helpers.proposals.EAST_ASIAN_LANGUAGE`), so a Simplified Chinese
serif face (Noto Serif CJK SC from ``fonts-noto-cjk``) is chosen and embedded.

Can this machine make the PDF at all? (It depends on the machine: LibreOffice is found on the
PATH, or the drafts are written without their PDF.)

>>> libreoffice() is None or Path(libreoffice()).name in LIBREOFFICE_NAMES
True
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Mapping
from pathlib import Path

from helpers.errors import CaseError, Problem

__all__ = [
    "LIBREOFFICE_NAMES",
    "PDF_TIMEOUT_SECONDS",
    "PdfError",
    "docx_pdf",
    "docx_pdfs",
    "libreoffice",
]

PDF_TIMEOUT_SECONDS = 120  # one LibreOffice run, however many documents
LIBREOFFICE_NAMES = ("soffice", "libreoffice")  # the program, as Debian and others name it


class PdfError(CaseError):
    """LibreOffice could not make a PDF: the problem names the program, what went wrong and
    the fix, in the reader's language.

    >>> error = PdfError([Problem("pdf", None, "proposals.pdf.missing")])
    >>> print(error.render("en"))  # doctest: +ELLIPSIS
    pdf: LibreOffice (soffice) is not installed, so no PDF can be made; install ...
    """


def libreoffice() -> str | None:
    """The LibreOffice program on the PATH (``soffice``, else ``libreoffice``), or None.

    Which program makes the PDF on a Debian machine with libreoffice-writer-nogui, and on one
    without LibreOffice?

    >>> from unittest import mock
    >>> debian = {"soffice": "/usr/bin/soffice", "libreoffice": "/usr/bin/libreoffice"}
    >>> with mock.patch("shutil.which", debian.get):
    ...     libreoffice()
    '/usr/bin/soffice'
    >>> with mock.patch("shutil.which", lambda name: None):
    ...     print(libreoffice())
    None
    """
    for name in LIBREOFFICE_NAMES:
        path = shutil.which(name)
        if path:
            return path
    return None


def docx_pdf(docx: bytes, *, timeout: float = PDF_TIMEOUT_SECONDS) -> bytes:
    """One Word document's bytes rendered as a PDF's bytes by LibreOffice.

    Raises :class:`PdfError` when LibreOffice is missing, fails or takes longer than
    ``timeout`` seconds.

    Zhang Wei's application to 建设银行 as a PDF (on this machine, if it has LibreOffice):

    >>> from unittest import mock
    >>> from helpers.case import load_sample
    >>> from helpers.proposals import application_docx
    >>> docx = application_docx(load_sample(), "d2", "en")
    >>> libreoffice() is None or docx_pdf(docx).rstrip().endswith(b"%%EOF")
    True

    And where LibreOffice is not installed:

    >>> with mock.patch("helpers.proposals.pdf.libreoffice", lambda: None):
    ...     docx_pdf(docx)
    Traceback (most recent call last):
    ...
    helpers.proposals.pdf.PdfError: pdf: LibreOffice (soffice) is not installed, so no PDF ...
    """
    return docx_pdfs({"document": docx}, timeout=timeout)["document"]


def docx_pdfs(
    documents: Mapping[str, bytes], *, timeout: float = PDF_TIMEOUT_SECONDS
) -> dict[str, bytes]:
    """Word documents (name → bytes, names made of letters, digits, ``-`` and ``_``) rendered
    as PDFs by one LibreOffice run: name → the PDF's bytes.

    >>> docx_pdfs({})
    {}
    >>> docx_pdfs({"../x": b""})
    Traceback (most recent call last):
    ...
    ValueError: not a plain document name: '../x'
    """
    for name in documents:
        if not name or not name.replace("-", "").replace("_", "").isalnum():
            raise ValueError(f"not a plain document name: {name!r}")
    if not documents:
        return {}
    program = libreoffice()
    if program is None:
        raise PdfError([Problem("pdf", None, "proposals.pdf.missing")])
    with tempfile.TemporaryDirectory(prefix="workbench-pdf-") as temporary:
        folder = Path(temporary)
        sources = []
        for name, docx in documents.items():
            source = folder / f"{name}.docx"
            source.write_bytes(docx)
            sources.append(str(source))
        out = folder / "pdf"
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *sources,
        ]
        reason = _run(program, command, folder, timeout)
        pdfs = {name: out / f"{name}.pdf" for name in documents}
        missing = [name for name, path in pdfs.items() if not path.is_file()]
        if reason is not None or missing:
            detail = reason or f"no PDF for {', '.join(missing)}"
            raise PdfError([Problem("pdf", program, "proposals.pdf.failed", {"reason": detail})])
        return {name: path.read_bytes() for name, path in pdfs.items()}


def _run(program: str, command: list[str], folder: Path, timeout: float) -> str | None:
    """Run LibreOffice in ``folder`` (its HOME too); what went wrong, or None. On a timeout the
    whole process group is killed (``soffice`` starts ``soffice.bin`` as a child)."""
    env = {**os.environ, "HOME": str(folder)}
    try:
        process = subprocess.Popen(  # noqa: S603 - the program found on PATH, fixed arguments
            command,
            cwd=folder,
            env=env,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            start_new_session=True,
        )
    except OSError as error:
        return error.strerror or str(error)
    try:
        _, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise PdfError(
            [Problem("pdf", program, "proposals.pdf.timeout", {"seconds": timeout})]
        ) from None
    except BaseException:  # interrupted (Ctrl-C, an alarm): leave no LibreOffice behind
        _stop(process)
        raise
    if process.returncode != 0:
        lines = [line for line in err.decode("utf-8", "replace").splitlines() if line.strip()]
        return lines[-1] if lines else f"exit status {process.returncode}"
    return None


def _stop(process: subprocess.Popen) -> None:
    """Kill LibreOffice and what it started (its own process group), and reap it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except ProcessLookupError:
        pass
    process.communicate()
