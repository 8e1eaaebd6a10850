"""Driving a real page: the browser, the network guard, the console, and what a page shows.

Playwright is imported inside the functions, so this module (and its doctests) load where the
browser is not installed; the fixtures decide whether to skip or fail.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tests.support import ROOT

if TYPE_CHECKING:  # pragma: no cover
    from playwright.sync_api import Browser, BrowserContext, Locator, Page

__all__ = [
    "CHROMIUM_ARGS",
    "SCREENSHOTS",
    "chromium_path",
    "missing_prerequisites",
    "launch",
    "Watch",
    "watch",
    "lab_open",
    "lab_set_parameters",
    "lab_run_all",
    "slider",
    "snapshot",
    "wait_until",
    "platform_fonts",
    "assert_cjk_font",
    "assert_icon_font",
    "screenshot",
    "normal",
]

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = ROOT / "test-output" / "browser"
LOCAL = re.compile(r"^(https?|wss?)://127\.0\.0\.1(:\d+)?(/|$)")


def chromium_path() -> str:
    """Debian's chromium (``WORKBENCH_CHROMIUM`` names another build of it)."""
    return os.environ.get("WORKBENCH_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


def missing_prerequisites() -> list[str]:
    """What the browser tests lack here: the playwright package, chromium, a Chinese font.

    An empty list means they can run.
    """
    missing = []
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("the playwright Python package (make install)")
    if not os.access(chromium_path(), os.X_OK):
        missing.append(f"chromium at {chromium_path()} (apt-get install chromium)")
    try:
        fonts = subprocess.run(
            ["fc-list", ":lang=zh", "family"], capture_output=True, text=True, timeout=60
        ).stdout
    except (OSError, subprocess.TimeoutExpired):
        fonts = ""
    if "CJK" not in fonts:
        missing.append("a Chinese font, Noto CJK (apt-get install fonts-noto-cjk)")
    return missing


def launch(playwright: Any, home: Path) -> Browser:
    """Headless Debian chromium with the project's flags (never Playwright's own download),
    with ``home`` as its HOME so that nothing is written under the real one."""
    return playwright.chromium.launch(
        executable_path=chromium_path(),
        headless=True,
        args=CHROMIUM_ARGS,
        env={**os.environ, "HOME": str(home)},
    )


@dataclass
class Watch:
    """What a browser context did that a test must see: requests that tried to leave
    127.0.0.1 (blocked), console errors as ``(text, location URL)``, uncaught page errors."""

    outside: list[str] = field(default_factory=list)
    console_errors: list[tuple[str, str]] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def follow(self, page: Page) -> Page:
        """Record the console errors and page errors of ``page``."""

        def on_console(message: Any) -> None:
            if message.type == "error":
                self.console_errors.append((message.text, message.location.get("url", "")))

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.page_errors.append(str(error)))
        return page


def watch(context: BrowserContext) -> Watch:
    """Block and count every request and web socket of ``context`` that is not for
    127.0.0.1 (route interception), and return the record that pages then follow."""
    record = Watch()

    def on_request(route: Any) -> None:
        if LOCAL.match(route.request.url):
            route.continue_()
        else:
            record.outside.append(route.request.url)
            route.abort("blockedbyclient")

    def on_socket(socket: Any) -> None:  # only sockets that are not local get here
        record.outside.append(socket.url)
        socket.close()

    context.route("**/*", on_request)
    context.route_web_socket(lambda url: not LOCAL.match(url), on_socket)
    return record


# ---- JupyterLab ---------------------------------------------------------------------------------
_RUN_ALL = ".lm-Menu-item[data-command='runmenu:run-all']:not(.lm-mod-disabled)"
_PROMPTS = """() => [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
    .map(e => e.textContent.trim())"""
_QUEUED_OR_DIALOG = """() => document.querySelector('.jp-Dialog') !== null
    || [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
        .some(e => /^\\[(\\*|\\d+)\\]:$/.test(e.textContent.trim()))"""
_ALL_RAN = """() => {
    const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')]
        .map(e => e.textContent.trim());
    const idle = document.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']");
    return prompts.length > 0 && prompts.every(p => /^\\[\\d+\\]:$/.test(p)) && idle !== null;
}"""


_KERNEL_READY = """() => {
    const items = [...document.querySelectorAll('.jp-StatusBar-TextItem')];
    const kernel = items.some(e => /^(?!No Kernel).+ \\| Idle$/.test(e.textContent.trim()));
    const idle = document.querySelector(".jp-Notebook-ExecutionIndicator[data-status='idle']");
    return kernel && idle !== null;
}"""


