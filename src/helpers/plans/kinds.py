"""The arrangements a lender might agree to, one debt at a time, as frozen dataclasses.

Every plan starts at an agreement month ``start`` (0 = the case's as-of month); before it the
debt runs on its contract. Amounts are fen, rates fractions. The engine (:mod:`helpers.engine`)
gives them effect; this module only describes and checks them.

>>> plan = Reinstalment(term_months=24, annual_rate=0.06, waiver=Waiver(charges=False))
>>> describe(plan, "en")
're-instalment over 24 months, at 6% a year, penalty interest waived'
>>> describe(plan, "zh-CN")
'分 24 期重新分期，年利率 6%，减免罚息'
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from helpers.case import Debt, LenderKind
from helpers.errors import Problem, WorkbenchError
from helpers.i18n import t

__all__ = [
    "Waiver",
    "StatusQuo",
    "Reinstalment",
    "Holiday",
    "StepUp",
    "Settlement",
    "CustomSchedule",
    "Plan",
    "PLAN_KINDS",
    "PlanError",
    "check_plan",
    "plan_warnings",
    "describe",
    "CARD_PLAN_MAX_MONTHS",
]

# 《商业银行信用卡业务监督管理办法》(2011) art. 70: an individual card repayment agreement runs
# for at most 5 years.
CARD_PLAN_MAX_MONTHS = 60


@dataclass(frozen=True)
class Waiver:
    """What the lender forgives at the agreement month: penalty interest, charges, and a share of
    the interest accrued so far.

    >>> Waiver(interest_share=0.5).interest_share
    0.5
    """

    penalty: bool = True
    charges: bool = True
    interest_share: float = 0.0
    start: int = 0


@dataclass(frozen=True)
class StatusQuo:
    """No agreement: the borrower pays nothing, the contract's dues (``"minimum"``), or a fixed
    amount each month; whatever the contract asks beyond that goes overdue.

    >>> StatusQuo("fixed", amount_fen=50_000).amount_fen
    50000
    """

    mode: Literal["nothing", "minimum", "fixed"] = "minimum"
    amount_fen: int = 0
    start: int = 0


@dataclass(frozen=True)
class Reinstalment:
    """The balance at the agreement month (principal + interest + penalty + charges, less what
    is waived, less a down payment) repaid in ``term_months`` level instalments.

    The rate is ``annual_rate``, or a ``monthly_fee_rate`` on that base (a card-style quote),
    or the contract's own rate when neither is given; ``freeze_interest`` makes it zero. A down
    payment is due in the agreement month and the instalments start the month after, level on
    what is left then: the balance less the down payment, plus the agreement month's interest
    at the plan's rate (a card-style fee is charged per instalment, not in that month).

    >>> Reinstalment(term_months=36, freeze_interest=True).term_months
    36
    """

    term_months: int
    annual_rate: float | None = None
    monthly_fee_rate: float | None = None
    freeze_interest: bool = False
    down_payment_fen: int = 0
    waiver: Waiver | None = None
    start: int = 0


@dataclass(frozen=True)
class Holiday:
    """No payments for ``months`` months. Interest accrues at the contract rate or is frozen;
    accrued interest is capitalised (spread over the rest) or due at once after the holiday.
    Then the balance is repaid over ``term_months`` (default: the debt's remaining term, or the
    card's minimum payments).

    >>> Holiday(months=3, interest="freeze").capitalise
    True
    """

    months: int
    interest: Literal["accrue", "freeze"] = "accrue"
    capitalise: bool = True
    term_months: int | None = None
    start: int = 0


@dataclass(frozen=True)
class StepUp:
    """A low payment for ``low_months`` (the hardship), then the rest in ``term_months`` level
    instalments. Rate as for :class:`Reinstalment`.

    >>> StepUp(low_payment_fen=30_000, low_months=6, term_months=24).low_months
    6
    """

    low_payment_fen: int
    low_months: int
    term_months: int
    annual_rate: float | None = None
    freeze_interest: bool = False
    waiver: Waiver | None = None
    start: int = 0


@dataclass(frozen=True)
class Settlement:
    """A lump sum in month ``month`` that closes the debt: the base at the agreement month less
    ``discount`` (a share), or a stated ``amount_fen``. Nothing is due and nothing accrues
    between the agreement and the payment; if the lump sum is not paid in full that month the
    agreement lapses and the contract runs again.

    >>> Settlement(month=2, discount=0.3).discount
    0.3
    """

    month: int
    discount: float | None = None
    amount_fen: int | None = None
    start: int = 0


@dataclass(frozen=True)
class CustomSchedule:
    """Payments agreed month by month from the agreement month; whatever is left when the list
    ends is due at once. Interest frozen unless ``annual_rate`` is given.

    >>> CustomSchedule(payments_fen=(100_000, 100_000, 200_000)).payments_fen[-1]
    200000
    """

    payments_fen: tuple[int, ...]
    annual_rate: float | None = None
    waiver: Waiver | None = None
    start: int = 0


Plan = StatusQuo | Waiver | Reinstalment | Holiday | StepUp | Settlement | CustomSchedule
PLAN_KINDS: dict[str, type] = {
    "status_quo": StatusQuo,
    "waiver": Waiver,
    "reinstalment": Reinstalment,
    "holiday": Holiday,
    "step_up": StepUp,
    "settlement": Settlement,
    "custom": CustomSchedule,
}


class PlanError(WorkbenchError):
    """A plan whose terms cannot work (a zero term, a discount over 100%…).

    >>> print(PlanError([Problem("d1.term_months", 0, "errors.too_small", {"minimum": 1})]))
    d1.term_months: 0 is too small; the least allowed is 1
    """

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        """Every problem on its own line.

        >>> PlanError([Problem("x", -1, "errors.negative_amount")]).render("zh-CN")
        'x：-1 是负数；金额不能为负，请写 0 或正数'
        """
        return "\n".join(p.render(lang) for p in self.problems)


def _kind_name(plan: Plan) -> str:
    return next(name for name, cls in PLAN_KINDS.items() if isinstance(plan, cls))


def check_plan(plan: Plan, debt: Debt, *, horizon: int) -> None:
    """Refuse terms that cannot work, naming the debt, the field, the value and the fix.

    >>> from helpers.case import load_sample
    >>> check_plan(Settlement(month=2, discount=1.5), load_sample().debt("d1"), horizon=60)
    Traceback (most recent call last):
    ...
    helpers.plans.kinds.PlanError: d1.settlement.discount: 1.5 is too large; the most allowed is 1
    """
    found: list[Problem] = []

    def need(ok: bool, field: str, value: object, key: str, **params: object) -> None:
        if not ok:
            where = f"{debt.id}.{_kind_name(plan)}"
            found.append(Problem(f"{where}.{field}", value, key, params))

    need(0 <= plan.start < horizon, "start", plan.start, "errors.plan_month", horizon=horizon)
    for field in ("term_months", "months", "low_months"):
        value = getattr(plan, field, None)
        if value is not None:
            need(value >= 1, field, value, "errors.too_small", minimum=1)
    for field in ("annual_rate", "monthly_fee_rate", "interest_share", "discount"):
        value = getattr(plan, field, None)
        if value is not None:
            need(value >= 0, field, value, "errors.negative_rate")
            need(value <= 1, field, value, "errors.too_large", maximum=1)
    for field in ("amount_fen", "down_payment_fen", "low_payment_fen"):
        value = getattr(plan, field, None)
        if value is not None:
            need(value >= 0, field.removesuffix("_fen"), value, "errors.negative_amount")
    if isinstance(plan, Settlement):
        need(
            plan.start <= plan.month < horizon,
            "month",
            plan.month,
            "errors.settlement_month",
            start=plan.start,
            horizon=horizon,
        )
        need(
            (plan.discount is None) != (plan.amount_fen is None),
            "discount",
            plan.discount,
            "errors.settlement_terms",
        )
    if isinstance(plan, Reinstalment):
        need(
            plan.annual_rate is None or plan.monthly_fee_rate is None,
            "monthly_fee_rate",
            plan.monthly_fee_rate,
            "errors.two_rates",
            fields="annual_rate, monthly_fee_rate",
        )
    if isinstance(plan, CustomSchedule):
        need(
            len(plan.payments_fen) >= 1,
            "payments",
            len(plan.payments_fen),
            "errors.too_few",
            minimum=1,
        )
        need(
            all(p >= 0 for p in plan.payments_fen),
            "payments",
            min(plan.payments_fen, default=0),
            "errors.negative_amount",
        )
    if found:
        raise PlanError(found)


def plan_months(plan: Plan) -> int:
    """How many months of payments the plan schedules after its agreement month.

    >>> plan_months(StepUp(low_payment_fen=1, low_months=6, term_months=60))
    66
    """
    if isinstance(plan, Reinstalment):
        return plan.term_months + (1 if plan.down_payment_fen else 0)
    if isinstance(plan, StepUp):
        return plan.low_months + plan.term_months
    if isinstance(plan, Holiday):
        return plan.months + (plan.term_months or 0)
    if isinstance(plan, CustomSchedule):
        return len(plan.payments_fen)
    return 0


def plan_warnings(plan: Plan, debt: Debt, lang: str) -> list[str]:
    """Warnings about a plan that can work but deserves a second look.

    A card repayment agreement over 60 months goes beyond what art. 70 of the card measures
    allows, so a bank can hardly accept it.

    >>> from helpers.case import load_sample
    >>> plan_warnings(Reinstalment(term_months=72), load_sample().debt("d1"), "en")[0][:46]
    'd1: a credit-card repayment plan of 72 months '
    """
    warnings = []
    months = plan_months(plan)
    if debt.kind == LenderKind.CREDIT_CARD and months > CARD_PLAN_MAX_MONTHS:
        warnings.append(
            t(
                "plans.warn_card_term",
                lang,
                debt=debt.id,
                months=months,
                maximum=CARD_PLAN_MAX_MONTHS,
            )
        )
    return warnings


def _percent(rate: float) -> str:
    return f"{rate * 100:.4g}%"


def describe(plan: Plan, lang: str) -> str:
    """A plan in a few words, for tables and letters.

    >>> describe(StatusQuo("nothing"), "en"), describe(Settlement(month=3, discount=0.4), "en")
    ('pay nothing', 'settle in month 3 at a 40% discount')
    """
    parts: list[str]
    if isinstance(plan, StatusQuo):
        parts = [t(f"plans.status_quo_{plan.mode}", lang, amount=plan.amount_fen / 100)]
    elif isinstance(plan, Waiver):
        parts = [t("plans.contract", lang)]
    elif isinstance(plan, Reinstalment | StepUp):
        if isinstance(plan, StepUp):
            lead = t(
                "plans.step_up",
                lang,
                low=f"{plan.low_payment_fen / 100:,.2f}",
                months=plan.low_months,
                term=plan.term_months,
            )
        else:
            lead = t("plans.reinstalment", lang, term=plan.term_months)
        parts = [lead, _rate_words(plan, lang)]
        if getattr(plan, "down_payment_fen", 0):
            parts.append(
                t("plans.down_payment", lang, amount=f"{plan.down_payment_fen / 100:,.2f}")
            )
    elif isinstance(plan, Holiday):
        parts = [t(f"plans.holiday_{plan.interest}", lang, months=plan.months)]
    elif isinstance(plan, Settlement):
        if plan.discount is not None:
            parts = [
                t(
                    "plans.settlement_discount",
                    lang,
                    month=plan.month,
                    discount=_percent(plan.discount),
                )
            ]
        else:
            parts = [
                t(
                    "plans.settlement_amount",
                    lang,
                    month=plan.month,
                    amount=f"{(plan.amount_fen or 0) / 100:,.2f}",
                )
            ]
    else:
        parts = [t("plans.custom", lang, count=len(plan.payments_fen))]
    waiver = plan if isinstance(plan, Waiver) else getattr(plan, "waiver", None)
    if waiver is not None:
        parts.append(_waiver_words(waiver, lang))
    return t("plans.joiner", lang).join(p for p in parts if p)


def _rate_words(plan: Reinstalment | StepUp, lang: str) -> str:
    if plan.freeze_interest:
        return t("plans.interest_frozen", lang)
    if getattr(plan, "monthly_fee_rate", None) is not None:
        return t("plans.monthly_fee", lang, rate=_percent(plan.monthly_fee_rate))
    if plan.annual_rate is not None:
        return t("plans.annual_rate", lang, rate=_percent(plan.annual_rate))
    return t("plans.contract_rate", lang)


def _waiver_words(waiver: Waiver, lang: str) -> str:
    items = [
        t(key, lang)
        for flag, key in (
            (waiver.penalty, "plans.waive_penalty"),
            (waiver.charges, "plans.waive_charges"),
        )
        if flag
    ]
    if waiver.interest_share:
        items.append(t("plans.waive_interest", lang, share=_percent(waiver.interest_share)))
    return t("plans.waived", lang, items=t("plans.and", lang).join(items)) if items else ""
