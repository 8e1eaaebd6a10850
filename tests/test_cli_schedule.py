"""``schedule --csv`` of every sample reconciles when summed by a script that knows nothing of
the engine: it reads the CSV with the csv module and checks the arithmetic in Decimal."""

import csv
import io
import subprocess
import sys
import textwrap
from decimal import Decimal

import pytest

from helpers.case import list_samples
from helpers.cli import main
from tests.support import ROOT, run_cli_here

CHECKER = textwrap.dedent(
    """
    import csv, sys
    from decimal import Decimal
    rows = list(csv.DictReader(sys.stdin))
    buckets = ("principal", "interest", "penalty", "charges")
    last = {}
    for row in rows:
        d = {k: Decimal(v) for k, v in row.items() if k not in ("debt_id", "month")}
        for b in buckets:
            expect = d[b + "_opening"] + d[b + "_accrued"] - d[b + "_waived"] - d[b + "_paid"]
            assert expect == d[b + "_closing"], (row["debt_id"], row["month"], b)
            assert d[b + "_closing"] >= 0
        assert d["paid"] == sum(d[b + "_paid"] for b in buckets), row["month"]
        assert d["unpaid"] == max(Decimal(0), d["scheduled_due"] - d["paid"])
        previous = last.get(row["debt_id"])
        if previous:
            for b in buckets:
                assert previous[b + "_closing"] == d[b + "_opening"]
        last[row["debt_id"]] = d
    print(len(rows), sum(Decimal(r["paid"]) for r in rows))
    """
)


@pytest.mark.parametrize("name", list_samples())
def test_schedule_csv_reconciles_when_summed_independently(name):
    result = run_cli_here("schedule", name, "--csv", "--policy", "avalanche")
    assert result.returncode == 0, result.stderr
    check = subprocess.run(
        [sys.executable, "-c", CHECKER], input=result.stdout, capture_output=True, text=True
    )
    assert check.returncode == 0, check.stderr
    count, _ = check.stdout.split()
    assert int(count) == 60 * len(
        next(csv.reader(io.StringIO(result.stdout)))
        and {r["debt_id"] for r in csv.DictReader(io.StringIO(result.stdout))}
    )


def test_schedule_under_a_plan_given_on_the_command_line(capsys):
    code = main(
        [
            "schedule",
            "zhang_wei_unemployed",
            "--horizon",
            "3",
            "--csv",
            "--plan",
            "d3=reinstalment:term_months=24,freeze_interest=yes",
        ]
    )
    assert code == 0
    rows = [
        r for r in csv.DictReader(io.StringIO(capsys.readouterr().out)) if r["debt_id"] == "d3"
    ]
    # 21,785.00 / 24, then each month the new instalment plus what the 380.00 could not cover
    assert rows[0]["scheduled_due"] == "907.71"
    for before, after in zip(rows, rows[1:], strict=False):
        assert Decimal(after["scheduled_due"]) == Decimal("907.71") + Decimal(before["unpaid"])
    assert all(Decimal(r["interest_accrued"]) == 0 for r in rows)


def test_schedule_table_is_translated_and_flags_debts_never_cleared(capsys):
    assert main(["schedule", "zhang_wei_unemployed", "--horizon", "2", "--lang", "zh-CN"]) == 0
    out = capsys.readouterr().out
    assert "月末欠款" in out and "个月后仍未还清" in out


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--plan", "d9=holiday:months=2"], "--plan d9: 'd9' is not one of the choices"),
        (["--plan", "d3=holiday:months=0"], "d3.holiday.months: 0 is too small"),
        (["--horizon", "0"], "a horizon of 0 months cannot be used"),
        (["--policy", "random"], "invalid choice: 'random'"),
    ],
)
def test_bad_schedule_options_exit_2(args, message):
    result = run_cli_here("schedule", "zhang_wei_unemployed", *args, "--lang", "en")
    assert result.returncode == 2
    assert message in result.stderr and "Traceback" not in result.stderr


def test_a_card_plan_over_60_months_is_warned_about(capsys):
    main(
        [
            "schedule",
            "zhang_wei_unemployed",
            "--horizon",
            "1",
            "--csv",
            "--lang",
            "en",
            "--plan",
            "d1=reinstalment:term_months=72",
        ]
    )
    assert "art. 70" in capsys.readouterr().err


def test_root_is_the_project():
    assert (ROOT / "data" / "samples").is_dir()
