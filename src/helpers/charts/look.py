"""Plotly figure builders: data in, ``go.Figure`` out; one module per notebook step.

Figures are built once and updated in place by the apps (``FigureWidget.batch_update``), so
each module offers a builder (``…_figure(…) -> go.Figure``) and, where a slider changes the
data, an updater that writes new data into an existing figure's traces. Titles and labels come
from the catalogue in both languages; the look suits JupyterLab's default (light) theme and
renders Chinese with the Noto CJK fonts.

>>> fig = styled(go.Figure(), title="示例", lang="zh-CN")
>>> fig.layout.font.family.split(",")[0], fig.layout.title.text
('Noto Sans CJK SC', '示例')
"""

from __future__ import annotations

import plotly.graph_objects as go

from helpers.i18n import t

__all__ = ["styled", "FONT_FAMILY", "COLORS", "yuan_axis", "month_axis"]

FONT_FAMILY = "Noto Sans CJK SC, Noto Sans SC, PingFang SC, Microsoft YaHei, sans-serif"
# colour-blind-safe qualitative palette (Okabe & Ito)
COLORS = ("#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000")


def styled(fig: go.Figure, *, title: str, lang: str, height: int = 420) -> go.Figure:
    """Apply the workbench's look: white template, CJK-capable font, legend on top.

    >>> styled(go.Figure(), title="Budget", lang="en").layout.height
    420
    """
    fig.update_layout(
        template="plotly_white",
        title={"text": title, "x": 0.01, "xanchor": "left"},
        font={"family": FONT_FAMILY, "size": 13},
        height=height,
        margin={"l": 60, "r": 20, "t": 70, "b": 50},
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        hovermode="x unified",
        separators=".,",
        meta={"lang": lang},
    )
    return fig


def yuan_axis(lang: str) -> dict:
    """Axis settings for amounts in yuan, with thousands separators.

    >>> yuan_axis("en")["tickformat"]
    ',.0f'
    """
    return {
        "tickformat": ",.0f",
        "ticksuffix": t("charts.yuan_suffix", lang),
        "rangemode": "tozero",
    }


def month_axis(lang: str) -> dict:
    """Axis settings for months on a date axis: "2025-07" in Chinese ("Jul 2025" in English;
    plotly would otherwise write English month names on a Chinese page), "2025-07" on hover.

    >>> month_axis("zh-CN")["tickformat"], month_axis("en")["tickformat"]
    ('%Y-%m', '%b %Y')
    """
    return {
        "tickformat": t("charts.month_tick", lang),
        "hoverformat": "%Y-%m",
    }
