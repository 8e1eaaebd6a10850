"""Money as integer fen: parsing amounts as people write them, half-up rounding, formatting.

Inside the workbench every amount is an ``int`` of fen (1 yuan = 100 fen); yuan with two decimals
appear only at the edges (files, tables, documents). Rounding is half-up, once per posting, from
an exact integer product, so every path gives the same fen.

>>> parse_amount("¥1.2万")
1200000
>>> format_fen(1200000, "zh-CN")
'¥12,000.00'
>>> div_round_half_up(5, 2)   # 2.5 fen rounds up
3
"""

from __future__ import annotations

import re
import unicodedata
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from babel.numbers import format_currency, format_decimal

from helpers.errors import AmountError
from helpers.i18n import t

__all__ = [
    "FEN_PER_YUAN",
    "parse_amount",
    "yuan_to_fen",
    "fen_to_yuan",
    "div_round_half_up",
    "mul_rate",
    "format_fen",
    "format_yuan_plain",
]

FEN_PER_YUAN = 100

_MULTIPLIERS = {
    "": 1,
    "元": 1,
    "块": 1,
    "千": 1_000,
    "k": 1_000,
    "K": 1_000,
    "万": 10_000,
    "w": 10_000,
    "W": 10_000,
    "万元": 10_000,
    "千元": 1_000,
    "亿": 100_000_000,
    "亿元": 100_000_000,
}
_AMOUNT = re.compile(
    r"""^(?P<sign>[-+]?)\s*
        (?:¥|RMB|CNY)?\s*
        (?P<sign2>[-+]?)
        (?P<number>\d[\d,]*(?:\.\d*)?|\.\d+)\s*
        (?P<unit>[千万亿]元?|[kKwW元块]?)\s*$""",
    re.VERBOSE,
)
_GROUPS = re.compile(r"^\d{1,3}(,\d{3})*(\.\d*)?$")


def _to_decimal_yuan(text: str) -> Decimal:
    """Yuan as an exact Decimal from text people write; :class:`AmountError` when it is not one.

    >>> _to_decimal_yuan("１，２３４．５０")
    Decimal('1234.50')
    """
    cleaned = unicodedata.normalize("NFKC", text).strip().replace(" ", "").replace("\u00a0", "")
    cleaned = cleaned.replace("￥", "¥").replace("，", ",")
    match = _AMOUNT.match(cleaned)
    if not match or (match["sign"] and match["sign2"]):
        raise AmountError(text)
    number = match["number"]
    if "," in number and not _GROUPS.match(number):
        raise AmountError(text)
    try:
        value = Decimal(number.replace(",", "")) * _MULTIPLIERS[match["unit"]]
    except InvalidOperation:  # pragma: no cover - the regex admits only valid numbers
        raise AmountError(text) from None
    return -value if "-" in (match["sign"] + match["sign2"]) else value


def parse_amount(text: str) -> int:
    """Parse an amount of money as people write it and return integer fen (half-up).

    Accepts thousands separators, a ¥/￥/RMB prefix, full-width digits and punctuation, a sign,
    and the units 元, 千/k, 万/w and 亿.

    Parameters
    ----------
    text : str
        The amount as written, e.g. ``"1,234.50"``, ``"¥1.2万"``, ``"3千"``, ``"1.5k"``.

    Returns
    -------
    int
        The amount in fen.

    Raises
    ------
    AmountError
        When the text is not an amount; the message quotes it and shows how to write one.

    Examples
    --------
    A borrower types the card statement balance and two loans the way they say them:

    >>> parse_amount("1,234.50"), parse_amount("¥1.2万"), parse_amount("3千"), parse_amount("1.5k")
    (123450, 1200000, 300000, 150000)
    >>> parse_amount("￥１２，３４５．６７"), parse_amount("-50"), parse_amount("0.005")
    (1234567, -5000, 1)
    >>> parse_amount("12,3a4")
    Traceback (most recent call last):
    ...
    helpers.errors.AmountError: '12,3a4' is not an amount; write it like 1234.50, ¥1,234.50 or ...
    """
    if not isinstance(text, str):
        raise AmountError(text)
    return _decimal_yuan_to_fen(_to_decimal_yuan(text))


