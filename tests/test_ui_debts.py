"""The debts app, driven without a browser, checked against helpers.debts (notebook 02 under
papermill: tests/test_notebooks.py).

Zhang Wei (the default sample, as of 2025-04-01): d1 招商银行 card, d2 建设银行 card, d3 招联
consumer-finance loan, d4 借呗, d5 a cousin's private loan (not reported).
"""

from __future__ import annotations

import pytest

from helpers.case import load_sample
from helpers.charts.debts import WAITING_TRACES, timeline_z
from helpers.debts.standing import debt_standing
from helpers.debts.waiting import cost_of_waiting
from helpers.errors import WorkbenchError
from helpers.money import format_fen
from helpers.rules import OverdueClass
from helpers.ui.debts import DebtsApp, debts_app, waiting_html

CHEN = "chen_jian_business_loss"


# ---- the check: the app against the helpers ----
@pytest.mark.parametrize("months", [1, 7, 24])
def test_after_setting_the_slider_the_table_and_figure_are_what_waiting_computes(months):
    case = load_sample(CHEN)
    app = DebtsApp(case, lang="en")
    app.controls["months"].value = months
    expected = cost_of_waiting(case).table(months)
    assert app.result.equals(expected)
    for trace, name in zip(app.waiting_figure.data, WAITING_TRACES, strict=True):
        assert trace.y == tuple(v / 100 for v in expected[name])
    total = format_fen(int(expected.added.sum()), "en")
    assert total in app.waiting_figure.layout.title.text
    assert total in app.summary.value
    for added in expected.added:
        assert format_fen(int(added), "en") in app.waiting_table.value
    assert app.timeline_figure.layout.shapes[0].x0 == months - 0.5


def test_the_summary_and_record_follow_the_slider():
    case = load_sample()
    app = DebtsApp(case, lang="en")
    app.controls["months"].value = 6
    assert app.summary_result == cost_of_waiting(case).summary(6)
    assert "until 2030-10 at the earliest" in app.record.value


def test_the_timeline_shows_each_reported_debts_class_per_month():
    case = load_sample()
    app = DebtsApp(case, lang="en")
    heat = app.timeline_figure.data[0]
    cost = cost_of_waiting(case)
    assert [list(row) for row in heat.z] == timeline_z(cost)
    assert list(heat.y) == ["d1 招商银行", "d2 建设银行", "d3 招联消费金融", "d4 借呗"]
    classes = list(OverdueClass)
    assert classes[heat.z[0][2]] == cost.debt("d1").classes[2] == OverdueClass.DOUBTFUL
    assert heat.text[0][2] == "d1 · end of 2025-06 · 132 days overdue · doubtful"


def test_the_standing_table_shows_rates_lines_crossed_and_class_now():
    case = load_sample(CHEN)
    app = DebtsApp(case, lang="en")
    standing = debt_standing(case)
    html = app.standing_table.value
    for s in standing:
        assert s.rate_text("nominal", "en") in html and s.rate_text("effective", "en") in html
    assert "all-in 15.00% &gt; 13.40%" in html
    assert 'title="The all-in rate of 15.00% a year' in html  # the full finding on hover
    assert html.count("not reported") == 1 and "substandard" in html


def test_secured_and_unreported_debts_are_explained():
    app = DebtsApp(load_sample(CHEN), lang="en")
    assert "Secured debts (d1, d2) are left out" in app._left_out.value
    assert "d7 is not reported" in app._left_out.value


def test_switching_language_relabels_titles_tables_and_figures():
    app = DebtsApp(load_sample(), lang="en")
    app.controls["months"].value = 5
    app.controls["lang"].value = "zh-CN"
    assert app.waiting_figure.layout.title.text.startswith("等 5 个月不还款")
    assert app.waiting_figure.data[0].name == "利息"
    assert app.waiting_figure.layout.yaxis.title.text == "增加的金额"
    assert app.timeline_figure.layout.title.text == "一直不还款时的五级分类"
    assert app.timeline_figure.data[0].colorbar.ticktext[-1] == "损失"
    assert app.timeline_figure.layout.annotations[0].text == "5 个月后"
    assert (
        "5 个月共增加" in app.waiting_table.value
        and "真实年化（名义）" in app.standing_table.value
    )
    assert app._slider_row.label.value == "再等几个月不还款"
    assert "征信业管理条例" in app.record.value
    assert app.summary.value.startswith("<b>再等 5 个月不还款")
    app.controls["lang"].value = "en"
    assert app.waiting_figure.data[0].name == "interest"
    assert app.timeline_figure.layout.annotations[0].text == "after 5 months"


def test_a_workbench_error_in_a_callback_reaches_the_message_area(monkeypatch):
    app = DebtsApp(load_sample(), lang="en")

    def broken(self, months):
        raise WorkbenchError(f"no figures for {months} months")

    monkeypatch.setattr(DebtsApp, "show_months", broken)
    app.controls["months"].value = 9
    assert app.messages.lines == ["no figures for 9 months"]
    assert app.messages.kind == "error"


def test_the_app_starts_at_the_months_asked_for_within_the_slider():
    app = debts_app("li_na_illness", lang="en", months=12)
    assert app.controls["months"].value == 12 and app.summary_result.months == 12
    assert DebtsApp(load_sample(), months=99).months == 24


def test_the_waiting_table_ends_with_the_totals():
    table = cost_of_waiting(load_sample()).table(3)
    text = waiting_html(table, 3, "en")
    last_row = text.rsplit("<tr>", 1)[1]
    assert "total" in last_row and format_fen(int(table.added.sum()), "en") in last_row


def test_the_waiting_table_shows_rates_as_percentages_flagged_over_the_line():
    import re

    from helpers.debts.waiting import WAITING_COLUMNS

    app = DebtsApp(load_sample(), lang="en")
    app.controls["months"].value = 12
    rows = re.findall(r"<tr>(.*?)</tr>", app.waiting_table.value)
    card = re.findall(r"<td[^>]*>(.*?)</td>", rows[1])  # under the header
    # Zhang Wei's card a year unpaid: 88.67% a year against the 24% court line (DebtWaiting)
    assert card[WAITING_COLUMNS.index("waiting_rate")] == "88.67% (over the line)"
    assert card[WAITING_COLUMNS.index("line_rate")] == "24.00%"
    assert not re.search(r">0\.\d{5,}<", app.waiting_table.value)  # no raw fractions
