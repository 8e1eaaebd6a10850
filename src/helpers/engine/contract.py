"""A debt's contract start: what its contract says and where it stands on the case's date.

Written once and read by every path that projects a debt: the scalar engine (one scenario in
plain integers), the vectorised engine (many scenarios in arrays) and the optimiser's model.
The start depends on the debt and the date alone, so it is worked out once per pair and cached;
it is frozen, and each path copies what it changes.

What the start fixes (DOMAIN.md, "Common terms of products"; DESIGN.md, "Conventions"):

- the posting rates as exact fractions: daily, monthly (annual / 12 for instalment loans), the
  penalty rate by the day, the late charge; the day basis by kind unless the debt gives one;
- the **shape** of the contract: a revolving card, an instalment loan, a matured loan (past its
  last instalment, or called due), or money owed on demand;
- the **arrears** already past due on the as-of date, split by the due date each fell due on
  (missed instalments for a loan, the unpaid minimum for a card), and the level instalment of
  what is not yet due; a loan whose missed instalments reach its acceleration trigger starts
  called due.

>>> from helpers.case import load_sample
>>> start = contract_start(load_sample().debt("d3"), load_sample().as_of)
>>> start.shape.name, start.term_left, start.overdue_principal, len(start.arrears)
('INSTALMENT', 17, 101725, 1)
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import IntEnum
from fractions import Fraction
from functools import lru_cache

from helpers.case import Bucket, Debt, LenderKind
from helpers.money import div_round_half_up
from helpers.months import add_months_to_date
from helpers.rates import exact_rate, interest_fen, level_payment_fen, level_schedule
from helpers.rules import legal_line

__all__ = [
    "BUCKETS",
    "BUCKET_INDEX",
    "Shape",
    "Mode",
    "ContractStart",
    "contract_start",
    "ranking_rate",
    "day_basis",
    "agreement_monthly",
]

BUCKETS = (Bucket.PRINCIPAL, Bucket.INTEREST, Bucket.PENALTY, Bucket.CHARGES)
BUCKET_INDEX = {bucket: k for k, bucket in enumerate(BUCKETS)}


class Shape(IntEnum):
    """The shape of a contract: how its dues fall."""

    REVOLVING = 0  # a card: a minimum each statement
    INSTALMENT = 1  # a loan with instalments still to fall due
    MATURED = 2  # past its last instalment, or called due: everything is due
    ON_DEMAND = 3  # no schedule and nothing overdue (money from relatives, say)


class Mode(IntEnum):
    """What governs a debt in a month of a projection."""

    CONTRACT = 0  # its own contract
    AMORTISE = 1  # an agreement's instalments
    HOLIDAY = 2  # an agreed pause
    WAIT = 3  # waiting for a settlement's lump sum
    CLOSED = 4  # cleared


def ranking_rate(debt: Debt) -> float:
    """The annual-equivalent contract rate that allocation policies rank debts by.

    A key, not a posting rate: a daily rate is scaled by the day basis, and a monthly fee on the
    original principal costs about twice its simple annual figure (the usual n-ratio
    approximation 24 f n / (n + 1)).

    Examples
    --------
    Which costs more a year: a card at 0.05% a day, or a loan at a 0.6% monthly fee over 24
    months?

    >>> from helpers.case import load_sample
    >>> case = load_sample("li_na_illness")
    >>> round(ranking_rate(case.debt("d1")), 4), round(ranking_rate(case.debt("d4")), 4)
    (0.1825, 0.1329)
    """
    quote, rate = debt.rate_quote
    if quote == "daily":
        return rate * day_basis(debt)
    if quote == "monthly_fee":
        n = debt.original_term_months or 12
        return 24 * rate * n / (n + 1)
    return rate


@dataclass(frozen=True, slots=True)
class ContractStart:
    """One debt on the as-of date, and the terms it runs on (amounts in fen, rates exact).

    ``arrears`` holds ``(due date's ordinal, amount)`` oldest first; ``balances`` the principal,
    interest, penalty and charges owed.
    """

    id: str
    card: bool
    secured: bool
    reported: bool
    order: tuple[int, ...]
    quote: str
    daily: Fraction
    monthly: Fraction
    basis: int
    penalty_multiplier: Fraction
    penalty_daily: Fraction
    compound: bool
    late: Fraction
    late_fixed: int
    accelerate_after: int
    limit: int | None
    cash: int
    min_rate: Fraction
    given_minimum: int | None
    rank_rate: float
    balances: tuple[int, int, int, int]
    shape: Shape
    term_left: int
    fee: int
    per_principal: int
    level: int
    overdue_principal: int
    overdue_interest: int
    arrears: tuple[tuple[int, int], ...]
    agreement_monthly: Fraction

    @property
    def owed(self) -> int:
        """Everything owed at the start, in fen.

        >>> from helpers.case import load_sample
        >>> contract_start(load_sample().debt("d1"), load_sample().as_of).owed
        2879000
        """
        return sum(self.balances)


def _rates(quote: str, rate: Fraction, basis: int) -> tuple[Fraction, Fraction]:
    """The daily and monthly rates of a quote."""
    if quote == "annual":
        return rate / basis, rate / 12
    if quote == "daily":
        return rate, rate * basis / 12
    return rate * 12 / basis, rate


def day_basis(debt: Debt) -> int:
    """The days in a year the debt's daily rates are reckoned on: the debt's own, else its
    kind's default (cards 365, loans 360; DOMAIN.md, "Common terms of products").

    >>> from helpers.case import load_sample
    >>> case = load_sample()
    >>> day_basis(case.debt("d1")), day_basis(case.debt("d3"))
    (365, 360)
    """
    return debt.terms.day_basis


def _shape(debt: Debt) -> Shape:
    term = debt.remaining_term_months
    if debt.kind == LenderKind.CREDIT_CARD and term is None:
        return Shape.REVOLVING
    if term is None:
        return Shape.MATURED if debt.days_overdue else Shape.ON_DEMAND
    return Shape.INSTALMENT if term >= 1 else Shape.MATURED


@lru_cache(maxsize=4096)
def contract_start(debt: Debt, as_of: date) -> ContractStart:
    """Where a debt stands on ``as_of`` under its own contract, ready to be projected.

    Parameters
    ----------
    debt : Debt
    as_of : date
        The case's date: month 0 of every projection starts here.

    Returns
    -------
    ContractStart
        Frozen and cached per (debt, date): the same object for every scenario.

    Examples
    --------
    An online loan 29 days behind: what is already overdue, and what is each instalment of
    the rest?

    >>> from helpers.case import load_sample
    >>> case = load_sample("li_na_illness")
    >>> start = contract_start(case.debt("d2"), case.as_of)
    >>> start.shape.name, start.level, [amount for _, amount in start.arrears]
    ('INSTALMENT', 101923, [97123])
    """
    terms = debt.terms
    quote, value = debt.rate_quote
    basis = day_basis(debt)
    daily, monthly = _rates(quote, exact_rate(value), basis)
    multiplier = exact_rate(terms.penalty_rate_multiplier)
    late, late_fixed = exact_rate(terms.late_charge_rate), terms.late_charge_fixed_fen
    compound, accelerate_after = terms.compound_overdue_interest, terms.acceleration_after_missed
    balances = (debt.principal_fen, debt.interest_fen, debt.penalty_interest_fen, debt.charges_fen)
    shape = _shape(debt)
    term_left = debt.remaining_term_months or 0
    if debt.billing == "monthly":  # DOMAIN.md, "Platforms with a monthly bill"
        quote = "bill"  # no interest until the due day; after it, the daily rate as penalty
        multiplier = exact_rate(debt.penalty_rate_multiplier or 1)
        compound = bool(debt.compound_overdue_interest)
        late = exact_rate(debt.late_charge_rate or 0)
        late_fixed, accelerate_after = debt.late_charge_fixed_fen or 0, 0
        if shape == Shape.ON_DEMAND:
            shape, term_left = Shape.INSTALMENT, 1  # the bill falls due on the next due day
    fee = per_principal = 0
    if quote == "monthly_fee":
        original = debt.original_principal_fen or debt.principal_fen
        fee = interest_fen(original, monthly)
        per_principal = div_round_half_up(original, debt.original_term_months or 1)
        if debt.instalment_fen is not None:  # the lender's own figure
            per_principal = max(0, debt.instalment_fen - fee)
    min_rate = exact_rate(terms.minimum_payment_rate or 0)
    overdue_principal, overdue_interest, arrears = _arrears(
        debt, as_of, shape, balances, monthly, term_left, per_principal, min_rate
    )
    level = 0
    if shape == Shape.INSTALMENT and quote not in ("monthly_fee", "bill"):
        level = debt.instalment_fen
        if level is None:
            level = level_payment_fen(balances[0] - overdue_principal, monthly, term_left)
    if accelerate_after and shape == Shape.INSTALMENT and len(arrears) >= accelerate_after:
        shape, term_left = Shape.MATURED, 0
        overdue_principal, overdue_interest = balances[0], balances[1]
    return ContractStart(
        id=debt.id,
        card=debt.kind == LenderKind.CREDIT_CARD,
        secured=terms.secured,
        reported=terms.credit_reported,
        order=tuple(BUCKET_INDEX[b] for b in terms.payment_order),
        quote=quote,
        daily=daily,
        monthly=monthly,
        basis=basis,
        penalty_multiplier=multiplier,
        penalty_daily=daily * multiplier,
        compound=compound,
        late=late,
        late_fixed=late_fixed,
        accelerate_after=accelerate_after,
        limit=debt.credit_limit_fen,
        cash=debt.cash_advance_fen or 0,
        min_rate=min_rate,
        given_minimum=debt.minimum_due_fen,
        rank_rate=ranking_rate(debt),
        balances=balances,
        shape=shape,
        term_left=term_left,
        fee=fee,
        per_principal=per_principal,
        level=level,
        overdue_principal=overdue_principal,
        overdue_interest=overdue_interest,
        arrears=arrears,
        agreement_monthly=agreement_monthly(debt, as_of, quote, monthly),
    )


def agreement_monthly(debt: Debt, as_of: date, quote: str, monthly: Fraction) -> Fraction:
    """The monthly rate an agreement carries on at when it keeps the contract's rate: the
    contract's, except that a private loan is never re-instaled above the legal line its audit
    applies (4 × LPR at the contract date; for contracts before 2020-08-20, 4 × LPR at the
    as-of date: SPC private lending provisions (2020) arts. 25, 31), since a court would not
    enforce more (DOMAIN.md, "Which legal line").

    Zhao Min's 30% loan from a relative, made in 2019: what may a plan ask for it?

    >>> from helpers.case import load_sample
    >>> case = load_sample("zhao_min_family_rural")
    >>> uncle = case.debt("d3")
    >>> uncle.annual_rate, agreement_monthly(uncle, case.as_of, "annual", Fraction(30, 1200)) * 12
    (0.3, Fraction(3, 25))
    """
    if debt.kind != LenderKind.PRIVATE or quote == "monthly_fee":
        return monthly
    line = exact_rate(legal_line(debt, as_of=as_of).annual_rate) / 12
    return line if line < monthly else monthly


def _arrears(
    debt: Debt,
    as_of: date,
    shape: Shape,
    balances: tuple[int, int, int, int],
    monthly: Fraction,
    term_left: int,
    per_principal: int,
    min_rate: Fraction,
) -> tuple[int, int, tuple[tuple[int, int], ...]]:
    """What is already past due on ``as_of``: overdue principal, overdue interest, and the
    arrears split by the due date each fell due on (the oldest takes the remainder)."""
    days = debt.days_overdue
    if not days:
        return 0, 0, ()
    earliest = date.fromordinal(as_of.toordinal() - days)
    principal, interest, penalty, charges = balances
    charges += penalty  # past due with the arrears, like the charges
    if shape == Shape.REVOLVING:
        unpaid = debt.minimum_unpaid_fen or debt.minimum_due_fen
        if unpaid is None:
            unpaid = interest + charges + interest_fen(principal, min_rate)
        return 0, 0, ((earliest.toordinal(), min(unpaid, sum(balances))),)
    if shape == Shape.INSTALMENT:
        missed = 0
        while add_months_to_date(earliest, missed) < as_of:
            missed += 1
        if debt.rate_quote[0] == "monthly_fee":
            overdue = missed * per_principal
        else:
            rows = level_schedule(principal, monthly, term_left + missed)
            overdue = sum(row[2] for row in rows[:missed])
        overdue_principal = min(principal, overdue)
    else:
        missed = 1
        overdue_principal = principal
    total = overdue_principal + interest + charges
    part = total // missed
    arrears = tuple(
        (
            add_months_to_date(earliest, k).toordinal(),
            part + (total - part * missed if k == 0 else 0),
        )
        for k in range(missed)
    )
    return overdue_principal, interest, arrears
