"""A borrower's path (issue 16), in JupyterLab and in Voila: pick a case that is not the default
in 00, follow the links through 01–03, and every page shows that case.

On each page, read from the page: the case picker shows the case picked and the app shows a
result the helpers compute for that case; nothing in the output areas is cut off or runs past
its box at 1,000 px and at 1,400 px; no word of the other language in the output areas (the
case's own text exempt; a closed allowlist, tests/test_page_language.py's); a screenshot in
each language under test-output/browser/. In JupyterLab each of 01–03 is at most 3,000 px tall
after Run All at 1,400 px, on every sample (picked in the page's own picker). Nothing leaves
127.0.0.1.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from helpers.budget import carry, monthly_budget
from helpers.case import Case, find_case, load_case
from helpers.debts import cost_of_waiting
from helpers.scenarios import Tuning, compare, tune
from helpers.ui.picker import sample_label
from tests.browser.allowlist import unexpected
from tests.browser.layout import foreign_on_page, notebook_height, output_text, overflows
from tests.browser.pages import lab_open, lab_run_all, normal, screenshot, watch
from tests.browser.servers import TOKEN
from tests.page_text import case_texts
from tests.test_page_language import EN_ALLOWLIST, SAMPLE_PEOPLE, ZH_ALLOWLIST

pytestmark = pytest.mark.slow

PICKED = "li_na_illness"  # not the default sample (zhang_wei_unemployed)
STEPS = ("01_budget", "02_debts", "03_scenarios")
LINKS = {  # the link each page ends with, and where it leads
    "00_start_here": "01_budget.ipynb",
    "01_budget": "02_debts.ipynb",
    "02_debts": "03_scenarios.ipynb",
}
MAX_HEIGHT = 3000
SAMPLES = (
    "chen_jian_business_loss",
    "li_na_illness",
    "wang_fang_income_drop",
    "zhang_wei_unemployed",
    "zhao_min_family_rural",
)


def _capacity(case: Case, lang: str) -> str:
    recovery = case.hardship.expected_recovery if case.hardship else None
    return carry(monthly_budget(case), recovery).render(lang)


def _waiting(case: Case, lang: str) -> str:
    return cost_of_waiting(case).summary(3).render(lang)


def _tuned(case: Case, lang: str) -> str:
    return tune(case, Tuning(), compare(case)).summary(lang)


# what each page shows for a case, computed by the helpers (read back from the page)
SHOWN: dict[str, Callable[[Case, str], str]] = {
    "00_start_here": _capacity,
    "01_budget": _capacity,
    "02_debts": _waiting,
    "03_scenarios": _tuned,
}

_PICKER = """(label) => {
    for (const box of document.querySelectorAll('.jp-OutputArea-output .widget-dropdown')) {
        const name = box.querySelector('.widget-label');
        const select = box.querySelector('select');
        if (name && select && name.textContent.trim() === label)
            return select.options[select.selectedIndex].textContent.replace(/\u00a0/g, ' ');
    }
    return null;
}"""


def _case(name: str) -> Case:
    return load_case(find_case(name))


def _wait_for_text(page, text: str, *, timeout: float = 60) -> None:
    """Wait until an output area shows ``text`` (whitespace collapsed)."""
    page.wait_for_function(
        """(text) => [...document.querySelectorAll('.jp-OutputArea-output')]
            .some(e => e.textContent.replace(/\\s+/g, ' ').includes(text))""",
        arg=normal(text),
        timeout=timeout * 1000,
    )


def _picked_label(page, lang: str) -> str | None:
    from helpers.i18n import t

    return page.evaluate(_PICKER, t("ui.start.pick", lang))


def _pick(page, name: str, lang: str) -> None:
    """Pick a sample in the page's case picker (the first dropdown of the app), as a person
    would, and wait until the app shows it."""
    from helpers.i18n import t

    label = t("ui.start.pick", lang)
    box = page.locator(".jp-OutputArea-output .widget-dropdown", has_text=label).first
    box.locator("select").select_option(label=sample_label(name, lang))
    page.wait_for_function(
        "([label, want]) => (" + _PICKER + ")(label) === want",
        arg=[label, sample_label(name, lang)],
        timeout=60_000,
    )


def _wait_for_current(page, current: Path, case_file: Path, *, timeout: float = 30) -> None:
    """Wait until the server's current case (``cases/.current``) is ``case_file``."""
    deadline = time.monotonic() + timeout
    while not (current.is_file() and current.read_text("utf-8").strip() == str(case_file)):
        assert time.monotonic() < deadline, f"{current} never named {case_file}"
        page.wait_for_timeout(200)


def _switch_language(page, lang: str) -> None:
    """Click the app's language switch (中文 / English)."""
    name = "中文" if lang == "zh-CN" else "English"
    page.locator(".jp-OutputArea-output .widget-toggle-button", has_text=name).first.click()


