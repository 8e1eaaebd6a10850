"""One family of exceptions, whose messages name the field, the bad value and the fix.

Every error a user can cause derives from :class:`WorkbenchError`. The command line prints
``error.render(lang)`` and exits 2; the notebook apps show the same text inside the app.

>>> from helpers.errors import CaseError, Problem
>>> err = CaseError([Problem("debts[0].annual_rate", 18, "errors.rate_not_fraction",
...                          {"suggestion": "0.18"})])
>>> print(err.render("en"))
debts[0].annual_rate: 18 is not a fraction; did you mean 0.18?

A page names fields by the form's labels, the command line by the keys of the case file: a
problem renders its field path, and the fields and choices its message names
(:class:`FieldName`, :class:`ChoiceName`, :class:`NameList` parameters), through the ``label``
function a page gives (:func:`helpers.ui.editor.labels.field_label`); without one, as keys.

A personal value (a name, an ID or phone number) is never echoed: a problem about a personal field
carries it masked (:meth:`Problem.masked`, :func:`mask`; which fields are personal is decided by
the case model, :mod:`helpers.case.privacy`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from helpers.i18n import join_list, labelled, t
from helpers.i18n import label as choice_label

__all__ = [
    "WorkbenchError",
    "Problem",
    "CaseError",
    "AmountError",
    "Masked",
    "mask",
    "FieldName",
    "ChoiceName",
    "NameList",
    "Label",
]

# How a page names a field path in a language: ``label(path, lang, near=where)``, ``near`` the
# path of the problem naming it (a field of the same item is named without its item).
Label = Callable[..., str]

# what a message shows for a list or a mapping where one value was expected
ELIDED = "…"
# a number or code (phone, ID, card or contract number): digits, Latin letters and separators
_CODE = re.compile(r"(?=.*\d)[0-9A-Za-z()+\-/ ]+")
_KEEP, _LONG_ENOUGH, _MOST_STARS = 4, 8, 16


@dataclass(frozen=True)
class Masked:
    """A personal value as messages show it (see :func:`mask`); ``str()`` gives the shown text."""

    shown: str

    def __str__(self) -> str:
        return self.shown


def mask(value: Any) -> Masked:
    """A personal value as a message may show it.

    A number or code of 8 characters or more (a phone, an ID, card or contract number) keeps its
    last 4 characters, as people quote a card by its tail; anything else (a name, a short value)
    is hidden entirely. One ``*`` per hidden character, at most 16.

    >>> [str(mask(v)) for v in ("13800138000", 330106199003150011, "张伟", "Wang Fang", "12345")]
    ['*******8000', '**************0011', '**', '*********', '*****']
    >>> str(mask("1" * 40))
    '****************1111'
    """
    text = value if isinstance(value, str) else _show(value)
    keep = _KEEP if len(text) >= _LONG_ENOUGH and _CODE.fullmatch(text) else 0
    hidden = len(text) - keep
    return Masked("*" * min(hidden, _MOST_STARS) + text[hidden:])


class FieldName(str):
    """A field a message names, by its key in the case file (``annual_rate``), optionally with
    the value to give it (``annual_rate: 0``): the text is what the command line shows; a page
    shows the field's label instead (:meth:`Problem.message` given ``label``).

    >>> str(FieldName("annual_rate")), str(FieldName("annual_rate", value=0))
    ('annual_rate', 'annual_rate: 0')
    """

    def __new__(cls, key: str, *, value: Any = None) -> FieldName:
        text = key if value is None else f"{key}: {value}"
        name = super().__new__(cls, text)
        name.key, name.value = key, value
        return name


class ChoiceName(str):
    """A choice a message names (``credit_card``) with its label group (``case.lender_kind``):
    the value as text, its label on a page.

    >>> card = ChoiceName("credit_card", "case.lender_kind")
    >>> str(card), card.group
    ('credit_card', 'case.lender_kind')
    """

    def __new__(cls, value: str, group: str) -> ChoiceName:
        name = super().__new__(cls, value)
        name.group = group
        return name


class NameList(str):
    """Fields or choices a message lists: joined by commas as text (what the command line
    shows), each named on a page and joined as the language joins a list.

    >>> str(NameList([FieldName("annual_rate"), FieldName("daily_rate")]))
    'annual_rate, daily_rate'
    """

    def __new__(cls, names: Iterable[str]) -> NameList:
        names = tuple(names)
        listed = super().__new__(cls, ", ".join(names))
        listed.names = names
        return listed


def _named(param: Any, where: str, lang: str, name: Label) -> Any:
    """A message parameter as a page shows it: fields by their labels, choices by theirs."""
    if isinstance(param, NameList):
        return join_list([_named(n, where, lang, name) for n in param.names], lang)
    if isinstance(param, ChoiceName):
        return choice_label(param.group, str(param), lang)
    if isinstance(param, FieldName):
        text = name(param.key, lang, near=where)
        value = param.value
        if value is None:
            return text
        return labelled(text, str(_named(value, where, lang, name)), lang)
    return param


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input: where, what value, and a message key with its parameters.

    ``where`` is a field path such as ``debts[2].annual_rate``, or ``line:column`` when a file
    does not parse. ``line`` locates the field in its file; ``row`` and ``column`` locate a cell
    of an imported spreadsheet (rows numbered as the spreadsheet shows them, header = row 1).

    >>> p = Problem("household.size", 0, "errors.too_small", {"minimum": 1})
    >>> p.render("en")
    'household.size: 0 is too small; the least allowed is 1'
    >>> p.render("zh-CN")
    'household.size：0 太小；最小允许 1'
    """

    where: str
    value: Any
    key: str
    params: Mapping[str, Any] = field(default_factory=dict)
    line: int | None = None
    row: int | None = None
    column: str | None = None

    def message(self, lang: str, *, label: Label | None = None) -> str:
        """The message alone, without the location; the fields and choices it names as keys,
        or as a page's ``label`` function names them.

        >>> Problem("as_of", "", "errors.missing").message("en")
        'this field is required; add it'
        >>> whole = {"whole": FieldName("principal")}
        >>> problem = Problem("debts[0].cash_advance", 900, "errors.part_over_whole", whole)
        >>> problem.message("en"), problem.message("en", label=lambda key, lang, near: key.upper())
        ('900 is more than principal; correct it', '900 is more than PRINCIPAL; correct it')
        """
        params = self.params
        if label is not None:
            params = {k: _named(v, self.where, lang, label) for k, v in params.items()}
        return t(self.key, lang, value=_show(self.value), **params)

    def masked(self) -> Problem:
        """The same problem with its value masked (:func:`mask`), in its parameters too: what a
        problem about a personal field carries, so that no message echoes the value.

        >>> problem = Problem("person.phone", 13800138000, "errors.not_text")
        >>> print(problem.masked().render("en"))
        person.phone: *******8000 is not text; write it as text
        >>> detail = {"detail": "'13800138000' is too long"}
        >>> Problem("person.phone", "13800138000", "errors.invalid", detail).masked().params
        {'detail': "'*******8000' is too long"}
        """
        if self.value is None or self.value == ELIDED or isinstance(self.value, Masked):
            return self
        shown = mask(self.value)
        raw = self.value if isinstance(self.value, str) else _show(self.value)

        def hide(param: Any) -> Any:
            if param == self.value:
                return shown
            if isinstance(param, str) and len(raw) >= 3:
                return param.replace(raw, shown.shown)
            return param

        params = {name: hide(param) for name, param in self.params.items()}
        return replace(self, value=shown, params=params)

    def render(self, lang: str, *, label: Label | None = None) -> str:
        """Location and message on one line, prefixed by the file line when known; the field
        path as written, or as a page's ``label`` function names it (a cell's field is a field
        of a debt).

        >>> Problem("as_of", "2025-13-01", "errors.bad_date", line=3).render("en")
        "line 3: as_of: '2025-13-01' is not a date; write it as YYYY-MM-DD, e.g. 2025-04-01"
        >>> cell = Problem("principal", "x", "errors.not_amount", row=3, column="本金")
        >>> print(cell.render("en"))  # doctest: +ELLIPSIS
        row 3, column 本金 (principal): 'x' is not an amount; write it like 1234.50, ...
        """
        message = self.message(lang, label=label)
        if self.row is not None:
            where = t("errors.at_cell", lang, row=self.row, column=self.column or "?")
            if self.where and self.where != self.column:
                if label is None:
                    where += f" ({self.where})"
                else:
                    field = label(self.where, lang, near="debts")
                    where = t("errors.at_cell_field", lang, cell=where, field=field)
            return labelled(where, message, lang)
        shown = label(self.where, lang) if label and self.where else self.where
        text = labelled(shown, message, lang) if shown else message
        if self.line is not None:
            text = t("errors.at_line", lang, line=self.line) + text
        return text


