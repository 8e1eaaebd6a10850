"""Field types shared by the case models: amounts in yuan held as fen, rates as fractions, months.

Each type parses what people write and raises a custom pydantic error whose type is a message key
of the catalogue (``problem.<type>``), so :mod:`helpers.case.problems` can explain it in both
languages.

>>> from pydantic import TypeAdapter
>>> TypeAdapter(Yuan).validate_python("1.2万")
1200000
>>> TypeAdapter(Rate).validate_python("18%")
0.18
"""

from __future__ import annotations

import math
import re
from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BeforeValidator,
    PlainSerializer,
    SerializationInfo,
    WithJsonSchema,
)
from pydantic_core import PydanticCustomError

from helpers.errors import AmountError, FieldName
from helpers.money import fen_to_yuan, yuan_to_fen
from helpers.months import MONTH_PATTERN, month_label, parse_month

__all__ = [
    "Yuan",
    "Rate",
    "Month",
    "Text",
    "NumberText",
    "AsOfDate",
    "ContractDate",
    "to_fen",
    "to_rate",
    "to_month",
    "to_text",
    "to_number_text",
    "to_date",
    "suggest_fraction",
    "MAX_YUAN",
    "MAX_FEN",
    "MAX_AMOUNT_TEXT",
    "MIN_RATE",
    "MIN_RATE_TEXT",
    "AS_OF_FIRST",
    "CONTRACT_FIRST",
    "LAST_DATE",
    "SAFE_DIGITS",
]

# The bounds of what a case may hold, so that whatever ``check`` accepts every command can run.
MAX_YUAN = 10_000_000_000  # ten billion yuan: far above any household's debt
MAX_FEN = MAX_YUAN * 100
MAX_AMOUNT_TEXT = "10,000,000,000.00"
# A rate above 0 but below this is no rate at all, and vanishes in the arithmetic (1 + r == 1):
# write 0.
MIN_RATE = 1e-8
MIN_RATE_TEXT = format(Decimal(repr(MIN_RATE)), "f")
AS_OF_FIRST = date(2019, 8, 20)  # the first one-year LPR fixing (helpers.rules.LPR_FIRST_DATE)
CONTRACT_FIRST = date(1990, 1, 1)
LAST_DATE = date(2100, 12, 31)
# A spreadsheet keeps 15 significant digits: an ID, card or account number written as a longer
# number may already have lost its last digits.
SAFE_DIGITS = 15


def to_fen(value: Any) -> int:
    """Validate an amount in yuan (number or text) and return fen: from 0 to :data:`MAX_YUAN`;
    NaN and infinity are not numbers.

    >>> to_fen(8833.3), to_fen("¥1,000"), to_fen("100亿")
    (883330, 100000, 1000000000000)
    >>> to_fen(-1)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: negative_amount
    >>> to_fen(1e26)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: too_large
    >>> to_fen(float("nan"))
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: not_number
    """
    too_large = PydanticCustomError("too_large", "too_large", {"le": MAX_AMOUNT_TEXT})
    if isinstance(value, int | float | Decimal) and not isinstance(value, bool):
        if not math.isfinite(value):
            raise PydanticCustomError("not_number", "not_number")
        if value < 0:
            raise PydanticCustomError("negative_amount", "negative_amount")
        if value > MAX_YUAN:
            raise too_large
    try:
        fen = yuan_to_fen(value)
    except AmountError:
        raise PydanticCustomError("not_amount", "not_amount") from None
    except ArithmeticError:  # more digits than a Decimal holds: far out of bounds
        raise too_large from None
    if fen < 0:
        raise PydanticCustomError("negative_amount", "negative_amount")
    if fen > MAX_FEN:
        raise too_large
    return fen


def _serialize_fen(fen: int, info: SerializationInfo) -> Any:
    yuan = fen_to_yuan(fen)
    return yuan if info.mode == "python" else float(yuan)


Yuan = Annotated[
    int,
    BeforeValidator(to_fen),
    PlainSerializer(_serialize_fen),
    WithJsonSchema(
        {
            "anyOf": [
                {"type": "number", "minimum": 0, "maximum": MAX_YUAN},
                {"type": "string"},
            ],
            "description": "An amount in yuan, from 0 to 10,000,000,000.00: 1234.5, "
            "'1,234.50', '¥1.2万', '3千'.",
        }
    ),
]


def suggest_fraction(value: float) -> str:
    """The fraction a user probably meant when they wrote a percentage.

    >>> suggest_fraction(18), suggest_fraction(0.05), suggest_fraction(24.0)
    ('0.18', '0.0005', '0.24')
    """
    return format((Decimal(repr(float(value))) / 100).normalize(), "f")


