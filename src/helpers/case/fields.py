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

from datetime import date
from decimal import Decimal
from typing import Annotated, Any

from pydantic import BeforeValidator, PlainSerializer, SerializationInfo, WithJsonSchema
from pydantic_core import PydanticCustomError

from helpers.errors import AmountError
from helpers.money import fen_to_yuan, yuan_to_fen
from helpers.months import MONTH_PATTERN, month_label, parse_month

__all__ = ["Yuan", "Rate", "Month", "to_fen", "to_rate", "to_month", "suggest_fraction"]


def to_fen(value: Any) -> int:
    """Validate an amount in yuan (number or text) and return fen; negative amounts are refused.

    >>> to_fen(8833.3), to_fen("¥1,000")
    (883330, 100000)
    >>> to_fen(-1)
    Traceback (most recent call last):
    ...
    pydantic_core._pydantic_core.PydanticCustomError: negative_amount
    """
    try:
        fen = yuan_to_fen(value)
    except AmountError:
        raise PydanticCustomError("not_amount", "not_amount") from None
    if fen < 0:
        raise PydanticCustomError("negative_amount", "negative_amount")
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
            "anyOf": [{"type": "number", "minimum": 0}, {"type": "string"}],
            "description": "An amount in yuan: 1234.5, '1,234.50', '¥1.2万', '3千'.",
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
    if rate != rate or rate in (float("inf"), float("-inf")):
        raise PydanticCustomError("not_rate", "not_rate")
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
