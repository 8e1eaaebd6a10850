"""The caseload's figures (notebook 06): what each case owes against what its borrower can pay
now, coloured by how soon something falls due; and how many cases sit in each credit class.

Both take the caseload's frame (:func:`helpers.caseload.run_caseload`, amounts in fen) as it is
and show only the cases that loaded and were analysed.

How soon is soon? A case's urgency is the fewer of its days to the next due date and its days
until a debt passes 90 days overdue (:func:`urgency_band`): within a week, within a month, later,
or no date at all.

>>> import pandas as pd
>>> frame = pd.DataFrame({"case": ["a", "b"], "loaded": [True, True], "problems": ["", ""],
...     "total_owed": [1_000_000, 2_500_000], "capacity_now": [150_000, None],
...     "capacity_after": [200_000, 300_000], "recommended_title": ["x", "y"],
...     "triage_rank": [1, 2], "next_due_days": [3, 12], "days_to_90": [40, 50],
...     "worst_class": ["normal", "loss"]})
>>> fig = caseload_scatter(frame, "en")
>>> [(trace.name, trace.x, trace.y) for trace in fig.data]
[('due within 7 days', (10000.0,), (1500.0,)), ('due within 30 days', (25000.0,), (3000.0,))]
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import plotly.graph_objects as go

from helpers.charts.look import COLORS, styled, yuan_axis
from helpers.i18n import label, t
from helpers.rules import OverdueClass

__all__ = [
    "URGENCY_BANDS",
    "URGENCY_DAYS",
    "caseload_classes",
    "caseload_points",
    "caseload_scatter",
    "class_counts",
    "urgency_band",
]

URGENCY_DAYS = {"week": 7, "month": 30}  # the last day of each band, from the case's as-of date
URGENCY_BANDS = ("week", "month", "later", "none")
_BAND_COLORS = {"week": COLORS[3], "month": COLORS[1], "later": COLORS[0], "none": "#999999"}
_CLASS_COLORS = {
    OverdueClass.NORMAL: COLORS[2],
    OverdueClass.SPECIAL_MENTION: COLORS[6],
    OverdueClass.SUBSTANDARD: COLORS[1],
    OverdueClass.DOUBTFUL: COLORS[3],
    OverdueClass.LOSS: COLORS[7],
}


def _number(value: Any) -> int | None:
    """A cell as an int, or None where it is empty."""
    if value is None or value is pd.NA or (isinstance(value, float) and math.isnan(value)):
        return None
    return int(value)


def urgency_band(next_due_days: Any, days_to_90: Any) -> str:
    """Which band of urgency a case falls in: ``week`` (something within 7 days), ``month``
    (within 30), ``later``, or ``none`` (no due date and nothing overdue).

    A card due in 12 days whose other debt passes 90 days overdue in 5: within a week.

    >>> urgency_band(12, 5), urgency_band(12, 100), urgency_band(45, None)
    ('week', 'month', 'later')
    >>> urgency_band(None, None)
    'none'
    """
    days = [d for d in (_number(next_due_days), _number(days_to_90)) if d is not None]
    if not days:
        return "none"
    for band, last in URGENCY_DAYS.items():
        if min(days) <= last:
            return band
    return "later"


def _analysed(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows of cases that loaded and were analysed (no problems)."""
    return frame[frame["loaded"].astype(bool) & (frame["problems"].fillna("") == "")]


def caseload_points(frame: pd.DataFrame) -> pd.DataFrame:
    """One point per analysed case: ``x`` what it owes and ``y`` what can be paid a month now,
    in yuan (a case with no hardship period pays what it pays after recovery, its capacity
    now), and its urgency ``band``.

    >>> frame = pd.DataFrame({"case": ["a"], "loaded": [True], "problems": [""],
    ...     "total_owed": [1_234_550], "capacity_now": [None], "capacity_after": [80_000],
    ...     "next_due_days": [40], "days_to_90": [None]})
    >>> caseload_points(frame)[["case", "x", "y", "band"]].values.tolist()
    [['a', 12345.5, 800.0, 'later']]
    """
    rows = _analysed(frame).copy()
    now = [_number(v) for v in rows["capacity_now"]]
    after = [_number(v) for v in rows["capacity_after"]]
    rows["x"] = [_number(v) / 100 for v in rows["total_owed"]]
    rows["y"] = [(n if n is not None else (a or 0)) / 100 for n, a in zip(now, after, strict=True)]
    rows["band"] = [
        urgency_band(d, n) for d, n in zip(rows["next_due_days"], rows["days_to_90"], strict=True)
    ]
    return rows


