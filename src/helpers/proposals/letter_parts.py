"""Parts of the written application: the hardship, the requests, the notes on the plan asked
for (the ladder's ask), and where no plan is affordable, the budget and the last rung in words.

A letter to a private lender (a relative or a friend) is a personal note: its texts come from
``proposals.personal.*`` where the formal letter's come from ``proposals.letter.*``
(:func:`letter_style`).

What does Chen Jian's budget leave for his unsecured debts, now and later?

>>> from helpers.case import load_sample
>>> for line in left_lines(load_sample("chen_jian_business_loss"), "en"):
...     print(line)
- 2026-01: after essential living costs and the payments on my secured loans (mortgage, car \
loan), my budget is short by CN¥7,847.63 this month.
- 2026-07: from this month it is expected to leave CN¥1,252.37 a month for my other debts.
"""

from __future__ import annotations

from datetime import date

from helpers.budget import monthly_budget
from helpers.case import Case, LenderKind
from helpers.i18n import label, t
from helpers.money import format_fen
from helpers.months import add_months_to_date
from helpers.proposals.ladder import LADDER_HORIZON, REVIEW_MONTHS
from helpers.scenarios import affordable_offer

__all__ = [
    "hardship_lines",
    "left_lines",
    "letter_style",
    "review_date",
    "token_payment",
    "words_requests",
]


def letter_style(case: Case, debt_id: str) -> str:
    """``"personal"`` for a private lender (a relative's or a friend's loan), else
    ``"letter"``: the prefix of the letter's texts.

    >>> from helpers.case import load_sample
    >>> case = load_sample("zhao_min_family_rural")
    >>> letter_style(case, "d3"), letter_style(case, "d1")
    ('personal', 'letter')
    """
    return "personal" if case.debt(debt_id).kind == LenderKind.PRIVATE else "letter"


def review_date(as_of: date) -> date:
    """The review date of the last rung in words: :data:`REVIEW_MONTHS` months on.

    >>> review_date(date(2025, 6, 1)).isoformat()
    '2025-09-01'
    """
    return add_months_to_date(as_of, REVIEW_MONTHS)


def hardship_lines(case: Case, lang: str) -> list[str]:
    """The hardship in the borrower's words, then its facts (kind and start, recovery, income
    now and after).

    >>> from helpers.case import load_sample
    >>> hardship_lines(load_sample(), "en")[-1]
    '- Household income after recovery: CN¥13,000.00 a month'
    """
    hardship = case.hardship
    if hardship is None:
        return [t("proposals.letter.no_hardship", lang)]
    lines = []
    if hardship.description:
        lines += [t("proposals.letter.in_my_words", lang), "", "> " + hardship.description, ""]
    kind = label("case.hardship_kind", hardship.kind, lang)
    lines.append("- " + t("proposals.letter.fact.kind", lang, kind=kind, start=hardship.start))
    if hardship.expected_recovery:
        recovery = hardship.expected_recovery
        lines.append("- " + t("proposals.letter.fact.recovery", lang, month=recovery))
    income_now = monthly_budget(case, horizon=1).income_fen[0]
    lines.append(
        "- " + t("proposals.letter.fact.income_now", lang, amount=format_fen(income_now, lang))
    )
    if hardship.income_after_recovery_fen is not None:
        after = format_fen(hardship.income_after_recovery_fen, lang)
        lines.append("- " + t("proposals.letter.fact.income_after", lang, amount=after))
    return lines


def left_lines(case: Case, lang: str) -> list[str]:
    """What the budget leaves for the unsecured debts (capacity: income less essential costs,
    the reserve and the secured debts' dues): this month, and where that is nothing, the
    first month that leaves money (or that none does within the horizon).

    Zhao Min, as of 2026-03: 4,400.00 income − 3,230.00 costs − 100.00 reserve.

    >>> from helpers.case import load_sample
    >>> left_lines(load_sample("zhao_min_family_rural"), "zh-CN")
    ['- 2026-03：扣除必要生活开支后，每月只剩 ¥1,070.00，要分给各贷款方。']
    """
    budget = monthly_budget(case, horizon=LADDER_HORIZON)
    capacity, months = budget.capacity_fen, budget.months
    secured = any(d.terms.secured for d in case.debts)
    after = t(f"proposals.letter.words.after_{'secured' if secured else 'costs'}", lang)
    now = capacity[0]
    key = "left_now" if now > 0 else "short_now"
    lines = [
        "- "
        + t(
            f"proposals.letter.words.{key}",
            lang,
            month=months[0],
            after=after,
            amount=format_fen(abs(now), lang),
        )
    ]
    if now <= 0:
        later = next((k for k, c in enumerate(capacity) if c > 0), None)
        if later is None:
            lines.append("- " + t("proposals.letter.words.never", lang))
        else:
            amount = format_fen(capacity[later], lang)
            text = t("proposals.letter.words.left_from", lang, month=months[later], amount=amount)
            lines.append(f"- {text}")
    return lines


def token_payment(case: Case, debt_id: str) -> tuple[int, str | None]:
    """The token payment the budget allows, in fen, and its first month: the debt's share of
    the first month that leaves money (the affordable offer's first payment to it); ``(0,
    None)`` when no month within the horizon leaves any.

    >>> from helpers.case import load_sample
    >>> token_payment(load_sample("chen_jian_business_loss"), "d5")
    (24180, '2026-07')
    """
    offer = affordable_offer(case, horizon=LADDER_HORIZON).plans.get(debt_id)
    payments = offer.payments_fen if offer is not None else ()
    first = next((k for k, p in enumerate(payments) if p > 0), None)
    months = monthly_budget(case, horizon=LADDER_HORIZON).months
    if first is None or first >= len(months):
        return 0, None
    return payments[first], months[first]


def words_requests(case: Case, debt_id: str, lang: str, style: str = "letter") -> list[str]:
    """What the letter asks for where no instalment plan is affordable: collection paused and
    interest frozen until the review date, a token payment where money is left, a guarantor,
    and the plan agreed again at the review.

    >>> from helpers.case import load_sample
    >>> words_requests(load_sample("chen_jian_business_loss"), "d5", "en")[0]
    'Pause collection, and stop interest, penalty interest and charges, until 2026-04-05.'
    """
    review = review_date(case.as_of).isoformat()
    amount_fen, month = token_payment(case, debt_id)
    amount = format_fen(amount_fen, lang)
    if month is None:
        token_text = t(f"proposals.{style}.words.token_none", lang)
    elif month == case.as_of.strftime("%Y-%m"):
        token_text = t(f"proposals.{style}.words.token_now", lang, amount=amount)
    else:
        token_text = t(f"proposals.{style}.words.token_later", lang, amount=amount, month=month)
    return [
        t(f"proposals.{style}.words.pause", lang, review=review),
        token_text,
        t(f"proposals.{style}.words.guarantor", lang),
        t(f"proposals.{style}.words.review", lang, review=review),
    ]