def _decimal_yuan_to_fen(value: Decimal) -> int:
    """Exact yuan to fen, half-up (away from zero) at the half fen.

    >>> _decimal_yuan_to_fen(Decimal("-0.005"))
    -1
    """
    return int((value * FEN_PER_YUAN).quantize(Decimal(1), rounding=ROUND_HALF_UP))


def yuan_to_fen(value: int | float | Decimal | str) -> int:
    """Convert yuan (a number, a Decimal or text) to integer fen, rounding half-up.

    Floats go through their shortest decimal form, so ``0.1 + 0.2`` style noise never leaks in.

    >>> yuan_to_fen(8833.3), yuan_to_fen(Decimal("0.125")), yuan_to_fen("1.2万"), yuan_to_fen(7)
    (883330, 13, 1200000, 700)
    >>> yuan_to_fen(float("nan"))
    Traceback (most recent call last):
    ...
    helpers.errors.AmountError: nan is not an amount; write it like 1234.50, ¥1,234.50 or 1.2万
    """
    if isinstance(value, bool):
        raise AmountError(value)
    if isinstance(value, int):
        return value * FEN_PER_YUAN
    if isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise AmountError(value)
        return _decimal_yuan_to_fen(Decimal(repr(value)))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise AmountError(value)
        return _decimal_yuan_to_fen(value)
    if isinstance(value, str):
        return parse_amount(value)
    raise AmountError(value)


def fen_to_yuan(fen: int) -> Decimal:
    """Integer fen as exact yuan with two decimals.

    >>> fen_to_yuan(123450), fen_to_yuan(-5)
    (Decimal('1234.50'), Decimal('-0.05'))
    """
    return (Decimal(int(fen)) / FEN_PER_YUAN).quantize(Decimal("0.01"))


def div_round_half_up(numerator: int, denominator: int) -> int:
    """``numerator / denominator`` rounded to the nearest integer, halves away from zero.

    For the non-negative products of postings this is DESIGN.md's ``(n + d // 2) // d`` with an
    even-safe half: ``2n + d`` over ``2d`` rounds 2.5 up to 3 for any denominator.

    >>> div_round_half_up(5, 2), div_round_half_up(7, 2), div_round_half_up(-5, 2)
    (3, 4, -3)
    >>> div_round_half_up(1_000_000 * 5, 10_000)   # 0.05% of 10,000.00 yuan is 5.00 yuan
    500
    """
    if denominator <= 0:
        raise ValueError("denominator must be positive")
    if numerator >= 0:
        return (2 * numerator + denominator) // (2 * denominator)
    return -((-2 * numerator + denominator) // (2 * denominator))


def mul_rate(fen: int, rate: Decimal | str | float) -> int:
    """``fen × rate`` rounded half-up to the fen, computed exactly from the rate's decimal form.

    >>> mul_rate(1_000_000, "0.0005")        # a day at 0.05% on 10,000.00 yuan
    500
    >>> mul_rate(185_749, 0.5)               # half of 1,857.49 is 928.745 → 928.75
    92875
    """
    num, den = Decimal(str(rate)).as_integer_ratio()
    return div_round_half_up(int(fen) * num, den)


def format_fen(fen: int, lang: str, *, currency: bool = True) -> str:
    """Format fen for a reader of ``lang``: ``¥1,234.50`` in Chinese, ``CN¥1,234.50`` in English.

    >>> format_fen(123450, "zh-CN"), format_fen(123450, "en"), format_fen(-5, "en")
    ('¥1,234.50', 'CN¥1,234.50', '-CN¥0.05')
    >>> format_fen(123450, "en", currency=False)
    '1,234.50'
    """
    locale = t("i18n.babel_locale", lang)  # the number conventions of the language
    yuan = fen_to_yuan(fen)
    if currency:
        return format_currency(yuan, "CNY", locale=locale)
    return format_decimal(yuan, format="#,##0.00", locale=locale)


def format_yuan_plain(fen: int) -> str:
    """Yuan with two decimals and no grouping, for CSV files and machines.

    >>> format_yuan_plain(123450), format_yuan_plain(-1)
    ('1234.50', '-0.01')
    """
    return f"{fen_to_yuan(fen):.2f}"
