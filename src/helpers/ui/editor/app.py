"""The case editor: forms for every part of a case, so nobody has to write YAML.

The editor holds the case as a draft of plain data (:mod:`helpers.ui.editor.draft`) and keeps
every keystroke; on each change it validates the draft through the case model and shows each
problem beside its field, named by the form's labels. Debts can be imported from a spreadsheet.
Saving validates the whole draft and writes nothing while it has a problem, listing the
problems at the top, a list that follows the draft until the problems are corrected; a sample
is copied to ``cases/`` first. Files are named from the project folder, never by the machine's
absolute path (:func:`helpers.paths.shown_path`).

>>> from helpers.case import load_sample
>>> app = CaseEditor(load_sample(), lang="en")
>>> app.controls["debts.annual_rate"].value = "18"
>>> app.notes["debts.annual_rate"].value
"'18' is not a fraction; did you mean 0.18?"
>>> app.result is None, app.dirty
(True, True)
"""

from __future__ import annotations

import copy
import html
import os
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

import ipywidgets as widgets

from helpers.case import Case, load_case, read_debts, remember_case
from helpers.errors import CaseError, Problem
from helpers.i18n import normalize_language, t
from helpers.paths import is_sample, shown_path
from helpers.ui.common import Guard, Hush, MessageArea, error_lines, language_switch, open_case
from helpers.ui.editor.draft import (
    data_from_draft,
    draft_from_case,
    imported_items,
    new_item,
    read_uploaded_debts,
    save_draft,
    save_target,
    validate_draft,
)
from helpers.ui.editor.fields import LIST_SECTIONS
from helpers.ui.editor.forms import CaseForms
from helpers.ui.editor.labels import problem_text
from helpers.ui.editor.rules import relabel_orders

__all__ = ["CaseEditor", "editor_app"]


_BUTTON = {"width": "auto"}  # as wide as its label, in either language


