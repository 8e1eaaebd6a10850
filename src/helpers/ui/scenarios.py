"""The scenario app (notebook 03): tune one arrangement with sliders and toggles, see it beside
the default scenarios, its dues against the money available, its cost over time, and the
recommendation; find the optimal allocation; choose a scenario and keep it in the case.

What the app decides lives in :mod:`helpers.scenarios` and is tested without widgets: the
settings each kind uses (:func:`~helpers.scenarios.visible_fields`), the tuned scenario built,
evaluated and set beside the default ones with the recommendation
(:func:`~helpers.scenarios.tune`), and where a choice is kept
(:func:`~helpers.scenarios.keep_choice`). The app reads its controls into a
:class:`~helpers.scenarios.Tuning` and writes what those give.

>>> from helpers.case import load_sample
>>> app = ScenarioApp(load_sample("li_na_illness"), lang="en")
>>> app.controls["term"].value = 24
>>> app.result.scenario.plans["d1"].term_months, app.result.metrics.max_scheduled_due_fen > 0
(24, True)
"""

from __future__ import annotations

import html
import os
from functools import partial

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers.allocation import Policy
from helpers.budget import DEFAULT_HORIZON, monthly_budget
from helpers.case import Case, remember_case
from helpers.charts import (
    cost_figure,
    dues_figure,
    html_table,
    label_axes,
    update_cost_figure,
    update_dues_figure,
)
from helpers.engine import monthly_totals
from helpers.i18n import t
from helpers.optimize import optimal_schedule
from helpers.scenarios import (
    KINDS,
    RATE_MODES,
    TABLE_COLUMNS,
    ScenarioResult,
    Tuned,
    Tuning,
    choice_lines,
    compare,
    default_low_months,
    keep_choice,
    result_row,
    table_header,
    tune,
    unsecured_ids,
    visible_fields,
)
from helpers.ui.common import Guard, Hush, MessageArea, language_switch, open_case
from helpers.ui.figures import figure_widget

__all__ = ["ScenarioApp", "scenario_app", "CONTROL_FIELDS", "TABLE_COLUMNS", "result_row"]

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
_NUMBERS = [c not in ("scenario", "policy", "feasible", "credit") for c in TABLE_COLUMNS]
_WRAPS = [c in ("scenario", "credit") for c in TABLE_COLUMNS]
_RECOMMENDED, _TUNED = "font-weight:bold", "background:#fff3cd"


def _slider() -> dict:
    """Common slider settings, with a fresh layout each (hiding one must hide only it)."""
    return {
        "continuous_update": False,
        "style": {"description_width": "13em"},
        "layout": widgets.Layout(width="34em"),
    }


def _rate_slider(value: float, top: float, step: float, readout: str) -> widgets.FloatSlider:
    """A slider from 0 to ``top`` for a rate or a share, read out as a percentage."""
    return widgets.FloatSlider(
        value=value, min=0, max=top, step=step, readout_format=readout, **_slider()
    )


