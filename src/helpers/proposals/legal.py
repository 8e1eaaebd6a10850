"""The legal context of an application: which paragraphs the facts of a debt call for.

Each paragraph is a catalogue key (``proposals.legal.<name>``) with a small pure predicate on the
debt's :class:`LegalFacts`; :data:`LEGAL_RULES` is the table, in the order the paragraphs are
printed (DOMAIN.md, "Rules and figures"; texts in ``shared/reference/legal-excerpts.md``):

- ``card_art70``: a credit card: a bank *may* agree an individual instalment agreement of at
  most 60 months, and what the agreement must state (card measures (2011) art. 70).
- ``court_24``: the audit finds the all-in rate above the 24% a year courts apply to financial
  loans (法发〔2017〕22号 art. 2, court practice).
- ``upfront_fee``: fees were taken up front, so the loan counts as the amount received (Civil
  Code art. 670).
- ``private_lpr``: a private lender: interest above the audit's line (4 × the one-year LPR at
  the contract date, or the transition lines for contracts before 2020-08-20) is not enforced.
- ``force_majeure``: a disaster struck while the debt was not yet overdue (Civil Code art. 590;
  no excuse once already late).
- ``change_of_circumstances``: any hardship, as context (Civil Code art. 533).

Both of the last two are arguments for a hearing, never claimed as a right.

Which paragraphs does Zhang Wei's letter to 招商银行 carry?

>>> from helpers.case import load_sample
>>> legal_keys(legal_facts(load_sample(), "d1"))
('card_art70', 'change_of_circumstances')
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from helpers.case import Case, HardshipKind, LenderKind
from helpers.i18n import t
from helpers.money import format_fen
from helpers.rules import LineId, audit

__all__ = ["LegalFacts", "LEGAL_RULES", "legal_facts", "legal_keys", "legal_paragraphs"]

_PRIVATE_LINES = (LineId.PRIVATE_LPR, LineId.PRIVATE_TRANSITION)


@dataclass(frozen=True)
class LegalFacts:
    """What the legal paragraphs depend on, for one debt.

    ``private_line_rate`` is the audit's line for a private loan (a fraction), else None;
    ``upfront_fee_fen`` the fee taken up front; ``disaster_before_overdue`` whether a disaster
    hardship struck while the debt was not yet overdue.
    """

    card: bool = False
    above_court_line: bool = False
    upfront_fee_fen: int = 0
    private_line_rate: float | None = None
    disaster_before_overdue: bool = False
    hardship: bool = False


LEGAL_RULES: tuple[tuple[str, Callable[[LegalFacts], bool]], ...] = (
    ("card_art70", lambda f: f.card),
    ("court_24", lambda f: f.above_court_line),
    ("upfront_fee", lambda f: f.upfront_fee_fen > 0),
    ("private_lpr", lambda f: f.private_line_rate is not None),
    ("force_majeure", lambda f: f.disaster_before_overdue),
    ("change_of_circumstances", lambda f: f.hardship),
)


def legal_facts(case: Case, debt_id: str) -> LegalFacts:
    """The facts of ``debt_id`` that the legal paragraphs test, from the case and the audit.

    A disaster counts as striking on the first day of the hardship's start month (the case
    records months); the debt fell overdue ``days_overdue`` days before the case's date.

    Chen Jian's micro-loan took a fee up front; his private loan is held to 4 × the LPR:

    >>> from helpers.case import load_sample
    >>> case = load_sample("chen_jian_business_loss")
    >>> legal_facts(case, "d4").upfront_fee_fen, legal_facts(case, "d7").private_line_rate
    (120000, 0.134)
    """
    debt = case.debt(debt_id)
    found = audit(debt, as_of=case.as_of)
    private = [line for line in found.lines if line.id in _PRIVATE_LINES]
    hardship = case.hardship
    disaster = False
    if hardship is not None and hardship.kind == HardshipKind.DISASTER:
        struck = date.fromisoformat(f"{hardship.start}-01")
        overdue_since = case.as_of - timedelta(days=debt.days_overdue)
        disaster = debt.days_overdue == 0 or overdue_since > struck
    return LegalFacts(
        card=debt.kind == LenderKind.CREDIT_CARD,
        above_court_line=any(f.line.id == LineId.COURT_PRACTICE for f in found.findings),
        upfront_fee_fen=debt.upfront_fee_fen,
        private_line_rate=private[-1].annual_rate if private else None,
        disaster_before_overdue=disaster,
        hardship=hardship is not None,
    )


def legal_keys(facts: LegalFacts) -> tuple[str, ...]:
    """The paragraphs the facts call for, in :data:`LEGAL_RULES` order.

    A card with fees taken up front, and a debt with no special fact at all:

    >>> legal_keys(LegalFacts(card=True, upfront_fee_fen=100)), legal_keys(LegalFacts())
    (('card_art70', 'upfront_fee'), ())
    """
    return tuple(key for key, holds in LEGAL_RULES if holds(facts))


def legal_paragraphs(facts: LegalFacts, lang: str) -> list[str]:
    """The paragraphs in ``lang``, amounts and rates filled in.

    >>> legal_paragraphs(LegalFacts(private_line_rate=0.12), "en")[0][-40:]
    'The line for this loan is 12.00% a year.'
    """
    params = {
        "fee": format_fen(facts.upfront_fee_fen, lang),
        "line": f"{(facts.private_line_rate or 0):.2%}",
    }
    return [t(f"proposals.legal.{key}", lang, **params) for key in legal_keys(facts)]
