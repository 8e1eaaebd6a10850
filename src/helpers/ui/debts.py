"""The debts app of notebook 02: where each debt stands, and what waiting costs.

Three parts, each from :mod:`helpers.debts.waiting`:

1. **The debts as they stand**: the true annual rate of each (all-in, nominal and effective),
   the legal lines it crosses (in short; the full finding with its source on hover) and its
   overdue class now.
2. **The cost of waiting**: a slider for the months of waiting (1-24); what they add to each
   debt if nothing is paid, as a figure and a table, and the whole in one sentence.
3. **The credit timeline**: the overdue class of each reported debt month by month if nothing is
   paid, and how long a negative record stays (five years after the default ends).

The projection behind parts 2 and 3 runs once, when the app is built; the slider only reads
it, so it answers at once.

>>> from helpers.case import load_sample
>>> app = DebtsApp(load_sample(), lang="en")
>>> app.controls["months"].value = 6
>>> int(app.result["added"].sum())
1740576
"""

from __future__ import annotations

import html
import os
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import ipywidgets as widgets
import pandas as pd

from helpers.case import Case
from helpers.charts import (
    html_table,
    timeline_figure,
    update_timeline_figure,
    update_waiting_figure,
    waiting_figure,
)
from helpers.debts import (
    STANDING_COLUMNS,
    WAITING_COLUMNS,
    WAITING_HORIZON,
    DebtStanding,
    cost_of_waiting,
    debt_standing,
    waiting_rate_text,
)
from helpers.glossary import explain
from helpers.i18n import label, normalize_language, t
from helpers.money import format_fen
from helpers.rates import format_rate
from helpers.ui.common import (
    Guard,
    MessageArea,
    language_switch,
    open_case,
    side_by_side,
    table_box,
)
from helpers.ui.field_rows import FieldRow
from helpers.ui.figures import figure_widget
from helpers.ui.glossary import glossary_widget
from helpers.ui.picker import CasePicker, FollowsPicker, header

__all__ = [
    "DEFAULT_WAITING_MONTHS",
    "standing_html",
    "waiting_html",
    "DebtsApp",
    "debts_app",
]

DEFAULT_WAITING_MONTHS = 3
# Babel formats an amount in ~50 µs; the slider shows the same few hundred amounts again and again
_money = lru_cache(maxsize=8192)(format_fen)
_AMOUNTS = ("owed_now", "interest", "penalty", "charges", "added", "owed_after")
_RATES = ("waiting_rate", "line_rate")
_TOTAL = "font-weight:bold"


def standing_html(case: Case, standing: Sequence[DebtStanding], lang: str) -> str:
    """The debts as they stand, as an HTML table (the lines crossed in full on hover).

    >>> from helpers.case import load_sample
    >>> from helpers.debts import debt_standing
    >>> case = load_sample("chen_jian_business_loss")
    >>> text = standing_html(case, debt_standing(case), "en")
    >>> "all-in 15.00% &gt; 13.40%" in text, "4 × the one-year LPR" in text
    (True, True)
    """
    rows, titles = [], []
    owed = STANDING_COLUMNS.index("owed")
    for s in standing:
        cells = s.cells(lang)
        cells[owed] = format_fen(cells[owed], lang)
        rows.append(cells)
        tips = [""] * len(STANDING_COLUMNS)
        tips[STANDING_COLUMNS.index("crossed")] = s.crossed_details(lang)
        titles.append(tips)
    headers = [t(f"debts.waiting.scol_{c}", lang) for c in STANDING_COLUMNS]
    numbers = {"owed", "nominal", "effective", "days_overdue"}
    return html_table(
        headers,
        rows,
        right=[c in numbers for c in STANDING_COLUMNS],
        wrap=[c in ("quote", "crossed") for c in STANDING_COLUMNS],
        titles=titles,
    )


