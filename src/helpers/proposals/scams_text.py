"""The scam screen for people: each warning with its advice, then the free help and the source.

Where can Zhang Wei get help for free?

>>> from helpers.case import load_sample
>>> for line in scam_lines(load_sample(), "en"):
...     print(line)  # doctest: +ELLIPSIS
The case records no suspicious third party or request.
Free help:
- The lender itself: its hotline, its app's chat or a branch; negotiating ... costs nothing.
- 12378: the National Financial Regulatory Administration's consumer complaint line, ...
- 12363: the People's Bank of China's financial consumer protection line, ...
Source: risk warnings of the National Financial Regulatory Administration ... (2022–2026)
"""

from __future__ import annotations

from helpers.case import Case
from helpers.i18n import label, t
from helpers.proposals.scams import FREE_HELP, ScamWarning, scam_screen

__all__ = ["warning_text", "scam_lines"]


def _where(warning: ScamWarning, lang: str) -> str:
    if warning.where.startswith("debts["):
        return t("proposals.scam.where.debt_note", lang, lender=warning.who)
    if warning.where == "hardship.description":
        return t("proposals.scam.where.hardship", lang)
    return t("proposals.scam.where.note", lang)


def warning_text(warning: ScamWarning, lang: str) -> str:
    """One warning and what to do about it.

    >>> from helpers.case import ScamSign
    >>> asked = ScamWarning(ScamSign.PASSWORD, "approaches[0]", "王经理")
    >>> print(warning_text(asked, "zh-CN"))  # doctest: +ELLIPSIS
    王经理：索要密码。任何人都不该要你的银行卡、App 或支付密码，贷款方也不会要：...
    >>> noted = ScamWarning(ScamSign.NEW_LOAN, "debts[1].note", "借呗", "借新还旧")
    >>> print(warning_text(noted, "en"))  # doctest: +ELLIPSIS
    The note on 借呗 mentions "借新还旧", which sounds like a new loan to repay the old ones. ...
    """
    sign = label("case.scam_sign", warning.sign, lang)
    advice = t(f"proposals.scam.advice.{warning.sign.value}", lang)
    if warning.word is None:
        return t("proposals.scam.recorded", lang, who=warning.who, sign=sign, advice=advice)
    where = _where(warning, lang)
    return t(
        "proposals.scam.mentioned", lang, where=where, word=warning.word, sign=sign, advice=advice
    )


def scam_lines(case: Case, lang: str) -> list[str]:
    """The warnings (or a line saying there are none), then the free help, then the source.

    >>> from helpers.case import load_sample
    >>> scam_lines(load_sample("li_na_illness"), "zh-CN")[2]
    '- 贷款方自己：打客服热线、用 App 在线客服或去网点，协商还款不收费。'
    """
    warnings = [warning_text(w, lang) for w in scam_screen(case)]
    lines = warnings or [t("proposals.scam.none", lang)]
    lines.append(t("proposals.scam.free_header", lang))
    lines += [f"- {t(f'proposals.scam.free.{name}', lang)}" for name in FREE_HELP]
    lines.append(t("proposals.scam.source", lang))
    return lines