class ScenarioApp:
    """Tune an arrangement and compare it with the default scenarios.

    Attributes
    ----------
    controls : dict of widgets
        ``lang``, ``kind``, ``debts``, ``term``, ``rate_mode``, ``annual_rate``,
        ``monthly_fee_rate``, ``waive_penalty``, ``waive_charges``, ``waive_interest``,
        ``holiday_months``, ``low_months``, ``discount``, ``settlement_month``, ``policy``,
        ``optimise``, ``choose``.
    tuned : Tuned
        The tuned scenario evaluated beside the default ones, and the recommendation
        (:func:`helpers.scenarios.tune`).
    result : ScenarioResult
        The tuned scenario, evaluated (``tuned.result``).
    comparison : Comparison
        The default scenarios (computed once).
    dues_figure, cost_figure : plotly FigureWidget
    messages, guard : MessageArea, Guard
        What the app says, and where its callbacks run (:class:`helpers.ui.common.Guard`).
    """

    def __init__(
        self,
        source: Case | str | os.PathLike[str],
        *,
        lang: str | None = None,
        horizon: int = DEFAULT_HORIZON,
    ) -> None:
        self.path, self.case = open_case(source)
        self.lang = lang or self.case.language
        self.horizon = horizon
        self.hush = Hush()
        self.means = monthly_budget(self.case, horizon=horizon).available_fen
        self.comparison = compare(self.case, horizon=horizon)
        self._row_styles = [
            _RECOMMENDED if r.scenario.name == self.comparison.recommended else ""
            for r in self.comparison.results
        ] + [_TUNED]
        self.tuned: Tuned | None = None
        self.optimal = None
        self.messages = MessageArea(self.lang)
        self.output = widgets.Output()
        self.guard = Guard(self.messages, self.output, self.hush)
        self.summary, self.table, self.advice = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.controls = self._build_controls()
        self.dues_figure = figure_widget(dues_figure(self.lang))
        self.cost_figure = self._build_cost_figure()
        self.view = self._layout()
        self._relabel()
        for control in self.controls.values():
            if not isinstance(control, widgets.Button):
                control.observe(self.guard(self._on_change), names="value")
        self.controls["optimise"].on_click(self.guard(self._on_optimise))
        self.controls["choose"].on_click(self.guard(self._on_choose))
        with self.guard:
            self.update()

    # ---- building --------------------------------------------------------------------------
    def _build_controls(self) -> dict[str, widgets.Widget]:
        case, start = self.case, Tuning()
        debts = [("*", "*")] + [(f"{i} · {case.debt(i).lender}", i) for i in unsecured_ids(case)]
        return {
            "lang": language_switch(self.lang),
            "kind": widgets.ToggleButtons(options=[(k, k) for k in KINDS], value=start.kind),
            "debts": widgets.Dropdown(options=debts, value=start.debts),
            "term": widgets.IntSlider(value=start.term_months, min=1, max=60, **_slider()),
            "rate_mode": widgets.Dropdown(
                options=[(m, m) for m in RATE_MODES], value=start.rate_mode
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
                value=start.settlement_month, min=0, max=self.horizon - 1, **_slider()
            ),
            "policy": widgets.Dropdown(
                options=[(p.value, p.value) for p in Policy], value=start.policy.value
            ),
            "optimise": widgets.Button(icon="calculator", layout=widgets.Layout(width="auto")),
            "choose": widgets.Button(
                icon="check", button_style="success", layout=widgets.Layout(width="auto")
            ),
        }

    def _build_cost_figure(self) -> go.FigureWidget:
        months = self.comparison.results[0].projection.months
        series = {
            r.scenario.title(self.lang): monthly_totals(r.projection)["cost"]
            for r in self.comparison.results
        }
        return figure_widget(cost_figure(self.lang, series, months))

    def _layout(self) -> widgets.Widget:
        c = self.controls
        tuning = widgets.VBox(
            [
                c["kind"],
                c["debts"],
                c["term"],
                c["rate_mode"],
                c["annual_rate"],
                c["monthly_fee_rate"],
                widgets.HBox([c["waive_penalty"], c["waive_charges"]]),
                c["waive_interest"],
                c["holiday_months"],
                c["low_months"],
                c["discount"],
                c["settlement_month"],
                c["policy"],
                widgets.HBox([c["optimise"], c["choose"]]),
            ]
        )
        top = widgets.HBox([tuning, widgets.VBox([self.summary, self.advice])])
        return widgets.VBox(
            [
                c["lang"],
                top,
                self.messages.widget,
                self.table,
                self.dues_figure,
                self.cost_figure,
                self.output,
            ]
        )

    # ---- language --------------------------------------------------------------------------
    def _relabel(self) -> None:
        lang, c = self.lang, self.controls
        with self.hush:
            c["kind"].options = [(t(f"ui.scen.kind.{k}", lang), k) for k in KINDS]
            c["rate_mode"].options = [(t(f"ui.scen.rate.{m}", lang), m) for m in RATE_MODES]
            c["policy"].options = [
                (t(f"allocation.policy.{p.value}", lang), p.value) for p in Policy
            ]
            c["debts"].options = [(t("ui.scen.all_debts", lang), "*")] + list(
                c["debts"].options[1:]
            )
        for name in (
            "debts",
            "term",
            "rate_mode",
            "annual_rate",
            "monthly_fee_rate",
            "waive_penalty",
            "waive_charges",
            "waive_interest",
            "holiday_months",
            "low_months",
            "discount",
            "settlement_month",
            "policy",
            "optimise",
            "choose",
        ):
            c[name].description = t(f"ui.scen.{name}", lang)
        self.messages.set_language(lang)
        for fig, builder in ((self.dues_figure, dues_figure(lang)),):
            with fig.batch_update():
                fig.layout.title.text = builder.layout.title.text
                for trace, fresh in zip(fig.data, builder.data, strict=True):
                    trace.name = fresh.name
                label_axes(fig, lang)
        with self.cost_figure.batch_update():
            self.cost_figure.layout.title.text = t("charts.cost_title", lang)
            label_axes(self.cost_figure, lang)
            for trace, result in zip(self.cost_figure.data, self.comparison.results, strict=False):
                trace.name = result.scenario.title(lang)
            self.cost_figure.data[-1].name = t("charts.custom", lang)
        self._static_rows = [result_row(r, lang) for r in self.comparison.results]

    def _show_fields(self, shown: frozenset[str]) -> None:
        """Show the controls of the settings in ``shown``; hide the others."""
        for name, field in CONTROL_FIELDS.items():
            self.controls[name].layout.display = None if field in shown else "none"

    # ---- callbacks -------------------------------------------------------------------------
    def tuning(self) -> Tuning:
        """The tuning the controls describe.

        >>> from helpers.case import load_sample
        >>> app = ScenarioApp(load_sample("li_na_illness"), lang="en")
        >>> app.controls["kind"].value = "settlement"
        >>> app.tuning().kind, app.tuning().settlement_discount
        ('settlement', 0.3)
        """
        values = {field: self.controls[name].value for name, field in CONTROL_FIELDS.items()}
        return Tuning(**{**values, "policy": Policy(values["policy"])})

    @property
    def result(self) -> ScenarioResult | None:
        """The tuned scenario, evaluated (None until it first is).

        >>> from helpers.case import load_sample
        >>> app = ScenarioApp(load_sample("li_na_illness"), lang="en")
        >>> app.controls["term"].value = 36
        >>> app.result.scenario.plans["d2"].term_months
        36
        """
        return self.tuned.result if self.tuned else None

    def _on_change(self, change: dict) -> None:
        if change["owner"] is self.controls["lang"]:
            self.lang = change["new"]
            self._relabel()
        self.update()

    def update(self) -> None:
        """Re-evaluate the tuned scenario and redraw (what every control change does).

        >>> from helpers.case import load_sample
        >>> app = ScenarioApp(load_sample("li_na_illness"), lang="en")
        >>> app.update(); app.result.scenario.name
        'custom'
        """
        tuning = self.tuning()
        self._show_fields(visible_fields(tuning.kind, tuning.rate_mode))
        self.tuned = tune(
            self.case, tuning, self.comparison, means_fen=self.means, horizon=self.horizon
        )
        self._draw()

    def _draw(self) -> None:
        tuned, lang = self.tuned, self.lang
        totals, months = monthly_totals(tuned.result.projection), tuned.result.projection.months
        with self.dues_figure.batch_update():
            update_dues_figure(self.dues_figure, months, totals)
        with self.cost_figure.batch_update():
            update_cost_figure(self.cost_figure, months, totals["cost"])
        rows = [*self._static_rows, tuned.row(lang)]
        self.table.value = html_table(
            table_header(lang), rows, right=_NUMBERS, wrap=_WRAPS, row_styles=self._row_styles
        )
        self.summary.value = html.escape(tuned.summary(lang))
        self.advice.value = f"<b>{html.escape(tuned.advice(lang))}</b>"

    def _on_optimise(self, _button: widgets.Button) -> None:
        plans = self.result.scenario.plan_map
        self.optimal = optimal_schedule(
            self.case, plans, horizon=self.horizon, means_fen=self.means
        )
        self.messages.show(lambda lang, optimal=self.optimal: [optimal.text(lang)], "ok")

    def _on_choose(self, _button: widgets.Button) -> None:
        target, copied = keep_choice(self.path, self.case, self.result.scenario)
        remember_case(target)  # the case the next steps open
        self.messages.show(partial(choice_lines, target, copied), "ok")

    def _repr_mimebundle_(self, **kwargs):
        # the figures keep their state current themselves (helpers.ui.figures)
        return self.view._repr_mimebundle_(**kwargs)


def scenario_app(source: Case | str | os.PathLike[str], lang: str | None = None) -> ScenarioApp:
    """Build the scenario app for a case, a case file or a sample's name.

    >>> scenario_app("li_na_illness", "zh-CN").controls["term"].description
    '期数（月）'
    """
    return ScenarioApp(source, lang=lang)
