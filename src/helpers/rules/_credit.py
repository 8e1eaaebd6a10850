"""Credit-report facts: overdue classes, how long negative records stay, the card-plan maximum,
and the one-off credit relief of 2025-2026.

Values come from ``helpers/data/rules.yaml``, each with its source.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from helpers.i18n import t
from helpers.money import format_fen
from helpers.rules._data import facts, source_text

__all__ = [
    "CARD_PLAN_MAX_MONTHS",
    "NEGATIVE_RECORD_YEARS",
    "RELIEF_MAX_ITEM_FEN",
    "RELIEF_ARISING_FROM",
    "RELIEF_ARISING_TO",
    "RELIEF_REPAID_BY",
    "OverdueClass",
    "overdue_class",
    "ReliefStatus",
    "ReliefCheck",
    "one_off_relief",
]

# Card hardship instalments last at most 60 months (card measures (2011) art. 70).
CARD_PLAN_MAX_MONTHS: int = facts()["card_plan"]["max_months"]
# Negative credit records are kept 5 years from the end of the default (征信业管理条例 art. 16).
NEGATIVE_RECORD_YEARS: int = facts()["credit_report"]["negative_record_years"]
# PBOC one-off credit relief, announced 2025-12-22.
_RELIEF = facts()["one_off_relief"]
RELIEF_MAX_ITEM_FEN: int = _RELIEF["max_item_fen"]
RELIEF_ARISING_FROM: date = _RELIEF["arising_from"]
RELIEF_ARISING_TO: date = _RELIEF["arising_to"]
RELIEF_REPAID_BY: date = _RELIEF["repaid_by"]


class OverdueClass(StrEnum):
    """The five-tier risk class of a loan (正常, 关注, 次级, 可疑, 损失)."""

    NORMAL = "normal"
    SPECIAL_MENTION = "special_mention"
    SUBSTANDARD = "substandard"
    DOUBTFUL = "doubtful"
    LOSS = "loss"

    @property
    def non_performing(self) -> bool:
        """Substandard, doubtful and loss are non-performing (不良): past 90 days either way.

        >>> OverdueClass.SPECIAL_MENTION.non_performing, OverdueClass.SUBSTANDARD.non_performing
        (False, True)
        """
        return self in (OverdueClass.SUBSTANDARD, OverdueClass.DOUBTFUL, OverdueClass.LOSS)


_ORDER = (
    OverdueClass.LOSS,
    OverdueClass.DOUBTFUL,
    OverdueClass.SUBSTANDARD,
    OverdueClass.SPECIAL_MENTION,
)


def overdue_class(days_overdue: int, *, card: bool) -> OverdueClass:
    """The least risk class a lender must give a debt overdue this many days.

    Cards (card measures, asset classification): 1-90 days 关注, 91-120 次级, 121-180 可疑, over
    180 损失. Other loans (商业银行金融资产风险分类办法, 2023), at least: 1-90 关注, over 90 次级,
    over 270 可疑, over 360 损失.

    Parameters
    ----------
    days_overdue : int
        Calendar days since the earliest unpaid due date; 0 when nothing is overdue.
    card : bool
        True for a credit card, False for any other loan.

    Examples
    --------
    A card 103 days overdue is already non-performing; a bank loan as late is too, and stays
    substandard until day 270:

    >>> overdue_class(103, card=True), overdue_class(103, card=False)
    (<OverdueClass.SUBSTANDARD: 'substandard'>, <OverdueClass.SUBSTANDARD: 'substandard'>)
    >>> overdue_class(150, card=True).value, overdue_class(150, card=False).value
    ('doubtful', 'substandard')
    >>> overdue_class(0, card=True).value, overdue_class(90, card=False).value
    ('normal', 'special_mention')
    """
    if days_overdue < 0:
        raise ValueError(f"days_overdue must be 0 or more, not {days_overdue!r}")
    first_day = facts()["overdue_classes"]["card" if card else "loan"]["first_day"]
    for overdue in _ORDER:
        if days_overdue >= first_day[overdue.value]:
            return overdue
    return OverdueClass.NORMAL


class ReliefStatus(StrEnum):
    """Where an overdue item stands with the one-off credit relief."""

    QUALIFIES = "qualifies"
    IF_REPAID = "if_repaid"
    NOT_ELIGIBLE = "not_eligible"


@dataclass(frozen=True)
class ReliefCheck:
    """The verdict on one overdue item and the reasons (catalogue keys) behind it."""

    status: ReliefStatus
    reasons: tuple[str, ...]
    overdue_fen: int

    def render(self, lang: str) -> str:
        """The verdict and its reasons in ``lang``, with the source.

        >>> check = one_off_relief(800_000, arose_on=date(2024, 5, 1), as_of=date(2026, 1, 15))
        >>> print(check.render("en"))  # doctest: +ELLIPSIS
        Can be cleared by the one-off credit relief if repaid in full by 2026-03-31 ...
        """
        params = {
            "amount": format_fen(self.overdue_fen, lang),
            "limit": format_fen(RELIEF_MAX_ITEM_FEN, lang),
            "start": RELIEF_ARISING_FROM.isoformat(),
            "end": RELIEF_ARISING_TO.isoformat(),
            "deadline": RELIEF_REPAID_BY.isoformat(),
        }
        parts = [t(f"rules.relief.{self.status.value}", lang, **params)]
        parts += [t(key, lang, **params) for key in self.reasons]
        source = source_text(facts()["one_off_relief"]["source"], lang)
        return " ".join(parts) + f" [{source}]"


def one_off_relief(
    overdue_fen: int, *, arose_on: date, as_of: date, repaid_on: date | None = None
) -> ReliefCheck:
    """Whether an overdue item falls under the PBOC's one-off credit relief (2025-12-22).

    Items overdue by at most 10,000 yuan each, arising from 2020-01-01 to 2025-12-31 and repaid in
    full by 2026-03-31, are no longer shown in credit reports; it is free and needs no agent.

    Parameters
    ----------
    overdue_fen : int
        The item's overdue amount, in fen.
    arose_on : datetime.date
        When the item first went overdue.
    as_of : datetime.date
        Today, in the case.
    repaid_on : datetime.date, optional
        When the item was repaid in full; None if it is not yet.

    Examples
    --------
    8,000 overdue since May 2024, not yet repaid, checked in January 2026: repay it by 2026-03-31.
    12,000 is above the 10,000 limit:

    >>> one_off_relief(800_000, arose_on=date(2024, 5, 1), as_of=date(2026, 1, 15)).status.value
    'if_repaid'
    >>> check = one_off_relief(1_200_000, arose_on=date(2024, 5, 1), as_of=date(2026, 1, 15))
    >>> check.status.value, check.reasons
    ('not_eligible', ('rules.relief.too_large',))
    """
    reasons = []
    if overdue_fen > RELIEF_MAX_ITEM_FEN:
        reasons.append("rules.relief.too_large")
    if not RELIEF_ARISING_FROM <= arose_on <= RELIEF_ARISING_TO:
        reasons.append("rules.relief.outside_window")
    if repaid_on is not None and repaid_on > RELIEF_REPAID_BY:
        reasons.append("rules.relief.repaid_late")
    if repaid_on is None and as_of > RELIEF_REPAID_BY:
        reasons.append("rules.relief.deadline_passed")
    if reasons:
        return ReliefCheck(ReliefStatus.NOT_ELIGIBLE, tuple(reasons), int(overdue_fen))
    status = ReliefStatus.QUALIFIES if repaid_on is not None else ReliefStatus.IF_REPAID
    return ReliefCheck(status, (), int(overdue_fen))
