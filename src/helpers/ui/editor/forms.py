"""The forms of the case editor, built from the field specs: one row per field, the right
control for each, a debt's fields grouped, and a list editor (selector, add, remove) per list.

Widgets only: the editor (:mod:`helpers.ui.editor.app`) wires them to the draft.

>>> form = Form("debts", "en")
>>> form.rows["annual_rate"].label.value, form.rows["contract_date"].control.placeholder
('Annual rate', 'year-month-day, e.g. 2025-04-01')
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence
from typing import Any

import ipywidgets as widgets

from helpers.errors import Problem
from helpers.i18n import catalogue, join_clauses, t
from helpers.ui.common import ERROR_COLOR, Hush
from helpers.ui.editor.draft import field_visible, item_index, item_title, route_problems
from helpers.ui.editor.fields import DEBT_GROUPS, LIST_SECTIONS, SECTIONS, FieldSpec
from helpers.ui.editor.labels import problem_message, problem_text
from helpers.ui.editor.rules import RULE_FIELDS, rule_defaults
from helpers.ui.field_rows import (
    AmountField,
    ChoiceField,
    DateField,
    FieldRow,
    RateField,
    set_options,
)

__all__ = ["make_field", "placeholder", "Form", "ListEditor", "CaseForms", "OBJECT_FORMS", "TABS"]

OBJECT_FORMS = ("case", "person", "household", "hardship")
TABS = ("case", *LIST_SECTIONS)

_BLANK = {"int": 0, "choice": None}
_WIDE = widgets.Layout(width="24em")


def placeholder(spec: FieldSpec, lang: str) -> str:
    """What an empty field shows: an example of the field's own (``ui.placeholder.<name>``),
    else of its kind of control (``ui.placeholder.<control>``), else nothing. Each example
    says what it stands for, so that none can be misread (a monthly fee rate's is a monthly
    rate).

    >>> from helpers.ui.editor.fields import FIELDS
    >>> placeholder(FIELDS["debts"]["monthly_fee_rate"], "en")
    'e.g. 0.006 (0.6% a month)'
    >>> placeholder(FIELDS["incomes"]["from"], "zh-CN"), placeholder(FIELDS["debts"]["note"], "en")
    ('年-月，如 2025-04', '')
    """
    for key in (f"ui.placeholder.{spec.name}", f"ui.placeholder.{spec.control}"):
        if key in catalogue():
            return t(key, lang)
    return ""


def make_field(spec: FieldSpec, lang: str) -> FieldRow:
    """The row of one field, with the control its kind needs.

    >>> from helpers.ui.editor.fields import FIELDS
    >>> row = make_field(FIELDS["debts"]["secured"], "en")
    >>> row.label.value, row.control.options
    ('Secured', (('kind default', None), ('yes', True), ('no', False)))
    """
    text = t(spec.label_key, lang)
    if spec.control == "amount":
        return AmountField(text, lang=lang)
    if spec.control == "rate":
        return RateField(text, per=spec.per)
    if spec.control == "choice":
        none = "ui.flag.default" if spec.labels == "ui.flag" else "ui.choice.none"
        return ChoiceField(
            spec.choices, spec.labels, lang, text, required=spec.required, none_key=none
        )
    if spec.control == "int":
        return FieldRow(widgets.IntText(), text)
    if spec.control == "date":
        return DateField(text)
    if spec.control == "longtext":
        return FieldRow(widgets.Textarea(layout=_WIDE), text)
    if spec.control == "order":
        return FieldRow(widgets.Text(layout=_WIDE), text)
    return FieldRow(widgets.Text(), text)


class Form:
    """The rows of one section of a case; a debt's rows under group headings.

    >>> form = Form("household", "zh-CN")
    >>> list(form.rows), form.rows["area"].control.value
    (['size', 'area', 'region'], 'urban')
    """

    def __init__(self, section: str, lang: str):
        self.section = section
        self.specs = SECTIONS[section]
        self.rows = {spec.name: make_field(spec, lang) for spec in self.specs}
        self.headers: dict[str, widgets.Label] = {}
        self.groups: dict[str, widgets.VBox] = {}
        if section == "debts":
            for group in DEBT_GROUPS:
                self.headers[group] = widgets.Label(style={"font_weight": "bold"})
                rows = [self.rows[s.name].box for s in self.specs if s.group == group]
                self.groups[group] = widgets.VBox([self.headers[group], *rows])
            self.box = widgets.VBox(list(self.groups.values()))
        else:
            self.box = widgets.VBox([row.box for row in self.rows.values()])
        self.relabel(lang)

    def load(self, item: Mapping[str, Any]) -> None:
        """Put an item's values in the controls (the caller keeps observers quiet).

        >>> form = Form("incomes", "en")
        >>> form.load({"kind": "pension", "amount": "2000", "from": "", "to": "", "note": ""})
        >>> form.rows["kind"].control.label, form.rows["amount"].control.value
        ('pension', '2000')
        """
        for spec in self.specs:
            value = item.get(spec.name, _BLANK.get(spec.control, ""))
            self.rows[spec.name].control.value = value

    def relabel(self, lang: str) -> None:
        """Label the rows, their choices and the group headings in a language.

        >>> form = Form("debts", "zh-CN"); form.relabel("en"); form.headers["card"].value
        'Credit card only'
        """
        for spec in self.specs:
            row = self.rows[spec.name]
            row.relabel(t(spec.label_key, lang), lang)
            if hasattr(row.control, "placeholder"):
                row.control.placeholder = placeholder(spec, lang)
        for group, header in self.headers.items():
            header.value = t(f"ui.group.{group}", lang)

    def show_fields(self, item: Mapping[str, Any], lang: str) -> None:
        """Show the fields that apply to the item (card fields for cards…) and, in the rule
        fields left empty, the default of the item's lender kind.

        >>> form = Form("debts", "en")
        >>> form.show_fields({"kind": "private"}, "en")
        >>> form.groups["card"].layout.display, form.rows["late_charge_rate"].control.placeholder
        ('none', 'default 0 (0%)')
        """
        for spec in self.specs:
            self.rows[spec.name].box.layout.display = None if field_visible(spec, item) else "none"
        for group, box in self.groups.items():
            shown = any(field_visible(s, item) for s in self.specs if s.group == group)
            box.layout.display = None if shown else "none"
        if self.section == "debts":
            defaults = rule_defaults(item.get("kind"), lang)
            for name in RULE_FIELDS:
                self.rows[name].control.placeholder = defaults.get(name, "")

    def show_problems(self, by_field: Mapping[str, Sequence[Problem]], lang: str) -> None:
        """Show each field's problems beside it, in a language (by field name).

        >>> form = Form("household", "en")
        >>> form.show_problems({"size": [Problem("household.size", 0, "errors.too_small",
        ...                                      {"minimum": 1})]}, "en")
        >>> form.rows["size"].note.value
        '0 is too small; the least allowed is 1'
        """
        for name, row in self.rows.items():
            row.show([problem_message(p, lang) for p in by_field.get(name, ())], lang)


class ListEditor:
    """One list of a case (incomes, costs, debts, evidence): a selector of the item being
    edited, add and remove buttons, the item's problems that belong to no single field, and
    the form of the item.

    >>> items = [{"kind": "wages", "amount": "4500"}, {"kind": "pension", "amount": "1.2千"}]
    >>> editor = ListEditor("incomes", "en")
    >>> editor.show_titles(items, "en", flagged={1})
    >>> [label for label, _ in editor.selector.options]
    ['wages · CN¥4,500.00', '⚠ pension · CN¥1,200.00']
    """

    def __init__(self, section: str, lang: str):
        self.section = section
        self.selector = widgets.Dropdown(options=[], layout=widgets.Layout(width="36em"))
        self.add_button = widgets.Button(icon="plus", layout={"width": "auto"})
        self.remove_button = widgets.Button(icon="trash", layout={"width": "auto"})
        # its line is kept whether empty or not, so a problem appearing never moves the form
        self.note = widgets.HTML(
            "", style={"text_color": ERROR_COLOR}, layout=widgets.Layout(min_height="1lh")
        )
        self.form = Form(section, lang)
        self.extra = widgets.VBox([])
        top = widgets.HBox([self.selector, self.add_button, self.remove_button])
        self.box = widgets.VBox([top, self.note, self.form.box, self.extra])
        self.relabel(lang)

    @property
    def index(self) -> int | None:
        """The position of the item being edited, None when the list is empty.

        >>> editor = ListEditor("costs", "en")
        >>> editor.index is None
        True
        >>> editor.show_titles([{"category": "rent"}, {"category": "utilities"}], "en")
        >>> editor.selector.value = 1
        >>> editor.index
        1
        """
        return self.selector.value

    def show_titles(
        self, items: Sequence[Mapping[str, Any]], lang: str, *, flagged: set[int] = frozenset()
    ) -> None:
        """Name the items in the selector, marking those with problems; hide an empty form.

        >>> editor = ListEditor("debts", "en"); editor.show_titles([], "en")
        >>> editor.form.box.layout.display
        'none'
        """
        options = [
            (("⚠ " if i in flagged else "") + item_title(self.section, item, lang), i)
            for i, item in enumerate(items)
        ]
        set_options(self.selector, options)
        self.form.box.layout.display = None if items else "none"
        self.remove_button.disabled = not items

    def relabel(self, lang: str) -> None:
        """Label the buttons and the form in a language.

        >>> editor = ListEditor("evidence", "zh-CN"); editor.relabel("en")
        >>> editor.add_button.description, editor.remove_button.description
        ('Add', 'Remove')
        """
        self.add_button.description = t("ui.editor.add", lang)
        self.remove_button.description = t("ui.editor.remove", lang)
        self.form.relabel(lang)


class CaseForms:
    """Every form of a case in tabs: the case, person, household and hardship on the first,
    then one list editor per list; and how they show a draft and its problems.

    Parameters
    ----------
    lang : str
        The language of the labels.
    hush : Hush
        The app's flag; the forms raise it while they set their own controls.

    >>> forms = CaseForms("en", Hush())
    >>> sorted(forms.controls)[:4], forms.tabs.titles[3]
    (['as_of', 'costs.add', 'costs.amount', 'costs.category'], 'Debts')
    """

    def __init__(self, lang: str, hush: Hush):
        self.hush = hush
        self.forms = {section: Form(section, lang) for section in OBJECT_FORMS}
        self.lists = {section: ListEditor(section, lang) for section in LIST_SECTIONS}
        self._headers = {section: widgets.HTML() for section in OBJECT_FORMS}
        self.elsewhere = widgets.HTML()
        self.controls: dict[str, widgets.Widget] = {}
        self.notes: dict[str, widgets.HTML] = {}
        self.labels: dict[str, widgets.Label] = {}
        for section, form in self.forms.items():
            prefix = "" if section == "case" else f"{section}."
            self._name(prefix, form)
        for section, editor in self.lists.items():
            self.controls[f"{section}.selector"] = editor.selector
            self.controls[f"{section}.add"] = editor.add_button
            self.controls[f"{section}.remove"] = editor.remove_button
            self._name(f"{section}.", editor.form)
        first = [box for s in OBJECT_FORMS for box in (self._headers[s], self.forms[s].box)]
        self.tabs = widgets.Tab([widgets.VBox(first), *(e.box for e in self.lists.values())])
        self.relabel(lang)

    def _name(self, prefix: str, form: Form) -> None:
        for name, row in form.rows.items():
            self.controls[prefix + name], self.notes[prefix + name] = row.control, row.note
            self.labels[prefix + name] = row.label

    def relabel(self, lang: str) -> None:
        """Label every form, choice, button and tab in a language.

        >>> forms = CaseForms("en", Hush()); forms.relabel("zh-CN"); forms.tabs.titles[0]
        '基本情况'
        """
        with self.hush:
            for section, form in self.forms.items():
                self._headers[section].value = f"<b>{t(f'ui.group.{section}', lang)}</b>"
                form.relabel(lang)
            for editor in self.lists.values():
                editor.relabel(lang)
        self.tabs.titles = tuple(t(f"ui.tab.{section}", lang) for section in TABS)

    def load(self, draft: Mapping[str, Any]) -> None:
        """Put the case-level values of a draft in the first tab's forms.

        >>> from helpers.case import load_sample
        >>> from helpers.ui.editor.draft import draft_from_case
        >>> forms = CaseForms("en", Hush()); forms.load(draft_from_case(load_sample()))
        >>> forms.controls["savings"].value, forms.controls["household.size"].value
        ('8000.00', 3)
        """
        with self.hush:
            for section, form in self.forms.items():
                form.load(draft if section == "case" else draft[section])

    def select(
        self, section: str, items: Sequence[Mapping[str, Any]], index: int | None, lang: str
    ) -> None:
        """Edit item ``index`` of a list: name the items and load the item into the form.

        >>> forms = CaseForms("en", Hush())
        >>> forms.select("costs", [{"category": "rent", "amount": "2200"}], 0, "en")
        >>> forms.controls["costs.amount"].value, forms.controls["costs.selector"].label
        ('2200', 'rent · CN¥2,200.00')
        """
        editor = self.lists[section]
        with self.hush:
            editor.show_titles(items, lang)
            editor.selector.value = index
            if index is not None:
                editor.form.load(items[index])

    def show(self, draft: Mapping[str, Any], problems: Sequence[Problem], lang: str) -> None:
        """Show a draft's problems: each beside its field, those of a selected item that
        belong to no single field above its form, the rest (in items not selected) above the
        tabs; mark items with problems, show the fields that apply.

        >>> from helpers.case import load_sample
        >>> from helpers.ui.editor.draft import draft_from_case
        >>> forms, draft = CaseForms("en", Hush()), draft_from_case(load_sample())
        >>> forms.select("debts", draft["debts"], 0, "en")
        >>> forms.show(draft, [Problem("debts[0].lender", None, "errors.missing"),
        ...                    Problem("debts[1].lender", None, "errors.missing")], "en")
        >>> forms.notes["debts.lender"].value, forms.lists["debts"].selector.options[1][0]
        ('this field is required; add it', '⚠ 建设银行 · credit card · CN¥15,200.00')
        """
        shown = self._shown_fields()
        by_path, rest = route_problems(problems, shown)
        for form in {id(f): f for f, _ in shown.values()}.values():
            form.show_problems({n: by_path[p] for p, (f, n) in shown.items() if f is form}, lang)
        rest = self._show_item_problems(rest, lang)
        lines = "<br>".join(html.escape(problem_text(p, lang), quote=False) for p in rest)
        self.elsewhere.value = f'<div style="color:{ERROR_COLOR}">{lines}</div>' if rest else ""
        for section, editor in self.lists.items():
            flagged = {item_index(p.where, section) for p in problems}
            with self.hush:
                editor.show_titles(draft[section], lang, flagged=flagged)
            if editor.index is not None:
                editor.form.show_fields(draft[section][editor.index], lang)

    def _shown_fields(self) -> dict[str, tuple[Form, str]]:
        """The field path of every row on screen (``person.name``, ``debts[2].principal``)."""
        shown = {}
        for section, form in self.forms.items():
            for name in form.rows:
                shown[name if section == "case" else f"{section}.{name}"] = (form, name)
        for section, editor in self.lists.items():
            if editor.index is not None:
                for name in editor.form.rows:
                    shown[f"{section}[{editor.index}].{name}"] = (editor.form, name)
        return shown

    def _show_item_problems(self, problems: Sequence[Problem], lang: str) -> list[Problem]:
        notes: dict[str, list[str]] = {section: [] for section in self.lists}
        rest = []
        for problem in problems:
            section = next(
                (
                    s
                    for s, e in self.lists.items()
                    if e.index is not None and item_index(problem.where, s) == e.index
                ),
                None,
            )
            if section is None:
                rest.append(problem)
            else:
                notes[section].append(problem_message(problem, lang))
        for section, editor in self.lists.items():
            editor.note.value = html.escape(join_clauses(notes[section], lang), quote=False)
        return rest
