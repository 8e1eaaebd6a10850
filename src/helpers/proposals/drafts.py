"""All the drafts for one lender from one fallback ladder: the written application, the call
script, the chat message and the evidence checklist, the ladder computed once.

What does Chen Jian send 广发银行, when his budget carries no plan?

>>> from helpers.case import load_sample
>>> drafts = draft_texts(load_sample("chen_jian_business_loss"), "d5", "en")
>>> "no instalment plan is affordable" in drafts["application"]
True
"""

from __future__ import annotations

from helpers.case import DRAFT_KINDS, Case
from helpers.proposals.checklist_text import checklist_lines
from helpers.proposals.ladder import Ladder, fallback_ladder
from helpers.proposals.letters import application_markdown
from helpers.proposals.script import call_script_markdown, chat_message

__all__ = ["DRAFT_NAMES", "draft_texts"]

# The drafts of a lender, in the order they are shown and exported (the kinds a case keeps
# the borrower's edits of).
DRAFT_NAMES = DRAFT_KINDS


def draft_texts(
    case: Case, debt_id: str, lang: str, *, ladder: Ladder | None = None
) -> dict[str, str]:
    """The four drafts for ``debt_id``'s lender as Markdown, by :data:`DRAFT_NAMES` name, all
    built from one fallback ladder (its ask; ``ladder`` when already computed).

    Parameters
    ----------
    case : Case
        The borrower's case.
    debt_id : str
        An unsecured debt of the case.
    lang : str
        ``"zh-CN"`` or ``"en"``.
    ladder : Ladder, optional
        The debt's :func:`fallback_ladder`; computed when not given.

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> drafts = draft_texts(load_sample(), "d1", "zh-CN")
    >>> list(drafts), "招商银行" in drafts["application"]
    (['application', 'call_script', 'chat', 'checklist'], True)
    """
    ladder = ladder if ladder is not None else fallback_ladder(case, debt_id)
    return {
        "application": application_markdown(case, debt_id, lang, ladder=ladder),
        "call_script": call_script_markdown(case, debt_id, lang, ladder=ladder),
        "chat": chat_message(case, debt_id, lang, ladder=ladder),
        "checklist": "\n".join(checklist_lines(case, lang)),
    }
