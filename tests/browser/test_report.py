"""The advisor's report opens offline (issue 18): ``report.html`` opened in headless Chromium as a
file, with every request that is not for that file aborted, draws every chart (read back from
the page: each figure's traces and its SVG) and requests nothing; its Chinese is drawn with a
CJK font. No Jupyter server: the page is the file the pack holds.

Screenshots: ``test-output/browser/report-<sample>-<lang>.png``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers.journal import Entry
from helpers.pack.report import report_html, write_entries
from tests.browser.pages import SCREENSHOTS, assert_cjk_font, platform_fonts
from tests.support import SAMPLES

pytestmark = pytest.mark.slow

# (sample, language, with contacts in the journal, figures: budget 1 + debts 2 + scenarios 2,
# + the journal's timeline when there are contacts)
PAGES = [("zhang_wei_unemployed", "zh-CN", True, 6), ("li_na_illness", "en", False, 5)]

# every figure on the page: its traces (kind and points) and whether plotly drew its SVG
DRAWN = """() => [...document.querySelectorAll('.js-plotly-plot')].map(el => ({
    id: el.id,
    traces: (el.data || []).map(t => ({
        type: t.type || 'scatter',
        points: Math.max(t.x ? Array.from(t.x).length : 0, t.z ? Array.from(t.z).length : 0),
    })),
    svg: el.querySelector('svg.main-svg') !== null,
    title: ((el.layout && el.layout.title && el.layout.title.text) || '').trim(),
}))"""
ALL_DRAWN = """(expected) => {
    const plots = [...document.querySelectorAll('.js-plotly-plot')];
    return plots.length === expected && plots.every(el =>
        (el.data || []).length > 0 && el.querySelector('svg.main-svg') !== null);
}"""


def _entries() -> list[Entry]:
    return [
        Entry(
            when="2025-04-02 10:15",
            debt_id="d1",
            lender="招商银行",
            channel="hotline",
            initiator="me",
            summary="申请个性化分期",
            outcome="refused",
        ),
        Entry(
            when="2025-04-03 21:00",
            debt_id="d4",
            lender="借呗",
            channel="collector_call",
            initiator="collector",
            summary="催收来电",
        ),
    ]


@pytest.fixture(scope="module")
def reports(browser_prerequisites, tmp_path_factory) -> dict[str, Path]:
    """The report of each page in :data:`PAGES`, written where a pack would unpack it."""
    made = {}
    for sample, lang, contacts, _ in PAGES:
        folder = tmp_path_factory.mktemp(f"report-{sample}")
        journal = write_entries(_entries(), folder / "journal.json") if contacts else None
        page = report_html(
            SAMPLES / f"{sample}.yaml", lang, journal_file=journal, work_dir=folder / "work"
        )
        path = folder / "unpacked" / "report.html"
        path.parent.mkdir()
        path.write_bytes(page)
        made[sample] = path
    return made


@pytest.mark.parametrize(("sample", "lang", "contacts", "figures"), PAGES)
def test_the_report_draws_every_chart_offline_and_requests_nothing(
    context, reports, sample, lang, contacts, figures
):
    report = reports[sample]
    url = report.as_uri()
    assert report.read_text("utf-8").count('class="plotly-graph-div"') == figures
    requested, blocked, errors = [], [], []

    def route(route):
        if route.request.url == url:
            route.continue_()
        else:
            blocked.append(route.request.url)
            route.abort("blockedbyclient")

    def socket(ws):
        blocked.append(ws.url)
        ws.close()

    context.route("**/*", route)
    context.route_web_socket(lambda _url: True, socket)
    page = context.new_page()
    page.on("request", lambda request: requested.append(request.url))
    page.on("pageerror", lambda error: errors.append(str(error)))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(url, wait_until="load")
    page.wait_for_function(ALL_DRAWN, arg=figures, timeout=60_000)
    drawn = page.evaluate(DRAWN)

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"report-{sample}-{lang}.png"), full_page=True)

    # nothing but the file itself (whether Chromium reports a file's own load as a request or
    # not; data: URLs plotly makes in the page are not requests to any machine)
    outside = [u for u in requested if u != url and not u.startswith(("data:", "blob:"))]
    assert outside == [] and blocked == [] and errors == []
    assert [d["id"] for d in drawn] == [f"report-figure-{k}" for k in range(1, figures + 1)]
    for figure in drawn:
        assert figure["svg"] and figure["title"], figure
        assert figure["traces"] and any(t["points"] > 0 for t in figure["traces"]), figure
    if contacts:  # the journal's timeline: a marker per contact, a trace per outcome
        assert sorted(t["points"] for t in drawn[-1]["traces"]) == [1, 1]


def test_the_chinese_report_is_drawn_with_a_cjk_font(context, reports):
    url = reports["zhang_wei_unemployed"].as_uri()
    context.route(
        "**/*", lambda r: r.continue_() if r.request.url == url else r.abort("blockedbyclient")
    )
    page = context.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_function(ALL_DRAWN, arg=6, timeout=60_000)
    assert assert_cjk_font(page)  # the figures' titles (每月收入、开支与…)
    fonts = platform_fonts(page, "h1")  # the page's own text: 协商还款情况报告（供顾问参阅）
    assert any("CJK" in f["familyName"] and f["glyphCount"] for f in fonts), fonts
