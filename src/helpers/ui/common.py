"""Small widget pieces every app of the workbench shares.

A language switch; a message area that re-renders in the current language; :class:`Guard`,
the one place an app's callbacks run, so an error is always shown in the app; and
:class:`Hush`, which keeps an app's observers quiet while the app sets its own controls. (The
labelled fields are :mod:`helpers.ui.field_rows`.)

>>> from helpers.errors import CaseError, WorkbenchError
>>> guard = Guard(MessageArea("en"), widgets.Output())
>>> @guard
... def on_click(_button):
...     raise WorkbenchError("the budget cannot be computed")
>>> on_click(None)
>>> guard.messages.lines, guard.messages.kind
(['the budget cannot be computed'], 'error')
"""

from __future__ import annotations

import functools
import html
import os
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

import ipywidgets as widgets

from helpers.case import Case, find_case, load_case
from helpers.errors import CaseError, WorkbenchError
from helpers.i18n import normalize_language, t

__all__ = [
    "open_case",
    "LANGUAGE_OPTIONS",
    "ERROR_COLOR",
    "Hush",
    "language_switch",
    "MessageArea",
    "Guard",
    "error_lines",
    "table_box",
    "side_by_side",
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


def table_box() -> widgets.HTML:
    """An HTML widget for tables: a table wider than the page scrolls sideways inside it
    instead of running past the page's edge (the widget's content would otherwise grow to
    the table's width).

    >>> table_box().layout.overflow
    'auto'
    """
    return widgets.HTML(layout=widgets.Layout(overflow="auto", max_width="100%"))


def side_by_side(*children: widgets.Widget, least: str = "28em") -> widgets.Box:
    """Widgets (figures) next to each other while the page is wide enough for each to have
    ``least`` of width, one under the other on a narrower page; each fills its share.

    >>> row = side_by_side(widgets.HTML("a"), widgets.HTML("b"))
    >>> row.layout.flex_flow, [box.layout.flex for box in row.children]
    ('row wrap', ['1 1 28em', '1 1 28em'])
    """
    shares = [
        widgets.VBox([child], layout=widgets.Layout(flex=f"1 1 {least}", min_width="0"))
        for child in children
    ]
    return widgets.Box(shares, layout=widgets.Layout(flex_flow="row wrap", width="100%"))


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
    >>> area.show(lambda lang: [t("i18n.language.name", lang)], "ok")
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


def error_lines(error: WorkbenchError | OSError) -> Callable[[str], list[str]]:
    """What a message area says of an error a user can cause, in any language: a workbench
    error rendered in it, a file that cannot be read or written with its name and the reason.

    What does the app say when a case cannot be saved into a folder without permission, and
    of a problem with a case (named by the form's labels)?

    >>> error = PermissionError(13, "Permission denied", "cases/mine.yaml")
    >>> error_lines(error)("en")
    ['the file cannot be read or written (cases/mine.yaml Permission denied); check the path \
and its permissions']
    >>> from helpers.errors import Problem
    >>> error_lines(CaseError([Problem("debts[1].lender", None, "errors.missing")]))("zh-CN")
    ['第 2 笔债务的出借方：必填项缺失，请补上']
    """
    if isinstance(error, CaseError):
        # the problems' fields by the form's labels (imported here: the editor imports this)
        from helpers.ui.editor.labels import error_text

        return lambda lang: error_text(error, lang).splitlines()
    if isinstance(error, WorkbenchError):
        return lambda lang: [error.render(lang)]
    detail = f"{error.filename or ''} {error.strerror or error}".strip()
    return lambda lang: [t("ui.os_error", lang, detail=detail)]


class Guard:
    """Where an app's callbacks run, so that no error is lost and none shows a traceback to
    a borrower.

    A :class:`~helpers.errors.WorkbenchError` (or an ``OSError``: a file that cannot be read
    or written) is shown in the app's message area, rendered in the app's language and again
    in the other when the switch changes it (:func:`error_lines`). Anything else is a bug:
    the app's ``Output`` captures it with its traceback in the notebook (outside a kernel it
    propagates, so a test fails). While the app sets its own controls (``hush``), a guarded
    handler does nothing.

    Wrap a handler (``control.observe(guard(handler), "value")``) or run a block
    (``with guard: ...``).

    Parameters
    ----------
    messages : MessageArea
        The app's message area.
    output : ipywidgets.Output
        The app's output area, shown in its view.
    hush : Hush, optional
        The app's flag for setting its own controls.

    Examples
    --------
    What does the app show when a file the borrower named cannot be read?

    >>> guard = Guard(MessageArea("zh-CN"), widgets.Output())
    >>> with guard:
    ...     open("/nonexistent/debts.csv")
    >>> guard.messages.lines
    ['无法读写文件（/nonexistent/debts.csv No such file or directory）；请检查路径和权限']
    """

    def __init__(
        self, messages: MessageArea, output: widgets.Output, hush: Hush | None = None
    ) -> None:
        self.messages, self.output, self.hush = messages, output, hush

    def __call__(self, handler: Callable[..., Any]) -> Callable[..., None]:
        """The handler, run inside the guard; it does nothing while the app is hushed.

        >>> hush = Hush()
        >>> guard = Guard(MessageArea("en"), widgets.Output(), hush)
        >>> calls = []
        >>> handler = guard(calls.append)
        >>> handler(1)
        >>> with hush:
        ...     handler(2)
        >>> calls
        [1]
        """

        @functools.wraps(handler)
        def guarded(*args: Any) -> None:
            if self.hush:
                return
            with self:
                handler(*args)

        return guarded

    def __enter__(self) -> Guard:
        self.output.__enter__()
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> bool | None:
        if not isinstance(error, WorkbenchError | OSError):
            return self.output.__exit__(kind, error, trace)  # the traceback, in the notebook
        self.output.__exit__(None, None, None)
        self.messages.show(error_lines(error), "error")
        return True
