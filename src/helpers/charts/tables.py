"""Tables as people read them.

:func:`html_table` is the one builder of an HTML table in the workbench: header labels and
rows of cells in, an escaped HTML string out, so the apps' tables (the debts as they stand,
the cost of waiting, the comparison of scenarios, the start page's overview) look alike and
none can let a lender's name break the page. :func:`frame_table` shows a frame through it.

:func:`readable` is the notebooks' worked results: amounts written "6,300.00" (not
``6300.0``) and without pandas' row numbers. The frames themselves stay numbers, for anyone
who wants to compute with them; this only changes how they are shown.

>>> import pandas as pd
>>> html = readable(pd.DataFrame({"month": ["2025-04"], "income": [6300.0]})).to_html()
>>> "6,300.00" in html, "6300.0" in html
(True, False)
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from typing import Any

import pandas as pd
from pandas.io.formats.style import Styler

__all__ = ["decimal_text", "frame_table", "html_table", "readable"]

_CELL = "padding:3px 8px;border-bottom:1px solid #dddddd"
_MISSING = "—"


def decimal_text(value: Any) -> str:
    """A decimal as a table shows it: thousands separated, two decimals, a dash when missing.

    How does 28,790 yuan owed read in a table, and a debt with no amount?

    >>> decimal_text(28790.0), decimal_text(float("nan")), decimal_text(None)
    ('28,790.00', '—', '—')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return _MISSING
    return f"{value:,.2f}"


def _cell(tag: str, value: Any, style: str, tip: str = "") -> str:
    """One cell, its text escaped; a tooltip underlines it (dotted)."""
    if not tip:
        return f'<{tag} style="{style}">{html.escape(str(value))}</{tag}>'
    style += ";text-decoration:underline dotted"
    return f'<{tag} style="{style}" title="{html.escape(tip)}">{html.escape(str(value))}</{tag}>'


def html_table(
    headers: Sequence[str],
    rows: Sequence[Sequence[Any]],
    *,
    right: Sequence[bool] | None = None,
    wrap: Sequence[bool] | None = None,
    titles: Sequence[Sequence[str]] | None = None,
    row_styles: Sequence[str] | None = None,
    row_headers: bool = False,
) -> str:
    """A plain HTML table, every text escaped (no pandas Styler: this runs in callbacks).

    Cells stay on one line unless their column may wrap; a table wider than the notebook
    scrolls sideways. A row's style goes on each of its cells, so every row opens with a bare
    ``<tr>``.

    Parameters
    ----------
    headers : sequence of str
        The column labels; none for a table without a header row.
    rows : sequence of sequences
        Cell values, shown as text.
    right : sequence of bool, optional
        Which columns are right-aligned (numbers).
    wrap : sequence of bool, optional
        Which columns may wrap (long texts).
    titles : sequence of sequences of str, optional
        A tooltip per cell ("" for none).
    row_styles : sequence of str, optional
        CSS added to every cell of a row ("" for none): a total in bold, a row highlighted.
    row_headers : bool
        Whether each row's first cell labels the row (a ``<th>``), as in a list of facts.

    Returns
    -------
    str
        The table in a ``<div>`` that scrolls sideways.

    Examples
    --------
    How does a debt to "<招商> & Co" owing 28,790 yuan read, its amount on the right?

    >>> import re
    >>> text = html_table(["lender", "owed"], [["<招商> & Co", "CN¥28,790.00"]],
    ...                   right=[False, True])
    >>> re.findall(r"<t[hd] [^>]*>(.*?)</t[hd]>", text)
    ['lender', 'owed', '&lt;招商&gt; &amp; Co', 'CN¥28,790.00']
    >>> re.findall(r"text-align:(\\w+)", text)
    ['left', 'right', 'left', 'right']

    And a total in bold under the debts?

    >>> text = html_table(["debt", "added"], [["d1", "1.00"], ["total", "1.00"]],
    ...                   row_styles=["", "font-weight:bold"])
    >>> text.rsplit("<tr>", 1)[1].count("font-weight:bold")
    2
    """
    columns = len(headers) if headers else max((len(row) for row in rows), default=0)
    aligns = [f"{_CELL};text-align:{'right' if r else 'left'}" for r in right or [0] * columns]
    # a column that may wrap is still wide enough for a few words a line, so a long text
    # takes two or three lines, not six
    nowraps = [";min-width:11em" if w else ";white-space:nowrap" for w in wrap or [0] * columns]
    tags = ["th" if row_headers and j == 0 else "td" for j in range(columns)]
    head = "".join(_cell("th", h, f"{aligns[j]};min-width:3.5em") for j, h in enumerate(headers))
    body = []
    for k, row in enumerate(rows):
        extra = f";{row_styles[k]}" if row_styles and row_styles[k] else ""
        tips = titles[k] if titles else [""] * columns
        cells = (
            _cell(tags[j], v, aligns[j] + extra + nowraps[j], tips[j]) for j, v in enumerate(row)
        )
        body.append(f"<tr>{''.join(cells)}</tr>")
    thead = f"<thead><tr>{head}</tr></thead>" if headers else ""
    return (
        '<div style="overflow-x:auto">'
        '<table style="border-collapse:collapse;font-size:13px;line-height:1.45;margin:0.3em 0">'
        f"{thead}<tbody>{''.join(body)}</tbody></table></div>"
    )


def frame_table(frame: pd.DataFrame, *, wrap: Sequence[bool] | None = None) -> str:
    """A frame as an HTML table (:func:`html_table`), its cells as :func:`readable` shows
    them: decimals with separators and two decimals, a dash for a missing value, numbers on
    the right, no row numbers.

    How do two debts read, one of them with no amount yet?

    >>> frame = pd.DataFrame({"lender": ["招商银行", "表哥"], "owed": [28790.0, None]})
    >>> text = frame_table(frame)
    >>> "28,790.00</td>" in text, "text-align:right;white-space:nowrap\\">—</td>" in text
    (True, True)
    """
    decimals = set(frame.select_dtypes("float").columns)
    numbers = set(frame.select_dtypes("number").columns)
    rows = [
        [
            decimal_text(value) if column in decimals else _MISSING if value is None else value
            for column, value in zip(frame.columns, record, strict=True)
        ]
        for record in frame.itertuples(index=False, name=None)
    ]
    right = [column in numbers for column in frame.columns]
    return html_table([str(c) for c in frame.columns], rows, right=right, wrap=wrap)


def readable(frame: pd.DataFrame) -> Styler:
    """The frame for display: decimal columns with thousands separators and two decimals, a
    dash for a missing value, no row numbers.

    >>> frame = pd.DataFrame({"owed": [28790.0, None], "days": [42, 0]})
    >>> readable(frame).to_string().splitlines()[1:]
    ['28,790.00 42', '— 0']
    """
    decimals = list(frame.select_dtypes("float").columns)
    return frame.style.format(decimal_text, subset=decimals).hide(axis="index")
