"""Scenarios: a scenario, the default set, compare and recommend, tuning for the app."""

from helpers.scenarios.compare import (
    COMPARE_COLUMNS,
    DEFAULT_RECOVERY_MONTHS,
    DEFAULT_RECOVERY_SHARE,
    Comparison,
    ScenarioResult,
    best_policies,
    compare,
    evaluate,
    lender_view,
    recommend,
    result_cells,
)
from helpers.scenarios.defaults import (
    REINSTALMENT_TERMS,
    SETTLEMENT_DISCOUNT,
    STEP_UP_TERM,
    default_scenarios,
    unsecured_ids,
)
from helpers.scenarios.scenario import Scenario, save_choice, scenario_from_data, scenario_to_data
from helpers.scenarios.tuning import ALL_DEBTS, KINDS, RATE_MODES, Tuning, build_scenario

__all__ = [
    "ALL_DEBTS",
    "COMPARE_COLUMNS",
    "Comparison",
    "DEFAULT_RECOVERY_MONTHS",
    "DEFAULT_RECOVERY_SHARE",
    "KINDS",
    "RATE_MODES",
    "REINSTALMENT_TERMS",
    "SETTLEMENT_DISCOUNT",
    "STEP_UP_TERM",
    "Scenario",
    "ScenarioResult",
    "Tuning",
    "best_policies",
    "build_scenario",
    "compare",
    "default_scenarios",
    "evaluate",
    "lender_view",
    "recommend",
    "result_cells",
    "save_choice",
    "scenario_from_data",
    "scenario_to_data",
    "unsecured_ids",
]
