"""``make app`` in a real browser: Voila serves the notebooks on 127.0.0.1 with no code shown,
and the apps work there as in JupyterLab.

The server is ``make app`` itself (on a free port, without opening a browser). Requests outside
127.0.0.1 are blocked and counted: none may happen, on the file list or on any app (the
project's page template leaves out the icon CSS Voila's own templates link from a CDN), and
every icon shown must be drawn with Font Awesome, which can then only have come from
127.0.0.1. Each app's slider is moved and its figure and table compared with direct calls to
the helpers, as in the JupyterLab test; the notebooks run with their own parameters, so in the
sample's language (Chinese).
"""

from __future__ import annotations

import json

import pytest

from helpers.case import DEFAULT_SAMPLE, find_case, load_case
from tests.browser.allowlist import unexpected
from tests.browser.checks import NOTEBOOKS, Notebook, foreign_month_ticks, move_slider
from tests.browser.pages import (
    assert_cjk_font,
    assert_icon_font,
    normal,
    screenshot,
    snapshot,
    watch,
)
from tests.support import ROOT

pytestmark = pytest.mark.slow


def _code_lines(notebook: str) -> list[str]:
    """The lines of code of a notebook that a page showing its code would contain."""
    cells = json.loads((ROOT / "notebooks" / notebook).read_text("utf-8"))["cells"]
    lines = [line.strip() for c in cells if c["cell_type"] == "code" for line in c["source"]]
    return [line for line in lines if len(line) > 8 and not line.startswith("#")]


def _assert_offline_and_quiet(record) -> None:
    assert record.outside == [], "Voila's page asked for something outside 127.0.0.1"
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
    assert "fa fa-book" in assert_icon_font(page)  # each notebook's icon in the list
    _assert_offline_and_quiet(record)


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
    assert_icon_font(page)
    screenshot(page, f"voila-{notebook.name}-{lang}")
    page.close()
    _assert_offline_and_quiet(record)
    assert moved.differed_before == [], f"once run, at {moved.before!r}"
    assert moved.differed_after == [], f"after the move, at {moved.after!r}"


@pytest.mark.parametrize(
    "notebook", [n for n in NOTEBOOKS if n.move is None], ids=lambda n: n.name
)
def test_app_without_a_slider_under_voila_draws_its_icons_from_localhost(
    notebook: Notebook, app, context
):
    if not (ROOT / "notebooks" / notebook.file).exists():
        pytest.skip(f"notebooks/{notebook.file} is not in this checkout")
    record = watch(context)
    page = record.follow(context.new_page())
    page.goto(f"{app.base_url}/voila/render/{notebook.file}", timeout=120_000)
    page.wait_for_selector(".widget-button i.fa", timeout=120_000)
    text = normal(page.locator("body").inner_text())
    assert [line for line in _code_lines(notebook.file) if normal(line) in text] == []
    assert assert_icon_font(page), "the app's buttons show no icon"
    page.close()
    _assert_offline_and_quiet(record)
