"""The figures of notebook 02 (debts): the cost of waiting, and the credit timeline.

* :func:`waiting_figure`: per debt, what N months without paying add, as bars stacked by kind
  of posting (interest, penalty interest, charges; yuan), in :data:`WAITING_TRACES` order.
* :func:`timeline_figure`: the overdue class of each reported debt at the end of each month
  while nothing is paid, as a heatmap coloured from normal (green) to loss (dark red), with a
  dashed line after the N-th month.

Both come from one :class:`helpers.debts.CostOfWaiting`; the app builds them once and rewrites
them in place (``update_…``) when the months of waiting or the language change.

>>> from helpers.case import load_sample
>>> from helpers.debts import cost_of_waiting
>>> cost = cost_of_waiting(load_sample())
>>> fig = waiting_figure(cost.table(3), 3, "en")
>>> fig.data[WAITING_TRACES.index("charges")].y[0]      # the 招商银行 card's 违约金, yuan
1819.56
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from helpers.charts.look import COLORS, styled, yuan_axis
from helpers.debts import CostOfWaiting
from helpers.i18n import label, t
from helpers.money import format_fen
from helpers.rules import OverdueClass

__all__ = [
    "WAITING_TRACES",
    "CLASS_COLORS",
    "debt_labels",
    "waiting_figure",
    "update_waiting_figure",
    "timeline_z",
    "timeline_figure",
    "update_timeline_figure",
]

WAITING_TRACES = ("interest", "penalty", "charges")
_WAITING_COLORS = {"interest": COLORS[0], "penalty": COLORS[3], "charges": COLORS[1]}
CLASS_COLORS = {
    OverdueClass.NORMAL: "#DDEFD5",
    OverdueClass.SPECIAL_MENTION: "#FFE08A",
    OverdueClass.SUBSTANDARD: "#F4A259",
    OverdueClass.DOUBTFUL: "#D9534F",
    OverdueClass.LOSS: "#7F1D1D",
}
_CLASSES = tuple(OverdueClass)


def debt_labels(cost: CostOfWaiting, *, reported_only: bool = False) -> list[str]:
    """How the figures name the debts: id and lender.

    >>> from helpers.case import load_sample
    >>> from helpers.debts import cost_of_waiting
    >>> debt_labels(cost_of_waiting(load_sample(), horizon=1), reported_only=True)[-1]
    'd4 借呗'
    """
    return [f"{d.debt_id} {d.lender}" for d in cost.debts if d.reported or not reported_only]


def waiting_figure(table: pd.DataFrame, months: int, lang: str) -> go.Figure:
    """What ``months`` months without paying add to each debt, stacked by kind.

    Parameters
    ----------
    table : pandas.DataFrame
        :meth:`helpers.debts.CostOfWaiting.table` for those months.
    months : int
    lang : str

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> from helpers.debts import cost_of_waiting
    >>> fig = waiting_figure(cost_of_waiting(load_sample()).table(6), 6, "zh-CN")
    >>> fig.layout.title.text
    '等 6 个月不还款，各笔债务将增加多少（共 ¥17,405.76）'
    """
    fig = go.Figure()
    names = [f"{i} {lender}" for i, lender in zip(table.debt_id, table.lender, strict=True)]
    for name in WAITING_TRACES:
        fig.add_trace(
            go.Bar(x=names, marker_color=_WAITING_COLORS[name], hovertemplate="%{y:,.2f}")
        )
    styled(fig, title="", lang=lang, height=400)
    fig.update_layout(barmode="stack", hovermode="x unified", legend_traceorder="normal", meta={})
    fig.update_xaxes(type="category")
    update_waiting_figure(fig, table, months, lang)
    return fig


def update_waiting_figure(fig: go.Figure, table: pd.DataFrame, months: int, lang: str) -> None:
    """Write a waiting table for ``months`` months and the labels in ``lang`` into a figure
    built by :func:`waiting_figure` (labels only when the language changed).

    >>> from helpers.case import load_sample
    >>> from helpers.debts import cost_of_waiting
    >>> cost = cost_of_waiting(load_sample())
    >>> fig = waiting_figure(cost.table(1), 1, "en")
    >>> update_waiting_figure(fig, cost.table(12), 12, "en")
    >>> round(sum(sum(trace.y) for trace in fig.data), 2)  # a year of waiting adds, in yuan
    46255.63
    >>> cost.summary(12).added_fen
    4625563
    """
    total = int(table["added"].sum())
    with fig.batch_update():
        for trace, name in zip(fig.data, WAITING_TRACES, strict=True):
            trace.y = tuple(v / 100 for v in table[name].tolist())
        fig.layout.title.text = t(
            "ui.debts.chart.waiting_title", lang, months=months, total=format_fen(total, lang)
        )
        if (fig.layout.meta or {}).get("lang") != lang:
            for trace, name in zip(fig.data, WAITING_TRACES, strict=True):
                trace.name = t(f"ui.debts.trace.{name}", lang)
            fig.layout.yaxis.update(title_text=t("ui.debts.chart.yaxis", lang), **yuan_axis(lang))
            fig.layout.meta = {"lang": lang}


def timeline_z(cost: CostOfWaiting) -> list[list[int]]:
    """The heatmap's values: each reported debt's overdue class per month, as its rank
    (0 normal … 4 loss).

    >>> from helpers.case import load_sample
    >>> from helpers.debts import cost_of_waiting
    >>> timeline_z(cost_of_waiting(load_sample(), horizon=4))[0]
    [1, 2, 3, 3]
    """
    return [[_CLASSES.index(c) for c in d.classes] for d in cost.debts if d.reported]


def _colorscale() -> list[list]:
    steps = len(_CLASSES)
    scale = []
    for k, overdue in enumerate(_CLASSES):
        scale += [[k / steps, CLASS_COLORS[overdue]], [(k + 1) / steps, CLASS_COLORS[overdue]]]
    return scale


def timeline_figure(cost: CostOfWaiting, lang: str, *, months: int | None = None) -> go.Figure:
    """The credit timeline if nothing is paid: overdue class per reported debt and month.

    Parameters
    ----------
    cost : CostOfWaiting
    lang : str
    months : int, optional
        Draw a dashed line after this many months of waiting.

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> from helpers.debts import cost_of_waiting
    >>> fig = timeline_figure(cost_of_waiting(load_sample()), "en", months=3)
    >>> fig.data[0].y[-1], fig.data[0].colorbar.ticktext[-1]
    ('d4 借呗', 'loss')
    """
    reported = debt_labels(cost, reported_only=True)
    fig = go.Figure(
        go.Heatmap(
            x=list(cost.months),
            y=reported,
            z=timeline_z(cost),
            zmin=-0.5,
            zmax=len(_CLASSES) - 0.5,
            colorscale=_colorscale(),
            xgap=1,
            ygap=2,
            colorbar={"tickvals": list(range(len(_CLASSES))), "thickness": 14},
            hovertemplate="%{text}<extra></extra>",
        )
    )
    styled(fig, title="", lang=lang, height=160 + 36 * max(len(reported), 1))
    fig.update_layout(hovermode="closest", meta={})
    fig.update_xaxes(type="category", tickangle=-45)
    fig.update_yaxes(type="category", autorange="reversed")
    update_timeline_figure(fig, cost, lang, months=months)
    return fig


def update_timeline_figure(
    fig: go.Figure, cost: CostOfWaiting, lang: str, *, months: int | None = None
) -> None:
    """Move the line to ``months`` and relabel in ``lang`` a figure from :func:`timeline_figure`.

    >>> from helpers.case import load_sample
    >>> from helpers.debts import cost_of_waiting
    >>> cost = cost_of_waiting(load_sample())
    >>> fig = timeline_figure(cost, "en", months=3)
    >>> update_timeline_figure(fig, cost, "zh-CN", months=12)
    >>> fig.layout.shapes[0].x0, fig.data[0].colorbar.ticktext[0]
    (11.5, '正常')
    """
    meta = dict(fig.layout.meta or {})
    with fig.batch_update():
        if meta.get("lang") != lang:
            heat = fig.data[0]
            heat.colorbar.ticktext = [label("rules.overdue_class", c, lang) for c in _CLASSES]
            heat.text = _hover_texts(cost, lang)
            fig.layout.title.text = t("ui.debts.chart.timeline_title", lang)
        if meta.get("lang") != lang or meta.get("months") != months:
            _mark_months(fig, lang, months)
        fig.layout.meta = {"lang": lang, "months": months}


def _hover_texts(cost: CostOfWaiting, lang: str) -> list[list[str]]:
    return [
        [
            t(
                "ui.debts.chart.timeline_hover",
                lang,
                debt=d.debt_id,
                month=month,
                days=days,
                overdue=label("rules.overdue_class", overdue, lang),
            )
            for month, days, overdue in zip(cost.months, d.days_overdue, d.classes, strict=True)
        ]
        for d in cost.debts
        if d.reported
    ]


def _mark_months(fig: go.Figure, lang: str, months: int | None) -> None:
    if months is None:
        fig.layout.shapes, fig.layout.annotations = [], []
        return
    x = months - 0.5
    fig.layout.shapes = [
        {
            "type": "line",
            "xref": "x",
            "yref": "paper",
            "x0": x,
            "x1": x,
            "y0": 0,
            "y1": 1,
            "line": {"color": "#222222", "dash": "dash", "width": 2},
        }
    ]
    fig.layout.annotations = [
        {
            "x": x,
            "xref": "x",
            "y": 1,
            "yref": "paper",
            "yanchor": "bottom",
            "xanchor": "right",
            "text": t("ui.debts.chart.after_months", lang, months=months),
            "showarrow": False,
            "font": {"size": 12},
        }
    ]
