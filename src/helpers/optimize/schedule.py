"""The optimal payment schedule: one linear programme (scipy HiGHS), replayed through the engine.

Run on demand only (never in a slider path or a sweep): a 10-debt, 60-month case builds and
solves in a few tenths of a second, and the result is checked against every allocation policy.

**Total cost**, everywhere in this module: everything paid over the horizon plus everything still
owed at its end (:func:`total_cost_fen`). With the principal fixed this is the opening balance
plus all interest, penalty interest and charges accrued, less what lenders waive.

The programme
-------------
*Columns*, per debt and month (yuan inside the programme; :mod:`helpers.optimize.model`,
:mod:`helpers.optimize.card`, :mod:`helpers.optimize.plans`): what is paid into each bucket
(charges, penalty, interest, principal towards the due, principal beyond it); the balances after
the month (principal, overdue principal, interest, penalty, charges, and what bears penalty
interest; under a plan, the current balance and the plan's arrears); for a card the minimum's
unpaid part, its due stock (the unpaid principal part of earlier minimums plus interest,
penalty and charges), its principal as the engine's payment order leaves it and its cash and
over-limit part; a shortened-instalment column where a prepaid loan's last dues fall below the
level; fixed-fee, settlement and soft-limit columns.

*Rows*, the engine's month (accrue → dues → pay → settle) in linear form:

- accrual at each debt's rate: instalment loans on their current principal at annual / 12, or
  by the day: the days before the month's due day on the opening principal, the days from it
  to the month's end on the principal the payment leaves (that part falls due next month);
  cards on principal + interest by the day, the whole month; plans at the plan's rate on what
  is outstanding less its arrears; card-style fees as a monthly amount;
- scheduled instalments from the contract (the level instalment's principal part as
  ``level − monthly rate × current principal``, the last taking what is left) or the plan;
- the unpaid part of each due: the due less what was paid towards it; penalty interest by the
  day on what bears it (overdue principal, and overdue interest when compounded, or a plan's
  arrears): before the due day on what bore it at the opening; from the due day on what the
  payment leaves, what was overdue before every day and what fell overdue on the due day
  (a loan called due: all of it) from the day after; late charges at their rate on the unpaid
  part; a fixed late fee as ``fee × (1 − paid / a typical due)``;
- a card's minimum: 10% of its principal + cash and over-limit + its due stock, the stock
  carrying ``max(0, due + interest − payment) + 违约金`` (convex in the payment, whichever
  buckets it filled) and never less than the interest and charges unpaid;
- each month's payments come to at most its means.

*Objective*: total cost (everything paid + everything owed at the horizon), plus steering terms
that are never reported as cost: secured dues left unpaid (priced far above any saving, so they
come first as in every policy), soft limits on arrears that keep a loan from being called due
(priced high: the optimiser may not call a debt due that the best policy keeps), a premium that
makes a part payment fill charges and penalty before principal, a tie-break that puts a prepaid
loan's shortened instalments at its end, and steep prices on stepping over an estimated bound.

Where the model is exact and where it approximates
--------------------------------------------------
Exact, rounding aside (the engine rounds each posting half-up to the fen; the model does not):
instalment loans quoted by the year, paid on time or prepaid, re-instalment plans paid on time,
zero-rate private loans, and debts left wholly unpaid where the best policy leaves them unpaid.
There the replay costs what the programme says to within a fen per debt and month, and no
more than the best allocation policy (whose schedule the programme could have chosen).

Approximated (none of these is linear; each errs as stated, and the replay has the last word):

- **payment order** within a part payment (charges, penalty, interest, then principal): what
  bears penalty after a month is taken from the best policy's projection: where it paid
  nothing, or less than the penalty and charges owed when the payment falls due, the arrears
  as they were plus the new due gone overdue; elsewhere the whole unpaid part of the due. A
  schedule that departs from the policy's regime is costed on the dear side; on-demand debts'
  interest and cards' charges are steered by the order premium instead;
- **arrears still unpaid after the due day** (a day more of penalty than what fell overdue on
  it): where the policy's payment did not reach them, all of them; elsewhere a column held at
  or above the unpaid part less the principal that fell due (the cost holds it there): exact
  when the payment covered the month's interest too, or the loan does not compound; a
  compounding loan's payment that stopped short of its interest is costed on the dear side, by
  at most a day's penalty on that interest;
- **card minimum**: the engine caps it at the balance; in the months where the best policy's
  projection shows the cap binding the minimum is the balance, elsewhere the uncapped formula;
  its 10% counts interest and charges not yet paid as principal (dear side);
- **fixed late fees**: charged in proportion to what is paid of a typical due (the whole fee
  when nothing is paid; a month that pays a typical due but leaves arrears escapes it);
- **acceleration** after missed instalments: debts that no schedule saves (alone, paid their
  whole due whenever the means allow, they are still called due), or that the best policy
  lets be called due, switch to "everything due at the penalty rate" from the day after that
  month's due day (a failed plan: all it was owed, penalty and charges too, as principal);
  for the others a soft row keeps arrears within the unpaid dues of the last N − 1 months,
  which keeps the count of missed dues below the trigger;
- **day counts** are exact per calendar month, but daily-quoted instalments' dues vary with the
  month's days and the programme may leave a few fen of them unpaid; a prepaid loan's shortened
  last instalments are bounded (below their chord and by what was prepaid), not computed;
- a **settlement** is taken as paid when its month's means can carry it; holiday interest that
  is not capitalised is treated as capitalised; card-style fees stop only when a debt clears.

After the solve
---------------
The continuous payments are rounded down to whole fen and each month's rounding remainder is
handed out a fen at a time (largest fraction first), never above the month's means; dues the
replay leaves a few fen short are topped up from the month's spare money or other debts'
prepayments. The schedule is replayed with ``project(..., payments_fen=...)``. If the replay
makes a debt fall due in full where the best allocation policy does not, or costs more than
that policy, the policy is returned instead, labelled ``"policy:<name>"`` with the reason.

>>> from helpers.case import load_sample
>>> result = optimal_schedule(load_sample("li_na_illness"), horizon=36, lang="en")
>>> result.method, result.saving_fen > 0
('optimal', True)
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from types import MappingProxyType

from helpers.allocation import Policy
from helpers.budget import DEFAULT_HORIZON, BudgetOverrides, monthly_budget
from helpers.case import Case
from helpers.engine import Metrics, Projection, project, scenario_metrics
from helpers.i18n import LANGUAGES, normalize_language, t
from helpers.money import fen_to_yuan
from helpers.optimize.replay import (
    forced_accelerations,
    paid_matrix,
    repair,
    to_fen,
)
from helpers.optimize.solve import ProgrammeResult, solve_programme
from helpers.plans import Plan

__all__ = ["OptimalSchedule", "optimal_schedule", "total_cost_fen"]

OPTIMAL = "optimal"


def total_cost_fen(metrics: Metrics) -> int:
    """Total cost: everything paid over the horizon plus everything still owed at its end.

    >>> total_cost_fen(Metrics(100, 80, 15, 3, 2, 0, 50, None, 100, 0, 0, None, 0))
    150
    """
    return metrics.total_paid_fen + metrics.balance_left_fen


@dataclass(frozen=True)
class OptimalSchedule:
    """The schedule :func:`optimal_schedule` recommends, and how it was chosen.

    Attributes
    ----------
    method : str
        ``"optimal"`` (the programme's schedule) or ``"policy:<name>"`` (the best allocation
        policy, returned instead; ``reason`` says why).
    reason : str
        ``"optimal"``, ``"acceleration"``, ``"dearer"`` or ``"unsolved"``.
    payments_fen : tuple of tuples of int
        The schedule returned, debt × month, in fen.
    projection : Projection
        Its month table (the replay, or the policy's projection).
    metrics : Metrics
        Its metrics.
    policy : str
        The best allocation policy (least total cost; ties to the first in ``Policy`` order).
    policy_metrics : Metrics
        That policy's metrics.
    policy_costs : mapping of str to int
        Every policy's total cost.
    programme_cost_fen : int or None
        The programme's optimum (the model's total cost of its schedule), None if unsolved.
    optimal_payments_fen, optimal_metrics
        The programme's schedule and its replay's metrics, even when not chosen (None if the
        programme could not be solved).
    accelerated : tuple of (debt id, month index)
        Debts the programme's schedule makes fall due in full, in the replay.
    solve_seconds, total_seconds : float
        HiGHS's time, and the whole call's.
    explanation : mapping of language to str
        Why this schedule, in each language.
    """

    method: str
    reason: str
    payments_fen: tuple[tuple[int, ...], ...]
    projection: Projection
    metrics: Metrics
    policy: str
    policy_metrics: Metrics
    policy_costs: Mapping[str, int]
    programme_cost_fen: int | None
    optimal_payments_fen: tuple[tuple[int, ...], ...] | None
    optimal_metrics: Metrics | None
    accelerated: tuple[tuple[str, int], ...]
    solve_seconds: float
    total_seconds: float
    explanation: Mapping[str, str] = field(repr=False)
    lang: str = "zh-CN"

    @property
    def total_cost_fen(self) -> int:
        """Total cost of the schedule returned.

        >>> from helpers.case import load_sample
        >>> r = optimal_schedule(load_sample("zhang_wei_unemployed"), horizon=24)
        >>> r.total_cost_fen, r.metrics.total_paid_fen + r.metrics.balance_left_fen
        (11814079, 11814079)
        """
        return total_cost_fen(self.metrics)

    @property
    def saving_fen(self) -> int:
        """How much less than the best allocation policy the returned schedule costs.

        >>> from helpers.case import load_sample
        >>> optimal_schedule(load_sample("zhang_wei_unemployed"), horizon=24).saving_fen
        1658545
        """
        return total_cost_fen(self.policy_metrics) - self.total_cost_fen

    def text(self, lang: str | None = None) -> str:
        """The explanation in ``lang`` (default: the language asked for).

        >>> from helpers.case import load_sample
        >>> r = optimal_schedule(load_sample("zhang_wei_unemployed"), horizon=24, lang="en")
        >>> print(r.text())  # doctest: +ELLIPSIS
        The optimal schedule costs 118,140.79 over 24 months ..., 16,585.45 less than ...
        """
        return self.explanation[normalize_language(lang or self.lang)]


def optimal_schedule(
    case: Case,
    plans: Mapping[str, Plan] | None = None,
    *,
    horizon: int = DEFAULT_HORIZON,
    means_fen: Sequence[int] | None = None,
    budget_overrides: BudgetOverrides | None = None,
    lang: str | None = None,
) -> OptimalSchedule:
    """The payment schedule that minimises total cost within each month's means, or the best
    allocation policy when the engine shows the programme's schedule is no better.

    Parameters
    ----------
    case : Case
    plans : mapping of debt id to plan, optional
        Agreements in force (the programme follows them, as the engine does).
    horizon : int
        Months (default 60).
    means_fen : sequence of int, optional
        What the borrower can pay towards all debts each month; by default the budget's.
    budget_overrides : BudgetOverrides, optional
        What-if changes to the budget when ``means_fen`` is not given.
    lang : str, optional
        The language of :meth:`OptimalSchedule.text` (default: the case's).

    Examples
    --------
    Zhang Wei can pay 380 yuan a month until his income recovers in August: which debts should
    get it?

    >>> from helpers.case import load_sample
    >>> result = optimal_schedule(load_sample("zhang_wei_unemployed"), horizon=60, lang="en")
    >>> result.method, result.policy
    ('optimal', 'avalanche')
    >>> [sum(month) for month in zip(*result.payments_fen)][:6]     # 380 a month, then 7,080
    [38000, 38000, 38000, 38000, 708000, 708000]
    """
    started = time.perf_counter()
    plans = dict(plans or {})
    lang = normalize_language(lang or case.language)
    if means_fen is None:
        means_fen = monthly_budget(case, horizon=horizon, overrides=budget_overrides).available_fen
    means = list(means_fen)

    def run(payments: list[list[int]] | None = None, policy: Policy = Policy.PRO_RATA):
        return project(
            case, plans, policy=policy, horizon=horizon, means_fen=means, payments_fen=payments
        )

    projections = {p: run(policy=p) for p in Policy}
    costs = {p.value: total_cost_fen(scenario_metrics(r)) for p, r in projections.items()}
    best = min(Policy, key=lambda p: costs[p.value])
    reference = projections[best]
    avoided = dict(reference.called_due)
    expected = dict(avoided)  # called due anyway: in the best policy, or in every schedule
    for debt_id, month in forced_accelerations(case, plans, means, horizon).items():
        expected[debt_id] = min(month, expected.get(debt_id, month))
    programme = solve_programme(
        case,
        plans,
        means,
        horizon=horizon,
        reference=reference,
        forced=expected,
    )
    facts = _Facts(case, lang, best, costs, horizon, reference)
    if not programme.ok:
        return facts.fallback(
            "unsolved", programme, None, None, (), started, status=programme.message
        )
    payments, replay = repair(
        case, plans, to_fen(programme.payments_fen, means), programme.unpaid_fen, means, run
    )
    metrics = scenario_metrics(replay)
    called = dict(replay.called_due)
    new = sorted((m, d) for d, m in called.items() if d not in avoided)
    accelerated = tuple(sorted(called.items(), key=lambda item: (item[1], item[0])))
    if new:
        month, debt_id = new[0]
        return facts.fallback(
            "acceleration", programme, payments, metrics, accelerated, started,
            debt=_debt_name(case, debt_id), month=replay.months[month],
        )  # fmt: skip
    if total_cost_fen(metrics) > costs[best.value]:
        return facts.fallback(
            "dearer", programme, payments, metrics, accelerated, started,
            cost=_yuan(total_cost_fen(metrics)),
            extra=_yuan(total_cost_fen(metrics) - costs[best.value]),
        )  # fmt: skip
    return facts.chosen(programme, payments, replay, metrics, accelerated, started)


def _yuan(fen: int) -> str:
    return f"{fen_to_yuan(fen):,.2f}"


def _debt_name(case: Case, debt_id: str) -> str:
    return f"{case.debt(debt_id).lender} ({debt_id})"


@dataclass
class _Facts:
    """What both outcomes share, and the two ways of building the result."""

    case: Case
    lang: str
    best: Policy
    costs: dict[str, int]
    horizon: int
    reference: Projection

    def _common(self, programme: ProgrammeResult, payments, metrics, accelerated, started):
        return {
            "policy": self.best.value,
            "policy_metrics": scenario_metrics(self.reference),
            "policy_costs": MappingProxyType(dict(self.costs)),
            "programme_cost_fen": None
            if programme.cost_fen is None
            else round(programme.cost_fen),
            "optimal_payments_fen": None
            if payments is None
            else tuple(tuple(row) for row in payments),
            "optimal_metrics": metrics,
            "accelerated": accelerated,
            "solve_seconds": programme.seconds,
            "total_seconds": time.perf_counter() - started,
            "lang": self.lang,
        }

    def _texts(self, key: str, **params) -> MappingProxyType:
        texts = {}
        for lang in LANGUAGES:
            policy = t(f"optimize.policy.{self.best.value}", lang)
            texts[lang] = t(
                key,
                lang,
                policy=policy,
                policy_cost=_yuan(self.costs[self.best.value]),
                **params,
            )
        return MappingProxyType(texts)

    def chosen(self, programme, payments, replay, metrics, accelerated, started):
        cost = total_cost_fen(metrics)
        return OptimalSchedule(
            method=OPTIMAL,
            reason=OPTIMAL,
            payments_fen=tuple(tuple(row) for row in payments),
            projection=replay,
            metrics=metrics,
            explanation=self._texts(
                "optimize.explain_optimal",
                cost=_yuan(cost),
                months=self.horizon,
                saving=_yuan(self.costs[self.best.value] - cost),
            ),
            **self._common(programme, payments, metrics, accelerated, started),
        )

    def fallback(self, reason, programme, payments, metrics, accelerated, started, **params):
        key = {
            "unsolved": "optimize.explain_unsolved",
            "acceleration": "optimize.explain_acceleration",
            "dearer": "optimize.explain_dearer",
        }[reason]
        return OptimalSchedule(
            method=f"policy:{self.best.value}",
            reason=reason,
            payments_fen=tuple(tuple(row) for row in paid_matrix(self.reference)),
            projection=self.reference,
            metrics=scenario_metrics(self.reference),
            explanation=self._texts(key, **params),
            **self._common(programme, payments, metrics, accelerated, started),
        )
