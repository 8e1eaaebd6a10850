"""What each notebook's app must show, computed by direct calls to the helpers.

One :class:`Notebook` per notebook says which language to set in its parameters cell, which
slider to move, and what the page must show for a value of that slider (:class:`Shown`: figure
traces by figure title, whole tables, texts). The browser test reads the slider's readout after
moving it, asks the matching ``expect`` function here for that value, and compares with what it
reads off the page. Adding a notebook is adding an entry to :data:`NOTEBOOKS`.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from html.parser import HTMLParser
from itertools import accumulate

from helpers.case import DEFAULT_SAMPLE, Case, find_case, load_case
from helpers.i18n.catalogue import t
from tests.browser.pages import normal, slider, wait_until

__all__ = [
    "Shown",
    "Move",
    "Notebook",
    "NOTEBOOKS",
    "problems",
    "assert_shows",
    "Moved",
    "move_slider",
    "html_cells",
    "foreign_month_ticks",
]


@dataclass
class Shown:
    """What a page must show.

    ``figures`` maps a figure's title to ``{trace index: {"x": [...], "y": [...]}}`` (either
    key may be left out); ``tables`` are whole tables as rows of cell texts, header first;
    ``texts`` must each appear inside a widget's text.
    """

    figures: dict[str, dict[int, dict[str, list]]] = field(default_factory=dict)
    tables: list[list[list[str]]] = field(default_factory=list)
    texts: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class Move:
    """The slider a test moves: its label in a language, the key pressed on its handle, how
    its readout turns into a value, and what the page must show for a value."""

    label: Callable[[str], str]
    parse: Callable[[str], object]
    expect: Callable[[str, object], Shown]
    key: str = "ArrowRight"


@dataclass(frozen=True)
class Notebook:
    """A notebook under test: its file, the language set in its parameters cell, what it shows
    once run (before any move), and the slider to move (None: nothing to move)."""

    name: str
    lang: str
    shown: Callable[[str], Shown] | None = None
    move: Move | None = None

    @property
    def file(self) -> str:
        return f"{self.name}.ipynb"

    @property
    def parameters(self) -> str:
        return f'case_path = ""\nlang = "{self.lang}"'


@cache
def _case() -> Case:
    """The case every notebook opens with an empty ``case_path``: the default sample."""
    return load_case(find_case(DEFAULT_SAMPLE))


def _yuan(values) -> list[float]:
    return [v / 100 for v in values]


# ---- 00 start here ------------------------------------------------------------------------------
def start_shown(lang: str) -> Shown:
    """The start app's overview: what the borrower can carry, and what waiting costs."""
    from helpers.debts.waiting import waiting_summary
    from helpers.ui.start import WAITING_MONTHS, capacity_sentence

    case = _case()
    return Shown(
        texts=[
            capacity_sentence(case, lang),
            waiting_summary(case, months=WAITING_MONTHS).render(lang),
        ]
    )


# ---- 01 budget: the recovery month slider -------------------------------------------------------
def budget_expect(lang: str, recovery_month: object) -> Shown:
    """The budget figure and the sentence on what can be carried, for a recovery month."""
    from helpers.budget.monthly import DEFAULT_HORIZON, NEVER, carry, monthly_budget
    from helpers.budget.whatif import budget_settings, what_if
    from helpers.charts.budget import BUDGET_TRACES, yuan_values

    case = _case()
    settings = dataclasses.replace(budget_settings(case), recovery_month=recovery_month)
    changed, overrides = what_if(case, settings)
    budget = monthly_budget(changed, horizon=DEFAULT_HORIZON, overrides=overrides)
    recovery = None if recovery_month == NEVER else recovery_month
    traces = {
        k: {"x": list(budget.months), "y": list(yuan_values(budget, name))}
        for k, name in enumerate(BUDGET_TRACES)
    }
    return Shown(
        figures={t("ui.budget.chart.title", lang): traces},
        texts=[carry(budget, recovery).render(lang)],
    )


def _month_readout(text: str) -> str:
    return text.strip()


