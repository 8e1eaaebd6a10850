"""Plans a lender may agree to: their kinds, the one-line spec, agreement terms."""

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
