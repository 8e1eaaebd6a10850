"""The base of every case model: unknown fields refused, values frozen, text stripped, no NaN.

>>> class Note(StrictModel):
...     text: str
>>> Note(text="  借条 ").text
'借条'
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["StrictModel"]


class StrictModel(BaseModel):
    """A frozen pydantic model that refuses unknown fields and NaN, and strips text."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )
