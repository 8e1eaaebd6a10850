"""The scenario app (notebook 03): tune one arrangement with sliders and toggles, see it beside
the default scenarios, its dues against the money available, its cost over time, and the
recommendation; find the optimal allocation; choose a scenario and keep it in the case.

>>> from helpers.case import load_sample
>>> app = ScenarioApp(load_sample("li_na_illness"), lang="en")
>>> app.controls["term"].value = 24
>>> app.result.scenario.plans["d1"].term_months, app.result.metrics.max_scheduled_due_fen > 0
(24, True)
"""

from __future__ import annotations

import dataclasses
import html
import os

import ipywidgets as widgets
import plotly.graph_objects as go

from helpers import paths
from helpers.allocation import Policy
from helpers.budget import DEFAULT_HORIZON, monthly_budget
from helpers.case import Case, save_case
from helpers.charts import (
    cost_figure,
    dues_figure,
    html_table,
    label_axes,
    update_cost_figure,
    update_dues_figure,
)
from helpers.engine import monthly_totals
from helpers.errors import WorkbenchError
from helpers.i18n import t
from helpers.money import format_fen
from helpers.months import month_label, months_between
from helpers.optimize import optimal_schedule
from helpers.scenarios import (
    COMPARE_COLUMNS,
    KINDS,
    RATE_MODES,
    ScenarioResult,
    Tuning,
    build_scenario,
    compare,
    evaluate,
    recommend,
    result_cells,
    save_choice,
    scenario_to_data,
    unsecured_ids,
)
from helpers.ui.common import Hush, MessageArea, language_switch, open_case

__all__ = ["ScenarioApp", "scenario_app", "result_row", "TABLE_COLUMNS"]

TABLE_COLUMNS = COMPARE_COLUMNS[: COMPARE_COLUMNS.index("credit") + 1]  # the lenders' view aside
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


def result_row(result: ScenarioResult, lang: str) -> list[str]:
    """One scenario's cells for the comparison table, as text.

    >>> from helpers.case import load_sample
    >>> from helpers.scenarios import compare
    >>> result_row(compare(load_sample("li_na_illness")).result("status_quo"), "en")[:3]
    ['status quo', 'dearest first', 'CN¥85,575.62']
    """
    cells = result_cells(result, lang, money=lambda fen: format_fen(fen, lang))
    return [str(cell) for cell in cells[: len(TABLE_COLUMNS)]]


