"""The advisor's report, ``report.html``: the report notebook (``report.ipynb``, shipped with
the package) executed by papermill in a private working folder and converted by nbconvert
without code.

The notebook is a short list of display calls; what it shows is built by
:class:`helpers.pack.report_parts.Report`. The page opens with no network: plotly.js is inlined
once, and nbconvert's "lab" page template is stripped of the scripts it links from CDNs
(require.js, MathJax, mermaid) by :data:`PAGE_TEMPLATE`.

What does Li Na's report look like, and does it ask anything of another machine?

>>> import tempfile
>>> from helpers.paths import SAMPLES_DIR
>>> page = report_html(SAMPLES_DIR / "li_na_illness.yaml", "en", work_dir=tempfile.mkdtemp())
>>> page.decode("utf-8").count('class="plotly-graph-div"'), external_links(page.decode("utf-8"))
(5, [])
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterable
from html.parser import HTMLParser
from importlib import resources
from pathlib import Path
from typing import Any

import nbformat
import papermill as pm
from jinja2 import DictLoader
from jupyter_client.kernelspec import KernelSpecManager
from jupyter_client.manager import AsyncKernelManager
from nbclient.exceptions import CellTimeoutError, DeadKernelError
from nbconvert import HTMLExporter
from papermill.exceptions import PapermillExecutionError
from traitlets import Unicode, default
from traitlets.config import Config

from helpers.case import Case, load_case, load_sample
from helpers.charts import FONT_FAMILY
from helpers.errors import CaseError, Problem
from helpers.i18n import normalize_language, t
from helpers.journal import Entry, entry_data, entry_from_data

__all__ = [
    "PAGE_TEMPLATE",
    "REPORT_NOTEBOOK",
    "REPORT_TIMEOUT_S",
    "ReportError",
    "external_links",
    "report_case",
    "report_entries",
    "report_html",
    "write_entries",
]

REPORT_NOTEBOOK = resources.files("helpers.pack").joinpath("report.ipynb")
REPORT_TIMEOUT_S = 300  # the longest a cell may run (the largest sample's take a few seconds)
# nbconvert's lab page without the scripts it links from CDNs, and no widget manager
# (and the text in the figures' font, which draws Chinese with a CJK font)
PAGE_TEMPLATE = """{%- extends 'index.html.j2' -%}
{%- block html_head_js -%}{%- endblock html_head_js -%}
{%- block jupyter_widgets -%}{%- endblock jupyter_widgets -%}
{%- block html_head_js_mathjax -%}{%- endblock html_head_js_mathjax -%}
{%- block html_head_js_mermaidjs -%}{%- endblock html_head_js_mermaidjs -%}
{%- block html_head_css -%}
<style type="text/css">body, .jp-RenderedHTMLCommon { font-family: FONT_FAMILY; }
.jp-RenderedHTMLCommon details { margin: 0.5em 0; } main { max-width: 1200px; }</style>
{%- endblock html_head_css -%}
"""
_TEMPLATE = "workbench-report.html.j2"
_KERNEL = "workbench-report"  # the kernel spec written in the working folder
_KERNEL_FOLDER = "report-kernel"  # its files, in the working folder while it runs
_Progress = Callable[[float, str], None]


class ReportError(CaseError):
    """The report could not be made: what failed, and what to do.

    >>> problem = Problem("report.ipynb", None, "pack.report.failed",
    ...                   {"cell": 4, "error": "ZeroDivisionError: division by zero"})
    >>> print(ReportError([problem]).render("en"))  # doctest: +ELLIPSIS
    report.ipynb: the report notebook failed in cell 4 (ZeroDivisionError: division by zero)...
    """


def report_case(case_path: str | os.PathLike[str] = "") -> Case:
    """The case a report shows: the file given, or the default sample when none is.

    >>> report_case("").as_of.isoformat()
    '2025-04-01'
    """
    return load_case(case_path) if str(case_path) else load_sample()


def _bad_journal(path: Path, detail: str) -> ReportError:
    return ReportError([Problem(path.name, None, "pack.report.bad_journal", {"detail": detail})])


def report_entries(journal_path: str | os.PathLike[str] = "") -> tuple[Entry, ...]:
    """The journal's contacts from a JSON file (a list of :func:`helpers.journal.entry_data`
    dicts); none when no file is given.

    >>> import json, tempfile, pathlib
    >>> path = pathlib.Path(tempfile.mkdtemp()) / "journal.json"
    >>> _ = path.write_text(json.dumps([{"when": "2025-04-02T10:15:00", "debt_id": "d1",
    ...     "lender": "招商银行", "channel": "sms", "initiator": "lender"}]), "utf-8")
    >>> [e.channel.value for e in report_entries(path)], report_entries("")
    (['sms'], ())
    """
    if not str(journal_path):
        return ()
    path = Path(journal_path)
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as error:
        raise _bad_journal(path, type(error).__name__) from error
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise _bad_journal(path, "not a list of entries")
    return tuple(entry_from_data(item, entry_id=k + 1) for k, item in enumerate(data))


class _Links(HTMLParser):
    """The ``src`` and ``href`` of every tag, and the text of ``<style>`` elements."""

    def __init__(self) -> None:
        super().__init__()
        self.links: list[str] = []
        self.styles: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.links += [value or "" for name, value in attrs if name in ("src", "href")]
        self._in_style = tag == "style"

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if self._in_style:
            self.styles.append(data)


_EXTERNAL = re.compile(r"^\s*(https?:)?//", re.I)
_IMPORT = re.compile(r"@import\s+(url\()?\s*['\"]?\s*((https?:)?//[^'\")\s]*)", re.I)


def external_links(page: str) -> list[str]:
    """What a page would fetch from another machine: ``src`` and ``href`` attributes and CSS
    ``@import`` naming an ``http(s)://`` or ``//`` address (text inside scripts aside).

    >>> external_links('<script src="https://cdn.x/require.js"></script><a href="#top">top</a>'
    ...                '<style>@import url("//fonts.x/css");</style>')
    ['https://cdn.x/require.js', '//fonts.x/css']
    """
    parser = _Links()
    parser.feed(page)
    parser.close()
    found = [link for link in parser.links if _EXTERNAL.match(link)]
    return found + [m.group(2) for style in parser.styles for m in _IMPORT.finditer(style)]


def write_entries(entries: Iterable[Entry], path: str | os.PathLike[str]) -> Path:
    """Write journal entries as the report notebook reads them (:func:`report_entries`): a
    JSON list of :func:`helpers.journal.entry_data` dicts. The file written.

    >>> import tempfile, pathlib
    >>> call = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行", channel="hotline",
    ...              initiator="me", summary="申请分期")
    >>> path = write_entries([call], pathlib.Path(tempfile.mkdtemp()) / "journal.json")
    >>> report_entries(path)[0].summary
    '申请分期'
    """
    data = [entry_data(entry) for entry in entries]
    path = Path(path)
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), "utf-8")
    return path


class ReportKernelManager(AsyncKernelManager):
    """A kernel manager that finds kernel specs in one folder only (``spec_dir``), so the
    report's kernel is the one :func:`_kernel` writes (and ``~/.ipython`` is never made)."""

    spec_dir = Unicode("").tag(config=True)

    @default("kernel_spec_manager")
    def _private_specs(self) -> KernelSpecManager:
        return KernelSpecManager(kernel_dirs=[self.spec_dir])


