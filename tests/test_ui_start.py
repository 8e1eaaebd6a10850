"""The start app, driven without a browser."""

from helpers.case import load_case, load_sample, save_case
from helpers.debts.waiting import waiting_summary
from helpers.paths import SAMPLES_DIR
from helpers.ui.start import StartApp, capacity_sentence


def test_the_overview_shows_debts_capacity_and_three_months_of_waiting():
    app = StartApp("zhang_wei_unemployed", lang="en")
    case = load_sample()
    for debt in case.debts:
        assert debt.lender in app.overview.value
    # the sample's budget: 6,300.00 of income less 5,920.00 of costs, reserve and priority
    # obligations during the hardship, and
    # 7,080.00 a month once wages return in 2025-08
    assert "the payment you can carry every month is CN¥380.00" in app.overview.value
    assert "After recovery (from 2025-08)" in app.overview.value
    assert "CN¥7,080.00" in app.overview.value
    summary = waiting_summary(case, months=3)
    assert f"CN¥{summary.added_fen / 100:,.2f}" in app.waiting.value
    assert app.chosen.value == "<p>No scenario chosen yet: compare them in 03 and choose one.</p>"


def test_the_overview_shows_the_scenario_chosen_in_03(cases_dir):
    from helpers.plans import Reinstalment
    from helpers.scenarios import Scenario, keep_choice

    # Li Na's costs exceed her sick pay by up to 1,540.00 a month until 2026-03 (the budget of
    # 01): no plan that asks her for any payment before then can be carried, so a 24-month
    # re-instalment of her card starting now must be called one she cannot carry
    case = load_sample("li_na_illness")
    target, copied = keep_choice(
        SAMPLES_DIR / "li_na_illness.yaml", case, Scenario("custom", {"d1": Reinstalment(24)})
    )
    app = StartApp(target, lang="en")
    assert copied and app.chosen.value.startswith("<p>The scenario chosen: “your scenario”. ")
    assert "You cannot carry this scenario" in app.chosen.value
    app.controls["lang"].value = "zh-CN"
    assert "已选定的方案：“您调整的方案”。这个方案负担不起" in app.chosen.value


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
    # 380.00 a month until 2025-10; from 2025-11 costs exceed income by 1,420.00 (the budget's
    # capacity column), so no payment can be carried every month of the 60
    assert capacity_sentence(case, "en") == (
        "Over the next 60 months costs exceed income by up to CN¥1,420.00 a month (in 2025-11): "
        "you cannot carry any payment unless costs come down or income goes up."
    )


def test_the_case_picked_in_00_is_the_one_the_next_notebooks_open(cases_dir):
    from helpers.case import case_source, current_case_path

    assert case_source("").name == "zhang_wei_unemployed.yaml"  # nothing picked yet
    app = StartApp()
    assert app.path.name == "zhang_wei_unemployed.yaml"
    app.controls["case"].value = str(SAMPLES_DIR / "li_na_illness.yaml")
    # notebooks 01–03 with an empty case_path, and 00 reopened, open Li Na's case
    assert case_source("") == (SAMPLES_DIR / "li_na_illness.yaml").resolve()
    assert StartApp().result == load_sample("li_na_illness")
    assert oct((cases_dir / ".current").stat().st_mode & 0o777) == "0o600"
    # a case given by name still wins; a remembered case whose file is gone falls back
    assert case_source("wang_fang_income_drop").name == "wang_fang_income_drop.yaml"
    mine = save_case(load_sample("zhao_min_family_rural"), cases_dir / "mine.yaml")
    app.controls["refresh"].click()
    app.controls["case"].value = str(mine)
    assert case_source("") == mine.resolve()
    mine.unlink()
    assert current_case_path().name == "zhang_wei_unemployed.yaml"


def test_saving_in_the_editor_makes_the_saved_case_current(cases_dir):
    from helpers.case import case_source

    app = StartApp(SAMPLES_DIR / "li_na_illness.yaml")
    app.editor.controls["debts.selector"].value = 2
    app.editor.controls["debts.principal"].value = "9100.00"
    target = app.editor.save()
    assert target == cases_dir / "li_na_illness.yaml"  # the sample was copied first
    assert case_source("") == target.resolve()
    assert load_case(case_source("")).debt("d3").principal_fen == 910_000
