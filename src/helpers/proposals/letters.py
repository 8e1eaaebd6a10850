"""The written application to one lender (协商还款申请书 / hardship repayment proposal), in
Markdown: who writes to whom and when, the account, the hardship in the borrower's words and
its facts, the documents attached, the plan with its schedule, each request with its amount,
the borrower's commitment and the legal context the facts call for.

Every figure of the plan comes from the engine: the plan asked for is the fallback ladder's ask
(:mod:`helpers.proposals.ladder`), run with the other debts on the borrower's own scenario
(:func:`helpers.scenarios.own_result`: the one chosen in notebook 03, else the recommended
one); nothing is retyped. The schedule table reads back with :func:`parse_schedule`.

How much does Zhang Wei pay 招商银行 in the first month, and what does he owe after?

>>> from helpers.case import load_sample
>>> case = load_sample()
>>> from helpers.scenarios import own_result
>>> result, _ = own_result(case)
>>> debt_schedule(result, "d1")[0]
ScheduleRow(month='2025-04', due_fen=12463, paid_fen=12463, owed_fen=2896109)
"""

from __future__ import annotations

import dataclasses
import re
from dataclasses import dataclass

from helpers.case import Case
from helpers.engine import BUCKETS, ROW_COLUMNS
from helpers.errors import mask
from helpers.i18n import t
from helpers.money import format_fen
from helpers.plans import CustomSchedule, Holiday, Plan, describe
from helpers.proposals.checklist import cited_evidence
from helpers.proposals.contact import contact_plan
from helpers.proposals.ladder import Ladder, concession_of, fallback_ladder
from helpers.proposals.legal import legal_facts, legal_paragraphs
from helpers.proposals.letter_parts import hardship_lines, left_lines, letter_style, words_requests
from helpers.scenarios import ScenarioResult

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
    >>> from helpers.scenarios import own_result
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
    >>> from helpers.scenarios import own_result
    >>> result, _ = own_result(load_sample("li_na_illness"))
    >>> [(r.kind, r.amount, r.months) for r in plan_requests(result, "d1")][::2]
    [('reinstalment', 2003000, 16), ('holiday', 0, 6)]
    """
    plan: Plan | None = result.scenario.plans.get(debt_id)
    rows = debt_schedule(result, debt_id)
    first = result.projection.rows[result.projection.debt_ids.index(debt_id)]
    owed_now = sum(first[_COL[f"{b.value}_opening"]] for b in BUCKETS)
    requests = [Request("reinstalment", owed_now, len(rows))]
    if concession_of(plan).freeze_interest or getattr(plan, "interest", "") == "freeze":
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


def _request_line(request: Request, lang: str, style: str = "letter") -> str:
    return t(
        f"proposals.{style}.request.{request.kind}",
        lang,
        amount=format_fen(request.amount, lang),
        months=request.months,
    )


def _head(case: Case, debt_id: str, lang: str, style: str, when: str, name: str) -> list[str]:
    """The letter's head: title, to, from, date and account (formal); or title and greeting."""
    debt = case.debt(debt_id)
    if style == "personal":
        return [
            f"# {t('proposals.personal.title', lang)}",
            "",
            t("proposals.personal.greeting", lang, lender=debt.lender),
            "",
            t("proposals.personal.opening", lang),
        ]
    account = (
        t("proposals.letter.account", lang, tail=str(mask(debt.account_number))[-4:])
        if debt.account_number
        else t("proposals.letter.no_account", lang)
    )
    return [
        f"# {t('proposals.letter.title', lang)}",
        "",
        t("proposals.letter.to", lang, lender=debt.lender),
        t("proposals.letter.from", lang, name=name),
        t("proposals.letter.date", lang, date=when),
        account,
    ]


