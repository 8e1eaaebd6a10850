"""The audit of a debt: its all-in true rate, and every legal line that rate crosses.

Semantics, kept simple on purpose:

* **All-in contract rate**: the IRR of the contract's own flows on the money actually received
  (Civil Code art. 670; PBOC announcement [2021] No. 3). The amount lent is
  ``original_principal`` (else ``principal``), minus any ``upfront_fee``; the term is
  ``original_term_months`` (12 assumed, with a note, where a fee needs spreading and no term is
  given). An annual quote, or a daily quote × the day basis, is repaid in level instalments at
  annual / 12 a month (before rounding to the fen, so a loan without fees comes out at exactly its
  quoted rate); a monthly-fee quote is repaid as the card plan it is: 1/n of the original principal
  plus the fee on the whole original principal each month.
* **Lines are tested on the nominal rate** (12 × monthly IRR): the lines, like contract rates,
  are simple annual rates. The effective rate is reported alongside. A rate crosses a line when it
  is above it by more than 1e-9 (float noise).
* **Overdue rate**: where the debt's penalty multiplier is above 1, penalty interest runs at the
  quoted annual rate (or, for a monthly-fee quote, the all-in nominal rate) × the multiplier once
  a payment is late; that rate is tested against the same lines (a licensed lender's 21.6% loan
  with a 1.5× penalty runs at 32.4% once overdue). Fees up front are not added to it.
* **Which lines**: see :mod:`helpers.rules._lines` (private: 4 × LPR, with the art. 31 split for
  contracts before 2020-08-20; licensed lenders and the platforms they fund: 24%).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any

from helpers.case import Case, Debt, LenderKind
from helpers.i18n import label, t
from helpers.money import format_fen
from helpers.rates import TrueRate, format_rate
from helpers.rules._cost import ContractCost, contract_cost
from helpers.rules._data import source_text
from helpers.rules._lines import LegalLine, LineId, Note, lines_and_notes

__all__ = [
    "CROSSING_TOLERANCE",
    "RateKind",
    "Finding",
    "Audit",
    "audit",
    "crosses_line",
    "audit_case",
]

CROSSING_TOLERANCE = 1e-9


class RateKind(StrEnum):
    """Which of a debt's rates crosses a line."""

    ALL_IN = "all_in"
    OVERDUE = "overdue"


@dataclass(frozen=True)
class Finding:
    """A line crossed: the line (its rate and source), the rate that crosses it, and why it
    matters, in both languages through the catalogue."""

    line: LegalLine
    rate_kind: RateKind
    annual_rate: float
    effect_key: str
    params: Mapping[str, Any] = field(default_factory=dict)

    @property
    def source(self) -> str:
        """The source id of the line crossed.

        >>> from helpers.case import load_sample
        >>> debt = load_sample("chen_jian_business_loss").debt("d7")
        >>> audit(debt, as_of=date(2026, 1, 5)).findings[0].source
        'spc_private_2020_art25'
        """
        return self.line.source

    def render(self, lang: str) -> str:
        """The finding in ``lang``, with its source.

        >>> from helpers.case import load_sample
        >>> debt = load_sample("chen_jian_business_loss").debt("d7")
        >>> print(audit(debt, as_of=date(2026, 1, 5)).findings[0].render("en"))
        The all-in rate of 15.00% a year (nominal, on the money received) is above 4 × the ...
        """
        what = t(f"rules.what.{self.rate_kind.value}", lang, **self.params)
        text = t(
            "rules.finding",
            lang,
            what=what,
            line=self.line.name(lang),
            effect=t(self.effect_key, lang),
        )
        return f"{text} [{source_text(self.source, lang)}]"

    def to_dict(self, lang: str) -> dict[str, Any]:
        """Plain data for JSON: the line, the rate crossing it, the text and source in ``lang``.

        >>> from helpers.case import load_sample
        >>> debt = load_sample("chen_jian_business_loss").debt("d7")
        >>> audit(debt, as_of=date(2026, 1, 5)).findings[0].to_dict("en")["line"]["annual_rate"]
        0.134
        """
        return {
            "rate_kind": self.rate_kind.value,
            "annual_rate": self.annual_rate,
            "line": self.line.to_dict(lang),
            "text": self.render(lang),
            "source": source_text(self.source, lang),
        }