def caseload_scatter(frame: pd.DataFrame, lang: str) -> go.Figure:
    """Total owed (x) against what can be paid a month now (y), one point per analysed case,
    a trace per band of urgency; hovering a point names the case, its recommended scenario and
    its rank.

    Where does a case owing ¥59,784.09 and able to pay ¥5,430 a month sit, on a Chinese page?

    >>> frame = pd.DataFrame({"case": ["案例 0001"], "loaded": [True], "problems": [""],
    ...     "total_owed": [5_978_409], "capacity_now": [543_000], "capacity_after": [702_000],
    ...     "recommended_title": ["分 60 期"], "triage_rank": [1], "next_due_days": [0],
    ...     "days_to_90": [0]})
    >>> fig = caseload_scatter(frame, "zh-CN")
    >>> fig.data[0].name, fig.data[0].x, fig.data[0].y, fig.layout.xaxis.title.text
    ('7 天内到期', (59784.09,), (5430.0,), '欠款合计（元）')
    """
    points = caseload_points(frame)
    fig = go.Figure()
    for band in URGENCY_BANDS:
        chosen = points[points["band"] == band]
        if chosen.empty:
            continue
        hover = [
            t(
                "charts.caseload.hover",
                lang,
                case=case,
                scenario=title or "—",
                rank="—" if _number(rank) is None else _number(rank),
            )  # fmt: skip
            for case, title, rank in zip(
                chosen["case"], chosen["recommended_title"], chosen["triage_rank"], strict=True
            )
        ]
        fig.add_scatter(
            x=chosen["x"].tolist(),
            y=chosen["y"].tolist(),
            mode="markers",
            marker={"size": 10, "color": _BAND_COLORS[band], "opacity": 0.85},
            name=t(f"charts.caseload.band.{band}", lang),
            hovertext=hover,
            hoverinfo="text+x+y",
        )
    title = t("charts.caseload.scatter_title", lang, count=len(points))
    styled(fig, title=title, lang=lang, height=440)
    fig.update_layout(hovermode="closest")
    fig.update_xaxes(title_text=t("charts.caseload.owed", lang), **yuan_axis(lang))
    fig.update_yaxes(title_text=t("charts.caseload.capacity", lang), **yuan_axis(lang))
    return fig


def class_counts(frame: pd.DataFrame, lang: str) -> list[tuple[str, int]]:
    """How many analysed cases have each worst credit class, from normal to loss (the frame's
    classes are written in ``lang``, as :func:`helpers.caseload.run_caseload` wrote them);
    classes no case has are left out.

    >>> frame = pd.DataFrame({"loaded": [True, True, True, False], "problems": ["", "", "", "x"],
    ...     "worst_class": ["loss", "normal", "loss", None]})
    >>> class_counts(frame, "en")
    [('normal', 1), ('loss', 2)]
    """
    shown = _analysed(frame)["worst_class"].fillna("").value_counts().to_dict()
    order = [label("rules.overdue_class", c.value, lang) for c in OverdueClass]
    names = order + sorted(set(shown) - set(order))
    return [(name, int(shown[name])) for name in names if name in shown]


def caseload_classes(frame: pd.DataFrame, lang: str) -> go.Figure:
    """A bar per worst credit class: how many cases have it (:func:`class_counts`).

    How many of three cases are already at 损失 (loss)?

    >>> frame = pd.DataFrame({"loaded": [True] * 3, "problems": [""] * 3,
    ...     "worst_class": ["损失", "正常", "损失"]})
    >>> fig = caseload_classes(frame, "zh-CN")
    >>> fig.data[0].x, fig.data[0].y
    (('正常', '损失'), (1, 2))
    """
    counts = class_counts(frame, lang)
    colors = {label("rules.overdue_class", c.value, lang): v for c, v in _CLASS_COLORS.items()}
    fig = go.Figure(
        go.Bar(
            x=[name for name, _ in counts],
            y=[count for _, count in counts],
            marker={"color": [colors.get(name, "#999999") for name, _ in counts]},
            text=[count for _, count in counts],
            textposition="outside",
            hoverinfo="x+y",
        )
    )
    total = sum(count for _, count in counts)
    styled(fig, title=t("charts.caseload.classes_title", lang, count=total), lang=lang, height=340)
    fig.update_layout(hovermode="closest", showlegend=False)
    fig.update_xaxes(type="category", title_text=t("charts.caseload.class", lang))
    fig.update_yaxes(title_text=t("charts.caseload.cases", lang), rangemode="tozero")
    return fig
