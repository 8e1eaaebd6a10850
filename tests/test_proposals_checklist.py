"""The evidence checklist: usual documents by hardship, the case's own documents and their
status, and which lender's application attaches which."""

from __future__ import annotations

import re

import pytest

from helpers.case import (
    EVIDENCE_FOR_HARDSHIP,
    Case,
    EvidenceKind,
    EvidenceStatus,
    HardshipKind,
    list_samples,
    load_sample,
)
from helpers.proposals import (
    CHECKLIST_COLUMNS,
    applying_debts,
    checklist_frame,
    checklist_lines,
    cited_evidence,
    evidence_checklist,
)

# what an unfilled text shows: a missing value, a raw message key, a placeholder
GAPS = re.compile(r"\bNone\b|\bnan\b|\b(?:proposals\.|case\.)\w|[{}]")

DEBTS = [
    {"id": "card", "lender": "招商银行", "kind": "credit_card", "principal": 1000,
     "daily_rate": 0.0005, "statement_day": 1, "due_day": 20},
    {"id": "cousin", "lender": "表哥", "kind": "private", "principal": 1000, "annual_rate": 0},
    {"id": "home", "lender": "建设银行", "kind": "mortgage", "principal": 1000,
     "annual_rate": 0.04, "due_day": 10},
]  # fmt: skip


def _case(hardship: str | None, evidence: list[dict]) -> Case:
    data = {"as_of": "2025-04-01", "debts": DEBTS, "evidence": evidence}
    if hardship:
        data["hardship"] = {"kind": hardship, "start": "2025-01"}
    return Case.model_validate(data)


class TestUsualEvidence:
    def test_each_hardship_has_the_domain_list(self):
        # DOMAIN.md, "Prepare evidence for the hardship"
        assert EVIDENCE_FOR_HARDSHIP[HardshipKind.ILLNESS] == (
            EvidenceKind.DIAGNOSIS,
            EvidenceKind.HOSPITAL_RECORDS,
            EvidenceKind.MEDICAL_BILLS,
        )
        assert EVIDENCE_FOR_HARDSHIP[HardshipKind.DISASTER] == (EvidenceKind.OFFICIAL_NOTICE,)
        assert set(EVIDENCE_FOR_HARDSHIP) == set(HardshipKind)

    def test_a_usual_document_not_in_the_case_is_listed_as_missing(self):
        items = evidence_checklist(_case("business_loss", []))
        assert [(i.kind.value, i.name, i.status, i.usual) for i in items] == [
            ("business_accounts", None, EvidenceStatus.MISSING, True),
            ("tax_records", None, EvidenceStatus.MISSING, True),
            ("closure_notice", None, EvidenceStatus.MISSING, True),
        ]
        assert not any(i.in_case or i.cited_by for i in items)

    def test_no_hardship_lists_only_the_case_documents(self):
        items = evidence_checklist(_case(None, [{"item": "x", "kind": "other"}]))
        assert [(i.name, i.usual) for i in items] == [("x", False)]


class TestMerge:
    def test_the_cases_status_is_kept_and_other_documents_follow(self):
        case = _case(
            "unemployment",
            [
                {"item": "银行流水", "kind": "bank_statements", "status": "requested"},
                {"item": "房租合同", "kind": "other", "status": "ready"},
                {"item": "离职证明", "kind": "termination_notice", "status": "submitted"},
            ],
        )
        items = evidence_checklist(case)
        # usual order: termination notice, registration, bank statements; then the others
        assert [(i.kind.value, i.name, i.status.value) for i in items] == [
            ("termination_notice", "离职证明", "submitted"),
            ("unemployment_registration", None, "missing"),
            ("bank_statements", "银行流水", "requested"),
            ("other", "房租合同", "ready"),
        ]

    def test_two_documents_of_one_kind_are_both_listed(self):
        case = _case(
            "illness",
            [
                {"item": "诊断书", "kind": "diagnosis", "status": "ready"},
                {"item": "复查诊断", "kind": "diagnosis", "status": "missing"},
            ],
        )
        names = [i.name for i in evidence_checklist(case)]
        assert names[:2] == ["诊断书", "复查诊断"]


class TestCitations:
    def test_ready_and_submitted_documents_go_to_every_lender_but_the_relative(self):
        case = _case(
            "illness",
            [
                {"item": "诊断书", "kind": "diagnosis", "status": "ready"},
                {"item": "发票", "kind": "medical_bills", "status": "submitted"},
                {"item": "病历", "kind": "hospital_records", "status": "requested"},
                {"item": "工资条", "kind": "pay_slips", "status": "ready"},
            ],
        )
        assert applying_debts(case) == ("card",)  # the mortgage runs on; the cousin is talked to
        assert [e.item for e in cited_evidence(case, "card")] == ["诊断书", "发票", "工资条"]
        assert cited_evidence(case, "cousin") == () == cited_evidence(case, "home")
        cited = {i.name: i.cited_by for i in evidence_checklist(case)}
        assert cited == {"诊断书": ("card",), "病历": (), "发票": ("card",), "工资条": ("card",)}

    def test_an_unknown_debt_is_refused(self):
        with pytest.raises(KeyError):
            cited_evidence(load_sample(), "d9")

    def test_zhang_wei_attaches_his_termination_notice_to_four_lenders(self):
        (notice, registration, statements) = evidence_checklist(load_sample())
        assert notice.cited_by == ("d1", "d2", "d3", "d4")
        assert registration.status == EvidenceStatus.REQUESTED and registration.cited_by == ()
        assert statements.status == EvidenceStatus.MISSING


class TestRendering:
    def test_lines_tick_what_is_in_hand(self):
        case = _case(
            "unemployment",
            [{"item": "离职证明", "kind": "termination_notice", "status": "ready"}],
        )
        assert checklist_lines(case, "zh-CN")[1:] == [
            "- [x] 离职证明：已备好；随申请提交给：招商银行",
            "- [ ] 失业登记证明（案例中尚未记录）：缺少；暂不提交",
            "- [ ] 银行流水（案例中尚未记录）：缺少；暂不提交",
        ]
        assert checklist_lines(case, "en")[2] == (
            "- [ ] unemployment registration (not yet in the case): missing; not yet attached"
        )

    def test_the_header_names_the_hardship_and_its_usual_documents(self):
        header = checklist_lines(_case("disaster", []), "en")[0]
        assert header.startswith("Usual evidence for disaster: official notice.")

    @pytest.mark.parametrize("name", list_samples())
    @pytest.mark.parametrize("lang", ["zh-CN", "en"])
    def test_every_sample_reads_without_gaps(self, name, lang):
        case = load_sample(name)
        frame = checklist_frame(case, lang)
        assert len(frame.columns) == len(CHECKLIST_COLUMNS)
        assert len(frame) == len(evidence_checklist(case)) >= len(case.evidence)
        text = "\n".join(checklist_lines(case, lang)) + frame.to_string()
        assert GAPS.search(text) is None, text
