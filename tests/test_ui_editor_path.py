"""The case editor as a new user met it (issue 16, items 10 and 8): a problem summary that
follows the draft, notes that never move the inputs, hints that cannot be misread, dates that
read the same in both languages, and fields named by the form's own labels, never by keys or
absolute paths. Driven without a browser, as tests/test_ui_editor.py.

Debts of the default sample, by position: 0 招商银行 card, 1 建设银行 card, 2 招联消费金融
consumer finance (annual rate), 3 借呗 online platform, 4 表哥 private loan (signed 2024-12-01).
"""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from helpers import paths
from helpers.case import Case, load_case, load_sample, problems_from_validation
from helpers.errors import CaseError, Problem
from helpers.paths import PROJECT_DIR, shown_path
from helpers.ui import CaseEditor
from helpers.ui.common import error_lines
from helpers.ui.editor.draft import data_from_draft, draft_from_case, validate_draft
from helpers.ui.editor.fields import SECTIONS
from helpers.ui.editor.labels import field_label, problem_text
from tests.support import SAMPLES

SAMPLE = "zhang_wei_unemployed"


def _select(app: CaseEditor, section: str, index: int) -> None:
    app.controls[f"{section}.selector"].value = index


# ---- 1. the problem summary at the top follows the draft ----
class TestTheSummaryFollowsTheDraft:
    def test_correcting_the_field_clears_the_summary_and_its_count(self):
        app = CaseEditor(load_sample(), lang="en")
        _select(app, "debts", 2)
        app.controls["debts.annual_rate"].value = "18"
        app.controls["save"].click()
        assert app.messages.lines == [
            "Nothing saved: the draft has 1 problem; correct it first",
            "Annual rate of Debt 3: '18' is not a fraction; did you mean 0.18?",
        ]
        app.controls["debts.annual_rate"].value = "0.18"
        assert app.messages.lines == ["Not saved yet: every problem is corrected; save when ready"]
        assert app.messages.kind == "ok"

    def test_a_second_problem_raises_the_count_and_joins_the_list(self):
        app = CaseEditor(load_sample(), lang="zh-CN")
        app.controls["debts.principal"].value = "abc"
        app.controls["save"].click()
        app.controls["household.size"].value = 0
        assert app.messages.lines == [
            "没有保存：草稿有 2 个问题，请先更正",
            "家庭人数：0 太小；最小允许 1",
            "第 1 笔债务的剩余本金：'abc' 不是金额；请写成 1234.50、¥1,234.50 或 1.2万 这样的形式",
        ]

    def test_removing_an_item_renumbers_the_problems_after_it(self):
        app = CaseEditor(load_sample(), lang="en")
        _select(app, "debts", 2)
        app.controls["debts.annual_rate"].value = "18"
        app.controls["save"].click()
        _select(app, "debts", 0)
        app.controls["debts.remove"].click()
        assert app.messages.lines[1:] == [
            "Annual rate of Debt 2: '18' is not a fraction; did you mean 0.18?"
        ]

    def test_adding_an_item_lists_its_missing_fields(self):
        app = CaseEditor(load_sample(), lang="en")
        app.controls["debts.lender"].value = ""
        app.controls["save"].click()
        app.controls["debts.lender"].value = "招商银行"
        app.controls["debts.add"].click()
        assert app.messages.lines == [
            "Nothing saved: the draft has 2 problems; correct them first",
            "Lender of Debt 6: this field is required; add it",
            "Principal of Debt 6: this field is required; add it",
        ]

    def test_the_summary_follows_in_the_language_switched_to(self):
        app = CaseEditor(load_sample(), lang="en")
        app.controls["household.size"].value = 0
        app.controls["save"].click()
        app.controls["lang"].value = "zh-CN"
        app.controls["household.size"].value = 3
        assert app.messages.lines == ["还没有保存：问题都已更正，现在可以保存"]

    def test_another_message_replaces_the_summary_and_is_not_redrawn_over(self, cases_dir):
        app = CaseEditor(load_sample(), lang="en")
        app.controls["household.size"].value = 0
        app.controls["save"].click()
        app.controls["household.size"].value = 3
        app.controls["save"].click()
        app.controls["savings"].value = "9000"
        assert app.messages.lines == ["Saved to cases/new_case.yaml"]


