"""``make app`` in a real browser: Voila serves the notebooks on 127.0.0.1 with no code shown,
and the apps work there as in JupyterLab.

The server is ``make app`` itself (on a free port, without opening a browser). Requests outside
127.0.0.1 are blocked and counted; only those in :mod:`tests.browser.allowlist` may happen
(Voila's templates ask a CDN for icon CSS). Each app's slider is moved and its figure and table
compared with direct calls to the helpers, as in the JupyterLab test; the notebooks run with
their own parameters, so in the sample's language (Chinese).
"""

from __future__ import annotations

import json

import pytest

from helpers.case import DEFAULT_SAMPLE, find_case, load_case
from tests.browser.allowlist import unexpected, unexpected_requests
from tests.browser.checks import NOTEBOOKS, Notebook, foreign_month_ticks, move_slider
from tests.browser.pages import assert_cjk_font, normal, screenshot, snapshot, watch
from tests.support import ROOT

pytestmark = pytest.mark.slow


def _code_lines(notebook: str) -> list[str]:
    """The lines of code of a notebook that a page showing its code would contain."""
    cells = json.loads((ROOT / "notebooks" / notebook).read_text("utf-8"))["cells"]
    lines = [line.strip() for c in cells if c["cell_type"] == "code" for line in c["source"]]
    return [line for line in lines if len(line) > 8 and not line.startswith("#")]


def _assert_only_allowed(record) -> None:
    assert unexpected_requests("voila", record.outside) == []
    assert record.page_errors == []
    assert unexpected("voila", record.console_errors) == []


def test_make_app_serves_every_notebook_on_localhost(app, context):
    assert "--Voila.ip=127.0.0.1" in app.log() and "--strip_sources=True" in app.log()
    record = watch(context)
    page = record.follow(context.new_page())
    page.goto(app.base_url + "/")
    page.wait_for_selector("a[href*='/voila/render/']")
    links = page.locator("a[href*='/voila/render/']").evaluate_all(
        "links => links.map(a => a.getAttribute('href').split('?')[0])"
    )
    notebooks = sorted(p.name for p in (ROOT / "notebooks").glob("*.ipynb"))
    assert links == [f"/voila/render/{name}" for name in notebooks]
    _assert_only_allowed(record)


@pytest.mark.parametrize(
    "notebook", [n for n in NOTEBOOKS if n.move is not None], ids=lambda n: n.name
)
def test_app_under_voila_shows_no_code_and_follows_its_slider(notebook: Notebook, app, context):
    if not (ROOT / "notebooks" / notebook.file).exists():
        pytest.skip(f"notebooks/{notebook.file} is not in this checkout")
    lang = load_case(find_case(DEFAULT_SAMPLE)).language  # the notebook's own parameters
    record = watch(context)
    page = record.follow(context.new_page())
    page.goto(f"{app.base_url}/voila/render/{notebook.file}", timeout=120_000)
    page.wait_for_selector(".widget-slider .noUi-handle", timeout=120_000)
    page.wait_for_selector(".js-plotly-plot")
    text = normal(page.locator("body").inner_text())
    assert [line for line in _code_lines(notebook.file) if normal(line) in text] == []
    assert page.locator(".jp-InputArea-editor, .cm-editor, .CodeMirror").count() == 0
    moved = move_slider(page, notebook.move, lang, timeout=10)
    assert moved.after != moved.before
    assert foreign_month_ticks(snapshot(page), lang) == []
    if lang == "zh-CN":
        assert_cjk_font(page)
    screenshot(page, f"voila-{notebook.name}-{lang}")
    page.close()
    _assert_only_allowed(record)
    assert record.outside, "Voila's CDN requests were expected (and blocked); none seen"
    assert moved.differed_before == [], f"once run, at {moved.before!r}"
    assert moved.differed_after == [], f"after the move, at {moved.after!r}"
