"""The budget figure of notebook 01: income, costs stacked by group, and capacity, by month.

Bars stack what comes off the income each month: fixed costs, flexible costs, priority
obligations (taxes, fines, family), the monthly reserve and the secured debts' instalments; the
income is a line over them and the **capacity** (what is left for unsecured lenders) a green
line. A month whose capacity is below zero gets a red bar below the zero line, so a shortfall
cannot be missed; a dashed line marks the month income recovers.

The traces are in :data:`BUDGET_TRACES` order, amounts in yuan; the app builds the figure once
(:func:`budget_figure`) and rewrites its data in place (:func:`update_budget_figure`).

>>> from helpers.budget import monthly_budget
>>> from helpers.case import load_sample
>>> fig = budget_figure(monthly_budget(load_sample(), horizon=6), "en", recovery_month="2025-08")
>>> fig.data[BUDGET_TRACES.index("capacity")].y
(380.0, 380.0, 380.0, 380.0, 7080.0, 7080.0)
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

import plotly.graph_objects as go

from helpers.budget import Budget
from helpers.charts.look import COLORS, month_axis, styled, yuan_axis
from helpers.i18n import t

__all__ = [
    "BUDGET_TRACES",
    "RECOVERY_TAIL_MONTHS",
    "budget_figure",
    "update_budget_figure",
    "yuan_values",
    "hardship_window",
]

RECOVERY_TAIL_MONTHS = 12  # the chart shows a year after recovery

# trace name → budget column (fen) it shows
BUDGET_TRACES = (
    "fixed",
    "flexible",
    "priority",
    "reserve",
    "secured",
    "income",
    "capacity",
    "shortfall",
)
_COLUMN = {
    "fixed": "fixed_costs_fen",
    "flexible": "flexible_costs_fen",
    "priority": "priority_costs_fen",
    "reserve": "reserve_fen",
    "secured": "secured_dues_fen",
    "income": "income_fen",
    "capacity": "capacity_fen",
}
_COLOR = {
    "fixed": COLORS[0],
    "flexible": COLORS[5],
    "priority": COLORS[1],
    "reserve": "#BBBBBB",
    "secured": COLORS[4],
    "income": COLORS[7],
    "capacity": COLORS[2],
    "shortfall": "#C62828",
}
_HOVER = "%{y:,.2f}"


def yuan_values(budget: Budget, trace: str) -> tuple[float, ...]:
    """The values a trace shows, in yuan: a budget column, or for ``shortfall`` the capacity of
    the months below zero (None elsewhere, so nothing is drawn).

    >>> from helpers.budget import BudgetOverrides, monthly_budget
    >>> from helpers.case import load_sample
    >>> budget = monthly_budget(load_sample(), horizon=3,
    ...                         overrides=BudgetOverrides(reserve_fen=100_000))
    >>> yuan_values(budget, "capacity"), yuan_values(budget, "shortfall")
    ((-420.0, -420.0, -420.0), (-420.0, -420.0, -420.0))
    """
    if trace == "shortfall":
        return tuple(c / 100 if c < 0 else None for c in budget.capacity_fen)
    return tuple(v / 100 for v in getattr(budget, _COLUMN[trace]))


def budget_figure(budget: Budget, lang: str, *, recovery_month: str | None = None) -> go.Figure:
    """The figure of a budget, titled and labelled in ``lang``.

    Parameters
    ----------
    budget : Budget
        From :func:`helpers.budget.monthly_budget`.
    lang : str
        ``zh-CN`` or ``en``.
    recovery_month : str, optional
        ``"YYYY-MM"`` when income recovers, marked by a dashed line.

    Examples
    --------
    >>> from helpers.budget import monthly_budget
    >>> from helpers.case import load_sample
    >>> fig = budget_figure(monthly_budget(load_sample(), horizon=6), "zh-CN")
    >>> [trace.name for trace in fig.data][:3], fig.layout.barmode
    (['固定开支', '弹性开支', '优先支出（税费、罚款、赡养）'], 'relative')
    """
    fig = go.Figure()
    months = list(budget.months)
    for name in BUDGET_TRACES:
        if name in ("income", "capacity"):
            fig.add_trace(
                go.Scatter(
                    x=months,
                    mode="lines+markers",
                    line={"color": _COLOR[name], "width": 3 if name == "capacity" else 2},
                    marker={"size": 5},
                    hovertemplate=_HOVER,
                )
            )
        else:
            fig.add_trace(go.Bar(x=months, marker_color=_COLOR[name], hovertemplate=_HOVER))
    styled(fig, title="", lang=lang, height=520)
    fig.layout.meta = {}
    # eight entries wrap: below the month labels, where they cannot cover the title
    fig.update_layout(
        barmode="relative",
        bargap=0.15,
        legend={"orientation": "h", "yanchor": "top", "y": -0.2, "x": 0},
        margin={"b": 130},
    )
    # a date axis: plotly re-types an axis whose traces are restyled, so a category axis of
    # "2025-04" labels would turn into a date axis with English month names at the first update
    fig.update_xaxes(type="date", tickangle=-45)
    fig.update_yaxes(zeroline=True, zerolinecolor="#444444", zerolinewidth=2)
    update_budget_figure(fig, budget, lang, recovery_month=recovery_month)
    return fig


def update_budget_figure(
    fig: go.Figure, budget: Budget, lang: str, *, recovery_month: str | None = None
) -> None:
    """Write a budget's values, the labels in ``lang`` and the recovery marker into a figure
    built by :func:`budget_figure`, in one update (one message for a ``FigureWidget``).

    Labels and the marker are rewritten only when the language or the recovery month differ
    from what the figure shows (kept in ``layout.meta``): a slider's change writes the data
    alone.

    >>> from helpers.budget import BudgetOverrides, monthly_budget
    >>> from helpers.case import load_sample
    >>> case = load_sample()
    >>> fig = budget_figure(monthly_budget(case, horizon=4), "en")
    >>> later = monthly_budget(case, horizon=4, overrides=BudgetOverrides(recovery_month="never"))
    >>> update_budget_figure(fig, later, "zh-CN", recovery_month=None)
    >>> fig.data[BUDGET_TRACES.index("income")].y, fig.layout.title.text
    ((6300.0, 6300.0, 6300.0, 6300.0), '每月收入、开支与可用于无抵押债务的还款能力')
    """
    meta = dict(fig.layout.meta or {})
    with fig.batch_update():
        for trace, name in zip(fig.data, BUDGET_TRACES, strict=True):
            values = yuan_values(budget, name)
            if trace.y != values:  # a slider moves a few traces; plotly validates each write
                trace.y = values
        if meta.get("lang") != lang:
            for trace, name in zip(fig.data, BUDGET_TRACES, strict=True):
                trace.name = t(f"ui.budget.trace.{name}", lang)
            fig.layout.title.text = t("ui.budget.chart.title", lang)
            fig.layout.yaxis.update(title_text=t("ui.budget.chart.yaxis", lang), **yuan_axis(lang))
            fig.layout.xaxis.update(**month_axis(lang))
        if meta.get("lang") != lang or meta.get("recovery", "") != recovery_month:
            _mark_recovery(fig, budget, lang, recovery_month)
        fig.layout.meta = {"lang": lang, "recovery": recovery_month}


def _mark_recovery(fig: go.Figure, budget: Budget, lang: str, month: str | None) -> None:
    shown = month is not None and month in budget.months
    line = {
        "type": "line",
        "xref": "x",
        "yref": "paper",
        "x0": month,
        "x1": month,
        "y0": 0,
        "y1": 1,
        "line": {"color": "#555555", "dash": "dash", "width": 1.5},
    }
    note = {
        "x": month,
        "xref": "x",
        "y": 1,
        "yref": "paper",
        "text": t("ui.budget.chart.recovery", lang),
        "showarrow": False,
        "xanchor": "left",
        "yanchor": "bottom",  # above the plot, clear of the lines
        "font": {"size": 12, "color": "#555555"},
    }
    fig.layout.shapes = [line] if shown else []
    fig.layout.annotations = [note] if shown else []
    fig.layout.xaxis.range = hardship_window(budget.months, month) if shown else None
    fig.layout.xaxis.autorange = not shown


def hardship_window(months: Sequence[str], recovery: str) -> list[str]:
    """The months a budget chart opens on: from the first to a year after recovery (the rest
    is a pan or a zoom-out away), as a date axis's range with half a month either side.

    A four-month hardship from 2025-04, recovering in 2025-08, in a 60-month budget:

    >>> from helpers.months import add_months
    >>> hardship_window([add_months("2025-04", m) for m in range(60)], "2025-08")
    ['2025-03-17', '2026-08-16']
    """
    last = min(months.index(recovery) + RECOVERY_TAIL_MONTHS, len(months) - 1)
    start = date.fromisoformat(f"{months[0]}-01") - timedelta(days=15)
    end = date.fromisoformat(f"{months[last]}-01") + timedelta(days=15)
    return [start.isoformat(), end.isoformat()]
