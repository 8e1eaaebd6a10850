"""What the advisor's report shows, section by section (:class:`Report`): the case in brief, the
budget by month and the capacity, each debt's standing and the cost of waiting, the scenarios
side by side with the borrower's own one (its dues against the money for debts, its cumulative
cost), the fallback ladder per lender, and the journal's timeline.

The report notebook (:mod:`helpers.pack.report`) shows one :class:`Section` a cell. Figures and
tables come from :mod:`helpers.charts` and the numbers from the helpers, as in notebooks 01 to
04; plotly.js is inlined once, with the first figure drawn, so the page needs no network.

Where does Zhang Wei's report start, and how many figures does it draw?

>>> from helpers.case import load_sample
>>> report = Report(load_sample(), "en")
>>> [s.key for s in report.sections()][:3], report.figures
(['summary', 'budget', 'debts'], 5)
"""

from __future__ import annotations

import dataclasses
import html
import json
from collections.abc import Iterable, Sequence
from typing import Any

from helpers.budget import NEVER, budget_frame, budget_settings, carry, monthly_budget
from helpers.case import Case, debts_frame, summary_rows
from helpers.charts import (
    COLORS,
    FONT_FAMILY,
    budget_figure,
    cost_figure,
    dues_figure,
    frame_table,
    html_table,
    timeline_figure,
    update_cost_figure,
    update_dues_figure,
    waiting_figure,
)
from helpers.debts import cost_of_waiting, standing_frame
from helpers.engine import monthly_totals
from helpers.i18n import label, normalize_language, t
from helpers.journal import ConductFlag, Entry, conduct_flags, journal_rows
from helpers.money import format_fen
from helpers.proposals import contact_plan, fallback_ladder, ladder_lines
from helpers.scenarios import (
    TABLE_COLUMNS,
    compare,
    own_result,
    result_row,
    summary_sentence,
    table_header,
)

__all__ = ["WAITING_MONTHS", "Report", "Section", "report_sections"]

WAITING_MONTHS = 6  # the months of waiting the report shows (the app opens on 3)
_PLOT_CONFIG = {"displaylogo": False, "responsive": True}
_OUTCOME_COLORS = {
    "agreed": COLORS[2],
    "counter_offer": COLORS[1],
    "refused": COLORS[3],
    "no_answer": "#999999",
    "": COLORS[0],
}
_JOURNAL_SHOWN = ("when", "lender", "channel", "initiator", "summary", "promises", "next_step")
_JOURNAL_SHOWN += ("next_date", "outcome")


@dataclasses.dataclass(frozen=True)
class Section:
    """One part of the report as HTML, with the number of figures it draws; a notebook shows
    it as its HTML.

    >>> Section("x", "<p>hi</p>", 0)._repr_html_()
    '<p>hi</p>'
    """

    key: str
    html: str = dataclasses.field(repr=False)  # a notebook keeps the HTML once, not twice
    figures: int = 0

    def _repr_html_(self) -> str:
        return self.html


def _esc(text: Any) -> str:
    return html.escape(str(text))


def _heading(text: str, level: int = 2) -> str:
    return f"<h{level}>{_esc(text)}</h{level}>"


def _para(text: str, *, bold: bool = False) -> str:
    inner = f"<b>{_esc(text)}</b>" if bold else _esc(text)
    return f"<p>{inner}</p>"


def _folded(summary: str, body: str) -> str:
    return f"<details><summary>{_esc(summary)}</summary>{body}</details>"


