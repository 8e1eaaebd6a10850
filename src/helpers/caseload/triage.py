"""Who needs contact first: the triage of a caseload.

Cases are ranked by three keys in turn (DESIGN.md's order of urgency, issue 19):

1. days to the next due date, soonest first;
2. days until a debt passes 90 days overdue, soonest first (a debt already past it counts 0);
3. what three more months without paying add (:func:`helpers.debts.cost_of_waiting`), largest
   first.

A case missing a key (no due day on any debt) comes after every case that has it. Cases that
tie on all three keep the order of their files. ``triage_reason`` says, in the reader's
language, which key put a case ahead of the case ranked just after it, or that they tie. A case
that does not load, or whose analysis failed, is not ranked: it goes last, with no rank.

>>> rows = [{"loaded": True, "problems": "", "next_due_days": 20, "days_to_90": 50,
...          "waiting_cost_3m": 0},
...         {"loaded": True, "problems": "", "next_due_days": 9, "days_to_90": 50,
...          "waiting_cost_3m": 0}]
>>> [(r["triage_rank"], r["next_due_days"]) for r in triage(rows, "en")]
[(1, 9), (2, 20)]
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from helpers.i18n import t
from helpers.money import format_fen

__all__ = ["TRIAGE_KEYS", "is_ranked", "triage", "triage_key"]

TRIAGE_KEYS = ("next_due_days", "days_to_90", "waiting_cost_3m")


def is_ranked(cells: dict[str, Any]) -> bool:
    """Whether a row takes part in the triage: its case loaded and was analysed.

    >>> is_ranked({"loaded": True, "problems": ""}), is_ranked({"loaded": False, "problems": "x"})
    (True, False)
    """
    return bool(cells["loaded"]) and not cells["problems"]


def triage_key(cells: dict[str, Any]) -> tuple[float, float, float]:
    """The sort key of a ranked row: soonest due, soonest past 90 days, dearest wait.

    >>> triage_key({"next_due_days": 9, "days_to_90": None, "waiting_cost_3m": 120000})
    (9, inf, -120000)
    """
    due, past_90, waiting = (cells[k] for k in TRIAGE_KEYS)
    return (
        math.inf if due is None else due,
        math.inf if past_90 is None else past_90,
        -(waiting or 0),
    )


def triage(rows: Sequence[dict[str, Any]], lang: str) -> list[dict[str, Any]]:
    """The rows in triage order, each a copy with ``triage_rank`` (1 = contact first; None
    when not ranked) and ``triage_reason`` set.

    Two cases due on the same day: the one whose debt passes 90 days overdue sooner comes
    first, and the reason says so.

    >>> rows = [{"loaded": True, "problems": "", "next_due_days": 9, "days_to_90": 60,
    ...          "waiting_cost_3m": 0},
    ...         {"loaded": True, "problems": "", "next_due_days": 9, "days_to_90": 30,
    ...          "waiting_cost_3m": 0}]
    >>> first = triage(rows, "en")[0]
    >>> first["days_to_90"], first["triage_reason"]
    (30, 'a debt passes 90 days overdue in 30 days, the next case’s in 60')
    """
    ranked = sorted((dict(r) for r in rows if is_ranked(r)), key=triage_key)
    afters: list[dict[str, Any] | None] = [*ranked[1:], None] if ranked else []
    for rank, (this, after) in enumerate(zip(ranked, afters, strict=True), 1):
        this["triage_rank"] = rank
        this["triage_reason"] = _reason(this, after, lang)
    rest = [dict(r, triage_rank=None, triage_reason=t("caseload.triage.unranked", lang))
            for r in rows if not is_ranked(r)]  # fmt: skip
    return ranked + rest


def _reason(this: dict[str, Any], after: dict[str, Any] | None, lang: str) -> str:
    """Which key put ``this`` ahead of ``after`` (the case ranked just after it)."""
    if after is None:
        return t("caseload.triage.last", lang)
    mine, theirs = triage_key(this), triage_key(after)
    for name, a, b in zip(TRIAGE_KEYS, mine, theirs, strict=True):
        if a == b:
            continue
        show = _days if name != "waiting_cost_3m" else _amount
        return t(f"caseload.triage.{name}", lang, days=show(this[name], lang),
                 after=show(after[name], lang))  # fmt: skip
    return t("caseload.triage.tie", lang)


def _amount(value: int | None, lang: str) -> str:
    return format_fen(value or 0, lang)


def _days(value: int | None, lang: str) -> str:
    return t("caseload.triage.none", lang) if value is None else str(value)
