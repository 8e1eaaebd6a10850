"""The legal lines on a debt's annual rate, by lender kind and date.

* Private lending (between private parties): interest above 4 × the one-year LPR at the contract
  date is not enforced, nor overdue interest, penalty and fees together above the same line (SPC
  private lending provisions (2020) arts. 25, 28, 29). Contracts made before 2020-08-20: interest
  up to 2020-08-19 under the old lines (up to 24% enforced, above 36% void; 2015 provisions art.
  26), interest from 2020-08-20 at 4 × the LPR on the day the suit is filed (art. 31). The filing
  date is the case's as-of date unless one is given.
* Licensed lenders (banks, consumer-finance and micro-loan companies, card issuers) and the
  platforms they fund: courts tend to cut total interest, compound interest, penalties and
  charges above 24% a year (SPC opinion 法发〔2017〕22号 art. 2). The private-lending line does not
  apply to them (SPC reply effective 2021-01-01). A platform whose funder is unknown is treated as
  licensed, with a note.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from typing import Any, NamedTuple

from helpers.case import Debt, FunderKind, LenderKind
from helpers.i18n import label, t
from helpers.rates import format_rate
from helpers.rules._data import facts, source_text
from helpers.rules._lpr import lpr_table

__all__ = [
    "PRIVATE_RULES_SINCE",
    "LineId",
    "LegalLine",
    "Note",
    "Label",
    "legal_lines",
    "legal_line",
    "lines_and_notes",
]

# SPC private lending provisions (2020) art. 31: the 2020 lines govern interest from this day.
PRIVATE_RULES_SINCE: date = facts()["lines"]["private_transition"]["since"]
_FUNDED_BY_LICENSED = {
    FunderKind.BANK,
    FunderKind.CONSUMER_FINANCE,
    FunderKind.MICRO_LOAN,
    FunderKind.TRUST,
}


class LineId(StrEnum):
    """Which legal line: its data lives in ``helpers/data/rules.yaml`` under ``lines``."""

    COURT_PRACTICE = "court_practice"
    PRIVATE_LPR = "private_lpr"
    PRIVATE_TRANSITION = "private_transition"
    PRIVATE_OLD_ENFORCED = "private_old_enforced"
    PRIVATE_OLD_VOID = "private_old_void"


class Label(NamedTuple):
    """A parameter shown as the label of a choice in the reader's language."""

    group: str
    value: str


def _localize(params: Mapping[str, Any], lang: str) -> dict[str, Any]:
    return {
        k: label(v.group, v.value, lang) if isinstance(v, Label) else v for k, v in params.items()
    }


@dataclass(frozen=True)
class Note:
    """Something worth knowing about a debt's audit that is not a line crossed."""

    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    source: str | None = None

    def render(self, lang: str) -> str:
        """The note in ``lang``, its source in brackets.

        >>> note = Note("rules.note.card_court_reduction", source="spc_card_2021_art2")
        >>> print(note.render("en"))
        A cardholder may ask a court to reduce interest, ... [SPC Provisions on Bank Card ...]
        """
        text = t(self.key, lang, **_localize(self.params, lang))
        return f"{text} [{source_text(self.source, lang)}]" if self.source else text


