"""The apps' charts draw on every load (issue 16, item 3): 03_scenarios opened in JupyterLab and
run five times in a row, each time on a fresh page with the kernels shut down before, must draw
both its figures with their traces and titles; 01 and 02 once each.

What failed: a plotly ``FigureWidget`` is an anywidget, and anywidget gives a model two seconds
from its creation to load its front-end module, here plotly's 5 MB widget bundle compiled once
per figure. Past that the model fails ("[anywidget] Failed to initialize model.") and every
later message to it is dropped, so the figure stays as its model was created: no traces, no
title (empty axes −1…6), whatever the sliders do (:mod:`helpers.ui.figures`). Whether a load
lost the race depended on how busy the machine was, so 03's loads run with the page's CPU slowed
:data:`SLOWER` times (Chromium's CPU throttling), as on the busy laptop of the report.

Each load reads, from ``el.data`` and ``el.layout`` of each ``.js-plotly-plot``, that every
figure has a title and a trace with points, and collects the console: no message and no page
error may say "Failed to initialize model".
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import pytest

from tests.browser.checks import NOTEBOOKS, Notebook
from tests.browser.pages import lab_open, lab_run_all, lab_set_parameters, screenshot, watch
from tests.browser.servers import TOKEN
from tests.support import ROOT

pytestmark = pytest.mark.slow

# measured on 2 cores: unfixed, 9 of 28 such loads of 03 blank (4 of 6 runs failed), 0 of 5
# unthrottled; fixed, 1 of 10 (one figure, with a second lab and browser running beside it)
SLOWER = 4
_BY_NAME = {n.name: n for n in NOTEBOOKS}


@dataclass(frozen=True)
class Charts:
    """A notebook, how many figures its app draws, how many loads in a row, how slow a CPU."""

    notebook: Notebook
    figures: int
    loads: int
    slower: float = 1


CHARTS = (
    Charts(_BY_NAME["03_scenarios"], figures=2, loads=5, slower=SLOWER),
    Charts(_BY_NAME["01_budget"], figures=1, loads=1),
    Charts(_BY_NAME["02_debts"], figures=2, loads=1),
)

FIGURES = """() => [...document.querySelectorAll('.js-plotly-plot')].map(el => {
    const title = el.layout && el.layout.title;
    const text = title && typeof title === 'object' ? title.text : title;
    const points = v => (v ? Array.from(v).length : 0);
    const traces = (el.data || []).map(t => ({x: points(t.x), y: points(t.y)}));
    return {title: (text || '').trim(), traces};
})"""

_BROKEN = "Failed to initialize model"


def blank_figures(figures: list[dict], expected: int) -> list[str]:
    """What is missing from the figures read off a page (empty when all ``expected`` figures
    have a title and at least one trace with points).

    >>> drawn = {"title": "T", "traces": [{"x": 3, "y": 3}]}
    >>> blank_figures([drawn, {"title": "", "traces": []}], 2)
    ['figure 1 has no title', 'figure 1 has no trace with points']
    >>> blank_figures([drawn], 2)
    ['1 figures drawn, 2 expected']
    """
    found = (
        [] if len(figures) == expected else [f"{len(figures)} figures drawn, {expected} expected"]
    )
    for index, figure in enumerate(figures):
        if not figure["title"]:
            found.append(f"figure {index} has no title")
        if not any(t["x"] and t["y"] for t in figure["traces"]):
            found.append(f"figure {index} has no trace with points")
    return found


def _load(lab, context, charts: Charts, attempt: int) -> list[str]:
    """Open the notebook on a fresh page, run all, wait for the figures; what went wrong."""
    notebook = charts.notebook
    record = watch(context)
    page = record.follow(context.new_page())
    console: list[str] = []
    page.on("console", lambda message: console.append(f"{message.type}: {message.text}"))
    if charts.slower > 1:
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": charts.slower})
    try:
        lab_open(page, lab.base_url, TOKEN, notebook.file)
        lab_set_parameters(page, notebook.parameters)
        lab_run_all(page)
        deadline = time.monotonic() + 20 * charts.slower  # a figure drawn gets its data by then
        while (found := blank_figures(page.evaluate(FIGURES), charts.figures)) and (
            time.monotonic() < deadline
        ):
            page.wait_for_timeout(250)
        if found:
            screenshot(page, f"FAILED-chart-load-{notebook.name}-{attempt}")
    finally:
        page.close()
        lab.shutdown_kernels()
    broken = [m for m in console + record.page_errors if _BROKEN in m]
    return [f"load {attempt}: {problem}" for problem in found + broken]


@pytest.mark.parametrize("charts", CHARTS, ids=lambda c: f"{c.notebook.name}-x{c.loads}")
def test_every_load_draws_every_figure(charts: Charts, lab, context):
    if not (ROOT / "notebooks" / charts.notebook.file).exists():
        pytest.skip(f"notebooks/{charts.notebook.file} is not in this checkout")
    loads = range(1, charts.loads + 1)
    problems = [p for attempt in loads for p in _load(lab, context, charts, attempt)]
    assert problems == [], "\n".join(problems)
