"""Figures of the scenario step: the month's dues against the money available (shortfall
months marked) and the cost piling up under each scenario.

>>> fig = dues_figure("en")
>>> [trace.name for trace in fig.data]
['scheduled dues', 'money for debts', 'shortfall']
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import plotly.graph_objects as go

from helpers.charts.look import COLORS, month_axis, styled, yuan_axis
from helpers.i18n import t

__all__ = ["dues_figure", "update_dues_figure", "cost_figure", "update_cost_figure", "label_axes"]


def _yuan(values: Sequence[int]) -> np.ndarray:
    return np.asarray(values, dtype=float) / 100


def dues_figure(lang: str) -> go.Figure:
    """An empty figure for the dues of a scenario against the money for debts.

    >>> dues_figure("zh-CN").layout.title.text
    '每月应还与可用于还款的钱'
    """
    fig = go.Figure(
        [
            go.Bar(name=t("charts.dues", lang), marker_color=COLORS[0]),
            go.Scatter(
                name=t("charts.means", lang),
                mode="lines",
                line={"color": COLORS[2], "width": 3, "shape": "hv"},
            ),
            go.Scatter(
                name=t("charts.shortfall", lang),
                mode="markers",
                marker={"color": COLORS[3], "symbol": "x", "size": 9},
            ),
        ]
    )
    styled(fig, title=t("charts.dues_title", lang), lang=lang)
    label_axes(fig, lang)
    return fig


def label_axes(fig: go.Figure, lang: str) -> None:
    """The axes of a scenario figure in ``lang``: months across, yuan up.

    >>> fig = dues_figure("zh-CN")
    >>> label_axes(fig, "en")
    >>> fig.layout.xaxis.title.text, fig.layout.xaxis.tickformat, fig.layout.yaxis.ticksuffix
    ('month', '%b %Y', '')
    """
    fig.update_yaxes(**yuan_axis(lang))
    fig.update_xaxes(title_text=t("charts.month", lang), **month_axis(lang))


def update_dues_figure(
    fig: go.Figure, months: Sequence[str], totals: Mapping[str, list[int]]
) -> None:
    """Write a scenario's monthly totals (see :func:`helpers.engine.monthly_totals`) into the
    dues figure, marking the months whose dues exceed the money for debts.

    >>> fig = dues_figure("en")
    >>> update_dues_figure(fig, ["2025-04", "2025-05"], {"dues": [50000, 20000],
    ...                                                  "means": [30000, 30000]})
    >>> fig.data[0].y.tolist(), fig.data[2].x.tolist()
    ([500.0, 200.0], ['2025-04'])
    """
    dues, means = _yuan(totals["dues"]), _yuan(totals["means"])
    short = dues > means
    labels = np.asarray(months)
    if fig.data[0].x is None or len(fig.data[0].x) != len(labels):  # the months never change
        fig.data[0].x = fig.data[1].x = labels
    fig.data[0].y, fig.data[1].y = dues, means
    fig.data[2].x, fig.data[2].y = labels[short], dues[short]


def cost_figure(
    lang: str, series: Mapping[str, Sequence[int]], months: Sequence[str]
) -> go.Figure:
    """Cumulative cost (interest, penalty interest and charges) of each named scenario, plus an
    empty last trace for the scenario being tuned.

    >>> fig = cost_figure("en", {"status quo": [100, 100]}, ["2025-04", "2025-05"])
    >>> fig.data[0].y.tolist(), fig.data[-1].name
    ([1.0, 2.0], 'your scenario')
    """
    fig = go.Figure()
    for k, (name, cost) in enumerate(series.items()):
        fig.add_trace(
            go.Scatter(
                x=list(months),
                y=_cumulative(cost),
                name=name,
                mode="lines",
                line={"color": COLORS[(k + 1) % len(COLORS)], "width": 1.5},
            )
        )
    fig.add_trace(
        go.Scatter(
            name=t("charts.custom", lang), mode="lines", line={"color": "#000000", "width": 4}
        )
    )
    styled(fig, title=t("charts.cost_title", lang), lang=lang, height=480)
    # many scenarios: the legend goes below the plot, clear of the title
    fig.update_layout(
        legend={"orientation": "h", "yanchor": "top", "y": -0.18, "x": 0}, margin={"b": 150}
    )
    label_axes(fig, lang)
    return fig


def _cumulative(cost: Sequence[int]) -> np.ndarray:
    return np.cumsum(np.asarray(cost, dtype=np.int64)) / 100


def update_cost_figure(fig: go.Figure, months: Sequence[str], cost: Sequence[int]) -> None:
    """Write the tuned scenario's cumulative cost into the last trace.

    >>> fig = cost_figure("en", {}, [])
    >>> update_cost_figure(fig, ["2025-04", "2025-05"], [150, 50])
    >>> fig.data[-1].y.tolist()
    [1.5, 2.0]
    """
    trace = fig.data[-1]
    if trace.x is None or len(trace.x) != len(months):  # the months never change
        trace.x = np.asarray(months)
    trace.y = _cumulative(cost)
