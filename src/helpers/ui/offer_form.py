"""The counter-offer form of the proposal app (notebook 04): a lender's offer as typed (a monthly
amount, a term, an annual rate or a monthly fee rate, a down payment, what is waived), read into
:class:`helpers.offers.OfferTerms`, and the verdict shown with its reasons and what to answer.

>>> form = OfferForm("en")
>>> form.controls["monthly"].value, form.controls["months"].value = "1,300", 24
>>> form.terms("d1").monthly_fen, form.controls["fee_rate"].description
(130000, 'monthly fee rate (%; may be empty)')
"""

from __future__ import annotations

import html
from decimal import Decimal, InvalidOperation

import ipywidgets as widgets

from helpers.errors import Problem
from helpers.i18n import t
from helpers.money import parse_amount
from helpers.offers import (
    OfferError,
    OfferEvaluation,
    OfferTerms,
    counter_proposal,
    reasons,
    verdict_label,
)

__all__ = ["FORM_FIELDS", "OfferForm", "form_label", "offer_terms"]

# The form's fields, in the order shown; ``fee_rate`` is the offer's monthly fee rate.
FORM_FIELDS = ("monthly", "months", "annual_rate", "fee_rate", "down")
# The offer's field names (as its problems name them) → the form's.
_OFFER_FIELD = {"monthly_fen": "monthly", "monthly_fee_rate": "fee_rate", "down_payment": "down"}
_FIELD = {"style": {"description_width": "initial"}, "layout": widgets.Layout(width="auto")}


def _percent(text: str, field: str) -> float | None:
    """A rate written in percent ("3.6", "3.6%"), as a fraction; None when empty."""
    text = text.strip().rstrip("%％").strip()
    if not text:
        return None
    try:
        return float(Decimal(text) / 100)
    except InvalidOperation:
        raise OfferError([Problem(field, text, "ui.prop.not_percent")]) from None


def offer_terms(
    debt_id: str,
    *,
    monthly: str,
    months: int,
    annual_rate: str = "",
    fee_rate: str = "",
    down: str = "",
    waive_penalty: bool = False,
    waive_charges: bool = False,
) -> OfferTerms:
    """An offer as the form holds it (amounts and rates in percent, as typed), read into terms.

    >>> offer_terms("d1", monthly="1,200", months=24, annual_rate="3.6%").annual_rate
    0.036
    >>> offer_terms("d1", monthly="", months=12, fee_rate="0.6", down="5千").monthly_fee_rate
    0.006
    """
    return OfferTerms(
        debt_id,
        months=months,
        monthly_fen=parse_amount(monthly) if monthly.strip() else None,
        annual_rate=_percent(annual_rate, "annual_rate"),
        monthly_fee_rate=_percent(fee_rate, "monthly_fee_rate"),
        down_payment_fen=parse_amount(down) if down.strip() else 0,
        waive_penalty=waive_penalty,
        waive_charges=waive_charges,
    )


def form_label(key: str, lang: str, near: str | None = None) -> str:
    """An offer's field as the form names it (the field itself where the form has none).

    >>> form_label("monthly_fee_rate", "zh-CN"), form_label("waive", "en")
    ('月手续费率', 'waive')
    """
    field = _OFFER_FIELD.get(key, key)
    return t(f"ui.prop.field.{field}", lang) if field in FORM_FIELDS else key


class OfferForm:
    """The counter-offer form: its controls, the terms they hold, the verdict shown.

    Attributes
    ----------
    controls : dict of widgets
        The fields of :data:`FORM_FIELDS`, ``waive_penalty``, ``waive_charges``, ``evaluate``.
    verdict : ipywidgets.HTML
    widget : ipywidgets.VBox
        The form as shown.
    """

    def __init__(self, lang: str):
        c = self.controls = {
            "monthly": widgets.Text(**_FIELD),
            "months": widgets.BoundedIntText(value=12, min=1, max=600, **_FIELD),
            "annual_rate": widgets.Text(**_FIELD),
            "fee_rate": widgets.Text(**_FIELD),
            "down": widgets.Text(**_FIELD),
            "waive_penalty": widgets.Checkbox(indent=False),
            "waive_charges": widgets.Checkbox(indent=False),
            "evaluate": widgets.Button(
                button_style="primary", layout=widgets.Layout(width="auto")
            ),
        }
        self.verdict = widgets.HTML()
        row = widgets.Layout(flex_flow="row wrap", align_items="center")
        fields = widgets.HBox([c[n] for n in FORM_FIELDS], layout=row)
        ticks = widgets.HBox([c["waive_penalty"], c["waive_charges"], c["evaluate"]], layout=row)
        self.widget = widgets.VBox([fields, ticks, self.verdict])
        self.relabel(lang)

    def terms(self, debt_id: str) -> OfferTerms:
        """The offer the form holds, for ``debt_id``'s lender.

        >>> form = OfferForm("zh-CN")
        >>> form.controls["annual_rate"].value = "abc"
        >>> form.terms("d1")  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        ...
        helpers.offers.terms.OfferError: annual_rate: 'abc' is not a percentage; write a number ...
        """
        c = self.controls
        fields = {n: c[n].value for n in (*FORM_FIELDS, "waive_penalty", "waive_charges")}
        return offer_terms(debt_id, **fields)

    def show(self, evaluation: OfferEvaluation | None, lang: str) -> None:
        """Show a verdict, its reasons and the answer to send (nothing for None).

        >>> form = OfferForm("en")
        >>> form.show(None, "en")
        >>> form.verdict.value
        ''
        """
        if evaluation is None:
            self.verdict.value = ""
            return
        head = t("ui.prop.verdict", lang, verdict=verdict_label(evaluation.verdict, lang))
        items = "".join(f"<li>{html.escape(r)}</li>" for r in reasons(evaluation, lang))
        answer = html.escape(counter_proposal(evaluation, lang))
        self.verdict.value = (
            f"<b>{html.escape(head)}</b><h5>{html.escape(t('ui.prop.reasons', lang))}</h5>"
            f"<ul>{items}</ul><h5>{html.escape(t('ui.prop.answer', lang))}</h5>"
            f"<div style='white-space:pre-wrap;border:1px solid #ccc;padding:0.5em'>{answer}</div>"
        )

    def relabel(self, lang: str) -> None:
        """Name the fields in ``lang``.

        >>> form = OfferForm("en")
        >>> form.relabel("zh-CN")
        >>> form.controls["evaluate"].description
        '评估这个还价'
        """
        for name, control in self.controls.items():
            control.description = t(f"ui.prop.{name}", lang)
