"""Every app has the same case picker: picking a case opens it there and makes it current."""

import pytest

from helpers.case import case_source, load_case, save_case
from helpers.paths import SAMPLES_DIR
from helpers.ui import budget_app, debts_app, proposal_app, scenario_app, start_app, track_app

APPS = {
    "budget": budget_app,
    "debts": debts_app,
    "scenarios": scenario_app,
    "start": start_app,
    "proposal": proposal_app,
    "track": track_app,
}


def _case(app):
    return getattr(app, "base", None) or getattr(app, "case", None) or app.result


@pytest.mark.parametrize("name", APPS)
def test_picking_a_case_opens_it_in_the_app_and_makes_it_current(name, cases_dir):
    app = APPS[name]("zhang_wei_unemployed", lang="en")
    assert _case(app).person.name == "张伟"
    li_na = SAMPLES_DIR / "li_na_illness.yaml"
    app.controls["case"].value = str(li_na)
    assert _case(app).person.name == "李娜"
    assert app.controls["case"].value == str(li_na)
    assert case_source("") == li_na.resolve()  # the next notebook opens Li Na's case
    # the rebuilt app still answers its controls and its language switch
    app.controls["lang"].value = "zh-CN"
    assert app.controls["case"].description == "选择案例"
    labels = [label for label, _ in app.controls["case"].options]
    assert "样例：李娜（疾病）" in labels and "样例：张伟（失业）" in labels


def test_a_case_that_cannot_be_read_is_named_and_the_app_keeps_its_case(cases_dir):
    broken = cases_dir / "broken.yaml"
    broken.write_text("as_of: 2025-13-45\n", "utf-8")
    app = budget_app("li_na_illness", lang="en")
    app.controls["refresh"].click()
    app.controls["case"].value = str(broken)
    assert _case(app).person.name == "李娜"
    assert app.controls["case"].value.endswith("li_na_illness.yaml")  # the picker goes back
    assert app.messages.kind == "error" and app.messages.lines
    assert not (cases_dir / ".current").exists()


def test_the_users_own_cases_are_offered_first_in_every_app(cases_dir):
    wang_fang = load_case(SAMPLES_DIR / "wang_fang_income_drop.yaml")
    mine = save_case(wang_fang, cases_dir / "mine.yaml")
    app = debts_app("li_na_illness", lang="en")
    app.controls["refresh"].click()
    assert app.controls["case"].options[0] == ("my case: mine", str(mine))
    app.controls["case"].value = str(mine)
    assert app.case.person.name == load_case(mine).person.name
