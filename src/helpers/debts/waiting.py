"""Where each debt stands now, and what waiting costs: the price of paying nothing for N months.

**The cost of waiting** (DOMAIN.md, step 1, "Act before the due date") is what the engine
(:func:`helpers.engine.project`) posts to each debt when nothing at all is paid: every debt under
:class:`helpers.plans.StatusQuo` ``("nothing")`` with no means in any month. For N months of
waiting (months 0 … N−1 from the case's as-of date) it is, per debt:

* the **interest**, **penalty interest** (with compound interest, which the engine posts as
  penalty) and **charges** (违约金, fixed overdue fees) accrued in those months: exactly the sums
  of the engine's ``interest_accrued``, ``penalty_accrued`` and ``charges_accrued``; their total
  is what the debt grows by (``owed_after = owed_now + added``, since nothing is paid or waived);
* the **waiting rate**, what waiting really costs a year: (owed after N months − owed now) /
  owed now × 12 / N (DOMAIN.md, "Which legal line"), held against the debt's legal line
  (:func:`helpers.rules.legal_line`): a card whose minimum has become the whole balance adds 5%
  违约金 on everything each month and crosses the 24% line long before its contract rate does;
* the **days overdue** at the end of month N−1 and the **overdue class** that reaches
  (:func:`helpers.rules.overdue_class`: cards and other loans have different thresholds); debts
  a lender does not report to the credit reference centre (private loans) have no class.

Contract interest would partly accrue even if the debt were paid on time: the figures are what
the balance grows by while nothing is paid, not a comparison with some other plan (notebook 03
compares plans). **Secured debts** (mortgage, car loan) are left out by default: the budget pays
them first, before any unsecured lender (``include_secured=True`` keeps them).

One projection over :data:`WAITING_HORIZON` months serves every N up to it (the engine runs month
by month, so N months of waiting are the first N months of a longer projection): an app's slider
only slices it.

For notebook 00 and others, :func:`waiting_summary` gives the whole case in one sentence
("3 more months of waiting would add …"). Where each debt stands today is
:mod:`helpers.debts.standing`.

>>> from helpers.case import load_sample
>>> print(waiting_summary(load_sample(), months=3).render("en"))
3 more months without paying would add CN¥6,608.76 to 5 debts: interest CN¥3,020.18, \
penalty interest CN¥1,262.30, charges CN¥2,326.28. d1, d3 would pass 90 days overdue \
(non-performing in the credit report). Waiting would cost more a year than the legal line on \
d1 (43.67% > 24.00%), d2 (31.81% > 24.00%), d3 (31.97% > 24.00%); a court may reduce such \
charges, and it is a point to raise with the lender. The worst overdue class reached would be \
doubtful.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from helpers.case import Case, Debt
from helpers.debts.standing import reported_class
from helpers.debts.waiting_summary import WaitingSummary
from helpers.engine import ROW_COLUMNS, Projection, project
from helpers.i18n import label, t
from helpers.money import fen_to_yuan
from helpers.months import add_months, month_label
from helpers.plans import StatusQuo
from helpers.rates import format_rate
from helpers.rules import (
    NEGATIVE_RECORD_YEARS,
    OverdueClass,
    legal_line,
)

__all__ = [
    "waiting_rate_text",
    "WAITING_HORIZON",
    "WAITING_COLUMNS",
    "PAST_DUE_DAYS",
    "DebtWaiting",
    "CostOfWaiting",
    "cost_of_waiting",
    "waiting_summary",
]

WAITING_HORIZON = 24
# Past 90 days a debt is non-performing, whichever kind it is (DOMAIN.md, "overdue classes").
PAST_DUE_DAYS = 90
# Columns of CostOfWaiting.table (amounts in fen), shared by the debts app, its chart and tests.
WAITING_COLUMNS = (
    "debt_id",
    "lender",
    "owed_now",
    "interest",
    "penalty",
    "charges",
    "added",
    "owed_after",
    "waiting_rate",
    "line_rate",
    "days_overdue_now",
    "days_overdue",
    "class_now",
    "class_after",
)
_COL = {name: k for k, name in enumerate(ROW_COLUMNS)}


@dataclass(frozen=True)
class DebtWaiting:
    """One debt while nothing is paid, month by month (amounts in fen).

    ``interest_fen[m]`` … ``charges_fen[m]`` are posted in month *m*; ``days_overdue[m]`` is the
    count at the end of month *m*; ``classes[m]`` its overdue class then (None throughout for a
    debt not reported to the credit reference centre).
    """

    debt_id: str
    lender: str
    reported: bool
    owed_now_fen: int
    days_overdue_now: int
    class_now: OverdueClass | None
    interest_fen: tuple[int, ...]
    penalty_fen: tuple[int, ...]
    charges_fen: tuple[int, ...]
    owed_fen: tuple[int, ...]
    days_overdue: tuple[int, ...]
    classes: tuple[OverdueClass | None, ...]
    line_rate: float

    def waiting_rate(self, months: int) -> float | None:
        """What ``months`` months of waiting cost, as a simple annual rate on what is owed now:
        (owed then − owed now) / owed now × 12 / months; None when nothing is owed.

        Zhang Wei's 招商银行 card, a year unpaid: does it stay under the 24% line?

        >>> from helpers.case import load_sample
        >>> card = cost_of_waiting(load_sample()).debt("d1")
        >>> f"{card.waiting_rate(12):.2%}", card.line_rate, card.over_line(12)
        ('88.67%', 0.24, True)
        """
        if not self.owed_now_fen:
            return None
        grown = self.owed_fen[months - 1] - self.owed_now_fen
        return grown / self.owed_now_fen * 12 / months

    def over_line(self, months: int) -> bool:
        """Whether waiting ``months`` months costs more a year than the debt's legal line.

        >>> from helpers.case import load_sample
        >>> cost_of_waiting(load_sample()).debt("d5").over_line(12)   # a cousin, no interest
        False
        """
        rate = self.waiting_rate(months)
        return rate is not None and rate > self.line_rate

    def added_fen(self, months: int) -> int:
        """Interest, penalty interest and charges added over the first ``months`` months.

        >>> from helpers.case import load_sample
        >>> card = cost_of_waiting(load_sample()).debt("d1")
        >>> card.added_fen(1), card.interest_fen[0] + card.charges_fen[0]
        (71975, 71975)
        """
        return sum(
            self.interest_fen[:months] + self.penalty_fen[:months] + self.charges_fen[:months]
        )


_ORDER = tuple(OverdueClass)


@dataclass(frozen=True)
class CostOfWaiting:
    """Every debt of a case while nothing is paid, over ``len(months)`` months.

    Attributes
    ----------
    months : tuple of str
        The month labels of the projection (month 0 is the as-of month).
    debts : tuple of DebtWaiting
        The debts projected, in the case's order.
    left_out : tuple of str
        Ids of secured debts left out.
    projection : Projection
        The engine's projection the figures come from.
    """

    months: tuple[str, ...]
    debts: tuple[DebtWaiting, ...]
    left_out: tuple[str, ...]
    projection: Projection

    def debt(self, debt_id: str) -> DebtWaiting:
        """One debt's figures.

        >>> from helpers.case import load_sample
        >>> cost_of_waiting(load_sample()).debt("d3").lender
        '招联消费金融'
        """
        return next(d for d in self.debts if d.debt_id == debt_id)

    def _check(self, months: int) -> None:
        if not 1 <= months <= len(self.months):
            raise ValueError(f"months must be from 1 to {len(self.months)}, not {months!r}")

    def table(self, months: int) -> pd.DataFrame:
        """Per debt, what ``months`` months of waiting add and where it leaves the debt, in
        :data:`WAITING_COLUMNS` (amounts in fen; classes as values, None when not reported).

        >>> from helpers.case import load_sample
        >>> table = cost_of_waiting(load_sample()).table(3)
        >>> first = table.iloc[0]
        >>> first.debt_id, int(first.added), int(first.days_overdue), first.class_after
        ('d1', 314301, 132, 'doubtful')
        >>> bool((table.owed_after == table.owed_now + table.added).all())
        True
        """
        self._check(months)
        end = months - 1
        rows = []
        for d in self.debts:
            interest = sum(d.interest_fen[:months])
            penalty = sum(d.penalty_fen[:months])
            charges = sum(d.charges_fen[:months])
            after = d.classes[end]
            rows.append(
                (
                    d.debt_id,
                    d.lender,
                    d.owed_now_fen,
                    interest,
                    penalty,
                    charges,
                    interest + penalty + charges,
                    d.owed_fen[end],
                    d.waiting_rate(months),
                    d.line_rate,
                    d.days_overdue_now,
                    d.days_overdue[end],
                    d.class_now.value if d.class_now else None,
                    after.value if after else None,
                )
            )
        table = pd.DataFrame(rows, columns=list(WAITING_COLUMNS))
        for name in ("class_now", "class_after"):  # keep None (not reported) as None
            table[name] = pd.Series(
                [row[WAITING_COLUMNS.index(name)] for row in rows], dtype=object
            )
        return table

    def frame(self, months: int, lang: str) -> pd.DataFrame:
        """:meth:`table` for people: yuan, classes named, translated headers.

        >>> from helpers.case import load_sample
        >>> frame = cost_of_waiting(load_sample()).frame(3, "en")
        >>> list(frame.columns[:4]), frame.iloc[4, -1]
        (['id', 'lender', 'owed now', 'interest'], 'not reported')
        """
        table = self.table(months)
        for name in ("owed_now", "interest", "penalty", "charges", "added", "owed_after"):
            table[name] = [float(fen_to_yuan(v)) for v in table[name]]
        for name in ("class_now", "class_after"):
            table[name] = [
                label("rules.overdue_class", v, lang)
                if v
                else t("debts.waiting.not_reported", lang)
                for v in table[name]
            ]
        table["waiting_rate"] = [
            waiting_rate_text(rate, line, lang)
            for rate, line in zip(table.waiting_rate, table.line_rate, strict=True)
        ]
        table["line_rate"] = [format_rate(line) for line in table.line_rate]
        return table.rename(
            columns={c: t(f"debts.waiting.col_{c}", lang, months=months) for c in WAITING_COLUMNS}
        )

    def summary(self, months: int) -> WaitingSummary:
        """The whole case after ``months`` months of waiting.

        >>> from helpers.case import load_sample
        >>> summary = cost_of_waiting(load_sample()).summary(3)
        >>> summary.added_fen, summary.past_due, summary.worst.value
        (660876, ('d1', 'd3'), 'doubtful')
        """
        self._check(months)
        end = months - 1
        reported = [d for d in self.debts if d.reported]
        overdue = [d for d in reported if any(d.days_overdue[:months])]
        default_ends = add_months(self.months[0], months) if overdue else None
        return WaitingSummary(
            months=months,
            debts=len(self.debts),
            interest_fen=sum(sum(d.interest_fen[:months]) for d in self.debts),
            penalty_fen=sum(sum(d.penalty_fen[:months]) for d in self.debts),
            charges_fen=sum(sum(d.charges_fen[:months]) for d in self.debts),
            past_due=tuple(
                d.debt_id
                for d in reported
                if d.days_overdue[end] > PAST_DUE_DAYS >= d.days_overdue_now
            ),
            worst=max(
                (d.classes[end] for d in reported),
                key=_ORDER.index,
                default=OverdueClass.NORMAL,
            ),
            default_ends=default_ends,
            record_clears=(
                add_months(default_ends, 12 * NEGATIVE_RECORD_YEARS) if default_ends else None
            ),
            over_line=tuple(
                (d.debt_id, d.waiting_rate(months), d.line_rate)
                for d in self.debts
                if d.over_line(months)
            ),
        )


def cost_of_waiting(
    case: Case, *, horizon: int = WAITING_HORIZON, include_secured: bool = False
) -> CostOfWaiting:
    """Project every debt while nothing is paid, for ``horizon`` months.

    Parameters
    ----------
    case : Case
        The borrower's case.
    horizon : int
        Months projected (24 by default); any number of months of waiting up to it can then be
        read off without projecting again.
    include_secured : bool
        Whether to keep secured debts (mortgage, car), which the budget pays first.

    Returns
    -------
    CostOfWaiting

    Examples
    --------
    Zhang Wei pays nothing for three months: his 招商银行 card (0.05% a day, 违约金 5% of the
    unpaid minimum) grows by 3,143.01 and ends 132 days overdue, "doubtful" for a card:

    >>> from helpers.case import load_sample
    >>> cost = cost_of_waiting(load_sample())
    >>> card = cost.debt("d1")
    >>> card.added_fen(3), card.days_overdue[2], card.classes[2].value
    (314301, 132, 'doubtful')

    Chen Jian's mortgage and car loan are left out (the budget pays them first):

    >>> cost_of_waiting(load_sample("chen_jian_business_loss"), horizon=3).left_out
    ('d1', 'd2')
    """
    kept = tuple(d for d in case.debts if include_secured or not d.terms.secured)
    left_out = tuple(d.id for d in case.debts if d not in kept)
    months = tuple(add_months(month_label(case.as_of), m) for m in range(horizon))
    if not kept:
        zeros = (0,) * horizon
        empty = Projection(months, (), (), (), zeros, zeros, zeros, (), new_dues_fen=zeros)
        return CostOfWaiting(months, (), left_out, empty)
    projected = case.model_copy(update={"debts": kept}) if left_out else case
    result = project(
        projected,
        {d.id: StatusQuo("nothing") for d in kept},
        horizon=horizon,
        means_fen=[0] * horizon,
    )
    debts = tuple(_debt_waiting(result, k, d, case.as_of) for k, d in enumerate(kept))
    return CostOfWaiting(months, debts, left_out, result)


def waiting_rate_text(rate: float | None, line: float, lang: str) -> str:
    """A waiting rate as a table shows it, flagged when it is over the debt's legal line, or
    the reason there is none.

    >>> waiting_rate_text(0.8867, 0.24, "en"), waiting_rate_text(0.12, 0.24, "zh-CN")
    ('88.67% (over the line)', '12.00%')
    """
    if rate is None or rate != rate:  # nothing owed (NaN once in a frame)
        return t("debts.waiting.no_rate", lang)
    if rate > line:
        return t("debts.waiting.rate_over_line", lang, rate=format_rate(rate))
    return format_rate(rate)


def _debt_waiting(result: Projection, k: int, debt: Debt, as_of) -> DebtWaiting:
    count = len(result.debt_ids)
    rows = [result.rows[m * count + k] for m in range(len(result.months))]

    def column(name: str) -> tuple[int, ...]:
        return tuple(row[_COL[name]] for row in rows)

    closing = [f"{b}_closing" for b in ("principal", "interest", "penalty", "charges")]
    opening = [f"{b}_opening" for b in ("principal", "interest", "penalty", "charges")]
    days = column("days_overdue")
    return DebtWaiting(
        debt_id=debt.id,
        lender=debt.lender,
        reported=debt.terms.credit_reported,
        owed_now_fen=sum(rows[0][_COL[name]] for name in opening),
        days_overdue_now=debt.days_overdue,
        class_now=reported_class(debt, debt.days_overdue),
        interest_fen=column("interest_accrued"),
        penalty_fen=column("penalty_accrued"),
        charges_fen=column("charges_accrued"),
        owed_fen=tuple(sum(row[_COL[name]] for name in closing) for row in rows),
        days_overdue=days,
        classes=tuple(reported_class(debt, d) for d in days),
        line_rate=legal_line(debt, as_of=as_of).annual_rate,
    )


def waiting_summary(
    case: Case, months: int = 3, *, include_secured: bool = False
) -> WaitingSummary:
    """What ``months`` more months of paying nothing would do to the whole case: for notebook
    00's overview ("3 more months of waiting would cost …") and anywhere one sentence will do.

    Parameters
    ----------
    case : Case
    months : int
        Months of waiting, 1 to 600 (3 by default).
    include_secured : bool
        Whether to count secured debts (left out by default: the budget pays them first).

    Returns
    -------
    WaitingSummary
        The amounts added (interest, penalty interest, charges), the reported debts that would
        pass 90 days overdue, the worst overdue class reached, and when the negative record would
        disappear at the earliest; ``render(lang)`` and ``record_text(lang)`` put it in words.

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> summary = waiting_summary(load_sample("wang_fang_income_drop"), months=3)
    >>> summary.debts, summary.added_fen > 0
    (4, True)
    >>> print(summary.render("en"))  # doctest: +ELLIPSIS
    3 more months without paying would add CN¥... to 4 debts: interest CN¥..., penalty ...
    """
    return cost_of_waiting(case, horizon=months, include_secured=include_secured).summary(months)
