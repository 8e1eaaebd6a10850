"""The projection engine: the scalar path (:func:`helpers.engine.project` with
:func:`helpers.engine.scenario_metrics`) against the vectorised path
(:func:`helpers.engine.project_batch`) on the same work, in one run:

- 10 debts × 60 months × 1 scenario, with the cost per debt-month, a floor for it (a bare
  overdue month and its row, far less than the engine's month does: :func:`bare_month`), and
  each sample's own single scenario;
- 10 debts × 120 months × 1,000 scenarios;
- 10 debts × 60 months × 100,000 scenarios (the scalar time extrapolated from a sample), with the
  peak memory of the vectorised run: ``tracemalloc``'s peak over the run (numpy reports its
  buffers to tracemalloc) and the process's peak resident set (``ru_maxrss``), both measured in
  this process.

The case: the ten debts of two samples, Zhang Wei's five (two cards, one overdue; a consumer
loan overdue; an online loan; a relative's loan) and five of Chen Jian's (a car loan, secured; a
bank loan and a micro-loan 96 and 111 days overdue; a card 103 days overdue; a private loan). The
scenarios: a grid of plans on four of the debts (status quo, waiver, re-instalment, holiday,
step-up, settlement, custom schedule), the four policies, and means from 2,000 to 20,000 yuan a
month, the same grid for both paths. Every scenario the scalar path runs is checked against the
vectorised row.
"""

from __future__ import annotations

import itertools
import resource
import sys
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import _fmt, best_time, report  # noqa: E402

from helpers.case import Case, list_samples, load_sample  # noqa: E402
from helpers.engine import project, scenario_metrics  # noqa: E402
from helpers.engine.vector.batch import ScenarioSpec, project_batch  # noqa: E402
from helpers.plans.kinds import (  # noqa: E402
    CustomSchedule,
    Holiday,
    Reinstalment,
    Settlement,
    StatusQuo,
    StepUp,
    Waiver,
)

POLICIES = ("avalanche", "snowball", "pro_rata", "priority_first")


def ten_debts() -> Case:
    """Zhang Wei's five debts and five of Chen Jian's, renumbered d1..d10."""
    zhang = load_sample("zhang_wei_unemployed").to_data()
    chen = load_sample("chen_jian_business_loss").to_data()
    debts = [dict(d) for d in zhang["debts"]]
    debts += [dict(d) for d in chen["debts"] if d["id"] in ("d2", "d3", "d4", "d5", "d7")]
    for k, debt in enumerate(debts):
        debt["id"] = f"d{k + 1}"
    return Case.model_validate({**zhang, "debts": debts})


def plan_menu() -> dict[str, list]:
    """Plans to combine, per debt (None: the contract)."""
    return {
        "d1": [None, Reinstalment(term_months=36, freeze_interest=True, waiver=Waiver()),
               Settlement(month=6, discount=0.4), Holiday(months=3)],
        "d3": [None, Reinstalment(term_months=24, annual_rate=0.06),
               StepUp(low_payment_fen=30_000, low_months=6, term_months=24),
               CustomSchedule(payments_fen=(80_000,) * 12), StatusQuo("minimum")],
        "d7": [None, Reinstalment(term_months=12, waiver=Waiver(interest_share=0.5)),
               Holiday(months=6, interest="freeze", term_months=18), Waiver(start=2)],
        "d9": [None, Reinstalment(term_months=60, monthly_fee_rate=0.003),
               Settlement(month=3, amount_fen=1_500_000), StatusQuo("fixed", 60_000)],
    }  # fmt: skip


