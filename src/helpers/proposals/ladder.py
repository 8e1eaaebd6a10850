"""The fallback ladder for one lender: ask → target → floor, each a plan computed from the
budget, never typed, with the other debts' plans held as chosen.

Every rung runs the offers' path (:func:`helpers.offers.own_base`,
:func:`helpers.offers.with_plan`): the borrower's own scenario (chosen in notebook 03, else
the recommended one) with this debt's plan swapped, under its allocation policy and the money
the budget leaves for debts each month (:func:`helpers.budget.monthly_budget`). A rung is kept
only when no month falls short (DOMAIN.md, step 6: never accept a plan the budget cannot
carry).

- **Ask**: the own plan for the debt, a card's term capped so the agreement runs at most 60
  months (art. 70 of the card measures), saying so. Where that does not fit the budget, the
  affordable offer's plan for the debt (:func:`helpers.scenarios.affordable_offer`), saying so;
  where neither fits, no ask.
- **Floor**: the plan nearest the lender's own terms that the budget carries every month. Its
  shapes (:func:`floor_shapes`), nearest first: the ask's own, where a step-up keeps the ask's
  low payments and low months (the hardship) and any other plan becomes a level
  re-instalment; then, where the ask is a schedule whose first months pay less (the affordable
  offer while income is low), a step-up that keeps those low months at their lowest payment
  (nothing: a payment holiday) and then pays level instalments. A level re-instalment cannot
  fit a budget that has (almost) nothing in its first months however long it runs: its
  instalment must fit the leanest month. Every shape runs at the contract rate. The search
  takes the concessions in :data:`CONCESSIONS` order (no waiver → penalty → penalty and
  charges → a quarter, half, three quarters, all of the interest so far → the interest also
  frozen), each with every shape, and stops at the first concession and shape whose longest
  term (:data:`LADDER_MAX_MONTHS` months in all, the card limit and the workbench's horizon)
  the budget carries; then the shortest term it carries, by bisection (:func:`shortest_term`).
  A longer term only lowers the instalment, so affordability is monotone in the term and
  bisection needs about log2(60) ≈ 6 runs instead of 60; the property test checks the claim
  on random cases (one month shorter is short), and a guard steps down a month while the
  month before also fits, should rounding ever break it. A larger concession only lowers
  what is owed, so the first concession that fits is the smallest: the next smaller one is
  short even at the longest term.
- **Target**: the floor's shape and term with the ask's concessions (its waiver and a frozen
  interest) added to the floor's. Where that adds nothing, or (against monotonicity) falls
  short, the target is the floor, saying so.
- **Words** (:attr:`Ladder.words`): where the floor cannot be computed (no plan on those terms
  fits, usually months with nothing to pay from), a last rung in words: a guarantor, a smaller
  first payment, a token payment and a review date :data:`REVIEW_MONTHS` months on.

What can Zhang Wei fall back to with 招商银行, his first card?

>>> from helpers.case import load_sample
>>> ladder = fallback_ladder(load_sample(), "d1")
>>> [r.name for r in ladder.rungs], ladder.floor.plan.term_months, ladder.words
(['ask', 'target', 'floor'], 7, False)
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from helpers.budget import DEFAULT_HORIZON
from helpers.case import Case, LenderKind
from helpers.engine import ROW_COLUMNS
from helpers.offers import debt_total_fen, find_debt, own_base, with_plan
from helpers.plans import (
    CARD_PLAN_MAX_MONTHS,
    CustomSchedule,
    Plan,
    Reinstalment,
    StepUp,
    Waiver,
)
from helpers.scenarios import ScenarioResult, affordable_offer

__all__ = [
    "CONCESSIONS",
    "LADDER_HORIZON",
    "LADDER_MAX_MONTHS",
    "REVIEW_MONTHS",
    "Concession",
    "Ladder",
    "Rung",
    "cap_term",
    "concession_of",
    "fallback_ladder",
    "floor_shapes",
    "shortest_term",
]

# The longest agreement on any rung: art. 70's 60 months for a card, and the workbench's
# horizon for every other debt (nothing beyond it is projected).
LADDER_MAX_MONTHS = CARD_PLAN_MAX_MONTHS
# The review date of the last rung in words: a quarter on, when the hardship is looked at again
# (project's choice).
REVIEW_MONTHS = 3
# Months every rung is projected over: the agreement month, then up to 60 months of instalments.
LADDER_HORIZON = DEFAULT_HORIZON + 1
_DUE = ROW_COLUMNS.index("scheduled_due")


@dataclass(frozen=True)
class Concession:
    """What the lender gives up on a rung: a waiver at the agreement, and the interest frozen.

    >>> Concession(Waiver(charges=False)).waiver.penalty
    True
    """

    waiver: Waiver | None = None
    freeze_interest: bool = False

    def __or__(self, other: Concession) -> Concession:
        """Both concessions together (each item given in either).

        >>> (Concession(Waiver(charges=False)) | Concession(None, True)).freeze_interest
        True
        """
        a, b = self.waiver, other.waiver
        if a is None or b is None:
            waiver = a or b
        else:
            share = max(a.interest_share, b.interest_share)
            waiver = Waiver(a.penalty or b.penalty, a.charges or b.charges, share)
        return Concession(waiver, self.freeze_interest or other.freeze_interest)


# The floor's search order, smallest concession first; each step gives all the previous did.
CONCESSIONS: tuple[Concession, ...] = (
    Concession(),
    Concession(Waiver(penalty=True, charges=False)),
    Concession(Waiver(penalty=True, charges=True)),
    *(Concession(Waiver(True, True, share)) for share in (0.25, 0.5, 0.75, 1.0)),
    Concession(Waiver(True, True, 1.0), freeze_interest=True),
)


@dataclass(frozen=True)
class Rung:
    """One rung: the debt's plan, the own scenario run with it, and notes (message keys).

    >>> from helpers.case import load_sample
    >>> ask = fallback_ladder(load_sample(), "d1").ask
    >>> ask.name, ask.shortfall_months, ask.monthly_fen, ask.total_fen
    ('ask', 0, 108555, 3469096)
    """

    name: str
    debt_id: str
    plan: Plan
    result: ScenarioResult
    notes: tuple[str, ...] = ()

    @property
    def dues_fen(self) -> tuple[int, ...]:
        """The debt's scheduled dues month by month.

        >>> from helpers.case import load_sample
        >>> fallback_ladder(load_sample(), "d1").floor.dues_fen[:3]
        (12463, 12463, 12463)
        """
        projection = self.result.projection
        k = projection.debt_ids.index(self.debt_id)
        return tuple(row[_DUE] for row in projection.rows[k :: len(projection.debt_ids)])

    @property
    def monthly_fen(self) -> int:
        """The largest monthly due on the debt.

        >>> from helpers.case import load_sample
        >>> fallback_ladder(load_sample(), "d1").floor.monthly_fen
        456125
        """
        return max(self.dues_fen, default=0)

    @property
    def total_fen(self) -> int:
        """What the debt costs in all: paid over the horizon, plus what is left owed.

        >>> from helpers.case import load_sample
        >>> fallback_ladder(load_sample(), "d1").floor.total_fen
        3242724
        """
        return debt_total_fen(self.result.projection, self.debt_id)

    @property
    def shortfall_months(self) -> int:
        """Months the budget cannot carry with this rung in place (0 on every rung).

        >>> from helpers.case import load_sample
        >>> fallback_ladder(load_sample(), "d1").target.shortfall_months
        0
        """
        return self.result.metrics.shortfall_months


@dataclass(frozen=True)
class Ladder:
    """The ladder for one debt.

    Attributes
    ----------
    debt_id : str
    ask, target, floor : Rung or None
        None where no plan of that rung fits the budget.
    floor_step : int or None
        The floor's concession, as an index into :data:`CONCESSIONS`.
    words : bool
        Whether the last rung in words is needed (no floor).
    runs : int
        How many engine runs the ladder took (the search's cost).
    """

    debt_id: str
    ask: Rung | None
    target: Rung | None
    floor: Rung | None
    floor_step: int | None
    words: bool
    runs: int

    @property
    def rungs(self) -> tuple[Rung, ...]:
        """The computed rungs, ask first.

        >>> from helpers.case import load_sample
        >>> [r.name for r in fallback_ladder(load_sample("li_na_illness"), "d1").rungs]
        ['ask', 'target', 'floor']
        """
        return tuple(r for r in (self.ask, self.target, self.floor) if r is not None)


def shortest_term(fits: Callable[[int], bool], longest: int) -> int | None:
    """The shortest term in 1..``longest`` that ``fits``, by bisection; None when even the
    longest does not. Assumes ``fits`` is monotone (a term that fits, any longer one fits too).

    The shortest term at which 10,000.00 in level instalments stays within 1,500.00 a month:

    >>> shortest_term(lambda n: -(-1_000_000 // n) <= 150_000, 60)
    7
    """
    if not fits(longest):
        return None
    low, high = 1, longest
    while low < high:
        middle = (low + high) // 2
        if fits(middle):
            high = middle
        else:
            low = middle + 1
    return high


def cap_term(plan: Plan, *, card: bool) -> tuple[Plan, bool]:
    """A card's re-instalment or step-up shortened to 60 months in all (art. 70), and whether
    it was.

    >>> plan, capped = cap_term(StepUp(30_000, low_months=6, term_months=72), card=True)
    >>> plan.term_months, capped
    (54, True)
    """
    if not card or not isinstance(plan, Reinstalment | StepUp):
        return plan, False
    low = plan.low_months if isinstance(plan, StepUp) else int(plan.down_payment_fen > 0)
    if low + plan.term_months <= CARD_PLAN_MAX_MONTHS:
        return plan, False
    return dataclasses.replace(plan, term_months=max(1, CARD_PLAN_MAX_MONTHS - low)), True


def concession_of(plan: Plan) -> Concession:
    """What a plan asks the lender to give up: its waiver, and whether interest is frozen (a
    custom schedule without a rate freezes it).

    >>> concession_of(Reinstalment(24, freeze_interest=True, waiver=Waiver(charges=False)))
    Concession(waiver=Waiver(penalty=True, charges=False, interest_share=0.0, start=0), \
freeze_interest=True)
    """
    waiver = plan if isinstance(plan, Waiver) else getattr(plan, "waiver", None)
    if isinstance(plan, CustomSchedule):
        return Concession(waiver, plan.annual_rate is None)
    return Concession(waiver, bool(getattr(plan, "freeze_interest", False)))


def _low_phase(plan: Plan | None) -> tuple[int, int] | None:
    """A schedule's low months: those before its payment first reaches its largest, and the
    lowest payment among them; None when it has none."""
    if not isinstance(plan, CustomSchedule) or not plan.payments_fen:
        return None
    payments = plan.payments_fen
    low_months = payments.index(max(payments))
    if low_months == 0:
        return None
    return min(payments[:low_months]), low_months


def floor_shapes(template: Plan | None) -> tuple[Plan, ...]:
    """The floor's shapes for an ask (or the own plan), nearest the lender's terms first, each
    at one month and at the contract rate with no concession (the search sets term and
    concession).

    Zhao Min's ask to her uncle is the affordable offer: 552.62 a month for six months, then
    more once her income recovers. A level re-instalment, or her low months kept:

    >>> from helpers.case import load_sample
    >>> from helpers.scenarios import affordable_offer
    >>> offer = affordable_offer(load_sample("zhao_min_family_rural")).plans["d3"]
    >>> floor_shapes(offer)
    (Reinstalment(term_months=1, ...), StepUp(low_payment_fen=55262, low_months=6, ...))
    """
    if isinstance(template, StepUp):
        return (StepUp(template.low_payment_fen, template.low_months, 1),)
    shapes: list[Plan] = [Reinstalment(1)]
    low = _low_phase(template)
    if low is not None:
        shapes.append(StepUp(low[0], low[1], 1))
    return tuple(shapes)


def _shaped(shape: Plan, term: int, concession: Concession) -> Plan:
    """A floor shape at ``term`` months with ``concession``."""
    return dataclasses.replace(
        shape,
        term_months=term,
        freeze_interest=concession.freeze_interest,
        waiver=concession.waiver,
    )


def _search(run: Callable[..., Rung], shape: Plan, concession: Concession) -> Rung | None:
    """The shortest term of ``shape`` with ``concession`` the budget carries, as a floor rung;
    None when even the longest does not."""
    low = shape.low_months if isinstance(shape, StepUp) else 0
    longest = LADDER_MAX_MONTHS - low
    tried: dict[int, Rung] = {}

    def fits(term: int) -> bool:
        if term not in tried:
            tried[term] = run("floor", _shaped(shape, term, concession))
        return tried[term].shortfall_months == 0

    term = shortest_term(fits, longest) if longest >= 1 else None
    while term is not None and term > 1 and fits(term - 1):  # a guard, should the budget
        term -= 1  # ever be carried one month shorter against monotonicity
    return tried[term] if term is not None else None


def fallback_ladder(case: Case, debt_id: str) -> Ladder:
    """The fallback ladder for one debt: ask, target, floor, or the last rung in words.

    Parameters
    ----------
    case : helpers.case.Case
    debt_id : str
        An unsecured debt of the case.

    Returns
    -------
    Ladder

    Raises
    ------
    helpers.offers.OfferError
        An unknown debt.

    Examples
    --------
    Li Na asks her card's bank for her step-up plan. How far can she step down? Keeping her low
    months, her budget carries the card's own rate with nothing waived over 7 months after them,
    not 6.

    >>> from helpers.case import load_sample
    >>> ladder = fallback_ladder(load_sample("li_na_illness"), "d1")
    >>> ladder.floor.plan.low_months, ladder.floor.plan.term_months, ladder.floor_step
    (6, 7, 0)
    """
    debt = find_debt(case, debt_id)
    card = debt.kind == LenderKind.CREDIT_CARD
    base, _ = own_base(case, horizon=LADDER_HORIZON)
    runs = 0

    def run(name: str, plan: Plan, notes: tuple[str, ...] = ()) -> Rung:
        nonlocal runs
        runs += 1
        return Rung(
            name,
            debt_id,
            plan,
            with_plan(case, base, debt_id, plan, horizon=LADDER_HORIZON),
            notes,
        )

    ask = None
    own = base.plan_map.get(debt_id)
    if own is not None:
        plan, capped = cap_term(own, card=card)
        ask = run("ask", plan, ("proposals.ladder.ask_capped",) if capped else ())
    if ask is None or ask.shortfall_months:
        offer = affordable_offer(case, horizon=LADDER_HORIZON).plans.get(debt_id)
        if offer is not None and offer != (ask.plan if ask else None):
            ask = run("ask", offer, ("proposals.ladder.ask_offer",))
    if ask is not None and ask.shortfall_months:
        ask = None
    template = ask.plan if ask is not None else own
    shapes = floor_shapes(template)
    floor, step = None, None
    for k, concession in enumerate(CONCESSIONS):
        for shape in shapes:
            floor = _search(run, shape, concession)
            if floor is not None:
                break
        if floor is not None:
            step = k
            break
    target = None
    if floor is not None:
        wanted = concession_of(ask.plan) | CONCESSIONS[step] if ask else CONCESSIONS[step]
        note = "proposals.ladder.target_is_floor"
        if wanted != CONCESSIONS[step]:
            target = run("target", _shaped(floor.plan, floor.plan.term_months, wanted))
            note = "proposals.ladder.target_short"
        if target is None or target.shortfall_months:
            target = dataclasses.replace(floor, name="target", notes=(note,))
    return Ladder(debt_id, ask, target, floor, step, floor is None, runs)
