"""Slider latency in a real browser: from the input event on the scenario app's term slider to
plotly's ``plotly_afterplot`` in JupyterLab (notebook 03, the default sample).

JupyterLab and chromium are started as the browser tests start them (``tests/browser``); the
notebook runs all its cells, then the term slider's handle gets key presses. For each press the
page records the keydown event's time stamp and every ``plotly_afterplot`` of the two figures
(dues against the money for debts, cumulative cost) until the page is quiet again. Reported
over the measured moves (after a warm-up): the time to the dues figure's first redraw, and to
the last redraw of both figures. The aim is a median of 150 ms or less.

Run alone with ``.venv/bin/python bench/browser_slider.py``; ``make bench`` runs it too.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from helpers.case import DEFAULT_SAMPLE, find_case, load_case  # noqa: E402
from helpers.i18n.catalogue import t  # noqa: E402
from tests.browser.pages import (  # noqa: E402
    lab_open,
    lab_run_all,
    launch,
    missing_prerequisites,
    slider,
    watch,
)
from tests.browser.servers import TOKEN, start_lab  # noqa: E402

NOTEBOOK = "03_scenarios.ipynb"
WARM_UP = 3
MOVES = 20  # after the warm-up: half to the right, half back to the left
TARGET_MS = 150
QUIET_MS = 300  # no further redraw for this long ends a move

_LISTEN = """([handle, duesTitle, costTitle]) => {
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    const find = title => plots.find(el => el.layout && el.layout.title
                                           && el.layout.title.text === title);
    const w = window.__latency = {start: null, dues: [], cost: []};
    handle.addEventListener('keydown', e => {
        w.start = e.timeStamp; w.dues = []; w.cost = [];
    }, true);
    find(duesTitle).on('plotly_afterplot', () => w.dues.push(performance.now()));
    find(costTitle).on('plotly_afterplot', () => w.cost.push(performance.now()));
}"""

_SETTLED = """(quiet) => {
    const w = window.__latency;
    if (w.start === null || !w.dues.length || !w.cost.length) return false;
    return performance.now() - Math.max(w.dues.at(-1), w.cost.at(-1)) > quiet;
}"""


def _measure(page, handle, key: str) -> tuple[float, float, int]:
    handle.press(key)
    page.wait_for_function(_SETTLED, arg=QUIET_MS, timeout=30_000)
    w = page.evaluate("() => window.__latency")
    first = w["dues"][0] - w["start"]
    both = max(w["dues"][-1], w["cost"][-1]) - w["start"]
    return first, both, len(w["dues"]) + len(w["cost"])


def measure() -> dict[str, list[float]]:
    """Start JupyterLab and chromium, run notebook 03 and time the slider moves (ms)."""
    from playwright.sync_api import sync_playwright

    lang = load_case(find_case(DEFAULT_SAMPLE)).language
    with tempfile.TemporaryDirectory(prefix="bench-browser-") as home:
        server = start_lab(Path(home))
        try:
            with sync_playwright() as playwright:
                browser = launch(playwright, Path(home))
                context = browser.new_context(
                    viewport={"width": 1400, "height": 1000}, service_workers="block"
                )
                record = watch(context)
                page = record.follow(context.new_page())
                lab_open(page, server.base_url, TOKEN, NOTEBOOK)
                lab_run_all(page)
                control = slider(page, t("ui.scen.term", lang))
                control.scroll_into_view_if_needed()
                handle = control.locator(".noUi-handle")
                titles = [t("charts.dues_title", lang), t("charts.cost_title", lang)]
                page.evaluate(_LISTEN, [handle.element_handle(), *titles])
                handle.focus()
                right = WARM_UP + MOVES // 2
                keys = ["ArrowRight"] * right + ["ArrowLeft"] * (WARM_UP + MOVES - right)
                times = [_measure(page, handle, key) for key in keys][WARM_UP:]
                browser.close()
        finally:
            server.shutdown_kernels()
            server.stop()
    if record.outside or record.page_errors:
        raise RuntimeError(f"the page misbehaved: {record}")
    return {
        "first": [f for f, _, _ in times],
        "both": [b for _, b, _ in times],
        "redraws": [n for _, _, n in times],
    }


def _row(name: str, values: list[float]) -> str:
    ordered = sorted(values)
    p90 = ordered[max(0, round(0.9 * len(ordered)) - 1)]
    median = statistics.median(values)
    verdict = "ok" if median <= TARGET_MS else f"OVER the {TARGET_MS} ms aim"
    return (
        f"  {name:<38} median {median:6.1f} ms   min {ordered[0]:6.1f}   p90 {p90:6.1f}   "
        f"max {ordered[-1]:6.1f}   ({verdict})"
    )


def main() -> None:
    missing = missing_prerequisites()
    if missing:
        print("  skipped: no browser here (" + "; ".join(missing) + ")")
        return
    started = time.perf_counter()
    times = measure()
    print(
        f"term slider in JupyterLab ({NOTEBOOK}), {len(times['both'])} moves after "
        f"{WARM_UP} warm-up, from keydown to plotly_afterplot:"
    )
    print(_row("dues figure, first redraw", times["first"]))
    print(_row("both figures, last redraw", times["both"]))
    print("  each move (both figures, ms): " + " ".join(f"{v:.0f}" for v in times["both"]))
    print(
        f"  redraws a move: {statistics.median(times['redraws']):.0f}; "
        f"whole run {time.perf_counter() - started:.0f} s"
    )


if __name__ == "__main__":
    main()
