"""The start app, driven without a browser."""

from helpers.budget.monthly import monthly_budget
from helpers.case import load_case, load_sample, save_case
from helpers.debts.waiting import waiting_summary
from helpers.paths import SAMPLES_DIR
from helpers.ui.start import StartApp, capacity_sentence


def test_the_overview_shows_debts_capacity_and_three_months_of_waiting():
    app = StartApp("zhang_wei_unemployed", lang="en")
    case = load_sample()
    for debt in case.debts:
        assert debt.lender in app.overview.value
    budget = monthly_budget(case)
    assert f"CN¥{budget.capacity_fen[0] / 100:,.2f} a month now" in app.overview.value
    summary = waiting_summary(case, months=3)
    assert f"CN¥{summary.added_fen / 100:,.2f}" in app.waiting.value
    assert 'href="03_scenarios.ipynb"' in app.links.value


def test_picking_another_case_reloads_overview_and_editor():
    app = StartApp("zhang_wei_unemployed", lang="en")
    app.controls["case"].value = str(SAMPLES_DIR / "li_na_illness.yaml")
    assert app.result.person.name == "李娜"
    assert "中信银行" in app.overview.value
    assert app.editor.result == load_sample("li_na_illness")


def test_the_language_switch_relabels_the_app_and_its_editor():
    app = StartApp("wang_fang_income_drop", lang="en")
    app.controls["lang"].value = "zh-CN"
    assert "再拖" in app.waiting.value or "不还款" in app.waiting.value
    assert app.controls["case"].description == "选择案例"
    assert app.editor.lang == "zh-CN"
    assert "编辑这个案例" in app.editor_box.children[0].value


def test_the_users_own_cases_come_first(cases_dir):
    save_case(load_sample("li_na_illness"), cases_dir / "mine.yaml")
    app = StartApp(cases_dir / "mine.yaml", lang="en")
    assert app.controls["case"].options[0] == ("my case: mine", str(cases_dir / "mine.yaml"))
    assert app.result == load_case(cases_dir / "mine.yaml")


def test_capacity_without_recovery_is_one_figure():
    case = load_sample().model_copy(update={"hardship": None})
    assert (
        capacity_sentence(case, "en") == "You can carry CN¥380.00 a month for unsecured lenders."
    )
