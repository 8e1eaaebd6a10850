"""Messages and labels in zh-CN and en: :func:`t`, labels, language tags."""

from helpers.i18n.catalogue import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    catalogue,
    label,
    normalize_language,
    t,
)
from helpers.i18n.punctuation import aside, join_clauses, join_list, join_sentences, labelled

__all__ = [
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "aside",
    "catalogue",
    "join_clauses",
    "join_list",
    "join_sentences",
    "label",
    "labelled",
    "normalize_language",
    "t",
]
