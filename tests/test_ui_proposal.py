"""The proposal app (notebook 04), driven without a browser, checked against helpers.proposals
and helpers.offers (notebook 04 under papermill: tests/test_notebooks.py).

Zhang Wei (the default sample): d1 招商银行 card, d2 建设银行 card, d3 招联 loan, d4 借呗,
d5 a cousin's private loan.
"""

from __future__ import annotations

import pytest
from docx import Document

from helpers import paths
from helpers.case import load_case, load_sample
from helpers.cli import write_drafts
from helpers.offers import OfferTerms, evaluate_offer, verdict_label
from helpers.plans import Reinstalment
from helpers.proposals import contact_plan, draft_texts, libreoffice
from helpers.scenarios import Scenario, save_choice
from helpers.ui import ProposalApp, proposal_app
from helpers.ui.proposal import DRAFTS

DRAFT_FILES = {"application.md", "application.docx", "call_script.md", "chat.md", "checklist.md"}


def test_the_lenders_are_the_contact_plans_in_its_order():
    case = load_sample()
    app = ProposalApp(case, lang="zh-CN")
    options = [value for _label, value in app.controls["lender"].options]
    assert options == [c.debt_id for c in contact_plan(case)]
    assert app.debt_id == options[0]


def test_switching_the_lender_changes_the_drafts_the_contact_and_the_ladder():
    case = load_sample()
    app = ProposalApp(case, lang="zh-CN")
    before = {name: app.drafts[name].value for name in DRAFTS}
    contact, ladder = app.contact.value, app.ladder.value
    app.controls["lender"].value = "d4"
    assert app.result == draft_texts(case, "d4", "zh-CN")
    assert {name: app.drafts[name].value for name in DRAFTS} == app.result
    assert app.drafts["application"].value != before["application"]
    assert "借呗" in app.contact.value and app.contact.value != contact
    assert app.ladder.value != ladder


def test_the_language_switch_relabels_everything_and_redraws_the_drafts():
    app = proposal_app("zhang_wei_unemployed", lang="zh-CN")
    app.controls["lender"].value = "d3"
    app.controls["lang"].value = "en"
    assert app.tabs.get_title(0) == "Application"
    assert app.controls["evaluate"].description == "evaluate the offer"
    assert app.controls["lender"].label == "招联消费金融 (d3)"
    assert app.debt_id == "d3"
    assert app.result == draft_texts(load_sample(), "d3", "en")
    app.controls["lang"].value = "zh-CN"
    assert app.tabs.get_title(0) == "书面申请"


def test_a_counter_offer_is_evaluated_and_its_verdict_shown_in_either_language():
    case = load_sample()
    app = ProposalApp(case, lang="en")
    app.controls["monthly"].value = "1,200"
    app.controls["months"].value = 24
    app.controls["evaluate"].click()
    expected = evaluate_offer(case, OfferTerms("d1", months=24, monthly_fen=120_000))
    assert app.evaluation.verdict == expected.verdict
    assert f"Verdict: {verdict_label(expected.verdict, 'en')}" in app.verdict.value
    assert app.messages.lines == []
    app.controls["lang"].value = "zh-CN"
    assert verdict_label(expected.verdict, "zh-CN") in app.verdict.value


def test_a_bad_amount_shows_a_message_in_the_app_and_changes_nothing():
    app = ProposalApp(load_sample(), lang="en")
    app.controls["monthly"].value, app.controls["months"].value = "1200", 24
    app.controls["evaluate"].click()
    evaluation, shown = app.evaluation, app.verdict.value
    app.controls["monthly"].value = "12,3a4"
    app.controls["evaluate"].click()
    assert app.messages.kind == "error"
    assert "'12,3a4' is not an amount" in app.messages.lines[0]
    assert app.evaluation is evaluation and app.verdict.value == shown
    app.controls["lang"].value = "zh-CN"
    assert "12,3a4" in app.messages.lines[0] and "not an amount" not in app.messages.lines[0]


def test_a_bad_rate_and_an_offer_the_evaluator_refuses_are_shown_not_raised():
    app = ProposalApp(load_sample(), lang="zh-CN")
    app.controls["annual_rate"].value = "abc"
    app.controls["evaluate"].click()
    assert app.messages.kind == "error" and app.evaluation is None
    assert app.messages.lines == ["年利率：'abc' 不是百分数；请写一个数字，例如 3.6（即 3.6%）"]
    app.controls["lang"].value = "en"
    assert app.messages.lines == [
        "annual rate: 'abc' is not a percentage; write a number like 3.6 (for 3.6%)"
    ]
    app.controls["annual_rate"].value = ""
    app.controls["monthly"].value = ""  # neither an amount nor a rate: the evaluator refuses
    app.controls["evaluate"].click()
    assert app.messages.kind == "error" and app.messages.lines and app.evaluation is None


def test_export_writes_the_five_files_into_the_exports_folder(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "EXPORTS_DIR", tmp_path)
    app = ProposalApp("zhang_wei_unemployed", lang="en")
    app.controls["lender"].value = "d4"
    app.controls["export"].click()
    folder = tmp_path / "zhang_wei_unemployed" / "d4"
    pdf = {"application.pdf"} if libreoffice() else set()  # where LibreOffice is installed
    assert {p.name for p in folder.iterdir()} == DRAFT_FILES | pdf
    assert (folder / "chat.md").read_text("utf-8") == app.result["chat"] + "\n"
    assert app.messages.kind == "ok" and "d4" in app.messages.lines[0]


