"""Notebook 05 in JupyterLab, as a borrower uses it (issue 18): record a contact through the form,
see it on the page, and build the advisor pack from the page; the pack is complete and redacted.
Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import time

import pytest

from helpers.i18n import t
from helpers.pack import check_pack
from tests.browser.allowlist import unexpected
from tests.browser.pages import lab_open, lab_run_all, screenshot, watch
from tests.browser.servers import TOKEN

pytestmark = pytest.mark.slow

SAMPLE = "zhang_wei_unemployed"  # notebook 05 opens the default sample when no case is current
LANG = "zh-CN"
SUMMARY = "申请停息分期，客服说三个工作日内回电（张伟，电话 13800138000）"


def _field(page, key: str):
    label = t(f"ui.track.field.{key}", LANG)
    box = page.locator(".jp-OutputArea-output .widget-text", has_text=label).first
    return box.locator("input")


def _button(page, key: str):
    return page.locator(".jp-OutputArea-output .widget-button", has_text=t(key, LANG)).first


_TITLES = """() => [...document.querySelectorAll('.js-plotly-plot .gtitle')]
    .map(e => e.textContent)"""


def _wait_for_text(page, text: str) -> None:
    page.wait_for_function(
        "(text) => document.body.innerText.includes(text)", arg=text, timeout=60_000
    )


def test_a_contact_recorded_through_the_form_and_a_pack_built_from_the_page(lab, context):
    record = watch(context)
    page = record.follow(context.new_page())
    pack = lab.home / "exports" / SAMPLE / "advisor_pack.zip"
    try:
        lab_open(page, lab.base_url, TOKEN, "05_track_and_share.ipynb")
        lab_run_all(page)
        _field(page, "when").fill("2025-04-02 10:15")
        _field(page, "agent_id").fill("A-1024")
        page.locator(".jp-OutputArea-output .widget-textarea textarea").first.fill(SUMMARY)
        _button(page, "ui.track.add").click()
        _wait_for_text(page, t("ui.track.added", LANG, lender="招商银行"))
        journal = lab.home / "cases" / f"{SAMPLE}.journal.sqlite"
        assert journal.is_file() and oct(journal.stat().st_mode & 0o777) == "0o600"
        assert page.evaluate(_TITLES) == [t("charts.journal.title", LANG)]  # no longer empty
        screenshot(page, "track-recorded")
        _button(page, "ui.track.pack").click()
        _wait_for_text(page, t("ui.track.packed", LANG, path="advisor_pack.zip"))
        deadline = time.monotonic() + 30
        while not pack.is_file():
            assert time.monotonic() < deadline
            time.sleep(0.2)
        screenshot(page, "track-packed")
    except Exception:
        screenshot(page, "FAILED-track")
        raise
    finally:
        page.close()
        lab.shutdown_kernels()
    files = check_pack(pack)
    text = files["journal.csv"].decode("utf-8-sig")
    assert "申请停息分期" in text and "A-1024" in text
    assert "张伟" not in text and "13800138000" not in text  # redacted by default
    assert record.outside == [], "the page asked for something outside 127.0.0.1"
    assert record.page_errors == []
    assert unexpected("jupyterlab", record.console_errors) == []
