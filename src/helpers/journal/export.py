"""What the journal gives back: the follow-ups and promises due, with the days left, and a CSV
of every contact for Excel or WPS.

- **Follow-ups.** The next step of the latest contact with each debt's lender (a later contact
  replaces an earlier plan), when it has a date.
- **Promises.** Every promise the borrower made with a date (a payment by a day): kept or not,
  the journal cannot tell, so each stays listed.
- **Days left** = the date − today, in calendar days; negative when late.

What must Zhang Wei do, and by when?

>>> from datetime import date
>>> from helpers.journal.entry import Entry, Promise
>>> call = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行", channel="hotline",
...              initiator="me", next_step="回电问审批结果", next_date="2025-04-09",
...              promises=[Promise("me", "先还 500 元", amount_fen=50_000, due="2025-04-05")])
>>> [(i.kind.value, i.days_left) for i in due_items([call], date(2025, 4, 7))]
[('promise', -2), ('follow_up', 2)]
"""

from __future__ import annotations

import csv
import io
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from pathlib import Path

from helpers.i18n import DEFAULT_LANGUAGE, join_list, label, t
from helpers.journal.entry import Entry, Party
from helpers.money import format_fen
from helpers.paths import write_atomic

__all__ = [
    "JOURNAL_COLUMNS",
    "DueKind",
    "DueItem",
    "open_follow_ups",
    "due_items",
    "journal_rows",
    "csv_bytes",
    "export_csv",
]

JOURNAL_COLUMNS = (
    "id",
    "when",
    "debt_id",
    "lender",
    "channel",
    "initiator",
    "agent_id",
    "summary",
    "promises",
    "next_step",
    "next_date",
    "outcome",
    "paid",
    "attachments",
    "third_parties",
    "threats",
    "insults",
    "offer",
)


class DueKind(StrEnum):
    FOLLOW_UP = "follow_up"
    PROMISE = "promise"


@dataclass(frozen=True)
class DueItem:
    """Something to do by a date: a follow-up or a promise of the borrower's."""

    kind: DueKind
    on: date
    days_left: int
    debt_id: str
    lender: str
    what: str
    amount_fen: int | None
    entry_id: int | None

    def text(self, lang: str) -> str:
        """The item in a sentence.

        >>> DueItem(DueKind.FOLLOW_UP, date(2025, 4, 9), 2, "d1", "招商银行", "回电", None,
        ...         1).text("en")
        'Follow up 招商银行: 回电'
        """
        if self.kind == DueKind.FOLLOW_UP:
            return t("journal.due.follow_up", lang, lender=self.lender, step=self.what)
        return t("journal.due.promise", lang, lender=self.lender, what=self.what)