def _plan_lines(case: Case, debt_id: str, lang: str, style: str, asked: tuple | None) -> list[str]:
    """The plan and the requests: the plan asked for (``asked`` = its plan, engine result and
    notes) with its schedule; or, where none is affordable, the budget and the words rung."""
    if asked is None:
        lines = [f"## {t(f'proposals.{style}.h.words', lang)}", ""]
        lines += [t(f"proposals.{style}.words.none", lang), ""]
        lines += left_lines(case, lang)
        lines += ["", f"## {t(f'proposals.{style}.h.requests', lang)}", ""]
        requests = words_requests(case, debt_id, lang, style)
        return lines + [f"{n}. {text}" for n, text in enumerate(requests, 1)]
    plan, result, notes = asked
    lines = [f"## {t(f'proposals.{style}.h.plan', lang)}", ""]
    rows = debt_schedule(result, debt_id)
    if isinstance(plan, CustomSchedule):  # the payments the table shows, not the horizon's
        plan = dataclasses.replace(plan, payments_fen=plan.payments_fen[: len(rows)])
    if plan is not None:
        lines += [t(f"proposals.{style}.plan", lang, plan=describe(plan, lang)), ""]
    lines += schedule_lines(rows, lang)
    for note in notes:  # proposals.ladder.ask_offer → proposals.<style>.note.ask_offer
        lines += ["", t(f"proposals.{style}.note.{note.rsplit('.', 1)[-1]}", lang)]
    lines += ["", f"## {t(f'proposals.{style}.h.requests', lang)}", ""]
    requests = plan_requests(result, debt_id)
    return lines + [f"{n}. {_request_line(r, lang, style)}" for n, r in enumerate(requests, 1)]


def application_markdown(
    case: Case,
    debt_id: str,
    lang: str,
    *,
    result: ScenarioResult | None = None,
    ladder: Ladder | None = None,
) -> str:
    """The written application to ``debt_id``'s lender in ``lang``, as Markdown.

    The plan asked for is the fallback ladder's ask (:func:`fallback_ladder`): its schedule is
    the engine's for that rung, and the letter says when it is the affordable offer (the chosen
    plan does not fit the budget) or a card's term capped at 60 months. Where there is no ask,
    no schedule is shown: the letter says no instalment plan is affordable now, what the budget
    leaves, and asks for the last rung in words with its review date. A private lender (a
    relative or a friend) gets a personal note instead of the formal application.

    Parameters
    ----------
    case : Case
        The borrower's case.
    debt_id : str
        The debt whose lender is written to.
    lang : str
        ``"zh-CN"`` or ``"en"``.
    result : ScenarioResult, optional
        A scenario to ask for instead of the ladder's ask (its plan for the debt, as it is).
    ladder : Ladder, optional
        The debt's fallback ladder, when already computed.

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> text = application_markdown(load_sample(), "d1", "zh-CN")
    >>> print(text.splitlines()[0])
    # 协商还款申请书
    >>> "尾号 1234" in text, "6225880000001234" in text
    (True, False)

    Chen Jian's budget carries no plan for 广发银行: no schedule, the words rung instead.

    >>> chen = load_sample("chen_jian_business_loss")
    >>> text = application_markdown(chen, "d5", "en")
    >>> parse_schedule(text), "until 2026-04-05" in text
    ((), True)
    """
    if result is not None:
        asked = (result.scenario.plans.get(debt_id), result, ())
    else:
        ladder = ladder if ladder is not None else fallback_ladder(case, debt_id)
        ask = ladder.ask
        asked = (ask.plan, ask.result, ask.notes) if ask is not None else None
    plans = asked[1].scenario.plans if asked is not None else None
    contact = next((c for c in contact_plan(case, plans) if c.debt_id == debt_id), None)
    when = (contact.contact_by if contact else case.as_of).isoformat()
    name = case.person.name or t("proposals.letter.borrower", lang)
    style = letter_style(case, debt_id)
    lines = _head(case, debt_id, lang, style, when, name)
    lines += ["", f"## {t(f'proposals.{style}.h.hardship', lang)}", ""]
    lines += hardship_lines(case, lang)
    if style == "letter":
        lines += ["", f"## {t('proposals.letter.h.evidence', lang)}", ""]
        evidence = cited_evidence(case, debt_id)
        lines += [f"- {e.item}" for e in evidence] or [t("proposals.letter.no_evidence", lang)]
    lines += [""] + _plan_lines(case, debt_id, lang, style, asked)
    lines += ["", f"## {t(f'proposals.{style}.h.commitment', lang)}", ""]
    lines.append(t(f"proposals.{style}.commitment", lang, lender=case.debt(debt_id).lender))
    paragraphs = legal_paragraphs(legal_facts(case, debt_id), lang)
    if paragraphs:
        lines += ["", f"## {t(f'proposals.{style}.h.legal', lang)}", ""]
        for paragraph in paragraphs:
            lines += [paragraph, ""]
        lines.pop()
    lines += ["", t(f"proposals.{style}.closing", lang), "", name, when, ""]
    return "\n".join(lines)
