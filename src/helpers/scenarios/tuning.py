"""The scenario a user tunes with sliders: one kind of arrangement for the chosen debts, its
term, rate, waivers, holiday and discount, under an allocation policy.

Plain data in, a :class:`~helpers.scenarios.Scenario` out, so the scenario app's callback
stays a few lines and the logic is tested without widgets.

>>> from helpers.case import load_sample
>>> scenario = build_scenario(load_sample(), Tuning(kind="reinstalment", term_months=24))
>>> sorted(scenario.plans), scenario.plans["d1"].term_months
(['d1', 'd2', 'd3', 'd4', 'd5'], 24)
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from helpers.allocation import Policy
from helpers.budget import DEFAULT_HORIZON, monthly_budget
from helpers.case import Case
from helpers.months import month_label, months_between
from helpers.plans import Holiday, Plan, Reinstalment, Settlement, StepUp, Waiver
from helpers.scenarios.defaults import unsecured_ids
from helpers.scenarios.scenario import Scenario

__all__ = ["Tuning", "build_scenario", "default_low_months", "KINDS", "RATE_MODES", "ALL_DEBTS"]

KINDS = ("reinstalment", "step_up", "holiday", "settlement")
RATE_MODES = ("contract", "annual", "monthly_fee", "frozen")
ALL_DEBTS = "*"


@dataclass(frozen=True)
class Tuning:
    """What the sliders and toggles of the scenario app say.

    Attributes
    ----------
    kind : one of :data:`KINDS`
    debts : the id of one debt, or ``"*"`` for every unsecured debt
    term_months : the instalments of a re-instalment, or of what follows a holiday or a step-up
    rate_mode : ``"contract"`` (the debt's own rate), ``"annual"``, ``"monthly_fee"`` or
        ``"frozen"`` (no interest)
    annual_rate, monthly_fee_rate : used by the matching rate mode (fractions)
    waive_penalty, waive_charges, waive_interest_share : what the lender forgives
    holiday_months : months without payments (a holiday; before a re-instalment, a step-up
        from nothing at the re-instalment's rate)
    low_months : the step-up's low months (None: until the expected recovery)
    settlement_discount, settlement_month : the settlement's share forgiven and its month
    policy : how each month's money is shared
    """

    kind: Literal["reinstalment", "step_up", "holiday", "settlement"] = "reinstalment"
    debts: str = ALL_DEBTS
    term_months: int = 24
    rate_mode: Literal["contract", "annual", "monthly_fee", "frozen"] = "contract"
    annual_rate: float = 0.06
    monthly_fee_rate: float = 0.005
    waive_penalty: bool = True
    waive_charges: bool = True
    waive_interest_share: float = 0.0
    holiday_months: int = 0
    low_months: int | None = None
    settlement_discount: float = 0.3
    settlement_month: int = 0
    policy: Policy = Policy.AVALANCHE


def _rate(tuning: Tuning) -> dict:
    if tuning.rate_mode == "frozen":
        return {"freeze_interest": True}
    if tuning.rate_mode == "annual":
        return {"annual_rate": tuning.annual_rate}
    if tuning.rate_mode == "monthly_fee":
        return {"monthly_fee_rate": tuning.monthly_fee_rate}
    return {}


def _plan(case: Case, tuning: Tuning, debt_id: str, share_fen: int, low_months: int) -> Plan:
    waiver = Waiver(tuning.waive_penalty, tuning.waive_charges, tuning.waive_interest_share)
    if not (waiver.penalty or waiver.charges or waiver.interest_share):
        waiver = None
    if tuning.kind == "settlement":
        return Settlement(tuning.settlement_month, discount=tuning.settlement_discount)
    if tuning.kind == "holiday":
        interest = "freeze" if tuning.rate_mode == "frozen" else "accrue"
        return Holiday(max(1, tuning.holiday_months), interest, True, tuning.term_months)
    if tuning.kind == "step_up":
        rate = _rate(tuning)
        rate.pop("monthly_fee_rate", None)
        return StepUp(share_fen, low_months, tuning.term_months, waiver=waiver, **rate)
    if tuning.holiday_months:  # no payments first, then the rest over the term at the rate
        rate = _rate(tuning)
        rate.pop("monthly_fee_rate", None)
        return StepUp(0, tuning.holiday_months, tuning.term_months, waiver=waiver, **rate)
    return Reinstalment(tuning.term_months, waiver=waiver, **_rate(tuning))


def default_low_months(case: Case) -> int:
    """The low months of a step-up unless the user says otherwise: until the expected
    recovery (at least one), or 12 when no recovery is expected.

    How long would Li Na (as of 2025-09, back at work 2026-03) pay little?

    >>> from helpers.case import load_sample
    >>> default_low_months(load_sample("li_na_illness"))
    6
    """
    recovery = case.hardship.expected_recovery if case.hardship else None
    if not recovery:
        return 12
    return max(1, months_between(month_label(case.as_of), recovery))


def build_scenario(case: Case, tuning: Tuning, *, horizon: int = DEFAULT_HORIZON) -> Scenario:
    """The scenario the tuning describes, named ``"custom"``.

    For a step-up the low payment of each debt is its share, by balance, of the lowest capacity
    before the recovery; the low months run until the expected recovery unless given.

    >>> from helpers.case import load_sample
    >>> case = load_sample()
    >>> plan = build_scenario(case, Tuning(kind="step_up", debts="d3")).plans["d3"]
    >>> plan.low_payment_fen, plan.low_months, plan.term_months
    (38000, 4, 24)
    """
    ids = unsecured_ids(case) if tuning.debts == ALL_DEBTS else [tuning.debts]
    low_months, low_total = 1, 0
    if tuning.kind == "step_up":
        budget = monthly_budget(case, horizon=horizon)
        low_months = max(1, min(tuning.low_months or default_low_months(case), horizon - 1))
        low_total = max(0, min(budget.capacity_fen[:low_months]))
    owed = {i: case.debt(i).owed_fen for i in ids}
    total = sum(owed.values()) or 1
    plans = {i: _plan(case, tuning, i, low_total * owed[i] // total, low_months) for i in ids}
    return Scenario("custom", plans, tuning.policy)
