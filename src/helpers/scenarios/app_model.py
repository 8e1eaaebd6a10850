"""The scenario app's decisions, without widgets: which settings a kind of arrangement uses,
the tuned scenario evaluated beside the default ones with the recommendation, the row and the
sentences the app shows, and where a chosen scenario is kept.

The app (:mod:`helpers.ui.scenarios`) reads its controls into a :class:`Tuning`, calls
:func:`tune` and writes what the result says; everything here is tested without a browser.

>>> from helpers.case import load_sample
>>> from helpers.scenarios import compare
>>> case = load_sample("li_na_illness")
>>> tuned = tune(case, Tuning(term_months=48, holiday_months=6, rate_mode="frozen"),
...              compare(case))
>>> tuned.advice("en")[:46]
'“your scenario” is the affordable plan that cl'
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from helpers import paths
from helpers.budget import DEFAULT_HORIZON, monthly_budget
from helpers.case import Case, save_case
from helpers.errors import WorkbenchError
from helpers.i18n import t
from helpers.money import format_fen
from helpers.scenarios.compare import (
    COMPARE_COLUMNS,
    Comparison,
    ScenarioResult,
    compare,
    evaluate,
    recommend,
    result_cells,
)
from helpers.scenarios.scenario import (
    Scenario,
    save_choice,
    scenario_from_data,
    scenario_to_data,
)
from helpers.scenarios.tuning import Tuning, build_scenario

__all__ = [
    "TABLE_COLUMNS",
    "TUNING_FIELDS",
    "Tuned",
    "choice_lines",
    "chosen_result",
    "chosen_sentence",
    "own_result",
    "summary_sentence",
    "keep_choice",
    "result_row",
    "table_header",
    "tune",
    "visible_fields",
]

TUNING_FIELDS = tuple(f.name for f in dataclasses.fields(Tuning))
# the settings only some kinds read (every other setting applies to every kind)
_KINDS_USING = {
    "term_months": ("reinstalment", "step_up", "holiday"),
    "rate_mode": ("reinstalment", "step_up", "holiday"),
    "annual_rate": ("reinstalment", "step_up"),
    "monthly_fee_rate": ("reinstalment",),
    "holiday_months": ("reinstalment", "holiday"),
    "low_months": ("step_up",),
    "settlement_discount": ("settlement",),
    "settlement_month": ("settlement",),
}
_RATE_MODE_USING = {"annual_rate": "annual", "monthly_fee_rate": "monthly_fee"}
TABLE_COLUMNS = COMPARE_COLUMNS[: COMPARE_COLUMNS.index("credit") + 1]  # the lenders' view aside


def visible_fields(kind: str, rate_mode: str = "contract") -> frozenset[str]:
    """The settings of a :class:`Tuning` that a kind of arrangement (and rate mode) uses, so
    the app shows those and hides the rest.

    Which settings matter for a settlement, and for a re-instalment at an agreed rate?

    >>> sorted(visible_fields("settlement") - visible_fields("step_up", "annual"))
    ['settlement_discount', 'settlement_month']
    >>> sorted(visible_fields("reinstalment", "annual") - visible_fields("settlement"))
    ['annual_rate', 'holiday_months', 'rate_mode', 'term_months']
    """
    return frozenset(
        name
        for name in TUNING_FIELDS
        if kind in _KINDS_USING.get(name, (kind,))
        and _RATE_MODE_USING.get(name, rate_mode) == rate_mode
    )


def table_header(lang: str) -> list[str]:
    """The headings of the app's comparison table.

    >>> table_header("en")[:3]
    ['scenario', 'policy', 'total paid']
    """
    return [t(f"scenarios.compare.col_{c}", lang) for c in TABLE_COLUMNS]


def result_row(result: ScenarioResult, lang: str) -> list[str]:
    """One scenario's cells for the comparison table, as text (amounts in the language's
    money format).

    What does the status quo cost Li Na in all?

    >>> from helpers.case import load_sample
    >>> from helpers.scenarios import compare
    >>> result_row(compare(load_sample("li_na_illness")).result("status_quo"), "en")[:3]
    ['status quo', 'dearest first', 'CN¥85,036.24']
    """
    cells = result_cells(result, lang, money=lambda fen: format_fen(fen, lang))
    return [str(cell) for cell in cells[: len(TABLE_COLUMNS)]]


@dataclass(frozen=True)
class Tuned:
    """The tuned scenario evaluated, and the recommendation among it and the default ones.

    Attributes
    ----------
    result : ScenarioResult
        The tuned scenario (named ``"custom"``), evaluated on the budget's money.
    recommended : Scenario
        The scenario recommended among the default ones and the tuned one.
    reason_key, reason_params : str, dict
        Why (a message key and its parameters, as :func:`recommend` gives them).
    """

    result: ScenarioResult
    recommended: Scenario
    reason_key: str
    reason_params: Mapping[str, Any]

    def row(self, lang: str) -> list[str]:
        """The tuned scenario's row of the comparison table (:func:`result_row`).

        >>> from helpers.case import load_sample
        >>> from helpers.scenarios import compare
        >>> case = load_sample("li_na_illness")
        >>> tune(case, Tuning(term_months=24), compare(case)).row("en")[:2]
        ['your scenario', 'dearest first']
        """
        return result_row(self.result, lang)

    def summary(self, lang: str) -> str:
        """Whether the budget carries the tuned scenario, with its largest monthly due, its
        total and the months to clear it.

        Can Li Na carry a 24-month re-instalment at the contract rate?

        >>> from helpers.case import load_sample
        >>> from helpers.scenarios import compare
        >>> case = load_sample("li_na_illness")
        >>> tune(case, Tuning(term_months=24), compare(case)).summary("en")[:32]
        'You cannot carry this scenario: '
        """
        return summary_sentence(self.result, lang)

    def advice(self, lang: str) -> str:
        """The recommendation among the default scenarios and the tuned one, and why.

        >>> from helpers.case import load_sample
        >>> from helpers.scenarios import compare
        >>> case = load_sample("li_na_illness")
        >>> tune(case, Tuning(term_months=24), compare(case)).advice("en")[:26]
        '“step-up after recovery” i'
        """
        name = self.recommended.title(lang)
        return t(self.reason_key, lang, name=name, **self.reason_params)


def summary_sentence(result: ScenarioResult, lang: str) -> str:
    """Whether the budget carries a scenario, its largest monthly due, what it pays in all and
    when it clears, in plain words.

    >>> from helpers.case import load_sample
    >>> from helpers.plans import Reinstalment
    >>> result = evaluate(load_sample("li_na_illness"), Scenario("reinstal_24", {
    ...     "d1": Reinstalment(24), "d2": Reinstalment(24)}))
    >>> summary_sentence(result, "en")[:33]
    'You cannot carry this scenario: a'
    """
    m = result.metrics
    return t(
        "ui.scen.summary_feasible" if result.feasible else "ui.scen.summary_short",
        lang,
        largest=format_fen(m.max_scheduled_due_fen, lang),
        paid=format_fen(m.total_paid_fen, lang),
        months=m.months_to_clear or "—",
        short=m.shortfall_months,
    )


def chosen_result(case: Case, *, horizon: int = DEFAULT_HORIZON) -> ScenarioResult | None:
    """The scenario chosen in notebook 03 (the case's ``chosen_scenario``), evaluated on the
    money the budget leaves for debts each month; None when none is chosen.

    Li Na chose to re-instal her card over 24 months: can she carry it?

    >>> from helpers.case import load_sample
    >>> from helpers.plans import Reinstalment
    >>> case = load_sample("li_na_illness")
    >>> chosen_result(case) is None
    True
    >>> mine = Scenario("custom", {"d1": Reinstalment(24)})
    >>> case = case.model_copy(update={"chosen_scenario": scenario_to_data(mine)})
    >>> result = chosen_result(case)
    >>> result.scenario.plans["d1"].term_months, result.feasible
    (24, False)
    """
    if not case.chosen_scenario:
        return None
    scenario = scenario_from_data(case.chosen_scenario)
    means = tuple(monthly_budget(case, horizon=horizon).available_fen)
    return evaluate(case, dataclasses.replace(scenario, means_fen=means), horizon=horizon)


def own_result(case: Case, *, horizon: int = DEFAULT_HORIZON) -> tuple[ScenarioResult, bool]:
    """The borrower's own scenario, evaluated: the one chosen in notebook 03, else the one
    :func:`compare` recommends; and whether it was chosen. What the proposals, the ladder and
    the counter-offer verdicts start from.

    >>> from helpers.case import load_sample
    >>> result, chosen = own_result(load_sample("li_na_illness"))
    >>> result.scenario.name, chosen
    ('step_up', False)
    """
    chosen = chosen_result(case, horizon=horizon)
    if chosen is not None:
        return chosen, True
    comparison = compare(case, horizon=horizon)
    return comparison.result(comparison.recommended), False


def chosen_sentence(case: Case, lang: str) -> str:
    """What the overview says of the scenario chosen in notebook 03: its name and whether the
    budget carries it, or that none is chosen yet.

    >>> from helpers.case import load_sample
    >>> chosen_sentence(load_sample("li_na_illness"), "en")
    'No scenario chosen yet: compare them in 03 and choose one.'
    """
    try:
        result = chosen_result(case)
    except (WorkbenchError, KeyError, TypeError, ValueError):  # a choice the case has outgrown
        return t("ui.scen.chosen_stale", lang)
    if result is None:
        return t("ui.scen.chosen_none", lang)
    name = result.scenario.title(lang)
    return t("ui.scen.chosen", lang, name=name, summary=summary_sentence(result, lang))


def tune(
    case: Case,
    tuning: Tuning,
    comparison: Comparison,
    *,
    means_fen: Sequence[int] | None = None,
    horizon: int = DEFAULT_HORIZON,
) -> Tuned:
    """Build the scenario a tuning describes, evaluate it on the money available for debts
    each month, and recommend among it and the default scenarios of ``comparison``.

    ``means_fen`` is the budget's money for debts by month (computed from the case when not
    given); the lenders' view discounts at the comparison's rate.

    If Li Na pays nothing until she is back at work and then clears everything in 48
    interest-free months, how much is that, and is it the plan to propose? (What she owes in
    principal and interest, 19,720 + 16,096 + 9,200 + 8,000 yuan; the card's 310 yuan of
    charges are waived.)

    >>> from helpers.case import load_sample
    >>> from helpers.scenarios import compare
    >>> case = load_sample("li_na_illness")
    >>> tuned = tune(case, Tuning(term_months=48, holiday_months=6, rate_mode="frozen"),
    ...              compare(case))
    >>> tuned.row("en")[2], tuned.result.feasible, tuned.recommended.name
    ('CN¥53,016.00', True, 'custom')
    """
    if means_fen is None:
        means_fen = monthly_budget(case, horizon=horizon).available_fen
    scenario = build_scenario(case, tuning, horizon=horizon)
    scenario = dataclasses.replace(scenario, means_fen=tuple(means_fen))
    result = evaluate(case, scenario, horizon=horizon, discount_rate=comparison.discount_rate)
    results = [*comparison.results, result]
    name, key, params = recommend(results)
    chosen = next(r.scenario for r in results if r.scenario.name == name)
    return Tuned(result, chosen, key, params)


def keep_choice(
    source: str | os.PathLike[str] | None, case: Case, scenario: Scenario
) -> tuple[Path, bool]:
    """Keep ``scenario`` as the case's chosen one: in the case's own file, in a copy of a
    sample in ``cases/`` (:func:`save_choice`), or, for a case that came from no file, in
    ``cases/new_case.yaml`` (:func:`helpers.paths.new_case_path`). Returns where it was kept
    and whether a sample was copied.

    Where is the choice kept for a case typed in from scratch?

    >>> import tempfile
    >>> from unittest import mock
    >>> from helpers.case import load_case, load_sample
    >>> with mock.patch.object(paths, "CASES_DIR", Path(tempfile.mkdtemp())):
    ...     target, copied = keep_choice(None, load_sample(), Scenario("mine"))
    ...     target.name, copied, load_case(target).chosen_scenario["name"]
    ('new_case.yaml', False, 'mine')
    """
    if source is not None:
        return save_choice(source, scenario)
    target = paths.new_case_path()
    save_case(case.model_copy(update={"chosen_scenario": scenario_to_data(scenario)}), target)
    return target, False


def choice_lines(target: str | os.PathLike[str], copied: bool, lang: str) -> list[str]:
    """What the app says once a choice is kept: that a sample was copied, then where it is
    (from the project folder, never the machine's absolute path: :func:`helpers.paths.shown_path`).

    >>> choice_lines("cases/li_na_illness.yaml", True, "en")
    ['samples are read-only: copied to cases/li_na_illness.yaml', \
'the scenario is saved in cases/li_na_illness.yaml']
    """
    keys = ["ui.scen.copied"] if copied else []
    shown = paths.shown_path(target)
    return [t(key, lang, target=shown) for key in [*keys, "ui.scen.saved"]]