def lab_open(page: Page, base_url: str, token: str, notebook: str) -> None:
    """Open ``notebook`` (a file in the server's root) in a fresh workspace; wait until its
    kernel is connected and idle. (The execution indicator alone says "idle" before any
    kernel exists; running cells then opens the "Select Kernel" dialog.)"""
    page.goto(f"{base_url}/lab/tree/{notebook}?token={token}&reset")
    page.wait_for_selector(".jp-CodeCell .cm-content", timeout=90_000)
    page.wait_for_function(_KERNEL_READY, timeout=90_000)


def lab_set_parameters(page: Page, text: str) -> None:
    """Replace the text of the notebook's parameters cell (the cell that sets ``lang``) by
    typing into its editor, as a person would."""
    index = page.evaluate(
        """() => [...document.querySelectorAll('.jp-CodeCell')]
            .findIndex(c => /^lang = /m.test(c.querySelector('.cm-content').innerText))"""
    )
    assert index >= 0, "no parameters cell (one that sets lang) in the notebook"
    editor = page.locator(".jp-CodeCell").nth(index).locator(".cm-content")
    editor.click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(text)
    page.keyboard.press("Escape")
    assert normal(editor.inner_text()) == normal(text)


def lab_run_all(page: Page, *, timeout_ms: int = 180_000) -> None:
    """Run > Run All Cells (after selecting a cell, or the first try races); wait until every
    code cell has run and the kernel is idle. A dialog (such as "Select Kernel") fails."""
    for attempt in range(2):
        page.locator(".jp-Notebook .jp-Cell").first.click()
        page.locator(".lm-MenuBar-item", has_text=re.compile(r"^Run$")).click()
        page.locator(_RUN_ALL).click()
        try:
            page.wait_for_function(_QUEUED_OR_DIALOG, timeout=15_000)
            break
        except Exception:  # noqa: BLE001 - Playwright's TimeoutError; try the menu again
            page.keyboard.press("Escape")
            if attempt == 1:
                raise
            warnings.warn(f"Run All Cells queued nothing (try {attempt + 1}); again", stacklevel=2)
    dialog = page.locator(".jp-Dialog")
    assert dialog.count() == 0, f"JupyterLab opened a dialog: {normal(dialog.first.inner_text())}"
    try:
        page.wait_for_function(_ALL_RAN, timeout=timeout_ms)
    except Exception as error:
        prompts = page.evaluate(_PROMPTS)
        raise AssertionError(f"not every cell ran; prompts {prompts}") from error


# ---- what a page shows --------------------------------------------------------------------------
_MARK_SLIDER = """([label, mark]) => {
    const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
    for (const s of document.querySelectorAll('.widget-slider')) {
        const own = s.querySelector(':scope > .widget-label');
        const before = s.previousElementSibling;
        const labelled = before && ['widget-label', 'field-label']
            .some(name => before.classList.contains(name));
        const names = [own && own.textContent, labelled && before.textContent];
        if (names.map(norm).includes(norm(label))) {
            s.setAttribute('data-test', mark);
            return true;
        }
    }
    return false;
}"""


def slider(page: Page, label: str) -> Locator:
    """The slider labelled ``label`` (its own description, or the label beside it in a row)."""
    mark = "slider-" + re.sub(r"\W", "_", label)
    page.wait_for_function(_MARK_SLIDER, arg=[label, mark], timeout=30_000)
    return page.locator(f".widget-slider[data-test='{mark}']")


_SNAPSHOT = """() => {
    const norm = s => (s || '').replace(/\\s+/g, ' ').trim();
    const list = v => (v === undefined || v === null)
        ? null : Array.from(v, x => x === undefined ? null : x);
    const plots = [...document.querySelectorAll('.js-plotly-plot')].filter(el => el.data);
    const figures = plots.map(el => ({
        title: norm(el.layout && el.layout.title && (el.layout.title.text ?? el.layout.title)),
        traces: el.data.map(t => ({name: t.name ?? null, x: list(t.x), y: list(t.y)})),
        xticks: [...el.querySelectorAll('.xtick text')].map(t => norm(t.textContent)),
    }));
    const cells = tr => [...tr.children].map(c => norm(c.textContent));
    const tables = [...document.querySelectorAll('.widget-html-content table')]
        .map(table => [...table.querySelectorAll('tr')].map(cells));
    const texts = [...document.querySelectorAll('.widget-html-content, .widget-label')]
        .map(e => norm(e.textContent));
    return {figures, tables, texts};
}"""