class ScenarioApp:
    """Tune an arrangement and compare it with the default scenarios.

    Attributes
    ----------
    controls : dict of widgets
        ``lang``, ``kind``, ``debts``, ``term``, ``rate_mode``, ``annual_rate``,
        ``monthly_fee_rate``, ``waive_penalty``, ``waive_charges``, ``waive_interest``,
        ``holiday_months``, ``low_months``, ``discount``, ``settlement_month``, ``policy``,
        ``optimise``, ``choose``.
    result : ScenarioResult
        The tuned scenario, evaluated.
    comparison : Comparison
        The default scenarios (computed once).
    dues_figure, cost_figure : plotly FigureWidget
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
        self.result: ScenarioResult | None = None
        self.optimal = None
        self.messages = MessageArea(self.lang)
        self.output = widgets.Output()
        self.summary, self.table, self.advice = widgets.HTML(), widgets.HTML(), widgets.HTML()
        self.controls = self._build_controls()
        self.dues_figure = go.FigureWidget(dues_figure(self.lang))
        self.cost_figure = self._build_cost_figure()
        self.view = self._layout()
        self._relabel()
        for control in self.controls.values():
            if not isinstance(control, widgets.Button):
                control.observe(self._on_change, names="value")
        self.controls["optimise"].on_click(self._on_optimise)
        self.controls["choose"].on_click(self._on_choose)
        self.update()

    # ---- building --------------------------------------------------------------------------
    def _build_controls(self) -> dict[str, widgets.Widget]:
        case = self.case
        debts = [("*", "*")] + [(f"{i} · {case.debt(i).lender}", i) for i in unsecured_ids(case)]
        return {
            "lang": language_switch(self.lang),
            "kind": widgets.ToggleButtons(options=[(k, k) for k in KINDS], value="reinstalment"),
            "debts": widgets.Dropdown(options=debts, value="*"),
            "term": widgets.IntSlider(value=24, min=1, max=60, **_slider()),
            "rate_mode": widgets.Dropdown(options=[(m, m) for m in RATE_MODES], value="contract"),
            "annual_rate": widgets.FloatSlider(
                value=0.06, min=0, max=0.36, step=0.005, readout_format=".1%", **_slider()
            ),
            "monthly_fee_rate": widgets.FloatSlider(
                value=0.005, min=0, max=0.02, step=0.0005, readout_format=".2%", **_slider()
            ),
            "waive_penalty": widgets.Checkbox(value=True),
            "waive_charges": widgets.Checkbox(value=True),
            "waive_interest": widgets.FloatSlider(
                value=0.0, min=0, max=1, step=0.05, readout_format=".0%", **_slider()
            ),
            "holiday_months": widgets.IntSlider(value=0, min=0, max=12, **_slider()),
            "low_months": widgets.IntSlider(
                value=self._default_low_months(), min=1, max=36, **_slider()
            ),
            "discount": widgets.FloatSlider(
                value=0.3, min=0, max=0.7, step=0.05, readout_format=".0%", **_slider()
            ),
            "settlement_month": widgets.IntSlider(
                value=0, min=0, max=self.horizon - 1, **_slider()
            ),
            "policy": widgets.Dropdown(
                options=[(p.value, p.value) for p in Policy], value=Policy.AVALANCHE.value
            ),
            "optimise": widgets.Button(icon="calculator", layout=widgets.Layout(width="auto")),
            "choose": widgets.Button(
                icon="check", button_style="success", layout=widgets.Layout(width="auto")
            ),
        }

    def _default_low_months(self) -> int:
        recovery = self.case.hardship.expected_recovery if self.case.hardship else None
        if not recovery:
            return 12
        return max(1, min(36, months_between(month_label(self.case.as_of), recovery)))

    def _build_cost_figure(self) -> go.FigureWidget:
        months = self.comparison.results[0].projection.months
        series = {
            r.scenario.title(self.lang): monthly_totals(r.projection)["cost"]
            for r in self.comparison.results
        }
        return go.FigureWidget(cost_figure(self.lang, series, months))

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
            c["policy"].options = [(t(f"policy.{p.value}", lang), p.value) for p in Policy]
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
            self.cost_figure.layout.title.text = t("chart.cost_title", lang)
            label_axes(self.cost_figure, lang)
            for trace, result in zip(self.cost_figure.data, self.comparison.results, strict=False):
                trace.name = result.scenario.title(lang)
            self.cost_figure.data[-1].name = t("chart.custom", lang)
        self._static_rows = [result_row(r, lang) for r in self.comparison.results]

    def _visibility(self) -> None:
        kind, mode = self.controls["kind"].value, self.controls["rate_mode"].value
        shown = {
            "term": kind in ("reinstalment", "step_up", "holiday"),
            "rate_mode": kind in ("reinstalment", "step_up", "holiday"),
            "annual_rate": kind in ("reinstalment", "step_up") and mode == "annual",
            "monthly_fee_rate": kind == "reinstalment" and mode == "monthly_fee",
            "holiday_months": kind in ("reinstalment", "holiday"),
            "low_months": kind == "step_up",
            "discount": kind == "settlement",
            "settlement_month": kind == "settlement",
        }
        for name, visible in shown.items():
            self.controls[name].layout.display = None if visible else "none"

    # ---- callbacks -------------------------------------------------------------------------
    def tuning(self) -> Tuning:
        """The tuning the controls describe.

        >>> from helpers.case import load_sample
        >>> app = ScenarioApp(load_sample("li_na_illness"), lang="en")
        >>> app.controls["kind"].value = "settlement"
        >>> app.tuning().kind, app.tuning().settlement_discount
        ('settlement', 0.3)
        """
        c = self.controls
        return Tuning(
            kind=c["kind"].value,
            debts=c["debts"].value,
            term_months=c["term"].value,
            rate_mode=c["rate_mode"].value,
            annual_rate=c["annual_rate"].value,
            monthly_fee_rate=c["monthly_fee_rate"].value,
            waive_penalty=c["waive_penalty"].value,
            waive_charges=c["waive_charges"].value,
            waive_interest_share=c["waive_interest"].value,
            holiday_months=c["holiday_months"].value,
            low_months=c["low_months"].value,
            settlement_discount=c["discount"].value,
            settlement_month=c["settlement_month"].value,
            policy=Policy(c["policy"].value),
        )

    def _on_change(self, change: dict) -> None:
        if self.hush:
            return
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
        with self.output:
            try:
                self._visibility()
                scenario = build_scenario(self.case, self.tuning(), horizon=self.horizon)
                scenario = dataclasses.replace(scenario, means_fen=tuple(self.means))
                self.result = evaluate(
                    self.case,
                    scenario,
                    horizon=self.horizon,
                    discount_rate=self.comparison.discount_rate,
                )
                self._draw()
            except WorkbenchError as exc:
                self.messages.show(lambda lang, exc=exc: [exc.render(lang)], "error")

    def _draw(self) -> None:
        result, lang = self.result, self.lang
        totals = monthly_totals(result.projection)
        months = result.projection.months
        with self.dues_figure.batch_update():
            update_dues_figure(self.dues_figure, months, totals)
        with self.cost_figure.batch_update():
            update_cost_figure(self.cost_figure, months, totals["cost"])
        header = [t(f"compare.col_{c}", lang) for c in TABLE_COLUMNS]
        rows = [*self._static_rows, result_row(result, lang)]
        self.table.value = html_table(
            header, rows, right=_NUMBERS, wrap=_WRAPS, row_styles=self._row_styles
        )
        m = result.metrics
        self.summary.value = html.escape(
            t(
                "ui.scen.summary_feasible" if result.feasible else "ui.scen.summary_short",
                lang,
                largest=format_fen(m.max_scheduled_due_fen, lang),
                paid=format_fen(m.total_paid_fen, lang),
                months=m.months_to_clear or "—",
                short=m.shortfall_months,
            )
        )
        name, key, params = recommend([*self.comparison.results, result])
        title = next(
            r.scenario.title(lang)
            for r in [*self.comparison.results, result]
            if r.scenario.name == name
        )
        self.advice.value = f"<b>{html.escape(t(key, lang, name=title, **params))}</b>"

    def _on_optimise(self, _button: widgets.Button) -> None:
        with self.output:
            try:
                self.optimal = optimal_schedule(
                    self.case,
                    self.result.scenario.plan_map,
                    horizon=self.horizon,
                    means_fen=self.means,
                )
                self.messages.show(lambda lang: [self.optimal.text(lang)], "ok")
            except WorkbenchError as exc:
                self.messages.show(lambda lang, exc=exc: [exc.render(lang)], "error")

    def _on_choose(self, _button: widgets.Button) -> None:
        with self.output:
            try:
                if self.path is None:  # a case given as an object: keep it as a new case
                    target, copied = paths.new_case_path(), False
                    chosen = scenario_to_data(self.result.scenario)
                    save_case(self.case.model_copy(update={"chosen_scenario": chosen}), target)
                else:
                    target, copied = save_choice(self.path, self.result.scenario)
                keys = ["ui.scen.copied"] if copied else []
                self.messages.show(
                    lambda lang: [t(k, lang, target=target) for k in [*keys, "ui.scen.saved"]],
                    "ok",
                )
            except WorkbenchError as exc:
                self.messages.show(lambda lang, exc=exc: [exc.render(lang)], "error")
            except OSError as exc:
                self.messages.show(lambda _lang, exc=exc: [str(exc)], "error")

    def _repr_mimebundle_(self, **kwargs):
        # a figure filled after it became a widget sends its data only when displayed itself:
        # push it into the widget state, or a page that loads the state later (Voila, a
        # reloaded JupyterLab page) gets empty figures
        for figure in (self.dues_figure, self.cost_figure):
            figure._repr_mimebundle_()
        return self.view._repr_mimebundle_(**kwargs)


def scenario_app(source: Case | str | os.PathLike[str], lang: str | None = None) -> ScenarioApp:
    """Build the scenario app for a case, a case file or a sample's name.

    >>> scenario_app("li_na_illness", "zh-CN").controls["term"].description
    '期数（月）'
    """
    return ScenarioApp(source, lang=lang)
