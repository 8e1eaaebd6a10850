"""Collection conduct: what in the journal breaks a rule on how lenders may collect, each flag
naming its rule and its source (DOMAIN.md, "collection conduct").

- **Night calls** (internet consumer loans only): a call by the lender or its collector from
  22:00 until 08:00, unless the borrower agreed to that hour (2025 national guideline on
  internet consumer loan collection).
- **Too many calls** (internet consumer loans only): more than :data:`MAX_DAILY_CALLS`
  effective collection calls from one lender in one calendar day; the 4th and each later one is
  flagged. A call counts as effective unless it went unanswered (outcome ``no_answer``).
- **Third parties** (every lender): the lender or its collector contacted the borrower's family,
  employer, colleagues, friends or others: collection is from the debtor or guarantor only.
- **Threats or insults** (every lender).

The source is the card measures art. 68 for cards, the 2025 guideline for internet consumer
loans, and for other lenders the Civil Code's rights of reputation and privacy (arts. 1024 and
1032), which bind every collector.

Which of 借呗's calls break the rules?

>>> from helpers.case import load_sample
>>> from helpers.journal.entry import Entry
>>> calls = [Entry(when=f"2025-04-0{d} {h}", debt_id="d4", lender="借呗",
...                channel="collector_call", initiator="collector")
...          for d, h in ((2, "22:30"), (3, "07:59"), (3, "08:00"))]
>>> flags = conduct_flags(calls, load_sample())
>>> [(f.entry.when.strftime("%d %H:%M"), f.rule.value) for f in flags]
[('02 22:30', 'night_call'), ('03 07:59', 'night_call')]
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import time
from enum import StrEnum

from helpers.case import Case, FunderKind, LenderKind
from helpers.journal.entry import Entry, Outcome

__all__ = [
    "INTERNET_LOAN_KINDS",
    "QUIET_FROM",
    "QUIET_UNTIL",
    "MAX_DAILY_CALLS",
    "ConductRule",
    "Source",
    "ConductFlag",
    "is_internet_loan",
    "rule_source",
    "complaint_line",
    "conduct_flags",
]

# Internet consumer loans: an online platform's loan (借呗, 微粒贷 …) and a consumer-finance
# company's (招联, 马上 …), both lent and collected online. Written here once.
INTERNET_LOAN_KINDS = frozenset({LenderKind.ONLINE_PLATFORM, LenderKind.CONSUMER_FINANCE})
QUIET_FROM, QUIET_UNTIL = time(22, 0), time(8, 0)  # no collection calls in between
MAX_DAILY_CALLS = 3  # effective collection calls from one lender in a day

# who answers a complaint: NFRA (12378) for banks and consumer-finance companies, PBOC (12363)
# for the rest of finance; a relative's loan is no regulator's business
_NFRA_KINDS = frozenset(
    {
        LenderKind.CREDIT_CARD,
        LenderKind.BANK_LOAN,
        LenderKind.CONSUMER_FINANCE,
        LenderKind.MORTGAGE,
        LenderKind.CAR,
    }
)
_NFRA_FUNDERS = frozenset({FunderKind.BANK, FunderKind.CONSUMER_FINANCE})


class ConductRule(StrEnum):
    NIGHT_CALL = "night_call"
    TOO_MANY_CALLS = "too_many_calls"
    THIRD_PARTY = "third_party"
    THREATS = "threats"


class Source(StrEnum):
    """Where a rule is written (named in both languages by ``journal.source.<value>``)."""

    CARD_MEASURES_ART68 = "card_measures_art68"
    INTERNET_LOAN_2025 = "internet_loan_2025"
    CIVIL_CODE_PERSONALITY = "civil_code_personality"


@dataclass(frozen=True)
class ConductFlag:
    """One entry breaking one rule; ``count`` is the call's number that day (too many calls).

    ``complaint`` is the line to complain to (``"12378"``, ``"12363"``), None for a private
    lender.
    """

    entry: Entry
    rule: ConductRule
    source: Source
    kind: LenderKind | None
    complaint: str | None
    count: int = 0


def is_internet_loan(kind: LenderKind | str | None) -> bool:
    """Whether a debt of this kind is an internet consumer loan (the call rules apply).

    >>> [is_internet_loan(k) for k in ("online_platform", "consumer_finance", "credit_card")]
    [True, True, False]
    """
    return kind is not None and LenderKind(kind) in INTERNET_LOAN_KINDS


def rule_source(rule: ConductRule | str, kind: LenderKind | str | None) -> Source:
    """The source of a rule for a lender of this kind.

    Which rule forbids a bank card's collector to call my employer, and 借呗's?

    >>> [rule_source("third_party", k).value for k in ("credit_card", "online_platform")]
    ['card_measures_art68', 'internet_loan_2025']
    >>> rule_source("threats", "private").value
    'civil_code_personality'
    """
    rule = ConductRule(rule)
    if rule in (ConductRule.NIGHT_CALL, ConductRule.TOO_MANY_CALLS) or is_internet_loan(kind):
        return Source.INTERNET_LOAN_2025
    if kind is not None and LenderKind(kind) == LenderKind.CREDIT_CARD:
        return Source.CARD_MEASURES_ART68
    return Source.CIVIL_CODE_PERSONALITY


def complaint_line(
    kind: LenderKind | str | None, funder: FunderKind | str | None = None
) -> str | None:
    """The complaint line for a lender: 12378 (NFRA) for banks and consumer-finance companies
    (and a platform whose funder is one), 12363 (PBOC) for other lenders; None for a private
    lender.

    >>> complaint_line("credit_card"), complaint_line("online_platform", "bank")
    ('12378', '12378')
    >>> complaint_line("micro_loan"), complaint_line("private")
    ('12363', None)
    """
    if kind is not None and LenderKind(kind) == LenderKind.PRIVATE:
        return None
    if kind is not None and LenderKind(kind) in _NFRA_KINDS:
        return "12378"
    if funder is not None and FunderKind(funder) in _NFRA_FUNDERS:
        return "12378"
    return "12363"


def _night(entry: Entry) -> bool:
    clock = entry.when.time()
    return clock >= QUIET_FROM or clock < QUIET_UNTIL


def conduct_flags(entries: Iterable[Entry], case: Case) -> tuple[ConductFlag, ...]:
    """Every breach of the collection rules the entries record, in the entries' time order.

    Parameters
    ----------
    entries : iterable of Entry, or a Journal
        The contacts (a journal's entries in any order).
    case : Case
        The case whose debts say each lender's kind; an entry about a debt the case does not
        have is checked by the rules for every lender only.

    Examples
    --------
    招商银行's collector called Zhang Wei's employer and threatened him: two flags, under art. 68
    of the card measures, to be reported to 12378.

    >>> from helpers.case import load_sample
    >>> call = Entry(when="2025-04-02 23:00", debt_id="d1", lender="招商银行",
    ...              channel="collector_call", initiator="collector",
    ...              third_parties=["employer"], threats=True)
    >>> [(f.rule.value, f.source.value, f.complaint) for f in conduct_flags([call], load_sample())]
    [('third_party', 'card_measures_art68', '12378'), ('threats', 'card_measures_art68', '12378')]
    """
    debts = {debt.id: debt for debt in case.debts}
    ordered = sorted(entries, key=lambda e: (e.when, e.entry_id or 0))
    calls_per_day: dict[tuple[str, object], int] = defaultdict(int)
    flags: list[ConductFlag] = []
    for entry in ordered:
        debt = debts.get(entry.debt_id)
        kind = debt.kind if debt else None
        line = complaint_line(kind, debt.funder_kind if debt else None)

        def flag(rule: ConductRule, count: int = 0, *, entry=entry, kind=kind, line=line):
            flags.append(ConductFlag(entry, rule, rule_source(rule, kind), kind, line, count))

        if is_internet_loan(kind) and entry.collection_call:
            if _night(entry) and not entry.time_agreed:
                flag(ConductRule.NIGHT_CALL)
            if entry.outcome != Outcome.NO_ANSWER:
                key = (entry.lender, entry.when.date())
                calls_per_day[key] += 1
                if calls_per_day[key] > MAX_DAILY_CALLS:
                    flag(ConductRule.TOO_MANY_CALLS, calls_per_day[key])
        if entry.third_parties:
            flag(ConductRule.THIRD_PARTY)
        if entry.threats or entry.insults:
            flag(ConductRule.THREATS)
    return tuple(flags)