def _show(value: Any) -> str:
    """How a bad value is quoted in a message: strings quoted, numbers and others as they are,
    a masked value as masked.

    >>> _show("abc"), _show(18), _show(None), _show(mask("张伟"))
    ("'abc'", '18', 'None', '**')
    """
    if isinstance(value, Masked):
        return value.shown
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    return str(value)


class WorkbenchError(Exception):
    """Base of every error a user can cause; ``render(lang)`` gives the text to show.

    Raise it with a message key and its parameters, so the text is chosen where it is shown,
    in the reader's language (``str(error)`` is the English text, for logs and tracebacks).

    >>> error = WorkbenchError(key="engine.bad_horizon", horizon=0, maximum=600)
    >>> error.render("zh-CN")
    '预测期 0 个月不可用；请用 1 到 600 个月'
    >>> str(error)
    'a horizon of 0 months cannot be used; use 1 to 600 months'
    """

    def __init__(self, message: str = "", *, key: str | None = None, **params: Any) -> None:
        self.key, self.params = key, params
        super().__init__(t(key, "en", **params) if key else message)

    def render(self, lang: str) -> str:
        """The message in the given language.

        >>> WorkbenchError(key="engine.vector.scale_needs_means").render("en")
        'scaling the means needs means_fen (the monthly amounts) in the base scenario'
        """
        return t(self.key, lang, **self.params) if self.key else str(self)


