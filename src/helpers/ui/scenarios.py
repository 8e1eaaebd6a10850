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
from helpers.case import Case, load_case, remember_case
from helpers.charts import (
    cost_figure,
    dues_figure,
    html_table,
    label_axes,
    update_cost_figure,
    update_dues_figure,
)
from helpers.engine import monthly_totals
from helpers.glossary import explain
from helpers.i18n import t
from helpers.optimize import optimal_schedule
from helpers.paths import shown_path
from helpers.scenarios import (
    KINDS,
    RATE_MODES,
    TABLE_COLUMNS,
    ScenarioResult,
    Tuned,
    Tuning,
    choice_lines,
    chosen_sentence,
    compare,
    keep_choice,
    result_row,
    table_header,
    tune,
    visible_fields,
)
from helpers.ui.common import (
    Guard,
    Hush,
    MessageArea,
    language_switch,
    open_case,
    side_by_side,
    table_box,
)
from helpers.ui.figures import figure_widget
from helpers.ui.glossary import glossary_widget
from helpers.ui.picker import CasePicker, FollowsPicker, header
from helpers.ui.scenario_controls import CONTROL_FIELDS, tuning_controls

__all__ = ["ScenarioApp", "scenario_app", "CONTROL_FIELDS", "TABLE_COLUMNS", "result_row"]

_NUMBERS = [c not in ("scenario", "policy", "feasible", "credit") for c in TABLE_COLUMNS]
_WRAPS = [c in ("scenario", "credit") for c in TABLE_COLUMNS]
_RECOMMENDED, _TUNED = "font-weight:bold", "background:#fff3cd"


