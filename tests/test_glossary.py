"""The glossary of each step (issue 16, item 9): terms explained in both languages, linked where
they first appear in an app, listed at the bottom of every app."""

from __future__ import annotations

import functools
import re
import tempfile

import pytest

from helpers.case import load_sample
from helpers.caseload import synth_cases, write_cases
from helpers.glossary import STEPS, define, explain, glossary_html, step_terms
from helpers.i18n import LANGUAGES
from helpers.scenarios import compare
from helpers.ui import (
    budget_app,
    caseload_app,
    debts_app,
    proposal_app,
    scenario_app,
    start_app,
    track_app,
)
from tests.page_text import foreign_words, widget_texts
from tests.test_page_language import ZH_ALLOWLIST


@functools.cache
def _caseload_folder() -> str:
    folder = tempfile.mkdtemp(prefix="glossary-caseload-")
    write_cases(synth_cases(4, seed=2), folder)
    return folder


def _caseload_app(_sample: str, *, lang: str):
    """Notebook 06 opens a folder of cases, not a sample: a small synthetic one."""
    return caseload_app(_caseload_folder(), lang)


APPS = {
    "00": start_app,
    "01": budget_app,
    "02": debts_app,
    "03": scenario_app,
    "04": proposal_app,
    "05": track_app,
    "06": _caseload_app,
}
SAMPLES = ("zhang_wei_unemployed", "li_na_illness", "chen_jian_business_loss")
_ABBR = re.compile(r"<abbr [^>]*>|</abbr>")


@pytest.mark.parametrize("step", list(STEPS))
def test_every_definition_is_in_its_readers_language(step):
    for lang in LANGUAGES:
        for term in step_terms(step, lang):
            text = f"{term.name} {' '.join(term.forms)} {term.text}"
            assert foreign_words(text, lang, ZH_ALLOWLIST) == [], (step, term.key)


@pytest.mark.parametrize("step", list(APPS))
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_term_of_a_step_is_a_word_its_page_shows(step, lang):
    """A glossary of words nobody sees explains nothing: each term appears in the step's app
    (its hover titles left out), or in the static table the notebook shows beside it."""
    shown = []
    for sample in SAMPLES:
        app = APPS[step](sample, lang=lang)
        shown += [_ABBR.sub("", v) for v in widget_texts(app.view, skip=[app.glossary])]
        if step == "03":
            shown += list(compare(load_sample(sample)).frame(lang).columns)
    text = re.sub(r'\btitle="[^"]*"', "", " ".join(shown)).casefold()
    unseen = [
        term.name
        for term in step_terms(step, lang)
        if not any(form.casefold() in text for form in term.forms)
    ]
    assert unseen == []


def test_explain_adds_links_and_changes_no_text():
    app = debts_app("li_na_illness", lang="zh-CN")
    table = app.standing_table.value
    assert _ABBR.sub("", table) == _ABBR.sub("", explain(table, "02", "zh-CN"))
    linked = re.findall(r"<abbr [^>]*>(.*?)</abbr>", table)
    assert {"五级分类", "关注", "法律红线", "真实年化（名义）", "真实年化（复利）"} <= set(linked)


def test_explain_links_each_term_once_and_never_inside_a_tag_or_a_titled_cell():
    fragment = '<td title="罚息 is here">罚息</td><p class="罚息">罚息 罚息 &amp; 复利</p>'
    result = explain(fragment, "02", "zh-CN")
    assert result.count('<abbr title="逾期后按更高利率') == 1
    assert result.startswith('<td title="罚息 is here">罚息</td><p class="罚息"><abbr')
    assert "&amp; <abbr" in result  # the escaped text is kept as it was


def test_each_app_lists_its_glossary_and_relabels_it():
    app = scenario_app("li_na_illness", lang="zh-CN")
    assert app.glossary.value == glossary_html("03", "zh-CN")
    assert "债权人所得现值" in app.glossary.value and "<details" in app.glossary.value
    app.controls["lang"].value = "en"
    assert app.glossary.value == glossary_html("03", "en")
    assert app.glossary in app.view.children


def test_the_words_the_issue_names_are_explained():
    for word in ("关注", "次级", "可疑", "损失", "债权人所得现值", "先还利率最高的", "名义年化"):
        assert define(word, "zh-CN").startswith(word)
    assert "91–120" in define("次级", "zh-CN")
    line = define("法律红线", "en")
    assert "24%" in line and "4 × the one-year LPR" in line
    assert "13.58%" in define("effective", "en")
