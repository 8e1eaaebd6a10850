"""The glossary of each step: the words a borrower may not know, explained in plain words in
both languages (texts in ``helpers/i18n/locales/glossary.yaml``).

- :func:`glossary_html`: the step's terms in a collapsible note (``<details>``), for the bottom
  of an app (:func:`helpers.ui.glossary.glossary_widget`, relabelled when the language changes);
- :func:`explain`: an HTML fragment with each term underlined where it first appears, its
  meaning on hover;
- :func:`define`: what one word means; :func:`step_terms`: the terms of a step.

What does 关注 mean, and how many days overdue is it?

>>> print(define("关注", "zh-CN"))
关注：已经逾期，但不超过 90 天（信用卡为逾期 1–90 天）。还不算不良：这时还上或谈妥最划算。

And "dearest first", which the scenario table shows as a policy?

>>> print(define("dearest first", "en"))
dearest first: Also called the avalanche: money goes first to the debt with the highest rate,
which costs the least interest in all.
"""

from helpers.glossary._html import explain, glossary_html
from helpers.glossary._terms import STEPS, Term, define, step_terms

__all__ = [
    "STEPS",
    "Term",
    "define",
    "explain",
    "glossary_html",
    "step_terms",
]
