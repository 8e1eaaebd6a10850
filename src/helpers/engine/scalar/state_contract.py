"""The contract half of a debt's state in the scalar engine: the slots a debt's
:class:`~helpers.engine.contract.ContractStart` fills (the same for every scenario, so copied
from the cached start) and the one change the contract makes later, acceleration.

>>> from datetime import date
>>> from helpers.case import load_sample
>>> values = dict(zip(CONTRACT_SLOTS, contract_values(load_sample().debt("d3"), date(2025, 4, 1))))
>>> values["shape"].name, values["term_left"], len(values["arrears"])
('INSTALMENT', 17, 1)
"""

from __future__ import annotations

from datetime import date
from functools import lru_cache

from helpers.case import Debt
from helpers.engine.contract import Shape, contract_start

__all__ = ["CONTRACT_SLOTS", "contract_values"]

# the slots set from the debt's contract alone, the same for every scenario
CONTRACT_SLOTS = (
    "id", "card", "secured", "reported", "order", "balances", "quote", "daily", "monthly",
    "basis", "penalty_multiplier", "penalty_daily", "daily_nd", "monthly_nd", "penalty_nd",
    "compound", "late_rate", "late_nd", "late_fixed", "accelerate_after", "limit", "cash",
    "min_rate", "card_due_given", "card_carry", "shape", "term_left", "fee", "per_principal",
    "overdue_principal", "overdue_interest", "arrears", "arrears_sum", "level",
    "agreement_monthly",
)  # fmt: skip


@lru_cache(maxsize=1024)
def contract_values(debt: Debt, as_of: date) -> tuple:
    """The values of :data:`CONTRACT_SLOTS` for a debt on a date (immutable: the state copies
    the balances and the arrears into lists).

    >>> from helpers.case import load_sample
    >>> debt = load_sample().debt("d1")
    >>> contract_values(debt, date(2025, 4, 1)) is contract_values(debt, date(2025, 4, 1))
    True
    """
    s = contract_start(debt, as_of)
    values = {
        "id": s.id, "card": s.card, "secured": s.secured, "reported": s.reported,
        "order": s.order, "balances": s.balances, "quote": s.quote, "daily": s.daily,
        "monthly": s.monthly, "basis": s.basis, "penalty_multiplier": s.penalty_multiplier,
        "penalty_daily": s.penalty_daily,
        "daily_nd": (s.daily.numerator, s.daily.denominator),
        "monthly_nd": (s.monthly.numerator, s.monthly.denominator),
        "penalty_nd": (s.penalty_daily.numerator, s.penalty_daily.denominator),
        "compound": s.compound, "late_rate": s.late,
        "late_nd": (s.late.numerator, s.late.denominator), "late_fixed": s.late_fixed,
        "accelerate_after": s.accelerate_after, "limit": s.limit, "cash": s.cash,
        "min_rate": s.min_rate, "card_due_given": s.given_minimum,
        "card_carry": 0,  # principal part of earlier minimums left unpaid
        "shape": s.shape, "term_left": s.term_left, "fee": s.fee,
        "per_principal": s.per_principal, "overdue_principal": s.overdue_principal,
        "overdue_interest": s.overdue_interest, "arrears": s.arrears,
        "arrears_sum": sum(amount for _, amount in s.arrears), "level": s.level,
        "agreement_monthly": s.agreement_monthly,
    }  # fmt: skip
    return tuple(values[name] for name in CONTRACT_SLOTS)


class ContractPart:
    """The methods of :class:`~helpers.engine.DebtState` that the contract governs."""

    __slots__ = ()

    def _accelerate(self) -> None:
        """Missed instalments call the whole loan due (DOMAIN.md, "acceleration")."""
        self.shape = Shape.MATURED
        self.term_left = 0
        self.overdue_principal = self.balances[0]
        self.overdue_interest = self.balances[1]
