"""Scenarios: a scenario, the default set, compare and recommend, tuning and the app's model.

Which arrangement should Li Na ask her lenders for?

>>> from helpers.case import load_sample
>>> comparison = compare(load_sample("li_na_illness"))
>>> comparison.recommended
'step_up'
"""

from helpers.engine import monthly_gaps_fen  # the scenarios' shortfall, month by month
from helpers.scenarios.affordable import (
    AFFORDABLE_OFFER,
    OFFER_FLAG_MONTHS,
    OFFER_MAX_MONTHS,
    affordable_offer,
    offer_months_to_clear,
    offer_payments_fen,
)
from helpers.scenarios.app_model import (
    TABLE_COLUMNS,
    TUNING_FIELDS,
    Tuned,
    choice_lines,
    chosen_result,
    chosen_sentence,
    keep_choice,
    own_result,
    result_row,
    summary_sentence,
    table_header,
    tune,
    visible_fields,
)
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
    settlement_rest,
    unsecured_ids,
)
from helpers.scenarios.many import Outcome, Outline, compare_cases
from helpers.scenarios.ranking import best_policy, policy_rank
from helpers.scenarios.scenario import Scenario, save_choice, scenario_from_data, scenario_to_data
from helpers.scenarios.tuning import (
    ALL_DEBTS,
    KINDS,
    RATE_MODES,
    Tuning,
    build_scenario,
    default_low_months,
)

__all__ = [
    "AFFORDABLE_OFFER",
    "OFFER_FLAG_MONTHS",
    "affordable_offer",
    "offer_months_to_clear",
    "OFFER_MAX_MONTHS",
    "offer_payments_fen",
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
    "TABLE_COLUMNS",
    "TUNING_FIELDS",
    "Tuned",
    "Tuning",
    "best_policies",
    "best_policy",
    "compare_cases",
    "policy_rank",
    "Outcome",
    "Outline",
    "build_scenario",
    "choice_lines",
    "chosen_result",
    "chosen_sentence",
    "own_result",
    "compare",
    "default_low_months",
    "default_scenarios",
    "evaluate",
    "keep_choice",
    "lender_view",
    "monthly_gaps_fen",
    "recommend",
    "result_cells",
    "result_row",
    "summary_sentence",
    "save_choice",
    "scenario_from_data",
    "scenario_to_data",
    "settlement_rest",
    "table_header",
    "tune",
    "unsecured_ids",
    "visible_fields",
]
