"""helpers.rules: the LPR table, legal lines, credit-report facts and the audit of a debt."""

from __future__ import annotations

import csv
import re
import warnings
from datetime import date
from importlib import resources

import pytest
import yaml
from pydantic import ValidationError

from helpers import rules
from helpers.case import Debt, load_sample
from helpers.errors import CaseError
from helpers.i18n.catalogue import LANGUAGES, catalogue, label
from helpers.rates import REASON_ONE_SIGN, format_rate
from helpers.rules import (
    CARD_PLAN_MAX_MONTHS,
    LPR_CSV_VARIABLE,
    NEGATIVE_RECORD_YEARS,
    LineId,
    LprTableEndWarning,
    NoLprError,
    OverdueClass,
    RateKind,
    ReliefStatus,
    audit,
    audit_case,
    contract_cost,
    legal_line,
    legal_lines,
    lpr_on,
    lpr_table,
    one_off_relief,
    overdue_class,
)

# The one-year LPR as DOMAIN.md lists it (date it took effect → %).
DOMAIN_LPR = {
    "2019-08-20": 4.25,
    "2019-09-20": 4.20,
    "2019-11-20": 4.15,
    "2020-02-20": 4.05,
    "2020-04-20": 3.85,
    "2021-12-20": 3.80,
    "2022-01-20": 3.70,
    "2022-08-22": 3.65,
    "2023-06-20": 3.55,
    "2023-08-21": 3.45,
    "2024-07-22": 3.35,
    "2024-10-21": 3.10,
    "2025-05-20": 3.00,
}


def _debt(**fields) -> Debt:
    return Debt.model_validate({"id": "x1", "lender": "某出借人", "principal": 10_000, **fields})


def _write_csv(path, rows):
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(["effective_date", "rate_percent", "source"])
        writer.writerows(rows)
    return path


class TestLpr:
    def test_the_shipped_table_is_domains_list(self):
        table = lpr_table()
        shipped = {e.effective_date.isoformat(): round(e.rate * 100, 2) for e in table.entries}
        assert shipped == DOMAIN_LPR
        assert all(e.source for e in table.entries)

    @pytest.mark.parametrize(
        ("day", "rate"),
        [
            (date(2019, 8, 20), 0.0425),
            (date(2020, 8, 20), 0.0385),
            (date(2024, 7, 21), 0.0345),
            (date(2024, 8, 1), 0.0335),
            (date(2026, 1, 15), 0.03),
        ],
    )
    def test_the_rate_in_force_on_a_day(self, day, rate):
        assert lpr_on(day) == rate

    def test_there_is_no_lpr_before_2019_08_20(self):
        with pytest.raises(NoLprError) as caught:
            lpr_on(date(2019, 8, 19))
        assert caught.value.render("zh-CN").startswith("2019-08-19 早于 2019-08-20")
        assert "old 24%/36% lines" in caught.value.render("en")

    def test_a_day_past_the_table_uses_the_last_rate_with_a_warning_in_both_languages(self):
        with pytest.warns(LprTableEndWarning) as caught:
            assert lpr_on(date(2026, 6, 1)) == 0.03
        warning = caught[0].message
        assert (warning.day, warning.end, warning.rate) == (
            date(2026, 6, 1),
            date(2026, 3, 19),
            0.03,
        )
        assert warning.render("en").startswith("2026-06-01 is after the end of the LPR table")
        assert "WORKBENCH_LPR_CSV" in warning.render("zh-CN")

    def test_the_last_day_of_the_table_gives_no_warning(self):
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert lpr_on(date(2026, 3, 19)) == 0.03

    def test_an_extra_csv_named_by_the_environment_extends_the_table(self, tmp_path, monkeypatch):
        extra = _write_csv(tmp_path / "lpr.csv", [["2026-03-20", "2.90", "my note"]])
        monkeypatch.setenv(LPR_CSV_VARIABLE, str(extra))
        with warnings.catch_warnings():
            warnings.simplefilter("error")
            assert lpr_on(date(2026, 4, 19)) == 0.029
            assert lpr_on(date(2026, 3, 19)) == 0.03
        with pytest.warns(LprTableEndWarning):
            lpr_on(date(2026, 4, 20))

    def test_an_extra_csv_given_directly_replaces_a_row_of_the_same_date(self, tmp_path):
        extra = _write_csv(tmp_path / "fix.csv", [["2025-05-20", "3.01", "corrected"]])
        assert lpr_on(date(2025, 6, 1), extra_csv=extra) == 0.0301
        assert lpr_on(date(2025, 6, 1)) == 0.03

    def test_a_bad_extra_csv_names_every_bad_cell(self, tmp_path):
        extra = _write_csv(
            tmp_path / "bad.csv", [["2026-13-20", "3.00", ""], ["2026-04-20", "3%", ""]]
        )
        with pytest.raises(CaseError) as caught:
            lpr_on(date(2025, 1, 1), extra_csv=extra)
        text = caught.value.render("en")
        assert "row 2, column effective_date: '2026-13-20' is not a date" in text
        assert "row 3, column rate_percent: '3%' is not a rate in percent; write 3.00" in text

    def test_an_extra_csv_without_the_columns_or_the_file_is_refused(self, tmp_path):
        (tmp_path / "cols.csv").write_text("day,rate\n2026-04-20,3\n", encoding="utf-8")
        with pytest.raises(CaseError, match="effective_date, rate_percent, source"):
            lpr_table(tmp_path / "cols.csv")
        with pytest.raises(CaseError, match="cannot be read"):
            lpr_table(tmp_path / "missing.csv")


