"""An evaluation in words: the reasons for the verdict, the counter-proposal to send, and the
plain data the command line prints as JSON. Every text comes from the catalogue
(``offers.*``), in zh-CN and en.

>>> from helpers.case import load_sample
>>> from helpers.offers.evaluate import evaluate_offer
>>> from helpers.offers.terms import OfferTerms
>>> result = evaluate_offer(load_sample(), OfferTerms("d1", months=24, monthly_fen=120_000))
>>> print(reasons(result, "en")[-1])
Verdict: decline. The budget falls short in 8 months, more than a quarter of the offer's 24.
"""

from __future__ import annotations

from typing import Any

from helpers.engine import ROW_COLUMNS
from helpers.i18n import t
from helpers.money import fen_to_yuan, format_fen
from helpers.offers.evaluate import OfferEvaluation
from helpers.offers.verdict import SHORT_SHARE, Verdict, within_margin
from helpers.plans import StatusQuo, describe
from helpers.rates import format_rate
from helpers.rules import CROSSING_TOLERANCE

__all__ = ["counter_proposal", "evaluation_data", "reasons", "verdict_label"]


def verdict_label(verdict: Verdict, lang: str) -> str:
    """The verdict as one word for people.

    >>> verdict_label(Verdict.COUNTER, "zh-CN"), verdict_label(Verdict.COUNTER, "en")
    ('还价', 'counter')
    """
    return t(f"offers.verdict.{verdict.value}", lang)


def _why(result: OfferEvaluation) -> str:
    """The catalogue key of the rule that decided the verdict."""
    if result.crosses_line:
        return "offers.why.line"
    if result.shortfall_months == 0:
        cheap = within_margin(result.total_fen, result.own_total_fen)
        return "offers.why.affordable" if cheap else "offers.why.dearer"
    if result.shortfall_months <= SHORT_SHARE * result.offer.terms.plan_months:
        return "offers.why.few_short"
    return "offers.why.many_short"


def _share(extra_fen: int, own_fen: int) -> str:
    return format_rate(extra_fen / own_fen if own_fen else None, 1)


def reasons(result: OfferEvaluation, lang: str) -> list[str]:
    """Why the verdict, one sentence each: the true rate and what it is computed on, the
    budget month by month, the cost against the own plan, the legal line, and the rule applied.

    Does 招商银行's offer cost Zhang Wei more than his own plan for the card?

    >>> from helpers.case import load_sample
    >>> from helpers.offers.evaluate import evaluate_offer
    >>> from helpers.offers.terms import OfferTerms
    >>> result = evaluate_offer(load_sample(), OfferTerms("d1", months=24, monthly_fen=120_000))
    >>> print(reasons(result, "en")[2])  # doctest: +ELLIPSIS
    In all (paid, plus still owed after 60 months) the offer costs CN¥29,314.37 against ...
    """
    offer = result.offer
    money = {"owed": format_fen(offer.owed_fen, lang), "base": format_fen(offer.base_fen, lang)}
    lines = [t("offers.reason.rate", lang, rate=offer.rate.describe(lang), **money)]
    if offer.base_fen != offer.owed_fen:
        lines.append(
            t(
                "offers.reason.agreement_rate",
                lang,
                rate=offer.agreement_rate.describe(lang),
                **money,
            )
        )
    months = len(result.result.projection.months)
    if result.shortfall_months:
        lines.append(
            t(
                "offers.reason.short",
                lang,
                count=result.shortfall_months,
                months=months,
                gap=format_fen(result.largest_gap_fen(), lang),
            )
        )
    else:
        lines.append(t("offers.reason.affordable", lang, months=months))
    if result.own_shortfall_months:
        lines.append(t("offers.reason.own_short", lang, count=result.own_shortfall_months))
    key = "offers.reason.dearer" if result.extra_cost_fen > 0 else "offers.reason.cheaper"
    lines.append(
        t(
            key,
            lang,
            months=months,
            total=format_fen(result.total_fen, lang),
            own=format_fen(result.own_total_fen, lang),
            plan=_own_plan_words(result, lang),
            extra=format_fen(abs(result.extra_cost_fen), lang),
            share=_share(abs(result.extra_cost_fen), result.own_total_fen),
        )
    )
    lines.append(
        t(
            _line_key(result),
            lang,
            rate=format_rate(offer.agreement_rate.nominal_annual_rate),
            line=result.line.name(lang),
            source=result.line.source_text(lang),
        )
    )
    lines.append(
        t(
            "offers.reason.verdict",
            lang,
            verdict=verdict_label(result.verdict, lang),
            why=t(
                _why(result),
                lang,
                count=result.shortfall_months,
                months=result.offer.terms.plan_months,
                share=_share(result.extra_cost_fen, result.own_total_fen),
            ),
        )
    )
    return lines


def _line_key(result: OfferEvaluation) -> str:
    """The catalogue key of the sentence on the legal line: crossed, exactly on it (which does
    not cross, :func:`helpers.rules.crosses_line`), or below it."""
    if result.crosses_line:
        return "offers.reason.line_crossed"
    rate = result.offer.agreement_rate.nominal_annual_rate
    if rate is not None and rate >= result.line.annual_rate - CROSSING_TOLERANCE:
        return "offers.reason.line_on"
    return "offers.reason.line_ok"


