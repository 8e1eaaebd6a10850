"""The track-and-share app (notebook 05): a form to record each contact with a lender (or a
payment), the timeline of contacts, payments and promises, the payments against the chosen
plan, what is due next, any breach of the collection rules with a complaint to send, and the
pack for an advisor, built with a progress bar.

The journal lives beside the case (:func:`helpers.journal.journal_path`; a sample's in
``cases/``); the pack goes to ``exports/<case>/advisor_pack.zip``, redacted unless the borrower
unticks it.

>>> import tempfile
>>> from pathlib import Path
>>> from unittest import mock
>>> with mock.patch.object(paths, "CASES_DIR", Path(tempfile.mkdtemp())):
...     app = TrackApp("li_na_illness", lang="en")
...     app.form.controls["summary"].value = "asked for a 6-month pause"
...     app.controls["add"].click()
...     [e.summary for e in app.entries], app.messages.kind
(['asked for a 6-month pause'], 'ok')
"""

from __future__ import annotations

import html
import os
from datetime import date
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from helpers import paths
from helpers.case import Case, save_case
from helpers.charts import html_table, journal_figure
from helpers.engine import ROW_COLUMNS
from helpers.errors import CaseError
from helpers.i18n import label, t
from helpers.journal import (
    Entry,
    complaint_text,
    conduct_flags,
    due_items,
    export_csv,
    journal_path,
    journal_rows,
    open_journal,
    plan_against_paid,
    promise_checks,
    write_ics,
)
from helpers.money import format_fen
from helpers.pack import build_pack
from helpers.scenarios import own_result
from helpers.ui.common import Guard, Hush, MessageArea, language_switch, open_case, table_box
from helpers.ui.figures import figure_widget
from helpers.ui.glossary import glossary_widget
from helpers.ui.journal_form import EntryForm, entry_label
from helpers.ui.picker import CasePicker, FollowsPicker, header

__all__ = ["PACK_NAME", "TrackApp", "track_app"]

PACK_NAME = "advisor_pack.zip"
_TITLES = ("title", "add_title", "timeline", "plan", "due", "conduct", "share")
_DUE = ROW_COLUMNS.index("scheduled_due")
_BUTTON = {"layout": widgets.Layout(width="auto")}


