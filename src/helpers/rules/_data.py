"""The facts file shipped with the package (``helpers/data/rules.yaml``), read once.

Every fact there carries a ``source``: the id of a catalogue entry ``rules.source.<id>`` that
names the statute and article in both languages.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

from helpers.i18n import t

__all__ = ["facts", "source_text"]


@cache
def facts() -> dict[str, Any]:
    """The rules file as plain data (dates as ``datetime.date``).

    >>> facts()["card_plan"]
    {'max_months': 60, 'source': 'card_measures_art70'}
    """
    text = resources.files("helpers").joinpath("data", "rules.yaml").read_text("utf-8")
    return yaml.safe_load(text)


def source_text(source: str, lang: str) -> str:
    """The citation of a source id, in ``lang``.

    >>> source_text("civil_code_art670", "en")
    'Civil Code, art. 670'
    """
    return t(f"rules.source.{source}", lang)