def grid(count: int) -> list[ScenarioSpec]:
    """``count`` scenarios: every plan combination, policy and means in turn."""
    menu = plan_menu()
    combos = [
        {d: p for d, p in zip(menu, chosen, strict=True) if p is not None}
        for chosen in itertools.product(*menu.values())
    ]
    means = [200_000 + 18_000 * k for k in range(101)]  # 2,000 to 20,000 yuan a month
    specs = []
    for k in range(count):
        plans = combos[k % len(combos)]
        policy = POLICIES[(k // len(combos)) % 4]
        specs.append(ScenarioSpec(plans, policy, means[(k * 7919) % len(means)]))
    return specs


class _Bare:
    __slots__ = ("arrears", "balances", "due", "id", "mode", "oi", "op", "opening", "penalty")


def bare_month(s: _Bare, month: int, label: str, days: int, due_ord: int, end_ord: int) -> tuple:
    """A floor, not the engine: the least one debt-month can cost in CPython. One loan called
    due and paid nothing: penalty interest on the overdue principal and interest, the due, one
    more dated arrears entry, the days overdue and the month's row; no plan, no card minimum,
    no late charge, no acceleration check, no allocation."""
    b = s.balances
    s.opening = o = tuple(b)
    p, i, n, c = b
    num, den = s.penalty
    accrued = (2 * s.op * num * days + den) // (2 * den) + (2 * s.oi * num * days + den) // (
        2 * den
    )
    n += accrued
    b[2] = n
    owed = p + i + n + c
    arrears = s.op + s.oi + n + c
    due_new = owed - (owed if owed < arrears else arrears)
    s.due = owed
    if due_new > 0:
        s.arrears.append([due_ord, due_new])
    s.op, s.oi = p, i
    late = end_ord - s.arrears[0][0] - 1
    return (s.id, month, label, o[0], 0, 0, 0, p, o[1], 0, 0, 0, i, o[2], accrued, 0, 0, n,
            o[3], 0, 0, 0, c, owed, 0, owed, late, s.mode)  # fmt: skip


def bare_run(months: int) -> list:
    """:func:`bare_month` for ten debts over ``months`` months."""
    debts = []
    for k in range(10):
        s = _Bare()
        s.balances, s.op, s.oi = [8_500_000 + k, 300_000, 0, 5_000], 8_500_000 + k, 300_000
        s.penalty, s.arrears, s.id, s.mode = (3 * 87, 2000 * 360 * 2), [[739_000, 100]], "d", "c"
        debts.append(s)
    return [
        bare_month(s, m, "2025-04", 30, 739_010 + 30 * m, 739_030 + 30 * m)
        for m in range(months)
        for s in debts
    ]


def scalar_run(case: Case, specs: list[ScenarioSpec], horizon: int) -> list:
    return [
        scenario_metrics(
            project(case, s.plans, policy=s.policy, horizon=horizon,
                    means_fen=[s.means_fen] * horizon)
        )
        for s in specs
    ]  # fmt: skip


def check(batch, rows: list, indices) -> str:
    same = all(batch.row(i) == row for i, row in zip(indices, rows, strict=True))
    return "yes" if same else "NO"


def main() -> None:
    case = ten_debts()
    one = grid(1)
    print("10 debts × 60 months × 1 scenario:")
    scalar_one = best_time(lambda: scalar_run(case, one, 60), repeat=20)
    vector_one = best_time(lambda: project_batch(case, one, horizon=60), repeat=20)
    report([("scalar", scalar_one), ("vectorised", vector_one)], baseline="scalar")
    agree = check(project_batch(case, one, horizon=60), scalar_run(case, one, 60), [0])
    print(f"  agree to the fen: {agree}")
    print(f"  scalar per debt-month: {_fmt(scalar_one / (10 * 60))}")
    floor = best_time(lambda: bare_run(60), repeat=20)
    print(
        f"  floor, a bare overdue month with its row (not the engine): {_fmt(floor)} "
        f"for 10 × 60, {_fmt(floor / 600)} per debt-month"
    )
    print("Each sample, one scenario (its own debts and budget, 60 months, pro rata), scalar:")
    for name in list_samples():
        sample = load_sample(name)
        seconds = best_time(lambda s=sample: scenario_metrics(project(s, horizon=60)), repeat=20)
        print(f"  {name:<26} {len(sample.debts)} debts  {_fmt(seconds):>9}")

    specs = grid(1000)
    print("10 debts × 120 months × 1,000 scenarios:")
    start = time.perf_counter()
    rows = scalar_run(case, specs, 120)
    scalar_1000 = time.perf_counter() - start
    vector_1000 = best_time(lambda: project_batch(case, specs, horizon=120), repeat=3)
    report([("scalar", scalar_1000), ("vectorised", vector_1000)], baseline="scalar")
    agree = check(project_batch(case, specs, horizon=120), rows, range(1000))
    print(f"  agree to the fen: {agree} (all 1,000)")

    specs = grid(100_000)
    sample = list(range(0, 100_000, 250))  # 400 scenarios spread over the grid
    print("10 debts × 60 months × 100,000 scenarios:")
    start = time.perf_counter()
    rows = scalar_run(case, [specs[i] for i in sample], 60)
    scalar_100k = (time.perf_counter() - start) / len(sample) * len(specs)
    tracemalloc.start()
    project_batch(case, specs[:1000], horizon=60)  # warm up outside the measured peak
    tracemalloc.reset_peak()
    start = time.perf_counter()
    batch = project_batch(case, specs, horizon=60)
    vector_100k = time.perf_counter() - start
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    start, cpu = time.perf_counter(), time.process_time()
    project_batch(case, specs, horizon=60)
    untraced, cpu = time.perf_counter() - start, time.process_time() - cpu
    report(
        [
            (f"scalar (extrapolated from {len(sample)})", scalar_100k),
            ("vectorised", untraced),
            ("vectorised under tracemalloc", vector_100k),
        ],
        baseline=f"scalar (extrapolated from {len(sample)})",
    )
    maxrss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  peak memory of the vectorised run (tracemalloc): {peak / 2**20:,.0f} MiB")
    print(f"  peak resident set of this process so far (ru_maxrss): {maxrss:,.0f} MiB")
    print(f"  agree to the fen: {check(batch, rows, sample)} ({len(sample)} sampled)")
    print(f"  vectorised CPU time (this process only): {_fmt(cpu)}")
    print(f"  scalar per scenario: {_fmt(scalar_100k / len(specs))}")


if __name__ == "__main__":
    main()
