"""Triage on hand-built cases: each of the three ordering rules decides once, a tie is named as
one, and a file that does not load goes last, unranked.

Every case is read on 2025-04-01 and has one private loan (no penalty terms written):
due on the 10th is 9 days away, on the 20th 19 days, on the 25th 24 days."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import yaml

from helpers.caseload import run_caseload, triage
from helpers.i18n import t
from helpers.money import format_fen


def _case(due_day: int, *, overdue: int = 0, principal: int = 3000, rate: float = 0.0) -> dict:
    debt = {"id": "d1", "lender": "Uncle", "kind": "private", "principal": principal,
            "annual_rate": rate, "due_day": due_day, "days_overdue": overdue}  # fmt: skip
    return {"as_of": "2025-04-01", "debts": [debt]}


# name → case, with the keys worked out by hand:
#   days to next due date; days until 90 days overdue (overdue d: 91 − d; not overdue:
#   next due + 91); 3 months of waiting (0% a year: nothing added; 12% on 100,000: at least
#   100,000 × 12% × 3/12 = 3,000 of interest).
CASES = {
    "a_soon": _case(10),  # 9 days; 9 + 91 = 100
    "b_overdue": _case(20, overdue=80),  # 19 days; 91 − 80 = 11
    "c_late": _case(20, overdue=30),  # 19 days; 91 − 30 = 61
    "d_dear": _case(25, principal=100_000, rate=0.12),  # 24 days; 115; ≥ 3,000 waiting
    "e_cheap": _case(25),  # 24 days; 115; 0 waiting
    "f_twin": _case(25),  # as e_cheap: a tie, kept in file order
}


def _write(folder: Path) -> None:
    for name, data in CASES.items():
        (folder / f"{name}.yaml").write_text(yaml.safe_dump(data), "utf-8")
    (folder / "0_bad.yaml").write_text("as_of: [\n", "utf-8")  # first in file order


def test_each_rule_decides_once_and_the_reason_names_it(tmp_path):
    _write(tmp_path)
    frame = run_caseload([tmp_path], lang="en", redact=False).set_index("case", drop=False)
    assert frame["case"].tolist() == [*CASES, "0_bad"]
    assert frame["triage_rank"].tolist()[:6] == [1, 2, 3, 4, 5, 6]
    assert pd.isna(frame.loc["0_bad", "triage_rank"])
    assert frame["next_due_days"].tolist()[:6] == [9, 19, 19, 24, 24, 24]
    assert frame["days_to_90"].tolist()[:6] == [100, 11, 61, 115, 115, 115]
    dear, cheap = frame.loc["d_dear", "waiting_cost_3m"], frame.loc["e_cheap", "waiting_cost_3m"]
    assert dear >= 300_000 and cheap == 0

    reasons = frame["triage_reason"].to_dict()
    # rule 1: 9 days against 19
    assert reasons["a_soon"] == t("caseload.triage.next_due_days", "en", days="9", after="19")
    # rule 2: same due date, 11 days to 90 against 61
    assert reasons["b_overdue"] == t("caseload.triage.days_to_90", "en", days="11", after="61")
    assert reasons["c_late"] == t("caseload.triage.next_due_days", "en", days="19", after="24")
    # rule 3: same due date, same days to 90, the dearer wait first
    shown = {"days": format_fen(int(dear), "en"), "after": format_fen(0, "en")}
    assert reasons["d_dear"] == t("caseload.triage.waiting_cost_3m", "en", **shown)
    assert reasons["e_cheap"] == t("caseload.triage.tie", "en")
    assert reasons["f_twin"] == t("caseload.triage.last", "en")
    assert reasons["0_bad"] == t("caseload.triage.unranked", "en")


def test_a_case_without_any_due_day_ranks_after_those_with_one():
    rows = [
        {"loaded": True, "problems": "", "next_due_days": None, "days_to_90": 0,
         "waiting_cost_3m": 10**9},
        {"loaded": True, "problems": "", "next_due_days": 30, "days_to_90": None,
         "waiting_cost_3m": 0},
    ]  # fmt: skip
    ranked = triage(rows, "en")
    assert [r["next_due_days"] for r in ranked] == [30, None]
    assert ranked[0]["triage_reason"] == t(
        "caseload.triage.next_due_days", "en", days="30", after=t("caseload.triage.none", "en")
    )


def test_a_case_whose_analysis_failed_is_not_ranked():
    rows = [
        {"loaded": True, "problems": "internal fault", "next_due_days": 0, "days_to_90": 0,
         "waiting_cost_3m": 0},
        {"loaded": True, "problems": "", "next_due_days": 30, "days_to_90": 0,
         "waiting_cost_3m": 0},
    ]  # fmt: skip
    ranked = triage(rows, "zh-CN")
    assert [r["triage_rank"] for r in ranked] == [1, None]
    assert ranked[1]["triage_reason"] == t("caseload.triage.unranked", "zh-CN")
