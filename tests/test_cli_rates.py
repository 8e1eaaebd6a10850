"""The `apr` and `audit` commands, through helpers.cli.main and as a user runs them."""

from __future__ import annotations

import json

import pytest

from helpers.cli import main
from helpers.cli.rates_commands import parse_payments
from helpers.errors import CaseError
from tests.support import run_cli, run_cli_here

PBOC = ["apr", "--principal", "100000", "--upfront-fee", "1000", "--payments", "8833.30x12"]


def _json(capsys) -> dict:
    return json.loads(capsys.readouterr().out)


class TestApr:
    def test_pboc_example_prints_12_80_nominal_and_13_58_effective(self, capsys):
        assert main([*PBOC, "--lang", "en"]) == 0
        out = capsys.readouterr().out.splitlines()
        assert out == [
            "Money received: CN¥99,000.00 (principal CN¥100,000.00 − fee taken up front "
            "CN¥1,000.00)",
            "Payments: 12 months, CN¥105,999.60 in all",
            "Interest and fees: CN¥6,999.60",
            "True annual rate: 12.80% a year nominal (12 × 1.0670% a month), 13.58% effective",
        ]

    def test_pboc_example_as_json_gives_fractions(self, capsys):
        assert main([*PBOC, "--json"]) == 0
        data = _json(capsys)
        assert round(data["nominal_annual_rate"], 6) == 0.128038
        assert round(data["effective_annual_rate"], 6) == 0.135826
        assert (data["received"], data["months"], data["reason"]) == (99000.0, 12, None)

    def test_a_monthly_fee_of_0_6_percent_for_12_months_is_13_03_and_13_84(self, capsys):
        args = ["apr", "--principal", "1.2万", "--months", "12", "--monthly-fee-rate", "0.6%"]
        assert main([*args, "--json"]) == 0
        data = _json(capsys)
        assert (
            round(data["nominal_annual_rate"], 4),
            round(data["effective_annual_rate"], 4),
        ) == (
            0.1303,
            0.1384,
        )
        assert data["payments_total"] == 12864.0

    def test_chinese_output_names_both_rates(self, capsys):
        assert main([*PBOC, "--lang", "zh-CN"]) == 0
        out = capsys.readouterr().out
        assert "真实年化利率：名义年化 12.80%（月利率 1.0670% × 12），复利年化 13.58%" in out

    def test_no_rate_prints_nulls_and_the_reason_and_exits_0(self, capsys):
        args = ["apr", "--principal", "100", "--payments", "230,-132.5", "--json", "--lang", "en"]
        assert main(args) == 0
        data = _json(capsys)
        assert (data["nominal_annual_rate"], data["effective_annual_rate"]) == (None, None)
        assert data["reason_key"] == "rates.reason.no_root"
        assert data["reason"].startswith("no monthly rate above -100% makes the payments balance")

    def test_payments_of_nothing_have_no_rate(self, capsys):
        assert main(["apr", "--principal", "100", "--payments", "0x12", "--lang", "en"]) == 0
        assert "no rate: the flows never change sign" in capsys.readouterr().out

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (["--principal", "abc", "--payments", "1x2"], "--principal: 'abc' is not an amount"),
            (["--principal", "0", "--payments", "1x2"], "--principal: '0' must be more than 0"),
            (
                ["--principal", "100", "--upfront-fee", "100", "--payments", "1x2"],
                "--upfront-fee: '100' is not less than the principal 100",
            ),
            (
                ["--principal", "100", "--upfront-fee", "-1", "--payments", "1x2"],
                "--upfront-fee: '-1' is negative",
            ),
            (
                ["--principal", "100", "--payments", "8,833.30x12"],
                "--payments: '8,833.30x12' looks like a thousands comma",
            ),
            (["--principal", "100", "--payments", "1,,2"], "--payments: '1,,2' is not a list"),
            (["--principal", "100", "--payments", "5x0"], "--payments: '5x0' has no valid repeat"),
            (["--principal", "100", "--payments", "5元x"], "--payments: '5元x' is not an amount"),
            (
                ["--principal", "100", "--payments", "1x2", "--months", "2"],
                "give either --payments or --months with --monthly-fee-rate, not both",
            ),
            (["--principal", "100"], "give either --payments, or both --months"),
            (
                ["--principal", "100", "--months", "0", "--monthly-fee-rate", "0.006"],
                "--months: '0' is not a number of months",
            ),
            (
                ["--principal", "100", "--months", "12", "--monthly-fee-rate", "6"],
                "--monthly-fee-rate: '6' is not a fraction; did you mean 0.06?",
            ),
            (
                ["--principal", "100", "--months", "12", "--monthly-fee-rate", "high"],
                "--monthly-fee-rate: 'high' is not a monthly fee rate",
            ),
        ],
    )
    def test_bad_input_names_the_option_the_value_and_the_fix_and_exits_2(
        self, args, message, capsys
    ):
        assert main(["apr", *args, "--lang", "en"]) == 2
        captured = capsys.readouterr()
        assert message in captured.err
        assert "Traceback" not in captured.err and captured.out == ""

    def test_errors_speak_chinese_when_asked(self, capsys):
        assert main(["apr", "--principal", "abc", "--payments", "1", "--lang", "zh-CN"]) == 2
        assert "--principal：'abc' 不是金额" in capsys.readouterr().err

    def test_payment_lists_repeat_and_accept_semicolons_with_thousands_commas(self):
        assert parse_payments("500,500,1.2k") == [50_000, 50_000, 120_000]
        assert parse_payments("1,200.50; 300x2") == [120_050, 30_000, 30_000]
        assert parse_payments("８８３３.３０×１２") == [883_330] * 12
        with pytest.raises(CaseError, match="the most allowed is 600"):
            parse_payments("1x600,1")

    def test_pboc_example_as_json(self):
        result = run_cli_here(*PBOC, "--json")
        assert result.returncode == 0, result.stderr
        data = json.loads(result.stdout)
        assert round(data["nominal_annual_rate"], 4) == 0.128
        assert round(data["effective_annual_rate"], 4) == 0.1358

    def test_bad_input_in_a_subprocess_exits_2_without_a_traceback(self):
        result = run_cli("apr", "--principal", "x", "--payments", "1", "--lang", "en")
        assert result.returncode == 2
        assert result.stderr.strip() == (
            "--principal: 'x' is not an amount; write it like 1234.50, ¥1,234.50 or 1.2万"
        )


