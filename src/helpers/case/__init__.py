"""One borrower's situation: the case model, its files and the import of debts.

>>> from helpers.case import load_sample
>>> load_sample().hardship.kind.value
'unemployment'
"""

from helpers.case.current import case_source, current_case_path, remember_case
from helpers.case.draft import DRAFT_KINDS, MAX_DRAFT_CHARS, Draft, fingerprint
from helpers.case.fields import (
    MAX_AMOUNT_TEXT,
    MAX_FEN,
    MIN_RATE,
    MIN_RATE_TEXT,
    suggest_fraction,
    to_rate,
)
from helpers.case.importing import COLUMNS, add_debts, debts_from_rows, read_debts, read_table
from helpers.case.io import (
    DEFAULT_SAMPLE,
    find_case,
    json_schema,
    list_cases,
    list_samples,
    load_case,
    load_sample,
    parse_case,
)
from helpers.case.kinds import (
    COST_GROUP,
    EVIDENCE_FOR_HARDSHIP,
    Area,
    Bucket,
    CostCategory,
    CostGroup,
    DebtTerms,
    EvidenceKind,
    EvidenceStatus,
    FunderKind,
    HardshipKind,
    IncomeKind,
    LenderKind,
    ScamSign,
    default_terms,
)
from helpers.case.model import (
    RATE_LIMITS,
    Approach,
    Case,
    Cost,
    Debt,
    EvidenceItem,
    Hardship,
    Household,
    Income,
    Person,
    active_in,
)
from helpers.case.privacy import is_personal, personal_paths, personal_values, redact
from helpers.case.problems import problems_from_validation
from helpers.case.saving import case_to_yaml, save_case, writable_copy
from helpers.case.sheets import safe_for_sheet
from helpers.case.summary import (
    DEBT_COLUMNS,
    debts_frame,
    monthly_total_fen,
    summary_frame,
    summary_rows,
)

__all__ = [
    "DEBT_COLUMNS",
    "DRAFT_KINDS",
    "MAX_DRAFT_CHARS",
    "Draft",
    "fingerprint",
    "monthly_total_fen",
    "summary_frame",
    "Approach",
    "Area",
    "Bucket",
    "COLUMNS",
    "COST_GROUP",
    "Case",
    "Cost",
    "CostCategory",
    "CostGroup",
    "DEFAULT_SAMPLE",
    "Debt",
    "DebtTerms",
    "EVIDENCE_FOR_HARDSHIP",
    "EvidenceItem",
    "EvidenceKind",
    "EvidenceStatus",
    "FunderKind",
    "Hardship",
    "HardshipKind",
    "Household",
    "Income",
    "IncomeKind",
    "LenderKind",
    "MAX_AMOUNT_TEXT",
    "MAX_FEN",
    "MIN_RATE",
    "MIN_RATE_TEXT",
    "Person",
    "RATE_LIMITS",
    "ScamSign",
    "active_in",
    "case_source",
    "current_case_path",
    "remember_case",
    "add_debts",
    "case_to_yaml",
    "debts_frame",
    "debts_from_rows",
    "default_terms",
    "find_case",
    "is_personal",
    "json_schema",
    "list_cases",
    "list_samples",
    "load_case",
    "load_sample",
    "parse_case",
    "personal_paths",
    "personal_values",
    "problems_from_validation",
    "read_debts",
    "read_table",
    "redact",
    "safe_for_sheet",
    "save_case",
    "suggest_fraction",
    "summary_rows",
    "to_rate",
    "writable_copy",
]
