"""A one-screen overview of a case: who, what happened, money in and out, and the debts.

Used by ``python -m helpers check`` and the start notebook.

>>> from helpers.case import load_sample
>>> rows = dict(summary_rows(load_sample(), "en"))
>>> rows["Debts"]
'5 debts, CN¥87,775.00 owed, 2 overdue'
"""

from __future__ import annotations

import pandas as pd

from helpers.case.model import Case, Cost, Income, active_in
from helpers.i18n import label, t
from helpers.money import fen_to_yuan, format_fen
from helpers.months import month_label

__all__ = [
    "monthly_total_fen",
    "summary_rows",
    "summary_frame",
    "debts_frame",
    "DEBT_COLUMNS",
]

DEBT_COLUMNS = ("id", "lender", "kind", "owed", "rate", "overdue")


def monthly_total_fen(items: tuple[Income, ...] | tuple[Cost, ...], month: str) -> int:
    """The sum of the incomes (or costs) that run in ``month``, in fen.

    >>> from helpers.case import load_sample
    >>> monthly_total_fen(load_sample().incomes, "2025-04")
    630000
    """
    return sum(item.amount_fen for item in items if active_in(item, month))


def _rate_text(case: Case, index: int, lang: str) -> str:
    quote, value = case.debts[index].rate_quote
    return t(f"case.summary.rate_{quote}", lang, rate=f"{value * 100:.4g}%")


def summary_rows(case: Case, lang: str) -> list[tuple[str, str]]:
    """Label and value of each line of the overview, in ``lang``.

    >>> from helpers.case import load_sample
    >>> dict(summary_rows(load_sample(), "zh-CN"))["家庭"]
    '3 人，城镇'
    """
    month = month_label(case.as_of)
    hardship = case.hardship
    if hardship:
        recovery = hardship.expected_recovery or t("case.summary.unknown", lang)
        hardship_text = t(
            "case.summary.hardship_value",
            lang,
            kind=label("case.hardship_kind", hardship.kind, lang),
            start=hardship.start,
            recovery=recovery,
        )
    else:
        hardship_text = t("case.summary.none", lang)
    overdue = sum(1 for d in case.debts if d.days_overdue > 0)
    ready = sum(1 for e in case.evidence if e.status.value in ("ready", "submitted"))
    return [
        (t("case.summary.as_of", lang), case.as_of.isoformat()),
        (t("case.summary.language", lang), label("case.language", case.language, lang)),
        (
            t("case.summary.household", lang),
            t(
                "case.summary.household_value",
                lang,
                size=case.household.size,
                count=case.household.size,
                area=label("case.area", case.household.area, lang),
            ),
        ),
        (t("case.summary.hardship", lang), hardship_text),
        (t("case.summary.income", lang), format_fen(monthly_total_fen(case.incomes, month), lang)),
        (t("case.summary.costs", lang), format_fen(monthly_total_fen(case.costs, month), lang)),
        (t("case.summary.savings", lang), format_fen(case.savings_fen, lang)),
        (
            t("case.summary.debts", lang),
            t(
                "case.summary.debts_value",
                lang,
                count=len(case.debts),
                owed=format_fen(sum(d.owed_fen for d in case.debts), lang),
                overdue=overdue,
            ),
        ),
        (
            t("case.summary.evidence", lang),
            t("case.summary.evidence_value", lang, ready=ready, count=len(case.evidence)),
        ),
    ]


def debts_frame(case: Case, lang: str) -> pd.DataFrame:
    """The debts as a table with translated headers; amounts owed in yuan.

    >>> from helpers.case import load_sample
    >>> frame = debts_frame(load_sample(), "en")
    >>> list(frame.columns)
    ['id', 'lender', 'kind', 'owed', 'rate', 'days overdue']
    >>> float(frame["owed"].sum())
    87775.0
    """
    rows = [
        {
            "id": debt.id,
            "lender": debt.lender,
            "kind": label("case.lender_kind", debt.kind, lang),
            "owed": float(fen_to_yuan(debt.owed_fen)),
            "rate": _rate_text(case, index, lang),
            "overdue": debt.days_overdue,
        }
        for index, debt in enumerate(case.debts)
    ]
    frame = pd.DataFrame(rows, columns=list(DEBT_COLUMNS))
    return frame.rename(columns={c: t(f"case.summary.col_{c}", lang) for c in DEBT_COLUMNS})


def summary_frame(case: Case, lang: str) -> pd.DataFrame:
    """The overview as a two-column table for a notebook.

    >>> from helpers.case import load_sample
    >>> summary_frame(load_sample(), "en").iloc[0].tolist()
    ['As of', '2025-04-01']
    """
    return pd.DataFrame(summary_rows(case, lang), columns=["", " "])