class ScenarioApp(FollowsPicker):
    """Tune an arrangement and compare it with the default scenarios.

    Attributes
    ----------
    controls : dict of widgets
        ``lang``, ``kind``, ``debts``, ``term``, ``rate_mode``, ``annual_rate``,
        ``monthly_fee_rate``, ``waive_penalty``, ``waive_charges``, ``waive_interest``,
        ``holiday_months``, ``low_months``, ``discount``, ``settlement_month``, ``policy``,
        ``optimise``, ``choose`` (asks first, with ``confirm`` and ``cancel``, when the
        budget cannot carry the scenario); ``case`` and ``refresh`` (the case picker).
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
        path, case = open_case(source)
        self.lang = lang or case.language
        self.horizon = horizon
        self.view = widgets.VBox()
        self.picker = CasePicker(path, self.lang)
        self._open(case)
        self.picker.on_pick(self._picked)

    @property
    def path(self):
        """The file of the case shown (None for a case that came from no file).

        >>> ScenarioApp("li_na_illness", lang="en").path.name
        'li_na_illness.yaml'
        """
        return self.picker.path

    def _open(self, case: Case) -> None:
        """Show ``case``: its default scenarios, and the tuning controls at their start."""
        self.case, horizon = case, self.horizon
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
        self._title = widgets.HTML()
        self.summary, self.table, self.advice = widgets.HTML(), table_box(), widgets.HTML()
        self.chosen, self.confirm_text = widgets.HTML(), widgets.HTML()
        self.glossary = glossary_widget("03_scenarios", self.lang)
        self.controls = self._build_controls()
        self.confirm = widgets.VBox(
            [self.confirm_text, widgets.HBox([self.controls["confirm"], self.controls["cancel"]])],
            layout=widgets.Layout(display="none", border="2px solid #b3261e", padding="0.5em"),
        )
        self.dues_figure = figure_widget(dues_figure(self.lang))
        self.cost_figure = self._build_cost_figure()
        self.view.children = self._layout()
        self._relabel()
        for control in self.controls.values():
            if not isinstance(control, widgets.Button):
                control.observe(self.guard(self._on_change), names="value")
        self.controls.update(case=self.picker.control, refresh=self.picker.refresh)
        self.controls["optimise"].on_click(self.guard(self._on_optimise))
        self.controls["choose"].on_click(self.guard(self._on_choose))
        self.controls["confirm"].on_click(self.guard(self._on_confirm))
        self.controls["cancel"].on_click(self.guard(lambda _button: self._ask(False)))
        with self.guard:
            self.update()

    # ---- building --------------------------------------------------------------------------
    def _build_controls(self) -> dict[str, widgets.Widget]:
        return {"lang": language_switch(self.lang), **tuning_controls(self.case, self.horizon)}

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
                self.confirm,
            ]
        )
        tuning.layout = widgets.Layout(flex="0 0 auto", margin="0 1.5em 0 0")
        said = widgets.VBox(
            [self.summary, self.advice, self.chosen], layout=widgets.Layout(flex="1 1 22em")
        )
        top = widgets.HBox([tuning, said], layout=widgets.Layout(flex_flow="row wrap"))
        return [
            header(self._title, self.picker, c["lang"]),
            top,
            self.messages.widget,
            self.table,
            side_by_side(self.dues_figure, self.cost_figure),
            self.output,
            self.glossary,
        ]

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
            "confirm",
            "cancel",
        ):
            c[name].description = t(f"ui.scen.{name}", lang)
        self._title.value = f"<h3>{html.escape(t('ui.scen.title', lang))}</h3>"
        self.chosen.value = f"<p>{html.escape(chosen_sentence(self.case, lang))}</p>"
        if self.tuned is not None:
            self.confirm_text.value = self._confirm_html(lang)
        self.picker.relabel(lang)
        self.messages.set_language(lang)
        self.glossary.relabel(lang)
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
        else:
            self._ask(False)  # a question about another scenario
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
        table = html_table(
            table_header(lang), rows, right=_NUMBERS, wrap=_WRAPS, row_styles=self._row_styles
        )
        self.table.value = explain(table, "03", lang)
        self.summary.value = html.escape(tuned.summary(lang))
        self.advice.value = explain(f"<b>{html.escape(tuned.advice(lang))}</b>", "03", lang)

    def _on_optimise(self, _button: widgets.Button) -> None:
        plans = self.result.scenario.plan_map
        self.optimal = optimal_schedule(
            self.case, plans, horizon=self.horizon, means_fen=self.means
        )
        self.messages.show(lambda lang, optimal=self.optimal: [optimal.text(lang)], "ok")

    def _on_choose(self, _button: widgets.Button) -> None:
        if self.result.feasible:
            self.choose()
        else:
            self._ask(True)  # nothing is written until the borrower confirms

    def _on_confirm(self, _button: widgets.Button) -> None:
        self._ask(False)
        self.choose()

    def _ask(self, asking: bool) -> None:
        """Show (or hide) the question whether to choose a scenario the budget cannot carry."""
        if asking:
            self.confirm_text.value = self._confirm_html(self.lang)
        self.confirm.layout.display = None if asking else "none"

    def _confirm_html(self, lang: str) -> str:
        why = html.escape(self.tuned.summary(lang))
        return f"<b>{html.escape(t('ui.scen.confirm_question', lang))}</b><br>{why}"

    def choose(self) -> None:
        """Keep the tuned scenario as the case's choice (a sample is copied to ``cases/``
        first) and make that case the current one, whatever the budget says: the button asks
        first when the budget cannot carry it.

        >>> import tempfile
        >>> from pathlib import Path
        >>> from unittest import mock
        >>> from helpers import paths
        >>> with mock.patch.object(paths, "CASES_DIR", Path(tempfile.mkdtemp())):
        ...     app = ScenarioApp("li_na_illness", lang="en")
        ...     app.choose()
        ...     app.path.parent == paths.CASES_DIR, app.case.chosen_scenario["name"]
        (True, 'custom')
        """
        target, copied = keep_choice(self.path, self.case, self.result.scenario)
        remember_case(target)  # the case the next steps open
        self.case = load_case(target)
        self.picker.show(target)
        self.chosen.value = f"<p>{html.escape(chosen_sentence(self.case, self.lang))}</p>"
        self.messages.show(partial(choice_lines, shown_path(target), copied), "ok")

    def _repr_mimebundle_(self, **kwargs):
        # the figures keep their state current themselves (helpers.ui.figures)
        return self.view._repr_mimebundle_(**kwargs)


def scenario_app(source: Case | str | os.PathLike[str], lang: str | None = None) -> ScenarioApp:
    """Build the scenario app for a case, a case file or a sample's name.

    >>> scenario_app("li_na_illness", "zh-CN").controls["term"].description
    '期数（月）'
    """
    return ScenarioApp(source, lang=lang)
