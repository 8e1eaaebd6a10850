"""``python -m helpers schedule CASE [--plan SPEC …] [--policy P] [--horizon N] [--csv]``: the
month-by-month table of a case under the status quo or under plans given on the command line.

>>> from helpers.cli import main
>>> main(["schedule", "zhang_wei_unemployed", "--horizon", "1", "--csv"])  # doctest: +ELLIPSIS
debt_id,month,principal_opening,...
d1,2025-04,28000.00,...
0
"""

from __future__ import annotations

import argparse
import csv
import sys

from helpers.allocation import Policy
from helpers.case import load_case, safe_for_sheet
from helpers.cli import EXIT_OK, horizon, print_frame, resolve_case
from helpers.engine import BUCKETS, STAGES, project
from helpers.errors import CaseError, Problem
from helpers.i18n import t
from helpers.money import format_yuan_plain
from helpers.plans import Plan, parse_plan_spec, plan_warnings

__all__ = ["register", "CSV_COLUMNS"]

CSV_COLUMNS = (
    ("debt_id", "month")
    + tuple(f"{b.value}_{s}" for b in BUCKETS for s in STAGES)
    + ("scheduled_due", "paid", "unpaid", "days_overdue")
)
_AMOUNTS = set(CSV_COLUMNS[2:-1])


def cmd_schedule(args: argparse.Namespace) -> int:
    """Print the month table (or its CSV, amounts in yuan)."""
    case = load_case(resolve_case(args.case))
    lang = args.lang or case.language
    plans = _plans(args.plan or [])
    ids = {d.id for d in case.debts}
    unknown = [debt_id for debt_id in plans if debt_id not in ids]
    if unknown:
        raise CaseError(
            [
                Problem(
                    f"--plan {unknown[0]}",
                    unknown[0],
                    "errors.bad_choice",
                    {"choices": ", ".join(sorted(ids))},
                )
            ]
        )
    result = project(case, plans, policy=args.policy, horizon=args.horizon)
    for debt_id, plan in plans.items():
        for warning in plan_warnings(plan, case.debt(debt_id), lang):
            print(warning, file=sys.stderr)
    frame = result.frame()
    if args.csv:
        writer = csv.writer(sys.stdout, lineterminator="\n")
        writer.writerow(CSV_COLUMNS)
        for row in frame[list(CSV_COLUMNS)].itertuples(index=False):
            writer.writerow(
                format_yuan_plain(v) if c in _AMOUNTS else safe_for_sheet(v)
                for c, v in zip(CSV_COLUMNS, row, strict=True)
            )
        return EXIT_OK
    table = frame[["month", "debt_id", "scheduled_due", "paid", "days_overdue"]].copy()
    for stage in ("opening", "closing"):
        table.insert(
            2 if stage == "opening" else 3,
            stage,
            sum(frame[f"{b.value}_{stage}"] for b in BUCKETS),
        )
    table.insert(3, "accrued", sum(frame[f"{b.value}_accrued"] for b in BUCKETS))
    for column in ("opening", "accrued", "closing", "scheduled_due", "paid"):
        table[column] = table[column] / 100
    table.columns = [t(f"cli.schedule.col_{c}", lang) for c in table.columns]
    print_frame(table)
    for flag in result.flags:
        print(flag.render(lang))
    return EXIT_OK


def _plans(specs: list[str]) -> dict[str, Plan]:
    """The ``--plan`` options, one plan per debt: a second plan for a debt is refused, never
    silently put in place of the first.

    >>> _plans(["d1=holiday:months=2", "d1=settlement:month=3,discount=0.2"])
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: --plan d1: 'd1=settlement:month=3,discount=0.2' is a second plan ...
    """
    plans: dict[str, Plan] = {}
    for spec in specs:
        debt_id, plan = parse_plan_spec(spec)
        if debt_id in plans:
            problem = Problem(f"--plan {debt_id}", spec, "errors.plan_twice", {"debt": debt_id})
            raise CaseError([problem])
        plans[debt_id] = plan
    return plans


def register(add) -> None:
    """Add the ``schedule`` command (see :func:`helpers.cli.build_parser`).

    Which arguments does it take?

    >>> from helpers.cli import argument_names
    >>> argument_names(register)
    ['case', '--plan', '--policy', '--horizon', '--csv']
    """
    sub = add("schedule", cmd_schedule)
    sub.add_argument("case")
    sub.add_argument(
        "--plan",
        action="append",
        metavar="SPEC",
    )
    sub.add_argument("--policy", choices=[p.value for p in Policy], default=Policy.PRO_RATA.value)
    sub.add_argument("--horizon", type=horizon, default=60)
    sub.add_argument("--csv", action="store_true")
