"""The one HTML table builder (helpers.charts.html_table) and the frames shown through it."""

from __future__ import annotations

import re

import pandas as pd

from helpers.charts import decimal_text, frame_table, html_table, readable


def _cells(text: str) -> list[list[str]]:
    rows = re.findall(r"<tr>(.*?)</tr>", text)
    return [re.findall(r"<t[hd] [^>]*>(.*?)</t[hd]>", row) for row in rows]


def test_the_html_table_escapes_every_text():
    text = html_table(['<a href="x">'], [["<script>"]], titles=[['"quoted"']])
    assert "<script>" not in text and "&lt;script&gt;" in text
    assert 'title="&quot;quoted&quot;"' in text and "&lt;a href=&quot;x&quot;&gt;" in text


def test_headers_and_rows_come_out_in_order_as_text():
    text = html_table(["debt", "owed"], [["d1", 28790], ["d2", None]])
    assert _cells(text) == [["debt", "owed"], ["d1", "28790"], ["d2", "None"]]
    assert text.count("<thead>") == 1


def test_a_row_style_goes_on_every_cell_and_each_row_opens_with_a_bare_tr():
    text = html_table(["a", "b"], [["1", "2"], ["3", "4"]], row_styles=["", "background:#fff3cd"])
    first, last = text.split("<tr>")[2:]
    assert "background" not in first and last.count(";background:#fff3cd") == 2
    assert "<tr " not in text


def test_numbers_go_right_and_long_texts_may_wrap():
    text = html_table(
        ["note", "owed"], [["long", "1.00"]], right=[False, True], wrap=[True, False]
    )
    body = text.split("<tbody>")[1]
    assert re.findall(r"text-align:(\w+)", body) == ["left", "right"]
    assert re.findall(r"white-space:nowrap\">([^<]*)<", body) == ["1.00"]


def test_a_list_of_facts_has_no_header_row_and_labels_each_row():
    text = html_table([], [("As of", "2025-04-01"), ("Savings", "CN¥1,500.00")], row_headers=True)
    assert "<thead>" not in text
    assert re.findall(r"<(t[hd]) ", text) == ["th", "td", "th", "td"]
    assert _cells(text) == [["As of", "2025-04-01"], ["Savings", "CN¥1,500.00"]]


def test_a_frame_shows_its_decimals_as_readable_does_and_no_row_numbers():
    frame = pd.DataFrame(
        {"lender": ["招商银行", "表哥"], "owed": [28790.0, float("nan")], "days": [42, 0]},
        index=[7, 8],
    )
    text = frame_table(frame)
    assert _cells(text) == [["lender", "owed", "days"], ["招商银行", "28,790.00", "42"],
                            ["表哥", "—", "0"]]  # fmt: skip
    aligned = re.findall(r"text-align:(\w+)", text.split("<tbody>")[1])
    assert aligned[:3] == ["left", "right", "right"]
    assert readable(frame).to_string().splitlines()[1:] == ["招商银行 28,790.00 42", "表哥 — 0"]


def test_a_decimal_is_written_with_separators_and_two_places_and_missing_as_a_dash():
    assert decimal_text(1234567.891) == "1,234,567.89"
    assert decimal_text(-12.5) == "-12.50"
    assert decimal_text(float("nan")) == decimal_text(None) == "—"
