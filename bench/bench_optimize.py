"""The optimal allocation against the allocation policies, 10 debts × 60 months.

Peers measured in the same run: one projection under each allocation policy (what the optimiser
compares against, and what a slider recomputes), against one call of
:func:`helpers.optimize.optimal_schedule` (four projections, one linear programme, the replays)
and against HiGHS's solve alone (as the call reports it).
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import best_time, report  # noqa: E402

from helpers.allocation import Policy  # noqa: E402
from helpers.case import Case, load_sample  # noqa: E402
from helpers.engine import project  # noqa: E402
from helpers.optimize.schedule import optimal_schedule  # noqa: E402

HORIZON = 60
MEANS = [300_000] * 6 + [900_000] * 54  # 3,000 a month for half a year, then 9,000


def ten_debts() -> Case:
    """Ten debts from three samples (cards, instalment loans, a private loan), one borrower."""
    debts = []
    samples = ("zhang_wei_unemployed", "li_na_illness", "wang_fang_income_drop")
    for prefix, name in zip("abc", samples, strict=True):
        debts += [d.model_copy(update={"id": prefix + d.id}) for d in load_sample(name).debts]
    return load_sample("zhang_wei_unemployed").model_copy(update={"debts": tuple(debts[:10])})


def main() -> None:
    case = ten_debts()
    result = optimal_schedule(case, horizon=HORIZON, means_fen=MEANS)
    rows = [
        (
            f"project ({policy.value})",
            best_time(lambda p=policy: project(case, policy=p, horizon=HORIZON, means_fen=MEANS)),
        )
        for policy in Policy
    ]
    rows.append(("HiGHS solve", result.solve_seconds))
    rows.append(
        (
            "optimal_schedule",
            best_time(lambda: optimal_schedule(case, horizon=HORIZON, means_fen=MEANS), repeat=3),
        )
    )
    saving = f"{result.saving_fen / 100:,.2f}"
    print(f"{len(case.debts)} debts × {HORIZON} months: {result.method}, {saving} yuan less")
    report(rows, baseline="project (avalanche)")


if __name__ == "__main__":
    main()
