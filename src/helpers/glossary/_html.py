"""The glossary as HTML: a collapsible list per step, and terms linked where they first appear."""

from __future__ import annotations

import html
import re
from functools import cache

from helpers.glossary._terms import Term, step_terms
from helpers.i18n import t

__all__ = ["explain", "glossary_html"]

_TERM_STYLE = "text-decoration:underline dotted;cursor:help"
# no link inside a link, a term already linked, a script or style, or an element with its own
# hover title (a table cell's details would be hidden under the term's)
_NO_LINK_TAGS = {"a", "abbr", "script", "style", "summary"}
_VOID_TAGS = {"br", "hr", "img", "input", "meta", "link", "wbr", "col", "source"}
_TAG = re.compile(r"<(/?)([A-Za-z][\w-]*)([^>]*)>|<!--.*?-->", re.S)
_TITLED = re.compile(r"\stitle\s*=", re.I)
# how an HTML escaper may write a character of a term (html.escape, with or without quotes)
_ESCAPED = {"'": "(?:'|&#x27;|&#39;)", '"': '(?:"|&quot;)', "&": "&amp;"}


def glossary_html(step: str, lang: str) -> str:
    """The step's terms, each with its meaning, in a note the reader opens by clicking.

    How does the budget step's glossary begin, on an English page?

    >>> text = glossary_html("01_budget", "en")
    >>> text.startswith("<details") and "<summary" in text
    True
    >>> import re
    >>> re.findall(r"<dt[^>]*>(.*?)</dt>", text)[:3]
    ['unsecured debts', 'capacity', 'fixed costs']
    """
    items = "".join(
        f'<dt style="font-weight:bold">{html.escape(term.name)}</dt>'
        f'<dd style="margin:0 0 0.4em 1.5em">{html.escape(term.text)}</dd>'
        for term in step_terms(step, lang)
    )
    title, intro = html.escape(t("glossary.title", lang)), html.escape(t("glossary.intro", lang))
    return (
        '<details style="margin:0.8em 0">'
        f'<summary style="cursor:pointer;font-weight:bold">{title}</summary>'
        f'<p style="color:#666666;margin:0.3em 0">{intro}</p>'
        f'<dl style="margin:0.3em 0 0 0.5em">{items}</dl></details>'
    )


@cache
def _matcher(step: str, lang: str) -> tuple[re.Pattern[str], dict[str, Term]]:
    """One pattern for every form of the step's terms (the longest first, so a form inside a
    longer one never wins over it), and the term of each form as the pattern matches it."""
    by_form: dict[str, Term] = {}
    for term in step_terms(step, lang):
        for form in term.forms:
            by_form.setdefault(form.casefold(), term)
    forms = sorted(by_form, key=len, reverse=True)
    alternatives = "|".join(
        "".join(_ESCAPED.get(char, re.escape(char)) for char in form) for form in forms
    )
    pattern = re.compile(rf"(?<![A-Za-z])(?:{alternatives})(?![A-Za-z])", re.I)
    return pattern, by_form


def _form_of(text: str) -> str:
    return html.unescape(text).casefold()


def explain(fragment: str, step: str, lang: str) -> str:
    """``fragment`` (HTML) with the first occurrence of each of the step's terms underlined,
    its meaning shown on hover (an ``<abbr title=…>``).

    Only text is touched, never a tag or an attribute; the text stays as escaped as it was.
    Nothing is linked inside a link, a term already linked, or an element with its own hover
    title. A term found inside a longer one (复利 in 真实年化（复利）) is that longer term.

    What does a borrower see when hovering over 关注 in the debts table?

    >>> text = explain("<td>关注</td><td>关注</td>", "02", "zh-CN")
    >>> text.count("<abbr"), text.split('"')[1][:14]
    (1, '已经逾期，但不超过 90 天')

    Text and tags stay as they were:

    >>> print(explain('<th title="x">penalty interest</th> <b>lenders&#x27; present value</b>',
    ...               "03", "en"))  # doctest: +ELLIPSIS
    <th title="x">penalty interest</th> <b><abbr title="What the lenders get..."
    style="...">lenders&#x27; present value</abbr></b>
    """
    pattern, by_form = _matcher(step, lang)
    linked: set[str] = set()
    stack: list[tuple[str, bool]] = []
    out: list[str] = []

    def link(match: re.Match[str]) -> str:
        term = by_form[_form_of(match.group(0))]
        if term.key in linked:
            return match.group(0)
        linked.add(term.key)
        tip = html.escape(term.text, quote=True)
        return f'<abbr title="{tip}" style="{_TERM_STYLE}">{match.group(0)}</abbr>'

    position = 0
    for tag in _TAG.finditer(fragment):
        out.append(_link_text(fragment[position : tag.start()], stack, pattern, link))
        out.append(tag.group(0))
        position = tag.end()
        closing, name = tag.group(1), (tag.group(2) or "").lower()
        if not name or name in _VOID_TAGS or tag.group(3).rstrip().endswith("/"):
            continue
        if closing:
            while stack and stack.pop()[0] != name:
                pass
        else:
            blocked = name in _NO_LINK_TAGS or bool(_TITLED.search(tag.group(3)))
            stack.append((name, blocked))
    out.append(_link_text(fragment[position:], stack, pattern, link))
    return "".join(out)


def _link_text(text: str, stack, pattern: re.Pattern[str], link) -> str:
    if not text or any(blocked for _, blocked in stack):
        return text
    return pattern.sub(link, text)
