"""Many cases at once in the vectorised engine: each case's scenarios, projected in chunks that
hold several cases side by side (:mod:`helpers.engine.vector.layout`), with the same metrics,
to the fen, as :func:`helpers.engine.vector.batch.project_batch` case by case.

An advisor's caseload has hundreds of cases of a few dozen scenarios each: one case at a time,
numpy's per-call overhead dominates (a month of 45 scenarios of 4 debts is 180 entries); side by
side, a chunk holds a few hundred cases and every array operation serves all of them.

Cases go into chunks by their number of debts, then their debts' classes (cards, instalment
loans, the rest), so that cases in a chunk are alike and few rows are left empty; each chunk has
its own table of rates and schedules. A case with more scenarios than a chunk holds spans
several chunks.

>>> from helpers.case import load_sample
>>> from helpers.engine.vector.batch import project_batch
>>> li, zhang = load_sample("li_na_illness"), load_sample("zhang_wei_unemployed")
>>> jobs = [(li, [ScenarioSpec(policy="avalanche")]),
...         (zhang, [ScenarioSpec(means_fen=38_000), ScenarioSpec(policy="snowball")])]
>>> together = project_cases(jobs, horizon=24)
>>> alone = [project_batch(case, specs, horizon=24) for case, specs in jobs]
>>> [b.total_paid_fen.tolist() for b in together] == [b.total_paid_fen.tolist() for b in alone]
True
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from helpers.allocation import Policy
from helpers.budget import DEFAULT_HORIZON, monthly_budget
from helpers.case import Case
from helpers.engine.contract import contract_start
from helpers.engine.metrics import METRIC_NAMES, scenario_metrics
from helpers.engine.scalar.project import MAX_HORIZON, project
from helpers.engine.vector.batch import BatchMetrics, ScenarioSpec
from helpers.engine.vector.core import POLICIES, Chunk
from helpers.engine.vector.layout import Block, Layout, row_class
from helpers.engine.vector.plans import PlanBook
from helpers.errors import WorkbenchError

__all__ = ["CASES_CHUNK_ELEMENTS", "project_cases"]

CASES_CHUNK_ELEMENTS = 60_000  # rows × scenarios per chunk of a caseload
_INT64_MIN, _INT64_MAX = int(np.iinfo(np.int64).min), int(np.iinfo(np.int64).max)


def project_cases(
    jobs: Sequence[tuple[Case, Sequence[ScenarioSpec]]],
    *,
    horizon: int = DEFAULT_HORIZON,
    prepay: bool = True,
    chunk_elements: int = CASES_CHUNK_ELEMENTS,
    monthly: bool = False,
) -> list[BatchMetrics]:
    """Project the scenarios of many cases over ``horizon`` months: one
    :class:`~helpers.engine.vector.batch.BatchMetrics` per case, in order, each equal to
    ``project_batch(case, scenarios)``.

    Parameters
    ----------
    jobs : sequence of (Case, sequence of ScenarioSpec)
        Each case (with at least one debt) and its scenarios.
    horizon : int
        Months to project, at most 600.
    prepay : bool
        Whether money left after the month's dues prepays debts under an agreement.
    chunk_elements : int
        About how many row-scenario pairs each array of a chunk holds.
    monthly : bool
        Whether to keep what each scenario pays each month (``paid_by_month_fen``).

    Examples
    --------
    Li Na and Wang Fang, each paying 3,000.00 or 6,000.00 a month: what is left after two
    years?

    >>> from helpers.case import load_sample
    >>> specs = [ScenarioSpec(policy="avalanche", means_fen=m) for m in (300_000, 600_000)]
    >>> cases = [load_sample("li_na_illness"), load_sample("wang_fang_income_drop")]
    >>> [b.balance_left_fen.tolist() for b in project_cases([(c, specs) for c in cases],
    ...                                                     horizon=24)]
    [[93791, 135664], [1221398, 198825]]
    """
    if not 1 <= horizon <= MAX_HORIZON:
        raise WorkbenchError(key="engine.bad_horizon", horizon=horizon, maximum=MAX_HORIZON)
    prepared = [_prepare(case, specs, horizon) for case, specs in jobs]
    out = [
        {name: np.zeros(len(specs), dtype=np.int64) for name in METRIC_NAMES} for _, specs in jobs
    ]
    fallback = [np.zeros(len(specs), dtype=bool) for _, specs in jobs]
    months = [np.zeros((horizon, len(specs)), dtype=np.int64) if monthly else None
              for _, specs in jobs]  # fmt: skip
    for chunk in _chunks(prepared, chunk_elements):
        result, pieces = _run(chunk, prepared, horizon, prepay, monthly)
        with np.errstate(invalid="ignore"):  # a scenario past the exact range is redone below
            for k, cols, at in pieces:
                for name in METRIC_NAMES:
                    out[k][name][cols] = result[name][at]
                fallback[k][cols] = result["fallback"][at]
                if monthly:
                    months[k][:, cols] = result["paid_by_month_fen"][:, at]
    batches = []
    for job, values, redo, ready, paid in zip(jobs, out, fallback, prepared, months, strict=True):
        case, specs = job
        for s in np.flatnonzero(redo):
            _replay(case, specs[s], ready["means"][:, s], values, s, horizon, prepay, paid)
        batches.append(BatchMetrics(**values, fallback=redo, paid_by_month_fen=paid))
    return batches


def _prepare(case: Case, specs: Sequence[ScenarioSpec], horizon: int) -> dict:
    """A case's starts, row classes, means and policies; its plans checked."""
    if not case.debts:
        raise WorkbenchError(key="engine.vector.no_debts")
    starts = [contract_start(d, case.as_of) for d in case.debts]
    index = {d.id: k for k, d in enumerate(case.debts)}
    for spec in specs:
        for debt_id in spec.plans:
            if debt_id not in index:
                case.debt(debt_id)  # raises KeyError naming the id
    classes = [row_class(s) for s in starts]
    policies = np.array([POLICIES.index(Policy(spec.policy)) for spec in specs], dtype=int)
    return {
        "case": case,
        "specs": specs,
        "starts": starts,
        "index": index,
        "counts": tuple(classes.count(n) for n in range(3)),
        "means": _means(case, specs, horizon),
        "policies": policies,
        "order": np.argsort(policies, kind="stable"),  # each chunk: runs of one policy
    }


