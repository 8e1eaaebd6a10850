"""Messages and labels in zh-CN and en: :func:`t`, choice labels, language tags, punctuation.

Every text a user reads comes from the catalogue (``locales/<package>.yaml``, both languages
side by side) and is chosen where it is shown, in the reader's language.

How is a credit card called on a Chinese page, and how are two lenders listed?

>>> label("case.lender_kind", "credit_card", "zh-CN"), join_list(["招商银行", "借呗"], "zh-CN")
('信用卡', '招商银行、借呗')
"""

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
