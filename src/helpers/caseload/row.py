"""One row of a caseload: a case file read, compared and measured for urgency.

Urgency is measured at each case's own ``as_of`` date (the day its figures were read), not at
today's date: a case read on 1 April that falls due on the 10th is 9 days from its due date,
whenever the caseload is run. Cases read on different days are ranked on their own dates.

- ``next_due_days``: days from ``as_of`` to the nearest next due date of any debt
  (:func:`helpers.months.next_due_date`); empty when no debt has a due day.
- ``days_overdue``: the most days any debt is overdue at ``as_of``.
- ``days_to_90``: days until some debt passes 90 days overdue if nothing is paid: a debt
  overdue ``d`` days passes it in ``91 − d`` days (0 once past 90); a debt not overdue with a due
  day misses that day first, so ``next due + 91`` days; empty when no debt has either.
- ``waiting_cost_3m``: what three more months without paying add
  (:func:`helpers.debts.cost_of_waiting`).

The per-case computation is :func:`case_cells` (a :class:`~helpers.case.Case` in, the cells
out) and :func:`caseload_row` (a file in, a :class:`CaseloadRow` out, never raising for a bad
file): a loop, a vectorised runner or a Dask task can each call them.

>>> from helpers.case import load_sample
>>> cells = case_cells(load_sample("li_na_illness"), "en")
>>> cells["recommended"], cells["next_due_days"], cells["days_overdue"], cells["days_to_90"]
('step_up', 2, 75, 16)
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from helpers.budget import DEFAULT_HORIZON, NEVER, Budget, carry, monthly_budget
from helpers.case import Case, load_case, personal_paths, personal_values
from helpers.credit import credit_outcome
from helpers.debts import PAST_DUE_DAYS, cost_of_waiting, debt_standing
from helpers.engine import project
from helpers.errors import CaseError, WorkbenchError, mask
from helpers.i18n import join_clauses, join_list, label, t
from helpers.months import next_due_date
from helpers.proposals import scam_screen
from helpers.scenarios import Outline, compare

__all__ = [
    "AMOUNT_COLUMNS",
    "CASELOAD_COLUMNS",
    "CaseloadRow",
    "Scrubber",
    "WAITING_MONTHS",
    "case_cells",
    "case_label",
    "caseload_row",
    "days_to_90",
    "fill_row",
    "next_due_days",
    "outline_cells",
    "read_row",
    "scrub",
]

WAITING_MONTHS = 3  # the months of waiting whose cost breaks a tie in the triage

CASELOAD_COLUMNS = (
    "triage_rank",
    "case",
    "loaded",
    "problems",
    "as_of",
    "total_owed",
    "capacity_now",
    "capacity_after",
    "recommended",
    "recommended_title",
    "feasible",
    "months_to_clear",
    "total_cost",
    "worst_class",
    "record_clears",
    "next_due_days",
    "days_overdue",
    "days_to_90",
    "waiting_cost_3m",
    "lines_crossed",
    "scam_flags",
    "triage_reason",
)
AMOUNT_COLUMNS = ("total_owed", "capacity_now", "capacity_after", "total_cost", "waiting_cost_3m")
_MAX_RAW_BYTES = 1_000_000  # a bad file larger than this is not searched for personal values


@dataclass(frozen=True)
class CaseloadRow:
    """One case file's cells (:data:`CASELOAD_COLUMNS`, amounts in fen; ``triage_rank`` and
    ``triage_reason`` are set by the triage) and the personal values it holds, which no cell
    of a redacted caseload may show (they are kept out of the cells)."""

    cells: dict[str, Any]
    personal: tuple[str, ...] = field(default=(), repr=False)

    @property
    def loaded(self) -> bool:
        """Whether the file is a valid case.

        >>> from helpers.case import find_case
        >>> caseload_row(find_case("li_na_illness"), lang="en").loaded
        True
        """
        return bool(self.cells["loaded"])


def case_label(number: int, lang: str, *, width: int = 4) -> str:
    """The name a case goes by in a redacted caseload: its place in the sorted list of files.

    >>> case_label(1, "en"), case_label(27, "zh-CN")
    ('case 0001', '案例 0027')
    """
    return t("caseload.label", lang, number=f"{number:0{width}d}")


def next_due_days(case: Case) -> int | None:
    """Days from the case's as-of date to the nearest next due date of any of its debts.

    Li Na's figures were read on 10 September 2025; her debts fall due on the 23rd, the 12th,
    the 18th and the 2nd: the 12th is 2 days away.

    >>> from helpers.case import load_sample
    >>> next_due_days(load_sample("li_na_illness"))
    2
    """
    days = [
        (next_due_date(case.as_of, d.due_day) - case.as_of).days
        for d in case.debts
        if d.due_day is not None
    ]
    return min(days, default=None)


def days_to_90(case: Case) -> int | None:
    """Days until some debt passes 90 days overdue if nothing is paid (0 when one already has).

    Zhang Wei's 招商银行 card is 42 days overdue on his as-of date: 91 − 42 = 49 days.

    >>> from helpers.case import load_sample
    >>> days_to_90(load_sample("zhang_wei_unemployed"))
    49
    """
    days = []
    for debt in case.debts:
        if debt.days_overdue > 0:
            days.append(max(0, PAST_DUE_DAYS + 1 - debt.days_overdue))
        elif debt.due_day is not None:
            due = (next_due_date(case.as_of, debt.due_day) - case.as_of).days
            days.append(due + PAST_DUE_DAYS + 1)
    return min(days, default=None)


def case_cells(case: Case, lang: str) -> dict[str, Any]:
    """The cells of a valid case: its comparison (:func:`helpers.scenarios.compare`, affordable
    offer included), budget, credit record, urgency, legal lines and scam signs.

    ``total_cost`` is what the recommended scenario pays plus what it leaves owed at the end of
    the horizon (a scenario that leaves a balance is never cheaper for it).

    What should Li Na ask for, and what does it cost in all?

    >>> from helpers.case import load_sample
    >>> cells = case_cells(load_sample("li_na_illness"), "en")
    >>> cells["recommended_title"], cells["feasible"], cells["worst_class"]
    ('step-up after recovery', True, 'special mention')
    """
    comparison = compare(case)
    best = comparison.result(comparison.recommended)
    budget = monthly_budget(case, horizon=DEFAULT_HORIZON)
    return _cells(case, lang, best, best.credit, budget)


def outline_cells(case: Case, outline: Outline, budget: Budget, lang: str) -> dict[str, Any]:
    """The cells of a valid case from its comparison's outline (a caseload compared side by side,
    :func:`helpers.scenarios.compare_cases`) and its budget: as :func:`case_cells`, the
    recommended scenario's months replayed by the scalar engine for the credit record.

    >>> from helpers.budget import monthly_budget
    >>> from helpers.case import load_sample
    >>> from helpers.scenarios import compare_cases
    >>> case = load_sample("li_na_illness")
    >>> (outline,) = compare_cases([case])
    >>> cells = outline_cells(case, outline, monthly_budget(case), "en")
    >>> cells["recommended"], cells["worst_class"], cells["total_cost"]
    ('step_up', 'special mention', 6170273)
    """
    best = outline.outcome(outline.recommended)
    scenario = best.scenario
    months = project(
        case,
        scenario.plan_map,
        policy=scenario.policy,
        horizon=DEFAULT_HORIZON,
        means_fen=scenario.means_fen,
        budget_overrides=scenario.overrides,
    )
    return _cells(case, lang, best, credit_outcome(case, months), budget)


def _cells(case: Case, lang: str, best, credit, budget: Budget) -> dict[str, Any]:
    """The cells of a case whose recommended scenario ``best`` (a result or an outcome) has
    the credit record ``credit``."""
    metrics = best.metrics
    recovery = case.hardship.expected_recovery if case.hardship else None
    periods = carry(budget, recovery or NEVER)
    waiting = cost_of_waiting(case, horizon=WAITING_MONTHS).summary(WAITING_MONTHS)
    crossed = [s.audit.debt_id for s in debt_standing(case) if s.audit.findings]
    signs = dict.fromkeys(w.sign for w in scam_screen(case))
    return {
        "loaded": True,
        "problems": "",
        "as_of": case.as_of.isoformat(),
        "total_owed": sum(d.owed_fen for d in case.debts),
        "capacity_now": periods.hardship[2] if periods.hardship else None,
        "capacity_after": periods.after[2] if periods.after else None,
        "recommended": best.scenario.name,
        "recommended_title": best.scenario.title(lang),
        "feasible": best.feasible,
        "months_to_clear": metrics.months_to_clear,
        "total_cost": metrics.total_paid_fen + metrics.balance_left_fen,
        "worst_class": label("rules.overdue_class", credit.worst, lang),
        "record_clears": credit.record_clears or "",
        "next_due_days": next_due_days(case),
        "days_overdue": max((d.days_overdue for d in case.debts), default=0),
        "days_to_90": days_to_90(case),
        "waiting_cost_3m": waiting.added_fen,
        "lines_crossed": join_list(crossed, lang),
        "scam_flags": join_clauses((label("case.scam_sign", s, lang) for s in signs), lang),
    }


def read_row(
    path: str | os.PathLike[str], *, lang: str, label: str | None = None
) -> tuple[Case | None, CaseloadRow]:
    """The case in a file, and its row before the comparison: the name, and for a file that is
    not a valid case ``loaded=False`` and its problems in ``lang`` (personal values masked).

    >>> case, row = read_row("no/such/file.yaml", lang="en", label="case 0007")
    >>> case, row.cells["case"], row.cells["problems"][:23]
    (None, 'case 0007', 'the file does not exist')
    """
    path = Path(path)
    cells: dict[str, Any] = dict.fromkeys(CASELOAD_COLUMNS)
    cells.update(case=label or path.stem, loaded=False, problems="")
    try:
        case = load_case(path)
    except CaseError as error:
        cells["problems"] = "\n".join(p.render(lang) for p in error.problems)
        return None, CaseloadRow(cells, _raw_personal(path))
    return case, CaseloadRow(cells, tuple(personal_values(case)))


def fill_row(row: CaseloadRow, lang: str, work, *args) -> CaseloadRow:
    """``row`` of a valid case with the cells ``work(*args)`` returns; an error in it becomes
    the row's problems (one case's fault never stops a caseload).

    >>> from helpers.case import find_case
    >>> case, row = read_row(find_case("li_na_illness"), lang="en")
    >>> fill_row(row, "en", divmod, 1, 0).cells["problems"][:33]
    'internal error (ZeroDivisionError'
    """
    cells = dict(row.cells)
    try:
        cells.update(work(*args))
    except WorkbenchError as error:
        cells.update(loaded=True, problems=error.render(lang))
    except Exception as error:  # noqa: BLE001 - one case's fault must not stop a caseload
        detail = f"{type(error).__name__}: {error}"
        cells.update(loaded=True, problems=t("errors.internal", lang, detail=detail))
    return CaseloadRow(cells, row.personal)


def caseload_row(
    path: str | os.PathLike[str], *, lang: str, label: str | None = None
) -> CaseloadRow:
    """The row of one case file; a file that is not a valid case gives a row with
    ``loaded=False`` and its problems in ``lang`` (personal values masked), never an error.

    ``label`` names the case (a redacted caseload's ``case 0001``); the file's stem otherwise.

    >>> from helpers.case import find_case
    >>> row = caseload_row(find_case("li_na_illness"), lang="en", label="case 0001")
    >>> row.cells["case"], row.cells["recommended"], row.cells["total_owed"]  # 51,800 + 1,526
    ('case 0001', 'step_up', 5332600)
    >>> bad = caseload_row("no/such/file.yaml", lang="en")
    >>> bad.cells["case"], bad.loaded, bad.cells["problems"][:23]
    ('file', False, 'the file does not exist')
    """
    case, row = read_row(path, lang=lang, label=label)
    if case is None:
        return row
    return fill_row(row, lang, case_cells, case, lang)


class Scrubber:
    """Masks every personal value of a caseload in a text (:func:`helpers.errors.mask`), longest
    value first; values of one character are left, since they would mask ordinary words.

    Built once for a caseload: a text is searched by its own pieces of the values' lengths, not
    value by value (10,000 cases hold some 50,000 values), and each distinct text once.

    >>> scrubber = Scrubber(["李娜", "13900000002", "张伟"])
    >>> scrubber("call 李娜 on 13900000002"), scrubber("no one here")
    ('call ** on *******0002', 'no one here')
    """

    def __init__(self, personal: Iterable[str]) -> None:
        self.values = {v for v in personal if len(v) >= 2}
        self.lengths = sorted({len(v) for v in self.values})
        self.done: dict[str, str] = {}

    def __call__(self, text: str) -> str:
        found = self.done.get(text)
        if found is None:
            values = self.values
            present = {
                text[i : i + n]
                for n in self.lengths
                for i in range(len(text) - n + 1)
                if text[i : i + n] in values
            }
            found = text
            for value in sorted(present, key=lambda v: (-len(v), v)):
                if value in found:
                    found = found.replace(value, str(mask(value)))
            self.done[text] = found
        return found


def scrub(text: str, personal: Iterable[str]) -> str:
    """Text with every personal value in it masked (:class:`Scrubber`, for one text).

    >>> scrub("call 李娜 on 13900000002", ["李娜", "13900000002"])
    'call ** on *******0002'
    """
    return Scrubber(personal)(text)


def _raw_personal(path: Path) -> tuple[str, ...]:
    """The personal values a file that is not a valid case still holds, read from its YAML as
    far as it parses (the personal fields' paths): what its problems must not quote."""
    try:
        if not path.is_file() or path.stat().st_size > _MAX_RAW_BYTES:
            return ()
        data = yaml.safe_load(path.read_bytes().decode("utf-8-sig"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError, ValueError):
        return ()
    found: list[str] = []
    for personal in personal_paths():
        for value in _at(data, personal.split(".")):
            found += _leaves(value, depth=3)
    return tuple(dict.fromkeys(found))


def _at(data: Any, parts: list[str]) -> list[Any]:
    if not parts:
        return [data]
    part, rest = parts[0], parts[1:]
    items = part.endswith("[]")
    if not isinstance(data, dict):
        return []
    value = data.get(part.removesuffix("[]"))
    if value is None:
        return []
    if items:
        return [v for item in value for v in _at(item, rest)] if isinstance(value, list) else []
    return _at(value, rest)


def _leaves(value: Any, depth: int) -> list[str]:
    if isinstance(value, dict) and depth > 0:
        return [v for item in value.values() for v in _leaves(item, depth - 1)]
    if isinstance(value, list) and depth > 0:
        return [v for item in value for v in _leaves(item, depth - 1)]
    if value is None or isinstance(value, dict | list):
        return []
    return [str(value)]
