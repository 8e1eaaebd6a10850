"""Personal numbers and names in free text: found by their shape and by the case's own values,
and masked.

A borrower writes their story in their own words (the hardship's description, a debt's note, a
draft they edited, a journal entry's summary), and may put a phone number, an ID number or a
card number in it. Before anything leaves the machine for an advisor, every free text is
scanned for the case's personal values and for anything shaped like one:

- an ID number of mainland China: 18 characters (17 digits and a digit or X), or the old 15
  digits (GB 11643-1999);
- a mobile number: 11 digits starting 13–19, optionally after +86, optionally in groups
  (3-4-4); a landline with its area code (0 and 2–3 digits, then 7–8 digits);
- a card or account number: 12 to 19 digits, optionally in groups of digits separated by single
  spaces or hyphens (bank cards are 16–19 digits; loan contract and account numbers vary).

An ID or phone number is hidden whole; a card or account number keeps its last four digits (as
people quote a card by its tail). A run of digits that is part of a longer run is left alone
(a date like 2025-04-01 or an amount like 45,070.00 is never 12 digits in a row).

Which of Li Na's details does her note give away?

>>> print(scrub("请拨打 139 0000 0002 或 0571-87654321，卡号 6226 9000 0000 2468", ["李娜"]))
请拨打 *********** 或 ************，卡号 ************2468
"""

from __future__ import annotations

import re
from collections.abc import Iterable

__all__ = ["PATTERNS", "masked_number", "scrub", "shaped_like_personal"]

_NOT_DIGIT_BEFORE = r"(?<![0-9A-Za-z])"
_NOT_DIGIT_AFTER = r"(?![0-9A-Za-z])"
# The shapes, most specific first (an 18-character ID before a 12–19 digit account number).
PATTERNS: dict[str, re.Pattern[str]] = {
    "id_number": re.compile(_NOT_DIGIT_BEFORE + r"(?:\d{17}[\dXx]|\d{15})" + _NOT_DIGIT_AFTER),
    "phone": re.compile(
        _NOT_DIGIT_BEFORE
        + r"(?:\+?86[ -]?)?1[3-9]\d(?:[ -]?\d{4}){2}"
        + _NOT_DIGIT_AFTER
        + r"|"
        + _NOT_DIGIT_BEFORE
        + r"0\d{2,3}[ -]?\d{7,8}"
        + _NOT_DIGIT_AFTER
    ),
    "card": re.compile(_NOT_DIGIT_BEFORE + r"\d(?:[ -]?\d){11,18}" + _NOT_DIGIT_AFTER),
}
_KEEP = {"id_number": 0, "phone": 0, "card": 4}


def masked_number(text: str, keep: int = 4) -> str:
    """A number with its digits hidden, the last ``keep`` kept; spaces and hyphens dropped.

    >>> masked_number("6226 9000 0000 2468"), masked_number("13900000002", keep=0)
    ('************2468', '***********')
    """
    digits = re.sub(r"[ \-+]", "", text)
    kept = digits[len(digits) - keep :] if keep else ""
    return "*" * (len(digits) - len(kept)) + kept


def shaped_like_personal(text: str) -> list[str]:
    """The kinds of personal number ``text`` holds (``id_number``, ``phone``, ``card``).

    >>> shaped_like_personal("身份证 11010519491231002X，借款 45,070.00 元，2025-04-01")
    ['id_number']
    """
    return [kind for kind, pattern in PATTERNS.items() if pattern.search(text)]


def scrub(text: str, values: Iterable[str] = (), labels: dict[str, str] | None = None) -> str:
    """``text`` with the case's personal ``values`` and anything shaped like a personal number
    masked. A value with a label (``labels``: a name → "借款人") is replaced by its label; any
    other value, like a shape, by stars (the last four digits of an account number kept).

    >>> scrub("张伟的招行卡尾号 1234，电话 13800138000", ["张伟"], {"张伟": "借款人"})
    '借款人的招行卡尾号 1234，电话 ***********'
    """
    labels = labels or {}
    for value in sorted({v for v in values if v and v.strip()}, key=len, reverse=True):
        if value in labels:
            replacement = labels[value]
        elif re.fullmatch(r"[\d \-+Xx]{8,}", value):
            replacement = masked_number(value, 4)
        else:
            replacement = "*" * len(value)
        text = text.replace(value, replacement)
    for kind, pattern in PATTERNS.items():
        text = pattern.sub(lambda m, keep=_KEEP[kind]: masked_number(m.group(), keep), text)
    return text