@dataclass(frozen=True)
class Audit:
    """A debt's all-in true rate, the lines that apply, those it crosses, and notes."""

    debt_id: str
    lender: str
    kind: LenderKind
    as_of: date
    cost: ContractCost
    lines: tuple[LegalLine, ...]
    findings: tuple[Finding, ...]
    notes: tuple[Note, ...]

    @property
    def all_in(self) -> TrueRate:
        """The all-in true rate (nominal and effective).

        >>> from helpers.case import load_sample
        >>> card = audit(load_sample().debt("d1"), as_of=date(2025, 4, 1))
        >>> round(card.all_in.nominal_annual_rate, 4)
        0.1825
        """
        return self.cost.all_in

    @property
    def crosses(self) -> bool:
        """Whether any line is crossed.

        >>> from helpers.case import load_sample
        >>> audit(load_sample().debt("d1"), as_of=date(2025, 4, 1)).crosses
        False
        """
        return bool(self.findings)

    def quote_text(self, lang: str) -> str:
        """The quote as the lender wrote it, and as a simple annual rate.

        >>> from helpers.case import load_sample
        >>> audit(load_sample().debt("d1"), as_of=date(2025, 4, 1)).quote_text("en")
        '0.05% a day (18.25% a year on 365 days)'
        """
        cost = self.cost
        if cost.quote == "daily":
            return t(
                "rules.quote.daily",
                lang,
                rate=_short_rate(cost.quoted_rate),
                annual=format_rate(cost.quoted_annual_rate),
                basis=round(cost.quoted_annual_rate / cost.quoted_rate)
                if cost.quoted_rate
                else "",
            )
        if cost.quote == "monthly_fee":
            return t("rules.quote.monthly_fee", lang, rate=_short_rate(cost.quoted_rate))
        return t("rules.quote.annual", lang, rate=format_rate(cost.quoted_rate))

    def render(self, lang: str) -> str:
        """The audit as a few lines of text for people.

        Examples
        --------
        >>> from helpers.case import load_sample
        >>> print(audit(load_sample().debt("d1"), as_of=date(2025, 4, 1)).render("en"))
        ... # doctest: +ELLIPSIS
        d1 招商银行 (credit card): quoted 0.05% a day (18.25% a year on 365 days)
          True rate: 18.25% a year nominal (12 × 1.5208% a month), 19.86% effective
          Line: the 24.00% line courts apply to the total cost of financial loans [SPC ...]
          Crosses no line.
          Note: A cardholder may ask a court to reduce ...
        """
        head = t(
            "rules.audit.head",
            lang,
            id=self.debt_id,
            lender=self.lender,
            kind=label("case.lender_kind", self.kind, lang),
            quote=self.quote_text(lang),
        )
        lines = [head, "  " + t("rules.audit.rate", lang, text=self.all_in.describe(lang))]
        for line in self.lines:
            lines.append(
                "  "
                + t("rules.audit.line", lang, line=line.name(lang), source=line.source_text(lang))
            )
        if self.findings:
            lines += ["  ✗ " + finding.render(lang) for finding in self.findings]
        else:
            lines.append("  " + t("rules.audit.no_crossing", lang))
        lines += [
            "  " + t("rules.audit.note", lang, text=note.render(lang)) for note in self.notes
        ]
        return "\n".join(lines)

    def to_dict(self, lang: str) -> dict[str, Any]:
        """Plain data for JSON; rates as fractions, texts in ``lang``.

        >>> from helpers.case import load_sample
        >>> data = audit(load_sample().debt("d1"), as_of=date(2025, 4, 1)).to_dict("en")
        >>> data["findings"], round(data["nominal_annual_rate"], 4)
        ([], 0.1825)
        """
        cost = self.cost
        return {
            "id": self.debt_id,
            "lender": self.lender,
            "kind": self.kind.value,
            "quote": cost.quote,
            "quoted_rate": cost.quoted_rate,
            "quoted_annual_rate": cost.quoted_annual_rate,
            "lent": cost.lent_fen / 100,
            "received": cost.received_fen / 100,
            "term_months": cost.term_months,
            **self.all_in.to_dict(),
            "reason_text": t(self.all_in.reason, lang) if self.all_in.reason else None,
            "overdue_annual_rate": cost.overdue_annual_rate,
            "lines": [line.to_dict(lang) for line in self.lines],
            "findings": [finding.to_dict(lang) for finding in self.findings],
            "notes": [note.render(lang) for note in self.notes],
        }


def _short_rate(rate: float) -> str:
    """A small quoted rate as people write it: 0.0005 → 0.05%, 0.006 → 0.6%.

    >>> _short_rate(0.0005), _short_rate(0.006), _short_rate(0.00045)
    ('0.05%', '0.6%', '0.045%')
    """
    return f"{rate * 100:.4g}%"


def crosses_line(rate: float | None, line: LegalLine) -> bool:
    """Whether an annual rate crosses a line: above it by more than float noise
    (:data:`CROSSING_TOLERANCE`); a rate exactly on the line does not cross it.

    Is an offer at exactly 24% a year over the line courts apply? And at 24.01%?

    >>> from helpers.case import load_sample
    >>> line = lines_and_notes(load_sample().debt("d1"), as_of=date(2025, 4, 1))[0][0]
    >>> crosses_line(0.24, line), crosses_line(0.2401, line), crosses_line(None, line)
    (False, True, False)
    """
    return rate is not None and rate > line.annual_rate + CROSSING_TOLERANCE


