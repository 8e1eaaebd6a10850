"""The advisor pack: one archive a borrower gives an advisor, readable offline and redacted by
default (report, workbook, drafts, the case, the journal, a manifest of SHA-256 sums), and its
safe unpacking.

>>> sorted(build_manifest({"case.yaml": b""}, case="x", redacted=True)["files"])
['case.yaml']
"""

from helpers.pack.archive import FILE_MODE, clean_leftovers, finish, packing_folder, write_zip
from helpers.pack.build import Progress, build_pack, journal_entries, pack_files, redacted_entries
from helpers.pack.manifest import (
    MANIFEST,
    PACK_FORMAT,
    PACK_VERSION,
    build_manifest,
    manifest_bytes,
    sha256,
)
from helpers.pack.report import (
    PAGE_TEMPLATE,
    REPORT_NOTEBOOK,
    REPORT_TIMEOUT_S,
    ReportError,
    external_links,
    report_case,
    report_entries,
    report_html,
    write_entries,
)
from helpers.pack.report_parts import WAITING_MONTHS, Report, Section, report_sections
from helpers.pack.unpacking import (
    MAX_ENTRIES,
    MAX_PACK_BYTES,
    MAX_UNPACKED_BYTES,
    PackError,
    check_pack,
    unpack,
)
from helpers.pack.workbook import (
    AMOUNT_FORMAT,
    DEBTS_SHEET_COLUMNS,
    MAX_WIDTH,
    RATE_FORMAT,
    SCENARIOS_SHEET_COLUMNS,
    SCHEDULES_SHEET_COLUMNS,
    WORKBOOK_CREATOR,
    WORKBOOK_SHEETS,
    put_text,
    text_width,
    workbook_bytes,
)

__all__ = [
    "PAGE_TEMPLATE",
    "REPORT_NOTEBOOK",
    "REPORT_TIMEOUT_S",
    "ReportError",
    "external_links",
    "report_case",
    "report_entries",
    "report_html",
    "write_entries",
    "WAITING_MONTHS",
    "Report",
    "Section",
    "report_sections",
    "AMOUNT_FORMAT",
    "DEBTS_SHEET_COLUMNS",
    "MAX_WIDTH",
    "RATE_FORMAT",
    "SCENARIOS_SHEET_COLUMNS",
    "SCHEDULES_SHEET_COLUMNS",
    "WORKBOOK_CREATOR",
    "WORKBOOK_SHEETS",
    "put_text",
    "text_width",
    "workbook_bytes",
    "MAX_ENTRIES",
    "MAX_PACK_BYTES",
    "MAX_UNPACKED_BYTES",
    "PackError",
    "Progress",
    "build_pack",
    "check_pack",
    "journal_entries",
    "pack_files",
    "redacted_entries",
    "unpack",
    "FILE_MODE",
    "MANIFEST",
    "PACK_FORMAT",
    "PACK_VERSION",
    "build_manifest",
    "clean_leftovers",
    "finish",
    "manifest_bytes",
    "packing_folder",
    "sha256",
    "write_zip",
]