def _own_plan_words(result: OfferEvaluation, lang: str) -> str:
    plan = result.own_plan
    return describe(plan if plan is not None else StatusQuo("minimum"), lang)


def _own_first_due_fen(result: OfferEvaluation) -> int:
    """The own plan's first scheduled due for the debt that is not zero."""
    projection = result.own.projection
    count = len(projection.debt_ids)
    k = projection.debt_ids.index(result.offer.debt.id)
    due = ROW_COLUMNS.index("scheduled_due")
    return next((row[due] for row in projection.rows[k::count] if row[due]), 0)


def _offer_words(result: OfferEvaluation, lang: str) -> dict[str, Any]:
    terms = result.offer.terms
    down = (
        t("offers.counter.down", lang, down=format_fen(terms.down_payment_fen, lang))
        if terms.down_payment_fen
        else ""
    )
    return {
        "lender": result.offer.debt.lender,
        "monthly": format_fen(result.offer.monthly_fen, lang),
        "months": terms.months,
        "down": down,
    }


def counter_proposal(result: OfferEvaluation, lang: str) -> str:
    """The message to send the lender: an acceptance asking for the terms in writing, or a
    counter-proposal that says why and proposes the borrower's own plan for the debt.

    What should Zhang Wei answer 招商银行?

    >>> from helpers.case import load_sample
    >>> from helpers.offers.evaluate import evaluate_offer
    >>> from helpers.offers.terms import OfferTerms
    >>> result = evaluate_offer(load_sample(), OfferTerms("d1", months=24, monthly_fen=120_000))
    >>> print(counter_proposal(result, "en"))  # doctest: +ELLIPSIS
    Thank you for the offer of CN¥1,200.00 a month for 24 months. ... in writing.
    """
    words = _offer_words(result, lang)
    if result.verdict == Verdict.ACCEPT:
        return t("offers.counter.accept", lang, **words)
    parts = [t("offers.counter.thanks", lang, **words)]
    if result.shortfall_months:
        gap = format_fen(result.largest_gap_fen(), lang)
        parts.append(t("offers.counter.short", lang, count=result.shortfall_months, gap=gap))
    elif result.extra_cost_fen > 0:
        extra = format_fen(result.extra_cost_fen, lang)
        parts.append(t("offers.counter.dearer", lang, extra=extra))
    if result.crosses_line:
        rate = format_rate(result.offer.agreement_rate.nominal_annual_rate)
        parts.append(
            t("offers.counter.line", lang, rate=rate, line=format_rate(result.line.annual_rate))
        )
    first = format_fen(_own_first_due_fen(result), lang)
    parts.append(t("offers.counter.ask", lang, plan=_own_plan_words(result, lang), first=first))
    parts.append(t("offers.counter.close", lang))
    return t("offers.counter.joiner", lang).join(parts)


def _yuan(fen: int) -> float:
    return float(fen_to_yuan(fen))


def evaluation_data(result: OfferEvaluation, lang: str) -> dict[str, Any]:
    """The evaluation as plain data (amounts in yuan, rates as fractions), for JSON.

    >>> from helpers.case import load_sample
    >>> from helpers.offers.evaluate import evaluate_offer
    >>> from helpers.offers.terms import OfferTerms
    >>> result = evaluate_offer(load_sample(), OfferTerms("d1", months=24, monthly_fen=120_000))
    >>> data = evaluation_data(result, "en")
    >>> data["verdict"], data["shortfall_months"], round(data["nominal_annual_rate"], 4)
    ('decline', 8, 0.0003)
    """
    offer, terms = result.offer, result.offer.terms
    return {
        "debt_id": offer.debt.id,
        "lender": offer.debt.lender,
        "verdict": result.verdict.value,
        "verdict_text": verdict_label(result.verdict, lang),
        "monthly": _yuan(offer.monthly_fen),
        "months": terms.months,
        "down_payment": _yuan(terms.down_payment_fen),
        "owed_now": _yuan(offer.owed_fen),
        "waived": _yuan(offer.waived_fen),
        "balance_reinstaled": _yuan(offer.base_fen),
        "plan_annual_rate": offer.plan.annual_rate,
        "plan_monthly_fee_rate": offer.plan.monthly_fee_rate,
        "nominal_annual_rate": offer.rate.nominal_annual_rate,
        "effective_annual_rate": offer.rate.effective_annual_rate,
        "rate_on": "owed_now_less_down_payment",
        "agreement_nominal_annual_rate": offer.agreement_rate.nominal_annual_rate,
        "agreement_effective_annual_rate": offer.agreement_rate.effective_annual_rate,
        "legal_line": result.line.to_dict(lang),
        "crosses_legal_line": result.crosses_line,
        "horizon_months": len(result.result.projection.months),
        "shortfall_months": result.shortfall_months,
        "largest_monthly_gap": _yuan(result.largest_gap_fen()),
        "own_shortfall_months": result.own_shortfall_months,
        "own_scenario": result.own.scenario.name,
        "own_scenario_chosen": result.own_chosen,
        "own_plan": _own_plan_words(result, lang),
        "total_cost": _yuan(result.total_fen),
        "own_plan_total_cost": _yuan(result.own_total_fen),
        "extra_cost_vs_own_plan": _yuan(result.extra_cost_fen),
        "reasons": reasons(result, lang),
        "counter_proposal": counter_proposal(result, lang),
    }
