"""The record of every contact with a lender (SQLite beside the case), the follow-ups and
promises due, the collection-conduct checks with a draft complaint, and the exports (CSV for
Excel, iCalendar for a phone).

Did 借呗's collector break the rules with its late call, and whom do I tell?

>>> from helpers.case import load_sample
>>> call = Entry(when="2025-04-02 22:30", debt_id="d4", lender="借呗", channel="collector_call",
...              initiator="collector")
>>> [(f.rule.value, f.complaint) for f in conduct_flags([call], load_sample())]
[('night_call', '12378')]
"""

from helpers.journal.complaint import complaint_text
from helpers.journal.conduct import (
    INTERNET_LOAN_KINDS,
    MAX_DAILY_CALLS,
    QUIET_FROM,
    QUIET_UNTIL,
    ConductFlag,
    ConductRule,
    Source,
    complaint_line,
    conduct_flags,
    is_internet_loan,
    rule_source,
)
from helpers.journal.entry import (
    CALL_CHANNELS,
    COLLECTING,
    ContactChannel,
    Entry,
    Initiator,
    JournalError,
    Outcome,
    Party,
    Promise,
    ThirdParty,
    entry_data,
    entry_from_data,
)
from helpers.journal.export import (
    JOURNAL_COLUMNS,
    DueItem,
    DueKind,
    csv_bytes,
    due_items,
    export_csv,
    journal_rows,
    open_follow_ups,
)
from helpers.journal.ics import (
    CALENDAR_MONTHS,
    PRODUCT_ID,
    calendar_ics,
    due_dates,
    fold_line,
    ics_text,
    write_ics,
)
from helpers.journal.payments import (
    PromiseCheck,
    PromiseStatus,
    plan_against_paid,
    promise_checks,
)
from helpers.journal.store import (
    BUSY_TIMEOUT_S,
    JOURNAL_SUFFIX,
    MIGRATIONS,
    SCHEMA_VERSION,
    Journal,
    journal_path,
    open_journal,
)

__all__ = [
    "PromiseCheck",
    "PromiseStatus",
    "plan_against_paid",
    "promise_checks",
    "BUSY_TIMEOUT_S",
    "CALENDAR_MONTHS",
    "CALL_CHANNELS",
    "COLLECTING",
    "ConductFlag",
    "ConductRule",
    "ContactChannel",
    "DueItem",
    "DueKind",
    "Entry",
    "INTERNET_LOAN_KINDS",
    "Initiator",
    "JOURNAL_COLUMNS",
    "JOURNAL_SUFFIX",
    "Journal",
    "JournalError",
    "MAX_DAILY_CALLS",
    "MIGRATIONS",
    "Outcome",
    "PRODUCT_ID",
    "Party",
    "Promise",
    "QUIET_FROM",
    "QUIET_UNTIL",
    "SCHEMA_VERSION",
    "Source",
    "ThirdParty",
    "calendar_ics",
    "complaint_line",
    "complaint_text",
    "conduct_flags",
    "due_dates",
    "csv_bytes",
    "due_items",
    "entry_data",
    "entry_from_data",
    "export_csv",
    "fold_line",
    "ics_text",
    "is_internet_loan",
    "journal_path",
    "journal_rows",
    "open_follow_ups",
    "open_journal",
    "rule_source",
    "write_ics",
]
