"""Every page speaks its reader's language (issue 16, item 8): built for every sample in zh-CN
and in en, no app shows an English word on a Chinese page, outside the short allowlist below,
nor a Chinese character on an English page. The case's own text (names, lenders, notes, ids) is
the borrower's and exempt, and so are file names.

The case editor's labels, choices, placeholders and buttons are checked; its notes beside the
fields and its message area are not: they carry messages about field paths, which the editor
renders in its own way and tests/test_ui_editor*.py cover.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from helpers.case import load_case
from helpers.ui import (
    budget_app,
    debts_app,
    editor_app,
    proposal_app,
    scenario_app,
    start_app,
    track_app,
)
from tests.page_text import case_texts, foreign_words, widget_texts, without
from tests.support import SAMPLES

# The only Latin words a Chinese page may show, each for a reason:
ZH_ALLOWLIST = frozenset(
    {
        "LPR",  # 贷款市场报价利率: Chinese courts, banks and the law write it so
        "English",  # the language switch names each language in itself (as 中文 on English pages)
        "App",  # a lender's phone app: Chinese writes it so (App 在线客服, as the lenders do)
    }
)
# The only Chinese an English page may show: the switch's own name for Chinese.
EN_ALLOWLIST = frozenset({"中文"})
# File names and paths a page shows (the case file, cases/, the import template) and file types
# (.csv, .xlsx) are names on the user's disk, in no language.
_FILES = re.compile(r"[\w.\-]*(?:/[\w.\-]+)+/?|\.(?:csv|xlsx|yaml)\b")
SAMPLE_FILES = sorted(SAMPLES.glob("*.yaml"))
SAMPLE_PEOPLE = frozenset(load_case(path).person.name for path in SAMPLE_FILES)
APPS = {
    "start": start_app,
    "budget": budget_app,
    "debts": debts_app,
    "scenarios": scenario_app,
    "editor": editor_app,
    "proposal": proposal_app,
    "track": track_app,
}


def _notes_of_editors(app) -> list:
    """The editor's notes beside fields, its problems elsewhere and its message area."""
    editors = [app] if hasattr(app, "notes") else [getattr(app, "editor", None)]
    return [
        widget
        for editor in editors
        if editor is not None
        for widget in (*editor.notes.values(), editor.messages.widget, editor.forms.elsewhere)
    ]


def page_foreign_words(app, case, lang: str) -> dict[str, list[str]]:
    """Text shown by the app → the words in it not in ``lang`` (the case's own text removed;
    the start page's picker names every sample's person too)."""
    exempt = case_texts(case) | SAMPLE_PEOPLE
    found = {}
    for text in widget_texts(app.view, skip=_notes_of_editors(app)):
        words = foreign_words(_FILES.sub(" ", without(text, exempt)), lang, ZH_ALLOWLIST)
        words = [w for w in words if w not in EN_ALLOWLIST]
        if words:
            found[text[:200]] = words
    return found


@pytest.mark.parametrize("lang", ["zh-CN", "en"])
@pytest.mark.parametrize("sample", SAMPLE_FILES, ids=lambda p: p.stem)
@pytest.mark.parametrize("app_name", list(APPS))
def test_no_word_of_the_other_language_on_a_page(app_name: str, sample: Path, lang: str):
    app = APPS[app_name](str(sample), lang=lang)
    assert page_foreign_words(app, load_case(sample), lang) == {}


def test_switching_language_leaves_nothing_of_the_first_behind():
    case = load_case(SAMPLES / "li_na_illness.yaml")
    for build in APPS.values():
        app = build(str(SAMPLES / "li_na_illness.yaml"), lang="zh-CN")
        app.controls["lang"].value = "en"
        assert page_foreign_words(app, case, "en") == {}, build.__name__


def test_the_check_finds_a_raw_key_and_an_english_choice():
    # the check must fail for the right reason: an untranslated text on a Chinese page
    import ipywidgets as widgets

    page = widgets.VBox(
        [widgets.HTML("<b>ui.start.pick</b>"), widgets.Dropdown(options=["pro_rata"])]
    )
    words = [w for text in widget_texts(page) for w in foreign_words(text, "zh-CN", ZH_ALLOWLIST)]
    assert words == ["ui", "start", "pick", "pro", "rata"]


def test_the_case_picker_names_samples_by_person_and_hardship():
    app = start_app("zhang_wei_unemployed", lang="zh-CN")
    assert "样例：张伟（失业）" in app.controls["case"]._options_labels
    app.controls["lang"].value = "en"
    assert "sample: 张伟 (unemployment)" in app.controls["case"]._options_labels
