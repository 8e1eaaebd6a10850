"""Costs out of line: the household's monthly costs against the national spending reference.

The reference is the National Bureau of Statistics' consumption expenditure per person for 2024
(``helpers/data/spending_reference.yaml``, with its source and year): yuan per person per year,
for all residents and, for total consumption, urban and rural residents apart. The budget's cost
categories are grouped into **comparisons**, each matched with one or more NBS categories (food
and housekeeping with "food, tobacco and drink" plus "household goods and services"; rent,
property fees and utilities with "housing"; …); insurance, taxes and fines, family obligations
and "other" are not consumption in the NBS sense and are never compared.

A comparison's average for the household is the per-person yearly figure divided by 12 and
multiplied by the household size, **an approximation** (larger households spend less per person;
prices differ between places), which :func:`spending_note` states. A cost well above it (by
default 1.5 times or more) raises a **question**, never a judgement (DOMAIN.md, "Spending
reference"): "your food spending is 1.8× the national average …; is that right?".

>>> from helpers.case import load_sample
>>> case = load_sample("wang_fang_income_drop")           # one person in Shenzhen
>>> [q.key for q in spending_questions(case)]
['housing', 'personal', 'food', 'total']
>>> print(spending_questions(case)[2].render("en"))
Food and housekeeping: you spend CN¥1,500.00 a month, 1.8× the national average for food, \
drink and household goods (CN¥829.83 a month for 1 person); is that right?
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd
import yaml

from helpers.case import Case, CostCategory, active_in
from helpers.i18n import join_list, label, t
from helpers.money import div_round_half_up, fen_to_yuan, format_fen
from helpers.months import month_label

__all__ = [
    "TOTAL",
    "SPENDING_COLUMNS",
    "Comparison",
    "SpendingReference",
    "spending_reference",
    "comparison_for",
    "category_costs_fen",
    "SpendingCheck",
    "spending_checks",
    "spending_questions",
    "spending_note",
    "spending_frame",
]

TOTAL = "total"
SPENDING_COLUMNS = ("what", "reference", "yours", "average", "ratio")
_MONTHS_PER_YEAR = 12


@dataclass(frozen=True)
class Comparison:
    """Budget categories compared together with one or more NBS categories.

    >>> spending_reference().comparisons[0]
    Comparison(key='food', budget=(<CostCategory.FOOD_HOUSEKEEPING: 'food_housekeeping'>,), \
reference=('food_tobacco_drink', 'household_goods_services'))
    """

    key: str
    budget: tuple[CostCategory, ...]
    reference: tuple[str, ...]


@dataclass(frozen=True)
class SpendingReference:
    """The NBS figures (yuan per person per year) and how the budget is compared with them.

    Attributes
    ----------
    source : str
        The catalogue id of the publication (``spending.source.<id>``).
    year : int
        The year the figures describe.
    consumption, disposable_income : mapping of str to int
        Per person per year for ``national``, ``urban`` and ``rural`` residents.
    categories : mapping of str to int
        The NBS consumption categories, all residents, per person per year.
    comparisons : tuple of Comparison
        Which budget categories are compared with which NBS categories.
    question_ratio : float
        A cost at least this many times its average raises a question.
    """

    source: str
    year: int
    consumption: Mapping[str, int]
    disposable_income: Mapping[str, int]
    categories: Mapping[str, int]
    comparisons: tuple[Comparison, ...]
    question_ratio: float

    def monthly_fen(self, comparison: str, people: int) -> int:
        """A comparison's average a month for a household of ``people``, in fen.

        >>> spending_reference().monthly_fen("food", 4)     # (8,411 + 1,547) × 4 / 12 yuan
        331933
        """
        if comparison == TOTAL:
            raise ValueError("use consumption_monthly_fen for the total")
        found = next(c for c in self.comparisons if c.key == comparison)
        yearly = sum(self.categories[name] for name in found.reference)
        return div_round_half_up(yearly * 100 * people, _MONTHS_PER_YEAR)

    def consumption_monthly_fen(self, area: str, people: int) -> int:
        """Total consumption a month for a household of ``people`` in an area, in fen.

        >>> spending_reference().consumption_monthly_fen("rural", 5)   # 19,280 × 5 / 12 yuan
        803333
        """
        return div_round_half_up(self.consumption[area] * 100 * people, _MONTHS_PER_YEAR)

    def source_text(self, lang: str) -> str:
        """The publication the figures come from, in ``lang``.

        >>> spending_reference().source_text("en")
        'National Bureau of Statistics, Household Income and Consumption Expenditure in 2024 \
(published 2025-01-17)'
        """
        return t(f"budget.spending.source.{self.source}", lang)


@cache
def spending_reference() -> SpendingReference:
    """The reference shipped with the package, read once.

    >>> ref = spending_reference()
    >>> ref.year, ref.consumption["urban"], sum(ref.categories.values())
    (2024, 34557, 28227)
    """
    text = resources.files("helpers").joinpath("data", "spending_reference.yaml")
    data = yaml.safe_load(text.read_text("utf-8"))
    comparisons = tuple(
        Comparison(
            key,
            tuple(CostCategory(c) for c in entry["budget"]),
            tuple(entry["reference"]),
        )
        for key, entry in data["comparisons"].items()
    )
    return SpendingReference(
        source=data["source"],
        year=int(data["year"]),
        consumption=dict(data["consumption"]),
        disposable_income=dict(data["disposable_income"]),
        categories=dict(data["categories"]),
        comparisons=comparisons,
        question_ratio=float(data["question_ratio"]),
    )


def comparison_for(category: CostCategory | str) -> str | None:
    """The comparison a budget cost category belongs to; None when it is never compared.

    >>> comparison_for("rent"), comparison_for("leisure"), comparison_for("insurance")
    ('housing', 'education_recreation', None)
    """
    category = CostCategory(category)
    return next((c.key for c in spending_reference().comparisons if category in c.budget), None)


def category_costs_fen(case: Case, month: str | None = None) -> dict[CostCategory, int]:
    """The case's monthly costs by category in ``month`` (the as-of month by default), in fen.

    >>> from helpers.case import load_sample
    >>> costs = category_costs_fen(load_sample("chen_jian_business_loss"))
    >>> costs[CostCategory.FOOD_HOUSEKEEPING], costs[CostCategory.TAXES_FINES]
    (260000, 30000)
    >>> CostCategory.TAXES_FINES in category_costs_fen(load_sample("chen_jian_business_loss"),
    ...                                                 "2026-07")
    False
    """
    month = month or month_label(case.as_of)
    totals: dict[CostCategory, int] = {}
    for cost in case.costs:
        if active_in(cost, month):
            totals[cost.category] = totals.get(cost.category, 0) + cost.amount_fen
    return totals


@dataclass(frozen=True)
class SpendingCheck:
    """One comparison of the household's costs with the reference.

    Attributes
    ----------
    key : str
        The comparison (``food``, ``housing``, …) or :data:`TOTAL` for every compared cost
        together against total consumption.
    categories : tuple of CostCategory
        The budget categories whose costs are added up.
    monthly_fen : int
        The household's costs in those categories, a month.
    average_fen : int
        The reference for the household, a month (per person per year / 12 × people).
    people : int
        The household size used.
    area : str
        ``national`` for a category; ``urban`` or ``rural`` for the total.
    question_ratio : float
        The ratio from which the check is a question.
    """

    key: str
    categories: tuple[CostCategory, ...]
    monthly_fen: int
    average_fen: int
    people: int
    area: str
    question_ratio: float

    @property
    def ratio(self) -> float:
        """The costs as a multiple of the average.

        >>> SpendingCheck("food", (), 300_000, 200_000, 3, "national", 1.5).ratio
        1.5
        """
        return self.monthly_fen / self.average_fen if self.average_fen else float("inf")

    @property
    def is_question(self) -> bool:
        """Whether the costs are far enough above the average to ask about them.

        >>> SpendingCheck("food", (), 300_000, 200_000, 3, "national", 1.5).is_question
        True
        >>> SpendingCheck("food", (), 299_999, 200_000, 3, "national", 1.5).is_question
        False
        """
        return self.monthly_fen > 0 and self.ratio >= self.question_ratio

    def what(self, lang: str) -> str:
        """The budget categories compared, named for people.

        >>> from helpers.case import load_sample
        >>> check = spending_checks(load_sample("li_na_illness"))[2]
        >>> check.what("en"), check.what("zh-CN")
        ('rent, property fees, utilities', '房租、物业费、水电燃气')
        """
        if self.key == TOTAL:
            return t("budget.spending.what_total", lang)
        return join_list((label("case.cost_category", c, lang) for c in self.categories), lang)

    def reference_name(self, lang: str) -> str:
        """What the average is an average of, in ``lang``.

        >>> SpendingCheck("total", (), 1, 1, 1, "rural", 1.5).reference_name("en")
        'rural consumption'
        """
        if self.key == TOTAL:
            return t(
                "budget.spending.compare.total", lang, area=label("case.area", self.area, lang)
            )
        return t(f"budget.spending.compare.{self.key}", lang)

    def render(self, lang: str) -> str:
        """The check as a question in ``lang`` (whether or not it is far above the average).

        >>> from helpers.case import load_sample
        >>> check = spending_questions(load_sample("wang_fang_income_drop"))[0]
        >>> print(check.render("zh-CN"))
        房租、水电燃气：您每月花 ¥2,780.00，是全国平均居住支出的 5.3 倍（按 1 人计每月 ¥521.92）；\