class CaseEditor:
    """Edit a case in forms: add, change and remove incomes, costs, debts and evidence, import
    debts from a spreadsheet, and save to ``cases/NAME.yaml``.

    Parameters
    ----------
    source : Case, path or name
        A case file (a sample, or one of the user's cases), the name of a case in ``cases/``
        or of a sample, or a case object (saved as ``cases/new_case.yaml``).
    lang : str, optional
        The language of the editor; the case's own language by default. The switch at the top
        changes it; the case's ``language`` field (the language of its documents) is separate.

    Attributes
    ----------
    controls : dict
        The widgets a user changes, by name: ``lang``, ``save``, ``revert``, ``import_path``,
        ``import``, ``upload``; case fields by path (``as_of``, ``person.name``,
        ``household.size``, ``hardship.kind``); for each list, ``debts.selector``,
        ``debts.add``, ``debts.remove`` and the fields of the selected item (``debts.principal``).
    notes : dict
        The note beside each field (same names): its problems, or what an amount stands for
        (HTML widgets holding escaped text).
    labels : dict
        The label before each field (same names), in the current language.
    view : ipywidgets.Widget
        The editor to display.
    result : Case or None
        The draft as a validated case; None while the draft has problems.
    problems : list of Problem
        The draft's problems, with field paths.
    messages : MessageArea
        Results of saving, reverting and importing, and what went wrong; after a refused save,
        the draft's problems as they stand, kept in step with every change until another
        message replaces them. Problems name fields by the form's labels
        (:func:`helpers.ui.editor.labels.field_label`), files from the project folder.
    guard : Guard
        Where the callbacks run (:class:`helpers.ui.common.Guard`).
    forms : CaseForms
        The forms in their tabs (:class:`helpers.ui.editor.forms.CaseForms`): the list editors
        with the note above each item's form, the groups of a debt's fields, and
        ``forms.elsewhere``, the problems of items not on screen.
    draft : dict
        The case as plain data, as typed.
    path : Path or None
        The file the case was opened from or last saved to.

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> app = CaseEditor(load_sample("wang_fang_income_drop"))
    >>> app.controls["debts.add"].click()
    >>> app.controls["debts.lender"].value = "Cousin"
    >>> app.notes["debts.principal"].value
    'this field is required; add it'
    """

    def __init__(self, source: Case | str | os.PathLike[str], *, lang: str | None = None):
        self.path, self._opened = open_case(source)
        self.lang = normalize_language(lang or self._opened.language)
        self._hush = Hush()
        self.result: Case | None = self._opened
        self.problems: list[Problem] = []
        self._summary_lines: list[str] | None = None  # the problem summary's lines, while shown
        self._summary_height = 0
        self._build()
        self._wire()
        self._reset(self._opened)
        self._warn_if_copy_exists()

    # ---- building ----
    def _build(self) -> None:
        lang = self.lang
        self.messages = MessageArea(lang)
        self._errors = widgets.Output()
        self.guard = Guard(self.messages, self._errors, self._hush)
        self._title, self._import_title = widgets.HTML(), widgets.HTML()
        self._file, self._status = widgets.HTML(), widgets.Label()
        self.forms = CaseForms(lang, self._hush)
        self.controls: dict[str, widgets.Widget] = {
            "lang": language_switch(lang),
            "save": widgets.Button(icon="save", layout=_BUTTON),
            "revert": widgets.Button(icon="undo", layout=_BUTTON),
            "import_path": widgets.Text(placeholder="data/samples/debts_template.csv"),
            "import": widgets.Button(icon="file-import", layout=_BUTTON),
            "upload": widgets.FileUpload(accept=".csv,.xlsx", multiple=False),
            **self.forms.controls,
        }
        self.notes: dict[str, widgets.HTML] = self.forms.notes
        self.labels: dict[str, widgets.Label] = self.forms.labels
        c = self.controls
        self.forms.lists["debts"].extra.children = [
            self._import_title,
            widgets.HBox([c["import_path"], c["import"], c["upload"]]),
        ]
        self.view = widgets.VBox(
            [
                widgets.HBox([self._title, c["lang"]]),
                self._file,
                widgets.HBox([c["save"], c["revert"], self._status]),
                self.messages.widget,
                self.forms.elsewhere,
                self._errors,
                self.forms.tabs,
            ]
        )

    def _wire(self) -> None:
        c, guard = self.controls, self.guard
        c["lang"].observe(guard(self._on_language), "value")
        c["save"].on_click(guard(lambda _b: self.save()))
        c["revert"].on_click(guard(lambda _b: self.revert()))
        c["import"].on_click(guard(lambda _b: self.import_debts(c["import_path"].value)))
        c["upload"].observe(guard(self._on_upload), "value")
        for section, form in self.forms.forms.items():
            for name, row in form.rows.items():
                row.control.observe(guard(partial(self._on_field, section, name)), "value")
        for section, editor in self.forms.lists.items():
            editor.selector.observe(guard(partial(self._on_select, section)), "value")
            editor.add_button.on_click(guard(partial(self._on_add, section)))
            editor.remove_button.on_click(guard(partial(self._on_remove, section)))
            for name, row in editor.form.rows.items():
                row.control.observe(guard(partial(self._on_item_field, section, name)), "value")

    # ---- callbacks: read controls, call one helper, write results ----
    def _on_language(self, change: Any) -> None:
        self.lang = change.new
        relabel_orders(self.draft, self.lang)  # a payment order in the page's language
        self._relabel()
        self._select("debts", self.forms.lists["debts"].index)

    def _on_field(self, section: str, name: str, change: Any) -> None:
        target = self.draft if section == "case" else self.draft[section]
        target[name] = change.new
        self._refresh()

    def _on_item_field(self, section: str, name: str, change: Any) -> None:
        index = self.forms.lists[section].index
        if index is not None:
            self.draft[section][index][name] = change.new
            self._refresh()

    def _on_select(self, section: str, change: Any) -> None:
        self._select(section, change.new)

    def _on_add(self, section: str, _button: Any) -> None:
        items = self.draft[section]
        items.append(new_item(section, items))
        self._select(section, len(items) - 1)

    def _on_remove(self, section: str, _button: Any) -> None:
        index, items = self.forms.lists[section].index, self.draft[section]
        if index is not None:
            del items[index]
            self._select(section, min(index, len(items) - 1) if items else None)

    def _on_upload(self, change: Any) -> None:
        for upload in change.new:
            self._import(partial(read_uploaded_debts, upload["name"], bytes(upload["content"])))
        with self._hush:
            self.controls["upload"].value = ()

    # ---- actions ----
    @property
    def dirty(self) -> bool:
        """Whether the draft differs from the case as last opened, saved or reverted.

        >>> from helpers.case import load_sample
        >>> app = CaseEditor(load_sample()); app.dirty
        False
        >>> app.controls["savings"].value = "9000"; app.dirty
        True
        """
        return data_from_draft(self.draft) != data_from_draft(self._baseline)

    def save(self) -> Path | None:
        """Validate the whole draft and save it; on problems list them and write nothing.

        A sample is copied to ``cases/NAME.yaml`` first and the copy is saved (the message
        says so); a user's case is saved in place, atomically. Returns where it saved.

        >>> from helpers.case import load_sample
        >>> app = CaseEditor(load_sample(), lang="en")
        >>> app.controls["debts.principal"].value = "lots"
        >>> app.save() is None
        True
        >>> app.messages.lines[:2]
        ['Nothing saved: the draft has 1 problem; correct it first', \
"Principal of Debt 1: 'lots' is not an amount; write it like 1234.50, ¥1,234.50 or 1.2万"]

        The list follows the draft: corrected, the problem goes, and the count with it.

        >>> app.controls["debts.principal"].value = "2万"
        >>> app.messages.lines
        ['Not saved yet: every problem is corrected; save when ready']
        """
        try:
            case, target, copied = save_draft(self.draft, self.path)
        except CaseError:
            self._show_summary()
            return None
        except OSError as exc:
            self._say(error_lines(exc), "error")
            return None
        self.path, self.result, self._baseline = target, case, copy.deepcopy(self.draft)
        remember_case(target)  # the case the next steps open
        keys, shown = ["ui.editor.copied"] if copied else [], shown_path(target)
        self._say(
            lambda lang: [t(k, lang, target=shown) for k in [*keys, "ui.editor.saved"]], "ok"
        )
        self._show_file()
        self._refresh()
        return target

    def revert(self) -> None:
        """Throw the draft away and reload the case from its file (or as it was opened).

        >>> from helpers.paths import SAMPLES_DIR
        >>> app = CaseEditor(SAMPLES_DIR / "zhao_min_family_rural.yaml", lang="en")
        >>> app.controls["debts.remove"].click()
        >>> len(app.draft["debts"]), app.dirty
        (2, True)
        >>> app.revert(); len(app.draft["debts"]), app.dirty
        (3, False)
        """
        try:
            case = load_case(self.path) if self.path else self._opened
        except CaseError as exc:
            self._show_problems_of(exc, "ui.editor.not_reverted")
            return
        self._reset(case)
        self._say(lambda lang: [t("ui.editor.reverted", lang)], "ok")

    def import_debts(self, path: str | os.PathLike[str]) -> int:
        """Append the debts of a CSV or XLSX file to the draft, each with a new id; on problems
        show each with its row and column and add nothing. Returns how many were added.

        >>> from helpers.case import load_sample
        >>> from helpers.paths import SAMPLES_DIR
        >>> app = CaseEditor(load_sample(), lang="en")
        >>> app.import_debts(SAMPLES_DIR / "debts_template.xlsx")
        3
        >>> app.messages.lines
        ['Imported 3 debts; they are at the end of the list of debts']
        """
        if not str(path).strip():
            self._say(lambda lang: [t("ui.editor.import_no_file", lang)], "error")
            return 0
        return self._import(partial(read_debts, Path(path)))

    def _import(self, read: Callable[[], list]) -> int:
        try:
            debts = read()
        except CaseError as exc:
            self._show_problems_of(exc, "ui.editor.import_failed")
            return 0
        except OSError as exc:
            self._say(error_lines(exc), "error")
            return 0
        items = self.draft["debts"]
        items.extend(imported_items(items, debts))
        self._select("debts", len(items) - len(debts))
        self._say(lambda lang: [t("ui.editor.imported", lang, count=len(debts))], "ok")
        return len(debts)

    def _show_problems_of(self, error: CaseError, header_key: str) -> None:
        """A heading and every problem of an error (a file's, a table's), one a line, in the
        current language, each named by the form's labels."""
        count = len(error.problems)
        self._say(
            lambda lang: (
                [t(header_key, lang, count=count)]
                + [problem_text(p, lang) for p in error.problems]
            ),
            "error",
        )

    def _say(self, render: Callable[[str], list[str]], kind: str) -> None:
        """Show a message in place of whatever was shown (the problem summary included)."""
        self._summary_lines, self._summary_height = None, 0
        self.messages.widget.layout.min_height = None
        self.messages.show(render, kind)

    # ---- the problem summary at the top ----
    def _summary(self, lang: str) -> list[str]:
        """The draft's problems as they are now, headed by their count; once every one is
        corrected, that the case can be saved."""
        problems = self.problems
        if problems:
            header = t("ui.editor.not_saved", lang, count=len(problems))
            lines = [header, *(problem_text(p, lang) for p in problems)]
        else:
            lines = [t("ui.editor.corrected", lang)]
        self._summary_lines = lines
        return lines

    def _show_summary(self) -> None:
        """Show the summary, or redraw it as the draft now stands. It keeps the most lines it
        has had as its height, so a problem corrected never pulls the forms up under the
        user's hand; a new problem adds a line."""
        self.messages.show(self._summary, "error" if self.problems else "ok")
        self._summary_height = max(self._summary_height, len(self.messages.lines))
        self.messages.widget.layout.min_height = f"{self._summary_height}lh"

    def _summary_shown(self) -> bool:
        return self._summary_lines is not None and self.messages.lines == self._summary_lines

    # ---- showing the draft ----
    def _reset(self, case: Case) -> None:
        """Start over from a case: a new draft, every form loaded, the first items selected."""
        self.draft = draft_from_case(case, self.lang)
        self._baseline = copy.deepcopy(self.draft)
        self.forms.load(self.draft)
        self._relabel()
        for section in LIST_SECTIONS:
            self._select(section, 0 if self.draft[section] else None)

    def _select(self, section: str, index: int | None) -> None:
        self.forms.select(section, self.draft[section], index, self.lang)
        self._refresh()

    def _relabel(self) -> None:
        lang = self.lang
        self._title.value = f"<b>{t('ui.editor.title', lang)}</b>"
        for name in ("save", "revert", "import", "upload"):
            self.controls[name].description = t(f"ui.editor.{name}", lang)
        self._import_title.value = f"<b>{t('ui.editor.import_title', lang)}</b>"
        self.forms.relabel(lang)
        self.messages.set_language(lang)
        self._show_file()

    def _show_file(self) -> None:
        path, lang = self.path, self.lang
        if path is None:
            text = t("ui.editor.file_new", lang, target=shown_path(save_target(None)))
        elif is_sample(path):
            target = shown_path(save_target(path))
            text = t("ui.editor.file_sample", lang, path=shown_path(path), target=target)
        else:
            text = t("ui.editor.file", lang, path=shown_path(path))
        self._file.value = html.escape(text, quote=False)

    def _refresh(self) -> None:
        """Validate the draft and show where it stands: each problem beside its field, item
        titles, the fields that apply, unsaved changes."""
        self.result, self.problems = validate_draft(self.draft)
        self.forms.show(self.draft, self.problems, self.lang)
        self._show_status()
        if self._summary_shown():
            self._show_summary()

    def _show_status(self) -> None:
        count, lang = len(self.problems), self.lang
        changes = t("ui.editor.unsaved" if self.dirty else "ui.editor.no_changes", lang)
        state = t("ui.editor.problems", lang, count=count) if count else t("ui.editor.valid", lang)
        self._status.value = f"{changes} · {state}"
        self.controls["save"].button_style = "primary" if self.dirty else ""

    def _warn_if_copy_exists(self) -> None:
        target = save_target(self.path)
        if self.path != target and target.exists():
            shown = shown_path(target)
            self._say(lambda lang: [t("ui.editor.copy_exists", lang, target=shown)], "warning")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)


def editor_app(source: Case | str | os.PathLike[str], lang: str | None = None) -> CaseEditor:
    """The case editor for a case, a case file, or the name of a case or a sample (see
    :class:`CaseEditor`).

    >>> from helpers.case import load_sample
    >>> app = editor_app(load_sample(), lang="en")
    >>> app.controls["lang"].value = "zh-CN"
    >>> app.controls["debts.principal"].value = "1.2万"
    >>> app.notes["debts.principal"].value
    '= ¥12,000.00'
    """
    return CaseEditor(source, lang=lang)
