"""Chinese lending rules as data: the LPR, the legal lines on interest, credit-report facts,
and the audit of a debt against them.

Every value comes from ``helpers/data/rules.yaml`` or ``helpers/data/lpr.csv`` with its source
(a statute and article, named in both languages by the catalogue keys ``rules.source.<id>``).
These are arguments and context for a negotiation, not entitlements (DOMAIN.md).

>>> from datetime import date
>>> from helpers.case import load_sample
>>> from helpers.rules import audit
>>> result = audit(load_sample("li_na_illness").debt("d3"), as_of=date(2025, 9, 10))
>>> [(f.rate_kind.value, f.line.annual_rate) for f in result.findings]
[('all_in', 0.24), ('overdue', 0.24)]
"""

from helpers.rules._audit import (
    CROSSING_TOLERANCE,
    Audit,
    Finding,
    RateKind,
    audit,
    audit_case,
    crosses_line,
)
from helpers.rules._cost import ASSUMED_TERM_MONTHS, ContractCost, all_in_rate, contract_cost
from helpers.rules._credit import (
    CARD_PLAN_MAX_MONTHS,
    NEGATIVE_RECORD_YEARS,
    RELIEF_ARISING_FROM,
    RELIEF_ARISING_TO,
    RELIEF_MAX_ITEM_FEN,
    RELIEF_REPAID_BY,
    OverdueClass,
    ReliefCheck,
    ReliefStatus,
    one_off_relief,
    overdue_class,
)
from helpers.rules._data import facts, source_text
from helpers.rules._lines import (
    PRIVATE_RULES_SINCE,
    Label,
    LegalLine,
    LineId,
    Note,
    legal_line,
    legal_lines,
    lines_and_notes,
)
from helpers.rules._lpr import (
    LPR_CSV_VARIABLE,
    LPR_FIRST_DATE,
    LprEntry,
    LprTable,
    LprTableEndWarning,
    NoLprError,
    lpr_on,
    lpr_table,
    read_lpr_csv,
)

__all__ = [
    "ASSUMED_TERM_MONTHS",
    "Audit",
    "CARD_PLAN_MAX_MONTHS",
    "CROSSING_TOLERANCE",
    "ContractCost",
    "Finding",
    "LPR_CSV_VARIABLE",
    "LPR_FIRST_DATE",
    "Label",
    "LegalLine",
    "LineId",
    "LprEntry",
    "LprTable",
    "LprTableEndWarning",
    "NEGATIVE_RECORD_YEARS",
    "NoLprError",
    "Note",
    "OverdueClass",
    "PRIVATE_RULES_SINCE",
    "RELIEF_ARISING_FROM",
    "RELIEF_ARISING_TO",
    "RELIEF_MAX_ITEM_FEN",
    "RELIEF_REPAID_BY",
    "RateKind",
    "ReliefCheck",
    "ReliefStatus",
    "all_in_rate",
    "audit",
    "audit_case",
    "contract_cost",
    "crosses_line",
    "facts",
    "legal_line",
    "legal_lines",
    "lines_and_notes",
    "lpr_on",
    "lpr_table",
    "one_off_relief",
    "overdue_class",
    "read_lpr_csv",
    "source_text",
]