# ---- 02 debts: the months-of-waiting slider ----------------------------------------------------
def debts_expect(lang: str, months: object) -> Shown:
    """The cost-of-waiting figure and table for a number of months of waiting, and the total
    that the helpers' summary gives (independently of the table's sum)."""
    from helpers.charts.debts import WAITING_TRACES
    from helpers.debts.waiting import WAITING_COLUMNS, cost_of_waiting
    from helpers.money import format_fen
    from helpers.ui.debts import waiting_html

    cost = cost_of_waiting(_case())
    table = cost.table(months)
    total = cost.summary(months).added_fen
    names = [f"{i} {lender}" for i, lender in zip(table.debt_id, table.lender, strict=True)]
    title = t("ui.debts.chart.waiting_title", lang, months=months, total=format_fen(total, lang))
    traces = {
        k: {"x": names, "y": _yuan(table[name].tolist())} for k, name in enumerate(WAITING_TRACES)
    }
    cells = html_cells(waiting_html(table, months, lang))
    assert cells[-1][WAITING_COLUMNS.index("added")] == normal(format_fen(total, lang))
    return Shown(figures={title: traces}, tables=[cells])


# ---- 03 scenarios: the term slider --------------------------------------------------------------
@cache
def _comparison():
    from helpers.scenarios.compare import compare

    return compare(_case())


def scenarios_expect(lang: str, term: object) -> Shown:
    """The tuned scenario for a term, as ``tests/test_ui_scenarios.py`` computes it: its dues
    against the money for debts, its cumulative cost, and the comparison table whose last row
    it is."""
    from helpers.budget.monthly import monthly_budget
    from helpers.engine import monthly_totals
    from helpers.money import format_fen
    from helpers.scenarios.compare import evaluate
    from helpers.scenarios.tuning import Tuning, build_scenario
    from helpers.ui.scenarios import TABLE_COLUMNS, result_row

    case = _case()
    means = tuple(monthly_budget(case).available_fen)
    scenario = dataclasses.replace(build_scenario(case, Tuning(term_months=term)), means_fen=means)
    result = evaluate(case, scenario)
    projection = result.projection
    totals = monthly_totals(projection)
    months = list(projection.months)
    pairs = zip(totals["dues"], totals["means"], strict=True)
    short = [m for m, (due, means_fen) in enumerate(pairs) if due > means_fen]
    dues = {
        0: {"x": months, "y": _yuan(totals["dues"])},
        1: {"x": months, "y": _yuan(totals["means"])},
        2: {"x": [months[m] for m in short], "y": [totals["dues"][m] / 100 for m in short]},
    }
    last = len(_comparison().results)  # the tuned scenario's trace comes after the defaults
    cost = {last: {"x": months, "y": _yuan(accumulate(totals["cost"]))}}
    header = [t(f"scenarios.compare.col_{c}", lang) for c in TABLE_COLUMNS]
    rows = [result_row(r, lang) for r in _comparison().results] + [result_row(result, lang)]
    largest = rows[-1][TABLE_COLUMNS.index("max_monthly_payment")]
    assert largest == format_fen(result.metrics.max_scheduled_due_fen, lang)
    return Shown(
        figures={t("charts.dues_title", lang): dues, t("charts.cost_title", lang): cost},
        tables=[[[normal(c) for c in row] for row in [header, *rows]]],
    )


NOTEBOOKS: tuple[Notebook, ...] = (
    Notebook("00_start_here", "zh-CN", shown=start_shown),
    Notebook(
        "01_budget",
        "zh-CN",
        move=Move(
            label=lambda lang: t("ui.budget.field.recovery_month", lang),
            parse=_month_readout,
            expect=budget_expect,
        ),
    ),
    Notebook(
        "02_debts",
        "en",
        move=Move(label=lambda lang: t("ui.debts.months", lang), parse=int, expect=debts_expect),
    ),
    Notebook(
        "03_scenarios",
        "zh-CN",
        move=Move(label=lambda lang: t("ui.scen.term", lang), parse=int, expect=scenarios_expect),
    ),
)


