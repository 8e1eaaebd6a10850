"""The proposal app (notebook 04): for each lender to contact, when and how; the fallback ladder
(ask, target, floor); the scam warnings; the drafts (application, call script, chat message,
checklist) to read, edit and export; and a lender's counter-offer, evaluated.

What the app shows comes from :mod:`helpers.proposals` and :mod:`helpers.offers`; the drafts are
written by :func:`helpers.cli.write_drafts`. Edits to a draft are not kept yet: picking another
lender or language, or reopening, shows the original again, and export writes the originals.

>>> from helpers.case import load_sample
>>> app = ProposalApp(load_sample(), lang="en")
>>> app.controls["lender"].value = "d4"
>>> app.drafts["chat"].value == app.result["chat"], "借呗" in app.result["application"]
(True, True)
"""

from __future__ import annotations

import html
import os
from decimal import Decimal, InvalidOperation
from typing import Any

import ipywidgets as widgets

from helpers import paths
from helpers.case import Case
from helpers.cli import write_drafts
from helpers.errors import Problem
from helpers.i18n import t
from helpers.money import parse_amount
from helpers.offers import (
    OfferError,
    OfferEvaluation,
    OfferTerms,
    counter_proposal,
    evaluate_offer,
    reasons,
    verdict_label,
)
from helpers.proposals import (
    application_markdown,
    call_script_markdown,
    chat_message,
    checklist_lines,
    contact_lines,
    contact_plan,
    fallback_ladder,
    ladder_lines,
    scam_lines,
    scam_screen,
)
from helpers.scenarios import own_result
from helpers.ui.common import Guard, Hush, MessageArea, language_switch, open_case
from helpers.ui.glossary import glossary_widget
from helpers.ui.picker import CasePicker, FollowsPicker, header

__all__ = ["DRAFTS", "ProposalApp", "proposal_app", "offer_terms", "drafts_for"]

DRAFTS = ("application", "call_script", "chat", "checklist")
_TITLES = ("title", "contact", "ladder", "scams", "drafts", "offer")
_FORM = ("monthly", "months", "annual_rate", "down", "waive_penalty", "waive_charges")
_BUTTONS = ("waive_penalty", "waive_charges", "export", "evaluate")
_FIELD = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="auto")}


def drafts_for(case: Case, debt_id: str, lang: str) -> dict[str, str]:
    """The four drafts for a debt's lender as Markdown, by :data:`DRAFTS` name.

    >>> from helpers.case import load_sample
    >>> drafts = drafts_for(load_sample(), "d1", "zh-CN")
    >>> list(drafts), "招商银行" in drafts["application"]
    (['application', 'call_script', 'chat', 'checklist'], True)
    """
    result, _ = own_result(case)
    return {
        "application": application_markdown(case, debt_id, lang, result=result),
        "call_script": call_script_markdown(case, debt_id, lang, result=result),
        "chat": chat_message(case, debt_id, lang, result=result),
        "checklist": "\n".join(checklist_lines(case, lang)),
    }


def _rate(text: str) -> float | None:
    """An annual rate written in percent ("3.6", "3.6%"), as a fraction; None when empty."""
    text = text.strip().rstrip("%％").strip()
    if not text:
        return None
    try:
        return float(Decimal(text) / 100)
    except InvalidOperation:
        raise OfferError([Problem("annual_rate", text, "errors.not_number")]) from None


def offer_terms(
    debt_id: str,
    *,
    monthly: str,
    months: int,
    annual_rate: str = "",
    down: str = "",
    waive_penalty: bool = False,
    waive_charges: bool = False,
) -> OfferTerms:
    """An offer as the form holds it (amounts and the rate as typed), read into terms.

    >>> offer_terms("d1", monthly="1,200", months=24, annual_rate="3.6%").annual_rate
    0.036
    >>> offer_terms("d1", monthly="", months=12, down="5千").down_payment_fen
    500000
    """
    return OfferTerms(
        debt_id,
        months=months,
        monthly_fen=parse_amount(monthly) if monthly.strip() else None,
        annual_rate=_rate(annual_rate),
        down_payment_fen=parse_amount(down) if down.strip() else 0,
        waive_penalty=waive_penalty,
        waive_charges=waive_charges,
    )


