"""Plotly figure builders and tables: data in, ``go.Figure``, an HTML table or a styled frame
out.

Figures are built once and updated in place by the apps (``FigureWidget.batch_update``), so
each module offers a builder (``…_figure(…) -> go.Figure``) and, where a slider changes the
data, an updater that writes new data into an existing figure's traces. Titles and labels come
from the catalogue in both languages; the look (:mod:`helpers.charts.look`) suits JupyterLab's
default (light) theme and renders Chinese with the Noto CJK fonts.

What does the chart of a year of waiting say on a Chinese page?

>>> from helpers.case import load_sample
>>> from helpers.debts import cost_of_waiting
>>> figure = waiting_figure(cost_of_waiting(load_sample()).table(12), 12, "zh-CN")
>>> figure.layout.title.text
'等 12 个月不还款，各笔债务将增加多少（共 ¥46,255.63）'
"""

from helpers.charts.budget import (
    BUDGET_TRACES,
    budget_figure,
    hardship_window,
    update_budget_figure,
    yuan_values,
)
from helpers.charts.caseload import (
    URGENCY_BANDS,
    URGENCY_DAYS,
    caseload_classes,
    caseload_points,
    caseload_scatter,
    class_counts,
    urgency_band,
)
from helpers.charts.debts import (
    CLASS_COLORS,
    WAITING_TRACES,
    debt_labels,
    timeline_figure,
    timeline_z,
    update_timeline_figure,
    update_waiting_figure,
    waiting_figure,
)
from helpers.charts.journal import JOURNAL_TRACES, journal_figure
from helpers.charts.look import COLORS, FONT_FAMILY, month_axis, styled, yuan_axis
from helpers.charts.scenarios import (
    cost_figure,
    dues_figure,
    label_axes,
    update_cost_figure,
    update_dues_figure,
)
from helpers.charts.tables import decimal_text, frame_table, html_table, readable

__all__ = [
    "URGENCY_BANDS",
    "URGENCY_DAYS",
    "caseload_classes",
    "caseload_points",
    "caseload_scatter",
    "class_counts",
    "urgency_band",
    "JOURNAL_TRACES",
    "journal_figure",
    "BUDGET_TRACES",
    "CLASS_COLORS",
    "COLORS",
    "FONT_FAMILY",
    "WAITING_TRACES",
    "budget_figure",
    "hardship_window",
    "cost_figure",
    "debt_labels",
    "decimal_text",
    "dues_figure",
    "frame_table",
    "html_table",
    "label_axes",
    "month_axis",
    "readable",
    "styled",
    "timeline_figure",
    "timeline_z",
    "update_budget_figure",
    "update_cost_figure",
    "update_dues_figure",
    "update_timeline_figure",
    "update_waiting_figure",
    "waiting_figure",
    "yuan_axis",
    "yuan_values",
]
