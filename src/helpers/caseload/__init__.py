"""Caseload: an advisor's many cases in one call, triaged (issue 19).

One row per case file: whether it loads (a file that does not is listed with its problems and
never stops the run), what is owed, what the borrower can pay now and after recovery, the
recommended scenario and its cost, the credit record, the urgency, the legal lines crossed, the
scam signs and the triage rank. Redacted by default. Urgency is measured at each case's own
as-of date (:mod:`helpers.caseload.row`).

Which of the sample cases should an advisor call first? Zhao Min's first debt falls due on
the 1st, the day her figures were read (0 days).

>>> from helpers.paths import SAMPLES_DIR
>>> frame = run_caseload([SAMPLES_DIR], lang="en", redact=False)
>>> frame["case"][0], int(frame["next_due_days"][0]), int(frame["triage_rank"][0])
('zhao_min_family_rural', 0, 1)
"""

from helpers.caseload.dask_runner import BATCH_CASES, batches, dask_rows, task_size
from helpers.caseload.row import (
    AMOUNT_COLUMNS,
    CASELOAD_COLUMNS,
    WAITING_MONTHS,
    CaseloadRow,
    Scrubber,
    case_cells,
    case_label,
    caseload_row,
    days_to_90,
    fill_row,
    next_due_days,
    outline_cells,
    read_row,
    scrub,
)
from helpers.caseload.run import CASE_SUFFIXES, INT_COLUMNS, case_paths, loop_rows, run_caseload
from helpers.caseload.synth import (
    BLOCK,
    HARDSHIP_SHARES,
    OVERDUE_BANDS,
    OVERDUE_SHARES,
    PROFILE_SHARES,
    PROFILES,
    SECURED_SHARES,
    UNSECURED_SHARES,
    synth_case,
    synth_cases,
    synth_name,
    write_cases,
)
from helpers.caseload.triage import TRIAGE_KEYS, is_ranked, triage, triage_key
from helpers.caseload.vectorised import VECTOR_BATCH, batch_size, vector_rows
from helpers.caseload.writing import (
    OUT_SUFFIXES,
    CaseloadError,
    check_out,
    header,
    write_caseload,
)

__all__ = [
    "BLOCK",
    "HARDSHIP_SHARES",
    "OVERDUE_BANDS",
    "OVERDUE_SHARES",
    "PROFILES",
    "PROFILE_SHARES",
    "SECURED_SHARES",
    "UNSECURED_SHARES",
    "synth_case",
    "synth_cases",
    "synth_name",
    "write_cases",
    "AMOUNT_COLUMNS",
    "BATCH_CASES",
    "batches",
    "dask_rows",
    "CASELOAD_COLUMNS",
    "CASE_SUFFIXES",
    "CaseloadError",
    "CaseloadRow",
    "Scrubber",
    "INT_COLUMNS",
    "OUT_SUFFIXES",
    "TRIAGE_KEYS",
    "WAITING_MONTHS",
    "case_cells",
    "case_label",
    "case_paths",
    "caseload_row",
    "check_out",
    "days_to_90",
    "header",
    "is_ranked",
    "loop_rows",
    "next_due_days",
    "run_caseload",
    "scrub",
    "triage",
    "triage_key",
    "write_caseload",
    "VECTOR_BATCH",
    "batch_size",
    "fill_row",
    "outline_cells",
    "read_row",
    "task_size",
    "vector_rows",
]