def _kernel(folder: Path) -> Config:
    """A kernel of this Python (the venv's) whose every file stays in ``folder``: its spec, its
    connection file, and the HOME, IPython folder and temporary folder of its process."""
    home, specs = folder / "home", folder / "kernels"
    for made in (home, folder / "tmp", specs / _KERNEL):
        made.mkdir(parents=True, exist_ok=True)
    private = {"HOME": home, "IPYTHONDIR": home / ".ipython", "TMPDIR": folder / "tmp"}
    private |= {"JUPYTER_RUNTIME_DIR": folder, "MPLCONFIGDIR": home, "XDG_CACHE_HOME": home}
    spec = {
        # its log (a warning at start, a note at shutdown) would only clutter the CLI's output:
        # a cell's error comes back as its output
        "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"]
        + ["--IPKernelApp.log_level=CRITICAL"],
        "display_name": "Python 3 (workbench report)",
        "language": "python",
        "env": {name: str(value) for name, value in private.items()},
    }
    (specs / _KERNEL / "kernel.json").write_text(json.dumps(spec), "utf-8")
    connection = str(folder / "connection.json")
    return Config({"ReportKernelManager": {"spec_dir": str(specs), "connection_file": connection}})


def _failure(error: Exception) -> ReportError:
    """The kernel's error as a problem the reader can act on."""
    if isinstance(error, PapermillExecutionError):
        detail = f"{error.ename}: {error.evalue}".strip()
        params = {"cell": error.exec_count or error.cell_index, "error": detail[:500]}
        return ReportError([Problem(REPORT_NOTEBOOK.name, None, "pack.report.failed", params)])
    params = {"reason": f"{type(error).__name__}: {error}"[:500]}
    return ReportError([Problem(REPORT_NOTEBOOK.name, None, "pack.report.kernel", params)])


