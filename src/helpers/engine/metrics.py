"""What a scenario comes to, in a handful of numbers: the metrics every comparison uses.

Both engine paths produce these: the scalar path from its month table (here), the vectorised
path directly; the two must agree to the fen.

>>> from helpers.case import load_sample
>>> from helpers.engine import project
>>> m = scenario_metrics(project(load_sample(), horizon=60))
>>> m.months_to_clear is None, m.shortfall_months > 0
(True, True)
"""

from __future__ import annotations

from dataclasses import dataclass, fields

from helpers.engine.scalar.project import ROW_COLUMNS, Projection

BUCKETS = ("principal", "interest", "penalty", "charges")

__all__ = [
    "Metrics",
    "scenario_metrics",
    "monthly_gaps_fen",
    "monthly_totals",
    "METRIC_NAMES",
    "PAST_90_DAYS",
]

PAST_90_DAYS = 90  # past 90 days a loan is non-performing (DOMAIN.md, "overdue classes")
_COL = {name: k for k, name in enumerate(ROW_COLUMNS)}
_DAYS = _COL["days_overdue"]
_PAID = [_COL[f"{b}_paid"] for b in ("principal", "interest", "penalty", "charges")]
assert _PAID == [6, 11, 16, 21], "scenario_metrics reads the row columns by position"


@dataclass(frozen=True)
class Metrics:
    """One scenario's outcome over the horizon (amounts in fen).

    Attributes
    ----------
    total_paid_fen : everything paid to lenders.
    principal_paid_fen, interest_paid_fen, penalty_paid_fen, charges_paid_fen : paid per bucket.
    waived_fen : everything lenders forgave (waivers and settlements).
    balance_left_fen : what is still owed at the end of the horizon.
    months_to_clear : months until every debt is cleared; None when some debt is not.
    max_scheduled_due_fen : the largest month's scheduled dues, all debts together.
    shortfall_months : months whose scheduled dues exceed what the budget leaves for debts.
    months_overdue : months ending with some credit-reported debt past due.
    first_month_past_90 : the first month ending with a credit-reported debt more than 90 days
        overdue (None when none is).
    shortfall_fen : what the dues exceed the money for debts by, month by month, added up:
        each unpaid due counted once, in the month it fell due (DESIGN.md, "Shortfall").
    """

    total_paid_fen: int
    principal_paid_fen: int
    interest_paid_fen: int
    penalty_paid_fen: int
    charges_paid_fen: int
    waived_fen: int
    balance_left_fen: int
    months_to_clear: int | None
    max_scheduled_due_fen: int
    shortfall_months: int
    months_overdue: int
    first_month_past_90: int | None
    shortfall_fen: int

    @property
    def cost_fen(self) -> int:
        """Interest, penalty interest and charges paid: the price of the debt.

        >>> Metrics(100, 80, 15, 3, 2, 0, 0, 1, 100, 0, 0, None, 0).cost_fen
        20
        """
        return self.interest_paid_fen + self.penalty_paid_fen + self.charges_paid_fen


METRIC_NAMES = tuple(f.name for f in fields(Metrics))


def scenario_metrics(result: Projection) -> Metrics:
    """The metrics of a scalar projection.

    >>> from helpers.case import load_sample
    >>> from helpers.engine import project
    >>> metrics = scenario_metrics(project(load_sample("li_na_illness"), horizon=60))
    >>> metrics.months_to_clear, metrics.balance_left_fen
    (29, 0)
    """
    rows = result.rows
    debts = len(result.debt_ids)
    months = len(result.months)
    reported = result.reported
    paid = [0, 0, 0, 0]
    waived = 0
    cleared = past_90 = None
    months_overdue = 0
    owed = 0
    for m in range(months):
        owed = 0
        late = past = False
        for k, row in enumerate(rows[m * debts : (m + 1) * debts]):
            # columns: 3 + 5 × bucket + stage (opening, accrued, waived, paid, closing)
            paid[0] += row[6]
            paid[1] += row[11]
            paid[2] += row[16]
            paid[3] += row[21]
            waived += row[5] + row[10] + row[15] + row[20]
            owed += row[7] + row[12] + row[17] + row[22]
            if reported[k] and row[_DAYS]:
                late = True
                past = past or row[_DAYS] > PAST_90_DAYS
        months_overdue += late
        if past and past_90 is None:
            past_90 = m
        if owed == 0 and cleared is None:
            cleared = m + 1
    return Metrics(
        total_paid_fen=sum(paid),
        principal_paid_fen=paid[0],
        interest_paid_fen=paid[1],
        penalty_paid_fen=paid[2],
        charges_paid_fen=paid[3],
        waived_fen=waived,
        balance_left_fen=owed,
        months_to_clear=cleared,
        max_scheduled_due_fen=max(result.dues_fen),
        shortfall_months=len(result.shortfall_months()),
        months_overdue=months_overdue,
        first_month_past_90=past_90,
        shortfall_fen=sum(monthly_gaps_fen(result)),
    )


def monthly_gaps_fen(result: Projection) -> list[int]:
    """What each month's new dues exceed the money for debts by (DESIGN.md, "Shortfall"): each
    unpaid due counts once, in the month it fell due; arrears carried on are not counted again.

    A plan two months short: 3,000.00 over three months at 0%, with 600.00, 600.00, then enough.

    >>> from helpers.case import Case
    >>> from helpers.engine import project
    >>> from helpers.plans import Reinstalment
    >>> case = Case.model_validate({"as_of": "2025-01-01", "debts": [{"id": "d1",
    ...     "lender": "Uncle", "kind": "private", "principal": 3000, "annual_rate": 0}]})
    >>> result = project(case, {"d1": Reinstalment(3)}, horizon=3,
    ...                  means_fen=[60_000, 60_000, 500_000])
    >>> monthly_gaps_fen(result), sum(monthly_gaps_fen(result))
    ([40000, 40000, 0], 80000)
    """
    return [
        max(0, due - max(0, means))
        for due, means in zip(result.new_dues_fen, result.means_fen, strict=True)
    ]


def monthly_totals(result: Projection) -> dict[str, list[int]]:
    """Month-by-month totals over all debts (fen): scheduled dues, money for debts, paid, the
    cost incurred (interest, penalty interest and charges accrued, less what was waived) and
    what is owed at the month's end.

    >>> from helpers.case import load_sample
    >>> from helpers.engine import project
    >>> totals = monthly_totals(project(load_sample(), horizon=3))
    >>> sorted(totals), totals["paid"] == [38000, 38000, 38000]
    (['cost', 'dues', 'means', 'owed', 'paid'], True)
    """
    debts = len(result.debt_ids)
    months = len(result.months)
    cost_cols = [
        (_COL[f"{b}_accrued"], _COL[f"{b}_waived"]) for b in ("interest", "penalty", "charges")
    ]
    closing = [_COL[f"{b}_closing"] for b in BUCKETS]
    cost, owed = [], []
    for m in range(months):
        rows = result.rows[m * debts : (m + 1) * debts]
        cost.append(sum(row[a] - row[w] for row in rows for a, w in cost_cols))
        owed.append(sum(row[c] for row in rows for c in closing))
    return {
        "dues": list(result.dues_fen),
        "means": [max(0, m) for m in result.means_fen],
        "paid": list(result.paid_fen),
        "cost": cost,
        "owed": owed,
    }
