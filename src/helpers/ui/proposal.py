"""The proposal app (notebook 04): for each lender to contact, when and how; the fallback ladder
(ask, target, floor); the scam warnings; the drafts (application, call script, chat message,
checklist) to read, edit and export; and a lender's counter-offer, evaluated.

What the app shows comes from :mod:`helpers.proposals` and :mod:`helpers.offers`. An edited
draft is kept with the case as soon as the box is left (:func:`helpers.proposals.keep_draft`; a
sample is first copied to ``cases/``): reopening shows the edit, export writes it, and when the
figures change the edit is kept and flagged, with a button back to the workbench's text.

>>> from helpers.case import load_sample
>>> app = ProposalApp(load_sample(), lang="en")
>>> app.controls["lender"].value = "d4"
>>> app.drafts["chat"].value == app.result["chat"], "借呗" in app.result["application"]
(True, True)
"""

from __future__ import annotations

import html
import os
from datetime import datetime
from functools import partial
from typing import Any

import ipywidgets as widgets

from helpers import paths
from helpers.case import Case, load_case, remember_case, save_case
from helpers.cli import write_drafts
from helpers.errors import Problem
from helpers.i18n import t
from helpers.journal import Entry, journal_path, open_journal
from helpers.offers import (
    OfferError,
    OfferEvaluation,
    OfferTerms,
    evaluate_offer,
    evaluation_data,
)
from helpers.proposals import (
    DRAFT_NAMES,
    KeptTexts,
    contact_lines,
    contact_plan,
    draft_texts,
    fallback_ladder,
    keep_draft,
    kept_texts,
    ladder_lines,
    scam_lines,
    scam_screen,
)
from helpers.ui.common import Guard, Hush, MessageArea, language_switch, open_case
from helpers.ui.glossary import glossary_widget
from helpers.ui.offer_form import OfferForm, form_label
from helpers.ui.picker import CasePicker, FollowsPicker, header

__all__ = ["DRAFTS", "ProposalApp", "proposal_app"]

DRAFTS = DRAFT_NAMES
_TITLES = ("title", "contact", "ladder", "scams", "drafts", "offer")
_BUTTON = {"layout": widgets.Layout(width="auto")}


def _lines_html(lines: list[str]) -> str:
    return "".join(f"<div>{html.escape(line)}</div>" for line in lines)


