"""One contact with a lender as the journal keeps it: when, who, how, what was said and
promised, what comes next, and what went wrong (third parties contacted, threats, insults).

An :class:`Entry` checks itself when made: every problem names the field, the value and the fix
(:class:`JournalError`, rendered in the reader's language). Choices are given as their values
(``"hotline"``) or members; times are local clock times, as the borrower read them.

What did Zhang Wei note after his call to 招商银行?

>>> entry = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行", channel="hotline",
...               initiator="me", agent_id="8123", summary="申请分期", outcome="counter_offer",
...               promises=[{"by": "lender", "what": "3 个工作日内回电"}])
>>> entry.when, entry.channel.value, entry.promises[0].by.value
(datetime.datetime(2025, 4, 2, 10, 15), 'hotline', 'lender')
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from helpers.errors import CaseError, ChoiceName, NameList, Problem

__all__ = [
    "JournalError",
    "ContactChannel",
    "Initiator",
    "Outcome",
    "Party",
    "ThirdParty",
    "CALL_CHANNELS",
    "COLLECTING",
    "Promise",
    "Entry",
    "entry_data",
    "entry_from_data",
]

_ID = re.compile(r"^[A-Za-z0-9_\-]{1,32}$")
MAX_TEXT = 5000  # characters of a summary or a next step: a page of notes


class JournalError(CaseError):
    """A journal entry, file or export the workbench cannot use: each problem names the field
    (or the file), the value and the fix, in the reader's language.

    >>> problem = Problem("channel", "fax", "errors.bad_choice", {"choices": "hotline, chat"})
    >>> print(JournalError([problem]).render("en"))
    channel: 'fax' is not one of the choices: hotline, chat
    """


class ContactChannel(StrEnum):
    """How the contact happened."""

    HOTLINE = "hotline"  # the lender's service line
    CHAT = "chat"  # an app's online chat
    LETTER = "letter"
    VISIT = "visit"  # a branch, or someone at the door
    COLLECTOR_CALL = "collector_call"  # a call from the lender's collector or its agency
    SMS = "sms"
    PAYMENT = "payment"  # not a contact: a payment the borrower made (``paid_fen``)


class Initiator(StrEnum):
    """Who started the contact."""

    ME = "me"
    LENDER = "lender"
    COLLECTOR = "collector"
    THIRD_PARTY = "third_party"


class Outcome(StrEnum):
    AGREED = "agreed"
    REFUSED = "refused"
    COUNTER_OFFER = "counter_offer"
    NO_ANSWER = "no_answer"


class Party(StrEnum):
    """Who made a promise."""

    ME = "me"
    LENDER = "lender"


class ThirdParty(StrEnum):
    """Whom the lender or its collector contacted besides the borrower."""

    FAMILY = "family"
    EMPLOYER = "employer"
    COLLEAGUE = "colleague"
    FRIEND = "friend"
    NEIGHBOUR = "neighbour"
    OTHER = "other"


# the channels that are telephone calls, and who collects (DOMAIN.md, "collection conduct")
CALL_CHANNELS = frozenset({ContactChannel.HOTLINE, ContactChannel.COLLECTOR_CALL})
COLLECTING = frozenset({Initiator.LENDER, Initiator.COLLECTOR})


@dataclass(frozen=True)
class Promise:
    """A promise made in a contact: who, what, optionally an amount (fen) and a date.

    >>> Promise("me", "还款 2,000 元", amount_fen=200_000, due="2025-04-20").due
    datetime.date(2025, 4, 20)
    """

    by: Party
    what: str
    amount_fen: int | None = None
    due: date | None = None

    def __post_init__(self) -> None:
        problems = _check_promise(self, "promises[0]")
        if problems:
            raise JournalError(problems)


@dataclass(frozen=True)
class Entry:
    """One contact, checked when made (see the module's docstring).

    Attributes
    ----------
    when : datetime
        Local date and time of the contact (an ISO text is read).
    debt_id, lender : str
        The debt of the case and its lender's name.
    channel : ContactChannel
    initiator : Initiator
    agent_id, summary, next_step : str
        The agent's ID or name, what was said, and what to do next (by ``next_date``).
    promises : tuple of Promise
    outcome : Outcome or None
    attachments : tuple of str
        Paths of recordings, screenshots, letters.
    third_parties : tuple of ThirdParty
        Whom the lender or collector contacted besides the borrower.
    threats, insults : bool
        Whether the lender's side threatened or insulted.
    time_agreed : bool
        The borrower agreed to a call at this hour (then a night call is no breach).
    offer : dict or None
        For a counter-offer: its terms and the verdict of notebook 04, as plain data.
    paid_fen : int or None
        A payment the borrower made to the lender (channel ``payment``), in fen.
    entry_id : int or None
        The journal's number for the entry, once stored.
    """

    when: datetime
    debt_id: str
    lender: str
    channel: ContactChannel
    initiator: Initiator
    summary: str = ""
    agent_id: str = ""
    promises: tuple[Promise, ...] = ()
    next_step: str = ""
    next_date: date | None = None
    outcome: Outcome | None = None
    attachments: tuple[str, ...] = ()
    third_parties: tuple[ThirdParty, ...] = ()
    threats: bool = False
    insults: bool = False
    time_agreed: bool = False
    offer: Mapping[str, Any] | None = None
    paid_fen: int | None = None
    entry_id: int | None = None

    def __post_init__(self) -> None:
        problems = _check_entry(self)
        if problems:
            raise JournalError(problems)

    @property
    def collection_call(self) -> bool:
        """Whether this is a call by the lender's side (what the call rules count).

        >>> Entry(when="2025-04-02 22:30", debt_id="d4", lender="借呗", channel="collector_call",
        ...       initiator="collector").collection_call
        True
        """
        return self.channel in CALL_CHANNELS and self.initiator in COLLECTING


def _set(record: Any, name: str, value: Any) -> None:
    object.__setattr__(record, name, value)


def _member(value: Any, kind: type[StrEnum], group: str, where: str, problems: list) -> Any:
    """The choice ``value`` names, or ``value`` itself after noting the problem."""
    try:
        return kind(value)
    except ValueError:
        names = NameList(ChoiceName(m.value, f"journal.{group}") for m in kind)
        problems.append(Problem(where, value, "errors.bad_choice", {"choices": names}))
        return value


def _choice(record: Any, name: str, kind: type[StrEnum], where: str, problems: list) -> None:
    group = "party" if name == "by" else name
    _set(record, name, _member(getattr(record, name), kind, group, where, problems))


def _text(record: Any, name: str, where: str, problems: list, *, required: bool) -> None:
    value = getattr(record, name)
    if value is None and not required:
        _set(record, name, "")
    elif not isinstance(value, str):
        problems.append(Problem(where, value, "errors.not_text"))
    elif required and not value.strip():
        problems.append(Problem(where, value, "errors.empty_text"))
    elif len(value) > MAX_TEXT:
        problems.append(Problem(where, len(value), "journal.error.too_long", {"most": MAX_TEXT}))


def _date(record: Any, name: str, where: str, problems: list) -> None:
    value = getattr(record, name)
    if value is None or (isinstance(value, date) and not isinstance(value, datetime)):
        return
    try:
        _set(record, name, date.fromisoformat(value) if isinstance(value, str) else value.date())
    except (AttributeError, ValueError):
        problems.append(Problem(where, value, "errors.bad_date"))


def _check_promise(promise: Promise, where: str) -> list[Problem]:
    problems: list[Problem] = []
    _choice(promise, "by", Party, f"{where}.by", problems)
    _text(promise, "what", f"{where}.what", problems, required=True)
    amount = promise.amount_fen
    if amount is not None and (isinstance(amount, bool) or not isinstance(amount, int)):
        problems.append(Problem(f"{where}.amount_fen", amount, "errors.not_integer"))
    elif amount is not None and amount < 0:
        problems.append(Problem(f"{where}.amount_fen", amount, "errors.negative_amount"))
    _date(promise, "due", f"{where}.due", problems)
    return problems


def _read_when(text: str) -> datetime | None:
    """A date and time as people type it: ISO, or with a one-digit hour (``2025-04-02 9:05``)."""
    try:
        return datetime.fromisoformat(text.strip())
    except ValueError:
        pass
    for shape in ("%Y-%m-%d %H:%M", "%Y-%m-%d %H:%M:%S"):
        try:
            return datetime.strptime(text.strip(), shape)
        except ValueError:
            continue
    return None


def _when(entry: Entry, problems: list) -> None:
    value = entry.when
    if isinstance(value, str):
        value = _read_when(value)
        if value is None:
            problems.append(Problem("when", entry.when, "journal.error.bad_when"))
            return
    if not isinstance(value, datetime):
        problems.append(Problem("when", value, "journal.error.bad_when"))
        return
    if value.tzinfo is not None:  # the clock time where the borrower is
        value = value.astimezone().replace(tzinfo=None)
    _set(entry, "when", value.replace(microsecond=0))


def _promises(entry: Entry, problems: list) -> None:
    made = []
    for n, item in enumerate(entry.promises or ()):
        where = f"promises[{n}]"
        try:
            made.append(item if isinstance(item, Promise) else Promise(**dict(item)))
        except JournalError as error:
            problems += [_moved(p, where) for p in error.problems]
        except (TypeError, ValueError):
            problems.append(Problem(where, item, "journal.error.bad_promise"))
    _set(entry, "promises", tuple(made))


def _moved(problem: Problem, where: str) -> Problem:
    return Problem(
        problem.where.replace("promises[0]", where), problem.value, problem.key, problem.params
    )


def _check_entry(entry: Entry) -> list[Problem]:
    problems: list[Problem] = []
    _when(entry, problems)
    if not isinstance(entry.debt_id, str) or not _ID.match(entry.debt_id):
        problems.append(Problem("debt_id", entry.debt_id, "journal.error.bad_debt_id"))
    _text(entry, "lender", "lender", problems, required=True)
    _choice(entry, "channel", ContactChannel, "channel", problems)
    _choice(entry, "initiator", Initiator, "initiator", problems)
    for name in ("summary", "agent_id", "next_step"):
        _text(entry, name, name, problems, required=False)
    _promises(entry, problems)
    _date(entry, "next_date", "next_date", problems)
    if entry.outcome is not None:
        _choice(entry, "outcome", Outcome, "outcome", problems)
    _set(entry, "attachments", tuple(str(path) for path in entry.attachments or ()))
    parties = []
    for n, party in enumerate(entry.third_parties or ()):
        where = f"third_parties[{n}]"
        parties.append(_member(party, ThirdParty, "third_party", where, problems))
    _set(entry, "third_parties", tuple(dict.fromkeys(parties)))
    for name in ("threats", "insults", "time_agreed"):
        if not isinstance(getattr(entry, name), bool):
            problems.append(Problem(name, getattr(entry, name), "errors.not_bool"))
    _offer(entry, problems)
    _paid(entry, problems)
    return problems


def _paid(entry: Entry, problems: list) -> None:
    """A payment entry says how much was paid, and only a payment entry does."""
    paid = entry.paid_fen
    if entry.channel == ContactChannel.PAYMENT and paid is None:
        problems.append(Problem("paid_fen", None, "journal.error.payment_needs_amount"))
    elif paid is not None and (isinstance(paid, bool) or not isinstance(paid, int)):
        problems.append(Problem("paid_fen", paid, "errors.not_integer"))
    elif paid is not None and paid <= 0:
        problems.append(Problem("paid_fen", paid / 100, "journal.error.payment_not_positive"))
    elif paid is not None and entry.channel != ContactChannel.PAYMENT:
        problems.append(Problem("paid_fen", paid / 100, "journal.error.paid_needs_payment"))


def _offer(entry: Entry, problems: list) -> None:
    offer = entry.offer
    if offer is None:
        return
    if not isinstance(offer, Mapping):
        problems.append(Problem("offer", offer, "errors.not_mapping"))
        return
    try:
        _set(entry, "offer", json.loads(json.dumps(dict(offer), ensure_ascii=False)))
    except (TypeError, ValueError):
        problems.append(Problem("offer", "…", "journal.error.offer_not_data"))
        return
    if entry.outcome != Outcome.COUNTER_OFFER:
        needed = ChoiceName(Outcome.COUNTER_OFFER.value, "journal.outcome")
        problems.append(
            Problem("offer", "…", "journal.error.offer_needs_counter", {"outcome": needed})
        )


def entry_data(entry: Entry) -> dict[str, Any]:
    """An entry as plain JSON data (dates as ISO text), what the journal stores.

    >>> entry = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行", channel="letter",
    ...               initiator="me", next_date="2025-04-09")
    >>> data = entry_data(entry)
    >>> data["when"], data["channel"], data["next_date"]
    ('2025-04-02T10:15:00', 'letter', '2025-04-09')
    """
    data = asdict(entry)
    data.pop("entry_id")
    data["when"] = entry.when.isoformat()
    data["next_date"] = entry.next_date.isoformat() if entry.next_date else None
    for promise in data["promises"]:
        promise["due"] = promise["due"].isoformat() if promise["due"] else None
    return json.loads(json.dumps(data, ensure_ascii=False))


def entry_from_data(data: Mapping[str, Any], *, entry_id: int | None = None) -> Entry:
    """The entry that :func:`entry_data` wrote (unknown keys are ignored).

    >>> entry = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行", channel="sms",
    ...               initiator="lender", promises=[Promise("me", "4 月 20 日前还 500 元")])
    >>> entry_from_data(entry_data(entry), entry_id=7).entry_id
    7
    >>> entry_from_data(entry_data(entry)) == entry
    True
    """
    known = {f.name for f in fields(Entry)} - {"entry_id"}
    values = {key: value for key, value in data.items() if key in known}
    return Entry(**values, entry_id=entry_id)
