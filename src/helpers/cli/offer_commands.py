"""``python -m helpers offer CASE --lender ID [--monthly X] --months N [--annual-rate R |
--monthly-fee-rate R] [--down D] [--waive ITEM ...] [--json]``: the verdict on a lender's
counter-offer, its reasons and the answer to send.

>>> from helpers.cli import main
>>> main(["offer", "zhang_wei_unemployed", "--lender", "d1", "--monthly", "1200",
...       "--months", "24", "--lang", "en"])  # doctest: +ELLIPSIS
招商银行 (d1): decline
- True annual rate: ...
0
"""

from __future__ import annotations

import argparse
import dataclasses
import json

from pydantic_core import PydanticCustomError

from helpers.case import load_case, to_rate
from helpers.cli import EXIT_OK, horizon, resolve_case
from helpers.errors import AmountError, CaseError, Problem
from helpers.i18n import t
from helpers.money import parse_amount
from helpers.offers import (
    OfferError,
    OfferTerms,
    counter_proposal,
    evaluate_offer,
    evaluation_data,
    reasons,
    verdict_label,
)

__all__ = ["register", "parse_waive", "terms_from_args"]

_OPTIONS = {
    "lender": "--lender",
    "monthly": "--monthly",
    "months": "--months",
    "annual_rate": "--annual-rate",
    "monthly_fee_rate": "--monthly-fee-rate",
    "down": "--down",
    "waive": "--waive",
}
WAIVE_ITEMS = ("penalty", "charges", "interest")


def _fail(option: str, value: object, key: str, **params: object) -> CaseError:
    return CaseError([Problem(option, value, key, params)])


def _amount(option: str, text: str | None) -> int | None:
    if text is None:
        return None
    try:
        return parse_amount(text)
    except (AmountError, ArithmeticError):
        raise _fail(option, text, "errors.not_amount") from None


def _rate(option: str, text: str | None) -> float | None:
    if text is None:
        return None
    try:
        return to_rate(text)
    except PydanticCustomError:
        raise _fail(option, text, "errors.not_rate") from None


def _months(text: str) -> int:
    words = text.strip()
    if not (words.isascii() and words.lstrip("-").isdigit() and len(words) <= 5):
        raise _fail("--months", text, "offers.error.months", maximum=600)
    return int(words)


def parse_waive(items: list[str] | None) -> dict[str, object]:
    """What ``--waive`` forgives: ``penalty``, ``charges``, ``interest`` (all the interest
    accrued so far) or ``interest=SHARE`` (a share of it).

    >>> parse_waive(["penalty", "interest=0.5"])
    {'waive_penalty': True, 'waive_charges': False, 'interest_share': 0.5}
    >>> parse_waive(["fees"])
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: --waive: 'fees' is not something a lender waives; use penalty, ...
    """
    waived: dict[str, object] = {"waive_penalty": False, "waive_charges": False}
    waived["interest_share"] = 0.0
    for item in items or []:
        name, _, share = item.strip().partition("=")
        if name not in WAIVE_ITEMS or (share and name != "interest"):
            raise _fail("--waive", item, "cli.offer.bad_waive", items=", ".join(WAIVE_ITEMS))
        if name == "interest":
            waived["interest_share"] = _rate("--waive", share) if share else 1.0
        else:
            waived[f"waive_{name}"] = True
    return waived


def terms_from_args(args: argparse.Namespace) -> OfferTerms:
    """The offer the options describe (amounts parsed as people write them: 1200, 1.2k, 1,200).

    >>> args = argparse.Namespace(lender="d1", monthly="1.2k", months="24", annual_rate=None,
    ...     monthly_fee_rate=None, down=None, waive=["charges"])
    >>> terms_from_args(args)  # doctest: +NORMALIZE_WHITESPACE
    OfferTerms(debt_id='d1', months=24, monthly_fen=120000, annual_rate=None,
               monthly_fee_rate=None, down_payment_fen=0, waive_penalty=False,
               waive_charges=True, interest_share=0.0)
    """
    return OfferTerms(
        args.lender,
        _months(args.months),
        monthly_fen=_amount("--monthly", args.monthly),
        annual_rate=_rate("--annual-rate", args.annual_rate),
        monthly_fee_rate=_rate("--monthly-fee-rate", args.monthly_fee_rate),
        down_payment_fen=_amount("--down", args.down) or 0,
        **parse_waive(args.waive),
    )


def _as_options(error: OfferError) -> OfferError:
    """The same problems, each field named by its option (``annual_rate`` → ``--annual-rate``);
    the messages name the fields in words, as the notebook's form shows them too."""
    problems = [
        dataclasses.replace(p, where=_OPTIONS.get(p.where, p.where)) for p in error.problems
    ]
    return OfferError(problems)


def cmd_offer(args: argparse.Namespace) -> int:
    """Print the verdict on an offer, the reasons and the answer to send (or JSON)."""
    case = load_case(resolve_case(args.case))
    lang = args.lang or case.language
    try:
        result = evaluate_offer(case, terms_from_args(args), horizon=args.horizon)
    except OfferError as error:
        raise _as_options(error) from None
    if args.json:
        print(json.dumps(evaluation_data(result, lang), ensure_ascii=False, indent=2))
        return EXIT_OK
    debt = result.offer.debt
    print(
        t(
            "cli.offer.head",
            lang,
            lender=debt.lender,
            id=debt.id,
            verdict=verdict_label(result.verdict, lang),
        )
    )
    print("\n".join(f"- {line}" for line in reasons(result, lang)))
    print()
    print(t("cli.offer.answer", lang))
    print(counter_proposal(result, lang))
    return EXIT_OK


def register(add) -> None:
    """Add the ``offer`` command.

    Which arguments does it take?

    >>> from helpers.cli import argument_names
    >>> argument_names(register)  # doctest: +NORMALIZE_WHITESPACE
    ['case', '--lender', '--monthly', '--months', '--annual-rate', '--monthly-fee-rate',
     '--down', '--waive', '--json', '--horizon']
    """
    sub = add("offer", cmd_offer)
    sub.add_argument("case")
    sub.add_argument("--lender", required=True)
    sub.add_argument("--monthly")
    sub.add_argument("--months", required=True)
    sub.add_argument("--annual-rate")
    sub.add_argument("--monthly-fee-rate")
    sub.add_argument("--down")
    sub.add_argument("--waive", nargs="+")
    sub.add_argument("--json", action="store_true")
    sub.add_argument("--horizon", type=horizon, default=60)
