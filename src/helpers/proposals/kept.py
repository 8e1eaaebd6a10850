"""The borrower's edits to the drafts, kept with the case and shown in their place.

An edit is stored in the case's ``drafts`` (:class:`helpers.case.Draft`) with the fingerprint
of the workbench's text it started from. When the figures later change (another scenario
chosen, a debt updated), the workbench's text changes too: the edit is still what is shown and
exported, flagged as *stale* so the borrower can compare it with the new original or go back
to it. Saving an edit that equals the workbench's text removes the kept draft.

Saving reads the case afresh from its file and changes only its drafts, so a choice made in
another notebook meanwhile is never lost; a sample is first copied to ``cases/`` (nothing writes
to the samples), and a case that came from no file is kept in ``cases/new_case.yaml``.

Zhang Wei rewords his chat message to 招商银行: what is sent from now on?

>>> from helpers.case import load_sample
>>> case = with_draft(load_sample(), "d1", "zh-CN", "chat", "您好，我想协商还款。", "原稿")
>>> kept = kept_texts(case, "d1", "zh-CN", {"chat": "原稿", "checklist": "清单"})
>>> kept.texts["chat"], kept.edited, kept.stale
('您好，我想协商还款。', ('chat',), ())
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from helpers import paths
from helpers.case import Case, Draft, fingerprint, load_case, save_case, writable_copy

__all__ = ["KeptTexts", "keep_draft", "kept_texts", "with_draft"]


@dataclass(frozen=True)
class KeptTexts:
    """The drafts to show: the borrower's edit where one is kept, else the workbench's text.

    Attributes
    ----------
    texts : dict of str
        By kind (``application``, ``call_script``, ``chat``, ``checklist``).
    edited : tuple of str
        The kinds shown as the borrower edited them.
    stale : tuple of str
        The edited kinds whose original has changed since the edit (the figures moved).
    """

    texts: dict[str, str]
    edited: tuple[str, ...] = ()
    stale: tuple[str, ...] = ()


def _find(case: Case, debt_id: str, lang: str, kind: str) -> Draft | None:
    return next(
        (d for d in case.drafts if (d.debt, d.lang, d.kind) == (debt_id, lang, kind)), None
    )


def kept_texts(case: Case, debt_id: str, lang: str, generated: dict[str, str]) -> KeptTexts:
    """The drafts of ``debt_id``'s lender in ``lang``: each kept edit in place of the
    workbench's text (``generated``, by kind), and which edits are stale.

    The letter was edited, then the figures changed: the edit is kept, and flagged.

    >>> from helpers.case import load_sample
    >>> case = with_draft(load_sample(), "d1", "en", "application", "My letter", "old letter")
    >>> kept = kept_texts(case, "d1", "en", {"application": "new letter"})
    >>> kept.texts["application"], kept.stale
    ('My letter', ('application',))
    """
    texts, edited, stale = dict(generated), [], []
    for kind, original in generated.items():
        draft = _find(case, debt_id, lang, kind)
        if draft is None:
            continue
        texts[kind] = draft.text + "\n" if original.endswith("\n") else draft.text
        edited.append(kind)
        if draft.based_on != fingerprint(original):
            stale.append(kind)
    return KeptTexts(texts, tuple(edited), tuple(stale))


def with_draft(case: Case, debt_id: str, lang: str, kind: str, text: str, generated: str) -> Case:
    """The case with ``text`` kept as the borrower's ``kind`` draft to ``debt_id``'s lender in
    ``lang``; a text equal to the workbench's (``generated``, ends' spaces aside) drops the
    kept draft instead.

    Going back to the original keeps nothing:

    >>> from helpers.case import load_sample
    >>> case = with_draft(load_sample(), "d1", "en", "chat", "Hello", "Hi")
    >>> len(case.drafts), len(with_draft(case, "d1", "en", "chat", "Hi\\n", "Hi").drafts)
    (1, 0)
    """
    others = tuple(d for d in case.drafts if (d.debt, d.lang, d.kind) != (debt_id, lang, kind))
    if fingerprint(text) == fingerprint(generated):
        return case.model_copy(update={"drafts": others})
    draft = Draft(debt=debt_id, lang=lang, kind=kind, text=text, based_on=fingerprint(generated))
    return case.model_copy(update={"drafts": (*others, draft)})


def keep_draft(
    source: str | os.PathLike[str] | None,
    case: Case,
    debt_id: str,
    lang: str,
    kind: str,
    text: str,
    generated: str,
) -> tuple[Path, bool]:
    """Save an edited draft with the case: in the case's own file (read afresh, so only its
    drafts change), in a copy of a sample in ``cases/``, or for a case that came from no file
    (``source`` None) in a new case file. Returns where it was kept and whether a sample was
    copied.

    >>> import tempfile
    >>> from unittest import mock
    >>> from helpers.paths import SAMPLES_DIR
    >>> with mock.patch.object(paths, "CASES_DIR", Path(tempfile.mkdtemp())):
    ...     sample = SAMPLES_DIR / "li_na_illness.yaml"
    ...     target, copied = keep_draft(sample, load_case(sample), "d1", "en", "chat", "Hi", "")
    ...     copied, load_case(target).drafts[0].text
    (True, 'Hi')
    """
    if source is None:
        target, copied = paths.new_case_path(), False
        current = case
    else:
        target, copied = writable_copy(source)
        current = load_case(target)
    save_case(with_draft(current, debt_id, lang, kind, text, generated), target)
    return target, copied
