"""The journal's form in notebook 05: one contact (or a payment) as the borrower types it, read
into a :class:`helpers.journal.Entry`; its problems named by the form's labels.

>>> from helpers.case import load_sample
>>> form = EntryForm(load_sample(), "en")
>>> form.controls["when"].value = "2025-04-02 10:15"
>>> form.controls["summary"].value = "asked for 24 instalments"
>>> entry = form.entry()
>>> entry.lender, entry.channel.value, entry.summary
('招商银行', 'hotline', 'asked for 24 instalments')
"""

from __future__ import annotations

from datetime import datetime

import ipywidgets as widgets

from helpers.case import Case
from helpers.i18n import label, t
from helpers.journal import ContactChannel, Entry, Initiator, Outcome, Party, Promise, ThirdParty
from helpers.money import parse_amount

__all__ = ["ENTRY_FIELDS", "EntryForm", "entry_label"]

# the form's fields, in the order shown
ENTRY_FIELDS = (
    "when",
    "debt",
    "channel",
    "initiator",
    "agent_id",
    "outcome",
    "paid",
    "summary",
    "promise_by",
    "promise_what",
    "promise_amount",
    "promise_due",
    "next_step",
    "next_date",
    "third_parties",
    "threats",
    "insults",
)
# an entry's field (as its problems name it) → the form's
_ENTRY_FIELD = {
    "debt_id": "debt",
    "paid_fen": "paid",
    "promises[0].by": "promise_by",
    "promises[0].what": "promise_what",
    "promises[0].amount_fen": "promise_amount",
    "promises[0].due": "promise_due",
}
_WIDE = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="auto")}


def entry_label(key: str, lang: str, near: str | None = None) -> str:
    """An entry's field as the form names it.

    >>> entry_label("paid_fen", "zh-CN"), entry_label("promises[0].due", "en")
    ('还款金额（元）', 'promised by (YYYY-MM-DD)')
    """
    field = _ENTRY_FIELD.get(key, key)
    if field.startswith("third_parties"):
        field = "third_parties"
    return t(f"ui.track.field.{field}", lang) if field in ENTRY_FIELDS else key


