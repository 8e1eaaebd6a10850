"""``python -m helpers journal CASE add|list|export``: the record of every contact with a lender,
kept beside the case (``cases/NAME.journal.sqlite``).

- ``add --lender ID --channel C --initiator W [--when T] [--summary S] …``: one contact.
- ``list [--today D]``: the contacts, the follow-ups and promises due with the days left, and
  any breach of the collection rules with a draft complaint.
- ``export --csv FILE`` / ``--ics FILE [--months N]``: the journal for Excel; the due dates and
  follow-ups for a phone's calendar.

>>> import tempfile, os
>>> from helpers.cli import main
>>> folder = tempfile.mkdtemp()
>>> case = os.path.join(folder, "mine.yaml")
>>> import shutil; from helpers.paths import SAMPLES_DIR
>>> _ = shutil.copy(SAMPLES_DIR / "zhang_wei_unemployed.yaml", case)
>>> main(["journal", case, "add", "--lender", "d4", "--channel", "collector_call",
...       "--initiator", "collector", "--when", "2025-04-02 22:30", "--lang", "en"])
Added contact 1 with 借呗 (d4) to mine.journal.sqlite
0
"""

from __future__ import annotations

import argparse
from datetime import date, datetime

from helpers.case import Case, load_case
from helpers.cli import EXIT_OK, resolve_case
from helpers.errors import Problem
from helpers.i18n import label, t
from helpers.journal import (
    CALENDAR_MONTHS,
    Entry,
    JournalError,
    Promise,
    complaint_text,
    conduct_flags,
    due_items,
    export_csv,
    journal_path,
    open_journal,
    write_ics,
)
from helpers.money import format_fen, parse_amount
from helpers.paths import shown_path

__all__ = ["register", "OPTION_OF", "parse_promise", "find_debt_id"]

ACTIONS = ("add", "list", "export")
MAX_CALENDAR_MONTHS = 60
# the option that gives each field of an entry, for messages about the command line
OPTION_OF = {
    "when": "--when",
    "debt_id": "--lender",
    "lender": "--lender",
    "channel": "--channel",
    "initiator": "--initiator",
    "agent_id": "--agent",
    "summary": "--summary",
    "next_step": "--next-step",
    "next_date": "--next-date",
    "outcome": "--outcome",
    "third_parties": "--third-party",
    "promises": "--promise",
}


def find_debt_id(case: Case, lender: str | None) -> str:
    """The debt ``--lender`` names: its id, or a lender's name only one debt has.

    >>> from helpers.case import load_sample
    >>> find_debt_id(load_sample(), "借呗"), find_debt_id(load_sample(), "d1")
    ('d4', 'd1')
    >>> find_debt_id(load_sample(), "d9")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.journal.entry.JournalError: --lender: 'd9' is not a debt of this case; use one of ...
    """
    ids = [d.id for d in case.debts]
    if lender is None:
        raise JournalError([Problem("--lender", None, "errors.missing")])
    if lender in ids:
        return lender
    named = [d.id for d in case.debts if d.lender == lender]
    if len(named) == 1:
        return named[0]
    choices = ", ".join(f"{d.id} ({d.lender})" for d in case.debts)
    raise JournalError(
        [Problem("--lender", lender, "journal.error.unknown_debt", {"ids": choices})]
    )


def parse_promise(text: str, where: str = "--promise") -> Promise:
    """A ``--promise`` value: ``WHO|WHAT[|AMOUNT[|DATE]]``, WHO ``me`` or ``lender``, the amount
    in yuan.

    >>> promise = parse_promise("me|先还一部分|500|2025-04-05")
    >>> promise.by.value, promise.what, promise.amount_fen, promise.due
    ('me', '先还一部分', 50000, datetime.date(2025, 4, 5))
    >>> parse_promise("bank|x")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    helpers.journal.entry.JournalError: --promise.by: 'bank' is not one of the choices: me, lender
    """
    parts = [part.strip() for part in text.split("|")]
    if len(parts) < 2 or len(parts) > 4:
        raise JournalError([Problem(where, text, "journal.error.bad_promise_option")])
    by, what, amount, due = (parts + ["", ""])[:4]
    fen = None
    if amount:
        try:
            fen = parse_amount(amount)
        except ValueError:
            raise JournalError([Problem(f"{where}.amount", amount, "errors.not_amount")]) from None
    try:
        return Promise(by, what, fen, due or None)
    except JournalError as error:
        moved = [_renamed(p, "promises[0]", where) for p in error.problems]
        raise JournalError(moved) from None


def _renamed(problem: Problem, old: str, new: str) -> Problem:
    return Problem(problem.where.replace(old, new, 1), problem.value, problem.key, problem.params)


def _as_options(error: JournalError) -> JournalError:
    """The entry's problems named by the command line's options."""
    problems = []
    for problem in error.problems:
        head = problem.where.split("[")[0].split(".")[0]
        option = OPTION_OF.get(head, "--" + head.replace("_", "-"))
        problems.append(_renamed(problem, head, option))
    return JournalError(problems)


