"""The written application to one lender (协商还款申请书 / hardship repayment proposal), in
Markdown: who writes to whom and when, the account, the hardship in the borrower's words and
its facts, the documents attached, the plan with its schedule, each request with its amount,
the borrower's commitment and the legal context the facts call for.

Every figure of the plan comes from the engine's projection of the borrower's own scenario
(:func:`helpers.scenarios.own_result`: the one chosen in notebook 03, else the recommended
one); nothing is retyped. The schedule table reads back with :func:`parse_schedule`.

How much does Zhang Wei pay 招商银行 in the first month, and what does he owe after?

>>> from helpers.case import load_sample
>>> case = load_sample()
>>> result, _ = own_result(case)
>>> debt_schedule(result, "d1")[0]
ScheduleRow(month='2025-04', due_fen=12463, paid_fen=12463, owed_fen=2896109)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.budget import monthly_budget
from helpers.case import Case
from helpers.engine import BUCKETS, ROW_COLUMNS
from helpers.errors import mask
from helpers.i18n import label, t
from helpers.money import format_fen
from helpers.plans import Holiday, Plan, describe
from helpers.proposals.checklist import cited_evidence
from helpers.proposals.contact import contact_plan
from helpers.proposals.legal import legal_facts, legal_paragraphs
from helpers.scenarios import ScenarioResult, own_result

__all__ = [
    "ScheduleRow",
    "Request",
    "debt_schedule",
    "plan_requests",
    "schedule_lines",
    "parse_schedule",
    "application_markdown",
]

_COL = {name: k for k, name in enumerate(ROW_COLUMNS)}
_CLOSING = tuple(_COL[f"{b.value}_closing"] for b in BUCKETS)


@dataclass(frozen=True)
class ScheduleRow:
    """One month of a debt's schedule: what falls due, what is paid, what is owed after."""

    month: str
    due_fen: int
    paid_fen: int
    owed_fen: int


@dataclass(frozen=True)
class Request:
    """One thing asked of the lender: ``kind`` (reinstalment, freeze, waive_penalty,
    waive_charges, waive_interest, holiday) and its amount in fen (months for a holiday)."""

    kind: str
    amount: int
    months: int = 0


def debt_schedule(result: ScenarioResult, debt_id: str) -> tuple[ScheduleRow, ...]:
    """The engine's rows for one debt, up to the month it clears (the whole horizon if never).

    >>> from helpers.case import load_sample
    >>> result, _ = own_result(load_sample())
    >>> rows = debt_schedule(result, "d1")
    >>> len(rows), rows[-1].owed_fen  # a 36-month plan, cleared early from the recovery on
    (16, 0)
    """
    projection = result.projection
    count = len(projection.debt_ids)
    k = projection.debt_ids.index(debt_id)
    rows = []
    for row in projection.rows[k::count]:
        owed = sum(row[c] for c in _CLOSING)
        rows.append(
            ScheduleRow(row[_COL["month"]], row[_COL["scheduled_due"]], row[_COL["paid"]], owed)
        )
        if owed == 0:
            break
    return tuple(rows)


def _waived(result: ScenarioResult, debt_id: str, bucket: str) -> int:
    projection = result.projection
    count = len(projection.debt_ids)
    k = projection.debt_ids.index(debt_id)
    return sum(row[_COL[f"{bucket}_waived"]] for row in projection.rows[k::count])


def plan_requests(result: ScenarioResult, debt_id: str) -> tuple[Request, ...]:
    """What the plan asks of the lender, each with its amount from the engine: re-instalment of
    what is owed now, a freeze of interest, the waivers (the sums the projection waives) and a
    payment holiday (the months with nothing due at the start).

    >>> from helpers.case import load_sample
    >>> result, _ = own_result(load_sample("li_na_illness"))
    >>> [(r.kind, r.amount, r.months) for r in plan_requests(result, "d1")][::2]
    [('reinstalment', 2003000, 16), ('holiday', 0, 6)]
    """
    plan: Plan | None = result.scenario.plans.get(debt_id)
    rows = debt_schedule(result, debt_id)
    first = result.projection.rows[result.projection.debt_ids.index(debt_id)]
    owed_now = sum(first[_COL[f"{b.value}_opening"]] for b in BUCKETS)
    requests = [Request("reinstalment", owed_now, len(rows))]
    if getattr(plan, "freeze_interest", False) or getattr(plan, "interest", "") == "freeze":
        requests.append(Request("freeze", owed_now))
    for bucket in ("penalty", "charges", "interest"):
        waived = _waived(result, debt_id, bucket)
        if waived:
            requests.append(Request(f"waive_{bucket}", waived))
    pause = next((n for n, row in enumerate(rows) if row.due_fen), len(rows))
    if isinstance(plan, Holiday):
        pause = max(pause, plan.months)
    if pause:
        requests.append(Request("holiday", 0, pause))
    return tuple(requests)


