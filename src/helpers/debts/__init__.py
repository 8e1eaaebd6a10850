"""Each debt today (its standing) and what waiting costs, month by month.

What would three more months of paying nothing add to Zhang Wei's debts?

>>> from helpers.case import load_sample
>>> print(waiting_summary(load_sample(), months=3).render("en"))  # doctest: +ELLIPSIS
3 more months without paying would add CN¥6,608.76 to 5 debts: interest CN¥3,020.18, ...
"""

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
    waiting_rate_text,
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
    "waiting_rate_text",
    "waiting_summary",
]