def open_follow_ups(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """The latest contact with each debt's lender, where it names a next step's date.

    >>> a = Entry(when="2025-04-02 10:00", debt_id="d1", lender="招商银行", channel="hotline",
    ...           initiator="me", next_step="回电", next_date="2025-04-09")
    >>> b = Entry(when="2025-04-04 09:00", debt_id="d1", lender="招商银行", channel="hotline",
    ...           initiator="lender", next_step="寄材料", next_date="2025-04-11")
    >>> [e.next_step for e in open_follow_ups([b, a])]
    ['寄材料']
    """
    latest: dict[str, Entry] = {}
    for entry in sorted(entries, key=lambda e: (e.when, e.entry_id or 0)):
        latest[entry.debt_id] = entry
    return tuple(e for e in latest.values() if e.next_date is not None)


def due_items(entries: Iterable[Entry], today: date) -> tuple[DueItem, ...]:
    """The follow-ups and the borrower's dated promises, soonest first, with the days left.

    Parameters
    ----------
    entries : iterable of Entry, or a Journal
    today : date

    Examples
    --------
    A promise to pay 500 yuan by 5 April, looked at on 1 April: 4 days left.

    >>> from helpers.journal.entry import Promise
    >>> e = Entry(when="2025-04-01 09:00", debt_id="d3", lender="招联消费金融", channel="chat",
    ...           initiator="me", promises=[Promise("me", "还 500 元", 50_000, "2025-04-05"),
    ...                                     Promise("lender", "暂停催收 7 天")])
    >>> [(i.what, i.on.day, i.days_left, i.amount_fen) for i in due_items([e], date(2025, 4, 1))]
    [('还 500 元', 5, 4, 50000)]
    """
    entries = tuple(entries)
    items = []
    for entry in open_follow_ups(entries):
        days = (entry.next_date - today).days
        step = entry.next_step or entry.summary
        items.append(
            DueItem(
                DueKind.FOLLOW_UP,
                entry.next_date,
                days,
                entry.debt_id,
                entry.lender,
                step,
                None,
                entry.entry_id,
            )
        )
    for entry in entries:
        for promise in entry.promises:
            if promise.by == Party.ME and promise.due is not None:
                days = (promise.due - today).days
                items.append(
                    DueItem(
                        DueKind.PROMISE,
                        promise.due,
                        days,
                        entry.debt_id,
                        entry.lender,
                        promise.what,
                        promise.amount_fen,
                        entry.entry_id,
                    )
                )
    order = {DueKind.PROMISE: 0, DueKind.FOLLOW_UP: 1}
    return tuple(sorted(items, key=lambda i: (i.on, order[i.kind], i.entry_id or 0)))


def _promise_text(entry: Entry, lang: str) -> str:
    parts = []
    for p in entry.promises:
        text = t("journal.promise", lang, by=label("journal.party", p.by, lang), what=p.what)
        if p.amount_fen is not None:
            text += t("journal.promise.amount", lang, amount=format_fen(p.amount_fen, lang))
        if p.due is not None:
            text += t("journal.promise.due", lang, due=p.due.isoformat())
        parts.append(text)
    return "\n".join(parts)


def journal_rows(entries: Iterable[Entry], lang: str) -> list[dict[str, str]]:
    """Every entry as a row of text under :data:`JOURNAL_COLUMNS`, choices in ``lang``.

    >>> e = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行", channel="hotline",
    ...           initiator="me", outcome="refused", third_parties=["family"])
    >>> row = journal_rows([e], "zh-CN")[0]
    >>> row["when"], row["channel"], row["outcome"], row["third_parties"], row["threats"]
    ('2025-04-02 10:15', '客服热线', '被拒绝', '家人', '否')
    """
    yes_no = {True: t("journal.yes", lang), False: t("journal.no", lang)}
    rows = []
    for e in entries:
        parties = [label("journal.third_party", p, lang) for p in e.third_parties]
        rows.append(
            {
                "id": "" if e.entry_id is None else str(e.entry_id),
                "when": e.when.strftime("%Y-%m-%d %H:%M"),
                "debt_id": e.debt_id,
                "lender": e.lender,
                "channel": label("journal.channel", e.channel, lang),
                "initiator": label("journal.initiator", e.initiator, lang),
                "agent_id": e.agent_id,
                "summary": e.summary,
                "promises": _promise_text(e, lang),
                "next_step": e.next_step,
                "next_date": e.next_date.isoformat() if e.next_date else "",
                "outcome": label("journal.outcome", e.outcome, lang) if e.outcome else "",
                "paid": format_fen(e.paid_fen, lang) if e.paid_fen is not None else "",
                "attachments": "\n".join(e.attachments),
                "third_parties": join_list(parties, lang),
                "threats": yes_no[e.threats],
                "insults": yes_no[e.insults],
                "offer": json.dumps(e.offer, ensure_ascii=False) if e.offer else "",
            }
        )
    return rows


def csv_bytes(entries: Iterable[Entry], lang: str = DEFAULT_LANGUAGE) -> bytes:
    """The journal as CSV bytes that Excel and WPS open with the Chinese intact (UTF-8 with a
    byte-order mark), headed in ``lang``.

    >>> e = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行", channel="hotline",
    ...           initiator="me", summary="申请个性化分期")
    >>> csv_bytes([e], "en").decode("utf-8-sig").splitlines()[1].split(",")[1:4]
    ['2025-04-02 10:15', 'd1', '招商银行']
    """
    header = [t(f"journal.column.{name}", lang) for name in JOURNAL_COLUMNS]
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow(header)
    rows = journal_rows(entries, lang)
    writer.writerows([row[name] for name in JOURNAL_COLUMNS] for row in rows)
    return out.getvalue().encode("utf-8-sig")


def export_csv(
    entries: Iterable[Entry], path: str | os.PathLike[str], *, lang: str = DEFAULT_LANGUAGE
) -> Path:
    """Write the journal to a CSV file (:func:`csv_bytes`); written whole or not at all (a
    temporary file renamed). The file is readable by its owner only.

    >>> import csv, tempfile, pathlib
    >>> e = Entry(when="2025-04-02 10:15", debt_id="d1", lender="招商银行", channel="hotline",
    ...           initiator="me", summary="申请个性化分期")
    >>> path = export_csv([e], pathlib.Path(tempfile.mkdtemp()) / "journal.csv", lang="zh-CN")
    >>> path.read_bytes()[:3], next(csv.DictReader(path.open(encoding="utf-8-sig")))["内容摘要"]
    (b'\\xef\\xbb\\xbf', '申请个性化分期')
    """
    return write_atomic(Path(path), csv_bytes(entries, lang))
