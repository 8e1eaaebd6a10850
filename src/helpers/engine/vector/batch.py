"""The vectorised engine: many scenarios of one case at once, returning metrics, not month tables.

A scenario is a :class:`ScenarioSpec` (plans per debt, an allocation policy, and what the
borrower can pay each month); :func:`project_batch` projects a list of them in numpy, across
scenarios, and returns a :class:`BatchMetrics` whose every array agrees to the fen with
:func:`helpers.engine.scenario_metrics` of the scalar :func:`helpers.engine.project` of the same
scenario. Sweeps over one parameter are one call to :func:`sweep`.

Data layout and exactness
-------------------------
Scenarios are sorted by policy and projected in chunks of about 40,000 debt-scenario pairs (4,000
scenarios of 10 debts); inside a chunk every balance and counter is a float64 array of ``debts ×
scenarios`` entries holding whole fen, with a Python loop over months only
(:mod:`helpers.engine.vector.core`). Float64 holds every integer below 2**53 exactly, and every
posting is rounded half-up from an exact product, ``floor((2·x·n + d) / (2·d))`` for a rate held
as the integer pair n/d (never ``np.rint``, which rounds halves to even): exact while
``2·x·n + d < 2**53``, because a correctly rounded quotient of exact integers below 2**53 floors
to the exact integer quotient. The batch's largest numerator (a daily rate × 31 days, a penalty
rate, a plan's rate or fee, a waived share, a discount) therefore bounds the balance of any debt:
``(2**53 − 4 · largest denominator) / (2 · largest numerator)``, about 2 · 10**12 fen (20
billion yuan) for the samples' rates, less for rates written with more digits (and at most
``2**51 / debts``, so that sums over debts stay exact). Pro rata's shares
``floor(means · balance / total)`` are computed in float64 while the product stays below 2**53
and in int64 beyond, up to 2**62. Each month, a scenario whose largest balance passes either
bound is flagged, projected again by the exact scalar path, and marked in
:attr:`BatchMetrics.fallback`.

The dated arrears of each debt and scenario (for days overdue and acceleration) are a
first-in first-out list of at most the starting entries plus the horizon, held as running totals
(:mod:`helpers.engine.vector.fifo`). A policy's order is a 0/1 "served before" matrix per
scenario, built each month from the pairs of debts whose order can move; sums over the debts
served first are one ``einsum`` (:mod:`helpers.engine.vector.alloc`).

>>> from helpers.case import load_sample
>>> from helpers.plans import Reinstalment
>>> case = load_sample()
>>> batch = project_batch(case, sweep(ScenarioSpec(), "d3", Reinstalment(term_months=12),
...                                   "term_months", [12, 24, 36]), horizon=60)
>>> batch.interest_paid_fen.tolist()
[1286856, 1290647, 1291893]
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from helpers.allocation import Policy
from helpers.budget import DEFAULT_HORIZON
from helpers.case import Case
from helpers.engine.metrics import METRIC_NAMES, Metrics
from helpers.errors import WorkbenchError
from helpers.plans import Plan
from helpers.rates import exact_rate

__all__ = ["ScenarioSpec", "BatchMetrics", "project_batch", "sweep", "OPTIONAL_METRICS"]

OPTIONAL_METRICS = ("months_to_clear", "first_month_past_90")  # -1 stands for None
CHUNK_ELEMENTS = 40_000  # debts × scenarios per chunk: fits the caches, amortises numpy's overhead


@dataclass(frozen=True)
class ScenarioSpec:
    """One scenario of a batch: plans per debt id, an allocation policy, and the means.

    ``means_fen`` is what the borrower can pay towards all debts each month: a sequence with one
    amount per month (at least the horizon), one amount for every month, or None for the
    budget's ``available_fen``.

    >>> from helpers.plans import Settlement
    >>> spec = ScenarioSpec({"d1": Settlement(month=3, discount=0.3)}, "snowball", 500_000)
    >>> spec.policy, spec.means_fen
    ('snowball', 500000)
    """

    plans: Mapping[str, Plan] = field(default_factory=dict)
    policy: Policy | str = Policy.PRO_RATA
    means_fen: Sequence[int] | np.ndarray | int | None = None

    def replace(self, **changes) -> ScenarioSpec:
        """A copy with some fields changed.

        >>> ScenarioSpec().replace(policy="avalanche").policy
        'avalanche'
        """
        return dataclasses.replace(self, **changes)


@dataclass(frozen=True)
class BatchMetrics:
    """The metrics of every scenario of a batch: one int64 array per :class:`Metrics` field,
    in the order the scenarios were given. ``months_to_clear`` and ``first_month_past_90`` hold
    -1 where the scalar metric is None. ``fallback`` marks the scenarios projected by the scalar
    path because their balances left the exact range of the vectorised one.
    ``paid_by_month_fen``, when asked for, holds what each scenario pays each month (months ×
    scenarios), as the scalar projection's ``paid_fen``.

    >>> from helpers.case import load_sample
    >>> batch = project_batch(load_sample(), [ScenarioSpec(), ScenarioSpec(policy="avalanche")],
    ...                       horizon=24)
    >>> len(batch), batch.months_to_clear.tolist()
    (2, [-1, -1])
    """

    total_paid_fen: np.ndarray
    principal_paid_fen: np.ndarray
    interest_paid_fen: np.ndarray
    penalty_paid_fen: np.ndarray
    charges_paid_fen: np.ndarray
    waived_fen: np.ndarray
    balance_left_fen: np.ndarray
    months_to_clear: np.ndarray
    max_scheduled_due_fen: np.ndarray
    shortfall_months: np.ndarray
    months_overdue: np.ndarray
    first_month_past_90: np.ndarray
    shortfall_fen: np.ndarray
    fallback: np.ndarray
    paid_by_month_fen: np.ndarray | None = None

    def __len__(self) -> int:
        return len(self.total_paid_fen)

    def row(self, i: int) -> Metrics:
        """Scenario ``i``'s metrics as the scalar path reports them (None for -1).

        >>> from helpers.case import load_sample
        >>> batch = project_batch(load_sample("li_na_illness"), [ScenarioSpec()], horizon=60)
        >>> batch.row(0).months_to_clear, batch.row(0).balance_left_fen
        (29, 0)
        """
        values = {}
        for name in METRIC_NAMES:
            value = int(getattr(self, name)[i])
            values[name] = None if name in OPTIONAL_METRICS and value < 0 else value
        return Metrics(**values)

    def frame(self) -> pd.DataFrame:
        """The metrics as a table, one row per scenario (nullable integers for the optional
        metrics).

        >>> from helpers.case import load_sample
        >>> frame = project_batch(load_sample(), [ScenarioSpec()], horizon=6).frame()
        >>> frame.shape, str(frame.months_to_clear.dtype)
        ((1, 13), 'Int64')
        """
        data = {}
        for name in METRIC_NAMES:
            values = getattr(self, name)
            if name in OPTIONAL_METRICS:
                data[name] = pd.array(np.where(values < 0, None, values), dtype="Int64")
            else:
                data[name] = values
        return pd.DataFrame(data)


def sweep(
    base: ScenarioSpec, debt_id: str | None, plan: Plan | None, name: str, values: Iterable
) -> list[ScenarioSpec]:
    """Scenarios that differ from ``base`` in one parameter: a field ``name`` of ``plan`` for
    debt ``debt_id``, or (with ``plan`` None) a field of the spec itself, ``"means_scale"``
    scaling the base means (half-up to the fen).

    >>> from helpers.plans import Reinstalment
    >>> base = ScenarioSpec(policy="avalanche")
    >>> specs = sweep(base, "d3", Reinstalment(term_months=6), "term_months", range(1, 61))
    >>> len(specs), specs[-1].plans["d3"].term_months
    (60, 60)
    >>> [s.means_fen for s in sweep(ScenarioSpec(means_fen=1001), None, None, "means_scale",
    ...                             [0.5, 1])]
    [501, 1001]
    """
    specs = []
    for value in values:
        if plan is not None:
            changed = dataclasses.replace(plan, **{name: value})
            specs.append(base.replace(plans={**base.plans, debt_id: changed}))
        elif name == "means_scale":
            specs.append(base.replace(means_fen=_scaled(base.means_fen, value)))
        else:
            specs.append(base.replace(**{name: value}))
    return specs


def _scaled(means, scale):
    rate = exact_rate(scale)
    if means is None:
        raise WorkbenchError(key="engine.vector.scale_needs_means")
    values = np.asarray(means, dtype=np.int64)
    scaled = (2 * values * rate.numerator + rate.denominator) // (2 * rate.denominator)
    return int(scaled) if np.ndim(scaled) == 0 else scaled.tolist()


def project_batch(
    case: Case,
    scenarios: Sequence[ScenarioSpec],
    *,
    horizon: int = DEFAULT_HORIZON,
    prepay: bool = True,
    chunk_elements: int = CHUNK_ELEMENTS,
) -> BatchMetrics:
    """Project many scenarios of one case over ``horizon`` months; per-scenario metrics.

    Parameters
    ----------
    case : Case
    scenarios : sequence of ScenarioSpec
    horizon : int
        Months to project, at most 600.
    prepay : bool
        Whether money left after the month's dues prepays debts under an agreement.
    chunk_elements : int
        About how many debt-scenario pairs each numpy array of a chunk holds.

    Examples
    --------
    What does Zhang Wei's 招联 loan cost re-instalmented over 6 to 36 months, at 1,500 to
    2,500 yuan a month for all debts?

    >>> from helpers.case import load_sample
    >>> from helpers.plans import Reinstalment
    >>> case = load_sample()
    >>> specs = [ScenarioSpec({"d3": Reinstalment(term_months=n, freeze_interest=True)},
    ...                       "avalanche", means)
    ...          for n in (6, 12, 24, 36) for means in (150_000, 250_000)]
    >>> batch = project_batch(case, specs, horizon=60)
    >>> batch.shortfall_months.tolist()
    [60, 60, 60, 60, 60, 60, 60, 60]
    """
    from helpers.engine.vector.cases import project_cases  # it builds on this module

    return project_cases(
        [(case, scenarios)], horizon=horizon, prepay=prepay, chunk_elements=chunk_elements
    )[0]