def _entry(args: argparse.Namespace, case: Case) -> Entry:
    debt_id = find_debt_id(case, args.lender)
    promises = [parse_promise(text) for text in args.promise or ()]
    when = args.when or datetime.now().replace(second=0, microsecond=0)
    try:
        return Entry(
            when=when,
            debt_id=debt_id,
            lender=case.debt(debt_id).lender,
            channel=args.channel,
            initiator=args.initiator,
            agent_id=args.agent or "",
            summary=args.summary or "",
            promises=promises,
            next_step=args.next_step or "",
            next_date=args.next_date,
            outcome=args.outcome,
            attachments=tuple(args.attach or ()),
            third_parties=tuple(args.third_party or ()),
            threats=args.threats,
            insults=args.insults,
            time_agreed=args.time_agreed,
        )
    except JournalError as error:
        raise _as_options(error) from None


def _list(journal, case: Case, lang: str, today: date) -> None:
    entries = journal.entries()
    print(t("cli.journal.entries", lang, count=len(entries)))
    for e in entries:
        channel = label("journal.channel", e.channel, lang)
        who = label("journal.initiator", e.initiator, lang)
        line = t(
            "cli.journal.entry",
            lang,
            id=e.entry_id,
            when=e.when.strftime("%Y-%m-%d %H:%M"),
            lender=e.lender,
            debt_id=e.debt_id,
            channel=channel,
            initiator=who,
        )
        print(line + (f" {e.summary}" if e.summary else ""))
    items = due_items(entries, today)
    print(t("cli.journal.due", lang, count=len(items), today=today.isoformat()))
    for item in items:
        amount = f" {format_fen(item.amount_fen, lang)}" if item.amount_fen is not None else ""
        key = "cli.journal.due_item" if item.days_left >= 0 else "cli.journal.due_late"
        days, text = abs(item.days_left), item.text(lang)
        print(t(key, lang, on=item.on.isoformat(), days=days, text=text) + amount)
    flags = conduct_flags(entries, case)
    print(t("cli.journal.flags", lang, count=len(flags)))
    for flag in flags:
        print(
            t(
                "cli.journal.flag",
                lang,
                id=flag.entry.entry_id,
                rule=t(f"journal.rule.{flag.rule.value}", lang),
                source=t(f"journal.source.{flag.source.value}", lang),
            )
        )
        draft = complaint_text(flag, case, lang)
        if draft:
            print("\n".join("    " + line for line in draft.splitlines()))


def _export(journal, case: Case, lang: str, args: argparse.Namespace) -> None:
    if not (args.csv or args.ics):
        raise JournalError([Problem("export", None, "cli.journal.export_what")])
    entries = journal.entries()
    try:
        if args.csv:
            path = export_csv(entries, args.csv, lang=lang)
            print(t("cli.journal.written", lang, path=str(path)))
        if args.ics:
            path = write_ics(
                entries, case, args.ics, lang=lang, start=args.start, months=args.months
            )
            print(t("cli.journal.written", lang, path=str(path)))
    except OSError as error:
        where = "--ics" if args.ics and str(error.filename).startswith(str(args.ics)) else "--csv"
        value = args.ics if where == "--ics" else args.csv
        reason = {"reason": error.strerror}
        raise JournalError([Problem(where, value, "cli.journal.cannot_write", reason)]) from None


def cmd_journal(args: argparse.Namespace) -> int:
    """Add to, list or export a case's journal."""
    path = resolve_case(args.case)
    case = load_case(path)
    lang = args.lang or case.language
    if args.action == "add":
        entry = _entry(args, case)  # checked before the file is opened
    with open_journal(journal_path(path)) as journal:
        if args.action == "add":
            number = journal.add(entry)
            print(
                t(
                    "cli.journal.added",
                    lang,
                    id=number,
                    lender=entry.lender,
                    debt_id=entry.debt_id,
                    file=shown_path(journal.path),
                )
            )
        elif args.action == "list":
            _list(journal, case, lang, args.today or date.today())
        else:
            _export(journal, case, lang, args)
    return EXIT_OK


def _date_of(option: str):
    """The argparse type of a date option: a date, or a message naming the option."""

    def read(text: str) -> date:
        try:
            return date.fromisoformat(text)
        except ValueError:
            raise JournalError([Problem(option, text, "errors.bad_date")]) from None

    return read


def _months(text: str) -> int:
    """The argparse type of ``--months``: 1 to 60."""
    if not (text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_CALENDAR_MONTHS):
        raise JournalError(
            [Problem("--months", text, "cli.journal.bad_months", {"most": MAX_CALENDAR_MONTHS})]
        )
    return int(text)


def register(add) -> None:
    """Add the ``journal`` command.

    >>> from helpers.cli import argument_names
    >>> argument_names(register)[:4]
    ['case', 'action', '--when', '--lender']
    """
    sub = add("journal", cmd_journal)
    sub.add_argument("case")
    sub.add_argument("action", choices=ACTIONS)
    sub.add_argument("--when")
    sub.add_argument("--lender")
    sub.add_argument("--channel")
    sub.add_argument("--initiator")
    sub.add_argument("--agent")
    sub.add_argument("--summary")
    sub.add_argument("--promise", action="append")
    sub.add_argument("--next-step")
    sub.add_argument("--next-date")
    sub.add_argument("--outcome")
    sub.add_argument("--attach", action="append")
    sub.add_argument("--third-party", action="append")
    sub.add_argument("--threats", action="store_true")
    sub.add_argument("--insults", action="store_true")
    sub.add_argument("--time-agreed", action="store_true")
    sub.add_argument("--today", type=_date_of("--today"))
    sub.add_argument("--csv")
    sub.add_argument("--ics")
    sub.add_argument("--start", type=_date_of("--start"))
    sub.add_argument("--months", type=_months, default=CALENDAR_MONTHS)
