"""The Python side of a slider change in the scenario app (notebook 03), on the largest sample.

Setting a control's ``.value`` runs the app's observer synchronously: the tuned scenario is
rebuilt, projected month by month (scalar engine), evaluated (metrics, credit, true rate, the
lenders' view), and the table, sentences and both figures are updated. Peers measured in the
same run: the projection alone, and the whole evaluation without the redraw.
"""

from __future__ import annotations

import dataclasses
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import report  # noqa: E402

from helpers.case import load_sample  # noqa: E402
from helpers.engine import project  # noqa: E402
from helpers.scenarios.compare import evaluate  # noqa: E402
from helpers.scenarios.tuning import Tuning, build_scenario  # noqa: E402
from helpers.ui.scenarios import ScenarioApp  # noqa: E402

SAMPLE = "chen_jian_business_loss"  # the largest sample: 7 debts, two of them secured


def _median(func, values) -> float:
    times = []
    for value in values:
        start = time.perf_counter()
        func(value)
        times.append(time.perf_counter() - start)
    return statistics.median(times[5:])


def main() -> None:
    case = load_sample(SAMPLE)
    app = ScenarioApp(case, lang="zh-CN")
    terms = [12 + (k % 48) for k in range(65)]

    def slide(term: int) -> None:
        app.controls["term"].value = term

    def evaluate_only(term: int) -> None:
        scenario = build_scenario(case, Tuning(term_months=term))
        evaluate(case, dataclasses.replace(scenario, means_fen=tuple(app.means)))

    def project_only(term: int) -> None:
        plans = build_scenario(case, Tuning(term_months=term)).plan_map
        project(case, plans, policy="avalanche", means_fen=app.means)

    print(f"slider 'term' in the scenario app, {SAMPLE} ({len(case.debts)} debts x 60 months),")
    print("median of 60 changes after 5 warm-up (target <= 5 ms for the whole change):")
    report(
        [
            ("projection only", _median(project_only, terms)),
            ("evaluation, no redraw", _median(evaluate_only, terms)),
            ("whole slider change", _median(slide, terms)),
        ],
        baseline="whole slider change",
    )


if __name__ == "__main__":
    main()
