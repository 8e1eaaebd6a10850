"""Payments in the journal: each promise of the borrower's checked against what was paid, and
the payments against the chosen plan's months (all values worked by hand)."""

from __future__ import annotations

from datetime import date

import pytest

from helpers.journal import Entry, JournalError, Promise, plan_against_paid, promise_checks


def _pay(day: str, fen: int, debt: str = "d1") -> Entry:
    return Entry(
        when=f"{day} 12:00",
        debt_id=debt,
        lender="招商银行",
        channel="payment",
        initiator="me",
        paid_fen=fen,
    )


def _promise(day: str, fen: int, due: str, debt: str = "d1") -> Entry:
    return Entry(
        when=f"{day} 09:00",
        debt_id=debt,
        lender="招商银行",
        channel="hotline",
        initiator="me",
        promises=[Promise("me", "还款", fen, due)],
    )


def test_a_promise_is_kept_missed_or_open_by_what_was_paid_in_its_window():
    promise = _promise("2025-04-01", 100_000, "2025-04-10")  # 1,000.00 by 10 April
    entries = [
        promise,
        _pay("2025-03-31", 50_000),  # before the promise was made: does not count
        _pay("2025-04-01", 30_000),  # the day it was made: counts
        _pay("2025-04-10", 40_000),  # its last day: counts -> 700.00 in all
        _pay("2025-04-11", 90_000),  # too late
        _pay("2025-04-05", 90_000, debt="d2"),  # another lender
    ]
    (check,) = promise_checks(entries, date(2025, 4, 9))
    assert (check.paid_fen, check.status.value) == (70_000, "open")  # 300.00 short, 1 day left
    (check,) = promise_checks(entries, date(2025, 4, 11))
    assert (check.paid_fen, check.status.value) == (70_000, "missed")
    entries.append(_pay("2025-04-09", 30_000))  # 700.00 + 300.00 = 1,000.00
    (check,) = promise_checks(entries, date(2025, 4, 11))
    assert (check.paid_fen, check.status.value) == (100_000, "kept")


def test_promises_without_an_amount_or_a_date_or_by_the_lender_are_not_checked():
    e = Entry(
        when="2025-04-01 09:00",
        debt_id="d1",
        lender="招商银行",
        channel="hotline",
        initiator="lender",
        promises=[Promise("lender", "暂停催收", None, "2025-04-10"), Promise("me", "尽快还款")],
    )
    assert promise_checks([e], date(2025, 5, 1)) == ()


def test_payments_fall_in_the_engines_months_and_later_months_are_left_out():
    # as_of 2025-04-10: month 0 is 04-10..05-09, month 1 is 05-10..06-09, month 2 from 06-10
    entries = [_pay("2025-05-09", 60_000), _pay("2025-05-10", 100_000), _pay("2025-04-09", 1)]
    rows = plan_against_paid(
        date(2025, 4, 10),
        ["2025-04", "2025-05", "2025-06"],
        ["d1"],
        [[100_000], [100_000], [100_000]],
        entries,
        date(2025, 6, 1),
    )
    # month 0: 600.00 paid of 1,000.00 (gap 400.00); month 1: 1,000.00 in full; the payment
    # of 0.01 on 9 April is before the plan's first month and counts in none
    assert [(r["month"], r["paid_fen"], r["gap_fen"]) for r in rows] == [
        ("2025-04", 60_000, 40_000),
        ("2025-05", 100_000, 0),
    ]


@pytest.mark.parametrize(
    ("fields", "where"),
    [
        ({"channel": "payment"}, "paid_fen"),  # a payment without its amount
        ({"channel": "payment", "paid_fen": 0}, "paid_fen"),
        ({"channel": "payment", "paid_fen": -500}, "paid_fen"),
        ({"channel": "hotline", "paid_fen": 500}, "paid_fen"),  # an amount on a call
    ],
)
def test_a_payment_needs_a_positive_amount_and_only_a_payment_has_one(fields, where):
    with pytest.raises(JournalError) as info:
        Entry(when="2025-04-01 09:00", debt_id="d1", lender="招商银行", initiator="me", **fields)
    assert [p.where for p in info.value.problems] == [where]
    assert "paid" in info.value.render("en") or "payment" in info.value.render("en")
