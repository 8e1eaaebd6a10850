"""Commands on rates and rules: ``apr`` (the true annual rate of an offer) and ``audit`` (each
debt of a case against the legal lines).

>>> from helpers.cli import main
>>> main(["apr", "--principal", "100000", "--upfront-fee", "1000", "--payments", "8833.30x12",
...       "--lang", "en"])
Money received: CN¥99,000.00 (principal CN¥100,000.00 − fee taken up front CN¥1,000.00)
Payments: 12 months, CN¥105,999.60 in all
Interest and fees: CN¥6,999.60
True annual rate: 12.80% a year nominal (12 × 1.0670% a month), 13.58% effective
0
"""

from __future__ import annotations

import argparse
import json
import re
import unicodedata
import warnings
from datetime import date
from typing import Any

from pydantic_core import PydanticCustomError

from helpers.case import (
    MAX_AMOUNT_TEXT,
    MAX_FEN,
    RATE_LIMITS,
    load_case,
    suggest_fraction,
    to_rate,
)
from helpers.cli import EXIT_OK, default_language, resolve_case
from helpers.errors import AmountError, CaseError, Problem
from helpers.i18n import t
from helpers.money import fen_to_yuan, format_fen, parse_amount
from helpers.rates import TrueRate, fee_instalments_fen, offer_flows, true_annual_rate
from helpers.rules import LprTableEndWarning, audit_case

__all__ = ["register", "parse_payments", "apr_result"]

MAX_MONTHS = 600
MAX_MONTHLY_FEE_RATE = RATE_LIMITS["monthly_fee_rate"]  # above it, a percentage was meant
_REPEAT = re.compile(r"^(?P<amount>.+?)\s*[xX×*]\s*(?P<count>\d+)$")
_SHORT_GROUP = re.compile(r"^[-+]?\d{1,3}$")
_THOUSANDS_TAIL = re.compile(r"^\d{3}(\.\d*)?(\s*[xX×*]\s*\d+)?$")


def _fail(option: str, value: Any, key: str, **params: Any) -> CaseError:
    return CaseError([Problem(option, value, key, params)])


def _looks_like_thousands(previous: str, piece: str) -> bool:
    """Whether ``previous,piece`` reads as one number with a thousands comma ("8,833.30").

    >>> _looks_like_thousands("8", "833.30x12"), _looks_like_thousands("12", "000")
    (True, True)
    >>> _looks_like_thousands("500", "500"), _looks_like_thousands("1000", "250.50")
    (False, False)
    """
    if not (_SHORT_GROUP.match(previous) and _THOUSANDS_TAIL.match(piece)):
        return False
    return "." in piece or piece.startswith("0") or len(previous.lstrip("+-")) < 3


def parse_payments(text: str) -> list[int]:
    """Payments written as a list: amounts separated by commas (or semicolons), ``AMOUNTxN``
    repeating one N times; returns fen.

    Examples
    --------
    >>> parse_payments("8833.30x12")[:2], len(parse_payments("8833.30x12"))
    ([883330, 883330], 12)
    >>> parse_payments("500,500,1.2k"), parse_payments("1,200.50; 300")
    ([50000, 50000, 120000], [120050, 30000])
    >>> parse_payments("8,833.30x12")
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: --payments: '8,833.30x12' looks like a thousands comma read as ...
    """
    normalized = unicodedata.normalize("NFKC", text).strip()
    separator = ";" if ";" in normalized else ","
    pieces = [piece.strip() for piece in normalized.split(separator)]
    if not normalized or any(not piece for piece in pieces):
        raise _fail("--payments", text, "cli.apr.bad_payments")
    if separator == ",":
        for previous, piece in zip(pieces, pieces[1:], strict=False):
            if _looks_like_thousands(previous, piece):
                raise _fail("--payments", text, "cli.apr.thousands_comma")
    payments: list[int] = []
    for piece in pieces:
        match = _REPEAT.match(piece)
        amount_text, count = (match["amount"], int(match["count"])) if match else (piece, 1)
        if not 1 <= count <= MAX_MONTHS:
            raise _fail("--payments", piece, "cli.apr.bad_repeat")
        payments += [_amount("--payments", amount_text)] * count
    if len(payments) > MAX_MONTHS:
        raise _fail("--payments", len(payments), "errors.too_large", maximum=MAX_MONTHS)
    return payments


def _amount(option: str, text: str) -> int:
    """An amount option in fen, no larger than a case file's amounts may be.

    >>> _amount("--principal", "1.2万")
    1200000
    >>> _amount("--principal", "99999999999999999999999999999亿")
    Traceback (most recent call last):
    ...
    helpers.errors.CaseError: --principal: '99999999999999999999999999999亿' is too large; ...
    """
    try:
        fen = parse_amount(text)
    except AmountError:
        raise _fail(option, text, "errors.not_amount") from None
    except ArithmeticError:  # more digits than a Decimal holds
        fen = MAX_FEN + 1
    if abs(fen) > MAX_FEN:
        raise _fail(option, text, "errors.too_large", maximum=MAX_AMOUNT_TEXT)
    return fen


def _months(text: str) -> int:
    try:
        months = int(text)
    except ValueError:
        raise _fail("--months", text, "cli.apr.bad_months") from None
    if not 1 <= months <= MAX_MONTHS:
        raise _fail("--months", text, "cli.apr.bad_months")
    return months