class ProposalApp(FollowsPicker):
    """What to propose to each lender, the drafts to send, and a counter-offer's verdict.

    Attributes
    ----------
    controls : dict of widgets
        ``lang``, ``case`` and ``refresh`` (the case picker), ``lender``, ``export``,
        ``restore`` (back to the workbench's text of the draft shown), and the counter-offer
        form (:class:`helpers.ui.offer_form.OfferForm`): ``monthly``, ``months``,
        ``annual_rate``, ``fee_rate``, ``down``, ``waive_penalty``, ``waive_charges``,
        ``evaluate``.
    result : dict of str
        The workbench's drafts for the lender shown, as Markdown, by :data:`DRAFTS` name.
    kept : KeptTexts
        The drafts as shown: the borrower's kept edits in place of ``result``'s texts.
    drafts : dict of ipywidgets.Textarea
        The drafts as shown; an edit is kept with the case when the box is left.
    evaluation : OfferEvaluation or None
        The last counter-offer evaluated.
    contact, ladder, scams, verdict, draft_note : ipywidgets.HTML
    messages, guard : MessageArea, Guard

    Examples
    --------
    >>> from helpers.case import load_sample
    >>> app = ProposalApp(load_sample(), lang="en")
    >>> app.controls["monthly"].value, app.controls["months"].value = "1200", 24
    >>> app.controls["evaluate"].click()
    >>> app.evaluation.verdict.value, app.verdict.value.startswith("<b>Verdict: decline")
    ('decline', True)
    """

    def __init__(self, source: Case | str | os.PathLike[str], *, lang: str | None = None):
        path, case = open_case(source)
        self.lang = lang or case.language
        self.view = widgets.VBox()
        self.picker = CasePicker(path, self.lang)
        self._open(case)
        self.picker.on_pick(self._picked)

    def _open(self, case: Case) -> None:
        """Show ``case``: its lenders to contact, the first one's drafts, an empty offer."""
        self.case, self.plan = case, contact_plan(case)
        self.evaluation: OfferEvaluation | None = None
        self.result: dict[str, str] = {}
        self.kept = KeptTexts({})
        self.hush = Hush()
        self.messages, self.output = MessageArea(self.lang), widgets.Output()
        self.guard = Guard(self.messages, self.output, self.hush)
        self._build()
        self._relabel()

    def _build(self) -> None:
        self._titles = {name: widgets.HTML() for name in _TITLES}
        self.contact, self.ladder, self.scams, self.draft_note = (widgets.HTML() for _ in "1234")
        self._note = widgets.HTML()
        self.glossary = glossary_widget("04_proposal", self.lang)
        self.form = OfferForm(self.lang)
        self.verdict = self.form.verdict
        box = widgets.Layout(width="100%", height="24em")
        self.drafts = {
            name: widgets.Textarea(continuous_update=False, layout=box) for name in DRAFTS
        }
        self.tabs = widgets.Tab(children=[self.drafts[name] for name in DRAFTS])
        c = self.controls = {
            "lang": language_switch(self.lang),
            "case": self.picker.control,
            "refresh": self.picker.refresh,
            "lender": widgets.Dropdown(
                style={"description_width": "initial"}, layout=widgets.Layout(width="auto")
            ),
            "export": widgets.Button(**_BUTTON),
            "restore": widgets.Button(**_BUTTON),
            "record": widgets.Button(**_BUTTON),
            **self.form.controls,
        }
        c["lang"].observe(self.guard(self._on_language), "value")
        c["lender"].observe(self.guard(self._on_lender), "value")
        c["export"].on_click(self.guard(self._on_export))
        c["restore"].on_click(self.guard(self._on_restore))
        c["evaluate"].on_click(self.guard(self._on_evaluate))
        c["record"].on_click(self.guard(self._on_record))
        for name, box in self.drafts.items():
            box.observe(self.guard(partial(self._on_edit, name)), "value")
        self.tabs.observe(self.guard(self._on_tab), "selected_index")
        t_ = self._titles
        buttons = widgets.HBox([c["export"], c["restore"]])
        self.view.children = [
            header(t_["title"], self.picker, c["lang"]),
            self.messages.widget,
            self.output,
            c["lender"],
            t_["contact"],
            self.contact,
            t_["ladder"],
            self.ladder,
            t_["scams"],
            self.scams,
            t_["drafts"],
            self._note,
            self.tabs,
            self.draft_note,
            buttons,
            t_["offer"],
            self.form.widget,
            c["record"],
            self.glossary,
        ]

    # ---- callbacks: read the controls, call one helper, write the results ----
    def _on_language(self, change: Any) -> None:
        self.lang = change.new
        self._relabel()

    def _on_lender(self, change: Any) -> None:
        self.show_lender(change.new)

    def _on_tab(self, _change: Any) -> None:
        self._draw_note()

    def _on_edit(self, name: str, change: Any) -> None:
        self.edit(name, change.new)

    def _on_restore(self, _button: Any) -> None:
        self.restore(DRAFTS[self.tabs.selected_index or 0])

    def _on_export(self, _button: Any) -> None:
        self.messages.show(
            lambda lang: [t("ui.prop.exporting", lang)], "info"
        )  # a PDF takes a while
        folder, count = self.export()
        self.messages.show(
            lambda lang: [t("ui.prop.exported", lang, folder=folder, count=count)], "ok"
        )

    def _on_evaluate(self, _button: Any) -> None:
        try:
            self.evaluate(self.form.terms(self.controls["lender"].value))
        except OfferError as error:  # its fields named as the form names them
            self.messages.show(
                lambda lang, e=error: e.render(lang, label=form_label).splitlines(), "error"
            )

    def _on_record(self, _button: Any) -> None:
        where = self.record_offer()
        self.messages.show(lambda lang: [t("ui.prop.recorded", lang, path=where)], "ok")

    # ---- actions ----
    @property
    def debt_id(self) -> str | None:
        """The debt of the lender shown (None when the case has no lender to contact).

        >>> ProposalApp("zhang_wei_unemployed", lang="en").debt_id
        'd1'
        """
        return self.controls["lender"].value or None

    def show_lender(self, debt_id: str | None) -> None:
        """Show a lender: when and how to contact, its ladder and its drafts (the borrower's
        kept edits in place of the workbench's text).

        >>> app = ProposalApp("zhang_wei_unemployed", lang="zh-CN")
        >>> app.show_lender("d2")
        >>> "建设银行" in app.contact.value, app.evaluation
        (True, None)
        """
        lang, case = self.lang, self.case
        self.evaluation, self.verdict.value = None, ""
        if debt_id is None:
            self.result = {}
            self.contact.value = f"<p>{html.escape(t('ui.prop.no_lender', lang))}</p>"
            self.ladder.value = ""
        else:
            contact = [c for c in self.plan if c.debt_id == debt_id]
            self.contact.value = _lines_html(contact_lines(contact, lang))
            ladder = fallback_ladder(case, debt_id)
            self.ladder.value = _lines_html(ladder_lines(ladder, lang, as_of=case.as_of))
            self.result = draft_texts(case, debt_id, lang, ladder=ladder)
        self._show_drafts()

    def _show_drafts(self) -> None:
        if self.debt_id is None:
            self.kept = KeptTexts({})
        else:
            self.kept = kept_texts(self.case, self.debt_id, self.lang, self.result)
        with self.hush:
            for name in DRAFTS:
                self.drafts[name].value = self.kept.texts.get(name, "")
        self._draw_note()

    def edit(self, name: str, text: str) -> None:
        """Keep ``text`` as the borrower's ``name`` draft to the lender shown, with the case
        (a sample is first copied to ``cases/``; that copy becomes the current case).

        >>> import tempfile
        >>> from pathlib import Path
        >>> from unittest import mock
        >>> with mock.patch.object(paths, "CASES_DIR", Path(tempfile.mkdtemp())):
        ...     app = ProposalApp("li_na_illness", lang="en")
        ...     app.edit("chat", "Hello, I would like to agree a plan.")
        ...     again = ProposalApp(app.picker.path, lang="en")
        ...     again.drafts["chat"].value, again.kept.edited
        ('Hello, I would like to agree a plan.', ('chat',))
        """
        if self.debt_id is None:
            return
        source = self.picker.path
        target, copied = keep_draft(
            source, self.case, self.debt_id, self.lang, name, text, self.result[name]
        )
        self.case = load_case(target)
        if target != source:
            remember_case(target)  # the case the next steps open
            self.picker.show(target)
        self._show_drafts()
        shown = paths.shown_path(target)
        keys = (["ui.scen.copied"] if copied else []) + ["ui.prop.kept"]
        self.messages.show(lambda lang: [t(key, lang, target=shown) for key in keys], "ok")

    def restore(self, name: str) -> None:
        """Go back to the workbench's text of the ``name`` draft (the edit is dropped).

        >>> import tempfile
        >>> from pathlib import Path
        >>> from unittest import mock
        >>> with mock.patch.object(paths, "CASES_DIR", Path(tempfile.mkdtemp())):
        ...     app = ProposalApp("li_na_illness", lang="en")
        ...     app.edit("chat", "Hello")
        ...     app.restore("chat")
        ...     app.drafts["chat"].value == app.result["chat"], app.case.drafts
        (True, ())
        """
        if name in self.kept.edited:
            self.edit(name, self.result[name])

    def export(self) -> tuple[str, int]:
        """Write the lender's drafts (as edited) into ``exports/<case>/<debt id>/``; the folder,
        as shown, and how many files were written.

        >>> import tempfile
        >>> from pathlib import Path
        >>> from unittest import mock
        >>> with tempfile.TemporaryDirectory() as out, mock.patch.object(paths, "EXPORTS_DIR",
        ...                                                         Path(out)):
        ...     app = ProposalApp("zhang_wei_unemployed", lang="en")
        ...     folder, count = app.export()
        ...     sorted(p.name for p in (Path(out) / "zhang_wei_unemployed" / "d1").iterdir())[:2]
        ['application.docx', 'application.md']
        """
        name = self.picker.path.stem if self.picker.path else "case"
        (folder,) = write_drafts(self.case, (self.debt_id,), self.lang, paths.EXPORTS_DIR / name)
        return paths.shown_path(folder), sum(1 for p in folder.iterdir() if p.is_file())

    def evaluate(self, terms: OfferTerms) -> None:
        """Evaluate a counter-offer and show the verdict, the reasons and what to answer.

        >>> app = ProposalApp("zhang_wei_unemployed", lang="en")
        >>> app.evaluate(OfferTerms("d1", months=24, monthly_fen=120_000))
        >>> app.evaluation.verdict.value
        'decline'
        """
        self.evaluation = evaluate_offer(self.case, terms)
        self.messages.clear()
        self.form.show(self.evaluation, self.lang)
        self.controls["record"].layout.display = None

    def record_offer(self) -> str:
        """Record the counter-offer just evaluated in the case's journal (notebook 05): the
        lender's offer, with its terms and the verdict as data; the journal, as shown.

        >>> import tempfile
        >>> from pathlib import Path
        >>> from unittest import mock
        >>> from helpers.journal import journal_path, open_journal
        >>> with mock.patch.object(paths, "CASES_DIR", Path(tempfile.mkdtemp())):
        ...     app = ProposalApp("li_na_illness", lang="en")
        ...     app.evaluate(OfferTerms("d1", months=24, monthly_fen=150_000))
        ...     _ = app.record_offer()
        ...     with open_journal(journal_path(app.picker.path)) as journal:
        ...         (entry,) = journal.entries()
        >>> entry.outcome.value, entry.offer["verdict"] == app.evaluation.verdict.value
        ('counter_offer', True)
        """
        result = self.evaluation
        if result is None:
            raise OfferError([Problem("evaluate", None, "ui.prop.nothing_to_record")])
        if self.picker.path is None:
            target = paths.new_case_path()
            save_case(self.case, target)
            self.picker.show(target)
        data = evaluation_data(result, self.lang)
        entry = Entry(
            when=datetime.now().strftime("%Y-%m-%d %H:%M"),
            debt_id=result.offer.debt.id,
            lender=result.offer.debt.lender,
            channel="hotline",
            initiator="lender",
            summary=t("ui.prop.offer_summary", self.lang, verdict=data["verdict_text"]),
            outcome="counter_offer",
            offer=data,
        )
        path = journal_path(self.picker.path)
        with open_journal(path) as journal:
            journal.add(entry)
        return paths.shown_path(path)

    # ---- showing ----
    def _draw_note(self) -> None:
        """Under the drafts: whether the one shown is the borrower's edit, and stale."""
        name = DRAFTS[self.tabs.selected_index or 0]
        key = None
        if name in self.kept.stale:
            key = "ui.prop.edit_stale"
        elif name in self.kept.edited:
            key = "ui.prop.edit_kept"
        color = "#a15c00" if name in self.kept.stale else "#666666"
        text = html.escape(t(key, self.lang)) if key else ""
        self.draft_note.value = f"<p style='color:{color}'>{text}</p>" if key else ""
        self.controls["restore"].layout.display = None if key else "none"

    def _relabel(self) -> None:
        lang, c = self.lang, self.controls
        for name, widget in self._titles.items():
            tag = "h3" if name == "title" else "h4"
            widget.value = f"<{tag}>{html.escape(t(f'ui.prop.{name}', lang))}</{tag}>"
        note = html.escape(t("ui.prop.drafts_note", lang))
        self._note.value = f"<p style='color:#666666'>{note}</p>"
        for i, name in enumerate(DRAFTS):
            self.tabs.set_title(i, t(f"ui.prop.tab.{name}", lang))
        for name in ("lender", "export", "restore", "record"):
            c[name].description = t(f"ui.prop.{name}", lang)
        self.form.relabel(lang)
        options = [
            (t("ui.prop.lender_option", lang, lender=p.lender, id=p.debt_id), p.debt_id)
            for p in self.plan
        ]
        with self.hush:
            c["lender"].options, c["lender"].value = (
                options,
                self.debt_id or (options[0][1] if options else None),
            )
        warned = bool(scam_screen(self.case))
        self.scams.value = _lines_html(scam_lines(self.case, lang)) if warned else ""
        self._titles["scams"].layout.display = None if warned else "none"
        self.messages.set_language(lang)
        self.picker.relabel(lang)
        self.glossary.relabel(lang)
        c["record"].layout.display = None if self.evaluation is not None else "none"
        kept = self.evaluation  # the verdict outlives a language switch, in the new language
        self.show_lender(self.debt_id)
        self.evaluation = kept
        self.form.show(kept, lang)

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.view._repr_mimebundle_(**kwargs)


def proposal_app(source: Case | str | os.PathLike[str], lang: str | None = None) -> ProposalApp:
    """The proposal app for a case, a case file, or the name of a case or a sample
    (see :class:`ProposalApp`).

    >>> app = proposal_app("zhang_wei_unemployed", lang="zh-CN")
    >>> app.controls["lang"].value = "en"
    >>> app.tabs.get_title(0), app.controls["evaluate"].description
    ('Application', 'evaluate the offer')
    """
    return ProposalApp(source, lang=lang)
