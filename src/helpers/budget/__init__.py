"""What the borrower can really pay each month: capacity, what-if settings, spending reference.

How much can Zhang Wei offer his unsecured lenders each month, before and after his income
recovers?

>>> from helpers.case import load_sample
>>> budget = monthly_budget(load_sample(), horizon=12)
>>> budget.capacity_fen[:5]
(38000, 38000, 38000, 38000, 708000)
"""

from helpers.budget.monthly import (
    BUDGET_COLUMNS,
    DEFAULT_HORIZON,
    NEVER,
    Budget,
    BudgetOverrides,
    Carry,
    budget_frame,
    carry,
    monthly_budget,
    secured_dues_fen,
)
from helpers.budget.spending import (
    SPENDING_COLUMNS,
    TOTAL,
    Comparison,
    SpendingCheck,
    SpendingReference,
    category_costs_fen,
    comparison_for,
    spending_checks,
    spending_frame,
    spending_note,
    spending_questions,
    spending_reference,
)
from helpers.budget.whatif import BudgetSettings, budget_settings, category_levels_fen, what_if

__all__ = [
    "BUDGET_COLUMNS",
    "Budget",
    "BudgetOverrides",
    "BudgetSettings",
    "Carry",
    "Comparison",
    "DEFAULT_HORIZON",
    "NEVER",
    "SPENDING_COLUMNS",
    "SpendingCheck",
    "SpendingReference",
    "TOTAL",
    "budget_frame",
    "budget_settings",
    "carry",
    "category_costs_fen",
    "category_levels_fen",
    "comparison_for",
    "monthly_budget",
    "secured_dues_fen",
    "spending_checks",
    "spending_frame",
    "spending_note",
    "spending_questions",
    "spending_reference",
    "what_if",
]
