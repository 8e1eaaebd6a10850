"""The scam screen: recorded approaches, signs mentioned in notes, and the free help, always.

Also the case model's ``approaches``: validated, saved and read back unchanged, absent from the
samples (which stay as they are)."""

from __future__ import annotations

import re

import pytest
from pydantic import ValidationError

from helpers.case import (
    Case,
    ScamSign,
    case_to_yaml,
    list_samples,
    load_case,
    load_sample,
    save_case,
)
from helpers.proposals import FREE_HELP, SIGN_WORDS, scam_lines, scam_screen, warning_text

# what an unfilled text shows: a missing value, a raw message key, a placeholder
GAPS = re.compile(r"\bNone\b|\bnan\b|\b(?:proposals\.)\w|[{}]")


def _with(**changes) -> Case:
    data = load_sample().to_data()
    for path, value in changes.items():
        target = data
        *parents, last = path.split("__")
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[last] = value
    return Case.model_validate(data)


AGENCY = {"who": "某某债务优化公司", "signs": ["agency"], "fee": 3000, "note": "说能停息挂账"}


class TestApproachesInTheCase:
    def test_no_sample_records_an_approach_and_saving_adds_none(self):
        for name in list_samples():
            case = load_sample(name)
            assert case.approaches is None
            assert "approaches" not in case_to_yaml(case)

    def test_an_approach_is_saved_and_read_back(self, tmp_path):
        case = _with(approaches=[AGENCY])
        target = save_case(case, tmp_path / "mine.yaml")
        assert load_case(target) == case
        assert load_case(target).approaches[0].fee_fen == 300_000

    def test_an_unknown_sign_is_refused(self):
        with pytest.raises(ValidationError):
            _with(approaches=[{"who": "x", "signs": ["lottery"]}])

    def test_an_approach_needs_a_who(self):
        with pytest.raises(ValidationError):
            _with(approaches=[{"signs": ["agency"]}])


class TestRecorded:
    def test_an_agency_with_a_fee_gives_both_warnings_once(self):
        # the note's "停息挂账" is the recorded agency sign again: not repeated
        warnings = scam_screen(_with(approaches=[AGENCY]))
        assert [(w.sign, w.where, w.who, w.word) for w in warnings] == [
            (ScamSign.AGENCY, "approaches[0]", "某某债务优化公司", None),
            (ScamSign.UPFRONT_FEE, "approaches[0]", "某某债务优化公司", None),
        ]

    @pytest.mark.parametrize("sign", list(ScamSign))
    def test_each_sign_is_warned_about_in_both_languages(self, sign):
        (warning,) = scam_screen(_with(approaches=[{"who": "王经理", "signs": [sign.value]}]))
        assert warning.sign == sign
        zh, en = warning_text(warning, "zh-CN"), warning_text(warning, "en")
        assert zh.startswith("王经理：") and en.startswith("王经理: ")
        assert zh != en

    def test_a_note_adds_a_sign_not_ticked(self):
        approach = {"who": "贷款中介", "note": "让我先交钱，再借一笔新的借新还旧"}
        warnings = scam_screen(_with(approaches=[approach]))
        assert [(w.sign, w.where, w.word) for w in warnings] == [
            (ScamSign.UPFRONT_FEE, "approaches[0].note", "先交钱"),
            (ScamSign.NEW_LOAN, "approaches[0].note", "借新还旧"),
        ]


class TestMentioned:
    def test_a_debt_note_names_its_lender(self):
        case = _with(debts__2__note="客服说可以帮我办停息挂账")
        (warning,) = scam_screen(case)
        assert (warning.sign, warning.where, warning.who) == (
            ScamSign.AGENCY,
            "debts[2].note",
            "招联消费金融",
        )
        assert warning_text(warning, "zh-CN").startswith("招联消费金融的备注提到「停息挂账」")
        assert warning_text(warning, "en").startswith(
            'The note on 招联消费金融 mentions "停息挂账"'
        )

    def test_english_words_match_ignoring_case(self):
        case = _with(hardship__description="A caller asked for my Verification Code.")
        assert [w.sign for w in scam_screen(case)] == [ScamSign.VERIFICATION_CODE]

    def test_a_platforms_own_service_fee_is_no_sign(self):
        assert scam_screen(_with(debts__3__note="平台服务费每月 30 元")) == ()

    def test_every_sign_has_words_in_both_languages(self):
        for sign in ScamSign:
            words = SIGN_WORDS[sign]
            assert any(w.isascii() for w in words) and any(not w.isascii() for w in words)


class TestLines:
    def test_the_free_help_is_always_there(self):
        for case in (load_sample(), _with(approaches=[AGENCY])):
            for lang in ("zh-CN", "en"):
                text = "\n".join(scam_lines(case, lang))
                assert "12378" in text and "12363" in text
        assert FREE_HELP == ("lender", "12378", "12363")

    def test_a_clean_case_says_so_and_a_warning_comes_first(self):
        assert scam_lines(load_sample(), "en")[0] == (
            "The case records no suspicious third party or request."
        )
        first = scam_lines(_with(approaches=[AGENCY]), "zh-CN")[0]
        assert first.startswith("某某债务优化公司：代理协商（“债务优化”“停息挂账”）。与贷款方协商")

    def test_the_source_is_the_last_line(self):
        assert scam_lines(load_sample(), "zh-CN")[-1].startswith("依据：国家金融监督管理总局")

    @pytest.mark.parametrize("name", list_samples())
    @pytest.mark.parametrize("lang", ["zh-CN", "en"])
    def test_every_sample_is_clean_and_reads_without_gaps(self, name, lang):
        case = load_sample(name)
        assert scam_screen(case) == ()
        text = "\n".join(scam_lines(case, lang))
        assert GAPS.search(text) is None, text