def snapshot(page: Page) -> dict:
    """The figures (title, each trace's name, x and y, read from ``el.data`` of each
    ``.js-plotly-plot``, and the x axis's tick labels as drawn), the tables of HTML widgets
    (rows of cell texts) and the texts of HTML and label widgets, as the page shows them now."""
    return page.evaluate(_SNAPSHOT)


def wait_until(
    page: Page, problems: Callable[[dict], list[str]], *, timeout: float = 30
) -> list[str]:
    """Take snapshots until ``problems(snapshot)`` is empty or ``timeout`` seconds pass; the
    problems of the last snapshot (empty when the page got there)."""
    deadline = time.monotonic() + timeout
    while True:
        found = problems(snapshot(page))
        if not found or time.monotonic() > deadline:
            return found
        page.wait_for_timeout(150)


def platform_fonts(page: Page, selector: str) -> list[dict]:
    """The fonts Chromium really used to draw the text of the first element matching
    ``selector`` (DevTools' ``CSS.getPlatformFontsForNode``): proof that Chinese is drawn with
    a CJK font and not as empty boxes."""
    session = page.context.new_cdp_session(page)
    try:
        session.send("DOM.enable")
        session.send("CSS.enable")
        root = session.send("DOM.getDocument", {"depth": -1})["root"]["nodeId"]
        node = session.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
        assert node, f"nothing matches {selector}"
        return session.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]
    finally:
        session.detach()


_CJK_PROBE = """(selector) => {
    const cjk = /[\\u4e00-\\u9fff]/;
    for (const e of document.querySelectorAll(selector)) {
        const shown = e.getClientRects().length > 0;
        if (shown && cjk.test(e.textContent)) {
            const old = document.querySelectorAll("[data-test='cjk']");
            old.forEach(o => o.removeAttribute('data-test'));
            e.setAttribute('data-test', 'cjk');
            return e.textContent;
        }
    }
    return null;
}"""
# where the apps show Chinese: widget labels, bold text in HTML widgets, figure titles (SVG)
_CJK_PLACES = (".widget-label", ".widget-html-content b", ".js-plotly-plot .gtitle")


def assert_cjk_font(page: Page) -> list[str]:
    """Check that Chromium drew the apps' Chinese with a CJK font: for each kind of place that
    shows Chinese (a widget label, an HTML widget, a figure title), the first such text. The
    texts checked (at least one)."""
    checked = []
    for place in _CJK_PLACES:
        text = page.evaluate(_CJK_PROBE, place)
        if text is None:
            continue
        fonts = platform_fonts(page, "[data-test='cjk']")
        assert any("CJK" in f["familyName"] and f["glyphCount"] for f in fonts), (text, fonts)
        checked.append(text)
    assert checked, "no Chinese text in the apps to check its font"
    return checked


_ICON_PROBE = """async () => {
    await document.fonts.ready;
    const shown = [...document.querySelectorAll('i.fa')].filter(e => e.getClientRects().length);
    shown.forEach((e, i) => e.setAttribute('data-test-icon', String(i)));
    return shown.map(e => e.className);
}"""


def assert_icon_font(page: Page) -> list[str]:
    """Check that Chromium drew every icon shown (Font Awesome's ``i.fa``, as on ipywidgets
    buttons and in Voila's file list) with a Font Awesome web font the page loaded, not as an
    empty box. Where that font came from is for the test's request record to say. The class
    names of the icons checked (empty when none is shown)."""
    icons = page.evaluate(_ICON_PROBE)
    for index, icon in enumerate(icons):
        fonts = platform_fonts(page, f"[data-test-icon='{index}']")
        drawn = [f for f in fonts if f["isCustomFont"] and f["glyphCount"]]
        assert any("Font Awesome" in f["familyName"] for f in drawn), (icon, fonts)
    return icons


def normal(text: str) -> str:
    """Whitespace collapsed, as the page's snapshot gives texts.

    >>> normal("  a \\n b ")
    'a b'
    """
    return " ".join(text.split())


def screenshot(page: Page, name: str, *, height: int = 2400) -> Path:
    """Save a screenshot of the app (the first widget output, scrolled to the top of a window
    ``height`` pixels tall) under the git-ignored ``test-output/browser/``."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    width = page.viewport_size["width"] if page.viewport_size else 1400
    page.set_viewport_size({"width": width, "height": height})
    page.evaluate(
        """() => {
            const app = document.querySelector('.jp-OutputArea-output .jupyter-widgets');
            if (app) app.scrollIntoView({block: 'start'});
        }"""
    )
    page.wait_for_timeout(500)
    page.screenshot(path=str(path))
    return path
