"""The caseload app (notebook 06): an advisor's folder of cases run at once, with a progress
bar; the triage table, sorted and filtered; what each case owes against what it can pay now,
coloured by urgency; the cases by worst credit class; any case opened in notebook 00; the table
exported to ``exports/`` (redacted unless the advisor unticks it).

The page shows the advisor's own view (each case by its file's name, on their own machine);
the export is redacted from the same run (:func:`helpers.caseload.run_caseload`, the cases not
computed again). The plain part (folders, sorting, filters, the table) is
:mod:`helpers.ui.caseload_view`.

An advisor's folder of three cases and a file broken in the middle of its typing: every file
has its row, the broken one last, unranked.

>>> import tempfile
>>> from helpers.caseload import synth_cases, write_cases
>>> folder = Path(tempfile.mkdtemp())
>>> _ = write_cases(synth_cases(3, seed=2), folder)
>>> _ = (folder / "broken.yaml").write_text("debts: [", "utf-8")
>>> app = CaseloadApp(str(folder), lang="en")
>>> app.progress_label.value, app.shown["case"].tolist()[-1], app.shown["triage_rank"].tolist()[-1]
('4 / 4', 'broken', <NA>)
"""

from __future__ import annotations

import glob
import html
import inspect
import os
from pathlib import Path
from typing import Any

import ipywidgets as widgets
import pandas as pd

from helpers import paths
from helpers.case import remember_case
from helpers.caseload import (
    CASELOAD_COLUMNS,
    CaseloadRow,
    run_caseload,
    write_caseload,
)
from helpers.charts import caseload_classes, caseload_scatter, class_counts
from helpers.i18n import normalize_language, t
from helpers.ui.caseload_view import (
    EXAMPLE_CASES,
    FEASIBLE_CHOICES,
    SORT_COLUMNS,
    STATUS_CHOICES,
    caseload_folder,
    folder_problem,
    select_rows,
    summary_counts,
    table_html,
)
from helpers.ui.common import Guard, Hush, MessageArea, language_switch, side_by_side, table_box
from helpers.ui.figures import figure_widget
from helpers.ui.glossary import glossary_widget

__all__ = ["EXPORT_NAME", "START_NOTEBOOK", "CaseloadApp", "caseload_app"]

EXPORT_NAME = "caseload.xlsx"  # in exports/; the redacted table is caseload_redacted.xlsx
START_NOTEBOOK = "00_start_here.ipynb"
_TITLES = ("title", "folder_title", "table_title", "figures_title", "open_title", "export_title")
_BUTTON = {"layout": widgets.Layout(width="auto")}


