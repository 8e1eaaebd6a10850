"""An agreement's terms: the rate a lender's plan runs at, written once for every path.

The scalar engine, the vectorised engine and the optimiser's model all ask
:func:`agreement_rate` what a plan charges each month, so a change of rule lands everywhere.
"""

from __future__ import annotations

from fractions import Fraction

from helpers.plans.kinds import CustomSchedule, Plan
from helpers.rates import exact_rate

__all__ = ["agreement_rate"]


def agreement_rate(
    plan: Plan, *, quote: str, contract_monthly: Fraction
) -> tuple[Fraction, Fraction | None]:
    """The monthly interest rate an agreement runs at, and its monthly fee on the base (or None).

    In order: a freeze charges nothing; a plan's own fee or annual rate wins; a custom schedule
    is the whole deal (no interest); otherwise the contract's rate carries on, as a fee on the
    base for a loan quoted by its monthly fee.

    Parameters
    ----------
    plan : Plan
    quote : str
        How the debt's contract quotes its rate: ``"annual"``, ``"daily"`` or ``"monthly_fee"``.
    contract_monthly : Fraction
        The contract's monthly rate (or monthly fee).

    Examples
    --------
    A lender offers 24 months at 6% a year: what does each month charge?

    >>> from helpers.plans import Reinstalment
    >>> agreement_rate(Reinstalment(term_months=24, annual_rate=0.06), quote="daily",
    ...                contract_monthly=Fraction(3, 500))
    (Fraction(1, 200), None)

    And with interest frozen?

    >>> agreement_rate(Reinstalment(term_months=24, freeze_interest=True), quote="daily",
    ...                contract_monthly=Fraction(3, 500))
    (Fraction(0, 1), None)
    """
    if getattr(plan, "freeze_interest", False):
        return Fraction(0), None
    if getattr(plan, "monthly_fee_rate", None) is not None:
        return Fraction(0), exact_rate(plan.monthly_fee_rate)
    if getattr(plan, "annual_rate", None) is not None:
        return exact_rate(plan.annual_rate) / 12, None
    if isinstance(plan, CustomSchedule):
        return Fraction(0), None
    if quote == "monthly_fee":
        return Fraction(0), contract_monthly
    return contract_monthly, None
