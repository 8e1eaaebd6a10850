"""The terms of each step, and what they mean (texts in ``locales/glossary.yaml``)."""

from __future__ import annotations

from dataclasses import dataclass

from helpers.i18n import LANGUAGES, catalogue, t

__all__ = ["STEPS", "Term", "define", "step_terms"]

# The terms each step shows a borrower, in the order they first meet them there. A step is named
# by its notebook (00_start_here … 06_caseload).
STEPS: dict[str, tuple[str, ...]] = {
    "00_start_here": (
        "unsecured",
        "capacity",
        "penalty",
        "late_charge",
        "non_performing",
        "credit_report",
        "legal_line",
        "overdue_class",
        "upfront_fee",
        "funder",
        "minimum_due",
        "acceleration",
        "payment_order",
    ),
    "01_budget": (
        "unsecured",
        "capacity",
        "fixed_costs",
        "flexible_costs",
        "priority",
        "reserve",
        "secured",
        "shortfall",
        "national_average",
    ),
    "02_debts": (
        "true_rate",
        "nominal",
        "effective",
        "quoted",
        "all_in",
        "legal_line",
        "lpr",
        "overdue_class",
        "class_normal",
        "class_special_mention",
        "class_substandard",
        "class_doubtful",
        "class_loss",
        "non_performing",
        "credit_report",
        "penalty",
        "compound",
        "late_charge",
        "waiting_rate",
        "secured",
    ),
    "03_scenarios": (
        "reinstalment",
        "step_up",
        "holiday",
        "settlement",
        "freeze",
        "monthly_fee",
        "penalty",
        "policy",
        "avalanche",
        "snowball",
        "pro_rata",
        "priority_first",
        "optimal",
        "status_quo",
        "affordable_offer",
        "feasible",
        "shortfall",
        "true_rate",
        "credit_report",
        "lender_pv",
    ),
    "04_proposal": (
        "fallback_ladder",
        "floor",
        "penalty",
        "feasible",
        "counter_offer",
    ),
    "05_track_and_share": (
        "collection",
        "complaint_line",
        "advisor_pack",
        "redaction",
    ),
    "06_caseload": (
        "triage",
        "capacity",
        "feasible",
        "overdue_class",
        "legal_line",
        "redaction",
    ),
}


@dataclass(frozen=True)
class Term:
    """One term in one language: its name, the other forms a page shows it in, its meaning."""

    key: str
    name: str
    forms: tuple[str, ...]
    text: str


def _term(key: str, lang: str) -> Term:
    extra = t(f"glossary.term.{key}.match", lang)
    forms = (t(f"glossary.term.{key}.name", lang), *(f for f in extra.split("|") if f))
    return Term(key, forms[0], forms, t(f"glossary.term.{key}.text", lang))


def _step(step: str) -> str:
    """The step's full name from its name or its number (``"02"`` → ``"02_debts"``)."""
    for name in STEPS:
        if name == step or name.split("_", 1)[0] == step:
            return name
    raise KeyError(f"no step {step!r} in the glossary; the steps are {', '.join(STEPS)}")


def step_terms(step: str, lang: str) -> tuple[Term, ...]:
    """The terms of a step (its notebook's name, or its number), in the reader's language.

    Which terms does the debts step explain first?

    >>> [term.name for term in step_terms("02", "en")[:3]]
    ['true annual rate', 'nominal', 'effective']
    """
    return tuple(_term(key, lang) for key in STEPS[_step(step)])


def define(word: str, lang: str) -> str:
    """What a word of the workbench means, in ``lang``: ``name: meaning``. The word may be any
    form of a term, in either language.

    What does 关注 mean, for a borrower reading English?

    >>> print(define("关注", "en"))
    special mention: Overdue, but not past 90 days (a card: 1–90 days overdue). Not yet
    non-performing: the best time to pay up or agree a plan.

    And 债权人所得现值, in Chinese?

    >>> print(define("债权人所得现值", "zh-CN"))  # doctest: +ELLIPSIS
    债权人所得现值：债权人按这个方案收回的钱，折算成今天的价值（按一年期 LPR 贴现）：...
    """
    wanted = word.strip().casefold()
    keys = sorted({key.split(".")[2] for key in catalogue() if key.startswith("glossary.term.")})
    for key in keys:
        if any(wanted in (f.casefold() for f in _term(key, other).forms) for other in LANGUAGES):
            term = _term(key, lang)
            return t("i18n.label_separator", lang).join((term.name, term.text))
    raise KeyError(f"{word!r} is not in the glossary")