这个数对吗？（全国平均已包括自有住房折算的房租；城市租房者的住房开支往往更高。）
        """
        params = {
            "what": self.what(lang),
            "amount": format_fen(self.monthly_fen, lang),
            "ratio": f"{self.ratio:.1f}",
            "reference": self.reference_name(lang),
            "average": format_fen(self.average_fen, lang),
            "people": t("budget.spending.people", lang, count=self.people),
        }
        key = "budget.spending.question_total" if self.key == TOTAL else "budget.spending.question"
        text = t(key, lang, **params)
        if self.key == "housing":
            text += t("budget.spending.hint_housing", lang)
        return text[:1].upper() + text[1:]


def spending_checks(
    case: Case, costs_fen: Mapping[CostCategory | str, int] | None = None
) -> tuple[SpendingCheck, ...]:
    """Every comparison the household has costs in, then the total; in the reference's order.

    Parameters
    ----------
    case : Case
        Gives the household size and area.
    costs_fen : mapping of CostCategory to int, optional
        Monthly costs by category (what the budget app's sliders say); by default the case's
        costs in its as-of month (:func:`category_costs_fen`).

    Examples
    --------
    Chen Jian's four-person household spends 2,600 a month on food and housekeeping, below the
    3,319.33 the national average comes to for four people:

    >>> from helpers.case import load_sample
    >>> checks = spending_checks(load_sample("chen_jian_business_loss"))
    >>> [(c.key, c.monthly_fen, c.average_fen) for c in checks][:2]
    [('food', 260000, 331933), ('personal', 30000, 50700)]
    >>> checks[-1].key, checks[-1].area, round(checks[-1].ratio, 2)
    ('total', 'urban', 0.54)
    """
    ref = spending_reference()
    costs = {CostCategory(k): v for k, v in (costs_fen or category_costs_fen(case)).items()}
    people, area = case.household.size, case.household.area.value
    checks = []
    for comparison in ref.comparisons:
        held = tuple(c for c in comparison.budget if costs.get(c, 0) > 0)
        if held:
            monthly = sum(costs[c] for c in held)
            average = ref.monthly_fen(comparison.key, people)
            checks.append(
                SpendingCheck(
                    comparison.key, held, monthly, average, people, "national", ref.question_ratio
                )
            )
    if checks:
        compared = tuple(c for check in checks for c in check.categories)
        total = sum(check.monthly_fen for check in checks)
        average = ref.consumption_monthly_fen(area, people)
        checks.append(
            SpendingCheck(TOTAL, compared, total, average, people, area, ref.question_ratio)
        )
    return tuple(checks)


def spending_questions(
    case: Case,
    costs_fen: Mapping[CostCategory | str, int] | None = None,
    *,
    ratio: float | None = None,
) -> tuple[SpendingCheck, ...]:
    """The comparisons whose costs are well above the average: questions to ask, the highest
    ratio first and the total last.

    Parameters
    ----------
    case : Case
    costs_fen : mapping of CostCategory to int, optional
        Monthly costs by category; the case's own by default.
    ratio : float, optional
        Ask from this multiple of the average on (the reference's 1.5 by default).

    Examples
    --------
    Zhao Min's rural household of five raises no question; 7,000 a month on food would:

    >>> from helpers.case import load_sample
    >>> case = load_sample("zhao_min_family_rural")
    >>> spending_questions(case)
    ()
    >>> costs = {**category_costs_fen(case), "food_housekeeping": 700_000}
    >>> print(spending_questions(case, costs)[0].render("en"))
    Food and housekeeping: you spend CN¥7,000.00 a month, 1.7× the national average for food, \
drink and household goods (CN¥4,149.17 a month for 5 people); is that right?
    """
    threshold = spending_reference().question_ratio if ratio is None else ratio
    found = [
        check
        for check in spending_checks(case, costs_fen)
        if check.monthly_fen > 0 and check.ratio >= threshold
    ]
    return tuple(sorted(found, key=lambda check: (check.key == TOTAL, -check.ratio, check.key)))


def spending_note(lang: str) -> str:
    """How the averages are made and what they are for, with the source (which names the year).

    >>> print(spending_note("en"))  # doctest: +ELLIPSIS
    Averages per person per year from the National Bureau of Statistics, Household Income and \
Consumption Expenditure in 2024 (published 2025-01-17), divided by 12 and multiplied by the \
household size: an approximation ...
    """
    ref = spending_reference()
    return t("budget.spending.note", lang, source=ref.source_text(lang))


def spending_frame(
    case: Case, lang: str, costs_fen: Mapping[CostCategory | str, int] | None = None
) -> pd.DataFrame:
    """Every comparison as a table in yuan, with translated headers (:data:`SPENDING_COLUMNS`).

    >>> from helpers.case import load_sample
    >>> frame = spending_frame(load_sample("zhao_min_family_rural"), "en")
    >>> list(frame.columns)
    ['costs', 'compared with', 'yours a month', 'average a month', 'ratio']
    >>> last = frame.iloc[-1]
    >>> list(last[:2]), [float(x) for x in last[2:]]
    (['the costs above', 'rural consumption'], [3130.0, 8033.33, 0.39])
    """
    rows = [
        (
            check.what(lang),
            check.reference_name(lang),
            float(fen_to_yuan(check.monthly_fen)),
            float(fen_to_yuan(check.average_fen)),
            round(check.ratio, 2),
        )
        for check in spending_checks(case, costs_fen)
    ]
    headers = [t(f"budget.spending.col_{c}", lang) for c in SPENDING_COLUMNS]
    return pd.DataFrame(rows, columns=headers)