class CaseError(WorkbenchError):
    """A case (or a table of debts) with one or more problems, all collected before raising.

    >>> err = CaseError([Problem("as_of", None, "errors.missing")], source="my.yaml")
    >>> print(err.render("en"))
    my.yaml: 1 problem
    as_of: this field is required; add it
    """

    def __init__(self, problems: Iterable[Problem], *, source: str | None = None):
        self.problems = list(problems)
        self.source = source
        super().__init__(self.render("en"))

    def render(self, lang: str, *, label: Label | None = None) -> str:
        """Every problem on its own line, headed by the file when known; fields named by a
        page's ``label`` function when given (:meth:`Problem.render`).

        >>> print(CaseError([Problem("", None, "errors.empty_file")]).render("zh-CN"))
        文件是空的；请写入一个案例，或从 data/samples/ 中复制一个样例
        """
        lines = [p.render(lang, label=label) for p in self.problems]
        if self.source:
            lines.insert(0, t("errors.header", lang, source=self.source, count=len(lines)))
        return "\n".join(lines)


class AmountError(WorkbenchError, ValueError):
    """Text that is not an amount of money.

    >>> print(AmountError("12,3a4").render("en"))
    '12,3a4' is not an amount; write it like 1234.50, ¥1,234.50 or 1.2万
    """

    def __init__(self, text: Any):
        self.text = text
        super().__init__(self.render("en"))

    def render(self, lang: str) -> str:
        """The message in the given language.

        >>> AmountError("abc").render("zh-CN")
        "'abc' 不是金额；请写成 1234.50、¥1,234.50 或 1.2万 这样的形式"
        """
        return t("errors.not_amount", lang, value=_show(self.text))
