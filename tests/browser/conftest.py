"""Fixtures of the browser tests: the prerequisites (skip loudly, or fail when ``CI=true``),
one chromium for the session; JupyterLab, and Voila as ``make app`` serves it, for the module
that uses them."""

from __future__ import annotations

import os
import shutil

import pytest

from tests.browser.pages import SCREENSHOTS, launch, missing_prerequisites
from tests.browser.servers import Server, start_app, start_lab

_SKIPPED: list[str] = []
_STARTED: list[str] = []


def _on_ci() -> bool:
    return os.environ.get("CI", "").lower() in ("1", "true", "yes")


@pytest.fixture(scope="session")
def browser_prerequisites() -> None:
    """Skip (on a person's machine) or fail (when ``CI=true``) without the browser."""
    missing = missing_prerequisites()
    if not missing:
        return
    reason = "browser tests need " + "; ".join(missing) + " — run `make test` as root to install"
    if _on_ci():
        pytest.fail(f"{reason} (CI=true: the browser tests may not be skipped)", pytrace=False)
    _SKIPPED.append(reason)
    pytest.skip(reason)


@pytest.fixture(scope="session")
def browser(browser_prerequisites, tmp_path_factory):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright, tmp_path_factory.mktemp("chromium-home"))
        yield chromium
        chromium.close()


def _stopped(server: Server) -> None:
    _STARTED.append(server.name)
    server.stop()
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)  # keep the server's log beside the pictures
    shutil.copyfile(server.log_path, SCREENSHOTS / f"{server.name}.log")
    assert server.process.returncode is not None, f"{server.name} still runs"
    assert not server.leftovers, f"{server.name} left processes behind: {server.leftovers}"


@pytest.fixture(scope="module")
def lab(browser_prerequisites, tmp_path_factory):
    """JupyterLab as ``make lab`` starts it, with a temporary HOME; stopped by its PID."""
    server = start_lab(tmp_path_factory.mktemp("lab-home"))
    try:
        yield server
    finally:
        _stopped(server)


@pytest.fixture(scope="module")
def app(browser_prerequisites, tmp_path_factory):
    """``make app`` (Voila), with a temporary HOME; stopped by its PID."""
    server = start_app(tmp_path_factory.mktemp("voila-home"))
    try:
        yield server
    finally:
        _stopped(server)


@pytest.fixture
def context(browser):
    """A fresh browser context (no cookies, no cache, service workers off)."""
    ctx = browser.new_context(
        viewport={"width": 1400, "height": 1000}, service_workers="block", device_scale_factor=1
    )
    yield ctx
    ctx.close()


def pytest_terminal_summary(terminalreporter) -> None:
    if _SKIPPED:
        bar = "!" * 78
        terminalreporter.write_line(bar, red=True, bold=True)
        terminalreporter.write_line("BROWSER TESTS SKIPPED: " + _SKIPPED[0], red=True, bold=True)
        terminalreporter.write_line(bar, red=True, bold=True)
    elif _STARTED:
        terminalreporter.write_line(f"browser screenshots and server logs: {SCREENSHOTS}")