def schedule_lines(rows: tuple[ScheduleRow, ...], lang: str) -> list[str]:
    """The schedule as a Markdown table.

    >>> for line in schedule_lines((ScheduleRow("2025-04", 12463, 12463, 2912217),), "en"):
    ...     print(line)
    | Month | Due | Paid | Owed after |
    |---|---:|---:|---:|
    | 2025-04 | CN¥124.63 | CN¥124.63 | CN¥29,122.17 |
    """
    head = [t(f"proposals.letter.col.{c}", lang) for c in ("month", "due", "paid", "owed")]
    lines = ["| " + " | ".join(head) + " |", "|---|---:|---:|---:|"]
    for row in rows:
        cells = [row.month] + [
            format_fen(v, lang) for v in (row.due_fen, row.paid_fen, row.owed_fen)
        ]
        lines.append("| " + " | ".join(cells) + " |")
    return lines


def _fen(text: str) -> int:
    digits = re.sub(r"[^\d.\-]", "", text)
    whole, _, cents = digits.partition(".")
    sign = -1 if whole.startswith("-") else 1
    return sign * (abs(int(whole or "0")) * 100 + int((cents + "00")[:2]))


def parse_schedule(markdown: str) -> tuple[ScheduleRow, ...]:
    """The schedule table read back from a document's Markdown (the rows whose first cell is a
    month).

    >>> parse_schedule("| 2025-04 | ¥124.63 | ¥124.63 | ¥29,122.17 |")
    (ScheduleRow(month='2025-04', due_fen=12463, paid_fen=12463, owed_fen=2912217),)
    """
    rows = []
    for line in markdown.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 4 and re.fullmatch(r"\d{4}-\d{2}", cells[0]):
            rows.append(ScheduleRow(cells[0], *(_fen(c) for c in cells[1:])))
    return tuple(rows)


def _request_line(request: Request, lang: str) -> str:
    return t(
        f"proposals.letter.request.{request.kind}",
        lang,
        amount=format_fen(request.amount, lang),
        months=request.months,
    )


def _hardship_lines(case: Case, lang: str) -> list[str]:
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


def application_markdown(
    case: Case, debt_id: str, lang: str, *, result: ScenarioResult | None = None
) -> str:
    """The written application to ``debt_id``'s lender in ``lang``, as Markdown.

    Parameters
    ----------
    case : Case
        The borrower's case.
    debt_id : str
        The debt whose lender is written to.
    lang : str
        ``"zh-CN"`` or ``"en"``.
    result : ScenarioResult, optional
        The scenario evaluated (by default :func:`helpers.scenarios.own_result`).

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> text = application_markdown(load_sample(), "d1", "zh-CN")
    >>> print(text.splitlines()[0])
    # 协商还款申请书
    >>> "尾号 1234" in text, "6225880000001234" in text
    (True, False)
    """
    result = result if result is not None else own_result(case)[0]
    debt = case.debt(debt_id)
    contact = next(
        (c for c in contact_plan(case, result.scenario.plans) if c.debt_id == debt_id), None
    )
    when = (contact.contact_by if contact else case.as_of).isoformat()
    name = case.person.name or t("proposals.letter.borrower", lang)
    account = (
        t("proposals.letter.account", lang, tail=str(mask(debt.account_number))[-4:])
        if debt.account_number
        else t("proposals.letter.no_account", lang)
    )
    plan = result.scenario.plans.get(debt_id)
    lines = [
        f"# {t('proposals.letter.title', lang)}",
        "",
        t("proposals.letter.to", lang, lender=debt.lender),
        t("proposals.letter.from", lang, name=name),
        t("proposals.letter.date", lang, date=when),
        account,
        "",
        f"## {t('proposals.letter.h.hardship', lang)}",
        "",
        *_hardship_lines(case, lang),
        "",
        f"## {t('proposals.letter.h.evidence', lang)}",
        "",
    ]
    evidence = cited_evidence(case, debt_id)
    lines += [f"- {e.item}" for e in evidence] or [t("proposals.letter.no_evidence", lang)]
    rows = debt_schedule(result, debt_id)
    lines += ["", f"## {t('proposals.letter.h.plan', lang)}", ""]
    if plan is not None:
        lines += [t("proposals.letter.plan", lang, plan=describe(plan, lang)), ""]
    lines += schedule_lines(rows, lang)
    lines += ["", f"## {t('proposals.letter.h.requests', lang)}", ""]
    lines += [
        f"{n}. {_request_line(r, lang)}" for n, r in enumerate(plan_requests(result, debt_id), 1)
    ]
    lines += ["", f"## {t('proposals.letter.h.commitment', lang)}", ""]
    lines.append(t("proposals.letter.commitment", lang, lender=debt.lender))
    paragraphs = legal_paragraphs(legal_facts(case, debt_id), lang)
    if paragraphs:
        lines += ["", f"## {t('proposals.letter.h.legal', lang)}", ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
        lines.pop()
    lines += ["", t("proposals.letter.closing", lang), "", name, when, ""]
    return "\n".join(lines)