def report_html(
    case_file: str | os.PathLike[str],
    lang: str,
    *,
    journal_file: str | os.PathLike[str] | None = None,
    work_dir: str | os.PathLike[str],
    progress: _Progress | None = None,
) -> bytes:
    """``report.html`` of a case: the report notebook executed on it in ``work_dir`` and
    converted without code; everything it writes stays in ``work_dir``: the executed notebook
    (``report.ipynb``), and the kernel's files (``report-kernel/``, removed once it stops).

    Parameters
    ----------
    case_file : path
        The case file (for the pack: the redacted case).
    lang : str
        ``zh-CN`` or ``en``.
    journal_file : path, optional
        The journal's contacts as JSON (:func:`write_entries`).
    work_dir : path
        A private working folder (made when missing).
    progress : callable, optional
        ``progress(fraction, text)``, told as the notebook's cells run.

    Returns
    -------
    bytes
        The page, UTF-8.

    Raises
    ------
    CaseError
        A case file that cannot be read (before any kernel starts).
    ReportError
        A journal file that cannot be read, or a notebook that fails or times out.

    Examples
    --------
    See the module's example; a case file that is not a case fails before the notebook runs:

    >>> import tempfile, pathlib
    >>> work = pathlib.Path(tempfile.mkdtemp())
    >>> bad = work / "bad.yaml"
    >>> _ = bad.write_text("as_of: 2025-13-01\\n", "utf-8")
    >>> try:
    ...     report_html(bad, "en", work_dir=work / "work")
    ... except CaseError as error:
    ...     type(error).__name__, error.render("en").splitlines()[0].endswith("problems")
    ('CaseError', True)
    >>> sorted(p.name for p in work.iterdir())  # no kernel was started, nothing written
    ['bad.yaml']
    """
    lang = normalize_language(lang)
    tell = progress or (lambda fraction, text: None)
    tell(0.0, t("pack.report.step.check", lang))
    case_path = Path(case_file).resolve()
    load_case(case_path)  # a bad case fails here, in the reader's language
    journal = "" if journal_file is None else str(Path(journal_file).resolve())
    report_entries(journal)
    work = Path(work_dir).resolve()
    work.mkdir(parents=True, exist_ok=True)
    with REPORT_NOTEBOOK.open("r", encoding="utf-8") as handle:
        cells = len(nbformat.read(handle, as_version=4).cells) + 1  # and papermill's parameters

    def ran(cell: Any, cell_index: int) -> None:
        tell(0.05 + 0.85 * min((cell_index + 1) / cells, 1.0), t("pack.report.step.run", lang))

    tell(0.05, t("pack.report.step.start", lang))
    try:
        with resources.as_file(REPORT_NOTEBOOK) as source:
            executed = pm.execute_notebook(
                str(source),
                str(work / "report.ipynb"),
                parameters={"case_path": str(case_path), "lang": lang, "journal_path": journal},
                kernel_name=_KERNEL,
                progress_bar=False,
                start_timeout=60,
                execution_timeout=REPORT_TIMEOUT_S,
                config=_kernel(work / _KERNEL_FOLDER),
                kernel_manager_class=ReportKernelManager,
                resources={"metadata": {"path": str(work)}},  # the kernel's folder
                on_cell_complete=ran,
            )
    except (PapermillExecutionError, CellTimeoutError, DeadKernelError, RuntimeError) as error:
        raise _failure(error) from error
    finally:
        shutil.rmtree(work / _KERNEL_FOLDER, ignore_errors=True)
    tell(0.9, t("pack.report.step.convert", lang))
    page = _page(executed, lang)
    tell(1.0, t("pack.report.step.done", lang))
    return page.encode("utf-8")


def _page(notebook: Any, lang: str) -> str:
    """The executed notebook as a page without code or prompts."""
    template = PAGE_TEMPLATE.replace("FONT_FAMILY", FONT_FAMILY)
    exporter = HTMLExporter(
        template_name="lab",
        extra_loaders=[DictLoader({_TEMPLATE: template})],
        template_file=_TEMPLATE,
        exclude_input=True,
        exclude_input_prompt=True,
        exclude_output_prompt=True,
        exclude_markdown=True,
        language_code=lang.split("-")[0],
    )
    title = t("pack.report.title", lang)
    page, _ = exporter.from_notebook_node(notebook, resources={"metadata": {"name": title}})
    return page