class TestCreditFacts:
    def test_card_plans_last_at_most_60_months_and_records_5_years(self):
        assert (CARD_PLAN_MAX_MONTHS, NEGATIVE_RECORD_YEARS) == (60, 5)

    @pytest.mark.parametrize(
        ("days", "card", "expected"),
        [
            (0, True, "normal"),
            (1, True, "special_mention"),
            (90, True, "special_mention"),
            (91, True, "substandard"),
            (120, True, "substandard"),
            (121, True, "doubtful"),
            (180, True, "doubtful"),
            (181, True, "loss"),
            (0, False, "normal"),
            (1, False, "special_mention"),
            (90, False, "special_mention"),
            (91, False, "substandard"),
            (270, False, "substandard"),
            (271, False, "doubtful"),
            (360, False, "doubtful"),
            (361, False, "loss"),
        ],
    )
    def test_overdue_classes_change_on_the_days_domain_gives(self, days, card, expected):
        assert overdue_class(days, card=card) == OverdueClass(expected)

    def test_past_90_days_is_non_performing_either_way(self):
        assert not overdue_class(90, card=True).non_performing
        assert overdue_class(91, card=True).non_performing
        assert overdue_class(91, card=False).non_performing

    def test_negative_days_are_refused(self):
        with pytest.raises(ValueError, match="days_overdue"):
            overdue_class(-1, card=False)

    def test_every_class_has_a_label_in_both_languages(self):
        for member in OverdueClass:
            assert label("rules.overdue_class", member, "zh-CN") != label(
                "rules.overdue_class", member, "en"
            )
        assert label("rules.overdue_class", OverdueClass.SPECIAL_MENTION, "zh-CN") == "关注"


class TestOneOffRelief:
    AS_OF = date(2026, 1, 15)

    def test_an_item_of_exactly_10000_yuan_repaid_in_time_qualifies(self):
        check = one_off_relief(
            1_000_000, arose_on=date(2020, 1, 1), repaid_on=date(2026, 3, 31), as_of=self.AS_OF
        )
        assert (check.status, check.reasons) == (ReliefStatus.QUALIFIES, ())

    def test_one_fen_more_is_too_large(self):
        check = one_off_relief(1_000_001, arose_on=date(2024, 1, 1), as_of=self.AS_OF)
        assert (check.status, check.reasons) == (
            ReliefStatus.NOT_ELIGIBLE,
            ("rules.relief.too_large",),
        )

    @pytest.mark.parametrize("arose", [date(2019, 12, 31), date(2026, 1, 1)])
    def test_items_arising_outside_2020_to_2025_are_not_covered(self, arose):
        check = one_off_relief(100_000, arose_on=arose, as_of=self.AS_OF)
        assert check.reasons == ("rules.relief.outside_window",)

    def test_an_item_not_yet_repaid_qualifies_if_repaid_by_the_deadline(self):
        check = one_off_relief(800_000, arose_on=date(2025, 12, 31), as_of=self.AS_OF)
        assert check.status == ReliefStatus.IF_REPAID
        assert "2026-03-31" in check.render("en") and "2026-03-31" in check.render("zh-CN")

    def test_repaying_late_or_missing_the_deadline_loses_it(self):
        late = one_off_relief(
            800_000, arose_on=date(2024, 1, 1), repaid_on=date(2026, 4, 1), as_of=self.AS_OF
        )
        missed = one_off_relief(800_000, arose_on=date(2024, 1, 1), as_of=date(2026, 4, 1))
        assert late.reasons == ("rules.relief.repaid_late",)
        assert missed.reasons == ("rules.relief.deadline_passed",)
        assert missed.render("en").startswith("Not covered by the one-off credit relief")