# ---- 2. a note never moves the inputs ----
class TestNotesKeepTheirPlace:
    def test_every_field_reserves_two_lines_for_its_note_before_any_message(self):
        app = CaseEditor(load_sample(), lang="en")
        heights = {name: note.layout.min_height for name, note in app.notes.items()}
        assert set(heights.values()) == {"2lh"}
        assert app.notes["debts.lender"].value == ""  # reserved while empty

    def test_a_rows_control_stays_at_the_top_when_a_note_is_longer(self):
        row = CaseEditor(load_sample(), lang="en").forms.lists["debts"].form.rows["lender"]
        assert row.box.layout.align_items == "flex-start"
        assert row.box.children == (row.label, row.control, row.note)

    def test_an_items_note_keeps_its_line_while_empty(self):
        editor = CaseEditor(load_sample(), lang="en").forms.lists["incomes"]
        assert editor.note.value == "" and editor.note.layout.min_height == "1lh"

    def test_the_summary_keeps_its_height_when_a_problem_is_corrected(self):
        app = CaseEditor(load_sample(), lang="en")
        app.controls["debts.principal"].value = "abc"
        app.controls["household.size"].value = 0
        app.controls["save"].click()
        assert app.messages.widget.layout.min_height == "3lh"
        app.controls["household.size"].value = 3
        assert len(app.messages.lines) == 2
        assert app.messages.widget.layout.min_height == "3lh"

    def test_a_message_of_its_own_releases_the_summarys_height(self, cases_dir):
        app = CaseEditor(load_sample(), lang="en")
        app.controls["household.size"].value = 0
        app.controls["save"].click()
        app.controls["household.size"].value = 3
        app.controls["save"].click()
        assert app.messages.widget.layout.min_height is None


# ---- 3. hints that cannot be misread ----
class TestHints:
    @pytest.mark.parametrize(
        ("name", "lang", "expected"),
        [
            ("monthly_fee_rate", "en", "e.g. 0.006 (0.6% a month)"),
            ("monthly_fee_rate", "zh-CN", "如 0.006（每月 0.6%）"),
            ("annual_rate", "en", "e.g. 0.18 (18% a year)"),
            ("annual_rate", "zh-CN", "如 0.18（年利率 18%）"),
            ("daily_rate", "en", "e.g. 0.0005 (0.05% a day)"),
            ("daily_rate", "zh-CN", "如 0.0005（日利率 0.05%）"),
            ("contract_date", "zh-CN", "年-月-日，如 2025-04-01"),
            ("principal", "en", "e.g. 12000 or 12k"),
            ("due_day", "en", "day of the month, 1 to 31"),
        ],
    )
    def test_an_empty_field_shows_an_example_that_says_what_it_stands_for(
        self, name, lang, expected
    ):
        app = CaseEditor(load_sample(), lang=lang)
        assert app.controls[f"debts.{name}"].placeholder == expected

    def test_no_placeholder_offers_an_annual_example_for_any_rate(self):
        app = CaseEditor(load_sample(), lang="en")
        placeholders = [getattr(c, "placeholder", "") for c in app.controls.values()]
        assert not [p for p in placeholders if "0.18 / 18%" in p]

    @pytest.mark.parametrize(
        ("name", "typed", "lang", "expected"),
        [
            ("monthly_fee_rate", "0.006", "en", "= 0.6% a month"),
            ("monthly_fee_rate", "0.6%", "zh-CN", "= 每月 0.6%"),
            ("annual_rate", "0.18", "zh-CN", "= 年 18%"),
            ("daily_rate", "0.0005", "en", "= 0.05% a day"),
        ],
    )
    def test_a_rate_typed_shows_its_percentage_and_period(self, name, typed, lang, expected):
        app = CaseEditor(load_sample(), lang=lang)
        _select(app, "debts", 2)
        for rate in ("annual_rate", "daily_rate", "monthly_fee_rate"):
            app.controls[f"debts.{rate}"].value = ""
        app.controls[f"debts.{name}"].value = typed
        assert app.notes[f"debts.{name}"].value == expected

    def test_rule_defaults_are_shown_in_the_pages_language(self):
        app = CaseEditor(load_sample(), lang="zh-CN")  # debt 0 is a card
        assert app.controls["debts.payment_order"].placeholder == "默认 费用、罚息、利息、本金"
        assert app.controls["debts.late_charge_rate"].placeholder == "默认 0.05（5%）"
        app.controls["lang"].value = "en"
        assert app.controls["debts.payment_order"].placeholder == (
            "default charges, penalty interest, interest, principal"
        )

    @pytest.mark.parametrize(
        "typed",
        [
            "本金、利息、罚息、费用",
            "principal, interest, penalty, charges",
            "principal interest penalty charges",
            "Principal, interest, penalty interest, charges",
            "本金 > 利息 > 罚息 > 费用",
        ],
    )
    def test_a_payment_order_typed_in_either_language_or_as_keys_is_saved_as_keys(
        self, typed, cases_dir
    ):
        app = CaseEditor(load_sample(), lang="zh-CN")
        _select(app, "debts", 2)
        app.controls["debts.payment_order"].value = typed
        target = app.save()
        assert [b.value for b in load_case(target).debts[2].payment_order] == [
            "principal",
            "interest",
            "penalty",
            "charges",
        ]

    def test_a_payment_order_is_shown_in_the_pages_language_and_round_trips(self, cases_dir):
        order = ["principal", "interest", "penalty", "charges"]
        data = load_sample().to_data()
        data["debts"][2]["payment_order"] = order
        case = Case.model_validate(data)
        app = CaseEditor(case, lang="zh-CN")
        _select(app, "debts", 2)
        assert app.controls["debts.payment_order"].value == "本金、利息、罚息、费用"
        app.controls["lang"].value = "en"
        assert app.controls["debts.payment_order"].value == (
            "principal, interest, penalty interest, charges"
        )
        assert not app.dirty
        assert validate_draft(draft_from_case(case, "zh-CN")) == (case, [])
        assert data_from_draft(draft_from_case(case, "en"))["debts"][2]["payment_order"] == order

    def test_a_payment_order_naming_no_bucket_is_refused_with_the_buckets_labels(self):
        app = CaseEditor(load_sample(), lang="zh-CN")
        app.controls["debts.payment_order"].value = "本金、利息"
        assert app.notes["debts.payment_order"].value == (
            "还款顺序须恰好列出以下各项一次：费用、罚息、利息、本金"
        )


