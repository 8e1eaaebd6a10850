"""Set-up of the vectorised engine: each debt's starting state, worked out once per case (it does
not depend on the scenario), the exact rates of a batch as integer pairs, and level instalments
for many balances at once.

This is an independent reading of the engine's rules (DESIGN.md, "Conventions"; DOMAIN.md,
"Common terms of products"); it shares with the scalar path only the calendar helpers and the
rounding primitives of :mod:`helpers.rates._amortise`.

>>> from helpers.case import load_sample
>>> start = debt_start(load_sample().debt("d3"), load_sample().as_of)
>>> start.shape == INSTALMENT, start.overdue_principal, len(start.arrears)
(True, 101725, 1)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, localcontext
from fractions import Fraction

import numpy as np

from helpers.case import Bucket, Debt, LenderKind
from helpers.money import div_round_half_up
from helpers.months import add_months_to_date
from helpers.rates import exact_rate, interest_fen, level_payment_fen, level_schedule

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch

# shapes of a contract, and modes (what governs a debt this month)
REVOLVING, INSTALMENT, MATURED, ON_DEMAND = 0, 1, 2, 3
CONTRACT, AMORTISE, HOLIDAY, WAIT, CLOSED = 0, 1, 2, 3, 4
BUCKET_INDEX = {Bucket.PRINCIPAL: 0, Bucket.INTEREST: 1, Bucket.PENALTY: 2, Bucket.CHARGES: 3}


@dataclass
class DebtStart:
    """One debt at the as-of date, and the terms it runs on (amounts in fen, rates exact)."""

    index: int
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
    balances: list[int]
    shape: int = ON_DEMAND
    term_left: int = 0
    fee: int = 0
    per_principal: int = 0
    level: int = 0
    overdue_principal: int = 0
    overdue_interest: int = 0
    arrears: list[tuple[int, int]] = field(default_factory=list)  # (ordinal, amount), oldest first


def rank_rate(debt: Debt) -> float:
    """The annual-equivalent rate policies rank debts by (a key, not a posting rate).

    >>> from helpers.case import load_sample
    >>> round(rank_rate(load_sample("li_na_illness").debt("d4")), 4)
    0.1329
    """
    quote, rate = debt.rate_quote
    if quote == "daily":
        return rate * debt.terms.day_basis
    if quote == "monthly_fee":
        n = debt.original_term_months or 12
        return 24 * rate * n / (n + 1)
    return rate


def debt_start(debt: Debt, as_of: date, index: int = 0) -> DebtStart:
    """The starting state of one debt (its arrears dated, acceleration already applied)."""
    terms = debt.terms
    quote, value = debt.rate_quote
    rate, basis = exact_rate(value), terms.day_basis
    if quote == "annual":
        daily, monthly = rate / basis, rate / 12
    elif quote == "daily":
        daily, monthly = rate, rate * basis / 12
    else:
        daily, monthly = rate * 12 / basis, rate
    multiplier = exact_rate(terms.penalty_rate_multiplier)
    card = debt.kind == LenderKind.CREDIT_CARD
    start = DebtStart(
        index=index,
        card=card,
        secured=terms.secured,
        reported=terms.credit_reported,
        order=tuple(BUCKET_INDEX[b] for b in terms.payment_order),
        quote=quote,
        daily=daily,
        monthly=monthly,
        basis=basis,
        penalty_multiplier=multiplier,
        penalty_daily=daily * multiplier,
        compound=terms.compound_overdue_interest,
        late=exact_rate(terms.late_charge_rate),
        late_fixed=terms.late_charge_fixed_fen,
        accelerate_after=terms.acceleration_after_missed,
        limit=debt.credit_limit_fen,
        cash=debt.cash_advance_fen or 0,
        min_rate=exact_rate(terms.minimum_payment_rate or 0),
        given_minimum=debt.minimum_due_fen,
        rank_rate=rank_rate(debt),
        balances=[debt.principal_fen, debt.interest_fen, 0, debt.charges_fen],
    )
    term = debt.remaining_term_months
    if card and term is None:
        start.shape = REVOLVING
    elif term is None:
        start.shape = MATURED if debt.days_overdue else ON_DEMAND
    else:
        start.shape = INSTALMENT if term >= 1 else MATURED
    start.term_left = term or 0
    if quote == "monthly_fee":
        original = debt.original_principal_fen or debt.principal_fen
        start.fee = interest_fen(original, monthly)
        start.per_principal = div_round_half_up(original, debt.original_term_months or 1)
    _date_arrears(start, debt, as_of)
    if start.shape == INSTALMENT and quote != "monthly_fee":
        current = start.balances[0] - start.overdue_principal
        start.level = level_payment_fen(current, monthly, start.term_left)
    if start.accelerate_after and start.shape == INSTALMENT:
        if len(start.arrears) >= start.accelerate_after:
            start.shape, start.term_left = MATURED, 0
            start.overdue_principal, start.overdue_interest = start.balances[:2]
    return start


def _date_arrears(start: DebtStart, debt: Debt, as_of: date) -> None:
    """What is already past due at the as-of date, split by due date."""
    days = debt.days_overdue
    if not days:
        return
    earliest = date.fromordinal(as_of.toordinal() - days)
    principal, interest, _, charges = start.balances
    owed = sum(start.balances)
    if start.shape == REVOLVING:
        unpaid = debt.minimum_unpaid_fen or debt.minimum_due_fen
        if unpaid is None:
            unpaid = interest + charges + interest_fen(principal, start.min_rate)
        start.arrears = [(earliest.toordinal(), min(unpaid, owed))]
        return
    if start.shape == INSTALMENT:
        missed = 0
        while add_months_to_date(earliest, missed) < as_of:
            missed += 1
        if start.quote == "monthly_fee":
            overdue = missed * start.per_principal
        else:
            rows = level_schedule(principal, start.monthly, start.term_left + missed)
            overdue = sum(row[2] for row in rows[:missed])
        start.overdue_principal = min(principal, overdue)
    else:
        missed = 1
        start.overdue_principal = principal
    start.overdue_interest = interest
    total = start.overdue_principal + interest + charges
    part = total // missed
    start.arrears = [
        (
            add_months_to_date(earliest, k).toordinal(),
            part + (total - part * missed if k == 0 else 0),
        )
        for k in range(missed)
    ]


class RateTable:
    """The distinct exact rates of a batch; each gets an id, and arrays of numerators and
    denominators index by id.

    >>> table = RateTable()
    >>> table.id(Fraction(3, 4000)), table.id(Fraction(0)), table.id(Fraction(3, 4000))
    (1, 0, 1)
    >>> table.numerators().tolist(), table.denominators().tolist()
    ([0.0, 3.0], [1.0, 4000.0])
    """

    def __init__(self) -> None:
        self.rates: list[Fraction] = [Fraction(0)]
        self._ids: dict[Fraction, int] = {Fraction(0): 0}

    def id(self, rate: Fraction) -> int:
        """The id of ``rate`` (added when new)."""
        found = self._ids.get(rate)
        if found is None:
            found = self._ids[rate] = len(self.rates)
            self.rates.append(rate)
        return found

    def numerators(self) -> np.ndarray:
        """Numerators by id, as float64 holding integers."""
        return np.array([float(r.numerator) for r in self.rates])

    def denominators(self) -> np.ndarray:
        """Denominators by id, as float64 holding integers."""
        return np.array([float(r.denominator) for r in self.rates])


class LevelPayments:
    """Level instalments ``P r / (1 − (1 + r)^−n)`` rounded half-up, for arrays of balances.

    The factor ``r / (1 − (1 + r)^−n)`` is worked out once per (rate, term) with 50 digits; a
    product that lands within a rounding error of half a fen is recomputed exactly by
    :func:`helpers.rates.level_payment_fen`, so the result is always that function's.

    >>> levels = LevelPayments([Fraction(0), exact_rate(0.0435) / 12])
    >>> levels(np.array([10_000_000.0, 1_200_000.0]), np.array([1, 0]), np.array([60, 12]))
    array([185749., 100000.])
    """

    def __init__(self, rates: list[Fraction]) -> None:
        self.rates = rates
        self._factors: dict[tuple[int, int], float] = {}

    def _factor(self, rate_id: int, months: int) -> float:
        key = (rate_id, months)
        found = self._factors.get(key)
        if found is None:
            rate = self.rates[rate_id]
            with localcontext() as ctx:
                ctx.prec = 50
                r = Decimal(rate.numerator) / Decimal(rate.denominator)
                found = float(r / (1 - (1 + r) ** -months))
            self._factors[key] = found
        return found

    def __call__(self, base: np.ndarray, rate_ids: np.ndarray, months: np.ndarray) -> np.ndarray:
        """Level payments for balances ``base`` (fen) at rates ``rate_ids`` over ``months``."""
        out = np.floor((2 * base + months) / (2 * months))  # zero rate: base / n half-up
        rated = np.flatnonzero((np.array([r != 0 for r in self.rates])[rate_ids]) & (base != 0))
        if rated.size == 0:
            return out
        span = int(months.max()) + 1
        pairs = rate_ids[rated].astype(np.int64) * span + months[rated].astype(np.int64)
        keys, inverse = np.unique(pairs, return_inverse=True)
        factors = np.array([self._factor(int(k) // span, int(k) % span) for k in keys])
        value = base[rated] * factors[inverse]
        rounded = np.floor(value + 0.5)
        near = np.abs(value - np.floor(value) - 0.5) <= value * 1e-14 + 1e-6
        for j in np.flatnonzero(near):
            i = rated[j]
            rounded[j] = level_payment_fen(
                int(base[i]), self.rates[int(rate_ids[i])], int(months[i])
            )
        out[rated] = rounded
        return out