class TestMustShowAudits:
    """The four audits issue 3 pins, exactly as written there."""

    def test_a_private_loan_of_2024_08_01_at_15_percent_crosses_4_x_3_35_percent(self):
        debt = _debt(kind="private", annual_rate=0.15, contract_date="2024-08-01")
        result = audit(debt, as_of=date(2026, 1, 15))
        assert len(result.findings) == 1
        finding = result.findings[0]
        assert (finding.line.id, finding.line.lpr, finding.line.annual_rate) == (
            LineId.PRIVATE_LPR,
            0.0335,
            0.134,
        )
        assert (finding.rate_kind, round(finding.annual_rate, 12)) == (RateKind.ALL_IN, 0.15)
        assert "4 × 3.35% = 13.40%" in finding.render("en")
        assert "4 × 3.35% = 13.40%" in finding.render("zh-CN")
        assert finding.source == "spc_private_2020_art25"

    def test_a_consumer_finance_loan_with_3_percent_up_front_is_28_78_percent_and_crosses_24(self):
        debt = _debt(
            kind="consumer_finance",
            annual_rate=0.228,
            original_principal=10_000,
            original_term_months=12,
            upfront_fee=300,
        )
        result = audit(debt, as_of=date(2026, 1, 15))
        assert format_rate(result.all_in.nominal_annual_rate) == "28.78%"
        assert format_rate(result.all_in.effective_annual_rate) == "32.89%"
        assert result.cost.received_fen == 970_000
        crossed = [(f.rate_kind, f.line.annual_rate) for f in result.findings]
        assert crossed == [(RateKind.ALL_IN, 0.24), (RateKind.OVERDUE, 0.24)]
        assert "28.78%" in result.findings[0].render("en")

    def test_a_private_loan_of_2019_at_30_percent_crosses_24_before_and_12_after_2020_08_20(self):
        debt = _debt(kind="private", annual_rate=0.30, contract_date="2019-06-01")
        result = audit(debt, as_of=date(2026, 1, 15))
        crossed = [
            (f.line.id, f.line.annual_rate, f.line.until, f.line.since) for f in result.findings
        ]
        assert crossed == [
            (LineId.PRIVATE_OLD_ENFORCED, 0.24, date(2020, 8, 19), None),
            (LineId.PRIVATE_TRANSITION, 0.12, None, date(2020, 8, 20)),
        ]
        old, new = result.findings
        assert old.effect_key == "rules.effect.private_old_enforced_below_void"  # below 36%
        assert "below 36%" in old.render("en")
        assert (new.line.lpr, new.line.lpr_day) == (0.03, date(2026, 1, 15))
        assert "4 × 3.00% = 12.00%" in new.render("en")
        assert LineId.PRIVATE_OLD_VOID in [line.id for line in result.lines]

    def test_a_bank_card_at_18_25_percent_crosses_nothing(self):
        debt = _debt(kind="credit_card", daily_rate=0.0005)
        result = audit(debt, as_of=date(2026, 1, 15))
        assert result.findings == ()
        assert format_rate(result.all_in.nominal_annual_rate) == "18.25%"
        assert [line.annual_rate for line in result.lines] == [0.24]
        assert [n.key for n in result.notes] == ["rules.note.card_court_reduction"]


