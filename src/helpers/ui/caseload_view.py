"""The caseload app's plain part (notebook 06), tested without widgets: which folder to run,
why a folder names no case, which rows a sort and the filters leave, the table and the summary.

The frame is :func:`helpers.caseload.run_caseload`'s (amounts in fen, triage order).

Which of a caseload's cases cannot be carried by the budget, dearest first?

>>> from helpers.paths import SAMPLES_DIR
>>> from helpers.caseload import run_caseload
>>> frame = run_caseload([SAMPLES_DIR], lang="en", redact=False)
>>> rows = select_rows(frame, sort_by="total_cost", descending=True, feasible="no")
>>> rows["case"].tolist() == frame[frame["feasible"] == False]["case"].tolist()  # noqa: E712
True
"""

from __future__ import annotations

import atexit
import glob
import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

import pandas as pd

from helpers import paths
from helpers.caseload import AMOUNT_COLUMNS, case_paths, synth_cases, write_cases
from helpers.charts import html_table
from helpers.i18n import LANGUAGES, label, t
from helpers.money import format_fen
from helpers.rules import OverdueClass

__all__ = [
    "ADVISOR_FOLDER",
    "EXAMPLE_CASES",
    "EXAMPLE_SEED",
    "FEASIBLE_CHOICES",
    "SHOWN_ROWS",
    "SORT_COLUMNS",
    "STATUS_CHOICES",
    "TABLE_COLUMNS",
    "caseload_folder",
    "cell_text",
    "example_caseload",
    "folder_problem",
    "select_rows",
    "summary_counts",
    "table_html",
]

ADVISOR_FOLDER = "caseload"  # the advisor's own cases: cases/caseload/
EXAMPLE_CASES = 40  # the made-up caseload a new user sees (a few seconds to run)
EXAMPLE_SEED = 6
SHOWN_ROWS = 200  # rows drawn in the page; the export holds them all
TABLE_COLUMNS = (
    "triage_rank",
    "case",
    "total_owed",
    "capacity_now",
    "capacity_after",
    "recommended_title",
    "feasible",
    "months_to_clear",
    "total_cost",
    "worst_class",
    "record_clears",
    "next_due_days",
    "days_overdue",
    "days_to_90",
    "waiting_cost_3m",
    "lines_crossed",
    "scam_flags",
    "triage_reason",
    "problems",
)
SORT_COLUMNS = (
    "triage_rank",
    "case",
    "total_owed",
    "capacity_now",
    "total_cost",
    "months_to_clear",
    "worst_class",
    "next_due_days",
    "days_overdue",
    "days_to_90",
    "waiting_cost_3m",
)
FEASIBLE_CHOICES = ("all", "yes", "no")
STATUS_CHOICES = ("all", "loaded", "failed")
_WRAP = {"triage_reason", "problems", "scam_flags", "recommended_title"}
_NUMBERS = {
    "triage_rank",
    "months_to_clear",
    "next_due_days",
    "days_overdue",
    "days_to_90",
    *AMOUNT_COLUMNS,
}
_EXAMPLES: dict[tuple[int, int], Path] = {}


def example_caseload(n: int = EXAMPLE_CASES, seed: int = EXAMPLE_SEED) -> Path:
    """A folder of ``n`` made-up cases (:func:`helpers.caseload.synth_cases` of ``seed``) in
    a temporary folder of this session, written once and removed when Python exits: never in
    the project's folders.

    >>> folder = example_caseload(3, seed=1)
    >>> sorted(p.name for p in folder.iterdir()), example_caseload(3, seed=1) == folder
    (['synth_00001.yaml', 'synth_00002.yaml', 'synth_00003.yaml'], True)
    """
    folder = _EXAMPLES.get((n, seed))
    if folder is None or not folder.is_dir():
        folder = Path(tempfile.mkdtemp(prefix="workbench-example-caseload-"))
        atexit.register(shutil.rmtree, folder, ignore_errors=True)
        write_cases(synth_cases(n, seed=seed), folder)
        _EXAMPLES[(n, seed)] = folder
    return folder


def caseload_folder(folder: str) -> tuple[str, str]:
    """What to run, and which it is: the folder or glob given (``given``); when none is given,
    the advisor's ``cases/caseload/`` if it holds case files (``advisor``), else the made-up
    example (``example``).

    >>> import tempfile
    >>> from unittest import mock
    >>> with mock.patch.object(paths, "CASES_DIR", Path(tempfile.mkdtemp())):
    ...     caseload_folder("")[1], caseload_folder(" ~/clients/*.yaml ")
    ('example', ('~/clients/*.yaml', 'given'))
    """
    if folder.strip():
        return folder.strip(), "given"
    own = paths.CASES_DIR / ADVISOR_FOLDER
    if own.is_dir() and case_paths([own]):
        return str(own), "advisor"
    return str(example_caseload()), "example"


def folder_problem(text: str) -> tuple[str, dict[str, Any]] | None:
    """Why a folder or a pattern names no case file, as a message key and its values (None
    when it names some): a pattern that matches nothing, a folder with no ``.yaml`` file, a
    path that does not exist.

    >>> import tempfile
    >>> folder_problem(tempfile.mkdtemp())[0], folder_problem("/no/such/folder")[0]
    ('ui.caseload.folder_empty', 'ui.caseload.no_such_folder')
    >>> folder_problem("/no/such/*.yaml")
    ('ui.caseload.glob_empty', {'folder': '/no/such/*.yaml'})
    """
    expanded = os.path.expanduser(text)
    if glob.has_magic(expanded):
        return None if case_paths([expanded]) else ("ui.caseload.glob_empty", {"folder": text})
    path = Path(expanded)
    if path.is_dir():
        return None if case_paths([path]) else ("ui.caseload.folder_empty", {"folder": text})
    if path.is_file():
        return None
    return ("ui.caseload.no_such_folder", {"folder": text})


