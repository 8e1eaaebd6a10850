"""JupyterLab in a real browser: each notebook opens, runs all its cells, and after a slider
moves its figure and table show what the helpers compute for the slider's new value.

Per notebook: a fresh browser context whose requests outside 127.0.0.1 are blocked and counted
(none may happen), the parameters cell typed in the notebook (language), Run > Run All Cells,
no error output; then the slider's value is read from its readout, the figure data from
``el.data`` of each ``.js-plotly-plot`` and the tables from the HTML widgets, and compared
with direct calls to the helpers (:mod:`tests.browser.checks`) — before the move and after
one key press on the slider's handle. A screenshot of each goes to ``test-output/browser/``;
in Chinese, the fonts Chromium drew the labels with must be CJK fonts.

And notebook 00, run on a sample and saved with Ctrl+S, is written to disk without widget state
and without any personal value of the case, though its editor shows them on the page.
"""

from __future__ import annotations

import json
import time

import pytest

from helpers.case import find_case, load_case, personal_values
from tests.browser.allowlist import unexpected
from tests.browser.checks import (
    NOTEBOOKS,
    Notebook,
    assert_shows,
    foreign_month_ticks,
    move_slider,
)
from tests.browser.pages import (
    assert_cjk_font,
    lab_open,
    lab_run_all,
    lab_set_parameters,
    screenshot,
    snapshot,
    watch,
)
from tests.browser.servers import TOKEN
from tests.support import ROOT

pytestmark = pytest.mark.slow

_OUTPUT_ERRORS = """() => [
    ...[...document.querySelectorAll(
        ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")]
        .map(e => e.textContent.slice(0, 2000)),
    ...[...document.querySelectorAll('.jp-OutputArea-output')]
        .map(e => e.textContent).filter(t => t.includes('Error displaying widget')),
]"""


@pytest.mark.parametrize("notebook", NOTEBOOKS, ids=lambda n: n.name)
def test_notebook_runs_and_shows_what_the_helpers_compute(notebook: Notebook, lab, context):
    if not (ROOT / "notebooks" / notebook.file).exists():
        pytest.skip(f"notebooks/{notebook.file} is not in this checkout")
    record = watch(context)
    page = record.follow(context.new_page())
    try:
        lab_open(page, lab.base_url, TOKEN, notebook.file)
        lab_set_parameters(page, notebook.parameters)
        lab_run_all(page)
        assert page.evaluate(_OUTPUT_ERRORS) == []
        if notebook.shown is not None:
            assert_shows(page, notebook.shown(notebook.lang))
        if notebook.move is not None:
            moved = move_slider(page, notebook.move, notebook.lang)
            assert moved.after != moved.before
            assert moved.differed_before == [], f"once run, at {moved.before!r}"
            assert moved.differed_after == [], f"after the move, at {moved.after!r}"
            assert foreign_month_ticks(snapshot(page), notebook.lang) == []
        if notebook.lang == "zh-CN":
            checked = assert_cjk_font(page)
            assert len(checked) >= 2 or notebook.move is None, checked  # labels and a figure
        screenshot(page, f"jupyterlab-{notebook.name}-{notebook.lang}")
    except Exception:
        screenshot(page, f"FAILED-jupyterlab-{notebook.name}-{notebook.lang}")
        raise
    finally:
        page.close()
        lab.shutdown_kernels()
    assert record.outside == [], "JupyterLab asked for something outside 127.0.0.1"
    assert record.page_errors == []
    assert unexpected("jupyterlab", record.console_errors) == []


_FIELD_VALUES = """() => [...document.querySelectorAll('.jp-OutputArea-output input')]
    .map(e => e.value)"""


def _saved(page, path, since: bytes, timeout: float = 30) -> dict:
    """The notebook at ``path`` once it differs from ``since`` and holds outputs. (The page's
    requests pass through this process's route handler: wait with Playwright, not ``sleep``.)"""
    deadline = time.monotonic() + timeout
    while True:
        text = path.read_bytes()
        if text != since:
            notebook = json.loads(text)
            if any(c.get("outputs") for c in notebook["cells"]):
                return notebook
        assert time.monotonic() < deadline, "Ctrl+S wrote nothing"
        page.wait_for_timeout(200)


def test_a_notebook_saved_after_running_holds_no_personal_data(lab, context):
    sample = "chen_jian_business_loss"  # a guarantor and three account numbers besides the person
    secrets = personal_values(load_case(find_case(sample)))
    path = ROOT / "notebooks" / "00_start_here.ipynb"  # saved, then put back as it was
    original = path.read_bytes()
    record = watch(context)
    page = record.follow(context.new_page())
    try:
        lab_open(page, lab.base_url, TOKEN, path.name)
        lab_set_parameters(page, f'case_path = "{sample}"\nlang = "en"')
        lab_run_all(page)
        assert page.evaluate(_OUTPUT_ERRORS) == []
        page.wait_for_function(  # the kernel is idle before the page has drawn every widget
            "([name, phone]) => (" + _FIELD_VALUES + ")().includes(name) && "
            "(" + _FIELD_VALUES + ")().includes(phone)",
            arg=[secrets[0], secrets[2]],
            timeout=60_000,
        )
        shown = page.evaluate(_FIELD_VALUES)
        assert secrets[0] in shown and secrets[2] in shown  # the editor shows name and phone
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.keyboard.press("Control+s")
        saved = _saved(page, path, original)
        text = path.read_text("utf-8")
        screenshot(page, "jupyterlab-saved-00_start_here")
    except Exception:
        screenshot(page, "FAILED-jupyterlab-saved-00_start_here")
        raise
    finally:
        page.close()
        lab.shutdown_kernels()
        path.write_bytes(original)
    assert "widgets" not in saved["metadata"]
    assert "application/vnd.jupyter.widget-state+json" not in text
    assert [s for s in secrets if s in text] == []
    views = [
        o for c in saved["cells"] for o in c.get("outputs", [])
        if "application/vnd.jupyter.widget-view+json" in o.get("data", {})
    ]  # fmt: skip
    assert views, "the saved notebook should hold the app's output (a widget view)"
    assert record.outside == [], "JupyterLab asked for something outside 127.0.0.1"
    assert record.page_errors == []
    assert unexpected("jupyterlab", record.console_errors) == []
