"""True annual rates of 100,000 offers, by every path, against pyxirr and numpy-financial.

The offers (issue 3): terms of 3, 6, 12, 24, 36 and 60 months, monthly fees of 0.3%-1.5% on the
original principal, one in five with irregular amounts (a step-up plan with noise, some months
skipped). Measured in the same run:

* ``true_annual_rates``: the vectorised path, on all 100,000 (a 100,000 × 61 array);
* ``equal_instalment_rates``: the closed-form fast path, on the regular four in five;
* a loop of ``pyxirr.irr`` over the same offers (as lists, its fastest input);
* ``numpy_financial.irr`` on every 50th offer, extrapolated to all;
* one offer through ``true_annual_rate`` (the scalar path), and through ``pyxirr.irr`` alone.

Targets: vectorised ≥ 5× the pyxirr loop and ≥ 200× numpy-financial; equal instalments ≥ 50×
the pyxirr loop on the same offers; one offer under 20 µs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import numpy_financial as npf
import pyxirr

sys.path.insert(0, str(Path(__file__).resolve().parent))
from timing import _fmt, best_time, report  # noqa: E402

from helpers.rates import (  # noqa: E402
    equal_instalment_rates,
    true_annual_rate,
    true_annual_rates,
)

OFFERS = 100_000
TERMS = np.array([3, 6, 12, 24, 36, 60])
NPF_EVERY = 50
PBOC_FLOWS = [-99_000.0] + [8_833.30] * 12


def make_offers(count: int = OFFERS, seed: int = 3) -> dict[str, np.ndarray]:
    """Offers as a zero-padded array of flows (yuan, the lender's side), with their terms, and
    the principal and level payment of the regular ones."""
    rng = np.random.default_rng(seed)
    months = rng.choice(TERMS, count)
    fee_rate = rng.uniform(0.003, 0.015, count)
    principal = rng.integers(1_000, 200_000, count).astype(float)
    payment = np.round(principal / months + principal * fee_rate, 2)
    regular = rng.random(count) >= 0.2
    flows = np.zeros((count, TERMS.max() + 1))
    flows[:, 0] = -principal
    for row in range(count):
        n = months[row]
        if regular[row]:
            flows[row, 1 : n + 1] = payment[row]
            continue
        step = np.where(np.arange(n) < n // 2, 0.6, 1.4) * rng.uniform(0.8, 1.2, n)
        step[rng.random(n) < 0.05] = 0.0  # a payment holiday
        step[-1] = max(step[-1], 0.5)
        flows[row, 1 : n + 1] = np.round(payment[row] * n * step / step.sum(), 2)
    return {
        "flows": flows,
        "months": months,
        "regular": regular,
        "principal": principal,
        "payment": payment,
    }


def main() -> None:
    offers = make_offers()
    flows, months, regular = offers["flows"], offers["months"], offers["regular"]
    lists = [row[: n + 1].tolist() for row, n in zip(flows, months, strict=True)]
    regular_lists = [rows for rows, keep in zip(lists, regular, strict=True) if keep]
    sample = lists[::NPF_EVERY]
    count, regular_count = len(lists), int(regular.sum())

    vectorised = true_annual_rates(flows)
    reference = np.array([pyxirr.irr(row) for row in lists])
    fast = equal_instalment_rates(
        offers["principal"][regular], offers["payment"][regular], months[regular]
    )
    print(f"{count:,} offers ({regular_count:,} regular, {count - regular_count:,} irregular):")
    print(
        "  agreement with pyxirr, monthly rate: vectorised "
        f"{np.abs(vectorised.monthly_rate - reference).max():.1e}, equal instalments "
        f"{np.abs(fast.monthly_rate - reference[regular]).max():.1e}"
    )

    t_vectorised = best_time(lambda: true_annual_rates(flows), repeat=5)
    t_pyxirr = best_time(lambda: [pyxirr.irr(row) for row in lists], repeat=3)
    t_npf_sample = best_time(lambda: [npf.irr(row) for row in sample], repeat=1)
    t_npf = t_npf_sample * count / len(sample)
    print(f"all {count:,} offers (numpy-financial on {len(sample):,}, extrapolated):")
    report(
        [
            ("numpy-financial irr loop", t_npf),
            ("pyxirr irr loop", t_pyxirr),
            ("true_annual_rates (vectorised)", t_vectorised),
        ],
        baseline="pyxirr irr loop",
    )
    t_fast = best_time(
        lambda: equal_instalment_rates(
            offers["principal"][regular], offers["payment"][regular], months[regular]
        ),
        repeat=7,
    )
    t_pyxirr_regular = best_time(lambda: [pyxirr.irr(row) for row in regular_lists], repeat=3)
    print(f"the {regular_count:,} regular offers:")
    report(
        [
            ("pyxirr irr loop", t_pyxirr_regular),
            ("equal_instalment_rates", t_fast),
        ],
        baseline="pyxirr irr loop",
    )
    t_one = best_time(lambda: true_annual_rate(PBOC_FLOWS), repeat=7, number=5_000)
    t_one_pyxirr = best_time(lambda: pyxirr.irr(PBOC_FLOWS), repeat=7, number=5_000)
    print("one offer (the PBOC example):")
    report(
        [("pyxirr irr", t_one_pyxirr), ("true_annual_rate", t_one)],
        baseline="pyxirr irr",
    )
    checks = [
        ("vectorised ≥ 5× pyxirr", t_pyxirr / t_vectorised, 5),
        ("vectorised ≥ 200× numpy-financial", t_npf / t_vectorised, 200),
        ("equal instalments ≥ 50× pyxirr", t_pyxirr_regular / t_fast, 50),
    ]
    print("targets:")
    for name, ratio, target in checks:
        print(f"  {name:<36} {ratio:8.1f}x  {'met' if ratio >= target else 'MISSED'}")
    one_ok = "met" if t_one < 20e-6 else "MISSED"
    print(f"  {'one offer < 20 µs':<36} {_fmt(t_one):>9}  {one_ok}")


if __name__ == "__main__":
    main()
