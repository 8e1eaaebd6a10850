"""The journal as a timeline: each contact on its day, by lender, coloured by its outcome; each
payment made; each promise of the borrower's on its date, coloured by whether it was kept.

The figure takes the journal's entries and promise checks (:mod:`helpers.journal`) as they are.

>>> from helpers.journal import Entry
>>> call = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行", channel="hotline",
...              initiator="me", outcome="agreed", summary="同意分期")
>>> fig = journal_figure([call], (), "en")
>>> [trace.name for trace in fig.data], fig.data[0].y
(['contact: agreed'], ('招商银行',))
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, time, timedelta
from typing import Any

import plotly.graph_objects as go

from helpers.charts.look import COLORS, styled
from helpers.i18n import label, t
from helpers.money import format_fen

__all__ = ["JOURNAL_TRACES", "journal_figure"]

# one trace per kind of point, so the legend says what each colour means
_OUTCOME_COLORS = {
    "agreed": COLORS[2],
    "counter_offer": COLORS[1],
    "refused": COLORS[3],
    "no_answer": "#999999",
    None: COLORS[0],
}
_PROMISE_COLORS = {"kept": COLORS[2], "open": COLORS[1], "missed": COLORS[3]}
JOURNAL_TRACES = ("contacts by outcome", "payments", "promises by status")


def _contact_name(outcome: str | None, lang: str) -> str:
    what = (
        label("journal.outcome", outcome, lang)
        if outcome
        else t("charts.journal.no_outcome", lang)
    )
    return t("charts.journal.contact", lang, outcome=what)


def journal_figure(entries: Sequence[Any], checks: Sequence[Any], lang: str) -> go.Figure:
    """The timeline of ``entries`` (contacts and payments) and ``checks`` (the borrower's
    promises, :func:`helpers.journal.promise_checks`), in ``lang``.

    An empty journal gives an empty chart that says so:

    >>> journal_figure([], [], "zh-CN").layout.title.text
    '联系、还款和承诺的时间线（还没有联系记录）'
    """
    fig = go.Figure()
    contacts = [e for e in entries if e.channel != "payment"]
    for outcome, color in _OUTCOME_COLORS.items():
        chosen = [e for e in contacts if (e.outcome.value if e.outcome else None) == outcome]
        if chosen:
            fig.add_scatter(
                x=[e.when for e in chosen],
                y=[e.lender for e in chosen],
                mode="markers",
                marker={"size": 12, "color": color, "symbol": "circle"},
                name=_contact_name(outcome, lang),
                hovertext=[
                    f"{label('journal.channel', e.channel, lang)}: {e.summary}" for e in chosen
                ],
                hoverinfo="x+y+text",
            )
    payments = [e for e in entries if e.channel == "payment"]
    if payments:
        fig.add_scatter(
            x=[e.when for e in payments],
            y=[e.lender for e in payments],
            mode="markers",
            marker={"size": 12, "color": COLORS[5], "symbol": "square"},
            name=t("charts.journal.payment", lang),
            hovertext=[format_fen(e.paid_fen, lang) for e in payments],
            hoverinfo="x+y+text",
        )
    for status, color in _PROMISE_COLORS.items():
        chosen = [c for c in checks if c.status.value == status]
        if chosen:
            fig.add_scatter(
                x=[c.promise.due for c in chosen],
                y=[c.lender for c in chosen],
                mode="markers",
                marker={
                    "size": 13,
                    "color": color,
                    "symbol": "diamond-open",
                    "line": {"width": 3},
                },
                name=t(
                    "charts.journal.promise",
                    lang,
                    status=label("journal.promise_status", status, lang),
                ),
                hovertext=[
                    f"{c.promise.what} ({format_fen(c.paid_fen, lang)} / "
                    f"{format_fen(c.promise.amount_fen, lang)})"
                    for c in chosen
                ],
                hoverinfo="x+y+text",
            )
    lenders = {e.lender for e in entries} | {c.lender for c in checks}
    title = t("charts.journal.title", lang)
    if not fig.data:  # said in the title: a figure widget keeps stale annotations
        title = t("charts.journal.title_empty", lang, title=title)
    styled(
        fig,
        title=title,
        lang=lang,
        height=max(260, 90 + 45 * len(lenders)),
    )
    fig.update_layout(hovermode="closest")
    days = [e.when for e in entries] + [datetime.combine(c.promise.due, time()) for c in checks]
    if days:  # a week either side, so that one day's points do not fill the axis with its ticks
        fig.update_xaxes(range=[min(days) - timedelta(days=7), max(days) + timedelta(days=7)])
    fig.update_xaxes(type="date", tickformat="%Y-%m-%d")
    fig.update_yaxes(type="category")
    return fig
