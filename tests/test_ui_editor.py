"""The case editor, driven without a browser: set ``.value`` on its controls, click its buttons.

Debts of the sample ``zhang_wei_unemployed`` (the default sample), by position: 0 招商银行 card
(daily rate), 1 建设银行 card, 2 招联消费金融 consumer finance (annual rate 0.216), 3 借呗
online platform, 4 表哥 private loan.
"""

from __future__ import annotations

import datetime
from pathlib import Path

import pytest

from helpers.case import (
    Case,
    Cost,
    Debt,
    Income,
    add_debts,
    load_case,
    load_sample,
    read_debts,
    save_case,
)
from helpers.case.model import EvidenceItem, Hardship, Household, Person
from helpers.i18n.catalogue import catalogue
from helpers.ui import CaseEditor, editor_app
from helpers.ui.editor.draft import (
    data_from_draft,
    draft_from_case,
    imported_items,
    route_problems,
    validate_draft,
)
from helpers.ui.editor.fields import SECTIONS
from tests.support import SAMPLES

SAMPLE = "zhang_wei_unemployed"
NOT_SAVED_ONE = "Nothing saved: the draft has 1 problem; correct it first"


def _sample_bytes() -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(SAMPLES.iterdir())}


@pytest.fixture
def my_case(cases_dir) -> Path:
    """A user's own case file: the default sample saved into the private cases folder."""
    return save_case(load_sample(), cases_dir / "mine.yaml")


def _select(app: CaseEditor, section: str, index: int) -> None:
    app.controls[f"{section}.selector"].value = index


# ---- the three promises ----
def test_a_rate_of_18_shows_did_you_mean_beside_the_field_and_saves_nothing(cases_dir):
    app = CaseEditor(SAMPLES / f"{SAMPLE}.yaml", lang="en")
    _select(app, "debts", 2)
    app.controls["debts.annual_rate"].value = "18"
    assert app.notes["debts.annual_rate"].value == "'18' is not a fraction; did you mean 0.18?"
    app.controls["save"].click()
    assert list(cases_dir.iterdir()) == []
    assert app.messages.lines == [
        NOT_SAVED_ONE,
        "Annual rate of Debt 3: '18' is not a fraction; did you mean 0.18?",
    ]
    assert app.result is None and app.dirty


def test_a_rate_of_18_leaves_the_users_case_file_unchanged(my_case):
    before = my_case.read_bytes()
    app = CaseEditor(my_case, lang="en")
    _select(app, "debts", 2)
    app.controls["debts.annual_rate"].value = "18"
    assert app.save() is None
    assert my_case.read_bytes() == before


def test_adding_a_debt_saving_and_reloading_gives_back_the_same_case(my_case):
    app = CaseEditor(my_case, lang="en")
    app.controls["debts.add"].click()
    app.controls["debts.lender"].value = "表姐"
    app.controls["debts.kind"].value = "private"
    app.controls["debts.principal"].value = "2万"
    app.controls["debts.annual_rate"].value = "0"
    app.controls["debts.contract_date"].value = "2025-01-10"
    app.controls["debts.note"].value = "春节借的"
    app.controls["save"].click()
    data = load_sample().to_data()
    new_debt = {
        "id": "d6",
        "lender": "表姐",
        "kind": "private",
        "principal": 20000,
        "annual_rate": 0,
        "contract_date": "2025-01-10",
        "note": "春节借的",
    }
    data["debts"] = [*data["debts"], new_debt]
    expected = Case.model_validate(data)
    assert load_case(my_case) == expected
    assert app.result == expected
    assert app.messages.lines == ["Saved to cases/mine.yaml"]
    assert not app.dirty


@pytest.mark.parametrize("suffix", ["csv", "xlsx"])
def test_importing_the_debts_template_appends_its_three_rows(suffix):
    template = SAMPLES / f"debts_template.{suffix}"
    app = CaseEditor(load_sample(), lang="en")
    app.controls["import_path"].value = str(template)
    app.controls["import"].click()
    assert app.result == add_debts(load_sample(), read_debts(template))
    assert [d.id for d in app.result.debts] == ["d1", "d2", "d3", "d4", "d5", "d6", "d7", "d8"]
    assert [d.lender for d in app.result.debts[5:]] == ["招商银行", "招联消费金融", "表哥"]
    assert app.messages.lines == ["Imported 3 debts; they are at the end of the list of debts"]
    assert app.controls["debts.selector"].value == 5
    assert app.controls["debts.principal"].value == "12500.00"


