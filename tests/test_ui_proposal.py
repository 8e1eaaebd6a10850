"""The proposal app (notebook 04), driven without a browser, checked against helpers.proposals
and helpers.offers (notebook 04 under papermill: tests/test_notebooks.py).

Zhang Wei (the default sample): d1 招商银行 card, d2 建设银行 card, d3 招联 loan, d4 借呗,
d5 a cousin's private loan.
"""

from __future__ import annotations

from helpers import paths
from helpers.case import load_sample
from helpers.cli import write_drafts
from helpers.offers import OfferTerms, evaluate_offer, verdict_label
from helpers.proposals import contact_plan, libreoffice
from helpers.ui import ProposalApp, proposal_app
from helpers.ui.proposal import DRAFTS, drafts_for

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
    assert app.result == drafts_for(case, "d4", "zh-CN")
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
    assert app.result == drafts_for(load_sample(), "d3", "en")
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
    assert app.messages.lines == ["年利率：'abc' 不是数字；请写一个数字，例如 0.18"]
    app.controls["lang"].value = "en"
    assert app.messages.lines == ["annual rate: 'abc' is not a number; write one like 0.18"]
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