class TestAudit:
    def test_a_licensed_21_6_percent_loan_runs_at_32_4_percent_once_overdue(self):
        result = audit(load_sample().debt("d3"), as_of=date(2025, 4, 1))
        assert [(f.rate_kind, round(f.annual_rate, 12)) for f in result.findings] == [
            (RateKind.OVERDUE, 0.324)
        ]
        assert "1.5 × 21.60% = 32.40%" in result.findings[0].render("en")

    def test_a_private_loan_at_its_contract_rate_once_overdue_adds_no_finding(self):
        debt = _debt(kind="private", annual_rate=0.10, contract_date="2024-08-01")
        assert contract_cost(debt).overdue_annual_rate is None
        assert audit(debt, as_of=date(2026, 1, 15)).findings == ()

    def test_an_old_private_loan_above_36_percent_crosses_the_void_line_too(self):
        debt = _debt(kind="private", annual_rate=0.45, contract_date="2019-06-01")
        result = audit(debt, as_of=date(2026, 1, 15))
        assert [f.line.id for f in result.findings] == [
            LineId.PRIVATE_OLD_ENFORCED,
            LineId.PRIVATE_OLD_VOID,
            LineId.PRIVATE_TRANSITION,
        ]
        assert result.findings[0].effect_key == "rules.effect.private_old_enforced"
        assert "can be reclaimed" in result.findings[1].render("en")

    def test_the_filing_date_sets_the_lpr_of_the_transition_line(self):
        debt = _debt(kind="private", annual_rate=0.30, contract_date="2019-06-01")
        line = legal_line(debt, as_of=date(2026, 1, 15), filing_date=date(2021, 3, 1))
        assert (line.id, line.lpr, round(line.annual_rate, 10)) == (
            LineId.PRIVATE_TRANSITION,
            0.0385,
            0.154,
        )
        notes = [n.key for n in audit(debt, as_of=date(2026, 1, 15)).notes]
        assert "rules.note.filing_date_assumed" in notes

    def test_a_suit_filed_before_2020_08_20_keeps_the_old_lines_only(self):
        debt = _debt(kind="private", annual_rate=0.30, contract_date="2019-06-01")
        lines = legal_lines(debt, as_of=date(2026, 1, 15), filing_date=date(2020, 6, 1))
        assert [line.id for line in lines] == [
            LineId.PRIVATE_OLD_ENFORCED,
            LineId.PRIVATE_OLD_VOID,
        ]
        assert legal_line(debt, as_of=date(2026, 1, 15), filing_date=date(2020, 6, 1)).id == (
            LineId.PRIVATE_OLD_ENFORCED
        )

    def test_a_private_loan_without_a_contract_date_takes_the_as_of_date_and_says_so(self):
        result = audit(_debt(kind="private", annual_rate=0.15), as_of=date(2024, 8, 1))
        assert result.lines[0].lpr_day == date(2024, 8, 1)
        assert result.notes[0].key == "rules.note.no_contract_date"

    def test_a_filing_date_past_the_lpr_table_warns_and_notes_it(self):
        debt = _debt(kind="private", annual_rate=0.30, contract_date="2019-06-01")
        with pytest.warns(LprTableEndWarning):
            result = audit(debt, as_of=date(2026, 1, 15), filing_date=date(2027, 1, 1))
        assert "rules.note.lpr_past_end" in [n.key for n in result.notes]

    @pytest.mark.parametrize(
        ("funder", "note"),
        [
            ("bank", "rules.note.platform_funded"),
            ("trust", "rules.note.platform_funded"),
            ("unknown", "rules.note.platform_funder_unknown"),
            (None, "rules.note.platform_funder_unknown"),
            ("other", "rules.note.platform_funder_other"),
        ],
    )
    def test_platforms_are_held_to_the_licensed_line_with_a_note(self, funder, note):
        fields = {"kind": "online_platform", "daily_rate": 0.0005}
        if funder:
            fields["funder_kind"] = funder
        result = audit(_debt(**fields), as_of=date(2026, 1, 15))
        assert [line.id for line in result.lines] == [LineId.COURT_PRACTICE]
        assert result.notes[0].key == note

    def test_a_lender_of_another_kind_is_held_to_the_licensed_line_with_a_note(self):
        result = audit(_debt(kind="other", annual_rate=0.30), as_of=date(2026, 1, 15))
        assert [line.id for line in result.lines] == [LineId.COURT_PRACTICE]
        assert [n.key for n in result.notes] == ["rules.note.kind_other"]
        assert "4 × LPR applies instead" in result.notes[0].render("en")

    def test_micro_loans_note_that_the_private_line_does_not_apply(self):
        result = audit(load_sample("chen_jian_business_loss").debt("d4"), as_of=date(2026, 1, 5))
        keys = [n.key for n in result.notes]
        assert "rules.note.micro_loan_licensed" in keys and "rules.note.upfront_fee" in keys
        assert format_rate(result.all_in.nominal_annual_rate) == "28.98%"
        assert result.crosses

    def test_card_instalments_quoted_as_a_fee_are_audited_on_their_true_rate(self):
        result = audit(load_sample("li_na_illness").debt("d4"), as_of=date(2025, 9, 10))
        assert format_rate(result.all_in.nominal_annual_rate) == "13.03%"
        assert result.quote_text("zh-CN") == "月手续费率 0.6%（按原始本金计）"

    def test_a_fee_without_a_term_is_spread_over_12_months_and_noted(self):
        debt = _debt(kind="bank_loan", annual_rate=0.10, upfront_fee=300)
        result = audit(debt, as_of=date(2026, 1, 15))
        assert (result.cost.term_months, result.cost.term_assumed) == (12, True)
        assert "rules.note.term_assumed" in [n.key for n in result.notes]

    def test_a_debt_with_nothing_received_has_no_rate_and_no_finding(self):
        # the case model refuses such a debt; the audit still copes with one built directly
        with pytest.raises(ValidationError, match="fee_over_loan"):
            _debt(kind="bank_loan", annual_rate=0.10, upfront_fee=10_000)
        valid = _debt(kind="bank_loan", annual_rate=0.10)
        debt = valid.model_copy(update={"upfront_fee_fen": valid.principal_fen})
        result = audit(debt, as_of=date(2026, 1, 15))
        assert (result.all_in.reason, result.findings) == (REASON_ONE_SIGN, ())
        assert result.to_dict("en")["nominal_annual_rate"] is None

    def test_a_rate_equal_to_the_line_does_not_cross_it(self):
        debt = _debt(kind="private", annual_rate=0.134, contract_date="2024-08-01")
        assert audit(debt, as_of=date(2026, 1, 15)).findings == ()

    def test_the_audit_reads_in_both_languages(self):
        result = audit(load_sample("li_na_illness").debt("d3"), as_of=date(2025, 9, 10))
        english, chinese = result.render("en"), result.render("zh-CN")
        assert "is above the 24.00% line" in english and "[Civil Code, art. 670]" in english
        assert "高于法院对金融借款综合成本掌握的年化 24.00% 上限" in chinese
        assert "《中华人民共和国民法典》第六百七十条" in chinese

    def test_every_sample_debt_can_be_audited(self):
        for name in ("chen_jian_business_loss", "li_na_illness", "zhao_min_family_rural"):
            case = load_sample(name)
            assert len(audit_case(case)) == len(case.debts)