def _form_label(key: str, lang: str, near: str | None = None) -> str:
    """An offer's field as the form names it (the key itself for a field the form lacks)."""
    field = {"down_payment": "down"}.get(key, key)
    return t(f"ui.prop.field.{field}", lang) if field in _FORM[:4] else key


def _lines_html(lines: list[str]) -> str:
    return "".join(f"<div>{html.escape(line)}</div>" for line in lines)


class ProposalApp(FollowsPicker):
    """What to propose to each lender, the drafts to send, and a counter-offer's verdict.

    Attributes
    ----------
    controls : dict of widgets
        ``lang``, ``case`` and ``refresh`` (the case picker), ``lender``, ``export``, and the
        counter-offer form: ``monthly``, ``months``, ``annual_rate``, ``down``,
        ``waive_penalty``, ``waive_charges``, ``evaluate``.
    result : dict of str
        The drafts for the lender shown, as Markdown, by :data:`DRAFTS` name.
    drafts : dict of ipywidgets.Textarea
        The drafts as shown (editable; edits are not kept).
    evaluation : OfferEvaluation or None
        The last counter-offer evaluated.
    contact, ladder, scams, verdict : ipywidgets.HTML
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
        self.hush = Hush()
        self.messages, self.output = MessageArea(self.lang), widgets.Output()
        self.guard = Guard(self.messages, self.output, self.hush)
        self._build()
        self._relabel()

    def _build(self) -> None:
        self._titles = {name: widgets.HTML() for name in _TITLES}
        self.contact, self.ladder, self.scams, self.verdict = (widgets.HTML() for _ in range(4))
        self._note = widgets.HTML()
        self.glossary = glossary_widget("04_proposal", self.lang)
        self.drafts = {
            name: widgets.Textarea(layout=widgets.Layout(width="100%", height="24em"))
            for name in DRAFTS
        }
        self.tabs = widgets.Tab(children=[self.drafts[name] for name in DRAFTS])
        c = self.controls = {
            "lang": language_switch(self.lang),
            "case": self.picker.control,
            "refresh": self.picker.refresh,
            "lender": widgets.Dropdown(**_FIELD),
            "export": widgets.Button(layout=widgets.Layout(width="auto")),
            "monthly": widgets.Text(**_FIELD),
            "months": widgets.BoundedIntText(value=12, min=1, max=600, **_FIELD),
            "annual_rate": widgets.Text(**_FIELD),
            "down": widgets.Text(**_FIELD),
            "waive_penalty": widgets.Checkbox(indent=False),
            "waive_charges": widgets.Checkbox(indent=False),
            "evaluate": widgets.Button(
                button_style="primary", layout=widgets.Layout(width="auto")
            ),
        }
        c["lang"].observe(self.guard(self._on_language), "value")
        c["lender"].observe(self.guard(self._on_lender), "value")
        c["export"].on_click(self.guard(self._on_export))
        c["evaluate"].on_click(self.guard(self._on_evaluate))
        form = [c[n] for n in ("monthly", "months", "annual_rate", "down")]
        waives = [c["waive_penalty"], c["waive_charges"], c["evaluate"]]
        row = widgets.Layout(flex_flow="row wrap", align_items="center")
        t_ = self._titles
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
            c["export"],
            t_["offer"],
            widgets.HBox(form, layout=row),
            widgets.HBox(waives, layout=row),
            self.verdict,
            self.glossary,
        ]

    # ---- callbacks: read the controls, call one helper, write the results ----
    def _on_language(self, change: Any) -> None:
        self.lang = change.new
        self._relabel()

    def _on_lender(self, change: Any) -> None:
        self.show_lender(change.new)

    def _on_export(self, _button: Any) -> None:
        folder = self.export()
        self.messages.show(lambda lang: [t("ui.prop.exported", lang, folder=folder)], "ok")

    def _on_evaluate(self, _button: Any) -> None:
        c = self.controls
        try:
            self.evaluate(offer_terms(c["lender"].value, **{n: c[n].value for n in _FORM}))
        except OfferError as error:  # its fields named as the form names them
            self.messages.show(
                lambda lang, e=error: e.render(lang, label=_form_label).splitlines(), "error"
            )

    # ---- actions ----
    @property
    def debt_id(self) -> str | None:
        """The debt of the lender shown (None when the case has no lender to contact).

        >>> ProposalApp("zhang_wei_unemployed", lang="en").debt_id
        'd1'
        """
        return self.controls["lender"].value or None

    def show_lender(self, debt_id: str | None) -> None:
        """Show a lender: when and how to contact, its ladder and its drafts.

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
            lines = ladder_lines(fallback_ladder(case, debt_id), lang, as_of=case.as_of)
            self.ladder.value = _lines_html(lines)
            self.result = drafts_for(case, debt_id, lang)
        for name in DRAFTS:
            self.drafts[name].value = self.result.get(name, "")

    def export(self) -> str:
        """Write the lender's drafts into ``exports/<case>/<debt id>/``; the folder, as shown.

        >>> import tempfile
        >>> from pathlib import Path
        >>> from unittest import mock
        >>> with tempfile.TemporaryDirectory() as out, mock.patch.object(paths, "EXPORTS_DIR",
        ...                                                         Path(out)):
        ...     app = ProposalApp("zhang_wei_unemployed", lang="en")
        ...     folder = app.export()
        ...     sorted(p.name for p in (Path(out) / "zhang_wei_unemployed" / "d1").iterdir())[:2]
        ['application.docx', 'application.md']
        """
        name = self.picker.path.stem if self.picker.path else "case"
        (folder,) = write_drafts(self.case, (self.debt_id,), self.lang, paths.EXPORTS_DIR / name)
        return paths.shown_path(folder)

    def evaluate(self, terms: OfferTerms) -> None:
        """Evaluate a counter-offer and show the verdict, the reasons and what to answer.

        >>> app = ProposalApp("zhang_wei_unemployed", lang="en")
        >>> app.evaluate(OfferTerms("d1", months=24, monthly_fen=120_000))
        >>> app.evaluation.verdict.value
        'decline'
        """
        self.evaluation = evaluate_offer(self.case, terms)
        self.messages.clear()
        self._draw_verdict()

    # ---- showing ----
    def _draw_verdict(self) -> None:
        result, lang = self.evaluation, self.lang
        if result is None:
            self.verdict.value = ""
            return
        head = t("ui.prop.verdict", lang, verdict=verdict_label(result.verdict, lang))
        items = "".join(f"<li>{html.escape(r)}</li>" for r in reasons(result, lang))
        answer = html.escape(counter_proposal(result, lang))
        self.verdict.value = (
            f"<b>{html.escape(head)}</b><h5>{html.escape(t('ui.prop.reasons', lang))}</h5>"
            f"<ul>{items}</ul><h5>{html.escape(t('ui.prop.answer', lang))}</h5>"
            f"<div style='white-space:pre-wrap;border:1px solid #ccc;padding:0.5em'>{answer}</div>"
        )

    def _relabel(self) -> None:
        lang, c = self.lang, self.controls
        for name, widget in self._titles.items():
            tag = "h3" if name == "title" else "h4"
            widget.value = f"<{tag}>{html.escape(t(f'ui.prop.{name}', lang))}</{tag}>"
        note = html.escape(t("ui.prop.drafts_note", lang))
        self._note.value = f"<p style='color:#666666'>{note}</p>"
        for i, name in enumerate(DRAFTS):
            self.tabs.set_title(i, t(f"ui.prop.tab.{name}", lang))
        for name in ("lender", "monthly", "months", "annual_rate", "down", *_BUTTONS):
            c[name].description = t(f"ui.prop.{name}", lang)
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
        kept = self.evaluation  # the verdict outlives a language switch, in the new language
        self.show_lender(self.debt_id)
        self.evaluation = kept
        self._draw_verdict()

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
