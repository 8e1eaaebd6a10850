"""Small widget pieces every app of the workbench shares.

A language switch, a labelled field with a note beside it (an amount that accepts "1.2万" and
shows what it parsed, a rate, a choice with translated labels), a message area that re-renders
in the current language, and :class:`Hush`, which keeps an app's observers quiet while the app
sets its own controls.

>>> field = AmountField("本金", lang="zh-CN")
>>> field.control.value = "1.2万"
>>> field.fen, field.note.value
(1200000, '= ¥12,000.00')
"""

from __future__ import annotations

import html
import os
from collections.abc import Callable, Iterable, Sequence
from decimal import Decimal
from pathlib import Path
from typing import Any

import ipywidgets as widgets
from pydantic_core import PydanticCustomError

from helpers.case import Case, find_case, load_case, to_rate
from helpers.errors import AmountError
from helpers.i18n import label, normalize_language, t
from helpers.money import format_fen, parse_amount

__all__ = [
    "open_case",
    "LANGUAGE_OPTIONS",
    "Hush",
    "language_switch",
    "amount_hint",
    "rate_hint",
    "choice_options",
    "set_options",
    "FieldRow",
    "AmountField",
    "RateField",
    "ChoiceField",
    "MessageArea",
]

LANGUAGE_OPTIONS = (("中文", "zh-CN"), ("English", "en"))
ERROR_COLOR, HINT_COLOR = "#b3261e", "#666666"
_MESSAGE_COLORS = {"error": ERROR_COLOR, "ok": "#1e7b34", "warning": "#9a6700", "info": "#333333"}
LABEL_WIDTH = "17em"
_NOTE_LAYOUT = {"flex": "1 1 auto", "margin": "0 0 0 1em"}


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


def amount_hint(text: Any, lang: str) -> str:
    """The amount a text stands for ("" when it is empty or not an amount).

    >>> amount_hint("1.2万", "zh-CN"), amount_hint("3千", "en"), amount_hint("abc", "en")
    ('= ¥12,000.00', '= CN¥3,000.00', '')
    """
    try:
        return f"= {format_fen(parse_amount(text), lang)}" if str(text).strip() else ""
    except AmountError:
        return ""


def rate_hint(text: Any) -> str:
    """The percentage a rate stands for ("" when it is empty or not a rate).

    >>> rate_hint("0.18"), rate_hint("0.05%"), rate_hint(""), rate_hint("abc")
    ('= 18%', '= 0.05%', '', '')
    """
    if not str(text).strip():
        return ""
    try:
        rate = to_rate(text)
    except PydanticCustomError:
        return ""
    return f"= {format((Decimal(repr(rate)) * 100).normalize(), 'f')}%"


def choice_options(
    values: Iterable[Any],
    group: str | None,
    lang: str,
    *,
    required: bool = True,
    none_key: str = "ui.choice.none",
) -> list[tuple[str, Any]]:
    """Dropdown options ``(label, value)``: labels translated by ``group``, or the values as
    text without a group; an optional choice starts with an empty entry (value None).

    >>> choice_options(["urban", "rural"], "area", "zh-CN")
    [('城镇', 'urban'), ('农村', 'rural')]
    >>> choice_options([360, 365], None, "en", required=False)
    [('(none)', None), ('360', 360), ('365', 365)]
    """
    options = [(label(group, v, lang) if group else str(v), v) for v in values]
    return options if required else [(t(none_key, lang), None), *options]


def set_options(dropdown: widgets.Dropdown, options: Sequence[tuple[str, Any]]) -> None:
    """Give a dropdown new options, keeping its value when it is still offered.

    Observers see the dropdown pass through its first option: change options inside a
    :class:`Hush` the observers respect.

    >>> box = widgets.Dropdown(options=[("a", 1), ("b", 2)], value=2)
    >>> set_options(box, [("A", 1), ("B", 2)])
    >>> box.value, box.label
    (2, 'B')
    """
    options = list(options)
    if list(dropdown.options) == options:
        return
    value = dropdown.value
    dropdown.options = options
    if any(v == value for _, v in options):
        dropdown.value = value


class FieldRow:
    """A label, a control and a note beside it: the field's errors in red, else a grey hint.

    The note is an HTML widget holding the escaped text, so a long message wraps.

    >>> row = FieldRow(widgets.Text(), "Lender")
    >>> row.show(["must not be empty; fill it in"], "en")
    >>> row.note.value, row.note.style.text_color
    ('must not be empty; fill it in', '#b3261e')
    """

    def __init__(self, control: widgets.Widget, label_text: str = ""):
        self.control = control
        self.label = widgets.Label(label_text, layout=widgets.Layout(width=LABEL_WIDTH))
        # HTML, not Label: a long message wraps instead of being cut off
        self.note = widgets.HTML("", style={"text_color": HINT_COLOR}, layout=_NOTE_LAYOUT)
        self.box = widgets.HBox([self.label, self.control, self.note])

    def check(self, lang: str) -> list[str]:
        """The field's own errors (none for a plain field; an amount checks its text).

        >>> FieldRow(widgets.Text()).check("en")
        []
        """
        return []

    def hint(self, lang: str) -> str:
        """What the value stands for, shown when there is no error ("" for a plain field).

        >>> FieldRow(widgets.Text("x")).hint("en")
        ''
        """
        return ""

    def show(self, errors: Iterable[str], lang: str) -> None:
        """Show the errors beside the control; with none, its own check, else its hint.

        >>> row = AmountField("x", lang="en")
        >>> row.control.value = "2万"
        >>> row.show([], "en"); row.note.value
        '= CN¥20,000.00'
        """
        errors = list(errors) or self.check(lang)
        text = "; ".join(errors) if errors else self.hint(lang)
        self.note.value = html.escape(text, quote=False)
        self.note.style.text_color = ERROR_COLOR if errors else HINT_COLOR

    def relabel(self, label_text: str, lang: str) -> None:
        """Rename the field for a language.

        >>> row = FieldRow(widgets.Text(), "本金")
        >>> row.relabel("Principal", "en"); row.label.value
        'Principal'
        """
        self.label.value = label_text