def _chunks(prepared: list[dict], chunk_elements: int) -> list[list[tuple[int, np.ndarray]]]:
    """Pieces (case, its columns) packed into chunks of about ``chunk_elements`` entries, alike
    cases together; a case whose scenarios overflow a chunk is cut into pieces."""
    chunks: list[list[tuple[int, np.ndarray]]] = []
    current: list[tuple[int, np.ndarray]] = []
    rows, columns = 0, 0
    alike = sorted(range(len(prepared)), key=lambda k: (sum(prepared[k]["counts"]),
                                                        prepared[k]["counts"], k))  # fmt: skip
    for k in alike:
        ready = prepared[k]
        debts = sum(ready["counts"])
        size = max(1, chunk_elements // debts)
        for at in range(0, len(ready["order"]), size):
            cols = ready["order"][at : at + size]
            if current and max(rows, debts) * (columns + cols.size) > chunk_elements:
                chunks.append(current)
                current, rows, columns = [], 0, 0
            current.append((k, cols))
            rows, columns = max(rows, debts), columns + cols.size
    if current:
        chunks.append(current)
    return chunks


def _run(chunk, prepared, horizon: int, prepay: bool, monthly: bool):
    """Project one chunk; its metrics and, per piece, (case, its columns, their place)."""
    total = sum(cols.size for _, cols in chunk)
    policies = np.concatenate([prepared[k]["policies"][cols] for k, cols in chunk])
    order = np.argsort(policies, kind="stable")  # runs of one policy across the cases
    place = np.empty(total, dtype=np.int64)
    place[order] = np.arange(total)
    blocks, pieces, means, shared, at = [], [], np.empty((horizon, total)), None, 0
    for k, cols in chunk:
        ready = prepared[k]
        book = PlanBook(ready["case"], ready["starts"], horizon=horizon, share=shared)
        shared = shared or book
        codes = np.zeros((len(ready["starts"]), cols.size), dtype=np.int64)
        seen: dict[tuple[int, int], int] = {}  # a plan object shared by scenarios: looked up once
        for c, s in enumerate(cols):
            for debt_id, plan in ready["specs"][s].plans.items():
                i = ready["index"][debt_id]
                code = seen.get((i, id(plan)))
                if code is None:
                    code = seen[i, id(plan)] = book.add(i, plan)
                codes[i, c] = code
        where = place[at : at + cols.size]
        blocks.append(Block(ready["case"], ready["starts"], book, codes, where))
        means[:, where] = ready["means"][:, cols]
        pieces.append((k, cols, where))
        at += cols.size
    layout = Layout(blocks, columns=total, horizon=horizon)
    chunk = Chunk(layout, policies[order], means, prepay=prepay, monthly=monthly)
    return chunk.run(), pieces


def _replay(case, spec, means, values, s, horizon, prepay, paid) -> None:
    """Scenario ``s``'s metrics by the exact scalar path (its balances left the exact range)."""
    projection = project(
        case,
        spec.plans,
        policy=spec.policy,
        horizon=horizon,
        means_fen=means.astype(np.int64).tolist(),
        prepay=prepay,
    )
    scalar = scenario_metrics(projection)
    if paid is not None:  # never more than the means, which are int64
        paid[:, s] = projection.paid_fen
    for name in METRIC_NAMES:
        value = getattr(scalar, name)
        if value is not None and not _INT64_MIN <= value <= _INT64_MAX:
            # 违约金 compounding for decades can pass 64 bits: exact Python integers
            values[name] = values[name].astype(object)
        values[name][s] = -1 if value is None else value


def _means(case: Case, scenarios: Sequence[ScenarioSpec], horizon: int) -> np.ndarray:
    """What each scenario can pay each month, as (months, scenarios) float64."""
    means = np.empty((horizon, len(scenarios)))
    default = None
    seen: dict[int, np.ndarray] = {}
    for s, spec in enumerate(scenarios):
        value = spec.means_fen
        if value is None:
            if default is None:
                default = np.array(monthly_budget(case, horizon=horizon).available_fen[:horizon])
            means[:, s] = default
        elif isinstance(value, int | float | np.number) or getattr(value, "ndim", 1) == 0:
            means[:, s] = int(value)
        else:
            row = seen.get(id(value))
            if row is None:
                row = seen[id(value)] = np.asarray(value, dtype=np.float64)[:horizon]
                if row.size < horizon:
                    raise WorkbenchError(
                        key="engine.vector.means_too_short",
                        scenario=s,
                        months=row.size,
                        horizon=horizon,
                    )
            means[:, s] = row
    return means
