"""The glossary in an app: one widget at the bottom of its view, relabelled with the app
(the words and their definitions: :mod:`helpers.glossary`)."""

from __future__ import annotations

from typing import Any

import ipywidgets as widgets

from helpers.glossary import glossary_html

__all__ = ["GlossaryWidget", "glossary_widget"]


class GlossaryWidget(widgets.HTML):
    """The collapsible glossary of one step (:func:`glossary_html`); ``relabel(lang)`` redraws
    it in another language, as an app's language switch does.

    >>> note = GlossaryWidget("03_scenarios", "zh-CN")
    >>> note.step, "本页用到的术语" in note.value
    ('03_scenarios', True)
    """

    def __init__(self, step: str, lang: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.step = step
        self.relabel(lang)

    def relabel(self, lang: str) -> None:
        """Show the glossary in ``lang``.

        >>> note = GlossaryWidget("01_budget", "zh-CN")
        >>> note.relabel("en")
        >>> note.value.count("<dt"), "Terms on this page" in note.value
        (9, True)
        """
        self.value = glossary_html(self.step, lang)


def glossary_widget(step: str, lang: str) -> GlossaryWidget:
    """The glossary of a step as a widget, for an app's view (one line in the app, one more in
    its ``_relabel``: ``self.glossary.relabel(lang)``).

    What does the debts step's glossary say of 次级, on a Chinese page?

    >>> note = glossary_widget("02_debts", "zh-CN")
    >>> note.value.count("<dt"), note.step
    (20, '02_debts')
    """
    return GlossaryWidget(step, lang)