def test_uploading_the_xlsx_template_appends_its_rows():
    app = CaseEditor(load_sample(), lang="en")
    content = (SAMPLES / "debts_template.xlsx").read_bytes()
    upload = {
        "name": "我的债务.xlsx",
        "type": "",
        "size": len(content),
        "content": memoryview(content),
        "last_modified": datetime.datetime(2025, 4, 1, tzinfo=datetime.UTC),
    }
    app.controls["upload"].value = (upload,)
    assert [d.lender for d in app.result.debts[5:]] == ["招商银行", "招联消费金融", "表哥"]
    assert app.controls["upload"].value == ()


# ---- fields ----
def test_an_amount_typed_as_1_2_wan_is_stored_as_1_200_000_fen():
    app = CaseEditor(load_sample(), lang="zh-CN")
    app.controls["debts.principal"].value = "1.2万"
    assert app.result.debts[0].principal_fen == 1_200_000
    assert app.draft["debts"][0]["principal"] == "1.2万"
    assert app.notes["debts.principal"].value == "= ¥12,000.00"


def test_a_bad_import_shows_the_row_and_column_and_adds_nothing(tmp_path):
    table = tmp_path / "debts.csv"
    table.write_text(
        "出借方,类型,本金,年利率\n表哥,亲友借款,5000,0\n花呗,网贷,abc,0.18\n", "utf-8"
    )
    app = CaseEditor(load_sample(), lang="en")
    assert app.import_debts(table) == 0
    assert app.messages.lines == [
        "Nothing imported: the table has 1 problem; correct it and import again",
        "row 3, column 本金 (Principal): 'abc' is not an amount; "
        "write it like 1234.50, ¥1,234.50 or 1.2万",
    ]
    assert len(app.draft["debts"]) == 5


def test_importing_from_a_folder_reports_the_error_in_the_app(tmp_path):
    app = CaseEditor(load_sample(), lang="en")
    app.controls["import_path"].value = str(tmp_path)
    app.controls["import"].click()
    assert app.messages.kind == "error"
    assert app.messages.lines[0].startswith("the file cannot be read or written (")


def test_importing_with_no_path_asks_for_one():
    app = CaseEditor(load_sample(), lang="en")
    app.controls["import"].click()
    assert app.messages.lines == ["Give the path of a spreadsheet first, or upload one"]


def test_switching_language_relabels_the_fields_and_rerenders_the_errors():
    app = CaseEditor(load_sample(), lang="en")
    _select(app, "debts", 2)
    app.controls["debts.annual_rate"].value = "18"
    app.save()
    assert app.labels["debts.annual_rate"].value == "Annual rate"
    assert app.controls["debts.kind"].label == "consumer finance"
    app.controls["lang"].value = "zh-CN"
    assert app.labels["debts.annual_rate"].value == "年利率"
    assert app.controls["debts.kind"].label == "消费金融"
    assert app.controls["debts.kind"].value == "consumer_finance"
    assert app.notes["debts.annual_rate"].value == "'18' 不是小数形式的利率；是不是想写 0.18？"
    assert app.messages.lines[0] == "没有保存：草稿有 1 个问题，请先更正"
    assert app.controls["save"].description == "保存"
    assert app.view.children[-1].titles == ("基本情况", "收入", "开支", "债务", "证明材料")
    assert app.notes["savings"].value == "= ¥8,000.00"


def test_saving_a_sample_copies_it_into_cases_and_leaves_the_samples_byte_identical(cases_dir):
    before = _sample_bytes()
    app = CaseEditor(SAMPLES / f"{SAMPLE}.yaml", lang="en")
    app.controls["savings"].value = "9,500"
    target = cases_dir / f"{SAMPLE}.yaml"
    assert app.save() == target
    assert app.messages.lines == [
        f"Samples are read-only: the sample was copied to cases/{SAMPLE}.yaml and the changes "
        "saved there",
        f"Saved to cases/{SAMPLE}.yaml",
    ]
    assert load_case(target).savings_fen == 950_000
    assert _sample_bytes() == before
    assert app.path == target and not app.dirty