class TestAudit:
    def test_each_debt_shows_its_true_rate_and_the_lines_it_crosses(self, capsys):
        assert main(["audit", "chen_jian_business_loss", "--lang", "en"]) == 0
        out = capsys.readouterr().out
        assert "d7 老李（朋友） (private loan): quoted 15.00% a year" in out
        assert (
            "✗ The all-in rate of 15.00% a year (nominal, on the money received) is above 4 ×"
            in out
        )
        assert "(4 × 3.35% = 13.40%; LPR of 2024-07-22, contract of 2024-08-01)" in out
        assert out.count("✗") == 3  # the micro-loan twice (all-in and overdue), the friend once
        assert out.rstrip().endswith(
            "2 of 7 debts cross a line. These are arguments and context for a negotiation, "
            "not entitlements."
        )

    def test_it_speaks_the_cases_language_unless_told(self, capsys):
        assert main(["audit", "li_na_illness"]) == 0
        assert "真实利率：名义年化 28.78%" in capsys.readouterr().out
        assert main(["audit", "wang_fang_income_drop"]) == 0
        assert "True rate: 13.03% a year nominal" in capsys.readouterr().out

    def test_json_gives_rates_as_fractions_and_findings_with_sources(self, capsys):
        assert main(["audit", "zhao_min_family_rural", "--json", "--lang", "en"]) == 0
        data = _json(capsys)
        uncle = data["debts"][2]
        assert uncle["nominal_annual_rate"] == 0.3
        lines = [(f["line"]["id"], f["line"]["annual_rate"]) for f in uncle["findings"]]
        assert lines == [("private_old_enforced", 0.24), ("private_transition", 0.12)]
        assert uncle["findings"][1]["source"] == (
            "SPC Provisions on Private Lending Cases (2020 amendment), art. 31"
        )
        assert data["filing_date"] == data["as_of"] == "2026-03-01"

    def test_the_filing_date_sets_the_lpr_for_old_private_loans(self, capsys):
        args = ["audit", "zhao_min_family_rural", "--json", "--filing-date", "2021-03-01"]
        assert main(args) == 0
        uncle = _json(capsys)["debts"][2]
        assert uncle["findings"][1]["line"]["annual_rate"] == 0.154

    def test_a_filing_date_past_the_lpr_table_is_noted_without_a_python_warning(self, capsys):
        args = ["audit", "zhao_min_family_rural", "--filing-date", "2027-01-01", "--lang", "en"]
        assert main(args) == 0
        captured = capsys.readouterr()
        assert "2027-01-01 is after the end of the LPR table (2026-03-19)" in captured.out
        assert captured.err == ""

    def test_a_bad_filing_date_exits_2(self, capsys):
        args = ["audit", "zhao_min_family_rural", "--filing-date", "2026-02-30", "--lang", "en"]
        assert main(args) == 2
        assert "--filing-date: '2026-02-30' is not a date" in capsys.readouterr().err

    def test_an_unknown_case_exits_2(self, capsys):
        assert main(["audit", "nobody", "--lang", "en"]) == 2
        assert "no case named 'nobody'" in capsys.readouterr().err

    def test_audit_in_a_subprocess(self):
        result = run_cli("audit", "zhang_wei_unemployed", "--lang", "en")
        assert result.returncode == 0, result.stderr
        assert "Once overdue, penalty interest at 1.5 × 21.60% = 32.40% a year" in result.stdout
        assert result.stderr == ""
