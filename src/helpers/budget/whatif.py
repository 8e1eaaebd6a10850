"""The budget app's what-if controls as data: the settings that reproduce a case's budget, and
what a change to them does to the case and to the :class:`~helpers.budget.BudgetOverrides` that
the budget (and every scenario) takes.

>>> from helpers.case import load_sample
>>> case = load_sample()
>>> changed, overrides = what_if(case, budget_settings(case))
>>> changed is case, overrides.cost_cuts
(True, {})
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from helpers.budget.monthly import DEFAULT_HORIZON, NEVER, BudgetOverrides
from helpers.case import Case, CostCategory, active_in
from helpers.months import add_months, month_label

__all__ = ["BudgetSettings", "budget_settings", "category_levels_fen", "what_if"]


def category_levels_fen(case: Case, horizon: int = DEFAULT_HORIZON) -> dict[CostCategory, int]:
    """Each cost category's monthly total in the first month it has a cost (the level its
    slider starts from), in the case's order of categories.

    >>> from helpers.case import load_sample
    >>> levels = category_levels_fen(load_sample("chen_jian_business_loss"))
    >>> levels[CostCategory.FOOD_HOUSEKEEPING], levels[CostCategory.TAXES_FINES]
    (260000, 30000)
    """
    first = month_label(case.as_of)
    levels: dict[CostCategory, int] = {}
    for category in dict.fromkeys(cost.category for cost in case.costs):
        lines = [c for c in case.costs if c.category == category]
        level = 0
        for m in range(horizon):
            level = sum(c.amount_fen for c in lines if active_in(c, add_months(first, m)))
            if level:
                break
        levels[category] = level or sum(c.amount_fen for c in lines)
    return levels


@dataclass(frozen=True)
class BudgetSettings:
    """What the budget app's controls say (amounts in fen).

    Attributes
    ----------
    income_fen : tuple of int
        Each income line's monthly amount, in the case's order (its months unchanged).
    income_after_recovery_fen : int or None
        The household's income from the recovery month on; None keeps the incomes as they are.
    recovery_month : str
        ``"YYYY-MM"``, or :data:`NEVER` for no recovery.
    costs_fen : mapping of CostCategory to int
        Each category's monthly level; every cost line of a category is scaled by
        level / the case's level (:func:`category_levels_fen`).
    reserve_fen : int
        The monthly savings/emergency allowance.
    """

    income_fen: tuple[int, ...]
    income_after_recovery_fen: int | None
    recovery_month: str
    costs_fen: Mapping[CostCategory, int] = field(default_factory=dict)
    reserve_fen: int = 0


def budget_settings(case: Case) -> BudgetSettings:
    """The settings that reproduce the case's own budget.

    >>> from helpers.case import load_sample
    >>> settings = budget_settings(load_sample())
    >>> settings.income_fen, settings.recovery_month, settings.reserve_fen
    ((450000, 180000), '2025-08', 20000)
    """
    hardship = case.hardship
    return BudgetSettings(
        income_fen=tuple(i.amount_fen for i in case.incomes),
        income_after_recovery_fen=hardship.income_after_recovery_fen if hardship else None,
        recovery_month=(hardship.expected_recovery if hardship else None) or NEVER,
        costs_fen=category_levels_fen(case),
        reserve_fen=case.monthly_reserve_fen,
    )


def what_if(case: Case, settings: BudgetSettings) -> tuple[Case, BudgetOverrides]:
    """The case with the settings' incomes, and the overrides for the rest.

    Incomes now change the case (the budget has no override for them), and so does an income
    after recovery set to None (the override would fall back on the case's); the recovery, the
    cost levels (as cuts: 1 − level / the case's level) and the reserve are
    :class:`~helpers.budget.BudgetOverrides`, which scenarios also take.

    Examples
    --------
    Zhang Wei's wife earns 5,000 rather than 4,500 and the food budget is cut to 1,500:

    >>> from dataclasses import replace
    >>> from helpers.budget.monthly import monthly_budget
    >>> from helpers.case import load_sample
    >>> case = load_sample()
    >>> base = budget_settings(case)
    >>> settings = replace(base, income_fen=(500_000, 180_000),
    ...                    costs_fen={**base.costs_fen, CostCategory.FOOD_HOUSEKEEPING: 150_000})
    >>> changed, overrides = what_if(case, settings)
    >>> round(overrides.cost_cuts["food_housekeeping"], 4)
    0.1667
    >>> monthly_budget(changed, horizon=1, overrides=overrides).capacity_fen
    (118000,)
    """
    incomes = tuple(
        income.model_copy(update={"amount_fen": amount})
        for income, amount in zip(case.incomes, settings.income_fen, strict=True)
    )
    levels = category_levels_fen(case)
    cuts = {
        category: 1 - settings.costs_fen[category] / level
        for category, level in levels.items()
        if level and settings.costs_fen.get(category, level) != level
    }
    overrides = BudgetOverrides(
        income_after_recovery_fen=settings.income_after_recovery_fen,
        recovery_month=settings.recovery_month,
        cost_cuts=cuts,
        reserve_fen=settings.reserve_fen,
    )
    update: dict[str, Any] = {} if incomes == case.incomes else {"incomes": incomes}
    hardship = case.hardship
    if (
        settings.income_after_recovery_fen is None
        and hardship
        and hardship.income_after_recovery_fen
    ):
        # no income after recovery: the incomes run on (the override alone would fall back on
        # the case's figure)
        update["hardship"] = hardship.model_copy(update={"income_after_recovery_fen": None})
    return (case.model_copy(update=update) if update else case), overrides