def _effect_key(line: LegalLine, rate: float, lines: tuple[LegalLine, ...]) -> str:
    """The catalogue key of what crossing ``line`` means; the old 24% line says whether the rate
    is also below the old 36% line."""
    if line.id == LineId.PRIVATE_OLD_ENFORCED:
        void = next((x for x in lines if x.id == LineId.PRIVATE_OLD_VOID), None)
        if void is not None and not crosses_line(rate, void):
            return "rules.effect.private_old_enforced_below_void"
    return f"rules.effect.{line.id.value}"


class _FeeNote(Note):
    """A note whose amounts (fen) are formatted in the reader's language."""

    def render(self, lang: str) -> str:
        """The note in ``lang``, amounts formatted as money.

        >>> _FeeNote("rules.note.upfront_fee", {"fee_fen": 36000, "received_fen": 1164000},
        ...          "civil_code_art670").render("en")[:40]
        'CN¥360.00 was taken up front: the rate c'
        """
        params = dict(self.params)
        params["fee"] = format_fen(params.pop("fee_fen"), lang)
        params["received"] = format_fen(params.pop("received_fen"), lang)
        text = t(self.key, lang, **params)
        return f"{text} [{source_text(self.source, lang)}]" if self.source else text


def audit(debt: Debt, *, as_of: date, filing_date: date | None = None) -> Audit:
    """Audit a debt: its all-in true rate and every legal line it crosses.

    Parameters
    ----------
    debt : helpers.case.Debt
        The debt.
    as_of : datetime.date
        The case's as-of date; also the filing date of a suit unless ``filing_date`` is given.
    filing_date : datetime.date, optional
        When a suit is (or would be) filed: private loans made before 2020-08-20 are held to
        4 × the LPR of that day for interest from 2020-08-20.

    Returns
    -------
    Audit
        The all-in rate (nominal and effective), the lines that apply, the findings (lines
        crossed, each with the rate that crosses it, an explanation and its source) and notes.

    Warns
    -----
    helpers.rules.LprTableEndWarning
        When an LPR is needed for a day past the end of the LPR table (also noted in the audit).

    Examples
    --------
    A friend's loan of 2024-08-01 at 15% crosses 4 × 3.35% = 13.4%:

    >>> from helpers.case import load_sample
    >>> friend = load_sample("chen_jian_business_loss").debt("d7")
    >>> result = audit(friend, as_of=date(2026, 1, 5))
    >>> [(f.line.annual_rate, round(f.annual_rate, 4)) for f in result.findings]
    [(0.134, 0.15)]

    A 21.6% consumer-finance loan crosses nothing until it is overdue, when 1.5 × 21.6% = 32.4%
    runs above the 24% courts apply:

    >>> loan = load_sample().debt("d3")
    >>> findings = audit(loan, as_of=date(2025, 4, 1)).findings
    >>> [(f.rate_kind.value, round(f.annual_rate, 4)) for f in findings]
    [('overdue', 0.324)]
    """
    cost = contract_cost(debt)
    lines, line_notes = lines_and_notes(debt, as_of=as_of, filing_date=filing_date)
    findings = []
    nominal = cost.all_in.nominal_annual_rate
    for line in lines:
        if crosses_line(nominal, line):
            params = {"rate": format_rate(nominal)}
            findings.append(
                Finding(line, RateKind.ALL_IN, nominal, _effect_key(line, nominal, lines), params)
            )
    overdue = cost.overdue_annual_rate
    for line in lines:
        if crosses_line(overdue, line):
            params = {
                "rate": format_rate(overdue),
                "multiplier": f"{cost.penalty_multiplier:g}",
                "base": format_rate(overdue / cost.penalty_multiplier),
            }
            findings.append(
                Finding(line, RateKind.OVERDUE, overdue, _effect_key(line, overdue, lines), params)
            )
    notes = []
    if cost.received_fen != cost.lent_fen:
        notes.append(
            _FeeNote(
                "rules.note.upfront_fee",
                {"fee_fen": cost.lent_fen - cost.received_fen, "received_fen": cost.received_fen},
                "civil_code_art670",
            )
        )
    if cost.term_assumed:
        notes.append(Note("rules.note.term_assumed", {"months": cost.term_months}))
    return Audit(
        debt.id,
        debt.lender,
        debt.kind,
        as_of,
        cost,
        lines,
        tuple(findings),
        tuple(notes) + line_notes,
    )


def audit_case(case: Case, *, filing_date: date | None = None) -> tuple[Audit, ...]:
    """Audit every debt of a case as of its as-of date.

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> [a.debt_id for a in audit_case(load_sample()) if a.crosses]
    ['d3']
    """
    return tuple(audit(d, as_of=case.as_of, filing_date=filing_date) for d in case.debts)
