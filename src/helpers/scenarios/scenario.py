"""A scenario: plans per debt, an allocation policy, budget what-ifs, and how it is stored in a
case file.

>>> from helpers.plans import Reinstalment
>>> Scenario("mine", {"d1": Reinstalment(24)}).plan_map["d1"].term_months
24
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from helpers.allocation import Policy
from helpers.budget import BudgetOverrides
from helpers.case import load_case, save_case, writable_copy
from helpers.i18n import t
from helpers.plans import PLAN_KINDS, Plan, Waiver

__all__ = ["Scenario", "scenario_to_data", "scenario_from_data", "save_choice"]


@dataclass(frozen=True)
class Scenario:
    """Plans per debt, an allocation policy (None: the best of the four), budget what-ifs, and
    optionally the money available for debts each month (instead of the budget's).

    >>> from helpers.plans import Reinstalment
    >>> Scenario("mine", {"d1": Reinstalment(24)}).plan_map["d1"].term_months
    24
    """

    name: str
    plans: Mapping[str, Plan] = field(default_factory=dict)
    policy: Policy | None = None
    overrides: BudgetOverrides | None = None
    means_fen: tuple[int, ...] | None = None

    @property
    def plan_map(self) -> dict[str, Plan]:
        """The plans as a plain dict.

        >>> Scenario("x").plan_map
        {}
        """
        return dict(self.plans)

    def title(self, lang: str) -> str:
        """The scenario's name for people: translated for the default set, as given otherwise.

        >>> Scenario("reinstal_24").title("en"), Scenario("my plan").title("en")
        ('re-instalment over 24 months', 'my plan')
        """
        key = f"scenarios.scenario.{self.name}"
        try:
            return t(key, lang)
        except KeyError:
            return self.name


def _plan_data(plan: Plan) -> dict[str, Any]:
    kind = next(name for name, cls in PLAN_KINDS.items() if isinstance(plan, cls))
    data: dict[str, Any] = {"kind": kind}
    for f in dataclasses.fields(plan):
        value = getattr(plan, f.name)
        if isinstance(value, Waiver):
            value = dataclasses.asdict(value)
        elif isinstance(value, tuple):
            value = list(value)
        if value != f.default:
            data[f.name] = value
    return data


def scenario_to_data(scenario: Scenario) -> dict[str, Any]:
    """A scenario as plain data for the case file's ``chosen_scenario``.

    >>> from helpers.plans import Reinstalment
    >>> data = scenario_to_data(Scenario("mine", {"d1": Reinstalment(24)}, "avalanche"))
    >>> data["policy"], data["plans"]
    ('avalanche', {'d1': {'kind': 'reinstalment', 'term_months': 24}})
    """
    data: dict[str, Any] = {"name": scenario.name}
    if scenario.policy:
        data["policy"] = Policy(scenario.policy).value
    data["plans"] = {debt_id: _plan_data(plan) for debt_id, plan in scenario.plans.items()}
    return data


def scenario_from_data(data: Mapping[str, Any]) -> Scenario:
    """The scenario stored by :func:`scenario_to_data`.

    >>> from helpers.plans import Reinstalment, Waiver
    >>> s = Scenario("mine", {"d1": Reinstalment(24, waiver=Waiver())}, "avalanche")
    >>> scenario_from_data(scenario_to_data(s)) == s
    True
    >>> data = {"name": "mine", "plans": {"d1": {"kind": "reinstalment", "term_months": 24}}}
    >>> scenario_from_data(data).plans["d1"].term_months
    24
    """
    plans = {}
    for debt_id, plan in data.get("plans", {}).items():
        fields = dict(plan)
        cls = PLAN_KINDS[fields.pop("kind")]
        if isinstance(fields.get("waiver"), dict):
            fields["waiver"] = Waiver(**fields["waiver"])
        if "payments_fen" in fields:
            fields["payments_fen"] = tuple(fields["payments_fen"])
        plans[debt_id] = cls(**fields)
    policy = data.get("policy")
    return Scenario(data["name"], plans, Policy(policy) if policy else None)


def save_choice(
    source: str | os.PathLike[str],
    scenario: Scenario,
    *,
    cases_dir: str | os.PathLike[str] | None = None,
) -> tuple[Path, bool]:
    """Store ``scenario`` as the case's chosen scenario, atomically; a sample is first copied to
    ``cases/`` (nothing ever writes to the samples). Returns where it was saved and whether a
    copy was made.

    >>> import tempfile
    >>> from helpers.case import load_case
    >>> from helpers.paths import SAMPLES_DIR
    >>> from helpers.plans import Reinstalment
    >>> target, copied = save_choice(SAMPLES_DIR / "li_na_illness.yaml",
    ...     Scenario("mine", {"d1": Reinstalment(24)}), cases_dir=tempfile.mkdtemp())
    >>> copied, load_case(target).chosen_scenario["plans"]["d1"]["term_months"]
    (True, 24)
    """
    target, copied = writable_copy(source, cases_dir)
    case = load_case(target)
    save_case(case.model_copy(update={"chosen_scenario": scenario_to_data(scenario)}), target)
    return target, copied
