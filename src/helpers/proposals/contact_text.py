"""The contact plan for people: a table and one line per lender, in either language.

What does Zhang Wei's plan say about 借呗?

>>> from helpers.case import load_sample
>>> from helpers.proposals.contact import contact_plan
>>> print(contact_lines(contact_plan(load_sample()), "en")[2])  # doctest: +ELLIPSIS
3. 借呗 (d4): due on 2025-04-08, 7 days away or less: contact now (2025-04-01). Channel: ...
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from helpers.i18n import t
from helpers.proposals.contact import CONTACT_LEAD_DAYS, ChannelReason, Contact, Timing
from helpers.rules import facts, source_text

__all__ = ["CONTACT_COLUMNS", "timing_text", "how_text", "contact_frame", "contact_lines"]

CONTACT_COLUMNS = (
    "order",
    "debt_id",
    "lender",
    "next_due",
    "contact_by",
    "when",
    "channel",
    "how",
)


def timing_text(contact: Contact, lang: str) -> str:
    """Why the contact-by date is that day, in a few words.

    >>> from helpers.case import load_sample
    >>> from helpers.proposals.contact import contact_plan
    >>> plan = contact_plan(load_sample())
    >>> timing_text(plan[0], "zh-CN")
    '已逾期 42 天：现在（2025-04-01）就联系'
    >>> timing_text(plan[4], "en")
    'due on 2025-04-27: contact by 2025-04-20 (7 days before)'

    A loan due on the case's date itself:

    >>> timing_text(contact_plan(load_sample("zhao_min_family_rural"))[1], "en")
    'due today (2026-03-01): contact now'
    """
    due = contact.next_due.isoformat() if contact.next_due else ""
    key = contact.timing.value
    if contact.timing == Timing.DUE_SOON and contact.next_due == contact.contact_by:
        key = "due_today"
    return t(
        f"proposals.timing.{key}",
        lang,
        count=contact.days_overdue,
        by=contact.contact_by.isoformat(),
        due=due,
        lead=CONTACT_LEAD_DAYS,
    )


def how_text(contact: Contact, lang: str) -> str:
    """What to do on that channel and why it is the one, with the rule's source where it is law.

    >>> from helpers.case import load_sample
    >>> from helpers.proposals.contact import contact_plan
    >>> print(how_text(contact_plan(load_sample())[0], "en"))  # doctest: +ELLIPSIS
    A card hardship instalment is an individual repayment agreement ... Banks (2011), art. 70).
    """
    source = ""
    if contact.reason == ChannelReason.CARD_AGREEMENT:
        source = source_text(facts()["card_plan"]["source"], lang)
    return t(f"proposals.reason.{contact.reason.value}", lang, source=source)


def _cells(contact: Contact, lang: str) -> list[object]:
    due = contact.next_due.isoformat() if contact.next_due else t("proposals.contact.no_due", lang)
    return [
        contact.order,
        contact.debt_id,
        contact.lender,
        due,
        contact.contact_by.isoformat(),
        timing_text(contact, lang),
        t(f"proposals.channel.{contact.channel.value}", lang),
        how_text(contact, lang),
    ]


def contact_frame(contacts: Sequence[Contact], lang: str) -> pd.DataFrame:
    """The contact plan as a table (columns :data:`CONTACT_COLUMNS`, translated), one row per
    lender in the order of contact; dates written YYYY-MM-DD.

    >>> from helpers.case import load_sample
    >>> from helpers.proposals.contact import contact_plan
    >>> frame = contact_frame(contact_plan(load_sample()), "zh-CN")
    >>> list(frame.columns[:5]), frame.iloc[3, 3]
    (['顺序', '编号', '出借方', '下次到期', '最迟联系日'], '无')
    """
    columns = [t(f"proposals.contact.col.{name}", lang) for name in CONTACT_COLUMNS]
    return pd.DataFrame([_cells(c, lang) for c in contacts], columns=columns)


def contact_lines(contacts: Sequence[Contact], lang: str) -> list[str]:
    """One line per lender, in the order of contact: when, the channel, what to do.

    >>> from helpers.case import load_sample
    >>> from helpers.proposals.contact import contact_plan
    >>> print(contact_lines(contact_plan(load_sample()), "zh-CN")[3])  # doctest: +ELLIPSIS
    4. 表哥（d5）：没有固定还款日：现在（2025-04-01）就说明情况。渠道：当面或发消息。...
    """
    return [
        t(
            "proposals.contact.line",
            lang,
            order=c.order,
            lender=c.lender,
            debt_id=c.debt_id,
            when=timing_text(c, lang),
            channel=t(f"proposals.channel.{c.channel.value}", lang),
            how=how_text(c, lang),
        )
        for c in contacts
    ]
