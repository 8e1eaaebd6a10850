"""``python -m helpers compare CASE [--json]``: the default scenarios side by side and the
recommendation.

>>> from helpers.cli import main
>>> main(["compare", "li_na_illness", "--json"])  # doctest: +ELLIPSIS
{
  "scenarios": [
...
  "recommended": "step_up",
...
0
"""

from __future__ import annotations

import argparse
import json

from helpers.case import Case, load_case
from helpers.cli import EXIT_OK, horizon, print_frame, resolve_case
from helpers.i18n import t
from helpers.money import fen_to_yuan
from helpers.scenarios import (
    AFFORDABLE_OFFER,
    COMPARE_COLUMNS,
    OFFER_FLAG_MONTHS,
    Comparison,
    ScenarioResult,
    compare,
    offer_months_to_clear,
)

__all__ = ["register", "comparison_json"]


def _yuan(fen: int) -> float:
    return float(fen_to_yuan(fen))


def _scenario_json(result: ScenarioResult, lang: str) -> dict:
    m = result.metrics
    return {
        "name": result.scenario.name,
        "title": result.scenario.title(lang),
        "policy": result.policy.value,
        "total_paid": _yuan(m.total_paid_fen),
        "total_cost": _yuan(m.cost_fen),
        "interest_paid": _yuan(m.interest_paid_fen),
        "penalty_paid": _yuan(m.penalty_paid_fen),
        "charges_paid": _yuan(m.charges_paid_fen),
        "waived": _yuan(m.waived_fen),
        "balance_left": _yuan(m.balance_left_fen),
        "months_to_clear": m.months_to_clear,
        "max_monthly_payment": _yuan(m.max_scheduled_due_fen),
        "shortfall_months": m.shortfall_months,
        "shortfall": _yuan(result.shortfall_fen),
        "largest_monthly_gap": _yuan(result.largest_gap_fen),
        "feasible": result.feasible,
        "true_annual_rate": result.rate.to_dict(),
        "lines_crossed": list(result.lines_crossed),
        "rates_capped_at_legal_line": {
            debt_id: line for debt_id, (_, line) in result.projection.rate_caps.items()
        },
        "credit": {
            "worst_class": result.credit.worst.value,
            "months_overdue": m.months_overdue,
            "first_month_past_90": result.credit.first_month_past_90,
            "record_clears": result.credit.record_clears,
            "still_overdue": result.credit.still_overdue,
        },
        "lender_present_value": _yuan(result.lender_pv_fen),
        "status_quo_recovery_present_value": _yuan(result.recovery_pv_fen),
    }


def _offer_json(comparison: Comparison, case: Case | None) -> dict | None:
    """The affordable offer at a glance: when it clears (projected past the comparison's
    horizon as far as it must, up to 600 months), and whether it runs past 60 months."""
    found = [r for r in comparison.results if r.scenario.name == AFFORDABLE_OFFER]
    if not found:
        return None
    months = found[0].metrics.months_to_clear
    if months is None and case is not None:
        months = offer_months_to_clear(case)
    return {
        "feasible": found[0].feasible,
        "months_to_clear": months,
        "past_60_months": months is None or months > OFFER_FLAG_MONTHS,
        "first_payments": {
            debt_id: _yuan(next((p for p in plan.payments_fen if p), 0))
            for debt_id, plan in found[0].scenario.plans.items()
        },
    }


def comparison_json(comparison: Comparison, lang: str, case: Case | None = None) -> dict:
    """The comparison as the CLI's JSON contract (amounts in yuan); with the case, the
    affordable offer's months to clear are projected past the comparison's horizon.

    >>> from helpers.case import load_sample
    >>> data = comparison_json(compare(load_sample("li_na_illness")), "en")
    >>> sorted(data)[:3], data["scenarios"][0]["name"]
    (['affordable_offer', 'assumptions', 'reason'], 'status_quo')
    """
    return {
        "scenarios": [_scenario_json(r, lang) for r in comparison.results],
        "recommended": comparison.recommended,
        "affordable_offer": _offer_json(comparison, case),
        "reason": comparison.reason(lang),
        "assumptions": {
            "discount_rate": comparison.discount_rate,
            "status_quo_recovery_share": comparison.recovery_share,
            "status_quo_recovery_months": comparison.recovery_months,
        },
    }


def cmd_compare(args: argparse.Namespace) -> int:
    """Print the comparison table (or JSON) and the recommendation."""
    case = load_case(resolve_case(args.case))
    lang = args.lang or case.language
    comparison = compare(case, horizon=args.horizon)
    if args.json:
        data = comparison_json(comparison, lang, case)
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    frame = comparison.frame(lang)
    credit = frame.columns[COMPARE_COLUMNS.index("credit")]
    print_frame(frame.drop(columns=[credit]))
    print()
    for result in comparison.results:
        print(
            t(
                "scenarios.compare.credit_line",
                lang,
                name=result.scenario.title(lang),
                credit=result.credit.describe(lang),
            )
        )
    notes = {
        note for result in comparison.results for note in result.projection.rate_cap_notes(lang)
    }
    if notes:
        print()
        print("\n".join(sorted(notes)))
    print()
    print(comparison.reason(lang))
    return EXIT_OK


def register(add) -> None:
    """Add the ``compare`` command.

    Which arguments does it take?

    >>> from helpers.cli import argument_names
    >>> argument_names(register)
    ['case', '--json', '--horizon']
    """
    sub = add("compare", cmd_compare)
    sub.add_argument("case")
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--horizon", type=horizon, default=60)
