"""Small widget pieces every app of the workbench shares.

A language switch, a message area that re-renders in the current language, and :class:`Hush`,
which keeps an app's observers quiet while the app sets its own controls. (The labelled fields
are :mod:`helpers.ui.field_rows`.)

>>> from helpers.i18n import t
>>> area = MessageArea("en")
>>> area.show(lambda lang: [t("language.name", lang)], "ok")
>>> area.set_language("zh-CN"); area.lines
['中文']
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable
from pathlib import Path

import ipywidgets as widgets

from helpers.case import Case, find_case, load_case
from helpers.i18n import normalize_language

__all__ = [
    "open_case",
    "LANGUAGE_OPTIONS",
    "ERROR_COLOR",
    "Hush",
    "language_switch",
    "MessageArea",
]

LANGUAGE_OPTIONS = (("中文", "zh-CN"), ("English", "en"))
ERROR_COLOR = "#b3261e"
_MESSAGE_COLORS = {"error": ERROR_COLOR, "ok": "#1e7b34", "warning": "#9a6700", "info": "#333333"}


def open_case(source: Case | str | os.PathLike[str]) -> tuple[Path | None, Case]:
    """What an app opens: the file a case comes from (None for a case given as an object) and
    the case; a bare name is looked up in ``cases/``, then among the samples.

    >>> path, case = open_case("li_na_illness")
    >>> path.name, case.person.name
    ('li_na_illness.yaml', '李娜')
    """
    if isinstance(source, Case):
        return None, source
    path = find_case(source)
    return path, load_case(path)


class Hush:
    """A flag that is on while an app sets its own controls, so its observers ignore the change.

    >>> hush = Hush()
    >>> with hush:
    ...     bool(hush)
    True
    >>> bool(hush)
    False
    """

    def __init__(self) -> None:
        self._depth = 0

    def __enter__(self) -> Hush:
        self._depth += 1
        return self

    def __exit__(self, *exc: object) -> None:
        self._depth -= 1

    def __bool__(self) -> bool:
        return self._depth > 0


def language_switch(lang: str) -> widgets.ToggleButtons:
    """The zh-CN / en switch; each language is named in itself.

    >>> switch = language_switch("en")
    >>> switch.value, switch.options
    ('en', (('中文', 'zh-CN'), ('English', 'en')))
    """
    return widgets.ToggleButtons(
        options=LANGUAGE_OPTIONS,
        value=normalize_language(lang),
        style={"button_width": "6em"},
    )


class MessageArea:
    """Messages of an app (results, problems), re-rendered when the language changes.

    ``show`` takes a function of the language giving the lines, so a language switch re-renders
    them; ``lines`` holds the plain text shown.

    >>> from helpers.i18n import t
    >>> area = MessageArea("en")
    >>> area.show(lambda lang: [t("language.name", lang)], "ok")
    >>> area.lines
    ['English']
    >>> area.set_language("zh-CN"); area.lines
    ['中文']
    """

    def __init__(self, lang: str):
        self.widget = widgets.HTML("")
        self.lang = lang
        self.kind = "info"
        self.lines: list[str] = []
        self._render: Callable[[str], list[str]] = lambda _lang: []

    def show(self, render: Callable[[str], list[str]], kind: str = "info") -> None:
        """Show the lines ``render(lang)`` gives, coloured by kind (error, ok, warning, info).

        >>> area = MessageArea("en"); area.show(lambda lang: ["a < b"], "error")
        >>> area.widget.value
        '<div style="color:#b3261e">a &lt; b</div>'
        """
        self._render, self.kind = render, kind
        self._draw()

    def clear(self) -> None:
        """Remove every message.

        >>> area = MessageArea("en"); area.show(lambda lang: ["x"]); area.clear(); area.lines
        []
        """
        self.show(lambda _lang: [])

    def set_language(self, lang: str) -> None:
        """Re-render the messages in another language.

        >>> area = MessageArea("zh-CN"); area.set_language("en"); area.lang
        'en'
        """
        self.lang = lang
        self._draw()

    def _draw(self) -> None:
        self.lines = list(self._render(self.lang))
        body = "<br>".join(html.escape(line, quote=False) for line in self.lines)
        color = _MESSAGE_COLORS.get(self.kind, _MESSAGE_COLORS["info"])
        self.widget.value = f'<div style="color:{color}">{body}</div>' if self.lines else ""