def test_opening_a_sample_whose_copy_exists_warns_that_saving_replaces_it(cases_dir):
    target = save_case(load_sample(), cases_dir / f"{SAMPLE}.yaml")
    app = CaseEditor(SAMPLES / f"{SAMPLE}.yaml", lang="en")
    assert app.messages.kind == "warning"
    assert app.messages.lines == [
        f"You already have a copy at cases/{target.name}; saving here replaces it with this "
        "draft. To go on with that copy, open it instead."
    ]


def test_a_case_given_as_an_object_is_saved_as_new_case_in_cases(cases_dir):
    app = editor_app(load_sample("li_na_illness"), lang="en")
    app.controls["person.phone"].value = "13900000000"
    assert app.save() == cases_dir / "new_case.yaml"
    assert load_case(cases_dir / "new_case.yaml").person.phone == "13900000000"


def test_removing_a_cost_drops_it_and_selects_the_next_one():
    app = CaseEditor(load_sample(), lang="en")
    _select(app, "costs", 1)
    app.controls["costs.remove"].click()
    expected = load_sample().costs[:1] + load_sample().costs[2:]
    assert app.result.costs == expected
    assert app.controls["costs.selector"].value == 1
    assert app.controls["costs.category"].value == "phone_internet"


def test_removing_every_debt_lists_the_problem_above_the_forms():
    app = CaseEditor(load_sample(), lang="en")
    for _ in range(5):
        app.controls["debts.remove"].click()
    assert app.draft["debts"] == []
    assert app.controls["debts.selector"].options == ()
    assert "Debts: add at least 1 item" in app.forms.elsewhere.value


def test_a_bad_value_in_one_field_does_not_lose_edits_in_other_fields():
    app = CaseEditor(load_sample(), lang="en")
    app.controls["savings"].value = "8千"
    app.controls["debts.principal"].value = "abc"
    app.controls["person.name"].value = "张三"
    _select(app, "debts", 1)
    app.controls["debts.due_day"].value = "25"
    _select(app, "debts", 0)
    assert app.controls["debts.principal"].value == "abc"
    assert app.notes["debts.principal"].value.startswith("'abc' is not an amount")
    assert app.result is None
    app.controls["debts.principal"].value = "3万"
    assert app.result.savings_fen == 800_000
    assert app.result.person.name == "张三"
    assert app.result.debts[0].principal_fen == 3_000_000
    assert app.result.debts[1].due_day == 25


def test_a_problem_in_an_item_not_selected_marks_it_and_is_listed_above_the_forms():
    app = CaseEditor(load_sample(), lang="en")
    app.controls["debts.principal"].value = "abc"
    _select(app, "debts", 1)
    assert app.controls["debts.selector"].options[0][0].startswith("⚠ 招商银行 · credit card · ?")
    assert "Principal of Debt 1: 'abc' is not an amount" in app.forms.elsewhere.value


def test_months_out_of_order_are_shown_above_the_income():
    app = CaseEditor(load_sample(), lang="en")
    _select(app, "incomes", 1)
    app.controls["incomes.from"].value = "2025-12"
    assert app.controls["incomes.selector"].options[1][0] == "⚠ benefits · CN¥1,800.00"
    assert app.forms.lists["incomes"].note.value == (
        "the start month 2025-12 comes after the end month 2025-10; swap or correct them"
    )


def test_a_new_debt_gets_the_next_id_and_asks_for_its_required_fields():
    app = CaseEditor(load_sample(), lang="en")
    app.controls["debts.add"].click()
    assert app.controls["debts.id"].value == "d6"
    assert app.notes["debts.lender"].value == "this field is required; add it"
    assert app.notes["debts.principal"].value == "this field is required; add it"
    app.controls["debts.lender"].value = "微粒贷"
    app.controls["debts.principal"].value = "8000"
    assert app.notes["debts.annual_rate"].value == (
        "no rate given; add one of Annual rate, Daily rate or Monthly fee rate "
        "(Annual rate: 0 for an interest-free loan)"
    )


def test_card_fields_are_shown_only_for_credit_cards():
    app = CaseEditor(load_sample(), lang="en")
    groups = app.forms.lists["debts"].form.groups
    _select(app, "debts", 2)
    assert groups["card"].layout.display == "none"
    app.controls["debts.kind"].value = "credit_card"
    assert groups["card"].layout.display is None


