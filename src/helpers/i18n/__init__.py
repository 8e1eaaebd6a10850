"""Messages and labels in zh-CN and en: :func:`t`, labels, language tags."""

from helpers.i18n.catalogue import (
    DEFAULT_LANGUAGE,
    LANGUAGES,
    catalogue,
    label,
    normalize_language,
    t,
)

__all__ = ["DEFAULT_LANGUAGE", "LANGUAGES", "catalogue", "label", "normalize_language", "t"]
