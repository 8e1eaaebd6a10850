"""The one guard every app's callbacks run in (helpers.ui.common.Guard), and each app using it."""

from __future__ import annotations

import ipywidgets as widgets
import pytest

from helpers.case import load_sample
from helpers.errors import WorkbenchError
from helpers.ui.common import Guard, Hush, MessageArea


def _guard(lang: str = "en", hush: Hush | None = None) -> Guard:
    return Guard(MessageArea(lang), widgets.Output(), hush)


def test_a_workbench_error_is_shown_in_the_apps_language_and_follows_the_switch():
    guard = _guard("zh-CN")
    with guard:
        raise WorkbenchError(key="engine.bad_horizon", horizon=0, maximum=600)
    assert (guard.messages.lines, guard.messages.kind) == (
        ["预测期 0 个月不可用；请用 1 到 600 个月"],
        "error",
    )
    guard.messages.set_language("en")
    assert guard.messages.lines == ["a horizon of 0 months cannot be used; use 1 to 600 months"]


def test_a_file_that_cannot_be_read_is_said_with_its_name_and_the_reason(tmp_path):
    guard = _guard()
    with guard:
        (tmp_path / "missing.csv").read_text()
    assert guard.messages.lines == [
        f"the file cannot be read or written ({tmp_path / 'missing.csv'} No such file or "
        "directory); check the path and its permissions"
    ]


def test_anything_else_is_not_swallowed_outside_a_notebook():
    guard = _guard()
    with pytest.raises(ZeroDivisionError), guard:
        _ = 1 / 0
    assert guard.messages.lines == []


def test_a_guarded_handler_does_nothing_while_the_app_sets_its_own_controls():
    hush, calls = Hush(), []
    handler = _guard(hush=hush)(calls.append)
    with hush:
        handler("while hushed")
    handler("after")
    assert calls == ["after"]


def test_a_guarded_handler_passes_on_every_argument_and_keeps_its_name():
    seen = []

    def on_field(section, name, change):
        seen.append((section, name, change))

    handler = _guard()(on_field)
    handler("debts", "lender", "x")
    assert seen == [("debts", "lender", "x")] and handler.__name__ == "on_field"


# ---- every app: an error in a callback reaches its message area ----
def _broken(*_args, **_kwargs):
    raise WorkbenchError("nothing to show")


def test_the_scenario_app_shows_an_error_in_its_slider_path(monkeypatch):
    from helpers.ui.scenarios import ScenarioApp

    app = ScenarioApp("li_na_illness", lang="en")
    monkeypatch.setattr("helpers.ui.scenarios.tune", _broken)
    app.controls["term"].value = 30
    assert (app.messages.lines, app.messages.kind) == (["nothing to show"], "error")


def test_the_scenario_app_says_why_a_choice_could_not_be_saved(monkeypatch):
    from helpers.ui.scenarios import ScenarioApp

    def refused(*_args):
        raise PermissionError(13, "Permission denied", "cases/new_case.yaml")

    app = ScenarioApp(load_sample("wang_fang_income_drop"), lang="en")
    monkeypatch.setattr("helpers.ui.scenarios.keep_choice", refused)
    app.controls["choose"].click()
    app.controls["confirm"].click()  # she cannot carry the untuned scenario: asked first
    assert app.messages.lines == [
        "the file cannot be read or written (cases/new_case.yaml Permission denied); "
        "check the path and its permissions"
    ]


def test_the_start_app_says_why_a_picked_case_does_not_open(cases_dir):
    from helpers.ui.start import StartApp

    (cases_dir / "broken.yaml").write_text("as_of: [\n", "utf-8")
    app = StartApp("zhang_wei_unemployed", lang="en")
    app.controls["refresh"].click()
    app.controls["case"].value = str(cases_dir / "broken.yaml")
    assert app.messages.kind == "error" and app.messages.lines
    assert app.result.person.name == load_sample().person.name  # the case shown stays


def test_the_editor_shows_an_error_in_a_field_callback(monkeypatch):
    from helpers.ui.editor.app import CaseEditor

    app = CaseEditor(load_sample(), lang="en")
    monkeypatch.setattr("helpers.ui.editor.app.validate_draft", _broken)
    app.controls["savings"].value = "9000"
    assert (app.messages.lines, app.messages.kind) == (["nothing to show"], "error")
