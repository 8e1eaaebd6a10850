"""The rules of a debt as the editor shows them: the payment order in the page's language
(typed by keys or by the labels of either language), and what each rule field is when left
empty (the default of the debt's lender kind), each saying what it stands for.

>>> order_text(parse_order("charges penalty interest principal"), "zh-CN")
'费用、罚息、利息、本金'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from helpers.case import Bucket, default_terms
from helpers.i18n import LANGUAGES, join_list, label, t
from helpers.money import format_fen

__all__ = ["order_text", "parse_order", "relabel_orders", "RULE_FIELDS", "rule_defaults"]

_ORDER_SEPARATORS = r"[,，、;；>→]+"


def order_text(order: Iterable[Any], lang: str) -> str:
    """A payment order as a page shows it: the buckets' labels, listed as the language lists.

    >>> order_text(["charges", "penalty", "interest", "principal"], "zh-CN")
    '费用、罚息、利息、本金'
    >>> order_text(["charges", "penalty", "interest", "principal"], "en")
    'charges, penalty interest, interest, principal'
    """
    return join_list([label("case.bucket", bucket, lang) for bucket in order], lang)


def parse_order(text: str) -> list[str]:
    """The buckets of a payment order as typed: each named by its key or its label in either
    language (any case), separated by commas, 、, ; or >, or else by spaces. A part that names
    no bucket is kept as typed, for the case's check to name.

    >>> parse_order("费用、罚息、利息、本金") == parse_order("charges penalty interest principal")
    True
    >>> parse_order("Charges, penalty interest, interest, principal")
    ['charges', 'penalty', 'interest', 'principal']
    >>> parse_order("本金 > 利息 > 违约金")
    ['principal', 'interest', '违约金']
    """
    names = {b.value: b.value for b in Bucket}
    for bucket in Bucket:
        names.update(
            {label("case.bucket", bucket, lang).lower(): bucket.value for lang in LANGUAGES}
        )
    text = text.strip()
    parts = re.split(_ORDER_SEPARATORS if re.search(_ORDER_SEPARATORS, text) else r"\s+", text)
    return [names.get(part.strip().lower(), part.strip()) for part in parts if part.strip()]


def relabel_orders(draft: Mapping[str, Any], lang: str) -> None:
    """Show each debt's payment order in another language, where it names only buckets (an
    order being typed, with a part that names none, is left as typed).

    >>> draft = {"debts": [{"payment_order": "费用、罚息、利息、本金"}, {"payment_order": "x y"}]}
    >>> relabel_orders(draft, "en"); [d["payment_order"] for d in draft["debts"]]
    ['charges, penalty interest, interest, principal', 'x y']
    """
    buckets = {b.value for b in Bucket}
    for item in draft.get("debts", ()):
        text = item.get("payment_order")
        order = parse_order(text) if isinstance(text, str) and text.strip() else []
        if order and set(order) <= buckets:
            item["payment_order"] = order_text(order, lang)


def _number(value: float) -> str:
    return format(Decimal(repr(float(value))).normalize(), "f")


RULE_FIELDS = (
    "penalty_rate_multiplier",
    "late_charge_rate",
    "late_charge_fixed",
    "minimum_payment_rate",
    "acceleration_after_missed",
    "payment_order",
)


def _fraction(rate: float, lang: str) -> str:
    percent = f"{format((Decimal(repr(rate)) * 100).normalize(), 'f')}%"
    return t(
        "ui.hint.fraction",
        lang,
        value=_number(rate),
        percent=percent,
    )


def rule_defaults(kind: Any, lang: str) -> dict[str, str]:
    """What each rule field of a debt is when left empty: its lender kind's default, as text in
    the page's language, each saying what it stands for (a rate with its percentage, an order
    by the buckets' labels).

    What does a credit card charge and apply by default?

    >>> defaults = rule_defaults("credit_card", "zh-CN")
    >>> defaults["late_charge_rate"], defaults["payment_order"]
    ('默认 0.05（5%）', '默认 费用、罚息、利息、本金')
    >>> rule_defaults("consumer_finance", "en")["acceleration_after_missed"]
    'default 3 missed instalments'
    >>> rule_defaults("nonsense", "en")
    {}
    """
    try:
        terms = default_terms(kind)
    except ValueError:
        return {}
    missed = terms.acceleration_after_missed
    values = {
        "penalty_rate_multiplier": t(
            "ui.hint.multiplier",
            lang,
            value=_number(terms.penalty_rate_multiplier),
        ),
        "late_charge_rate": _fraction(terms.late_charge_rate, lang),
        "late_charge_fixed": format_fen(terms.late_charge_fixed_fen, lang),
        "minimum_payment_rate": (
            None
            if terms.minimum_payment_rate is None
            else _fraction(terms.minimum_payment_rate, lang)
        ),
        "acceleration_after_missed": (
            t("ui.hint.missed", lang, value=missed, count=missed)
            if missed
            else t("ui.hint.never", lang)
        ),
        "payment_order": order_text(terms.payment_order, lang),
    }
    return {
        name: t("ui.hint.default", lang, value=value)
        for name, value in values.items()
        if value is not None
    }
