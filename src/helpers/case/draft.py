"""A draft to a lender as the borrower edited it, kept with the case.

Notebook 04 writes a letter, a call script, a chat message and a checklist for each lender; the
borrower may reword them. An edit is kept in the case (``drafts:``), with a fingerprint of the
text the workbench had written when the edit was made (``based_on``), so that a later change of
figures can be noticed: the edit is still shown, with a note that the original has changed
(:func:`helpers.proposals.kept_texts`). A draft for a debt no longer in the case is ignored,
never an error: removing a debt must not make the case unreadable.

>>> draft = Draft.model_validate({"debt": "d1", "lang": "zh-CN", "kind": "chat",
...                                "text": "您好，我是张伟。", "based_on": "0" * 16})
>>> draft.kind, draft.text
('chat', '您好，我是张伟。')
"""

from __future__ import annotations

import hashlib
from typing import Literal

from pydantic import Field

from helpers.case.base import PERSONAL, StrictModel
from helpers.case.fields import Text

__all__ = ["DRAFT_KINDS", "MAX_DRAFT_CHARS", "Draft", "fingerprint"]

DRAFT_KINDS = ("application", "call_script", "chat", "checklist")
# A letter with a 60-month table runs to about 5,000 characters; four times that is room to
# spare, and keeps a case file small (its limit is 1 MB).
MAX_DRAFT_CHARS = 20_000


def fingerprint(text: str) -> str:
    """A short fingerprint of a draft's text (the first 16 hex digits of its SHA-256), blind to
    blank lines and spaces at its ends.

    >>> fingerprint("Dear 招商银行,\\n") == fingerprint("  Dear 招商银行,"), len(fingerprint(""))
    (True, 16)
    """
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()[:16]


class Draft(StrictModel):
    """One edited draft: which lender's (by debt id), in which language, which kind."""

    debt: str = Field(min_length=1, description="The id of the debt whose lender it is for.")
    lang: Literal["zh-CN", "en"]
    kind: Literal["application", "call_script", "chat", "checklist"]
    text: Text = Field(
        max_length=MAX_DRAFT_CHARS,
        description="The draft as edited (Markdown); personal: it names the borrower.",
        json_schema_extra=PERSONAL,
    )
    based_on: str = Field(
        "",
        max_length=64,
        description="The fingerprint of the workbench's text the edit started from (any other "
        "value, or none, only marks the edit as made on other figures).",
    )