def test_export_writes_what_the_command_line_writes(tmp_path, monkeypatch):
    monkeypatch.setattr(paths, "EXPORTS_DIR", tmp_path / "app")
    ProposalApp("zhang_wei_unemployed", lang="zh-CN").controls["export"].click()
    write_drafts(load_sample(), ("d1",), "zh-CN", tmp_path / "cli")
    for name in DRAFT_FILES - {"application.docx"}:
        app_text = (tmp_path / "app" / "zhang_wei_unemployed" / "d1" / name).read_text("utf-8")
        assert app_text == (tmp_path / "cli" / "d1" / name).read_text("utf-8")


def test_picking_another_case_rebuilds_the_app():
    app = ProposalApp("zhang_wei_unemployed", lang="en")
    app.picker.control.value = str(paths.SAMPLES_DIR / "li_na_illness.yaml")
    case = load_sample("li_na_illness")
    assert [v for _, v in app.controls["lender"].options] == [
        c.debt_id for c in contact_plan(case)
    ]
    assert app.case.person.name == case.person.name


def test_a_monthly_fee_rate_typed_in_percent_is_the_offers_fee_rate():
    app = ProposalApp(load_sample(), lang="en")
    app.controls["fee_rate"].value, app.controls["months"].value = "0.6%", 24
    app.controls["evaluate"].click()
    assert app.messages.lines == []
    assert app.evaluation.offer.terms.monthly_fee_rate == 0.006  # 0.6% a month
    expected = evaluate_offer(load_sample(), OfferTerms("d1", 24, monthly_fee_rate=0.006))
    assert app.evaluation.verdict == expected.verdict


@pytest.fixture
def cases(tmp_path, monkeypatch):
    """A private cases folder (the edits of a sample are kept in a copy there)."""
    monkeypatch.setattr(paths, "CASES_DIR", tmp_path / "cases")
    monkeypatch.setattr(paths, "EXPORTS_DIR", tmp_path / "exports")
    return tmp_path


def _leave_box(app, name, text):
    """What the browser does when the user types into a draft and leaves the box."""
    app.drafts[name].value = text


def test_an_edit_is_kept_with_the_case_and_is_there_on_reopening(cases):
    sample = paths.SAMPLES_DIR / "li_na_illness.yaml"
    before = sample.read_bytes()
    app = ProposalApp(sample, lang="zh-CN")
    lender = app.debt_id
    edited = app.drafts["application"].value.replace("谢谢！", "谢谢！我会按时还款。")
    assert edited != app.result["application"]
    _leave_box(app, "application", edited)
    copy = paths.CASES_DIR / "li_na_illness.yaml"
    assert sample.read_bytes() == before  # samples are never written
    assert app.picker.path == copy and app.messages.kind == "ok"
    assert app.messages.lines[-1].endswith("li_na_illness.yaml")
    again = ProposalApp(copy, lang="zh-CN")
    assert again.debt_id == lender
    assert again.drafts["application"].value.strip() == edited.strip()
    assert "修改过" in again.draft_note.value  # the note under the drafts says so
    assert again.controls["restore"].layout.display is None
    # the other drafts and the other language are the workbench's own
    assert again.drafts["chat"].value == again.result["chat"]
    again.controls["lang"].value = "en"
    assert again.drafts["application"].value == again.result["application"]


def test_export_and_the_command_line_write_the_edited_draft(cases):
    app = ProposalApp(paths.SAMPLES_DIR / "li_na_illness.yaml", lang="en")
    _leave_box(app, "chat", "Hello, this is Li Na. I would like to agree a plan.")
    _leave_box(app, "application", "# My own letter\n\nI ask for 24 months.\n")
    app.controls["export"].click()
    folder = cases / "exports" / "li_na_illness" / app.debt_id
    assert (folder / "chat.md").read_text("utf-8").startswith("Hello, this is Li Na.")
    document = Document(str(folder / "application.docx"))
    assert [p.text for p in document.paragraphs[:2]] == ["My own letter", "I ask for 24 months."]
    out = cases / "cli"
    write_drafts(load_case(app.picker.path), (app.debt_id,), "en", out)
    assert (out / app.debt_id / "chat.md").read_text("utf-8") == (folder / "chat.md").read_text(
        "utf-8"
    )


def test_an_edit_made_stale_by_new_figures_is_kept_flagged_and_can_be_undone(cases):
    app = ProposalApp(paths.SAMPLES_DIR / "li_na_illness.yaml", lang="en")
    _leave_box(app, "chat", "My own words.")
    copy = app.picker.path
    debt = app.debt_id
    save_choice(copy, Scenario("longer", {debt: Reinstalment(36)}))  # new figures (03)
    again = ProposalApp(copy, lang="en")
    assert again.result["chat"] != app.result["chat"]  # the workbench's text has moved
    assert again.drafts["chat"].value == "My own words."
    assert again.kept.stale == ("chat",)
    again.tabs.selected_index = 2  # the chat tab
    assert "figures have changed" in again.draft_note.value
    again.controls["restore"].click()
    assert again.drafts["chat"].value == again.result["chat"]
    assert load_case(copy).drafts == ()


def test_keeping_an_edit_keeps_a_choice_made_meanwhile_in_another_notebook(cases):
    app = ProposalApp(paths.SAMPLES_DIR / "li_na_illness.yaml", lang="en")
    _leave_box(app, "chat", "First edit.")
    copy = app.picker.path
    save_choice(copy, Scenario("mine", {"d1": Reinstalment(24)}))  # notebook 03, meanwhile
    _leave_box(app, "call_script", "Second edit.")
    case = load_case(copy)
    assert case.chosen_scenario["name"] == "mine"
    assert {d.kind for d in case.drafts} == {"chat", "call_script"}
