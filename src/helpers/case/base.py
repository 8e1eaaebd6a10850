"""The base of every case model: unknown fields refused, values frozen, text stripped, no NaN.

>>> class Note(StrictModel):
...     text: str
>>> Note(text="  借条 ").text
'借条'
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict

__all__ = ["PERSONAL", "StrictModel"]

# The mark of a personal field (``Field(json_schema_extra=PERSONAL)``): helpers.case.privacy
# reads every rule about personal data from it.
PERSONAL = {"personal": True}


class StrictModel(BaseModel):
    """A frozen pydantic model that refuses unknown fields and NaN, and strips text."""

    model_config = ConfigDict(
        extra="forbid", frozen=True, str_strip_whitespace=True, allow_inf_nan=False
    )
