"""The `offer` command: the JSON contract, the text, and bad input exiting 2 with a message.

The case owes 20,200.00 (20,000.00 principal + 200.00 interest) to one lender; the budget leaves
12,000.00 − 1,596.00 = 10,404.00 a month for debts; the own plan is the chosen one, 8
interest-free instalments of 2,525.00 (total 20,200.00).
"""

from __future__ import annotations

import json

import numpy_financial as npf
import pytest

from tests.support import run_cli, run_in_process
from tests.test_offers import CASE


@pytest.fixture
def case_file(tmp_path):
    path = tmp_path / "one_debt.yaml"
    path.write_text(CASE.format(kind="consumer_finance", as_of="2025-07-01"), "utf-8")
    return str(path)


def _offer(case_file: str, *options: str) -> tuple[int, str, str]:
    return run_in_process(["offer", case_file, "--lender", "d1", *options], seconds=60)


class TestJson:
    def test_a_level_offer_on_the_line_is_accepted_with_its_numbers(self, case_file):
        # 10,404.00 × 2 on 20,200.00 is 2% a month (24.00%, on the line), carried by the
        # 10,404.00 the budget leaves each month; 20,808.00 in all, 608.00 above the own plan.
        assert npf.irr([-20_200, 10_404, 10_404]) == pytest.approx(0.02, abs=1e-12)
        code, out, err = _offer(case_file, "--monthly", "10404", "--months", "2", "--json")
        assert (code, err) == (0, "")
        data = json.loads(out)
        assert data["verdict"] == "accept"
        assert data["nominal_annual_rate"] == pytest.approx(0.24, abs=1e-12)
        assert data["shortfall_months"] == 0
        assert data["extra_cost_vs_own_plan"] == 608.0
        assert data["crosses_legal_line"] is False
        assert data["own_scenario_chosen"] is True
        assert len(data["reasons"]) == 5 and data["counter_proposal"].startswith("Thank you")

    def test_an_offer_over_the_line_is_declined(self, case_file):
        code, out, _ = _offer(
            case_file, "--months", "2", "--annual-rate", "24.5%", "--json", "--lang", "zh-CN"
        )
        data = json.loads(out)
        assert (code, data["verdict"], data["crosses_legal_line"]) == (0, "decline", True)
        assert data["reasons"][-1].startswith("结论：拒绝")

    def test_a_dearer_offer_with_waivers_is_countered(self, tmp_path):
        # A budget of 5,164.67 − 1,596.00 = 3,568.67 a month; a 1% monthly fee over 6 months:
        # 20,200/6 = 3,366.67 (the last 3,366.65) + 202.00 a month, carried exactly, nothing
        # to prepay; the penalty waived is nil. 6 × 202.00 = 1,212.00 of fees: 6% above the own
        # plan, over the 5% margin.
        path = tmp_path / "tighter.yaml"
        text = CASE.format(kind="consumer_finance", as_of="2025-07-01")
        path.write_text(text.replace("12000.00", "5164.67"), "utf-8")
        code, out, _ = _offer(
            str(path),
            "--months",
            "6",
            "--monthly-fee-rate",
            "0.01",
            "--waive",
            "penalty",
            "--json",
        )
        data = json.loads(out)
        assert (code, data["verdict"], data["shortfall_months"]) == (0, "counter", 0)
        assert data["extra_cost_vs_own_plan"] == pytest.approx(1212.0)


def test_text_names_the_lender_the_verdict_and_the_answer(case_file):
    code, out, _ = _offer(case_file, "--monthly", "10404", "--months", "2", "--lang", "en")
    lines = out.splitlines()
    assert code == 0
    assert lines[0] == "Bank A (d1): accept"
    assert "Answer to send:" in lines
    assert lines[-1].startswith("Thank you for the offer. I accept CN¥10,404.00 a month")


class TestBadInput:
    @pytest.mark.parametrize(
        ("options", "text"),
        [
            (["--monthly", "-500", "--months", "12"], "--monthly: -500 is negative"),
            (["--monthly", "500", "--months", "0"], "--months: 0 cannot be a term"),
            (["--monthly", "abc", "--months", "12"], "--monthly: 'abc' is not an amount"),
            (["--monthly", "500", "--months", "12", "--down", "-1"], "--down: -1 is negative"),
            (["--months", "12"], "--monthly: neither a monthly amount nor a rate"),
            (["--months", "2", "--annual-rate", "0.1", "--monthly-fee-rate", "0.01"], "not both"),
            (["--monthly", "10253", "--months", "2", "--annual-rate", "0.12"], "drop the annual"),
            (["--monthly", "500", "--months", "12", "--waive", "fees"], "--waive: 'fees'"),
            (["--months", "12", "--annual-rate", "18"], "did you mean 0.18?"),
        ],
    )
    def test_exits_2_naming_the_option(self, case_file, options, text):
        code, out, err = _offer(case_file, *options, "--lang", "en")
        assert (code, out) == (2, "")
        assert text in err and "Traceback" not in err

    def test_an_unknown_lender_lists_the_debts(self, case_file):
        code, _, err = run_in_process(
            ["offer", case_file, "--lender", "d9", "--monthly", "500", "--months", "12"]
        )
        assert code == 2
        assert "--lender: 'd9' is not a debt of this case; use one of d1 (Bank A)" in err

    def test_a_card_term_over_60_months_is_refused_as_a_user_runs_it(self):
        # 招商银行 is a credit card in Zhang Wei's case: art. 70 caps an agreement at 60 months.
        done = run_cli(
            "offer",
            "zhang_wei_unemployed",
            "--lender",
            "招商银行",
            "--monthly",
            "600",
            "--months",
            "61",
            "--lang",
            "zh-CN",
        )
        assert done.returncode == 2
        assert "--months：61 个月超过信用卡" in done.stderr and "第七十条" in done.stderr
        assert "Traceback" not in done.stderr