def to_rate(value: Any) -> float:
    """A rate as a fraction; ``"18%"`` (an explicit percent sign) is read as 0.18.

    >>> to_rate(0.18), to_rate("0.05%"), to_rate(" 24 % ")
    (0.18, 0.0005, 0.24)
    >>> to_rate("high")
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: not_rate

    A rate so small it vanishes in the arithmetic is refused: no interest is written 0.

    >>> to_rate(1e-300)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: rate_too_small
    """
    if isinstance(value, bool):
        raise PydanticCustomError("not_rate", "not_rate")
    if isinstance(value, int | float | Decimal):
        rate = float(value)
    elif isinstance(value, str):
        text = value.strip().replace("％", "%")
        percent = text.endswith("%")
        try:
            number = Decimal(text.rstrip("%").strip())
        except ArithmeticError:
            raise PydanticCustomError("not_rate", "not_rate") from None
        rate = float(number / 100 if percent else number)
    else:
        raise PydanticCustomError("not_rate", "not_rate")
    if not math.isfinite(rate):
        raise PydanticCustomError("not_rate", "not_rate")
    if 0 < rate < MIN_RATE:
        raise PydanticCustomError("rate_too_small", "rate_too_small", {"minimum": MIN_RATE_TEXT})
    return rate


Rate = Annotated[
    float,
    BeforeValidator(to_rate),
    WithJsonSchema(
        {
            "anyOf": [{"type": "number"}, {"type": "string", "pattern": r"^\s*[0-9.]+\s*%\s*$"}],
            "description": "A fraction (0.18 for 18%), or text with a percent sign ('18%').",
        }
    ),
]


def to_month(value: Any) -> str:
    """A ``"YYYY-MM"`` month label; a full date is accepted and reduced to its month.

    >>> to_month("2025-04"), to_month(date(2025, 4, 20)), to_month("2025-04-20")
    ('2025-04', '2025-04', '2025-04')
    """
    if isinstance(value, date):
        return month_label(value)
    if isinstance(value, str):
        text = value.strip()
        if len(text) == 10:
            try:
                return month_label(date.fromisoformat(text))
            except ValueError:
                raise PydanticCustomError("bad_month", "bad_month") from None
        try:
            parse_month(text)
        except ValueError:
            raise PydanticCustomError("bad_month", "bad_month") from None
        return text
    raise PydanticCustomError("bad_month", "bad_month")


Month = Annotated[
    str,
    BeforeValidator(to_month),
    WithJsonSchema({"type": "string", "pattern": MONTH_PATTERN, "description": "YYYY-MM"}),
]


def to_text(value: Any) -> Any:
    """Text as written, whatever type YAML gave it: a number becomes its digits, a date its
    ISO form, true/false their words; anything else (a list, a mapping) is left for pydantic to
    refuse as not text.

    >>> to_text(13800138000), to_text(1.5), to_text(True), to_text(date(2025, 4, 1))
    ('13800138000', '1.5', 'true', '2025-04-01')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float | Decimal):
        if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
            return str(int(value))
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    return value


def to_number_text(value: Any) -> Any:
    """An ID, card or account number as text; written as a number of 16 digits or more it is
    refused, since a spreadsheet keeps only 15 and the last ones may already be lost.

    >>> to_number_text(123456789012345), to_number_text("6225880000001234")
    ('123456789012345', '6225880000001234')
    >>> to_number_text(6225880000001234)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: digits_may_be_lost
    """
    number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if number and math.isfinite(value) and abs(value) >= 10**SAFE_DIGITS:
        digits = len(str(int(abs(value))))
        raise PydanticCustomError(
            "digits_may_be_lost", "digits_may_be_lost", {"digits": digits, "safe": SAFE_DIGITS}
        )
    return to_text(value)


Text = Annotated[str, BeforeValidator(to_text)]
NumberText = Annotated[str, BeforeValidator(to_number_text)]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def to_date(value: Any) -> date:
    """A date written YYYY-MM-DD (text, or a date YAML has already read); a number is refused,
    never read as a count of seconds since 1970.

    >>> to_date("2025-04-01"), to_date(date(2025, 4, 1))
    (datetime.date(2025, 4, 1), datetime.date(2025, 4, 1))
    >>> to_date(0)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: bad_date
    """
    if isinstance(value, datetime):
        if value.time() == datetime.min.time() and value.tzinfo is None:
            return value.date()
    elif isinstance(value, date):
        return value
    elif isinstance(value, str) and _DATE.match(value.strip()):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PydanticCustomError("bad_date", "bad_date")


def _date_between(first: date, last: date, error: str) -> Any:
    def check(day: date) -> date:
        if not first <= day <= last:
            bounds = {"minimum": first.isoformat(), "maximum": last.isoformat()}
            # the message of the case's date names its field (a page shows the field's label)
            raise PydanticCustomError(error, error, {**bounds, "as_of_field": FieldName("as_of")})
        return day

    return check


def _date_schema(first: date, last: date, description: str) -> WithJsonSchema:
    return WithJsonSchema(
        {
            "type": "string",
            "format": "date",
            "formatMinimum": first.isoformat(),
            "formatMaximum": last.isoformat(),
            "description": description,
        }
    )


AsOfDate = Annotated[
    date,
    BeforeValidator(to_date),
    AfterValidator(_date_between(AS_OF_FIRST, LAST_DATE, "as_of_out_of_range")),
    _date_schema(
        AS_OF_FIRST,
        LAST_DATE,
        "YYYY-MM-DD, from the first one-year LPR (2019-08-20) to 2100-12-31.",
    ),
]
ContractDate = Annotated[
    date,
    BeforeValidator(to_date),
    AfterValidator(_date_between(CONTRACT_FIRST, LAST_DATE, "date_out_of_range")),
    _date_schema(CONTRACT_FIRST, LAST_DATE, "YYYY-MM-DD, from 1990-01-01 to the case's as_of."),
]
