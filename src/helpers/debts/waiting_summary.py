"""The cost of waiting for the whole case, as one summary and in plain words.

Built by :func:`helpers.debts.waiting_summary`; the start notebook's overview says it in one
sentence, and the debts notebook adds how long the negative record would stay.
"""

from __future__ import annotations

from dataclasses import dataclass

from helpers.i18n import join_list, join_sentences, label, t
from helpers.money import format_fen
from helpers.rates import format_rate
from helpers.rules import NEGATIVE_RECORD_YEARS, OverdueClass, source_text

__all__ = ["WaitingSummary"]


@dataclass(frozen=True)
class WaitingSummary:
    """The whole case after ``months`` months of waiting, for one sentence (amounts in fen).

    Attributes
    ----------
    months : int
        Months of waiting.
    debts : int
        Debts counted (secured debts are left out unless asked for).
    interest_fen, penalty_fen, charges_fen : int
        What the debts grow by, per kind of posting.
    past_due : tuple of str
        Reported debts that would be more than 90 days overdue (non-performing) at the end and
        were not at the start.
    worst : OverdueClass
        The worst class a reported debt would be in at the end.
    default_ends, record_clears : str or None
        Were every reported debt brought up to date right after the wait, the month its default
        would end and the month the negative record would disappear at the earliest (five years
        later, 征信业管理条例 art. 16); None when no reported debt is overdue.
    over_line : tuple of (str, float, float)
        The debts whose waiting rate (what the wait costs a year on what is owed now) is above
        their legal line: (id, waiting rate, line).
    """

    months: int
    debts: int
    interest_fen: int
    penalty_fen: int
    charges_fen: int
    past_due: tuple[str, ...]
    worst: OverdueClass
    default_ends: str | None
    record_clears: str | None
    over_line: tuple[tuple[str, float, float], ...] = ()

    @property
    def added_fen(self) -> int:
        """Everything the wait adds.

        >>> WaitingSummary(3, 1, 100, 20, 5, (), OverdueClass.NORMAL, None, None).added_fen
        125
        """
        return self.interest_fen + self.penalty_fen + self.charges_fen

    def render(self, lang: str) -> str:
        """The summary in plain words: what it adds, who crosses 90 days, the worst class.

        >>> from helpers.case import load_sample
        >>> from helpers.debts import waiting_summary
        >>> print(waiting_summary(load_sample("li_na_illness"), months=1).render("zh-CN"))
        ... # doctest: +ELLIPSIS
        再等 1 个月不还款，4 笔债务将增加 ¥...：利息 ¥...，罚息 ¥...，违约金等费用 ¥...。...
        """
        parts = [
            t(
                "debts.waiting.summary",
                lang,
                months=self.months,
                count=self.debts,
                added=format_fen(self.added_fen, lang),
                interest=format_fen(self.interest_fen, lang),
                penalty=format_fen(self.penalty_fen, lang),
                charges=format_fen(self.charges_fen, lang),
            )
        ]
        if self.past_due:
            debts = join_list(self.past_due, lang)
            parts.append(t("debts.waiting.summary_past_due", lang, debts=debts))
        if self.over_line:
            debts = join_list(
                [
                    t("debts.waiting.over_line_debt", lang, debt=debt_id, rate=format_rate(rate),
                      line=format_rate(line))
                    for debt_id, rate, line in self.over_line
                ],
                lang,
            )  # fmt: skip
            parts.append(t("debts.waiting.summary_over_line", lang, debts=debts))
        if self.worst != OverdueClass.NORMAL:
            parts.append(
                t(
                    "debts.waiting.summary_worst",
                    lang,
                    worst=label("rules.overdue_class", self.worst, lang),
                )
            )
        return join_sentences(parts, lang)

    def record_text(self, lang: str) -> str:
        """How long the negative record would stay, with its source.

        >>> from helpers.case import load_sample
        >>> from helpers.debts import waiting_summary
        >>> print(waiting_summary(load_sample(), months=6).record_text("en"))
        ... # doctest: +ELLIPSIS
        A negative record stays 5 years after the default ends. Paying every reported debt \
up to date right after 6 months of waiting, the default would end in 2025-10 and the record \
would stay until 2030-10 at the earliest; each further month of waiting moves that date a month \
later. [Regulation on the Administration of the Credit Reporting Industry (2013), art. 16]
        """
        source = source_text("credit_regulation_art16", lang)
        if self.default_ends is None:
            return (
                t("debts.waiting.record_none", lang, years=NEGATIVE_RECORD_YEARS) + f" [{source}]"
            )
        text = t(
            "debts.waiting.record",
            lang,
            years=NEGATIVE_RECORD_YEARS,
            months=self.months,
            ends=self.default_ends,
            clears=self.record_clears,
        )
        return f"{text} [{source}]"