# ---- 4. dates read the same on every page ----
class TestDates:
    def test_a_date_is_typed_year_month_day_and_written_out_beside_it(self):
        app = CaseEditor(load_sample(), lang="zh-CN")
        _select(app, "debts", 4)
        assert app.controls["debts.contract_date"].value == "2024-12-01"
        assert app.notes["debts.contract_date"].value == "= 2024年12月1日星期日"
        app.controls["lang"].value = "en"
        assert app.notes["debts.contract_date"].value == "= Sunday, December 1, 2024"

    def test_a_date_in_the_browsers_order_is_refused_with_the_format(self):
        app = CaseEditor(load_sample(), lang="en")
        app.controls["as_of"].value = "04/01/2025"
        assert app.notes["as_of"].value == (
            "'04/01/2025' is not a date; write it as YYYY-MM-DD, e.g. 2025-04-01"
        )
        assert app.result is None
        app.controls["as_of"].value = "2025-04-01"
        assert app.result == load_sample()

    def test_a_typed_date_is_saved_as_that_date(self, cases_dir):
        app = CaseEditor(load_sample(), lang="en")
        _select(app, "debts", 4)
        app.controls["debts.contract_date"].value = "2025-01-10"
        assert str(load_case(app.save()).debts[4].contract_date) == "2025-01-10"


