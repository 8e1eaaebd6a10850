"""The scam screen: warnings about third parties and requests regulators warn against, and
always the free ways to get help.

What the case records is read two ways:

- **Recorded** approaches (the case's ``approaches``: who, the signs ticked, a fee asked up
  front); a fee counts as ``upfront_fee`` even when the sign is not ticked.
- **Mentioned** signs: the words of :data:`SIGN_WORDS` (Chinese and English) found in the
  case's free text: the hardship's description and the notes of debts, incomes, costs,
  documents and approaches. A word is a prompt to check, so the warning asks rather than tells.

Regulators warn against agencies selling "停息挂账", "债务优化", "反催收" or "全额免息" for a
fee up front, and against new loans to repay old ones; negotiating with the lender is free
(DOMAIN.md, "scams": NFRA and local bureau warnings 2022–2026). The free help: the lender
itself, 12378 (NFRA, consumer complaints about banks, consumer-finance companies and insurers)
and 12363 (PBOC, financial consumer protection) (DOMAIN.md, "complaints").

Did anyone ask Wang Fang for something she should refuse?

>>> from helpers.case import load_sample
>>> scam_screen(load_sample("wang_fang_income_drop"))
()
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from helpers.case import Case, ScamSign

__all__ = ["SIGN_WORDS", "FREE_HELP", "ScamWarning", "scam_screen", "case_texts"]

# Words that suggest each sign in a note (matched ignoring case). Kept narrow: a loan's own
# "服务费" (a platform's service fee) is no warning sign, so fees match only in words about
# paying first.
SIGN_WORDS: dict[ScamSign, tuple[str, ...]] = {
    ScamSign.AGENCY: (
        "债务优化",
        "停息挂账",
        "反催收",
        "全额免息",
        "征信修复",
        "代理协商",
        "debt optimisation",
        "debt optimization",
        "stop interest",
        "anti-collection",
        "credit repair",
    ),
    ScamSign.UPFRONT_FEE: (
        "前期费用",
        "先交费",
        "先付费",
        "先交钱",
        "代理费",
        "upfront fee",
        "up-front fee",
        "advance fee",
        "fee in advance",
    ),
    ScamSign.ID_ORIGINAL: ("身份证原件", "original id", "id card original"),
    ScamSign.PASSWORD: ("密码", "password"),
    ScamSign.VERIFICATION_CODE: ("验证码", "verification code", "sms code"),
    ScamSign.NEW_LOAN: (
        "借新还旧",
        "以贷养贷",
        "以贷还贷",
        "new loan to repay",
        "borrow to repay",
    ),
}

# The free help, always shown (keys ``proposals.scam.free.<name>``).
FREE_HELP = ("lender", "12378", "12363")


@dataclass(frozen=True)
class ScamWarning:
    """A sign found in the case: ``where`` is the field path (``approaches[0]``,
    ``debts[2].note``); ``word`` is the word found in a note, None for a recorded sign;
    ``who`` is the approach's ``who``, or the lender whose note it is, or None."""

    sign: ScamSign
    where: str
    who: str | None = None
    word: str | None = None


def case_texts(case: Case) -> Iterator[tuple[str, str | None, str]]:
    """Every free text of the case, as (field path, whose it is, text).

    >>> from helpers.case import load_sample
    >>> [(where, who) for where, who, _ in case_texts(load_sample())][:2]
    [('hardship.description', None), ('incomes[0].note', None)]
    """
    if case.hardship is not None and case.hardship.description:
        yield "hardship.description", None, case.hardship.description
    sections = (("incomes", case.incomes), ("costs", case.costs), ("evidence", case.evidence))
    for name, items in sections:
        for k, item in enumerate(items):
            if item.note:
                yield f"{name}[{k}].note", None, item.note
    for k, debt in enumerate(case.debts):
        if debt.note:
            yield f"debts[{k}].note", debt.lender, debt.note
    for k, approach in enumerate(case.approaches or ()):
        if approach.note:
            yield f"approaches[{k}].note", approach.who, approach.note


def _mentioned(text: str) -> Iterator[tuple[ScamSign, str]]:
    folded = text.casefold()
    for sign, words in SIGN_WORDS.items():
        found = next((w for w in words if w.casefold() in folded), None)
        if found is not None:
            yield sign, found


def scam_screen(case: Case) -> tuple[ScamWarning, ...]:
    """The warning signs the case records or mentions: recorded approaches first (their signs
    in :class:`ScamSign` order), then words found in its notes, one warning per sign and place.

    Examples
    --------
    An agency offered to get Zhang Wei's interest stopped for 3,000 yuan up front, and his
    hardship note says a caller wanted the code from his phone:

    >>> from helpers.case import load_sample
    >>> data = load_sample().to_data()
    >>> data["approaches"] = [{"who": "某某债务优化公司", "signs": ["agency"], "fee": 3000}]
    >>> data["hardship"]["description"] += "有人打电话让我报验证码。"
    >>> for w in scam_screen(Case.model_validate(data)):
    ...     print(w.sign.value, w.where, w.word)
    agency approaches[0] None
    upfront_fee approaches[0] None
    verification_code hardship.description 验证码
    """
    warnings: list[ScamWarning] = []
    for k, approach in enumerate(case.approaches or ()):
        signs = sorted(approach.all_signs, key=list(ScamSign).index)
        warnings += [ScamWarning(sign, f"approaches[{k}]", approach.who) for sign in signs]
    recorded = {(w.sign, w.where) for w in warnings}
    for where, who, text in case_texts(case):
        for sign, word in _mentioned(text):
            if (sign, where.removesuffix(".note")) not in recorded:
                warnings.append(ScamWarning(sign, where, who, word))
    return tuple(warnings)
