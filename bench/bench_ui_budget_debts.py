"""The Python side of a slider change in the budget and debts apps (notebooks 01 and 02).

Setting a slider's ``.value`` runs the app's observer synchronously: recompute through the
helpers, write the figure inside ``batch_update``, rewrite the sentence and tables. Measured on
the largest sample, median of 40 changes after a warm-up of 5; target ≤ 5 ms. Peers measured in
the same run: the helper alone (``monthly_budget``; ``CostOfWaiting.table``), so the ratio shows
what the widgets and the figure add.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import report  # noqa: E402

from helpers.budget.monthly import monthly_budget  # noqa: E402
from helpers.case import load_sample  # noqa: E402
from helpers.debts.waiting import cost_of_waiting  # noqa: E402
from helpers.ui.budget import BudgetApp  # noqa: E402
from helpers.ui.debts import DebtsApp  # noqa: E402

SAMPLE = "chen_jian_business_loss"  # 7 debts, 10 cost lines: the largest sample
CHANGES, WARM_UP = 40, 5
TARGET_S = 5e-3


def median_change(change: Callable[[int], object]) -> float:
    """The median wall time of ``change(k)`` over CHANGES calls, after WARM_UP calls."""
    for k in range(WARM_UP):
        change(k)
    times = []
    for k in range(CHANGES):
        start = time.perf_counter()
        change(WARM_UP + k)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    case = load_sample(SAMPLE)
    budget = BudgetApp(case, lang="zh-CN")
    debts = DebtsApp(case, lang="zh-CN")
    food = budget.controls["cost.food_housekeeping"]
    months = budget.controls["recovery_month"]
    recovery_options = [value for _, value in months.options][:24]
    waiting = debts.controls["months"]
    cost = cost_of_waiting(case)

    def set_food(k: int) -> None:
        food.value = 1500 + 10 * (k % 50)  # a new value every time

    def set_recovery(k: int) -> None:
        months.value = recovery_options[k % len(recovery_options)]

    def set_waiting(k: int) -> None:
        waiting.value = 1 + (k * 7) % 24

    rows = [
        ("monthly_budget (helper alone)", median_change(lambda k: monthly_budget(case))),
        ("budget app: cost slider", median_change(set_food)),
        ("budget app: recovery slider", median_change(set_recovery)),
        ("CostOfWaiting.table (helper alone)", median_change(lambda k: cost.table(1 + k % 24))),
        ("debts app: months slider", median_change(set_waiting)),
    ]
    print(f"median of {CHANGES} slider changes on {SAMPLE} (target ≤ {TARGET_S * 1e3:.0f} ms):")
    report(rows, baseline="monthly_budget (helper alone)")
    slow = [name for name, seconds in rows if "app" in name and seconds > TARGET_S]
    print("  within target" if not slow else f"  OVER TARGET: {', '.join(slow)}")


if __name__ == "__main__":
    main()