def test_card_fields_holding_a_value_stay_visible_with_their_problem():
    app = CaseEditor(load_sample(), lang="en")
    app.controls["debts.kind"].value = "bank_loan"  # the first debt is a card with a limit
    assert app.forms.lists["debts"].form.groups["card"].layout.display is None
    assert app.notes["debts.credit_limit"].value == (
        "30000: only credit cards have this; remove it or set kind to credit card"
    )


def test_rule_fields_show_the_default_of_the_lender_kind():
    app = CaseEditor(load_sample(), lang="en")
    _select(app, "debts", 4)
    assert app.controls["debts.penalty_rate_multiplier"].placeholder == "default 1×"
    app.controls["debts.kind"].value = "consumer_finance"
    assert app.controls["debts.penalty_rate_multiplier"].placeholder == "default 1.5×"


def test_an_optional_yes_no_rule_can_be_set_and_cleared():
    app = CaseEditor(load_sample(), lang="en")
    _select(app, "debts", 2)
    app.controls["debts.compound_overdue_interest"].value = False
    assert app.result.debts[2].compound_overdue_interest is False
    app.controls["debts.compound_overdue_interest"].value = None
    assert app.result.debts[2].compound_overdue_interest is None


def test_clearing_the_hardship_kind_and_fields_removes_the_hardship():
    app = CaseEditor(load_sample(), lang="en")
    for name in ("start", "expected_recovery", "income_after_recovery", "description"):
        app.controls[f"hardship.{name}"].value = ""
    app.controls["hardship.kind"].value = None
    assert app.result.hardship is None


def test_revert_reloads_the_case_from_its_file(my_case):
    app = CaseEditor(my_case, lang="en")
    app.controls["savings"].value = "1"
    app.controls["revert"].click()
    assert app.controls["savings"].value == "8000.00"
    assert app.result == load_sample() and not app.dirty
    assert app.messages.lines == ["Changes thrown away; the case was reloaded"]


def test_the_status_line_tells_unsaved_changes_and_problems():
    app = CaseEditor(load_sample(), lang="en")
    status = app.view.children[2].children[-1]
    assert status.value == "No unsaved changes · the draft is valid"
    app.controls["household.size"].value = 0
    assert status.value == "Unsaved changes · the draft has 1 problem"
    assert app.notes["household.size"].value == "0 is too small; the least allowed is 1"


# ---- the draft, without widgets ----
@pytest.mark.parametrize("path", sorted(SAMPLES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_sample_survives_the_round_trip_through_a_draft(path):
    case = load_case(path)
    assert validate_draft(draft_from_case(case)) == (case, [])


def test_an_empty_draft_field_is_left_out_so_its_default_applies():
    draft = draft_from_case(load_sample())
    draft["debts"][0]["interest"] = "  "
    draft["person"] = {"name": "", "id_number": "", "phone": ""}
    data = data_from_draft(draft)
    assert "interest" not in data["debts"][0] and "person" not in data
    assert validate_draft(draft)[0].debts[0].interest_fen == 0


def test_problems_are_routed_to_their_fields_and_the_rest_kept_in_order():
    draft = draft_from_case(load_sample())
    draft["debts"][1]["principal"] = "-5"
    draft["incomes"][0]["amount"] = "x"
    _, problems = validate_draft(draft)
    by_field, rest = route_problems(problems, ["debts[1].principal"])
    assert [p.key for p in by_field["debts[1].principal"]] == ["errors.negative_amount"]
    assert [p.where for p in rest] == ["incomes[0].amount"]


def test_imported_debts_take_ids_after_the_existing_ones():
    items = [{"id": "d1"}, {"id": "d3"}]
    new = imported_items(items, read_debts(SAMPLES / "debts_template.csv"))
    assert [d["id"] for d in new] == ["d4", "d5", "d6"]


@pytest.mark.parametrize(
    ("section", "model"),
    [
        ("person", Person),
        ("household", Household),
        ("hardship", Hardship),
        ("incomes", Income),
        ("costs", Cost),
        ("debts", Debt),
        ("evidence", EvidenceItem),
    ],
)
def test_every_field_of_the_model_has_a_control(section, model):
    fields = {info.alias or name for name, info in model.model_fields.items()}
    assert sorted(spec.name for spec in SECTIONS[section]) == sorted(fields)


def test_every_label_of_the_editor_exists_in_both_languages():
    keys = {spec.label_key for specs in SECTIONS.values() for spec in specs}
    missing = sorted(key for key in keys if set(catalogue().get(key, {})) != {"zh-CN", "en"})
    assert missing == []