class TrackApp(FollowsPicker):
    """The journal of a case and the pack for an advisor.

    Attributes
    ----------
    controls : dict of widgets
        ``lang``, ``case``, ``refresh``; ``add`` (the form's button); ``redact``,
        ``keep_names``, ``pack``, ``csv``, ``calendar``.
    form : EntryForm
    entries : tuple of Entry
        The journal, oldest first.
    progress : ipywidgets.FloatProgress
        How far the pack has got.
    """

    def __init__(
        self,
        source: Case | str | os.PathLike[str],
        *,
        lang: str | None = None,
        today: date | None = None,
    ):
        path, case = open_case(source)
        self.lang = lang or case.language
        self.today = today or date.today()
        self.view = widgets.VBox()
        self.picker = CasePicker(path, self.lang)
        self._open(case)
        self.picker.on_pick(self._picked)

    def _open(self, case: Case) -> None:
        self.case = case
        self.hush = Hush()
        self.messages, self.output = MessageArea(self.lang), widgets.Output()
        self.guard = Guard(self.messages, self.output, self.hush)
        self.entries: tuple[Entry, ...] = self._read()
        self._build()
        self._relabel()

    # ---- the journal's file ----
    def _case_path(self) -> Path:
        """The case's file; a case from no file is saved first (the journal sits beside it)."""
        if self.picker.path is None:
            target = paths.new_case_path()
            save_case(self.case, target)
            self.picker.show(target)
        return self.picker.path

    def _read(self) -> tuple[Entry, ...]:
        if self.picker.path is None or not journal_path(self.picker.path).is_file():
            return ()
        with open_journal(journal_path(self.picker.path)) as journal:
            return tuple(journal.entries())

    def _build(self) -> None:
        self._titles = {name: widgets.HTML() for name in _TITLES}
        self.form = EntryForm(self.case, self.lang)
        self.figure = figure_widget(journal_figure(self.entries, (), self.lang))
        self.entry_table, self.plan_table, self.due_table = table_box(), table_box(), table_box()
        self.conduct, self.pack_result = widgets.HTML(), widgets.HTML()
        self.glossary = glossary_widget("05_track_and_share", self.lang)
        self.progress = widgets.FloatProgress(value=0, min=0, max=1, layout={"width": "20em"})
        c = self.controls = {
            "lang": language_switch(self.lang),
            "case": self.picker.control,
            "refresh": self.picker.refresh,
            "add": self.form.controls["add"],
            "redact": widgets.Checkbox(value=True, indent=False),
            "keep_names": widgets.Checkbox(value=False, indent=False),
            "pack": widgets.Button(button_style="primary", **_BUTTON),
            "csv": widgets.Button(**_BUTTON),
            "calendar": widgets.Button(**_BUTTON),
        }
        c["lang"].observe(self.guard(self._on_language), "value")
        c["add"].on_click(self.guard(self._on_add))
        c["pack"].on_click(self.guard(self._on_pack))
        c["csv"].on_click(self.guard(self._on_csv))
        c["calendar"].on_click(self.guard(self._on_calendar))
        t_ = self._titles
        row = widgets.Layout(flex_flow="row wrap", align_items="center")
        share = widgets.HBox(
            [c["redact"], c["keep_names"], c["pack"], self.progress, c["csv"], c["calendar"]],
            layout=row,
        )
        self.view.children = [
            header(t_["title"], self.picker, c["lang"]),
            self.messages.widget,
            self.output,
            t_["add_title"],
            self.form.widget,
            t_["timeline"],
            self.figure,
            self.entry_table,
            t_["plan"],
            self.plan_table,
            t_["due"],
            self.due_table,
            t_["conduct"],
            self.conduct,
            t_["share"],
            share,
            self.pack_result,
            self.glossary,
        ]

    # ---- callbacks ----
    def _on_language(self, change: Any) -> None:
        self.lang = change.new
        self._relabel()

    def _on_add(self, _button: Any) -> None:
        try:
            entry = self.form.entry()
        except CaseError as error:  # the fields named as the form names them
            self.messages.show(
                lambda lang, e=error: e.render(lang, label=entry_label).splitlines(), "error"
            )
            return
        self.add(entry)

    def _on_pack(self, _button: Any) -> None:
        path = self.build_pack()
        self.messages.show(lambda lang: [t("ui.track.packed", lang, path=path)], "ok")

    def _on_csv(self, _button: Any) -> None:
        target = self._export_folder() / "journal.csv"
        export_csv(self.entries, target, lang=self.lang)
        shown = paths.shown_path(target)
        self.messages.show(lambda lang: [t("ui.track.exported", lang, path=shown)], "ok")

    def _on_calendar(self, _button: Any) -> None:
        target = self._export_folder() / "calendar.ics"
        write_ics(self.entries, self.case, target, lang=self.lang, start=self.today)
        shown = paths.shown_path(target)
        self.messages.show(lambda lang: [t("ui.track.exported", lang, path=shown)], "ok")

    # ---- actions ----
    def add(self, entry: Entry) -> None:
        """Record ``entry`` in the case's journal and show it.

        >>> import tempfile
        >>> from pathlib import Path
        >>> from unittest import mock
        >>> with mock.patch.object(paths, "CASES_DIR", Path(tempfile.mkdtemp())):
        ...     app = TrackApp("li_na_illness", lang="zh-CN")
        ...     app.add(Entry(when="2025-09-12 10:00", debt_id="d1", lender="中信银行",
        ...                   channel="payment", initiator="me", paid_fen=50_000))
        ...     len(app.entries), "¥500.00" in app.plan_table.value
        (1, True)
        """
        with open_journal(journal_path(self._case_path())) as journal:
            journal.add(entry)
            self.entries = tuple(journal.entries())
        self.form.clear()
        self._draw()
        self.messages.show(lambda lang: [t("ui.track.added", lang, lender=entry.lender)], "ok")

    def build_pack(self) -> str:
        """Build the advisor pack into ``exports/<case>/advisor_pack.zip`` (the bar shows how
        far it has got); where it is, as shown.

        >>> import tempfile
        >>> from pathlib import Path
        >>> from unittest import mock
        >>> out = Path(tempfile.mkdtemp())
        >>> with mock.patch.object(paths, "EXPORTS_DIR", out):
        ...     app = TrackApp("wang_fang_income_drop", lang="en")
        ...     where = app.build_pack()
        >>> (out / "wang_fang_income_drop" / "advisor_pack.zip").is_file(), app.progress.value
        (True, 1.0)
        """
        c = self.controls

        def progress(fraction: float, step: str) -> None:
            self.progress.value = fraction
            self.progress.description = t(f"ui.track.step.{step}", self.lang)

        target = self._export_folder() / PACK_NAME
        build_pack(
            self._case_path(),
            target,
            lang=self.lang,
            redact=c["redact"].value,
            keep_names=c["keep_names"].value,
            progress=progress,
        )
        return paths.shown_path(target)

    def _export_folder(self) -> Path:
        name = self.picker.path.stem if self.picker.path else "case"
        return paths.EXPORTS_DIR / name

    # ---- showing ----
    def _draw(self) -> None:
        lang, entries = self.lang, self.entries
        checks = promise_checks(entries, self.today)
        fresh = journal_figure(entries, checks, lang)
        with self.figure.batch_update():
            self.figure.data = ()
            self.figure.add_traces(fresh.data)
            self.figure.layout = fresh.layout
        self.entry_table.value = self._entries_html()
        self.plan_table.value = self._plan_html(checks)
        items = due_items(entries, self.today)
        headers = [t(f"ui.track.due.{k}", lang) for k in ("on", "days", "what")]
        rows = [[i.on.isoformat(), str(i.days_left), i.text(lang)] for i in items]
        self.due_table.value = (
            html_table(headers, rows) if rows else f"<p>{t('ui.track.nothing_due', lang)}</p>"
        )
        self.conduct.value = self._conduct_html()

    def _entries_html(self) -> str:
        """The journal as a table, newest first (what was said, wrapping)."""
        if not self.entries:
            return ""
        names = ("when", "lender", "channel", "summary", "outcome", "paid")
        headers = [t(f"journal.column.{name}", self.lang) for name in names]
        rows = [[row[name] for name in names] for row in journal_rows(self.entries, self.lang)]
        return html_table(headers, rows[::-1], wrap=[False, False, False, True, False, False])

    def _plan_html(self, checks) -> str:
        """The promises checked, then the payments against the chosen plan up to today."""
        lang = self.lang
        parts = []
        if checks:
            headers = [t(f"ui.track.promise.{k}", lang) for k in ("lender", "what", "due", "paid")]
            rows = [
                [
                    c.lender,
                    c.promise.what,
                    c.promise.due.isoformat(),
                    f"{format_fen(c.paid_fen, lang)} / {format_fen(c.promise.amount_fen, lang)}"
                    f" · {label('journal.promise_status', c.status, lang)}",
                ]
                for c in checks
            ]
            parts.append(html_table(headers, rows))
        if any(e.channel == "payment" for e in self.entries):
            projection = own_result(self.case)[0].projection
            n = len(projection.debt_ids)
            dues = [
                [projection.rows[m * n + k][_DUE] for k in range(n)]
                for m in range(len(projection.months))
            ]
            rows = plan_against_paid(
                self.case.as_of,
                projection.months,
                projection.debt_ids,
                dues,
                self.entries,
                self.today,
            )
            lenders = {d.id: d.lender for d in self.case.debts}
            headers = [
                t(f"ui.track.plan.{k}", lang) for k in ("month", "lender", "due", "paid", "gap")
            ]
            body = [
                [
                    r["month"],
                    lenders[r["debt_id"]],
                    format_fen(r["due_fen"], lang),
                    format_fen(r["paid_fen"], lang),
                    format_fen(r["gap_fen"], lang),
                ]
                for r in rows
            ]
            parts.append(html_table(headers, body, right=[False, False, True, True, True]))
        return "".join(parts) or f"<p>{t('ui.track.no_payments', lang)}</p>"

    def _conduct_html(self) -> str:
        lang = self.lang
        flags = conduct_flags(self.entries, self.case)
        if not flags:
            return f"<p>{t('ui.track.no_breach', lang)}</p>"
        items = []
        for flag in flags:
            line = html.escape(
                t(
                    "ui.track.flag",
                    lang,
                    when=flag.entry.when.strftime("%Y-%m-%d %H:%M"),
                    lender=flag.entry.lender,
                    rule=t(f"journal.rule.{flag.rule.value}", lang),
                    source=t(f"journal.source.{flag.source.value}", lang),
                )
            )
            complaint = complaint_text(flag, self.case, lang)
            if complaint:
                summary = html.escape(t("ui.track.complaint", lang, to=flag.complaint))
                body = html.escape(complaint)
                line += (
                    f"<details><summary>{summary}</summary>"
                    f"<div style='white-space:pre-wrap;border:1px solid #ccc;padding:0.5em'>"
                    f"{body}</div></details>"
                )
            items.append(f"<li>{line}</li>")
        return f"<ul style='color:#b3261e'>{''.join(items)}</ul>"

    def _relabel(self) -> None:
        lang, c = self.lang, self.controls
        for name, widget in self._titles.items():
            tag = "h3" if name == "title" else "h4"
            widget.value = f"<{tag}>{html.escape(t(f'ui.track.{name}', lang))}</{tag}>"
        for name in ("redact", "keep_names", "pack", "csv", "calendar"):
            c[name].description = t(f"ui.track.{name}", lang)
        self.progress.description = ""
        self.form.relabel(lang)
        self.messages.set_language(lang)
        self.picker.relabel(lang)
        self.glossary.relabel(lang)
        self._draw()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)


def track_app(source: Case | str | os.PathLike[str], lang: str | None = None) -> TrackApp:
    """The track-and-share app for a case, a case file, or a case's or sample's name (see
    :class:`TrackApp`).

    >>> track_app("zhang_wei_unemployed", "en").controls["pack"].description
    'build the pack for an advisor'
    """
    return TrackApp(source, lang=lang)
