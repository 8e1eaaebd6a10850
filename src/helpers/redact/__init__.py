"""Redaction: what of a case may leave the machine for an advisor. Personal fields replaced or
masked, free text scrubbed of personal values and of anything shaped like an ID, phone or card
number (:mod:`helpers.redact.text`, :mod:`helpers.redact.case`).

>>> scrub("我的电话是 138-0013-8000")
'我的电话是 ***********'
"""

from helpers.redact.case import case_labels, redacted_case, scrub_case_text
from helpers.redact.text import PATTERNS, masked_number, scrub, shaped_like_personal

__all__ = [
    "PATTERNS",
    "case_labels",
    "masked_number",
    "redacted_case",
    "scrub",
    "scrub_case_text",
    "shaped_like_personal",
]
