"""What a page of the workbench shows, as text, and the words on it in the wrong language.

:func:`widget_texts` walks an app's widget tree (from its ``.view``) and collects every text a
reader sees: HTML and label values with their tags stripped (hover titles kept), descriptions,
tooltips, option labels, tab titles, placeholders, and the titles, axis titles, trace names,
annotations and hover templates of plotly figures. :func:`case_texts` lists the case's own
free text (names, lenders, notes, ids), which is in whatever language the borrower wrote it,
and :func:`without` removes it. :func:`foreign_words` is the check itself, shared with the
browser test (which reads the same words off the rendered page).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator
from typing import Any

import ipywidgets as widgets
from plotly.basedatatypes import BaseFigure
from pydantic import BaseModel

__all__ = ["case_texts", "foreign_words", "strip_tags", "widget_texts", "without"]

_CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]+")
_LATIN_WORD = re.compile(r"[A-Za-z]+")
_TAG = re.compile(r"<[^>]*>")
_TITLE = re.compile(r"""\btitle=(?:"([^"]*)"|'([^']*)')""")
_PLOTLY_FIELD = re.compile(r"%\{[^}]*\}|<extra>.*?</extra>")
_CASE_TEXT_FIELDS_SKIPPED = {"language"}  # a language tag, not the borrower's words


def strip_tags(fragment: str) -> str:
    """The text of an HTML fragment as a reader sees it: tags removed, entities decoded, and
    the hover titles of its elements kept (a reader sees them too).

    What does a table cell with a hover note say?

    >>> strip_tags('<td title="above 24% &amp; more">关注</td><br>')
    'above 24% & more 关注 '
    """
    titles = [a or b for a, b in _TITLE.findall(fragment)]
    text = _TAG.sub(" ", fragment)
    return html.unescape(" ".join([*titles, text]))


def foreign_words(text: str, lang: str, allowlist: Iterable[str] = ()) -> list[str]:
    """The words of ``text`` not in the page's language: on a ``zh-CN`` page each run of Latin
    letters not in ``allowlist``; on an ``en`` page each run of Chinese characters (and
    full-width punctuation). Digits, symbols and amounts are in no language.

    Which words give away an untranslated label on a Chinese page, and on an English one?

    >>> foreign_words("真实年化 13.03%（名义），按 4 × LPR；Days overdue: 42", "zh-CN", {"LPR"})
    ['Days', 'overdue']
    >>> foreign_words("owed now CN¥28,790.00 · 逾期 42 days；", "en")
    ['逾期', '；']
    """
    if lang == "en":
        return _CJK.findall(text)
    allowed = set(allowlist)
    return [word for word in _LATIN_WORD.findall(text) if word not in allowed]


def without(text: str, exempt: Iterable[str]) -> str:
    """``text`` with every exempt string cut out (the longest first, so a lender's name goes
    whole before a shorter name inside it).

    >>> without("d1 · 招商银行 (Cousin Li): owed", ["Cousin Li", "招商银行", "d1"])
    ' ·  (): owed'
    """
    for item in sorted({e for e in exempt if e}, key=len, reverse=True):
        text = text.replace(item, "")
    return text


def case_texts(value: Any) -> set[str]:
    """The free text of a case (or any part of it): every string field a borrower writes
    (name, region, lenders, products, notes, descriptions, ids, numbers), not its choices
    (enums) nor its language tag.

    >>> from helpers.case import load_sample
    >>> sorted(t for t in case_texts(load_sample()) if t.startswith("d"))
    ['d1', 'd2', 'd3', 'd4', 'd5']
    """
    found: set[str] = set()
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            if name not in _CASE_TEXT_FIELDS_SKIPPED:
                found |= case_texts(getattr(value, name))
    elif isinstance(value, str) and not hasattr(value, "value"):  # an enum member is no text
        found.add(value)
    elif isinstance(value, list | tuple | set | frozenset):
        for item in value:
            found |= case_texts(item)
    elif isinstance(value, dict):
        for item in value.values():
            found |= case_texts(item)
    return found


def _figure_texts(figure: Any) -> Iterator[str]:
    layout = figure.layout
    yield layout.title.text or ""
    if layout.legend and layout.legend.title:
        yield layout.legend.title.text or ""
    for name in dir(layout):
        if re.fullmatch(r"[xy]axis\d*", name):
            axis = getattr(layout, name)
            yield axis.title.text or ""
            yield from (str(tick) for tick in axis.ticktext or ())
    for note in layout.annotations or ():
        yield note.text or ""
    for trace in figure.data:
        yield trace.name or ""
        template = getattr(trace, "hovertemplate", None)
        if isinstance(template, str):
            yield _PLOTLY_FIELD.sub(" ", template)
        elif template is not None:
            yield from (_PLOTLY_FIELD.sub(" ", str(one)) for one in template)
        text = getattr(trace, "text", None)
        if isinstance(text, str):
            yield text
        elif text is not None:
            yield from (str(one) for one in text)


def widget_texts(root: widgets.Widget, *, skip: Iterable[widgets.Widget] = ()) -> list[str]:
    """Every text a reader sees in a widget tree, one string per piece, tags stripped.

    ``skip`` names widgets (and their subtrees) to leave out. A text field's value is what the
    user typed (or the case holds), so only its placeholder counts.

    What does a small form show?

    >>> form = widgets.VBox([widgets.HTML("<b>预算</b>"),
    ...                      widgets.Dropdown(options=[("每月", 1)], description="周期"),
    ...                      widgets.Text("4500", placeholder="1.2万")])
    >>> [text for text in widget_texts(form) if text.strip()]
    [' 预算 ', '周期', '每月', '1.2万']
    """
    skipped = {id(w) for w in skip}
    texts: list[str] = []

    def walk(widget: Any) -> None:
        if id(widget) in skipped:
            return
        if isinstance(widget, BaseFigure):
            texts.extend(_figure_texts(widget))
            return
        for attribute in ("description", "tooltip", "placeholder"):
            value = getattr(widget, attribute, None)
            if isinstance(value, str):
                texts.append(value)
        if isinstance(widget, widgets.HTML | widgets.HTMLMath | widgets.Label):
            texts.append(strip_tags(widget.value))
        if hasattr(widget, "_options_labels"):
            texts.extend(widget._options_labels)
        if isinstance(widget, widgets.Tab | widgets.Accordion):
            texts.extend(str(title) for title in widget.titles if title)
        if isinstance(widget, widgets.Output):
            for output in widget.outputs:
                texts.append(str(output.get("text", "")) + str(output.get("data", "")))
        for child in getattr(widget, "children", ()):
            walk(child)

    walk(root)
    return [text.replace("\u200b", "") for text in texts]  # a widget's empty placeholder