@dataclass(frozen=True)
class LegalLine:
    """A line on the annual rate of a debt, with the source that draws it.

    Attributes
    ----------
    id : LineId
        Which line.
    annual_rate : float
        The line, a simple annual rate as a fraction.
    source : str
        The source id (catalogue ``rules.source.<id>``).
    lpr, lpr_multiple, lpr_day, lpr_since : optional
        For lines drawn as a multiple of the LPR: the LPR, the multiple, the day it was taken
        (contract or filing date) and the fixing in force that day.
    since, until : datetime.date, optional
        The interest period the line governs, when it governs only part of it.
    """

    id: LineId
    annual_rate: float
    source: str
    lpr: float | None = None
    lpr_multiple: int | None = None
    lpr_day: date | None = None
    lpr_since: date | None = None
    since: date | None = None
    until: date | None = None

    def name(self, lang: str) -> str:
        """The line, named for people, with its rate and how it is drawn.

        >>> from helpers.case import load_sample
        >>> debt = load_sample("chen_jian_business_loss").debt("d7")
        >>> print(legal_line(debt, as_of=date(2026, 1, 5)).name("en"))  # doctest: +ELLIPSIS
        4 × the one-year LPR at the contract date (4 × 3.35% = 13.40%; LPR of 2024-07-22, ...)
        """
        return t(
            f"rules.line.{self.id.value}",
            lang,
            rate=format_rate(self.annual_rate),
            lpr=format_rate(self.lpr),
            multiple=self.lpr_multiple,
            day=self.lpr_day.isoformat() if self.lpr_day else "",
            since=self.lpr_since.isoformat() if self.lpr_since else "",
        )

    def source_text(self, lang: str) -> str:
        """The citation of the line's source in ``lang``.

        >>> from helpers.case import load_sample
        >>> debt = load_sample().debt("d1")
        >>> print(legal_line(debt, as_of=date(2025, 4, 1)).source_text("en"))
        SPC Opinions on Further Strengthening Financial Adjudication (Fa Fa [2017] No. 22), art. 2
        """
        return source_text(self.source, lang)

    def to_dict(self, lang: str) -> dict[str, Any]:
        """Plain data for JSON, with the name and source in ``lang``.

        >>> from helpers.case import load_sample
        >>> line = legal_line(load_sample().debt("d1"), as_of=date(2025, 4, 1))
        >>> line.to_dict("en")["annual_rate"]
        0.24
        """
        return {
            "id": self.id.value,
            "annual_rate": self.annual_rate,
            "name": self.name(lang),
            "source": self.source_text(lang),
            "lpr": self.lpr,
            "lpr_day": self.lpr_day.isoformat() if self.lpr_day else None,
            "since": self.since.isoformat() if self.since else None,
            "until": self.until.isoformat() if self.until else None,
        }


def _fixed_line(line_id: LineId) -> LegalLine:
    data = facts()["lines"][line_id.value]
    return LegalLine(
        line_id,
        data["annual_rate"],
        data["source"],
        since=data.get("since"),
        until=data.get("until"),
    )


def _lpr_line(line_id: LineId, day: date, notes: list[Note]) -> LegalLine:
    data = facts()["lines"][line_id.value]
    table = lpr_table()
    if not table.covers(day):
        notes.append(
            Note(
                "rules.note.lpr_past_end",
                {"day": day.isoformat(), "end": table.confirmed_through.isoformat()},
                "lpr_nifc",
            )
        )
    entry = table.entry_on(day)
    multiple = data["lpr_multiple"]
    return LegalLine(
        line_id,
        round(multiple * entry.rate, 10),
        data["source"],
        lpr=entry.rate,
        lpr_multiple=multiple,
        lpr_day=day,
        lpr_since=entry.effective_date,
        since=data.get("since"),
    )


def _private_lines(
    debt: Debt, as_of: date, filing_date: date | None, notes: list[Note]
) -> list[LegalLine]:
    contract = debt.contract_date
    if contract is None:
        contract = as_of
        notes.append(Note("rules.note.no_contract_date", {"as_of": as_of.isoformat()}))
    if contract >= PRIVATE_RULES_SINCE:
        return [_lpr_line(LineId.PRIVATE_LPR, contract, notes)]
    lines = [_fixed_line(LineId.PRIVATE_OLD_ENFORCED), _fixed_line(LineId.PRIVATE_OLD_VOID)]
    filing = filing_date or as_of
    if filing_date is None:
        notes.append(Note("rules.note.filing_date_assumed", {"day": as_of.isoformat()}))
    if filing >= PRIVATE_RULES_SINCE:
        lines.append(_lpr_line(LineId.PRIVATE_TRANSITION, filing, notes))
    notes.append(Note("rules.note.private_transition", source="spc_private_2020_art31"))
    return lines