def _fee_rate(text: str) -> float:
    try:
        rate = to_rate(text)
    except PydanticCustomError:
        raise _fail("--monthly-fee-rate", text, "cli.apr.bad_fee_rate") from None
    if rate < 0:
        raise _fail("--monthly-fee-rate", text, "errors.negative_rate")
    if rate > MAX_MONTHLY_FEE_RATE:
        raise _fail(
            "--monthly-fee-rate",
            text,
            "errors.rate_not_fraction",
            suggestion=suggest_fraction(rate),
        )
    return rate


def _payments_from(args: argparse.Namespace, principal_fen: int) -> list[int]:
    by_fee = args.months is not None or args.monthly_fee_rate is not None
    if args.payments is not None and by_fee:
        raise _fail("--payments", args.payments, "cli.apr.both_schedules")
    if args.payments is not None:
        return parse_payments(args.payments)
    if args.months is None or args.monthly_fee_rate is None:
        raise _fail("", None, "cli.apr.needs_schedule")
    return fee_instalments_fen(
        principal_fen, _fee_rate(args.monthly_fee_rate), _months(args.months)
    )


def apr_result(principal_fen: int, payments_fen: list[int], upfront_fee_fen: int) -> TrueRate:
    """The true rate of an offer as the ``apr`` command computes it.

    >>> round(apr_result(10_000_000, [883_330] * 12, 100_000).nominal_annual_rate, 4)
    0.128
    """
    return true_annual_rate(
        offer_flows(principal_fen, payments_fen, upfront_fee_fen=upfront_fee_fen)
    )


def cmd_apr(args: argparse.Namespace) -> int:
    """Print the true annual rate of an offer, nominal and effective (or why there is none)."""
    lang = args.lang or default_language()
    principal = _amount("--principal", args.principal)
    if principal <= 0:
        raise _fail("--principal", args.principal, "cli.apr.not_positive")
    fee = _amount("--upfront-fee", args.upfront_fee)
    if fee < 0:
        raise _fail("--upfront-fee", args.upfront_fee, "cli.apr.negative_fee")
    if fee >= principal:
        raise _fail(
            "--upfront-fee", args.upfront_fee, "cli.apr.fee_too_large", principal=args.principal
        )
    payments = _payments_from(args, principal)
    rate = apr_result(principal, payments, fee)
    received, total = principal - fee, sum(payments)
    if args.json:
        data = {
            "principal": float(fen_to_yuan(principal)),
            "upfront_fee": float(fen_to_yuan(fee)),
            "received": float(fen_to_yuan(received)),
            "months": len(payments),
            "payments_total": float(fen_to_yuan(total)),
            **rate.to_dict(),
            "reason_key": rate.reason,
            "reason": t(rate.reason, lang) if rate.reason else None,
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    money = {"received": format_fen(received, lang), "principal": format_fen(principal, lang)}
    if fee:
        print(t("cli.apr.received", lang, fee=format_fen(fee, lang), **money))
    else:
        print(t("cli.apr.received_plain", lang, **money))
    print(t("cli.apr.payments", lang, count=len(payments), total=format_fen(total, lang)))
    print(t("cli.apr.cost", lang, cost=format_fen(total - received, lang)))
    print(t("cli.apr.rate", lang, text=rate.describe(lang)))
    return EXIT_OK


def _filing_date(text: str | None) -> date | None:
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise _fail("--filing-date", text, "errors.bad_date") from None


def cmd_audit(args: argparse.Namespace) -> int:
    """Print each debt's true rate and the legal lines it crosses."""
    filing = _filing_date(args.filing_date)
    path = resolve_case(args.case)
    case = load_case(path)
    lang = args.lang or case.language
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", LprTableEndWarning)  # each audit notes it in words
        audits = audit_case(case, filing_date=filing)
    if args.json:
        data = {
            "case": str(path),
            "as_of": case.as_of.isoformat(),
            "filing_date": (filing or case.as_of).isoformat(),
            "debts": [a.to_dict(lang) for a in audits],
        }
        print(json.dumps(data, ensure_ascii=False, indent=2))
        return EXIT_OK
    print(t("rules.audit.title", lang, source=path, as_of=case.as_of.isoformat()))
    for result in audits:
        print()
        print(result.render(lang))
    print()
    crossing = sum(1 for a in audits if a.crosses)
    print(t("rules.audit.summary", lang, count=len(audits), crossing=crossing))
    return EXIT_OK


def register(add) -> None:
    """Add ``apr`` and ``audit`` to the parser (see :func:`helpers.cli.build_parser`).

    >>> names = []
    >>> register(lambda name, handler: names.append(name) or _Stub())
    >>> names
    ['apr', 'audit']
    """
    apr = add("apr", cmd_apr)
    apr.add_argument("--principal", required=True)
    apr.add_argument("--upfront-fee", default="0")
    apr.add_argument("--months")
    apr.add_argument("--monthly-fee-rate")
    apr.add_argument("--payments")
    apr.add_argument("--json", action="store_true")
    audit = add("audit", cmd_audit)
    audit.add_argument("case")
    audit.add_argument("--json", action="store_true")
    audit.add_argument("--filing-date")


class _Stub:
    def add_argument(self, *args, **kwargs):
        return None