class CaseloadApp:
    """An advisor's caseload, triaged.

    Attributes
    ----------
    controls : dict of widgets
        ``lang``, ``folder`` (a folder or a pattern; empty for the default), ``run``; the
        table's ``sort``, ``descending``, ``credit_class``, ``feasible``, ``status``,
        ``search``; ``open_case`` and ``open``; ``redact`` and ``export``.
    frame : pandas.DataFrame
        The last run (:func:`helpers.caseload.run_caseload`, not redacted), in triage order.
    shown : pandas.DataFrame
        The rows the table shows, as sorted and filtered.
    files : dict of str to Path
        Each case's name in the page to its file.
    progress : ipywidgets.IntProgress
        How many cases of the run are done (``progress_label``: "12 / 40").

    The cases are run by ``runner`` (:func:`helpers.caseload.run_caseload`'s argument; by
    default the one it uses itself).
    """

    def __init__(self, folder: str = "", *, lang: str | None = None, runner: Any = None):
        self.lang = normalize_language(lang or "zh-CN")
        # run_caseload's own default runner unless told otherwise (the same rows either way)
        self.runner = runner or inspect.signature(run_caseload).parameters["runner"].default
        self.frame = pd.DataFrame(columns=list(CASELOAD_COLUMNS))
        self.shown = self.frame
        self.files: dict[str, Path] = {}
        self.source: tuple[str, str] = ("", "given")
        self._rows: list[CaseloadRow] = []
        self.hush = Hush()
        self.messages, self.output = MessageArea(self.lang), widgets.Output()
        self.guard = Guard(self.messages, self.output, self.hush)
        self.view = widgets.VBox()
        self._build(folder)
        self._relabel()
        with self.guard:
            self.run()

    def _build(self, folder: str) -> None:
        self._titles = {name: widgets.HTML() for name in _TITLES}
        self.where, self.summary, self.open_link = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.table = table_box()
        self.progress = widgets.IntProgress(value=0, min=0, max=1, layout={"width": "20em"})
        self.progress_label = widgets.Label("")
        self.scatter = figure_widget(caseload_scatter(self.frame, self.lang))
        self.classes = figure_widget(caseload_classes(self.frame, self.lang))
        self.glossary = glossary_widget("06_caseload", self.lang)
        pick = {"layout": widgets.Layout(width="auto")}
        c = self.controls = {
            "lang": language_switch(self.lang),
            "folder": widgets.Text(value=folder, layout=widgets.Layout(width="32em")),
            "run": widgets.Button(button_style="primary", **_BUTTON),
            "sort": widgets.Dropdown(**pick),
            "descending": widgets.Checkbox(value=False, indent=False),
            "credit_class": widgets.Dropdown(**pick),
            "feasible": widgets.Dropdown(**pick),
            "status": widgets.Dropdown(**pick),
            "search": widgets.Text(continuous_update=False, layout=widgets.Layout(width="12em")),
            "open_case": widgets.Dropdown(**pick),
            "open": widgets.Button(**_BUTTON),
            "redact": widgets.Checkbox(value=True, indent=False),
            "export": widgets.Button(**_BUTTON),
        }
        c["lang"].observe(self.guard(self._on_language), "value")
        c["run"].on_click(self.guard(lambda _button: self.run()))
        for name in ("sort", "descending", "credit_class", "feasible", "status", "search"):
            c[name].observe(self.guard(lambda _change: self._draw_table()), "value")
        c["open"].on_click(self.guard(lambda _button: self.open_in_start()))
        c["export"].on_click(self.guard(self._on_export))
        row = widgets.Layout(flex_flow="row wrap", align_items="center")
        t_ = self._titles
        self.view.children = [
            widgets.HBox([t_["title"], c["lang"]], layout=row),
            t_["folder_title"],
            widgets.HBox([c["folder"], c["run"], self.progress, self.progress_label], layout=row),
            self.where,
            self.messages.widget,
            self.output,
            self.summary,
            t_["table_title"],
            widgets.HBox(
                [
                    c["sort"],
                    c["descending"],
                    c["credit_class"],
                    c["feasible"],
                    c["status"],
                    c["search"],
                ],  # fmt: skip
                layout=row,
            ),
            self.table,
            t_["figures_title"],
            side_by_side(self.scatter, self.classes),
            t_["open_title"],
            widgets.HBox([c["open_case"], c["open"]], layout=row),
            self.open_link,
            t_["export_title"],
            widgets.HBox([c["redact"], c["export"]], layout=row),
            self.glossary,
        ]

    # ---- actions ----
    def run(self, folder: str | None = None) -> pd.DataFrame:
        """Run the caseload of the folder box (or ``folder``) and show it; a folder that names
        no case file is said so in the page, and the last run stays.

        How many of these cases' files load, and which one is first in the triage?

        >>> from helpers.paths import SAMPLES_DIR
        >>> app = CaseloadApp(str(SAMPLES_DIR / "li_na_*.yaml"), lang="en")
        >>> frame = app.run(str(SAMPLES_DIR))
        >>> len(frame), frame["case"][0], app.progress_label.value
        (5, 'zhao_min_family_rural', '5 / 5')
        """
        text, kind = caseload_folder(self.controls["folder"].value if folder is None else folder)
        problem = folder_problem(text)
        if problem is not None:
            key, values = problem
            self.messages.show(lambda lang: [t(key, lang, **values)], "error")
            return self.frame
        self.messages.clear()
        return self._compute(text, kind)

    def _compute(self, text: str, kind: str) -> pd.DataFrame:
        """Run the cases of ``text`` in the page's language and show them."""
        self.frame = run_caseload(
            [os.path.expanduser(text)],
            lang=self.lang,
            redact=False,
            progress=self._progress,
            runner=self._capture,
        )
        self.source = (text, kind)
        self._draw()
        return self.frame

    def _capture(self, files, labels, *, lang, progress=None) -> list[CaseloadRow]:
        """The runner's rows, each case named by its file's name (its stem, or its whole name
        where two files share a stem); the names and files kept for opening and exporting."""
        stems = [Path(f).stem for f in files]
        names = [f.name if stems.count(f.stem) > 1 else f.stem for f in map(Path, files)]
        self.files = dict(zip(names, map(Path, files), strict=True))
        self._rows = self.runner(files, names, lang=lang, progress=progress)
        return self._rows

    def _replay(self, files, labels, *, lang, progress=None) -> list[CaseloadRow]:
        """The last run's rows under the labels a redacted caseload gives them."""
        return [
            CaseloadRow({**row.cells, "case": name}, row.personal)
            for row, name in zip(self._rows, labels, strict=True)
        ]

    def _progress(self, done: int, total: int) -> None:
        self.progress.max = max(total, 1)
        self.progress.value = done
        self.progress_label.value = f"{done} / {total}"

    def open_in_start(self) -> Path:
        """Make the case picked (``controls["open_case"]``) the current case, which notebook 00
        opens, and show a link to it.

        >>> import tempfile
        >>> from unittest import mock
        >>> from helpers.case import current_case_path
        >>> from helpers.paths import SAMPLES_DIR
        >>> cases = Path(tempfile.mkdtemp())
        >>> with mock.patch.object(paths, "CASES_DIR", cases):
        ...     app = CaseloadApp(str(SAMPLES_DIR), lang="en")
        ...     app.controls["open_case"].value = "li_na_illness"
        ...     _ = app.open_in_start()
        ...     current_case_path().name, START_NOTEBOOK in app.open_link.value
        ('li_na_illness.yaml', True)
        """
        name = self.controls["open_case"].value
        if not name:
            self.messages.show(lambda lang: [t("ui.caseload.nothing_to_open", lang)], "warning")
            return paths.CASES_DIR
        path = self.files[name]
        remember_case(path)
        self._draw_open_link(name)
        return path

    def export(self) -> Path | None:
        """Write the table to ``exports/`` as a spreadsheet (:func:`helpers.caseload.
        write_caseload`): redacted unless ``controls["redact"]`` is unticked; where it went (None,
        said in the page, before any run).

        >>> import tempfile
        >>> from openpyxl import load_workbook
        >>> from unittest import mock
        >>> from helpers.paths import SAMPLES_DIR
        >>> with mock.patch.object(paths, "EXPORTS_DIR", Path(tempfile.mkdtemp())):
        ...     app = CaseloadApp(str(SAMPLES_DIR), lang="en")
        ...     out = app.export()
        >>> out.name, load_workbook(out).active["B2"].value
        ('caseload_redacted.xlsx', 'case 0005')
        """
        if not self._rows:
            self.messages.show(lambda lang: [t("ui.caseload.nothing_run", lang)], "warning")
            return None
        frame = self.frame
        target = paths.EXPORTS_DIR / EXPORT_NAME
        if self.controls["redact"].value:
            again = [glob.escape(str(f)) for f in self.files.values()]
            frame = run_caseload(again, lang=self.lang, redact=True, runner=self._replay)
            target = target.with_name(f"{target.stem}_redacted{target.suffix}")
        return write_caseload(frame, target, lang=self.lang)

    # ---- callbacks ----
    def _on_language(self, change: Any) -> None:
        self.lang = change.new
        self._relabel()
        if self._rows:  # the cases' words (scenarios, classes, problems) in the new language
            self._compute(*self.source)

    def _on_export(self, _button: Any) -> None:
        out = self.export()
        if out is None:
            return
        shown = paths.shown_path(out)
        self.messages.show(lambda lang: [t("ui.caseload.exported", lang, path=shown)], "ok")

    # ---- showing ----
    def _draw(self) -> None:
        """Everything that shows the run: the summary, the choices, the table, the figures."""
        self._draw_where()
        counts = summary_counts(self.frame)
        self.summary.value = (
            f"<b>{html.escape(t('ui.caseload.summary', self.lang, **counts))}</b>"
            if len(self.frame)
            else ""
        )
        self._set_options()
        self._draw_table()
        for widget, build in ((self.scatter, caseload_scatter), (self.classes, caseload_classes)):
            fresh = build(self.frame, self.lang)
            with widget.batch_update():
                widget.data = ()
                widget.add_traces(fresh.data)
                widget.layout = fresh.layout

    def _draw_where(self) -> None:
        text, kind = self.source
        if not text:
            self.where.value = ""
            return
        shown = paths.shown_path(text) if kind == "advisor" else text
        line = t(f"ui.caseload.source.{kind}", self.lang, folder=shown, count=EXAMPLE_CASES)
        self.where.value = f"<i>{html.escape(line)}</i>"

    def _draw_table(self) -> None:
        c = self.controls
        self.shown = select_rows(
            self.frame,
            sort_by=c["sort"].value or "triage_rank",
            descending=c["descending"].value,
            credit_class=c["credit_class"].value or "",
            feasible=c["feasible"].value or "all",
            status=c["status"].value or "all",
            search=c["search"].value,
        )
        self.table.value = table_html(self.shown, self.lang) if len(self.frame) else ""

    def _draw_open_link(self, name: str) -> None:
        text = html.escape(t("ui.caseload.opened", self.lang, case=name))
        link = html.escape(t("ui.caseload.open_link", self.lang))
        self.open_link.value = f'{text} <a href="{START_NOTEBOOK}" target="_blank">{link}</a>'

    def _set_options(self) -> None:
        """The choices of the dropdowns in the page's language, each keeping its value."""
        lang, c = self.lang, self.controls
        classes = [name for name, _ in class_counts(self.frame, lang)]
        loaded = self.frame[self.frame["loaded"].astype(bool)]["case"].tolist()
        choices = {
            "sort": [
                (t("ui.caseload.sort_by", lang, column=t(f"caseload.col.{n}", lang)), n)
                for n in SORT_COLUMNS
            ],  # fmt: skip
            "credit_class": [(t("ui.caseload.every_class", lang), "")]
            + [(t("ui.caseload.class_is", lang, name=n), n) for n in classes],
            "feasible": [(t(f"ui.caseload.feasible.{n}", lang), n) for n in FEASIBLE_CHOICES],
            "status": [(t(f"ui.caseload.status.{n}", lang), n) for n in STATUS_CHOICES],
            "open_case": [(n, n) for n in sorted(loaded)],
        }
        with self.hush:
            for name, options in choices.items():
                old = c[name].value
                c[name].options = options
                values = [value for _, value in options]
                c[name].value = old if old in values else (values[0] if values else None)

    def _relabel(self) -> None:
        lang, c = self.lang, self.controls
        for name, widget in self._titles.items():
            tag = "h3" if name == "title" else "h4"
            widget.value = f"<{tag}>{html.escape(t(f'ui.caseload.{name}', lang))}</{tag}>"
        for name in ("run", "descending", "open", "redact", "export"):
            c[name].description = t(f"ui.caseload.{name}", lang)
        c["folder"].placeholder = t("ui.caseload.folder_placeholder", lang)
        c["search"].placeholder = t("ui.caseload.search", lang)
        self.open_link.value = ""
        self.messages.set_language(lang)
        self.glossary.relabel(lang)
        self._draw()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)


def caseload_app(folder: str = "", lang: str | None = None) -> CaseloadApp:
    """The caseload app for a folder or a pattern of case files (empty: the advisor's
    ``cases/caseload/``, else a made-up example); ``lang`` empty for Chinese.

    >>> from helpers.paths import SAMPLES_DIR
    >>> caseload_app(str(SAMPLES_DIR), "en").controls["export"].description
    'export the table'
    """
    return CaseloadApp(folder, lang=lang)