def _assert_page(page, where: str, step: str, case: Case, lang: str, found: list[str]) -> None:
    """The page shows ``case`` in ``lang`` (picker and result); what overflows at 1,000 or
    1,400 px and the words of the other language go into ``found``; a screenshot."""
    _wait_for_text(page, SHOWN[step](case, lang))
    assert _picked_label(page, lang) == sample_label(PICKED, lang), f"{where} {step}"
    exempt = case_texts(case) | SAMPLE_PEOPLE
    allow = ZH_ALLOWLIST if lang == "zh-CN" else EN_ALLOWLIST
    deadline = time.monotonic() + 30  # an app may still be redrawing after a switch
    while True:
        text = output_text(page)
        foreign = foreign_on_page(text, lang, exempt, allow)
        if not foreign or time.monotonic() > deadline:
            break
        page.wait_for_timeout(300)
    found += [f"{where} {step} {lang}: foreign {spot}" for spot in _around(text, foreign)]
    for width in (1000, 1400):
        page.set_viewport_size({"width": width, "height": 1000})
        page.wait_for_timeout(600)  # widgets and figures relayout
        found += [f"{where} {step} {lang} {width} px: {o}" for o in overflows(page)]
    screenshot(page, f"path-{where}-{step}-{lang}")
    page.set_viewport_size({"width": 1400, "height": 1000})


def _around(text: str, words: list[str]) -> list[str]:
    """Each word in the text around it, to see where a foreign word stands."""
    spots = []
    for word in dict.fromkeys(words):
        at = text.find(word)
        spots.append(repr(text[max(0, at - 40) : at + 40]))
    return spots


def _both_languages(page, where: str, step: str, case: Case, found: list[str]) -> None:
    first = case.language
    other = "en" if first == "zh-CN" else "zh-CN"
    _assert_page(page, where, step, case, first, found)
    _switch_language(page, other)
    _assert_page(page, where, step, case, other, found)
    _switch_language(page, first)
    _wait_for_text(page, SHOWN[step](case, first))


def _no_leaks(record, where: str) -> None:
    assert record.outside == [], f"{where} asked for something outside 127.0.0.1"
    assert record.page_errors == []
    assert unexpected(where, record.console_errors) == []


def test_jupyterlab_one_case_through_every_notebook(lab, context):
    case = _case(PICKED)
    record = watch(context)
    page = record.follow(context.new_page())
    step = "00_start_here"
    heights: dict[str, dict[str, int]] = {}
    found: list[str] = []  # what overflows, and the words of the other language
    try:
        lab_open(page, lab.base_url, TOKEN, f"{step}.ipynb")
        lab_run_all(page)
        _pick(page, PICKED, _case("zhang_wei_unemployed").language)
        _wait_for_current(page, lab.home / "cases" / ".current", find_case(PICKED))
        _both_languages(page, "jupyterlab", step, case, found)
        for nxt in STEPS:
            link = page.locator(f".jp-RenderedMarkdown a[href*='{LINKS[step]}']").first
            link.click()  # JupyterLab opens the next notebook in a tab of its own
            page.wait_for_selector(f".lm-TabBar-tab[title*='{LINKS[step]}']", timeout=60_000)
            step = nxt
            lab_open(page, lab.base_url, TOKEN, f"{step}.ipynb")  # alone, in a fresh workspace
            lab_run_all(page)
            _both_languages(page, "jupyterlab", step, case, found)
            heights[step] = {PICKED: notebook_height(page)}
            for other in SAMPLES:
                if other != PICKED:
                    _pick(page, other, case.language)
                    _wait_for_text(page, SHOWN[step](_case(other), case.language))
                    heights[step][other] = notebook_height(page)
            _pick(page, PICKED, case.language)  # the case the next notebook opens
    except Exception:
        screenshot(page, f"FAILED-path-jupyterlab-{step}")
        raise
    finally:
        page.close()
        lab.shutdown_kernels()
    assert not found, "\n".join(found)
    too_tall = {s: {n: h for n, h in by.items() if h > MAX_HEIGHT} for s, by in heights.items()}
    assert {s: by for s, by in too_tall.items() if by} == {}, heights
    _no_leaks(record, "jupyterlab")


def test_voila_one_case_through_every_app(app, context):
    case = _case(PICKED)
    record = watch(context)
    page = record.follow(context.new_page())
    step = "00_start_here"
    found: list[str] = []
    try:
        page.goto(f"{app.base_url}/voila/render/{step}.ipynb", timeout=120_000)
        page.wait_for_selector(".widget-dropdown select", timeout=120_000)
        _pick(page, PICKED, _case("zhang_wei_unemployed").language)
        _both_languages(page, "voila", step, case, found)
        for nxt in STEPS:
            with page.expect_navigation(timeout=120_000):
                page.locator(f"a[href*='{LINKS[step]}']").first.click()
            step = nxt
            assert page.url.endswith(f"/voila/render/{step}.ipynb")
            page.wait_for_selector(".widget-dropdown select", timeout=120_000)
            _both_languages(page, "voila", step, case, found)
    except Exception:
        screenshot(page, f"FAILED-path-voila-{step}")
        raise
    finally:
        page.close()
    assert not found, "\n".join(found)
    _no_leaks(record, "voila")


def test_voila_draws_the_scenario_charts_on_five_loads(app, context):
    from tests.browser.test_chart_loads import FIGURES, blank_figures

    record = watch(context)
    problems = []
    for attempt in range(1, 6):
        page = record.follow(context.new_page())
        try:
            page.goto(f"{app.base_url}/voila/render/03_scenarios.ipynb", timeout=120_000)
            page.wait_for_selector(".js-plotly-plot", timeout=120_000)
            deadline = time.monotonic() + 30
            while (found := blank_figures(page.evaluate(FIGURES), 2)) and (
                time.monotonic() < deadline
            ):
                page.wait_for_timeout(250)
            if found:
                screenshot(page, f"FAILED-voila-chart-load-{attempt}")
            problems += [f"load {attempt}: {problem}" for problem in found]
        finally:
            page.close()
    assert problems == [], "\n".join(problems)
    _no_leaks(record, "voila")