class AmountField(FieldRow):
    """A text field for an amount as people write it ("1.2万", "￥1,234.50"), showing the
    parsed amount beside it, or why it is not one.

    >>> field = AmountField("Savings", lang="en")
    >>> field.control.value = "12,3a4"
    >>> field.fen, field.note.value
    (None, "'12,3a4' is not an amount; write it like 1234.50, ¥1,234.50 or 1.2万")
    """

    def __init__(self, label_text: str = "", *, lang: str = "zh-CN", value: str = ""):
        super().__init__(widgets.Text(value, placeholder="1.2万"), label_text)
        self.lang = lang
        self.control.observe(lambda _change: self.show([], self.lang), "value")
        self.show([], lang)

    @property
    def fen(self) -> int | None:
        """The amount in fen, or None when the text is empty or not an amount.

        >>> AmountField(value="3千").fen
        300000
        """
        try:
            return parse_amount(self.control.value) if self.control.value.strip() else None
        except AmountError:
            return None

    def check(self, lang: str) -> list[str]:
        """Why the text is not an amount, if it is not.

        >>> AmountField(value="abc").check("zh-CN")
        ["'abc' 不是金额；请写成 1234.50、¥1,234.50 或 1.2万 这样的形式"]
        """
        try:
            if self.control.value.strip():
                parse_amount(self.control.value)
        except AmountError as exc:
            return [exc.render(lang)]
        return []

    def hint(self, lang: str) -> str:
        """The parsed amount, formatted for the language.

        >>> AmountField(value="1.2万").hint("en")
        '= CN¥12,000.00'
        """
        return amount_hint(self.control.value, lang)

    def relabel(self, label_text: str, lang: str) -> None:
        """Rename the field and show its amount in the language.

        >>> field = AmountField("本金", value="100")
        >>> field.relabel("Principal", "en"); field.note.value
        '= CN¥100.00'
        """
        self.lang = lang
        super().relabel(label_text, lang)
        self.show([], lang)


class RateField(FieldRow):
    """A text field for a rate as a fraction (0.18) or with a percent sign (18%), showing the
    percentage beside it.

    >>> field = RateField("Annual rate")
    >>> field.control.value = "0.216"
    >>> field.hint("en")
    '= 21.6%'
    """

    def __init__(self, label_text: str = ""):
        super().__init__(widgets.Text(placeholder="0.18 / 18%"), label_text)

    def hint(self, lang: str) -> str:
        """The rate as a percentage.

        >>> field = RateField(); field.control.value = "0.0005"; field.hint("en")
        '= 0.05%'
        """
        return rate_hint(self.control.value)


class ChoiceField(FieldRow):
    """A dropdown of choices with translated labels; an optional one has an empty entry.

    >>> from helpers.case import LenderKind
    >>> field = ChoiceField([k.value for k in LenderKind], "lender_kind", "zh-CN", "类型")
    >>> field.control.value = "private"
    >>> field.control.label
    '民间借贷'
    """

    def __init__(
        self,
        values: Sequence[Any],
        group: str | None,
        lang: str,
        label_text: str = "",
        *,
        required: bool = True,
        none_key: str = "ui.choice.none",
    ):
        self.values, self.group, self.required, self.none_key = values, group, required, none_key
        super().__init__(widgets.Dropdown(options=self._options(lang)), label_text)

    def _options(self, lang: str) -> list[tuple[str, Any]]:
        return choice_options(
            self.values, self.group, lang, required=self.required, none_key=self.none_key
        )

    def relabel(self, label_text: str, lang: str) -> None:
        """Rename the field and its choices, keeping the value.

        >>> field = ChoiceField(["urban", "rural"], "area", "zh-CN", "城乡")
        >>> field.control.value = "rural"
        >>> field.relabel("Area", "en"); field.control.value, field.control.label
        ('rural', 'rural')
        """
        super().relabel(label_text, lang)
        set_options(self.control, self._options(lang))


class MessageArea:
    """Messages of an app (results, problems), re-rendered when the language changes.

    ``show`` takes a function of the language giving the lines, so a language switch re-renders
    them; ``lines`` holds the plain text shown.

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