def waiting_html(table: pd.DataFrame, months: int, lang: str) -> str:
    """A waiting table (:meth:`helpers.debts.CostOfWaiting.table` for ``months`` months) as
    an HTML table in ``lang``, with a total row.

    >>> from helpers.case import load_sample
    >>> from helpers.debts import cost_of_waiting
    >>> text = waiting_html(cost_of_waiting(load_sample()).table(3), 3, "en")
    >>> "added in 3 months" in text, "CN¥6,608.76" in text
    (True, True)
    """
    rows = []
    for record in table.itertuples(index=False):
        row = record._asdict()
        rows.append([_waiting_cell(c, row, lang) for c in WAITING_COLUMNS])
    total = [t("ui.debts.total", lang), ""]
    total += [_money(int(table[c].sum()), lang) for c in _AMOUNTS]
    total += [""] * (len(WAITING_COLUMNS) - len(total))
    headers = [t(f"debts.waiting.col_{c}", lang, months=months) for c in WAITING_COLUMNS]
    right = [c in _AMOUNTS or c.startswith("days") or c in _RATES for c in WAITING_COLUMNS]
    styles = [""] * len(rows) + [_TOTAL]
    return html_table(headers, [*rows, total], right=right, row_styles=styles)


def _waiting_cell(column: str, row: dict, lang: str) -> str:
    """A cell of the waiting table as people read it: money, a rate, an overdue class."""
    value = row[column]
    if column in _AMOUNTS:
        return _money(value, lang)
    if column == "waiting_rate":
        return waiting_rate_text(value, row["line_rate"], lang)
    if column == "line_rate":
        return format_rate(value)
    if column.startswith("class"):
        return _class_text(value, lang)
    return str(value)


def _class_text(value: str | None, lang: str) -> str:
    return (
        label("rules.overdue_class", value, lang)
        if value
        else t("debts.waiting.not_reported", lang)
    )