def _sources_in(data) -> set[str]:
    """Every value of a ``source`` (or ``*_source``) key, however deep."""
    found = set()
    if isinstance(data, dict):
        for key, value in data.items():
            if key == "source" or key.endswith("_source"):
                found.add(value)
            else:
                found |= _sources_in(value)
    return found


class TestSources:
    def test_every_rule_in_the_data_cites_a_source_in_both_languages(self):
        text = resources.files("helpers").joinpath("data", "rules.yaml").read_text("utf-8")
        data = yaml.safe_load(text)
        sources = _sources_in(data)
        assert len(sources) >= 9
        for source in sources:
            assert set(catalogue()[f"rules.source.{source}"]) == set(LANGUAGES)
        for section in ("lpr", "card_plan", "credit_report", "one_off_relief"):
            assert "source" in data[section], section
        for name, entry in [*data["lines"].items(), *data["overdue_classes"].items()]:
            assert "source" in entry, name

    def test_every_source_named_in_the_code_exists_in_both_languages(self):
        code = "".join(
            resources.files("helpers").joinpath("rules", name).read_text("utf-8")
            for name in ("_lines.py", "_audit.py", "_credit.py")
        )
        prefixes = "spc_|civil_code_|pboc_|lpr_nifc|card_measures_|risk_classification_|credit_reg"
        named = set(re.findall(rf'"((?:{prefixes})\w*)"', code))
        assert {"spc_card_2021_art2", "spc_reply_2021", "civil_code_art670"} <= named
        for source in named:
            assert set(catalogue()[f"rules.source.{source}"]) == set(LANGUAGES), source


def test_every_public_name_is_exported_once():
    assert len(rules.__all__) == len(set(rules.__all__))
    for name in rules.__all__:
        assert hasattr(rules, name)
