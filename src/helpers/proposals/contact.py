"""Which lender, when: the next due date of each unsecured debt, the day to contact its lender
by, the channel to use, and the order of the calls.

Rules (DOMAIN.md, "The negotiation the workbench supports"):

- **Next due date.** The first date on or after the case's as-of date that falls on the debt's
  due day; in a month without that day (the 31st in April, the 29th–31st in February), the
  month's last day. A due date on the as-of date itself is the next one: it is not yet missed.
- **Contact by.** :data:`CONTACT_LEAD_DAYS` calendar days before the next due date (step 1: act
  before the due date, while the debt is still current, and with time for a second try or for a
  letter to arrive). Calendar days, not working days: weekends and public holidays are not
  skipped, so before a holiday contact sooner. Contact *now* (the as-of date) when the debt is
  already overdue, when its due date is nearer than the lead, or when it has no due day.
- **Channel** (step 5): a relative's or friend's loan in person or by a message; a written
  application where the plan needs an agreement in writing: a card arrangement is an individual
  repayment agreement under art. 70 of the card measures, whose terms the agreement must state,
  and a settlement at a discount closes the debt only once the lender confirms it in writing; an
  online platform through its app's chat (the transcript is the record); other lenders by their
  service hotline (note the date, time, agent's ID and what was promised, and ask for written or
  recorded confirmation).
- **Order.** Earliest contact-by date first; then what waiting costs more: a debt reported to
  the credit reference centre before one that is not (waiting costs it a record kept 5 years,
  besides the money), the longest overdue (nearest the 90-day line of the credit report and a
  loan's acceleration), the earliest due date, the larger balance owed; last, the case's order.

When must Zhang Wei call 招商银行, and whom does he contact first?

>>> from helpers.case import load_sample
>>> plan = contact_plan(load_sample())
>>> [(c.debt_id, c.contact_by.isoformat(), c.channel.value) for c in plan][:2]
[('d1', '2025-04-01', 'written'), ('d3', '2025-04-01', 'hotline')]
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from helpers.case import Case, Debt, LenderKind
from helpers.errors import WorkbenchError
from helpers.months import next_due_date
from helpers.plans import Plan, Settlement, StatusQuo
from helpers.scenarios import scenario_from_data, unsecured_ids

__all__ = [
    "CONTACT_LEAD_DAYS",
    "Channel",
    "ChannelReason",
    "Timing",
    "Contact",
    "next_due_date",
    "contact_date",
    "suggested_channel",
    "case_plans",
    "contact_plan",
]

# Calendar days between "contact by" and the due date: a week leaves time for a second call when
# the first agent cannot decide, or for a written application to arrive (project's choice).
CONTACT_LEAD_DAYS = 7


class Channel(StrEnum):
    """How to reach the lender."""

    WRITTEN = "written"
    HOTLINE = "hotline"
    ONLINE_CHAT = "online_chat"
    IN_PERSON = "in_person"


class ChannelReason(StrEnum):
    """Why that channel (one rule each, see the module's docstring)."""

    CARD_AGREEMENT = "card_agreement"
    SETTLEMENT = "settlement"
    PLATFORM_APP = "platform_app"
    SERVICE_LINE = "service_line"
    RELATIVE = "relative"


class Timing(StrEnum):
    """Why the contact-by date is what it is."""

    OVERDUE = "overdue"
    DUE_SOON = "due_soon"
    BEFORE_DUE = "before_due"
    NO_DUE_DAY = "no_due_day"


@dataclass(frozen=True)
class Contact:
    """One lender to contact: by when, how, and why; ``order`` counts from 1.

    ``needs_agreement`` is False only where the plan for the debt is to run on its contract
    (a :class:`helpers.plans.StatusQuo`); with no plan, an agreement is assumed to be sought.
    """

    order: int
    debt_id: str
    lender: str
    kind: LenderKind
    owed_fen: int
    days_overdue: int
    next_due: date | None
    contact_by: date
    timing: Timing
    channel: Channel
    reason: ChannelReason
    needs_agreement: bool
    credit_reported: bool


def contact_date(
    as_of: date, next_due: date | None, days_overdue: int, *, lead_days: int = CONTACT_LEAD_DAYS
) -> tuple[date, Timing]:
    """The day to contact the lender by, and why: ``lead_days`` before the due date, or now.

    Examples
    --------
    The 建设银行 card is due on 27 April; on 1 April there are 26 days left, so call by the
    20th (27 − 7):

    >>> contact_date(date(2025, 4, 1), date(2025, 4, 27), 0)
    (datetime.date(2025, 4, 20), <Timing.BEFORE_DUE: 'before_due'>)

    Due on 8 April: 8 − 7 = 1 April, today. Already 42 days overdue: today, whatever the date.

    >>> contact_date(date(2025, 4, 1), date(2025, 4, 8), 0)[1].value
    'due_soon'
    >>> contact_date(date(2025, 4, 1), date(2025, 4, 20), 42)
    (datetime.date(2025, 4, 1), <Timing.OVERDUE: 'overdue'>)
    """
    if days_overdue > 0:
        return as_of, Timing.OVERDUE
    if next_due is None:
        return as_of, Timing.NO_DUE_DAY
    by = next_due - timedelta(days=lead_days)
    if by <= as_of:
        return as_of, Timing.DUE_SOON
    return by, Timing.BEFORE_DUE


def suggested_channel(debt: Debt, plan: Plan | None = None) -> tuple[Channel, ChannelReason]:
    """The channel to use for ``debt`` under ``plan`` (None: an agreement is sought), and why.

    Examples
    --------
    Zhang Wei's card needs an individual instalment agreement (art. 70), in writing; his cousin
    is asked in person; 借呗 through its app:

    >>> from helpers.case import load_sample
    >>> case = load_sample()
    >>> [suggested_channel(case.debt(i))[0].value for i in ("d1", "d5", "d4", "d3")]
    ['written', 'in_person', 'online_chat', 'hotline']

    Paying the card as agreed needs no agreement, so a call is enough:

    >>> suggested_channel(case.debt("d1"), StatusQuo("minimum"))
    (<Channel.HOTLINE: 'hotline'>, <ChannelReason.SERVICE_LINE: 'service_line'>)
    """
    agreement = not isinstance(plan, StatusQuo)
    if debt.kind == LenderKind.PRIVATE:
        return Channel.IN_PERSON, ChannelReason.RELATIVE
    if agreement and debt.kind == LenderKind.CREDIT_CARD:
        return Channel.WRITTEN, ChannelReason.CARD_AGREEMENT
    if agreement and isinstance(plan, Settlement):
        return Channel.WRITTEN, ChannelReason.SETTLEMENT
    if debt.kind == LenderKind.ONLINE_PLATFORM:
        return Channel.ONLINE_CHAT, ChannelReason.PLATFORM_APP
    return Channel.HOTLINE, ChannelReason.SERVICE_LINE


def case_plans(case: Case) -> dict[str, Plan]:
    """The plans of the case's chosen scenario by debt id; empty when none is chosen or the
    choice no longer reads (a case edited since).

    >>> from helpers.case import load_sample
    >>> case_plans(load_sample())
    {}
    """
    if not case.chosen_scenario:
        return {}
    try:
        return scenario_from_data(case.chosen_scenario).plan_map
    except (WorkbenchError, KeyError, TypeError, ValueError):
        return {}


def contact_plan(case: Case, plans: Mapping[str, Plan] | None = None) -> tuple[Contact, ...]:
    """Every unsecured debt's lender: by when to contact it, how, and in which order.

    Parameters
    ----------
    case : Case
        The borrower's case; secured debts (mortgage, car) run on and are left out.
    plans : mapping of debt id to Plan, optional
        The plan for each debt; by default the case's chosen scenario (:func:`case_plans`).

    Examples
    --------
    Whom does Zhang Wei contact, in what order, by when? On 1 April 2025 his 招商银行 card is
    42 days overdue and 招联 16 days; 借呗 is due on the 8th (within the week); his cousin's
    loan has no due day; the 建设银行 card is due on the 27th, so by the 20th.

    >>> from helpers.case import load_sample
    >>> for c in contact_plan(load_sample()):
    ...     print(c.order, c.lender, c.contact_by, c.timing.value, c.channel.value)
    1 招商银行 2025-04-01 overdue written
    2 招联消费金融 2025-04-01 overdue hotline
    3 借呗 2025-04-01 due_soon online_chat
    4 表哥 2025-04-01 no_due_day in_person
    5 建设银行 2025-04-20 before_due written
    """
    chosen = case_plans(case) if plans is None else dict(plans)
    unsecured = set(unsecured_ids(case))
    rows = []
    for position, debt in enumerate(case.debts):
        if debt.id not in unsecured:
            continue
        plan = chosen.get(debt.id)
        due = next_due_date(case.as_of, debt.due_day)
        by, timing = contact_date(case.as_of, due, debt.days_overdue)
        channel, reason = suggested_channel(debt, plan)
        reported = debt.terms.credit_reported
        key = (by, not reported, -debt.days_overdue, due or date.max, -debt.owed_fen, position)
        fields = (debt.id, debt.lender, debt.kind, debt.owed_fen, debt.days_overdue, due, by)
        rest = (timing, channel, reason, not isinstance(plan, StatusQuo), reported)
        rows.append((key, fields + rest))
    rows.sort(key=lambda row: row[0])
    return tuple(Contact(n, *values) for n, (_, values) in enumerate(rows, start=1))