def _licensed_notes(debt: Debt) -> list[Note]:
    notes = []
    if debt.kind == LenderKind.CREDIT_CARD:
        notes.append(Note("rules.note.card_court_reduction", source="spc_card_2021_art2"))
    if debt.kind == LenderKind.ONLINE_PLATFORM:
        funder = debt.funder_kind or FunderKind.UNKNOWN
        if funder in _FUNDED_BY_LICENSED:
            notes.append(
                Note("rules.note.platform_funded", {"funder": Label("case.funder_kind", funder)})
            )
        elif funder == FunderKind.OTHER:
            notes.append(Note("rules.note.platform_funder_other"))
        else:
            notes.append(Note("rules.note.platform_funder_unknown"))
    if debt.kind == LenderKind.OTHER:
        notes.append(Note("rules.note.kind_other"))
    if debt.kind == LenderKind.MICRO_LOAN or debt.funder_kind == FunderKind.MICRO_LOAN:
        notes.append(Note("rules.note.micro_loan_licensed", source="spc_reply_2021"))
    return notes


def lines_and_notes(
    debt: Debt, *, as_of: date, filing_date: date | None = None
) -> tuple[tuple[LegalLine, ...], tuple[Note, ...]]:
    """The lines that apply to a debt, and notes on how they were chosen.

    >>> from helpers.case import load_sample
    >>> lines, notes = lines_and_notes(load_sample().debt("d4"), as_of=date(2025, 4, 1))
    >>> [line.id.value for line in lines], [note.key for note in notes]
    (['court_practice'], ['rules.note.platform_funded'])
    """
    notes: list[Note] = []
    if debt.kind == LenderKind.PRIVATE:
        lines = _private_lines(debt, as_of, filing_date, notes)
    else:
        lines = [_fixed_line(LineId.COURT_PRACTICE)]
        notes += _licensed_notes(debt)
    return tuple(lines), tuple(notes)


def legal_lines(
    debt: Debt, *, as_of: date, filing_date: date | None = None
) -> tuple[LegalLine, ...]:
    """Every line that applies to a debt's interest, oldest period first.

    Parameters
    ----------
    debt : helpers.case.Debt
        The debt.
    as_of : datetime.date
        The case's as-of date: the filing date of a suit, unless ``filing_date`` is given.
    filing_date : datetime.date, optional
        When a suit is (or would be) filed; matters for private loans made before 2020-08-20.

    Examples
    --------
    A private loan of 2019-06-01: the old 24% and 36% lines for interest up to 2020-08-19, then
    4 × the LPR on the filing date:

    >>> from helpers.case import load_sample
    >>> uncle = load_sample("zhao_min_family_rural").debt("d3")
    >>> [(line.id.value, line.annual_rate) for line in legal_lines(uncle, as_of=date(2026, 1, 15))]
    [('private_old_enforced', 0.24), ('private_old_void', 0.36), ('private_transition', 0.12)]
    """
    return lines_and_notes(debt, as_of=as_of, filing_date=filing_date)[0]


def legal_line(debt: Debt, *, as_of: date, filing_date: date | None = None) -> LegalLine:
    """The line that governs a debt's interest from now on.

    The last of :func:`legal_lines`, except that for a suit filed before 2020-08-20 on an old
    private loan it is the old 24% line (the 36% line only marks what is void).

    Examples
    --------
    A bank card: the 24% court practice. A private loan of 2024-08-01: 4 × 3.35% = 13.4%:

    >>> from helpers.case import load_sample
    >>> legal_line(load_sample().debt("d1"), as_of=date(2025, 4, 1)).annual_rate
    0.24
    >>> friend = load_sample("chen_jian_business_loss").debt("d7")
    >>> legal_line(friend, as_of=date(2026, 1, 5)).annual_rate
    0.134
    """
    lines = legal_lines(debt, as_of=as_of, filing_date=filing_date)
    return next(line for line in reversed(lines) if line.id != LineId.PRIVATE_OLD_VOID)
