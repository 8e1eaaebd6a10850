"""Plans a lender may agree to: their kinds, the one-line spec, and the agreement's terms.

What does "re-instal debt d3 over 24 months" look like as a plan, and what rate does it run at?

>>> debt_id, plan = parse_plan_spec("d3=reinstalment:term_months=24,annual_rate=0.06")
>>> debt_id, plan.term_months
('d3', 24)
>>> from fractions import Fraction
>>> agreement_rate(plan, quote="annual", contract_monthly=Fraction(18, 1200))
(Fraction(1, 200), None)
"""

from helpers.plans.kinds import (
    CARD_PLAN_MAX_MONTHS,
    PLAN_KINDS,
    CustomSchedule,
    Holiday,
    Plan,
    PlanError,
    Reinstalment,
    Settlement,
    StatusQuo,
    StepUp,
    Waiver,
    check_plan,
    describe,
    plan_warnings,
)
from helpers.plans.spec import parse_payments, parse_plan_spec
from helpers.plans.terms import agreement_rate

__all__ = [
    "agreement_rate",
    "CARD_PLAN_MAX_MONTHS",
    "CustomSchedule",
    "Holiday",
    "PLAN_KINDS",
    "Plan",
    "PlanError",
    "Reinstalment",
    "Settlement",
    "StatusQuo",
    "StepUp",
    "Waiver",
    "check_plan",
    "describe",
    "parse_payments",
    "parse_plan_spec",
    "plan_warnings",
]