class EntryForm:
    """The form: its controls, the entry they hold, relabelled by language.

    Attributes
    ----------
    controls : dict of widgets
        The fields of :data:`ENTRY_FIELDS` and the ``add`` button.
    widget : ipywidgets.VBox
    """

    def __init__(self, case: Case, lang: str):
        self.case = case
        c = self.controls = {
            "when": widgets.Text(**_WIDE),
            "debt": widgets.Dropdown(**_WIDE),
            "channel": widgets.Dropdown(**_WIDE),
            "initiator": widgets.Dropdown(**_WIDE),
            "agent_id": widgets.Text(**_WIDE),
            "outcome": widgets.Dropdown(**_WIDE),
            "paid": widgets.Text(**_WIDE),
            "summary": widgets.Textarea(layout=widgets.Layout(width="100%", height="4.5em")),
            "promise_by": widgets.Dropdown(**_WIDE),
            "promise_what": widgets.Text(**_WIDE),
            "promise_amount": widgets.Text(**_WIDE),
            "promise_due": widgets.Text(**_WIDE),
            "next_step": widgets.Text(**_WIDE),
            "next_date": widgets.Text(**_WIDE),
            "third_parties": widgets.SelectMultiple(rows=3, **_WIDE),
            "threats": widgets.Checkbox(indent=False),
            "insults": widgets.Checkbox(indent=False),
            "add": widgets.Button(button_style="primary", layout=widgets.Layout(width="auto")),
        }
        self._summary_label = widgets.HTML()
        row = widgets.Layout(flex_flow="row wrap", align_items="center")
        self.widget = widgets.VBox(
            [
                widgets.HBox([c[n] for n in ENTRY_FIELDS[:7]], layout=row),
                self._summary_label,
                c["summary"],
                widgets.HBox([c[n] for n in ENTRY_FIELDS[8:14]], layout=row),
                widgets.HBox([c[n] for n in ENTRY_FIELDS[14:]] + [c["add"]], layout=row),
            ]
        )
        self.clear()
        self.relabel(lang)

    def clear(self) -> None:
        """Empty the form for the next entry (the time set to now; the lender kept).

        >>> from helpers.case import load_sample
        >>> form = EntryForm(load_sample(), "en")
        >>> form.controls["summary"].value = "x"; form.clear(); form.controls["summary"].value
        ''
        """
        c = self.controls
        c["when"].value = datetime.now().strftime("%Y-%m-%d %H:%M")
        for name in ("agent_id", "paid", "summary", "promise_what", "promise_amount"):
            c[name].value = ""
        for name in ("promise_due", "next_step", "next_date"):
            c[name].value = ""
        c["third_parties"].value = ()
        c["threats"].value = c["insults"].value = False

    def entry(self) -> Entry:
        """The entry the form holds; a :class:`helpers.journal.JournalError` (or an amount's
        error) naming each field that is wrong.

        >>> from helpers.case import load_sample
        >>> form = EntryForm(load_sample(), "en")
        >>> form.controls["channel"].value = "payment"
        >>> form.controls["paid"].value = "1,200"
        >>> form.entry().paid_fen
        120000
        """
        c = self.controls
        debt = self.case.debt(c["debt"].value)
        promises = []
        if c["promise_what"].value.strip():
            amount = c["promise_amount"].value.strip()
            promises.append(
                Promise(
                    c["promise_by"].value,
                    c["promise_what"].value,
                    parse_amount(amount) if amount else None,
                    c["promise_due"].value.strip() or None,
                )
            )
        paid = c["paid"].value.strip()
        return Entry(
            when=c["when"].value.strip(),
            debt_id=debt.id,
            lender=debt.lender,
            channel=c["channel"].value,
            initiator=c["initiator"].value,
            agent_id=c["agent_id"].value,
            summary=c["summary"].value,
            promises=promises,
            next_step=c["next_step"].value,
            next_date=c["next_date"].value.strip() or None,
            outcome=c["outcome"].value or None,
            third_parties=list(c["third_parties"].value),
            threats=c["threats"].value,
            insults=c["insults"].value,
            paid_fen=parse_amount(paid) if paid else None,
        )

    def relabel(self, lang: str) -> None:
        """Name the fields and their choices in ``lang`` (the values chosen are kept).

        >>> from helpers.case import load_sample
        >>> form = EntryForm(load_sample(), "en")
        >>> form.relabel("zh-CN")
        >>> form.controls["add"].description, form.controls["channel"].label
        ('记下这次联系', '客服热线')
        """
        c = self.controls
        for name in ENTRY_FIELDS:
            if name != "summary":
                c[name].description = t(f"ui.track.field.{name}", lang)
        self._summary_label.value = f"<b>{t('ui.track.field.summary', lang)}</b>"
        c["add"].description = t("ui.track.add", lang)
        choices = {
            "channel": [(label("journal.channel", k, lang), k.value) for k in ContactChannel],
            "initiator": [(label("journal.initiator", k, lang), k.value) for k in Initiator],
            "promise_by": [(label("journal.party", k, lang), k.value) for k in Party],
            "outcome": [(t("ui.track.no_outcome", lang), "")]
            + [(label("journal.outcome", k, lang), k.value) for k in Outcome],
            "third_parties": [
                (label("journal.third_party", k, lang), k.value) for k in ThirdParty
            ],
            "debt": [(f"{d.lender} ({d.id})", d.id) for d in self.case.debts],
        }
        for name, options in choices.items():
            control = c[name]
            kept = control.value
            control.options = options
            values = [value for _, value in options]
            if name == "third_parties":
                control.value = tuple(v for v in kept if v in values)
            else:
                control.value = kept if kept in values else values[0]
