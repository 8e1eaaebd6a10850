"""What to say: the call script for a lender's hotline, and a short message for its online chat.

The script (DOMAIN.md, "The negotiation the workbench supports", steps 5 and 6): the opening,
the facts, the ask (the plan and its requests, figures from the engine as in the letter), the
fallback steps in order (never a payment the budget cannot carry), what to write down during
the call (date, time, the agent's ID, what was promised), repeating the agreed terms back, and
asking for written or recorded confirmation. The chat message says the same in brief: under
:data:`CHAT_LIMITS` characters.

What does Zhang Wei type into 借呗's chat?

>>> from helpers.case import load_sample
>>> print(chat_message(load_sample(), "d4", "zh-CN")[:31])
您好，我是借呗的借款人张伟。我因失业（自 2025-02 起）
"""

from __future__ import annotations

from datetime import date

from helpers.case import Case
from helpers.errors import mask
from helpers.i18n import join_list, label, t
from helpers.money import format_fen
from helpers.plans import StepUp
from helpers.proposals.ladder import Ladder, Rung, fallback_ladder
from helpers.proposals.ladder_text import words_lines
from helpers.proposals.letter_parts import letter_style, review_date, token_payment
from helpers.proposals.letters import Request, debt_schedule, plan_requests
from helpers.scenarios import ScenarioResult

__all__ = ["CHAT_LIMITS", "call_script_markdown", "chat_message", "fallback_lines", "rung_offer"]

# Characters a chat message stays under: online service boxes cut long messages (issue 17).
CHAT_LIMITS = {"zh-CN": 300, "en": 1200}


def _facts(case: Case, lang: str) -> str:
    hardship = case.hardship
    if hardship is None:
        return t("proposals.script.facts_none", lang)
    kind = label("case.hardship_kind", hardship.kind, lang)
    text = t("proposals.script.facts", lang, kind=kind, start=hardship.start)
    if hardship.expected_recovery:
        text += t("proposals.script.recovery", lang, month=hardship.expected_recovery)
    return text


def _asks(requests: tuple[Request, ...], lang: str) -> str:
    return join_list(
        [
            t(
                f"proposals.script.ask.{r.kind}",
                lang,
                amount=format_fen(r.amount, lang),
                months=r.months,
            )
            for r in requests
        ],
        lang,
    )


def _asked(
    case: Case, debt_id: str, result: ScenarioResult | None, ladder: Ladder | None
) -> tuple[ScenarioResult | None, Ladder | None]:
    """The engine result asked for (a scenario given, else the ladder's ask; None where there
    is no ask) and the ladder (None when a scenario was given)."""
    if result is not None:
        return result, None
    ladder = ladder if ladder is not None else fallback_ladder(case, debt_id)
    return (ladder.ask.result if ladder.ask is not None else None), ladder


def _parts(case: Case, debt_id: str, lang: str, result: ScenarioResult | None) -> dict:
    debt = case.debt(debt_id)
    tail = str(mask(debt.account_number))[-4:] if debt.account_number else ""
    parts = {
        "lender": debt.lender,
        "name": case.person.name or t("proposals.letter.borrower", lang),
        "account": t("proposals.script.account", lang, tail=tail) if tail else "",
        "facts": _facts(case, lang),
        "review": review_date(case.as_of).isoformat(),
    }
    if result is None:  # no plan is affordable: the words rung
        amount, month = token_payment(case, debt_id)
        token = "token_none" if month is None else "token_later"
        if month == case.as_of.strftime("%Y-%m"):
            token = "token_now"
        values = {"amount": format_fen(amount, lang), "month": month}
        return {**parts, "token": t(f"proposals.script.{token}", lang, **values)}
    rows = debt_schedule(result, debt_id)
    first = next((row for row in rows if row.due_fen), rows[0])
    return {
        **parts,
        "asks": _asks(plan_requests(result, debt_id), lang),
        "first_month": first.month,
        "first": format_fen(first.due_fen, lang),
        "months": len(rows),
    }


def rung_offer(rung: Rung, lang: str) -> str:
    """A rung as the script offers it: its largest monthly amount, its months, what is waived.

    >>> from helpers.case import load_sample
    >>> from helpers.proposals.ladder import fallback_ladder
    >>> rung_offer(fallback_ladder(load_sample(), "d4").floor, "en")
    'CN¥4,224.35 a month at most, over 7 months (CN¥51.95 a month for the first 4), nothing \
waived'
    """
    rows = debt_schedule(rung.result, rung.debt_id)
    waived = [r for r in plan_requests(rung.result, rung.debt_id) if r.kind not in _NOT_WAIVED]
    plan = rung.plan
    low = ""
    if isinstance(plan, StepUp) and plan.low_months:
        amount = format_fen(plan.low_payment_fen, lang)
        low = t("proposals.script.rung_low", lang, amount=amount, months=plan.low_months)
    return t(
        "proposals.script.rung",
        lang,
        monthly=format_fen(rung.monthly_fen, lang),
        months=len(rows),
        low=low,
        waived=_asks(tuple(waived), lang) if waived else t("proposals.script.no_waiver", lang),
    )


