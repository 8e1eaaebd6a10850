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

from helpers.case import Case
from helpers.errors import mask
from helpers.i18n import join_list, label, t
from helpers.money import format_fen
from helpers.proposals.letters import Request, debt_schedule, plan_requests
from helpers.scenarios import ScenarioResult, own_result

__all__ = ["CHAT_LIMITS", "call_script_markdown", "chat_message"]

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


def _parts(case: Case, debt_id: str, lang: str, result: ScenarioResult | None) -> dict:
    result = result if result is not None else own_result(case)[0]
    debt = case.debt(debt_id)
    rows = debt_schedule(result, debt_id)
    first = next((row for row in rows if row.due_fen), rows[0])
    tail = str(mask(debt.account_number))[-4:] if debt.account_number else ""
    return {
        "lender": debt.lender,
        "name": case.person.name or t("proposals.letter.borrower", lang),
        "account": t("proposals.script.account", lang, tail=tail) if tail else "",
        "facts": _facts(case, lang),
        "asks": _asks(plan_requests(result, debt_id), lang),
        "first_month": first.month,
        "first": format_fen(first.due_fen, lang),
        "months": len(rows),
    }


def call_script_markdown(
    case: Case, debt_id: str, lang: str, *, result: ScenarioResult | None = None
) -> str:
    """The call script for ``debt_id``'s lender, as Markdown.

    Parameters
    ----------
    case : Case
        The borrower's case.
    debt_id : str
        The debt whose lender is called.
    lang : str
        ``"zh-CN"`` or ``"en"``.
    result : ScenarioResult, optional
        The scenario evaluated (by default the own scenario, as in the letter).

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
    p = _parts(case, debt_id, lang, result)
    steps = ("opening", "facts_step", "ask", "fallback", "notes", "repeat", "confirm")
    lines = [f"# {t('proposals.script.title', lang, lender=p['lender'])}", ""]
    for n, step in enumerate(steps, start=1):
        lines += [f"## {n}. {t(f'proposals.script.h.{step}', lang)}", ""]
        lines += [t(f"proposals.script.say.{step}", lang, **p), ""]
    lines += [t("proposals.script.record_table", lang), "", "|  |  |", "|---|---|"]
    lines += [f"| {t(f'proposals.script.record.{k}', lang)} |  |" for k in _RECORD]
    lines.append("")
    return "\n".join(lines)


_RECORD = ("date", "time", "agent", "promised", "next")


def chat_message(
    case: Case, debt_id: str, lang: str, *, result: ScenarioResult | None = None
) -> str:
    """A message for the lender's online chat, under :data:`CHAT_LIMITS` characters.

    >>> from helpers.case import load_sample
    >>> text = chat_message(load_sample("li_na_illness"), "d2", "en")
    >>> len(text) < CHAT_LIMITS["en"], "in writing" in text
    (True, True)
    """
    p = _parts(case, debt_id, lang, result)
    return t("proposals.chat.message", lang, **p)