# ---- comparing ----------------------------------------------------------------------------------
def problems(shown: Shown, page: dict) -> list[str]:
    """How a page snapshot (:func:`tests.browser.pages.snapshot`) differs from ``shown``;
    empty when it shows all of it.

    >>> page = {"figures": [{"title": "T", "traces": [{"name": "a", "x": [1], "y": [2.5]}]}],
    ...         "tables": [[["h"], ["1"]]], "texts": ["you can carry ¥380.00 a month"]}
    >>> problems(Shown({"T": {0: {"y": [2.5]}}}, [[["h"], ["1"]]], ["¥380.00"]), page)
    []
    >>> problems(Shown({"T": {0: {"y": [3.0]}}}, texts=["¥400.00"]), page)
    ["figure 'T' trace 0 y: page [2.5] != helpers [3.0]", "no widget shows '¥400.00'"]
    """
    found = []
    for title, traces in shown.figures.items():
        figures = [f for f in page["figures"] if f["title"] == normal(title)]
        if not figures:
            titles = [f["title"] for f in page["figures"]]
            found.append(f"no figure titled {title!r} (the page has {titles})")
            continue
        for index, axes in traces.items():
            if index >= len(figures[0]["traces"]):
                found.append(f"figure {title!r} has no trace {index}")
                continue
            trace = figures[0]["traces"][index]
            for axis, expected in axes.items():
                if trace[axis] != expected:
                    found.append(
                        f"figure {title!r} trace {index} {axis}: "
                        f"page {_short(trace[axis])} != helpers {_short(expected)}"
                    )
    for table in shown.tables:
        if table not in page["tables"]:
            near = [p for p in page["tables"] if p[:1] == table[:1]]
            found.append(f"no table {table} (the page has {near or page['tables']})")
    for text in shown.texts:
        if not any(normal(text) in shown_text for shown_text in page["texts"]):
            found.append(f"no widget shows {normal(text)!r}")
    return found


def assert_shows(page, shown: Shown, *, timeout: float = 30) -> None:
    """Wait until the page shows ``shown``; fail with the differences if it never does."""
    found = wait_until(page, lambda snap: problems(shown, snap), timeout=timeout)
    assert not found, "the page does not show what the helpers compute:\n" + "\n".join(found)


@dataclass(frozen=True)
class Moved:
    """A slider's value before and after a move, and how the page differed from the helpers
    at each (empty lists when it agreed)."""

    before: object
    after: object
    differed_before: list[str]
    differed_after: list[str]


def move_slider(page, move: Move, lang: str, *, timeout: float = 30) -> Moved:
    """Compare the page with the helpers at the slider's value, press the key on its handle,
    read the new value off its readout and compare again (waiting up to ``timeout`` seconds
    for the page to agree)."""
    control = slider(page, move.label(lang))
    control.scroll_into_view_if_needed()
    readout = control.locator(".widget-readout")
    before_text = readout.inner_text()
    before = move.parse(before_text)
    expected = move.expect(lang, before)
    differed_before = wait_until(page, lambda snap: problems(expected, snap), timeout=timeout)
    handle = control.locator(".noUi-handle")
    handle.focus()
    handle.press(move.key)
    page.wait_for_function(
        "([el, old]) => el.textContent.trim() !== old.trim()",
        arg=[readout.element_handle(), before_text],
        timeout=10_000,
    )
    after = move.parse(readout.inner_text())
    expected = move.expect(lang, after)
    differed_after = wait_until(page, lambda snap: problems(expected, snap), timeout=timeout)
    return Moved(before, after, differed_before, differed_after)


def _short(values: list | None) -> str:
    text = repr(values)
    return text if len(text) < 400 else text[:400] + " …"


class _Cells(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list) -> None:
        if tag == "tr":
            self.rows.append([])
        elif tag in ("td", "th"):
            self._cell = []

    def handle_endtag(self, tag: str) -> None:
        if tag in ("td", "th") and self._cell is not None:
            self.rows[-1].append(normal("".join(self._cell)))
            self._cell = None

    def handle_data(self, data: str) -> None:
        if self._cell is not None:
            self._cell.append(data)


def html_cells(text: str) -> list[list[str]]:
    """The rows of an HTML table as cell texts, as the page snapshot reads them.

    >>> html_cells("<table><tr><th>a &amp; b</th></tr><tr><td> 1 <b>x</b></td></tr></table>")
    [['a & b'], ['1 x']]
    """
    parser = _Cells()
    parser.feed(text)
    return parser.rows


_MONTH_NAMES = re.compile(r"\b(Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\b")


def foreign_month_ticks(page: dict, lang: str) -> list[str]:
    """Month names drawn in English on a Chinese page (plotly's date axes default to them),
    as ``"figure title: tick"``.

    >>> page = {"figures": [{"title": "T", "xticks": ["Jul 2025", "2025-08"]}]}
    >>> foreign_month_ticks(page, "zh-CN"), foreign_month_ticks(page, "en")
    (["T: 'Jul 2025'"], [])
    """
    if lang != "zh-CN":
        return []
    return [
        f"{figure['title']}: {tick!r}"
        for figure in page["figures"]
        for tick in figure.get("xticks", [])
        if _MONTH_NAMES.search(tick)
    ]