class DebtsApp(FollowsPicker):
    """Where each debt stands, what waiting costs, and the credit timeline if nothing is paid.

    Parameters
    ----------
    source : Case, path or name
        A case, a case file, or the name of a case in ``cases/`` or of a sample.
    lang : str, optional
        The app's language; the case's own by default (the switch changes it).
    months : int
        The months of waiting shown first (3 by default).
    horizon : int
        The most months of waiting the slider offers (24 by default).
    include_secured : bool
        Whether to count secured debts in the cost of waiting (left out by default).

    Attributes
    ----------
    controls : dict
        ``lang``, ``case`` and ``refresh`` (the case picker), and ``months`` (the slider).
    view : ipywidgets.Widget
        The app to display.
    result : pandas.DataFrame
        The current waiting table, :meth:`helpers.debts.CostOfWaiting.table` for the
        slider's months (amounts in fen, columns :data:`helpers.debts.WAITING_COLUMNS`).
    cost : CostOfWaiting
        The projection behind it.
    standing : tuple of DebtStanding
        Each debt as it stands.
    waiting_figure, timeline_figure : plotly.graph_objects.FigureWidget
        The figures.
    standing_table, waiting_table, summary, record : ipywidgets.HTML
        The tables, the sentence on the whole, and the note on how long a record stays.
    messages : MessageArea
        What went wrong, if anything.
    guard : Guard
        Where the callbacks run (:class:`helpers.ui.common.Guard`).

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> app = DebtsApp(load_sample("li_na_illness"), lang="en")
    >>> app.controls["months"].value = 12
    >>> app.summary_result.months, app.controls["lang"].value
    (12, 'en')
    """

    def __init__(
        self,
        source: Case | str | os.PathLike[str],
        *,
        lang: str | None = None,
        months: int = DEFAULT_WAITING_MONTHS,
        horizon: int = WAITING_HORIZON,
        include_secured: bool = False,
    ):
        path, case = open_case(source)
        self.lang = normalize_language(lang or case.language)
        self.horizon, self.include_secured = horizon, include_secured
        self.months = max(1, min(months, horizon))
        self.view = widgets.VBox()
        self.picker = CasePicker(path, self.lang)
        self._open(case)
        self.picker.on_pick(self._picked)

    def _open(self, case: Case) -> None:
        """Show ``case``: its debts as they stand and the projection of waiting."""
        self.case = case
        self.standing = debt_standing(case)
        self.cost = cost_of_waiting(
            case, horizon=self.horizon, include_secured=self.include_secured
        )
        self.result = self.cost.table(self.months)
        self.summary_result = self.cost.summary(self.months)
        self._build(self.horizon)
        self.controls["lang"].observe(self.guard(self._on_language), "value")
        self.controls["months"].observe(self.guard(self._on_months), "value")
        self._relabel()

    # ---- building ----
    def _build(self, horizon: int) -> None:
        lang = self.lang
        self.messages = MessageArea(lang)
        self._errors = widgets.Output()
        self.guard = Guard(self.messages, self._errors)
        self._titles = {name: widgets.HTML() for name in ("title", "standing", "waiting")}
        self.standing_table, self.waiting_table = table_box(), table_box()
        self.summary, self.record, self._left_out = (widgets.HTML() for _ in range(3))
        self.glossary = glossary_widget("02_debts", lang)
        slider = widgets.IntSlider(
            value=self.months,
            min=1,
            max=horizon,
            continuous_update=True,
            layout=widgets.Layout(width="28em"),
        )
        self._slider_row = FieldRow(slider)
        self.controls: dict[str, widgets.Widget] = {
            "lang": language_switch(lang),
            "case": self.picker.control,
            "refresh": self.picker.refresh,
            "months": slider,
        }
        self.waiting_figure = figure_widget(waiting_figure(self.result, self.months, lang))
        self.timeline_figure = figure_widget(timeline_figure(self.cost, lang, months=self.months))
        t_ = self._titles
        self.view.children = [
            header(t_["title"], self.picker, self.controls["lang"]),
            self.messages.widget,
            self._errors,
            t_["standing"],
            self.standing_table,
            t_["waiting"],
            self._slider_row.box,
            self.summary,
            side_by_side(self.waiting_figure, self.timeline_figure),
            self.record,
            self.waiting_table,
            self._left_out,
            self.glossary,
        ]

    # ---- callbacks: read the controls, call one helper, write the results ----
    def _on_months(self, change: Any) -> None:
        self.show_months(change.new)

    def _on_language(self, change: Any) -> None:
        self.lang = change.new
        self._relabel()

    # ---- actions ----
    def show_months(self, months: int) -> None:
        """Show ``months`` months of waiting (what the slider calls).

        >>> from helpers.case import load_sample
        >>> app = DebtsApp(load_sample(), lang="en")
        >>> app.show_months(1)
        >>> int(app.result.loc[0, "added"])
        71975
        """
        self.months = months
        self.result = self.cost.table(months)
        self.summary_result = self.cost.summary(months)
        self._draw_waiting()

    # ---- showing ----
    def _draw_waiting(self) -> None:
        lang, months, summary = self.lang, self.months, self.summary_result
        update_waiting_figure(self.waiting_figure, self.result, months, lang)
        update_timeline_figure(self.timeline_figure, self.cost, lang, months=months)
        self.waiting_table.value = explain(waiting_html(self.result, months, lang), "02", lang)
        self.summary.value = explain(f"<b>{html.escape(summary.render(lang))}</b>", "02", lang)
        self.record.value = f"<p>{html.escape(summary.record_text(lang))}</p>"

    def _relabel(self) -> None:
        lang = self.lang
        for name, widget in self._titles.items():
            tag = "h3" if name == "title" else "h4"
            widget.value = f"<{tag}>{html.escape(t(f'ui.debts.{name}', lang))}</{tag}>"
        self._slider_row.relabel(t("ui.debts.months", lang), lang)
        self.standing_table.value = explain(
            standing_html(self.case, self.standing, lang), "02", lang
        )
        notes = []
        if self.cost.left_out:
            notes.append(t("ui.debts.left_out", lang, debts=", ".join(self.cost.left_out)))
        unreported = [d.debt_id for d in self.cost.debts if not d.reported]
        if unreported:
            notes.append(t("ui.debts.unreported", lang, debts=", ".join(unreported)))
        self._left_out.value = "".join(
            f"<p style='color:#666666'>{html.escape(n)}</p>" for n in notes
        )
        self.messages.set_language(lang)
        self.picker.relabel(lang)
        self.glossary.relabel(lang)
        self._draw_waiting()

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)


def debts_app(
    source: Case | str | os.PathLike[str],
    lang: str | None = None,
    *,
    months: int = DEFAULT_WAITING_MONTHS,
) -> DebtsApp:
    """The debts app for a case, a case file, or the name of a case or a sample
    (see :class:`DebtsApp`).

    >>> from helpers.case import load_sample
    >>> app = debts_app(load_sample(), lang="zh-CN")
    >>> app.controls["lang"].value = "en"
    >>> app.waiting_figure.layout.title.text
    'What 3 months without paying would add to each debt (CN¥6,608.76 in all)'
    """
    return DebtsApp(source, lang=lang, months=months)
