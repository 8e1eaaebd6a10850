"""The credit record under a scenario: overdue classes month by month, when the negative record
would disappear, and the one-off relief.

A negative record stays for 5 years from the end of the default (征信业管理条例 art. 16);
private loans are not reported to the credit reference centre (DOMAIN.md).

>>> from helpers.case import load_sample
>>> from helpers.engine import project
>>> case = load_sample("li_na_illness")
>>> outcome = credit_outcome(case, project(case, horizon=60))
>>> outcome.worst.value, outcome.first_month_past_90, outcome.record_clears
('loss', 0, '2032-11')
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from helpers.case import Case, LenderKind
from helpers.engine import ROW_COLUMNS, Projection, period_starts
from helpers.i18n import label, t
from helpers.months import add_months
from helpers.rules import (
    NEGATIVE_RECORD_YEARS,
    OverdueClass,
    ReliefCheck,
    one_off_relief,
    overdue_class,
)

__all__ = ["DebtCredit", "CreditOutcome", "credit_outcome", "class_table", "CLASS_ORDER"]

CLASS_ORDER = tuple(OverdueClass)
_DAYS = ROW_COLUMNS.index("days_overdue")
_UNPAID = ROW_COLUMNS.index("unpaid")


@dataclass(frozen=True)
class DebtCredit:
    """One reported debt's record over the horizon.

    ``default_ends`` is the month at whose end the debt is no longer past due, after having
    been; ``record_clears`` is five years later. Both are None when the debt is never past due,
    and ``still_overdue`` is True when it is past due at the end of the horizon.
    """

    debt_id: str
    months_overdue: int
    worst: OverdueClass
    first_month_past_90: int | None
    still_overdue: bool
    default_ends: str | None
    record_clears: str | None
    relief: ReliefCheck | None


@dataclass(frozen=True)
class CreditOutcome:
    """The whole case's record: per debt, and the summary a comparison shows."""

    debts: tuple[DebtCredit, ...]

    @property
    def worst(self) -> OverdueClass:
        """The worst class any reported debt reaches.

        >>> CreditOutcome(()).worst.value
        'normal'
        """
        return max((d.worst for d in self.debts), key=CLASS_ORDER.index, default=CLASS_ORDER[0])

    @property
    def first_month_past_90(self) -> int | None:
        """The first month ending with a reported debt more than 90 days past due.

        When would Zhang Wei's record turn non-performing if he pays only what his budget
        allows, and when would it clear?

        >>> from helpers.case import load_sample
        >>> from helpers.engine import project
        >>> case = load_sample("zhang_wei_unemployed")
        >>> outcome = credit_outcome(case, project(case, horizon=36))
        >>> outcome.first_month_past_90, outcome.record_clears
        (1, '2032-01')
        """
        months = [d.first_month_past_90 for d in self.debts if d.first_month_past_90 is not None]
        return min(months, default=None)

    @property
    def still_overdue(self) -> bool:
        """Whether some reported debt is still past due at the end of the horizon.

        >>> CreditOutcome(()).still_overdue
        False
        """
        return any(d.still_overdue for d in self.debts)

    @property
    def record_clears(self) -> str | None:
        """The month the last negative record disappears; None while a debt is still past due
        (the five years have not started) or when there is no negative record at all.

        >>> from helpers.case import load_sample
        >>> from helpers.engine import project
        >>> case = load_sample("li_na_illness")
        >>> credit_outcome(case, project(case, horizon=36)).record_clears
        '2032-11'
        >>> CreditOutcome(()).record_clears is None  # no negative record at all
        True
        """
        if self.still_overdue:
            return None
        return max((d.record_clears for d in self.debts if d.record_clears), default=None)

    def describe(self, lang: str) -> str:
        """The record in a sentence.

        >>> CreditOutcome(()).describe("en")
        'no debt reported past due'
        """
        if not any(d.default_ends or d.still_overdue for d in self.debts):
            return t("credit.clean", lang)
        worst = label("rules.overdue_class", self.worst, lang)
        if self.still_overdue:
            return t("credit.still_overdue", lang, worst=worst)
        return t("credit.clears", lang, worst=worst, month=self.record_clears)


def _month_end(starts: list[date], m: int) -> date:
    return date.fromordinal(starts[m + 1].toordinal() - 1)


def credit_outcome(case: Case, result: Projection) -> CreditOutcome:
    """Each reported debt's record under a projection.

    Parameters
    ----------
    case : Case
        The case projected.
    result : Projection
        The scalar projection of a scenario.

    Examples
    --------
    Under the status quo, Zhang Wei's reported debts are past due for almost two years; the
    money from his cousin is not reported:

    >>> from helpers.case import load_sample
    >>> from helpers.engine import project
    >>> case = load_sample()
    >>> outcome = credit_outcome(case, project(case, horizon=60))
    >>> [d.debt_id for d in outcome.debts], outcome.record_clears
    (['d1', 'd2', 'd3', 'd4'], '2032-01')
    """
    months = len(result.months)
    count = len(result.debt_ids)
    starts = period_starts(case.as_of, months)
    out = []
    for k, debt in enumerate(case.debts):
        if not result.reported[k]:
            continue
        rows = [result.rows[m * count + k] for m in range(months)]
        days = [row[_DAYS] for row in rows]
        card = debt.kind == LenderKind.CREDIT_CARD
        worst = max(
            (overdue_class(d, card=card) for d in [debt.days_overdue, *days]),
            key=CLASS_ORDER.index,
        )
        overdue_months = [m for m, d in enumerate(days) if d > 0]
        was_overdue = bool(overdue_months) or debt.days_overdue > 0
        still = days[-1] > 0
        ends = None
        if was_overdue and not still:
            last = max(overdue_months, default=-1)
            ends = result.months[last + 1] if last + 1 < months else None
        clears = add_months(ends, 12 * NEGATIVE_RECORD_YEARS) if ends else None
        relief = None
        if was_overdue:
            arose = date.fromordinal(case.as_of.toordinal() - debt.days_overdue)
            if not debt.days_overdue:
                arose = _month_end(starts, overdue_months[0])
            repaid = _month_end(starts, max(overdue_months, default=-1) + 1) if ends else None
            worst_unpaid = max([row[_UNPAID] for row in rows] + [debt.minimum_unpaid_fen or 0])
            relief = one_off_relief(
                worst_unpaid, arose_on=arose, as_of=case.as_of, repaid_on=repaid
            )
        past_90 = next((m for m, d in enumerate(days) if d > 90), None)
        out.append(
            DebtCredit(debt.id, len(overdue_months), worst, past_90, still, ends, clears, relief)
        )
    return CreditOutcome(tuple(out))


def class_table(case: Case, result: Projection, lang: str) -> pd.DataFrame:
    """Overdue class per reported debt (rows) and month (columns), translated.

    >>> from helpers.case import load_sample
    >>> from helpers.engine import project
    >>> case = load_sample()
    >>> class_table(case, project(case, horizon=3), "en").loc["d1"].tolist()
    ['special mention', 'substandard', 'doubtful']
    """
    count = len(result.debt_ids)
    data = {}
    for k, debt in enumerate(case.debts):
        if not result.reported[k]:
            continue
        card = debt.kind == LenderKind.CREDIT_CARD
        data[debt.id] = [
            label(
                "rules.overdue_class",
                overdue_class(result.rows[m * count + k][_DAYS], card=card),
                lang,
            )
            for m in range(len(result.months))
        ]
    return pd.DataFrame.from_dict(data, orient="index", columns=list(result.months))