def _failed(frame: pd.DataFrame) -> pd.Series:
    """Rows whose file did not load or whose case could not be analysed."""
    return ~frame["loaded"].astype(bool) | (frame["problems"].fillna("") != "")


def select_rows(
    frame: pd.DataFrame,
    *,
    sort_by: str = "triage_rank",
    descending: bool = False,
    credit_class: str = "",
    feasible: str = "all",
    status: str = "all",
    search: str = "",
) -> pd.DataFrame:
    """The rows a reader asked for: those of the worst credit class ``credit_class`` (as the
    frame writes it; "" for every class), feasible or not (``yes``/``no``/``all``), loaded and
    analysed or with problems (``loaded``/``failed``/``all``), whose case contains ``search``
    (any case of letters); sorted by ``sort_by`` (empty cells last; ties keep the triage
    order).

    Which cases at 损失 (loss) come first by what they owe?

    >>> frame = pd.DataFrame({"triage_rank": [1, 2, 3], "case": ["a1", "b2", "a3"],
    ...     "loaded": [True] * 3, "problems": [""] * 3, "total_owed": [100, 300, 200],
    ...     "worst_class": ["loss", "normal", "loss"], "feasible": [True, False, True]})
    >>> rows = select_rows(frame, sort_by="total_owed", descending=True, credit_class="loss")
    >>> rows["case"].tolist()
    ['a3', 'a1']
    >>> select_rows(frame, search="A", feasible="yes")["case"].tolist()
    ['a1', 'a3']
    >>> select_rows(frame, sort_by="worst_class", descending=True)["worst_class"].tolist()
    ['loss', 'loss', 'normal']
    """
    keep = pd.Series(True, index=frame.index)
    if credit_class:
        keep &= frame["worst_class"].fillna("") == credit_class
    if feasible != "all":
        keep &= (frame["feasible"] == (feasible == "yes")).fillna(False).astype(bool)
    if status != "all":
        keep &= _failed(frame) if status == "failed" else ~_failed(frame)
    if search.strip():
        wanted = search.strip().casefold()
        keep &= frame["case"].astype(str).str.casefold().str.contains(wanted, regex=False)
    chosen = frame[keep]
    key = _class_order if sort_by == "worst_class" else None
    return chosen.sort_values(
        sort_by, ascending=not descending, na_position="last", kind="stable", key=key
    )


def _class_order(column: pd.Series) -> pd.Series:
    """Credit classes (named in either language) as their place from normal to loss."""
    order = {
        label("rules.overdue_class", c.value, lang): k
        for k, c in enumerate(OverdueClass)
        for lang in LANGUAGES
    }
    return column.map(order).astype("Float64")


def cell_text(name: str, value: Any, lang: str) -> str:
    """A cell as the table shows it: amounts in yuan, yes or no, "—" for an empty cell.

    >>> cell_text("total_owed", 5_978_409, "zh-CN"), cell_text("feasible", False, "en")
    ('¥59,784.09', 'no')
    >>> cell_text("next_due_days", pd.NA, "en"), cell_text("triage_rank", 3, "en")
    ('—', '3')
    """
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return "—"
    if name in AMOUNT_COLUMNS:
        return format_fen(int(value), lang)
    if name in ("feasible", "loaded"):
        return t("ui.caseload.yes" if value else "ui.caseload.no", lang)
    if name in _NUMBERS:
        return str(int(value))
    return str(value)


def table_html(rows: pd.DataFrame, lang: str, *, limit: int = SHOWN_ROWS) -> str:
    """The rows as an HTML table, headers in ``lang``; past ``limit`` rows, the first ones and
    a line saying how many are left out.

    >>> frame = pd.DataFrame([{name: None for name in TABLE_COLUMNS}])
    >>> frame.loc[0, ["triage_rank", "case", "total_owed"]] = [1, "案例 0001", 120000]
    >>> "<th" in table_html(frame, "zh-CN"), "¥1,200.00" in table_html(frame, "zh-CN")
    (True, True)
    """
    if rows.empty:
        return f"<p>{t('ui.caseload.no_rows', lang)}</p>"
    headers = [t(f"caseload.col.{name}", lang) for name in TABLE_COLUMNS]
    body = [
        [cell_text(name, record[name], lang) for name in TABLE_COLUMNS]
        for record in rows.head(limit).to_dict("records")
    ]
    table = html_table(
        headers,
        body,
        right=[name in _NUMBERS for name in TABLE_COLUMNS],
        wrap=[name in _WRAP for name in TABLE_COLUMNS],
    )
    if len(rows) > limit:
        more = t("ui.caseload.more_rows", lang, shown=limit, count=len(rows))
        table += f"<p>{more}</p>"
    return table


def summary_counts(frame: pd.DataFrame) -> dict[str, int]:
    """How many files, how many loaded and analysed, how many with problems, how many whose
    recommended scenario the budget carries.

    >>> frame = pd.DataFrame({"loaded": [True, True, False], "problems": ["", "", "bad"],
    ...     "feasible": pd.array([True, False, None], dtype="boolean")})
    >>> summary_counts(frame)
    {'count': 3, 'loaded': 2, 'failed': 1, 'feasible': 1}
    """
    failed = _failed(frame)
    return {
        "count": len(frame),
        "loaded": int((~failed).sum()),
        "failed": int(failed.sum()),
        "feasible": int((frame["feasible"] == True).fillna(False).sum()),  # noqa: E712
    }
