"""Offers: a lender's counter-offer for one debt, its true rate, whether the budget carries it
beside the other debts, what it costs against the borrower's own plan, the legal line, and the
verdict (accept, counter, decline) with its reasons and a counter-proposal in both languages.

Is 招商银行's offer of 1,200 a month for 24 months one Zhang Wei can carry?

>>> from helpers.case import load_sample
>>> result = evaluate_offer(load_sample(), OfferTerms("d1", months=24, monthly_fen=120_000))
>>> result.verdict.value
'decline'
"""

from helpers.offers.evaluate import (
    OfferEvaluation,
    debt_total_fen,
    evaluate_offer,
    own_base,
    with_plan,
)
from helpers.offers.schedule import OfferSchedule, agreement_base_fen, schedule_offer
from helpers.offers.terms import (
    AGREE_WITHIN_FEN,
    MAX_MONTHLY_FEE_RATE,
    MAX_OFFER_MONTHS,
    OfferError,
    OfferTerms,
    check_terms,
    find_debt,
)
from helpers.offers.verdict import ACCEPT_MARGIN, SHORT_SHARE, Verdict, decide, within_margin
from helpers.offers.words import counter_proposal, evaluation_data, reasons, verdict_label

__all__ = [
    "ACCEPT_MARGIN",
    "AGREE_WITHIN_FEN",
    "MAX_MONTHLY_FEE_RATE",
    "MAX_OFFER_MONTHS",
    "OfferError",
    "OfferEvaluation",
    "OfferSchedule",
    "OfferTerms",
    "SHORT_SHARE",
    "Verdict",
    "agreement_base_fen",
    "check_terms",
    "counter_proposal",
    "debt_total_fen",
    "decide",
    "evaluate_offer",
    "evaluation_data",
    "find_debt",
    "own_base",
    "reasons",
    "schedule_offer",
    "verdict_label",
    "with_plan",
    "within_margin",
]