# ---- 5. fields by the form's labels; files from the project folder ----
class TestFieldLabels:
    @pytest.mark.parametrize(
        ("path", "lang", "expected"),
        [
            ("debts[0].annual_rate", "zh-CN", "第 1 笔债务的年利率"),
            ("debts[0].annual_rate", "en", "Annual rate of Debt 1"),
            ("incomes[1].amount", "zh-CN", "收入第 2 项的每月金额"),
            ("costs[0].category", "en", "Category of Cost 1"),
            ("evidence[2].status", "zh-CN", "证明材料第 3 项的状态"),
            ("household.size", "zh-CN", "家庭人数"),
            ("person.name", "en", "Name"),
            ("as_of", "zh-CN", "截至日期"),
            ("debts[3]", "en", "Debt 4"),
            ("debts", "zh-CN", "债务"),
            ("hardship", "en", "Hardship"),
            ("debts[0].payment_order[1]", "en", "Payment order of Debt 1"),
            ("3:5", "en", "3:5"),
        ],
    )
    def test_a_field_path_is_named_by_the_forms_labels(self, path, lang, expected):
        assert field_label(path, lang) == expected

    def test_every_field_of_every_form_has_a_label_that_is_not_its_key(self):
        where = {"case": "{name}", "person": "person.{name}", "household": "household.{name}"}
        where |= {"hardship": "hardship.{name}"}
        for section, specs in SECTIONS.items():
            for spec in specs:
                path = where.get(section, section + "[0].{name}").format(name=spec.name)
                assert spec.name not in field_label(path, "zh-CN"), path

    def test_a_message_naming_fields_names_them_by_their_labels_on_a_page(self):
        app = CaseEditor(load_sample(), lang="zh-CN")
        app.controls["debts.add"].click()
        app.controls["debts.lender"].value = "微粒贷"
        app.controls["debts.principal"].value = "8000"
        assert app.notes["debts.annual_rate"].value == (
            "没有利率；请填写 年利率、日利率 或 月手续费率 中的一项（无息借款写 年利率：0）"
        )
        app.controls["debts.annual_rate"].value = "0.1"
        app.controls["debts.daily_rate"].value = "0.0005"
        assert (
            app.notes["debts.daily_rate"].value == "同时给了多个利率（年利率、日利率）；只保留一个"
        )

    def test_a_contract_after_the_case_date_names_the_date_field(self):
        app = CaseEditor(load_sample(), lang="en")
        _select(app, "debts", 4)
        app.controls["debts.contract_date"].value = "2025-05-01"
        assert app.notes["debts.contract_date"].value == (
            "'2025-05-01' is after the case's date (As of 2025-04-01); a contract is signed on "
            "or before it: correct the date, or move As of later"
        )

    def test_a_part_larger_than_its_whole_names_the_whole_by_its_label(self):
        app = CaseEditor(load_sample(), lang="zh-CN")
        app.controls["debts.cash_advance"].value = "100000"
        assert app.notes["debts.cash_advance"].value == "100000 超过了 剩余本金；请更正"

    def test_the_command_line_keeps_the_paths_and_keys(self):
        data = load_sample().to_data()
        del data["debts"][4]["annual_rate"]
        data["debts"][0]["cash_advance"] = 100000
        with pytest.raises(ValidationError) as caught:
            Case.model_validate(data)
        problems = problems_from_validation(caught.value, model=Case)
        assert [p.render("en") for p in problems] == [
            "debts[0].cash_advance: 100000 is more than principal; correct it",
            "debts[4].annual_rate: no rate given; add one of annual_rate, daily_rate or "
            "monthly_fee_rate (annual_rate: 0 for an interest-free loan)",
        ]
        assert problems[1].render("zh-CN") == (
            "debts[4].annual_rate：没有利率；请填写 annual_rate、daily_rate 或 monthly_fee_rate "
            "中的一项（无息借款写 annual_rate: 0）"
        )
        assert [problem_text(p, "en") for p in problems][1].startswith(
            "Annual rate of Debt 5: no rate given; add one of Annual rate, Daily rate"
        )

    def test_an_app_shows_a_case_error_by_the_forms_labels(self):
        error = CaseError([Problem("incomes[1].amount", "x", "errors.not_amount")])
        assert error_lines(error)("zh-CN") == [
            "收入第 2 项的每月金额：'x' 不是金额；请写成 1234.50、¥1,234.50 或 1.2万 这样的形式"
        ]


class TestNoAbsolutePaths:
    def test_a_samples_file_line_names_it_from_the_project_folder(self, cases_dir):
        app = CaseEditor(SAMPLES / f"{SAMPLE}.yaml", lang="zh-CN")
        file_line = app.view.children[1].value
        assert file_line == (
            f"样例（只读）：data/samples/{SAMPLE}.yaml；保存时会先复制到 cases/{SAMPLE}.yaml"
        )
        assert str(PROJECT_DIR) not in file_line and str(cases_dir) not in file_line

    def test_saving_names_the_copy_in_the_cases_folder(self, cases_dir):
        app = CaseEditor(SAMPLES / f"{SAMPLE}.yaml", lang="zh-CN")
        app.controls["savings"].value = "9000"
        app.controls["save"].click()
        assert app.messages.lines == [
            f"样例是只读的：已复制到 cases/{SAMPLE}.yaml，修改保存在这份副本中",
            f"已保存到 cases/{SAMPLE}.yaml",
        ]
        assert app.view.children[1].value == f"文件：cases/{SAMPLE}.yaml"

    def test_a_file_outside_the_project_is_named_by_its_name(self, tmp_path):
        assert shown_path(tmp_path / "借款.yaml") == "借款.yaml"

    def test_a_file_in_the_project_is_named_from_the_project_folder(self):
        assert shown_path(paths.PROJECT_DIR / "exports" / "pack.html") == "exports/pack.html"
