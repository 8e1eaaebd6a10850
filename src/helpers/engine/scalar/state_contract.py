"""The contract half of a debt's state: what the contract says, and where the debt stands on
the case's date (shape, arrears, the level instalment). It depends on the debt alone, so it is
worked out once per debt and date and copied into each scenario's state.

>>> from datetime import date
>>> from helpers.case import load_sample
>>> values = dict(zip(CONTRACT_SLOTS, contract_values(load_sample().debt("d3"), date(2025, 4, 1))))
>>> values["shape"], values["term_left"], len(values["arrears"])
('instalment', 17, 1)
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from helpers.case import Bucket, Debt, LenderKind
from helpers.money import div_round_half_up
from helpers.months import add_months_to_date
from helpers.rates import exact_rate, interest_fen, level_payment_fen, level_schedule

__all__ = ["BUCKETS", "CONTRACT_SLOTS", "contract_values", "ranking_rate"]

BUCKETS = (Bucket.PRINCIPAL, Bucket.INTEREST, Bucket.PENALTY, Bucket.CHARGES)
_INDEX = {Bucket.PRINCIPAL: 0, Bucket.INTEREST: 1, Bucket.PENALTY: 2, Bucket.CHARGES: 3}

# shapes of a contract
REVOLVING, INSTALMENT, MATURED, ON_DEMAND = "revolving", "instalment", "matured", "on_demand"


def ranking_rate(debt: Debt) -> float:
    """The annual-equivalent contract rate policies rank by (a key, not a posting rate).

    A monthly fee on the original principal costs about twice its simple annual figure; the
    usual n-ratio approximation 24 f n / (n + 1) is used.

    >>> from helpers.case import load_sample
    >>> case = load_sample("li_na_illness")
    >>> round(ranking_rate(case.debt("d1")), 4), round(ranking_rate(case.debt("d4")), 4)
    (0.1825, 0.1329)
    """
    quote, rate = debt.rate_quote
    if quote == "daily":
        return rate * debt.terms.day_basis
    if quote == "monthly_fee":
        n = debt.original_term_months or 12
        return 24 * rate * n / (n + 1)
    return rate


# the slots set from the debt's contract alone, the same for every scenario
CONTRACT_SLOTS = (
    "id", "card", "secured", "reported", "order", "balances", "quote", "daily", "monthly",
    "basis", "penalty_multiplier", "penalty_daily", "daily_nd", "monthly_nd", "penalty_nd",
    "compound", "late_rate", "late_nd", "late_fixed", "accelerate_after", "limit", "cash",
    "min_rate", "card_due_given", "card_carry", "shape", "term_left", "fee", "per_principal",
    "overdue_principal", "overdue_interest", "arrears", "arrears_sum", "level",
)  # fmt: skip


@lru_cache(maxsize=1024)
def contract_values(debt: Debt, as_of: date) -> tuple:
    """The values of :data:`CONTRACT_SLOTS` for a debt on a date, worked out once (immutable:
    the balances and arrears are tuples; the state copies them into lists).

    >>> from helpers.case import load_sample
    >>> debt = load_sample().debt("d1")
    >>> contract_values(debt, date(2025, 4, 1)) is contract_values(debt, date(2025, 4, 1))
    True
    """
    part = _Contract()
    part.read(debt, as_of)
    part.balances = tuple(part.balances)
    part.arrears = tuple(tuple(entry) for entry in part.arrears)
    return tuple(getattr(part, name) for name in CONTRACT_SLOTS)


class ContractPart:
    """The methods of :class:`~helpers.engine.DebtState` that read the contract."""

    __slots__ = ()

    def read(self, debt: Debt, as_of: date) -> None:
        """The debt's contract and standing on ``as_of`` (the slots :data:`CONTRACT_SLOTS`)."""
        terms = debt.terms
        self.id = debt.id
        self.card = debt.kind == LenderKind.CREDIT_CARD
        self.secured = terms.secured
        self.reported = terms.credit_reported
        self.order = tuple(_INDEX[b] for b in terms.payment_order)
        self.balances = [debt.principal_fen, debt.interest_fen, 0, debt.charges_fen]
        quote, rate = debt.rate_quote
        self.quote = quote
        exact, basis = exact_rate(rate), terms.day_basis
        if quote == "annual":
            self.daily, self.monthly = exact / basis, exact / 12
        elif quote == "daily":
            self.daily, self.monthly = exact, exact * basis / 12
        else:
            self.daily, self.monthly = exact * 12 / basis, exact
        self.basis = basis
        self.penalty_multiplier = exact_rate(terms.penalty_rate_multiplier)
        self.penalty_daily = self.daily * self.penalty_multiplier
        # the same rates as integer pairs, for the postings of every month
        self.daily_nd = (self.daily.numerator, self.daily.denominator)
        self.monthly_nd = (self.monthly.numerator, self.monthly.denominator)
        self.penalty_nd = (self.penalty_daily.numerator, self.penalty_daily.denominator)
        self.compound = terms.compound_overdue_interest
        self.late_rate = exact_rate(terms.late_charge_rate)
        self.late_nd = (self.late_rate.numerator, self.late_rate.denominator)
        self.late_fixed = terms.late_charge_fixed_fen
        self.accelerate_after = terms.acceleration_after_missed
        # card
        self.limit = debt.credit_limit_fen
        self.cash = debt.cash_advance_fen or 0
        self.min_rate = exact_rate(terms.minimum_payment_rate or 0)
        self.card_due_given = debt.minimum_due_fen
        self.card_carry = 0  # principal part of earlier minimums left unpaid
        # contract schedule
        term = debt.remaining_term_months
        if self.card and term is None:
            self.shape = REVOLVING
        elif term is None:
            self.shape = MATURED if debt.days_overdue else ON_DEMAND
        else:
            self.shape = INSTALMENT if term >= 1 else MATURED
        self.term_left = term or 0
        self.fee = 0
        self.per_principal = 0
        if quote == "monthly_fee":
            original = debt.original_principal_fen or debt.principal_fen
            self.fee = interest_fen(original, exact)
            self.per_principal = div_round_half_up(original, debt.original_term_months or 1)
        self.overdue_principal = 0
        self.overdue_interest = 0
        self.arrears: list[list] = []  # [due date's ordinal, amount] oldest first
        self.arrears_sum = 0  # the sum of the amounts in self.arrears
        self._initial_arrears(debt, as_of)
        self.level = 0
        if self.shape == INSTALMENT and quote != "monthly_fee":
            current = self.balances[0] - self.overdue_principal
            self.level = level_payment_fen(current, self.monthly, self.term_left)
        if self.accelerate_after and self.shape == INSTALMENT:
            if len(self.arrears) >= self.accelerate_after:
                self._accelerate()

    def _initial_arrears(self, debt: Debt, as_of: date) -> None:
        days = debt.days_overdue
        if not days:
            return
        earliest = date.fromordinal(as_of.toordinal() - days)
        principal, interest, _, charges = self.balances
        if self.shape == REVOLVING:
            unpaid = debt.minimum_unpaid_fen or debt.minimum_due_fen
            if unpaid is None:
                unpaid = interest + charges + interest_fen(principal, self.min_rate)
            self.arrears = [[earliest.toordinal(), min(unpaid, sum(self.balances))]]
            self.arrears_sum = self.arrears[0][1]
            return
        if self.shape == INSTALMENT:
            missed, when = 0, earliest
            while when < as_of:
                missed += 1
                when = add_months_to_date(earliest, missed)
            if self.quote == "monthly_fee":
                overdue = missed * self.per_principal
            else:
                rows = level_schedule(principal, self.monthly, self.term_left + missed)
                overdue = sum(row[2] for row in rows[:missed])
            self.overdue_principal = min(principal, overdue)
        else:
            missed = 1
            self.overdue_principal = principal
        self.overdue_interest = interest
        total = self.overdue_principal + interest + charges
        part = total // missed
        self.arrears = [
            [
                add_months_to_date(earliest, k).toordinal(),
                part + (total - part * missed if k == 0 else 0),
            ]
            for k in range(missed)
        ]
        self.arrears_sum = total

    def _accelerate(self) -> None:
        self.shape = MATURED
        self.term_left = 0
        self.overdue_principal = self.balances[0]
        self.overdue_interest = self.balances[1]


class _Contract(ContractPart):
    """Just the contract's slots, to work them out once."""

    __slots__ = CONTRACT_SLOTS