def _script_json(value: Any) -> str:
    """JSON safe inside a ``<script>``: no ``</script>`` or comment opener can end it early."""
    text = json.dumps(value, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class Report:
    """The sections of a case's report in ``lang``, each a :class:`Section`; plotly.js goes
    into the first figure drawn, so the sections are meant to be shown in their order.

    Parameters
    ----------
    case : Case
        The case as the advisor may see it (redacted by the pack).
    lang : str
    entries : iterable of Entry
        The journal's contacts.

    Examples
    --------
    What does Li Na's report say of her journal before she records a contact?

    >>> from helpers.case import load_sample
    >>> report = Report(load_sample("li_na_illness"), "en")
    >>> "No contacts recorded yet" in report.journal().html
    True
    """

    def __init__(self, case: Case, lang: str, entries: Iterable[Entry] = ()) -> None:
        self.case, self.lang = case, normalize_language(lang)
        self.entries = tuple(sorted(entries, key=lambda e: e.when))
        self.figures = 0

    def _figure(self, fig: Any) -> str:
        """A plotly figure's HTML: plotly.js inlined with the first one only."""
        self.figures += 1
        return fig.to_html(
            full_html=False,
            include_plotlyjs=self.figures == 1,
            div_id=f"report-figure-{self.figures}",
            config=_PLOT_CONFIG,
        )

    def _plain_figure(self, data: list[dict], layout: dict) -> str:
        """A figure given as plotly's plain data, drawn by the plotly.js already inlined."""
        self.figures += 1
        div = f"report-figure-{self.figures}"
        call = ", ".join(_script_json(v) for v in (div, data, layout, _PLOT_CONFIG))
        return (
            f'<div id="{div}" class="plotly-graph-div" style="height:{layout["height"]}px;'
            f'width:100%"></div><script type="text/javascript">Plotly.newPlot({call});</script>'
        )

    def summary(self) -> Section:
        """The title and the case in brief: its overview and its debts.

        How does Zhang Wei's report sum up his debts?

        >>> import re
        >>> from helpers.case import load_sample
        >>> re.search(r"[0-9] debts, [^<]*", Report(load_sample(), "en").summary().html).group()
        '5 debts, CN¥87,775.00 owed, 2 overdue'
        """
        case, lang = self.case, self.lang
        facts = html_table([], summary_rows(case, lang), wrap=[False, True], row_headers=True)
        parts = [
            _heading(t("pack.report.title", lang), 1),
            _para(t("pack.report.intro", lang, as_of=case.as_of.isoformat())),
            _heading(t("pack.report.summary.title", lang)),
            facts,
            frame_table(debts_frame(case, lang)),
        ]
        return Section("summary", "".join(parts), 0)

    def budget(self) -> Section:
        """The budget by month: the capacity in words, the figure, the table (folded).

        What can Zhang Wei offer his unsecured lenders in his first month? 6,300 − 5,720 − 200:

        >>> import re
        >>> from helpers.case import load_sample
        >>> re.search(r"Capacity for [^<]*", Report(load_sample(), "en").budget().html).group()
        'Capacity for unsecured lenders in 2025-04: CN¥380.00'
        """
        case, lang = self.case, self.lang
        budget = monthly_budget(case)
        recovery = budget_settings(case).recovery_month
        recovery = None if recovery == NEVER else recovery
        first = t(
            "pack.report.budget.first",
            lang,
            month=budget.months[0],
            amount=format_fen(budget.capacity_fen[0], lang),
        )
        parts = [
            _heading(t("pack.report.budget.title", lang)),
            _para(carry(budget, recovery).render(lang), bold=True),
            _para(first),
            self._figure(budget_figure(budget, lang, recovery_month=recovery)),
            _folded(t("pack.report.budget.table", lang), frame_table(budget_frame(budget, lang))),
        ]
        return Section("budget", "".join(parts), 1)

    def debts(self) -> Section:
        """Each debt's standing today, and what :data:`WAITING_MONTHS` months of waiting add.

        >>> from helpers.case import load_sample
        >>> Report(load_sample(), "en").debts().figures
        2
        """
        case, lang, months = self.case, self.lang, WAITING_MONTHS
        cost = cost_of_waiting(case)
        summary = cost.summary(months)
        parts = [
            _heading(t("pack.report.debts.title", lang)),
            _heading(t("pack.report.debts.standing", lang), 3),
            frame_table(standing_frame(case, lang), wrap=None),
            _heading(t("pack.report.debts.waiting", lang, months=months), 3),
            _para(summary.render(lang), bold=True),
            self._figure(waiting_figure(cost.table(months), months, lang)),
            self._figure(timeline_figure(cost, lang, months=months)),
            _para(summary.record_text(lang)),
            frame_table(cost.frame(months, lang)),
        ]
        return Section("debts", "".join(parts), 2)

    def scenarios(self) -> Section:
        """The scenarios side by side (the recommended one in bold), and the borrower's own:
        its dues against the money for debts, and its cost over time beside the others'.

        Which scenario do Li Na's figures show, when she has not chosen one yet?

        >>> import re
        >>> from helpers.case import load_sample
        >>> section = Report(load_sample("li_na_illness"), "en").scenarios()
        >>> re.search(r"<h3>(.*?)</h3>", section.html).group(1)
        'The scenario: step-up after recovery'
        """
        case, lang = self.case, self.lang
        comparison = compare(case)
        result, chosen = own_result(case)
        name = result.scenario.title(lang)
        results, best = comparison.results, comparison.recommended
        rows = [result_row(r, lang) for r in results]
        styles = ["font-weight:bold" if r.scenario.name == best else "" for r in results]
        if chosen or result.scenario.name not in [r.scenario.name for r in results]:
            rows.append(result_row(result, lang))
            styles.append("background:#fff3cd")
        numbers = [c not in ("scenario", "policy", "feasible", "credit") for c in TABLE_COLUMNS]
        table = html_table(
            table_header(lang),
            rows,
            right=numbers,
            wrap=[c in ("scenario", "credit") for c in TABLE_COLUMNS],
            row_styles=styles,
        )
        totals, months = monthly_totals(result.projection), result.projection.months
        dues = dues_figure(lang)
        update_dues_figure(dues, months, totals)
        series = {
            r.scenario.title(lang): monthly_totals(r.projection)["cost"]
            for r in comparison.results
        }
        cost = cost_figure(lang, series, comparison.results[0].projection.months)
        update_cost_figure(cost, months, totals["cost"])
        cost.data[-1].name = name
        own = "pack.report.scenarios.chosen" if chosen else "pack.report.scenarios.recommended"
        parts = [
            _heading(t("pack.report.scenarios.title", lang)),
            _para(comparison.reason(lang), bold=True),
            table,
            _heading(t("pack.report.scenarios.own", lang, name=name), 3),
            _para(t(own, lang, name=name, summary=summary_sentence(result, lang))),
            self._figure(dues),
            self._figure(cost),
        ]
        return Section("scenarios", "".join(parts), 2)

    def ladder(self) -> Section:
        """The fallback ladder (ask, target, floor) for each lender to contact.

        >>> from helpers.case import load_sample
        >>> text = Report(load_sample("li_na_illness"), "en").ladder().html
        >>> text.count("<h3>"), "Floor:" in text  # her four lenders are all unsecured
        (4, True)
        """
        case, lang = self.case, self.lang
        parts = [_heading(t("pack.report.ladder.title", lang))]
        plan = contact_plan(case)
        for contact in plan:
            lines = ladder_lines(fallback_ladder(case, contact.debt_id), lang, as_of=case.as_of)
            title = t("pack.report.ladder.lender", lang, lender=contact.lender, id=contact.debt_id)
            parts.append(_heading(title, 3))
            parts.append("".join(f"<div>{_esc(line)}</div>" for line in lines))
        if not plan:
            parts.append(_para(t("pack.report.ladder.none", lang)))
        return Section("ladder", "".join(parts), 0)

    def journal(self) -> Section:
        """The contacts over time, coloured by outcome, and as a table; or that none is
        recorded yet.

        >>> from helpers.case import load_sample
        >>> call = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行",
        ...              channel="hotline", initiator="me", outcome="refused")
        >>> section = Report(load_sample(), "zh-CN", [call]).journal()
        >>> section.figures, "被拒绝" in section.html
        (1, True)

        A collector's call at 22:30 about 借呗, an internet loan, is flagged with its rule:

        >>> import re
        >>> night = Entry(when="2025-04-02 22:30", debt_id="d4", lender="借呗",
        ...               channel="collector_call", initiator="collector")
        >>> text = Report(load_sample(), "en", [call, night]).journal().html
        >>> flag = re.search(r"<p>(2025-04-02 22:30[^<]*)</p>", text).group(1)
        >>> flag.split(": ")[0], flag.rsplit(". ", 1)[1]
        ('2025-04-02 22:30, 借呗', 'A complaint goes to 12378.')
        """
        lang, entries = self.lang, self.entries
        parts = [_heading(t("pack.report.journal.title", lang))]
        if not entries:
            parts.append(_para(t("pack.report.journal.empty", lang)))
            return Section("journal", "".join(parts), 0)
        rows = journal_rows(entries, lang)
        headers = [t(f"journal.column.{c}", lang) for c in _JOURNAL_SHOWN]
        table = html_table(
            headers,
            [[r[c] for c in _JOURNAL_SHOWN] for r in rows],
            wrap=[c in ("summary", "promises", "next_step") for c in _JOURNAL_SHOWN],
        )
        parts += [self._plain_figure(*_journal_figure(entries, rows, lang)), table]
        flags = conduct_flags(entries, self.case)
        if flags:
            parts.append(_heading(t("pack.report.journal.flags", lang), 3))
            parts += [_para(_flag_text(flag, lang)) for flag in flags]
        return Section("journal", "".join(parts), 1)

    def sections(self) -> list[Section]:
        """Every section, in the report's order.

        >>> from helpers.case import load_sample
        >>> [s.figures for s in Report(load_sample("li_na_illness"), "en").sections()]
        [0, 1, 2, 2, 0, 0]
        """
        parts = (self.summary, self.budget, self.debts, self.scenarios, self.ladder, self.journal)
        return [part() for part in parts]


def _flag_text(flag: ConductFlag, lang: str) -> str:
    """A breach of the collection rules in a sentence: when, who, the rule, its source, and
    where to complain."""
    text = t(
        "pack.report.journal.flag",
        lang,
        when=flag.entry.when.strftime("%Y-%m-%d %H:%M"),
        lender=flag.entry.lender,
        rule=t(f"journal.rule.{flag.rule.value}", lang),
        source=t(f"journal.source.{flag.source.value}", lang),
    )
    if flag.complaint:
        text += t("pack.report.journal.complain", lang, line=flag.complaint)
    return text


def _journal_figure(
    entries: Sequence[Entry], rows: Sequence[dict[str, str]], lang: str
) -> tuple[list[dict], dict]:
    """The contacts by date and lender, a trace per outcome (plotly's plain data and layout)."""
    data = []
    for outcome, color in _OUTCOME_COLORS.items():
        shown = [
            (e, r)
            for e, r in zip(entries, rows, strict=True)
            if (e.outcome.value if e.outcome else "") == outcome
        ]
        if not shown:
            continue
        name = label("journal.outcome", outcome, lang) if outcome else None
        data.append(
            {
                "type": "scatter",
                "mode": "markers",
                "name": name or t("pack.report.journal.no_outcome", lang),
                "x": [e.when.isoformat(sep=" ", timespec="minutes") for e, _ in shown],
                "y": [f"{e.debt_id} {e.lender}" for e, _ in shown],
                "text": [f"{r['channel']} · {r['summary'][:80]}" for _, r in shown],
                "hovertemplate": "%{x}<br>%{y}<br>%{text}<extra></extra>",
                "marker": {"color": color, "size": 12, "line": {"width": 1, "color": "#333"}},
            }
        )
    lenders = sorted({f"{e.debt_id} {e.lender}" for e in entries})
    grid = {"gridcolor": "#eeeeee", "linecolor": "#444444"}
    layout = {
        "title": {"text": t("pack.report.journal.chart_title", lang), "x": 0.01},
        "font": {"family": FONT_FAMILY, "size": 13},
        "plot_bgcolor": "white",
        "height": 220 + 40 * len(lenders),
        "margin": {"l": 160, "r": 20, "t": 90, "b": 60},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        "xaxis": {"type": "date", "title": {"text": t("pack.report.journal.xaxis", lang)}, **grid},
        "yaxis": {"type": "category", "categoryarray": lenders, "autorange": "reversed", **grid},
    }
    return data, layout


def report_sections(case: Case, lang: str, entries: Iterable[Entry] = ()) -> list[Section]:
    """The sections of the report (:meth:`Report.sections`).

    How many figures does Zhang Wei's report draw with one contact in his journal?

    >>> from helpers.case import load_sample
    >>> call = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行",
    ...              channel="hotline", initiator="me")
    >>> sum(s.figures for s in report_sections(load_sample(), "en", [call]))  # 1 + 2 + 2 + 1
    6
    """
    return Report(case, lang, entries).sections()
