"""Punctuation by language, written once: how lists, clauses, sentences, a label and its value,
and an aside are joined in Chinese and in English.

The marks live in the catalogue (``i18n.*`` keys), beside every other text in both languages, so
no module chooses punctuation by testing the language tag.

>>> join_list(["房租", "水电"], "zh-CN"), join_list(["rent", "utilities"], "en")
('房租、水电', 'rent, utilities')
"""

from __future__ import annotations

from collections.abc import Iterable

from helpers.i18n.catalogue import t

__all__ = ["join_list", "join_clauses", "join_sentences", "labelled", "aside"]


def join_list(items: Iterable[str], lang: str) -> str:
    """Items of a list in a sentence: 、 in Chinese, a comma in English.

    Which lenders would pass 90 days overdue?

    >>> join_list(["招商银行", "借呗"], "zh-CN")
    '招商银行、借呗'
    """
    return t("i18n.list_separator", lang).join(items)


def join_clauses(items: Iterable[str], lang: str) -> str:
    """Clauses that each stand alone: ； in Chinese, a semicolon in English.

    >>> join_clauses(["all-in 15.00% > 13.40%", "penalty 36.00% > 24.00%"], "en")
    'all-in 15.00% > 13.40%; penalty 36.00% > 24.00%'
    """
    return t("i18n.clause_separator", lang).join(items)


def join_sentences(items: Iterable[str], lang: str) -> str:
    """Whole sentences one after another: nothing between them in Chinese, a space in English.

    >>> join_sentences(["可以还 380 元。", "收入恢复后 7,080 元。"], "zh-CN")
    '可以还 380 元。收入恢复后 7,080 元。'
    >>> join_sentences(["You can pay 380.", "Later 7,080."], "en")
    'You can pay 380. Later 7,080.'
    """
    return t("i18n.sentence_separator", lang).join(items)


def labelled(label: str, text: str, lang: str) -> str:
    """A label and what it labels: full-width ： in Chinese, ``: `` in English.

    Where is the problem in the case file?

    >>> labelled("as_of", "不是日期", "zh-CN"), labelled("as_of", "not a date", "en")
    ('as_of：不是日期', 'as_of: not a date')
    """
    return f"{label}{t('i18n.label_separator', lang)}{text}"


def aside(text: str, lang: str) -> str:
    """A remark in brackets: full-width （） in Chinese, () in English.

    >>> aside("含奖金", "zh-CN"), aside("with bonus", "en")
    ('（含奖金）', '(with bonus)')
    """
    return t("i18n.aside", lang, text=text)
