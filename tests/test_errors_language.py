"""Errors carry a message key and are rendered in the reader's language where shown.

Every error the engine raises is triggered here and rendered for a Chinese page: no English
may show (DESIGN.md, "Language"; STYLE.md, "Errors carry a message key").
"""

from __future__ import annotations

import re

import pytest

from helpers.case import load_sample
from helpers.engine import ScenarioSpec, project, project_batch, sweep
from helpers.errors import WorkbenchError

# Latin words a Chinese message may still hold: names of fields a user types.
ALLOWED_LATIN = {"means", "fen"}  # the field means_fen, as a user types it


def _english_words(text: str) -> list[str]:
    return [w for w in re.findall(r"[A-Za-z]{3,}", text) if w not in ALLOWED_LATIN]


def _raise_bad_horizon_scalar():
    project(load_sample(), horizon=0)


def _raise_bad_horizon_vector():
    project_batch(load_sample(), [ScenarioSpec(plans={})], horizon=601)


def _raise_means_too_short():
    project_batch(load_sample(), [ScenarioSpec(plans={}, means_fen=[100, 100])], horizon=6)


def _raise_scale_without_means():
    sweep(ScenarioSpec(plans={}), None, None, "means_scale", [0.5, 1.0])


ENGINE_ERRORS = {
    "bad_horizon_scalar": (_raise_bad_horizon_scalar, "预测期 0 个月不可用；请用 1 到 600 个月"),
    "bad_horizon_vector": (_raise_bad_horizon_vector, "预测期 601 个月不可用；请用 1 到 600 个月"),
    "means_too_short": (
        _raise_means_too_short,
        "情景 0 的每月还款能力只有 2 个月；预测期是 6 个月，请给出每个月的金额",
    ),
    "scale_needs_means": (
        _raise_scale_without_means,
        "按比例调整还款能力需要基准情景给出 means_fen（每月金额）",
    ),
}


@pytest.mark.parametrize("name", sorted(ENGINE_ERRORS))
def test_engine_errors_render_in_chinese_on_a_chinese_page(name):
    trigger, chinese = ENGINE_ERRORS[name]
    with pytest.raises(WorkbenchError) as caught:
        trigger()
    shown = caught.value.render("zh-CN")
    assert shown == chinese
    assert _english_words(shown) == []
    assert caught.value.render("en") != shown  # the English text is there for English pages


def test_the_check_finds_english_in_a_message():
    assert _english_words("预测期 use 1 to 600 个月") == ["use"]


def test_the_cli_speaks_the_language_of_the_case_named_when_an_engine_error_stops_it():
    from tests.support import run_cli

    chinese = run_cli("schedule", "li_na_illness", "--horizon", "0", env={"LANG": "C"})
    assert chinese.returncode == 2
    assert chinese.stderr.strip() == "预测期 0 个月不可用；请用 1 到 600 个月"
    english = run_cli("schedule", "wang_fang_income_drop", "--horizon", "0")
    assert english.stderr.strip() == "a horizon of 0 months cannot be used; use 1 to 600 months"
