"""Where each debt stands today: what is owed, its true annual rate, the legal lines it
crosses (:func:`helpers.rules.audit`) and its overdue class in the credit report.

>>> from helpers.case import load_sample
>>> [s.class_text("en") for s in debt_standing(load_sample())]
['special mention', 'normal', 'special mention', 'normal', 'not reported']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from helpers.case import Case, Debt, LenderKind
from helpers.i18n import join_clauses, label, t
from helpers.money import fen_to_yuan
from helpers.rates import TrueRate, format_rate
from helpers.rules import Audit, OverdueClass, audit, overdue_class

__all__ = [
    "STANDING_COLUMNS",
    "DebtStanding",
    "debt_standing",
    "reported_class",
    "standing_frame",
]

STANDING_COLUMNS = (
    "debt_id",
    "lender",
    "kind",
    "owed",
    "quote",
    "nominal",
    "effective",
    "crossed",
    "days_overdue",
    "class_now",
)


def reported_class(debt: Debt, days: int) -> OverdueClass | None:
    """The overdue class ``days`` past due puts the debt in (cards and loans have different
    thresholds); None for a debt its lender does not report to the credit reference centre.

    >>> from helpers.case import load_sample
    >>> case = load_sample()
    >>> reported_class(case.debt("d1"), 95).value, reported_class(case.debt("d5"), 95)
    ('substandard', None)
    """
    if not debt.terms.credit_reported:
        return None
    return overdue_class(days, card=debt.kind == LenderKind.CREDIT_CARD)


@dataclass(frozen=True)
class DebtStanding:
    """One debt today: what is owed, its audit (true annual rate, lines crossed), its class.

    ``class_now`` is None for a debt not reported to the credit reference centre.
    """

    audit: Audit
    owed_fen: int
    days_overdue: int
    class_now: OverdueClass | None

    @property
    def debt_id(self) -> str:
        """The debt's id.

        >>> from helpers.case import load_sample
        >>> debt_standing(load_sample())[0].debt_id
        'd1'
        """
        return self.audit.debt_id

    @property
    def rate(self) -> TrueRate:
        """The all-in true annual rate (``nominal_annual_rate``, ``effective_annual_rate``).

        >>> from helpers.case import load_sample
        >>> round(debt_standing(load_sample())[0].rate.effective_annual_rate, 4)
        0.1986
        """
        return self.audit.all_in

    def rate_text(self, which: str, lang: str) -> str:
        """The ``"nominal"`` or ``"effective"`` rate as a percentage, or why there is none.

        >>> from helpers.case import load_sample
        >>> debt_standing(load_sample())[0].rate_text("nominal", "en")
        '18.25%'
        """
        value = getattr(self.rate, f"{which}_annual_rate")
        return format_rate(value) if value is not None else t("debts.waiting.no_rate", lang)

    def crossed_text(self, lang: str) -> str:
        """The lines crossed in a few words ("all-in 15.00% > 13.40%"), or "none".

        >>> from helpers.case import load_sample
        >>> standing = debt_standing(load_sample("chen_jian_business_loss"))
        >>> standing[6].crossed_text("en"), standing[0].crossed_text("zh-CN")
        ('all-in 15.00% > 13.40%', '无')
        """
        if not self.audit.findings:
            return t("debts.waiting.crossed_none", lang)
        clauses = (
            t(
                "debts.waiting.crossed",
                lang,
                what=t(f"debts.waiting.rate_kind.{f.rate_kind.value}", lang),
                rate=format_rate(f.annual_rate),
                line=format_rate(f.line.annual_rate),
            )
            for f in self.audit.findings
        )
        return join_clauses(clauses, lang)

    def crossed_details(self, lang: str) -> str:
        """Every line crossed in full, with its effect and source (for a tooltip or a note).

        >>> from helpers.case import load_sample
        >>> debt = debt_standing(load_sample("chen_jian_business_loss"))[6]
        >>> print(debt.crossed_details("en"))  # doctest: +ELLIPSIS
        The all-in rate of 15.00% a year (nominal, on the money received) is above 4 × ...
        """
        return "\n".join(f.render(lang) for f in self.audit.findings)

    def cells(self, lang: str) -> list:
        """The debt's cells in :data:`STANDING_COLUMNS` order, for people (owed in fen).

        >>> from helpers.case import load_sample
        >>> debt_standing(load_sample())[0].cells("en")[:4]
        ['d1', '招商银行', 'credit card', 2879000]
        """
        return [
            self.debt_id,
            self.audit.lender,
            label("case.lender_kind", self.audit.kind, lang),
            self.owed_fen,
            self.audit.quote_text(lang),
            self.rate_text("nominal", lang),
            self.rate_text("effective", lang),
            self.crossed_text(lang),
            self.days_overdue,
            self.class_text(lang),
        ]

    def class_text(self, lang: str) -> str:
        """The overdue class now, named; "not reported" for a debt the lender does not report.

        >>> from helpers.case import load_sample
        >>> [s.class_text("en") for s in debt_standing(load_sample())][-2:]
        ['normal', 'not reported']
        """
        if self.class_now is None:
            return t("debts.waiting.not_reported", lang)
        return label("rules.overdue_class", self.class_now, lang)


def debt_standing(case: Case) -> tuple[DebtStanding, ...]:
    """Every debt of the case as it stands on the as-of date (:func:`helpers.rules.audit`).

    Examples
    --------
    Zhang Wei's 招联 loan: 21.6% a year, crossing the 24% line only once overdue (1.5 × 21.6%),
    already 45 days overdue:

    >>> from helpers.case import load_sample
    >>> loan = debt_standing(load_sample())[2]
    >>> round(loan.rate.nominal_annual_rate, 4), loan.crossed_text("en"), loan.class_now.value
    (0.216, 'overdue 32.40% > 24.00%', 'special_mention')
    """
    return tuple(
        DebtStanding(
            audit(debt, as_of=case.as_of),
            debt.owed_fen,
            debt.days_overdue,
            reported_class(debt, debt.days_overdue),
        )
        for debt in case.debts
    )


def standing_frame(
    case: Case, lang: str, standing: Sequence[DebtStanding] | None = None
) -> pd.DataFrame:
    """The debts as they stand, for people: owed in yuan, the quote, the true annual rate
    (nominal and effective), the lines crossed in short, the days and class overdue now
    (columns :data:`STANDING_COLUMNS`, translated).

    >>> from helpers.case import load_sample
    >>> frame = standing_frame(load_sample(), "en")
    >>> frame.iloc[0, 4:8].tolist()
    ['0.05% a day (18.25% a year on 365 days)', '18.25%', '19.86%', 'none']
    >>> int(frame.iloc[0, 8]), frame.iloc[0, 9]
    (42, 'special mention')
    """
    standing = standing if standing is not None else debt_standing(case)
    owed = STANDING_COLUMNS.index("owed")
    rows = []
    for s in standing:
        cells = s.cells(lang)
        cells[owed] = float(fen_to_yuan(cells[owed]))
        rows.append(cells)
    return pd.DataFrame(
        rows, columns=[t(f"debts.waiting.scol_{c}", lang) for c in STANDING_COLUMNS]
    )
