"""Field paths as a page names them: by the form's own labels, in the page's language.

A problem locates its field by a path into the case file (``debts[0].annual_rate``), which is
what the command line prints, for the user who edits the file. A page names the same field the
way its form labels it, items numbered from 1: "第 1 笔债务的年利率", "Annual rate of Debt 1".
:func:`field_label` is the one rule; :func:`problem_text` and :func:`problem_message` render a
problem with it, the fields and choices its message names included.

What does a Chinese page call the field of ``debts[0].annual_rate``?

>>> field_label("debts[0].annual_rate", "zh-CN"), field_label("household.size", "zh-CN")
('第 1 笔债务的年利率', '家庭人数')
"""

from __future__ import annotations

import re

from helpers.errors import CaseError, Problem
from helpers.i18n import t
from helpers.paths import shown_path
from helpers.ui.editor.fields import FIELDS, LIST_SECTIONS, OBJECT_SECTIONS

__all__ = ["field_label", "problem_text", "problem_message", "error_text"]

# section, item index, field and whatever follows (an index into a list field)
_PATH = re.compile(r"(?P<section>[A-Za-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<field>[A-Za-z_]+))?")


def _label(section: str, key: str, lang: str) -> str | None:
    spec = FIELDS.get(section, {}).get(key)
    return t(spec.label_key, lang) if spec else None


def field_label(path: str, lang: str, *, near: str = "") -> str:
    """A field path as the form labels it in a language; a path the forms do not show, as is.

    An item of a list is numbered from 1 as the user counts ("第 2 笔债务", "Debt 2"); a field
    of the first tab goes by its label alone; a list by its tab's title.

    Parameters
    ----------
    path : str
        A field path (``debts[0].annual_rate``, ``household.size``, ``as_of``, ``debts``), or,
        with ``near``, a field's key (``daily_rate``).
    lang : str
        The page's language.
    near : str, optional
        The path of the problem that names the field (or a list's name): the key is a field of
        the same item, named without the item, or else a field of the case.

    Examples
    --------
    How does each page name the second income's amount, and the daily rate a debt's problem
    mentions?

    >>> field_label("incomes[1].amount", "zh-CN"), field_label("incomes[1].amount", "en")
    ('收入第 2 项的每月金额', 'Amount a month of Income 2')
    >>> field_label("daily_rate", "en", near="debts[2].annual_rate")
    'Daily rate'
    >>> field_label("as_of", "zh-CN", near="debts[1].contract_date"), field_label("debts", "en")
    ('截至日期', 'Debts')
    """
    if near:
        section = _PATH.match(near)
        found = _label(section["section"], path, lang) if section else None
        return found or _label("case", path, lang) or path
    found = _PATH.match(path)
    if found is None:
        return path
    section, index, key = found["section"], found["index"], found["field"]
    if section in LIST_SECTIONS and index is not None:
        item = t(f"ui.where.{section}", lang, number=int(index) + 1)
        if key is None:
            return item
        return t("ui.where.item_field", lang, item=item, field=_label(section, key, lang) or key)
    if section in LIST_SECTIONS and key is None:
        return t(f"ui.tab.{section}", lang)
    if section in OBJECT_SECTIONS:
        if key is None:
            return t(f"ui.group.{section}", lang)
        return _label(section, key, lang) or path
    if index is None and key is None:
        return _label("case", section, lang) or path
    return path


def problem_message(problem: Problem, lang: str) -> str:
    """A problem's message as a page shows it beside its field: the fields and choices it names
    by their labels.

    >>> from helpers.errors import FieldName, NameList
    >>> rates = NameList([FieldName("annual_rate"), FieldName("daily_rate")])
    >>> problem = Problem("debts[0].daily_rate", 0.0005, "errors.two_rates", {"fields": rates})
    >>> problem_message(problem, "zh-CN")
    '同时给了多个利率（年利率、日利率）；只保留一个'
    """
    return problem.message(lang, label=field_label)


def problem_text(problem: Problem, lang: str) -> str:
    """A problem as a page lists it: where (by the form's labels) and what is wrong.

    >>> problem_text(Problem("debts[2].annual_rate", "18", "errors.rate_not_fraction",
    ...                      {"suggestion": "0.18"}), "en")
    "Annual rate of Debt 3: '18' is not a fraction; did you mean 0.18?"
    """
    return problem.render(lang, label=field_label)


def error_text(error: CaseError, lang: str) -> str:
    """A case's problems as a page shows them, one a line, headed by the file when known (from
    the project folder, :func:`helpers.paths.shown_path`).

    >>> error = CaseError([Problem("household.size", 0, "errors.too_small", {"minimum": 1})])
    >>> error_text(error, "zh-CN")
    '家庭人数：0 太小；最小允许 1'
    >>> from helpers.paths import CASES_DIR
    >>> print(error_text(CaseError(error.problems, source=str(CASES_DIR / "mine.yaml")), "en"))
    cases/mine.yaml: 1 problem
    People in the household: 0 is too small; the least allowed is 1
    """
    if error.source:
        error = CaseError(error.problems, source=shown_path(error.source))
    return error.render(lang, label=field_label)
