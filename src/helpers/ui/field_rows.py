"""Labelled fields with a note beside them, shared by the apps and the case editor.

A field row is a label, a control and a note: the field's problems in red, else a grey hint
of what the value stands for. An amount accepts what people write ("1.2万", "￥1,234.50") and
shows what it parsed; a rate shows its percentage and period; a date is typed YYYY-MM-DD (the
same in every language, as in the case file) and shown written out in the page's language; a
choice has translated labels. The note's place is kept from the start, whether it holds a
message or not, so a message appearing never moves the controls.

>>> field = AmountField("本金", lang="zh-CN")
>>> field.control.value = "1.2万"
>>> field.fen, field.note.value
(1200000, '= ¥12,000.00')
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

import ipywidgets as widgets
from babel.dates import format_date
from pydantic_core import PydanticCustomError

from helpers.case import to_rate
from helpers.errors import AmountError
from helpers.i18n import join_clauses, label, t
from helpers.money import format_fen, parse_amount
from helpers.ui.common import ERROR_COLOR

__all__ = [
    "amount_hint",
    "rate_hint",
    "date_hint",
    "choice_options",
    "set_options",
    "FieldRow",
    "AmountField",
    "RateField",
    "DateField",
    "ChoiceField",
    "NOTE_HEIGHT",
]

HINT_COLOR = "#666666"
LABEL_WIDTH = "17em"
# The note keeps room for two lines from the start (a message seldom takes more), so that a
# message appearing or going never moves the rows below; it takes the width the control leaves,
# so the control never moves sideways either. (lh: the note's own line height.)
NOTE_HEIGHT = "2lh"
_NOTE_LAYOUT = {
    "flex": "1 1 0%",
    "min_width": "0",
    "min_height": NOTE_HEIGHT,
    "margin": "0 0 0 1em",
}
_ROW_LAYOUT = {"align_items": "flex-start"}  # a longer note grows downwards, the control stays


def amount_hint(text: Any, lang: str) -> str:
    """The amount a text stands for ("" when it is empty or not an amount).

    >>> amount_hint("1.2万", "zh-CN"), amount_hint("3千", "en"), amount_hint("abc", "en")
    ('= ¥12,000.00', '= CN¥3,000.00', '')
    """
    try:
        return f"= {format_fen(parse_amount(text), lang)}" if str(text).strip() else ""
    except AmountError:
        return ""


def rate_hint(text: Any, lang: str = "en", *, per: str | None = None) -> str:
    """The percentage a rate stands for, and for a rate quoted by a period, the period ("" when
    the text is empty or not a rate).

    Does 0.006 as a monthly fee rate mean 0.6% a month, and 0.18 as an annual rate 18% a year?

    >>> rate_hint("0.006", "en", per="month"), rate_hint("0.18", "zh-CN", per="year")
    ('= 0.6% a month', '= 年 18%')
    >>> rate_hint("0.05%"), rate_hint(""), rate_hint("abc")
    ('= 0.05%', '', '')
    """
    if not str(text).strip():
        return ""
    try:
        rate = to_rate(text)
    except PydanticCustomError:
        return ""
    percent = f"{format((Decimal(repr(rate)) * 100).normalize(), 'f')}%"
    return t(f"ui.hint.rate_{per}", lang, percent=percent) if per else f"= {percent}"


def date_hint(text: Any, lang: str) -> str:
    """A date typed YYYY-MM-DD, written out as the page's language writes a date ("" when the
    text is empty or not such a date).

    Is 2025-04-01 the first of April or the fourth of January?

    >>> date_hint("2025-04-01", "zh-CN"), date_hint("2025-04-01", "en")
    ('= 2025年4月1日星期二', '= Tuesday, April 1, 2025')
    >>> date_hint("04/01/2025", "en"), date_hint("", "en")
    ('', '')
    """
    text = str(text).strip()
    try:
        day = date.fromisoformat(text) if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text) else None
    except ValueError:
        day = None
    if day is None:
        return ""
    return f"= {format_date(day, 'full', locale=t('i18n.babel_locale', lang))}"


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

    >>> choice_options(["urban", "rural"], "case.area", "zh-CN")
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
        # HTML, not Label: a long label wraps onto a second line instead of being cut off
        self.label = widgets.HTML(
            html.escape(label_text, quote=False),
            layout=widgets.Layout(width=LABEL_WIDTH, flex="0 0 auto"),
        )
        self.label.add_class("field-label")
        # HTML, not Label: a long message wraps instead of being cut off
        self.note = widgets.HTML("", style={"text_color": HINT_COLOR}, layout=_NOTE_LAYOUT)
        self.box = widgets.HBox([self.label, self.control, self.note], layout=_ROW_LAYOUT)

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
        text = join_clauses(errors, lang) if errors else self.hint(lang)
        self.note.value = html.escape(text, quote=False)
        self.note.style.text_color = ERROR_COLOR if errors else HINT_COLOR

    def relabel(self, label_text: str, lang: str) -> None:
        """Rename the field for a language.

        >>> row = FieldRow(widgets.Text(), "本金")
        >>> row.relabel("Principal", "en"); row.label.value
        'Principal'
        """
        self.label.value = html.escape(label_text, quote=False)


class AmountField(FieldRow):
    """A text field for an amount as people write it ("1.2万", "￥1,234.50"), showing the
    parsed amount beside it, or why it is not one.

    >>> field = AmountField("Savings", lang="en")
    >>> field.control.value = "12,3a4"
    >>> field.fen, field.note.value
    (None, "'12,3a4' is not an amount; write it like 1234.50, ¥1,234.50 or 1.2万")
    """

    def __init__(self, label_text: str = "", *, lang: str = "zh-CN", value: str = ""):
        example = t("ui.amount_placeholder", lang)
        super().__init__(widgets.Text(value, placeholder=example), label_text)
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
        >>> field.relabel("Principal", "en"); field.note.value, field.control.placeholder
        ('= CN¥100.00', '12000')
        """
        self.lang = lang
        self.control.placeholder = t("ui.amount_placeholder", lang)  # as people write amounts
        super().relabel(label_text, lang)
        self.show([], lang)