_NOT_WAIVED = ("reinstalment", "holiday")


def fallback_lines(ladder: Ladder, lang: str, *, as_of: date) -> list[str]:
    """The "if they refuse" steps, in order: the target (unless the same offer as the floor),
    then the floor (the lowest to accept), never below it; where there is no floor, the last
    rung in words.

    >>> from helpers.case import load_sample
    >>> from helpers.proposals.ladder import fallback_ladder
    >>> case = load_sample()
    >>> lines = fallback_lines(fallback_ladder(case, "d1"), "en", as_of=case.as_of)
    >>> [line[:12] for line in lines]
    ['Step down on', '1. First off', '2. The lowes', 'Never go bel']
    """
    if ladder.floor is None:
        return [*words_lines(as_of, lang), t("proposals.script.never", lang)]
    floor = rung_offer(ladder.floor, lang)
    target = rung_offer(ladder.target, lang) if ladder.target is not None else floor
    steps = [t("proposals.script.target", lang, offer=target)] if target != floor else []
    steps.append(t("proposals.script.floor", lang, offer=floor))
    lines = [t("proposals.script.step_down", lang)]
    lines += [f"{n}. {step}" for n, step in enumerate(steps, 1)]
    return [*lines, t("proposals.script.never_below", lang)]


def call_script_markdown(
    case: Case,
    debt_id: str,
    lang: str,
    *,
    result: ScenarioResult | None = None,
    ladder: Ladder | None = None,
) -> str:
    """The call script for ``debt_id``'s lender, as Markdown.

    The ask is the fallback ladder's ask, and "if they refuse" its target and floor in order
    (:func:`fallback_lines`); where no plan is affordable, the ask is the last rung in words.

    Parameters
    ----------
    case : Case
        The borrower's case.
    debt_id : str
        The debt whose lender is called.
    lang : str
        ``"zh-CN"`` or ``"en"``.
    result : ScenarioResult, optional
        A scenario to ask for instead of the ladder's ask (the fallback then in general words).
    ladder : Ladder, optional
        The debt's fallback ladder, when already computed.

    Examples
    --------
    What does Zhang Wei note down while he talks to 招联?

    >>> from helpers.case import load_sample
    >>> text = call_script_markdown(load_sample(), "d3", "en")
    >>> print(text.splitlines()[0])
    # Call script: 招联消费金融
    >>> "agent's ID" in text, "in writing or on a recorded line" in text
    (True, True)
    """
    asked, ladder = _asked(case, debt_id, result, ladder)
    p = _parts(case, debt_id, lang, asked)
    personal = letter_style(case, debt_id) == "personal"  # a relative's or a friend's loan
    steps = ("opening", "facts_step", "ask", "fallback", "notes", "repeat", "confirm")
    lines = [f"# {t('proposals.script.title', lang, lender=p['lender'])}", ""]
    for n, step in enumerate(steps, start=1):
        lines += [f"## {n}. {t(f'proposals.script.h.{step}', lang)}", ""]
        if step == "ask" and asked is None:
            say = "personal" if personal else "say"
            lines += [t(f"proposals.script.{say}.ask_words", lang, **p), ""]
        elif step == "fallback" and ladder is not None:
            lines += [*fallback_lines(ladder, lang, as_of=case.as_of), ""]
        elif personal and step in _PERSONAL:
            lines += [t(f"proposals.script.personal.{step}", lang, **p), ""]
        else:
            lines += [t(f"proposals.script.say.{step}", lang, **p), ""]
    record = [k for k in _RECORD if not (personal and k == "agent")]
    lines += [t("proposals.script.record_table", lang), "", "|  |  |", "|---|---|"]
    lines += [f"| {t(f'proposals.script.record.{k}', lang)} |  |" for k in record]
    lines.append("")
    return "\n".join(lines)


_RECORD = ("date", "time", "agent", "promised", "next")
# The steps a relative or a friend hears in their own words (no agent, no recorded line).
_PERSONAL = ("opening", "notes", "confirm")


def chat_message(
    case: Case,
    debt_id: str,
    lang: str,
    *,
    result: ScenarioResult | None = None,
    ladder: Ladder | None = None,
) -> str:
    """A message for the lender's online chat, under :data:`CHAT_LIMITS` characters: the
    ladder's ask, or where no plan is affordable, the last rung in words.

    >>> from helpers.case import load_sample
    >>> text = chat_message(load_sample("li_na_illness"), "d2", "en")
    >>> len(text) < CHAT_LIMITS["en"], "in writing" in text
    (True, True)
    """
    asked, _ = _asked(case, debt_id, result, ladder)
    p = _parts(case, debt_id, lang, asked)
    personal = letter_style(case, debt_id) == "personal"
    prefix = "proposals.personal.chat" if personal else "proposals.chat"
    return t(f"{prefix}.{'message' if asked is not None else 'words'}", lang, **p)
