"""The tuning controls of the scenario app (notebook 03), each labelled in a column wide enough
for the longest label in either language, and the field of
:class:`~helpers.scenarios.Tuning` each sets.

>>> from helpers.case import load_sample
>>> controls = tuning_controls(load_sample("li_na_illness"), 60)
>>> controls["term"].value, controls["term"].style.description_width
(24, '14.5em')
"""

from __future__ import annotations

import ipywidgets as widgets

from helpers.allocation import Policy
from helpers.case import Case
from helpers.scenarios import KINDS, RATE_MODES, Tuning, default_low_months, unsecured_ids

__all__ = ["CONTROL_FIELDS", "tuning_controls"]

# each tuning control and the field of :class:`~helpers.scenarios.Tuning` it sets
CONTROL_FIELDS = {
    "kind": "kind",
    "debts": "debts",
    "term": "term_months",
    "rate_mode": "rate_mode",
    "annual_rate": "annual_rate",
    "monthly_fee_rate": "monthly_fee_rate",
    "waive_penalty": "waive_penalty",
    "waive_charges": "waive_charges",
    "waive_interest": "waive_interest_share",
    "holiday_months": "holiday_months",
    "low_months": "low_months",
    "discount": "settlement_discount",
    "settlement_month": "settlement_month",
    "policy": "policy",
}


def _labelled() -> dict:
    """A tuning control's look: its label in a column wide enough for the longest in either
    language, and a fresh layout each (hiding one must hide only it)."""
    return {"style": {"description_width": "14.5em"}, "layout": widgets.Layout(width="36em")}


def _slider() -> dict:
    """Common slider settings: labelled, and recomputed when the handle is let go."""
    return {"continuous_update": False, **_labelled()}


def _rate_slider(value: float, top: float, step: float, readout: str) -> widgets.FloatSlider:
    """A slider from 0 to ``top`` for a rate or a share, read out as a percentage."""
    return widgets.FloatSlider(
        value=value, min=0, max=top, step=step, readout_format=readout, **_slider()
    )


def tuning_controls(case: Case, horizon: int) -> dict[str, widgets.Widget]:
    """The controls that tune a scenario of ``case``, at :class:`Tuning`'s defaults, and the
    buttons: find the optimal allocation, choose, and confirm or cancel a choice the budget
    cannot carry. Labels are set by the app in its language.

    Which debts can Li Na's tuning apply to?

    >>> from helpers.case import load_sample
    >>> tuning_controls(load_sample("li_na_illness"), 60)["debts"].options[1:3]
    (('d1 · 中信银行', 'd1'), ('d2 · 微粒贷', 'd2'))
    """
    start = Tuning()
    debts = [("*", "*")] + [(f"{i} · {case.debt(i).lender}", i) for i in unsecured_ids(case)]
    return {
        "kind": widgets.ToggleButtons(options=[(k, k) for k in KINDS], value=start.kind),
        "debts": widgets.Dropdown(options=debts, value=start.debts, **_labelled()),
        "term": widgets.IntSlider(value=start.term_months, min=1, max=60, **_slider()),
        "rate_mode": widgets.Dropdown(
            options=[(m, m) for m in RATE_MODES], value=start.rate_mode, **_labelled()
        ),
        "annual_rate": _rate_slider(start.annual_rate, 0.36, 0.005, ".1%"),
        "monthly_fee_rate": _rate_slider(start.monthly_fee_rate, 0.02, 0.0005, ".2%"),
        "waive_penalty": widgets.Checkbox(value=start.waive_penalty),
        "waive_charges": widgets.Checkbox(value=start.waive_charges),
        "waive_interest": _rate_slider(start.waive_interest_share, 1, 0.05, ".0%"),
        "holiday_months": widgets.IntSlider(
            value=start.holiday_months, min=0, max=12, **_slider()
        ),
        "low_months": widgets.IntSlider(
            value=min(36, default_low_months(case)), min=1, max=36, **_slider()
        ),
        "discount": _rate_slider(start.settlement_discount, 0.7, 0.05, ".0%"),
        "settlement_month": widgets.IntSlider(
            value=start.settlement_month, min=0, max=horizon - 1, **_slider()
        ),
        "policy": widgets.Dropdown(
            options=[(p.value, p.value) for p in Policy],
            value=start.policy.value,
            **_labelled(),
        ),
        "optimise": widgets.Button(icon="calculator", layout=widgets.Layout(width="auto")),
        "choose": widgets.Button(
            icon="check", button_style="success", layout=widgets.Layout(width="auto")
        ),
        "confirm": widgets.Button(button_style="danger", layout=widgets.Layout(width="auto")),
        "cancel": widgets.Button(layout=widgets.Layout(width="auto")),
    }