class RateField(FieldRow):
    """A text field for a rate as a fraction (0.18) or with a percent sign (18%), showing the
    percentage beside it, with its period for a rate quoted by one (``per``: year, month, day).

    >>> field = RateField("Annual rate", per="year")
    >>> field.control.value = "0.216"
    >>> field.hint("en")
    '= 21.6% a year'
    """

    def __init__(self, label_text: str = "", *, per: str | None = None):
        super().__init__(widgets.Text(), label_text)
        self.per = per

    def hint(self, lang: str) -> str:
        """The rate as a percentage, with its period.

        >>> field = RateField(per="day"); field.control.value = "0.0005"; field.hint("zh-CN")
        '= 日 0.05%'
        """
        return rate_hint(self.control.value, lang, per=self.per)


class DateField(FieldRow):
    """A text field for a date typed YYYY-MM-DD, showing it written out in the page's language
    beside it. (A date picker shows dates as the browser's locale writes them, 04/01/2025 on
    most machines whatever the page's language; typed YYYY-MM-DD, a date reads the same on
    every page and in the case file.)

    >>> field = DateField("合同日期")
    >>> field.control.value = "2025-01-10"
    >>> field.hint("zh-CN")
    '= 2025年1月10日星期五'
    """

    def __init__(self, label_text: str = ""):
        super().__init__(widgets.Text(), label_text)

    def hint(self, lang: str) -> str:
        """The date as the language writes it.

        >>> field = DateField(); field.control.value = "2025-01-10"; field.hint("en")
        '= Friday, January 10, 2025'
        """
        return date_hint(self.control.value, lang)


class ChoiceField(FieldRow):
    """A dropdown of choices with translated labels; an optional one has an empty entry.

    >>> from helpers.case import LenderKind
    >>> field = ChoiceField([k.value for k in LenderKind], "case.lender_kind", "zh-CN", "类型")
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

        >>> field = ChoiceField(["urban", "rural"], "case.area", "zh-CN", "城乡")
        >>> field.control.value = "rural"
        >>> field.relabel("Area", "en"); field.control.value, field.control.label
        ('rural', 'rural')
        """
        super().relabel(label_text, lang)
        set_options(self.control, self._options(lang))
