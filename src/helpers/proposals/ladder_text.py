"""The fallback ladder in words, in the reader's language: each rung's plan, its largest
monthly due and its total, why a rung is what it is, and the last rung in words.

>>> from helpers.case import load_sample
>>> from helpers.proposals import fallback_ladder
>>> print(ladder_lines(fallback_ladder(load_sample("li_na_illness"), "d1"), "en")[2])
Floor: 0.00 a month for 6 months, then the rest over 7 months, at the contract rate. At most \
CN¥3,326.12 a month, CN¥23,282.78 in all, and your budget carries every month.
"""

from __future__ import annotations

from datetime import date

from helpers.i18n import t
from helpers.money import format_fen
from helpers.months import add_months_to_date
from helpers.plans import describe
from helpers.proposals.ladder import REVIEW_MONTHS, Ladder, Rung

__all__ = ["ladder_lines", "rung_text", "words_lines"]


def rung_text(rung: Rung, lang: str) -> str:
    """One rung in a sentence, then why it is what it is.

    >>> from helpers.case import load_sample
    >>> from helpers.proposals import fallback_ladder
    >>> print(rung_text(fallback_ladder(load_sample(), "d1").floor, "zh-CN"))
    底线：...每月最多还 ¥4,561.25，共计 ¥32,427.24，预算每个月都负担得起。
    """
    line = t(
        "proposals.ladder.line",
        lang,
        title=t(f"proposals.ladder.rung.{rung.name}", lang),
        plan=describe(rung.plan, lang),
        monthly=format_fen(rung.monthly_fen, lang),
        total=format_fen(rung.total_fen, lang),
    )
    return " ".join([line, *(t(key, lang) for key in rung.notes)])


def words_lines(as_of: date, lang: str) -> list[str]:
    """The last rung in words: a guarantor, a smaller first payment, a token payment and a
    review date :data:`REVIEW_MONTHS` months after ``as_of``.

    >>> words_lines(date(2025, 4, 1), "en")[-1]
    '- a token payment each month to show you mean to repay, and a review date, 2025-07-01, \
to agree the plan again.'
    """
    review = add_months_to_date(as_of, REVIEW_MONTHS).isoformat()
    head = t("proposals.ladder.words.lead", lang)
    items = [
        t("proposals.ladder.words.guarantor", lang),
        t("proposals.ladder.words.smaller_first", lang),
        t("proposals.ladder.words.token", lang, review=review),
    ]
    return [head, *(f"- {item}" for item in items)]


def ladder_lines(ladder: Ladder, lang: str, *, as_of: date | None = None) -> list[str]:
    """The ladder, a line a rung, ask first; where there is no ask, why; the last rung in words
    where there is no floor (its review date from ``as_of``, today when not given).

    What can Chen Jian offer his card's bank when his budget carries none of his plans?

    >>> from helpers.case import load_sample
    >>> from helpers.proposals import fallback_ladder
    >>> case = load_sample("chen_jian_business_loss")
    >>> lines = ladder_lines(fallback_ladder(case, "d5"), "en", as_of=case.as_of)
    >>> lines[0][:52], len(lines)
    ('With your other debts on their plans, neither your p', 5)
    """
    lines = [] if ladder.ask else [t("proposals.ladder.no_ask", lang)]
    lines += [rung_text(rung, lang) for rung in ladder.rungs]
    if ladder.words:
        lines += words_lines(as_of or date.today(), lang)
    return lines
