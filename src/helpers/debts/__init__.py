"""Each debt today (standing) and what waiting costs."""

from helpers.debts.standing import (
    STANDING_COLUMNS,
    DebtStanding,
    debt_standing,
    reported_class,
    standing_frame,
)
from helpers.debts.waiting import (
    PAST_DUE_DAYS,
    WAITING_COLUMNS,
    WAITING_HORIZON,
    CostOfWaiting,
    DebtWaiting,
    cost_of_waiting,
    waiting_summary,
)
from helpers.debts.waiting_summary import WaitingSummary

__all__ = [
    "CostOfWaiting",
    "DebtStanding",
    "DebtWaiting",
    "PAST_DUE_DAYS",
    "STANDING_COLUMNS",
    "WAITING_COLUMNS",
    "WAITING_HORIZON",
    "WaitingSummary",
    "cost_of_waiting",
    "debt_standing",
    "reported_class",
    "standing_frame",
    "waiting_summary",
]
