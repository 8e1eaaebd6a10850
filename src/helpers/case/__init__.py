"""One borrower's situation: the case model, its files and the import of debts.

>>> from helpers.case import load_sample
>>> load_sample().hardship.kind.value
'unemployment'
"""

from helpers.case.importing import COLUMNS, add_debts, debts_from_rows, read_debts, read_table
from helpers.case.io import (
    DEFAULT_SAMPLE,
    case_to_yaml,
    find_case,
    json_schema,
    list_cases,
    list_samples,
    load_case,
    load_sample,
    parse_case,
    save_case,
    writable_copy,
)
from helpers.case.kinds import (
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
    default_terms,
)
from helpers.case.model import Case, Cost, Debt, EvidenceItem, Hardship, Household, Income, Person

__all__ = [
    "Area",
    "Bucket",
    "COLUMNS",
    "Case",
    "Cost",
    "CostCategory",
    "CostGroup",
    "DEFAULT_SAMPLE",
    "Debt",
    "DebtTerms",
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
    "Person",
    "add_debts",
    "case_to_yaml",
    "debts_from_rows",
    "default_terms",
    "find_case",
    "json_schema",
    "list_cases",
    "list_samples",
    "load_case",
    "load_sample",
    "parse_case",
    "read_debts",
    "read_table",
    "save_case",
    "writable_copy",
]
