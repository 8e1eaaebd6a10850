"""Notebook 04 in JupyterLab, as a borrower uses it (issue 17): edit a draft, leave the box, open
the notebook again and find the edit; then enter a lender's counter-offer in the form and get
the verdict the helpers give. Nothing leaves 127.0.0.1.
"""

from __future__ import annotations

import time

import pytest

from helpers.case import find_case, load_case
from helpers.i18n import t
from helpers.offers import OfferTerms, evaluate_offer, verdict_label
from tests.browser.allowlist import unexpected
from tests.browser.pages import lab_open, lab_run_all, screenshot, watch
from tests.browser.servers import TOKEN

pytestmark = pytest.mark.slow

SAMPLE = "zhang_wei_unemployed"  # notebook 04 opens the default sample when no case is current
LANG = "zh-CN"  # the sample's language
EDIT = "您好，我是张伟，想和贵行协商一个我能坚持下去的还款计划。（本人修改）"


def _tab(page, name: str):
    """Click a tab of the drafts (by its title in the page's language)."""
    title = t(f"ui.prop.tab.{name}", LANG)
    page.locator(".jp-OutputArea-output .widget-tab .lm-TabBar-tab", has_text=title).click()


def _shown_draft(page):
    """The draft box on show (the selected tab's)."""
    return page.locator(".jp-OutputArea-output .widget-tab textarea:visible").first


def _field(page, key: str):
    """The counter-offer form's input labelled by ``ui.prop.<key>``."""
    label = t(f"ui.prop.{key}", LANG)
    box = page.locator(".jp-OutputArea-output .widget-text", has_text=label).first
    return box.locator("input")


def _wait_for_file_text(path, text: str, *, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while not (path.is_file() and text in path.read_text("utf-8")):
        assert time.monotonic() < deadline, f"{path} never held the edit"
        time.sleep(0.2)


def test_an_edited_draft_survives_reopening_and_a_counter_offer_gets_its_verdict(lab, context):
    record = watch(context)
    page = record.follow(context.new_page())
    copy = lab.home / "cases" / f"{SAMPLE}.yaml"  # a sample is copied before it is changed
    try:
        lab_open(page, lab.base_url, TOKEN, "04_proposal.ipynb")
        lab_run_all(page)
        _tab(page, "chat")
        box = _shown_draft(page)
        assert "招商银行" in box.input_value()  # the first lender to contact: Zhang Wei's card
        box.fill(EDIT)
        box.blur()  # leaving the box keeps the edit
        _wait_for_file_text(copy, EDIT)
        page.wait_for_function(
            "(text) => document.body.innerText.includes(text)",
            arg=t("ui.prop.kept", LANG, target=f"cases/{SAMPLE}.yaml"),
            timeout=30_000,
        )
        screenshot(page, "proposal-edited")
        lab.shutdown_kernels()

        lab_open(page, lab.base_url, TOKEN, "04_proposal.ipynb")  # opened again, afresh
        lab_run_all(page)
        _tab(page, "chat")
        assert _shown_draft(page).input_value() == EDIT
        page.wait_for_function(  # the note under the drafts follows the tab picked
            "(text) => document.body.innerText.includes(text)",
            arg=t("ui.prop.edit_kept", LANG),
            timeout=30_000,
        )

        _field(page, "monthly").fill("1200")
        _field(page, "months").fill("24")
        _field(page, "months").press("Enter")
        page.locator(
            ".jp-OutputArea-output .widget-button", has_text=t("ui.prop.evaluate", LANG)
        ).click()
        expected = evaluate_offer(load_case(copy), OfferTerms("d1", 24, 120_000))
        head = t("ui.prop.verdict", LANG, verdict=verdict_label(expected.verdict, LANG))
        page.wait_for_function(
            "(text) => document.body.innerText.includes(text)", arg=head, timeout=30_000
        )
        screenshot(page, "proposal-verdict")
    except Exception:
        screenshot(page, "FAILED-proposal")
        raise
    finally:
        page.close()
        lab.shutdown_kernels()
    assert load_case(find_case(SAMPLE)).drafts == ()  # the sample itself is untouched
    assert record.outside == [], "the page asked for something outside 127.0.0.1"
    assert record.page_errors == []
    assert unexpected("jupyterlab", record.console_errors) == []
