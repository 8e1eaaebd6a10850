"""Payments against promises and against the plan: was the promised payment made, and how do the
payments the borrower recorded compare with the chosen plan's dues, month by month?

A payment is a journal entry of channel ``payment`` with ``paid_fen``. A promise of the
borrower's with an amount and a date is **kept** when the payments to that debt from the day
the promise was made to its date add up to the amount, **missed** when its date has passed
without, and **open** before its date. (One payment may count towards two promises to the same
lender that overlap in time: the journal cannot tell which one it was meant for.)

Did Zhang Wei keep his promise to 招联 to pay 500.00 by 5 April?

>>> from datetime import date
>>> promised = Entry(when="2025-04-01 09:00", debt_id="d3", lender="招联消费金融", channel="chat",
...                  initiator="me", promises=[Promise("me", "还 500 元", 50_000, "2025-04-05")])
>>> paid = Entry(when="2025-04-04 20:00", debt_id="d3", lender="招联消费金融", channel="payment",
...              initiator="me", paid_fen=50_000)
>>> [(c.status.value, c.paid_fen) for c in promise_checks([promised, paid], date(2025, 4, 6))]
[('kept', 50000)]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from helpers.journal.entry import ContactChannel, Entry, Party, Promise
from helpers.months import add_months_to_date

__all__ = ["PromiseCheck", "PromiseStatus", "plan_against_paid", "promise_checks"]


class PromiseStatus(StrEnum):
    KEPT = "kept"
    MISSED = "missed"
    OPEN = "open"


@dataclass(frozen=True)
class PromiseCheck:
    """A payment the borrower promised, and what was paid towards it by its date."""

    debt_id: str
    lender: str
    promise: Promise
    made_on: date
    paid_fen: int
    status: PromiseStatus


def _payments(entries: Iterable[Entry]) -> list[Entry]:
    return [e for e in entries if e.channel == ContactChannel.PAYMENT and e.paid_fen]


def promise_checks(entries: Iterable[Entry], today: date) -> tuple[PromiseCheck, ...]:
    """Each promise of the borrower's to pay an amount by a date, checked against the payments
    recorded (see the module), soonest first.

    A promise of 1,000.00 by 10 April, with 600.00 paid on 8 April, looked at on 11 April:

    >>> e = Entry(when="2025-04-01 09:00", debt_id="d1", lender="招商银行", channel="hotline",
    ...           initiator="me", promises=[Promise("me", "还 1000 元", 100_000, "2025-04-10")])
    >>> p = Entry(when="2025-04-08 12:00", debt_id="d1", lender="招商银行", channel="payment",
    ...           initiator="me", paid_fen=60_000)
    >>> check = promise_checks([e, p], date(2025, 4, 11))[0]
    >>> check.status.value, check.paid_fen
    ('missed', 60000)
    """
    entries = tuple(entries)
    payments = _payments(entries)
    checks = []
    for entry in entries:
        for promise in entry.promises:
            if promise.by != Party.ME or promise.amount_fen is None or promise.due is None:
                continue
            made_on = entry.when.date()
            paid = sum(
                p.paid_fen
                for p in payments
                if p.debt_id == entry.debt_id and made_on <= p.when.date() <= promise.due
            )
            if paid >= promise.amount_fen:
                status = PromiseStatus.KEPT
            elif today > promise.due:
                status = PromiseStatus.MISSED
            else:
                status = PromiseStatus.OPEN
            checks.append(
                PromiseCheck(entry.debt_id, entry.lender, promise, made_on, paid, status)
            )
    return tuple(sorted(checks, key=lambda c: (c.promise.due, c.debt_id)))


def plan_against_paid(
    as_of: date,
    months: Sequence[str],
    debt_ids: Sequence[str],
    dues_fen: Sequence[Sequence[int]],
    entries: Iterable[Entry],
    today: date,
) -> list[dict]:
    """Month by month up to ``today``, for each debt: the plan's due (``dues_fen[m][k]`` for
    month ``m`` and debt ``debt_ids[k]``), what was paid in that month, and the gap (due − paid,
    0 when paid in full or more). Month ``m`` runs from ``as_of`` + m months to the day before
    ``as_of`` + m + 1 months, as the engine's months do (DESIGN.md, "Time"), and is labelled
    ``months[m]``; months that start after ``today`` are left out: nothing is owed yet.

    The plan asks 1,000.00 a month from 10 April; 800.00 was paid on 5 May (in the month that
    began on 10 April):

    >>> payments = [Entry(when="2025-05-05 12:00", debt_id="d1", lender="招商银行",
    ...                   channel="payment", initiator="me", paid_fen=80_000)]
    >>> rows = plan_against_paid(date(2025, 4, 10), ["2025-04", "2025-05"], ["d1"],
    ...                          [[100_000], [100_000]], payments, date(2025, 5, 8))
    >>> [(r["month"], r["due_fen"], r["paid_fen"], r["gap_fen"]) for r in rows]
    [('2025-04', 100000, 80000, 20000)]
    """
    starts = [add_months_to_date(as_of, m) for m in range(len(months) + 1)]
    paid: dict[tuple[str, int], int] = defaultdict(int)
    for payment in _payments(entries):
        day = payment.when.date()
        for m in range(len(months)):
            if starts[m] <= day < starts[m + 1]:
                paid[(payment.debt_id, m)] += payment.paid_fen
                break
    rows = []
    for m, month in enumerate(months):
        if starts[m] > today:
            break
        for k, debt_id in enumerate(debt_ids):
            due, got = dues_fen[m][k], paid.get((debt_id, m), 0)
            if due or got:
                gap = max(0, due - got)
                rows.append(
                    {
                        "month": month,
                        "debt_id": debt_id,
                        "due_fen": due,
                        "paid_fen": got,
                        "gap_fen": gap,
                    }
                )
    return rows
