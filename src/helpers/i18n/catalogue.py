"""Messages and labels in the two languages of the workbench, zh-CN and en.

Every message a user reads goes through :func:`t`. The catalogue lives in
``helpers/i18n/locales/*.yaml``, one entry per key with both languages side by side, so a key
that lacks a language is plain to see (and a test fails).

>>> t("i18n.language.name", "zh-CN")
'中文'
>>> t("errors.too_small", "en", value="0", minimum=1)
'0 is too small; the least allowed is 1'
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

__all__ = ["LANGUAGES", "DEFAULT_LANGUAGE", "t", "normalize_language", "catalogue", "label"]

LANGUAGES: tuple[str, ...] = ("zh-CN", "en")
DEFAULT_LANGUAGE = "zh-CN"


@cache
def catalogue() -> dict[str, dict[str, Any]]:
    """The whole catalogue: key → {language → text, or {one, other} for counted messages}.

    Every ``helpers/i18n/locales/<package>.yaml`` file contributes its keys, each starting with
    the package's name (``debts.waiting.summary`` in ``debts.yaml``); a key defined in two files
    is an error.

    >>> sorted(catalogue()["i18n.language.name"])
    ['en', 'zh-CN']
    """
    merged: dict[str, dict[str, Any]] = {}
    folder = resources.files("helpers.i18n").joinpath("locales")
    for item in sorted(folder.iterdir(), key=lambda entry: entry.name):
        if not item.name.endswith(".yaml"):
            continue
        entries = yaml.safe_load(item.read_text("utf-8")) or {}
        clash = sorted(set(entries) & set(merged))
        if clash:
            raise KeyError(f"{item.name} defines keys already defined elsewhere: {clash}")
        merged.update(entries)
    return merged


def normalize_language(lang: str | None) -> str:
    """Map a language tag people write to one the workbench speaks.

    Parameters
    ----------
    lang : str or None
        ``"zh-CN"``, ``"zh"``, ``"zh_CN.UTF-8"``, ``"en"``, ``"en_US"``…; None gives the default.

    >>> normalize_language("zh_CN.UTF-8"), normalize_language("EN-gb"), normalize_language(None)
    ('zh-CN', 'en', 'zh-CN')
    >>> normalize_language("fr")
    Traceback (most recent call last):
    ...
    ValueError: language 'fr' is not supported; use one of zh-CN, en
    """
    if lang is None:
        return DEFAULT_LANGUAGE
    tag = str(lang).strip().lower().replace("_", "-")
    if tag.startswith("zh"):
        return "zh-CN"
    if tag.startswith("en"):
        return "en"
    raise ValueError(f"language {lang!r} is not supported; use one of {', '.join(LANGUAGES)}")


def t(key: str, lang: str, /, **params: Any) -> str:
    """The message ``key`` in ``lang``, with ``{name}`` placeholders filled from ``params``.

    A message whose entry has ``one`` and ``other`` forms picks one by ``params["count"]``.

    >>> t("errors.header", "en", source="a.yaml", count=2)
    'a.yaml: 2 problems'
    >>> t("errors.header", "en", source="a.yaml", count=1)
    'a.yaml: 1 problem'
    >>> t("no.such.key", "en")
    Traceback (most recent call last):
    ...
    KeyError: "no message 'no.such.key' in the catalogue"
    """
    try:
        entry = catalogue()[key]
    except KeyError:
        raise KeyError(f"no message {key!r} in the catalogue") from None
    text = entry[normalize_language(lang)]
    if isinstance(text, dict):
        text = text["one"] if params.get("count") == 1 else text["other"]
    return text.format(**params) if params else text


def label(group: str, value: Any, lang: str) -> str:
    """The display label of a choice, e.g. a lender kind or a cost category; ``group`` names the
    package and the choice (``case.lender_kind``), as the catalogue's keys do.

    How is a credit card called on each page?

    >>> [label("case.lender_kind", "credit_card", lang) for lang in ("zh-CN", "en")]
    ['信用卡', 'credit card']
    """
    return t(f"{group}.{getattr(value, 'value', value)}", lang)
