"""The true annual rate of one offer: the IRR of its monthly cash flows, nominal and effective.

Sign convention: ``flows[0]`` is the money the borrower actually receives and ``flows[1:]`` the
payments, one a month, written from either side: the lender's (``-received, +payment, …``, as
numpy-financial and pyxirr write an investment) or the borrower's (``+received, -payment, …``).
The rate is the same either way, because negating every flow leaves its roots unchanged. Any unit
(fen or yuan) serves, as long as all flows share it; a zero is a month without a payment.

Where the flows change sign once (money one way, then the other) exactly one rate above −100% a
month balances them. Where they change sign more often there may be several, or none: the one
closest to zero is reported and flagged, or no rate with the reason (DESIGN.md, "True annual
rate"). Nothing here raises for a flow without a rate.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pyxirr

from helpers.i18n import t
from helpers.rates._convert import MONTHS_PER_YEAR, format_rate
from helpers.rates._roots import _all_roots, _bisect_root

__all__ = [
    "REASON_ONE_SIGN",
    "REASON_NO_ROOT",
    "TrueRate",
    "true_annual_rate",
    "sign_changes",
]

REASON_ONE_SIGN = "rates.reason.one_sign"
REASON_NO_ROOT = "rates.reason.no_root"


@dataclass(frozen=True, slots=True)
class TrueRate:
    """The true rate of one offer: its monthly IRR, as a nominal and an effective annual rate.

    Attributes
    ----------
    monthly_rate : float or None
        The monthly IRR, a fraction; None when no rate exists.
    nominal_annual_rate : float or None
        ``12 × monthly_rate`` (PBOC announcement [2021] No. 3: "12 × monthly IRR").
    effective_annual_rate : float or None
        ``(1 + monthly_rate)^12 − 1``, the rate once interest bears interest.
    several_roots : bool
        True when several rates balance the flows; ``monthly_rate`` is the one closest to zero.
    reason : str or None
        None, or the catalogue key that says why no rate exists.
    other_monthly_rates : tuple of float
        The other monthly rates that balance the flows, when there are several.
    """

    monthly_rate: float | None
    nominal_annual_rate: float | None
    effective_annual_rate: float | None
    several_roots: bool = False
    reason: str | None = None
    other_monthly_rates: tuple[float, ...] = ()

    @classmethod
    def from_monthly(
        cls, monthly_rate: float, *, other_monthly_rates: tuple[float, ...] = ()
    ) -> TrueRate:
        """The rate built from a monthly IRR (and the other roots, if several).

        >>> TrueRate.from_monthly(0.01).effective_annual_rate
        0.12682503013196977
        """
        monthly_rate = float(monthly_rate)
        return cls(
            monthly_rate,
            monthly_rate * MONTHS_PER_YEAR,
            (1.0 + monthly_rate) ** MONTHS_PER_YEAR - 1.0,
            bool(other_monthly_rates),
            None,
            tuple(other_monthly_rates),
        )

    @classmethod
    def none(cls, reason: str) -> TrueRate:
        """No rate, and the catalogue key of the reason.

        >>> TrueRate.none(REASON_ONE_SIGN).exists
        False
        """
        return cls(None, None, None, False, reason, ())

    @property
    def exists(self) -> bool:
        """Whether a rate balances the flows.

        >>> true_annual_rate([-100, 110]).exists, true_annual_rate([100, 110]).exists
        (True, False)
        """
        return self.monthly_rate is not None

    def describe(self, lang: str) -> str:
        """One line for people: the two annual rates, or why there is none.

        Examples
        --------
        >>> print(true_annual_rate([-99_000] + [8_833.30] * 12).describe("en"))
        12.80% a year nominal (12 × 1.0670% a month), 13.58% effective
        >>> print(true_annual_rate([-99_000] + [8_833.30] * 12).describe("zh-CN"))
        名义年化 12.80%（月利率 1.0670% × 12），复利年化 13.58%
        >>> print(true_annual_rate([5, 5]).describe("en"))
        no rate: the flows never change sign (money moves only one way), so no rate exists
        """
        if not self.exists:
            return t("rates.no_rate", lang, reason=t(self.reason, lang))
        text = t(
            "rates.describe",
            lang,
            nominal=format_rate(self.nominal_annual_rate),
            monthly=format_rate(self.monthly_rate, 4),
            effective=format_rate(self.effective_annual_rate),
        )
        if self.several_roots:
            others = ", ".join(format_rate(m, 4) for m in self.other_monthly_rates)
            text += t("rates.several_roots", lang, others=others)
        return text

    def to_dict(self) -> dict[str, Any]:
        """Plain data for JSON: rates as fractions (None when no rate) and the reason key.

        >>> true_annual_rate([1, 2, 3]).to_dict()["reason"]
        'rates.reason.one_sign'
        """
        return {
            "monthly_rate": self.monthly_rate,
            "nominal_annual_rate": self.nominal_annual_rate,
            "effective_annual_rate": self.effective_annual_rate,
            "several_roots": self.several_roots,
            "other_monthly_rates": list(self.other_monthly_rates),
            "reason": self.reason,
        }


def _as_floats(flows: Sequence[float] | np.ndarray) -> list[float]:
    """The flows as a list of finite floats; ``ValueError`` for anything else.

    >>> _as_floats((1, 2.5))
    [1.0, 2.5]
    """
    if isinstance(flows, np.ndarray):
        values = [float(x) for x in flows.tolist()]
    else:
        values = [float(x) for x in flows]
    if not all(map(math.isfinite, values)):
        bad = next(v for v in values if not math.isfinite(v))
        raise ValueError(f"cash flows must be finite numbers, not {bad!r}")
    return values


def sign_changes(flows: Sequence[float]) -> int:
    """How many times the flows change sign, zeros skipped (Descartes: at most that many rates).

    >>> sign_changes([-100, 50, 0, 60]), sign_changes([-100, 100, 0, -7]), sign_changes([0, 0])
    (1, 2, 0)
    """
    changes = 0
    previous = 0.0
    for value in flows:
        if value:
            if previous and (value > 0) != (previous > 0):
                changes += 1
            previous = value
    return changes


def true_annual_rate(flows: Sequence[float] | np.ndarray) -> TrueRate:
    """The true annual rate of one offer by IRR on monthly periods (the scalar path).

    Parameters
    ----------
    flows : sequence of float
        ``flows[0]`` the money received, then one payment a month; signs from either side (see
        the module notes). Trailing zeros change nothing.

    Returns
    -------
    TrueRate
        Nominal (12 × monthly IRR) and effective ((1 + monthly IRR)^12 − 1) annual rates; when
        several rates fit, the one closest to zero, flagged; when none does, the reason.

    Raises
    ------
    ValueError
        When a flow is not a finite number.

    Notes
    -----
    Flows with one sign change have exactly one rate; pyxirr's Newton solver finds it in about
    2 µs, with a bracketing bisection on ``u = −ln(1 + m)`` (where the flows, divided by their
    largest term, are monotone) as the fallback. Flows with several sign changes go through the
    roots of the polynomial ``Σ flows[k] x^k``, ``x = 1 / (1 + m)`` (as numpy-financial does),
    polished and checked, or a scan of ``u`` when the polynomial is too ill-conditioned.

    Examples
    --------
    The PBOC's own example: 100,000 lent, 1,000 taken up front, twelve payments of 8,833.30.
    The borrower received 99,000:

    >>> rate = true_annual_rate([-99_000] + [8_833.30] * 12)
    >>> round(rate.nominal_annual_rate, 4), round(rate.effective_annual_rate, 4)
    (0.128, 0.1358)

    The same from the borrower's side, in fen:

    >>> round(true_annual_rate([9_900_000] + [-883_330] * 12).nominal_annual_rate, 12)
    0.12803801851

    An interest-free loan costs exactly nothing; paying back less than was lent is a negative rate:

    >>> true_annual_rate([-12_000] + [1_000] * 12).monthly_rate
    0.0
    >>> round(true_annual_rate([-100, 0, 0, 74]).monthly_rate, 6)
    -0.095496

    Two rates balance these flows; the one closest to zero is reported and flagged:

    >>> rate = true_annual_rate([-100, 100, 0, -7])
    >>> round(rate.monthly_rate, 6), rate.several_roots
    (-0.0833, True)
    >>> [round(m, 6) for m in rate.other_monthly_rates]
    [-0.678894]

    Money that only goes one way has no rate, and says why:

    >>> true_annual_rate([-1, -2, -3]).reason
    'rates.reason.one_sign'
    >>> true_annual_rate([-100, 230, -132.5]).reason
    'rates.reason.no_root'
    """
    values = _as_floats(flows)
    changes = sign_changes(values)
    if changes == 0:
        return TrueRate.none(REASON_ONE_SIGN)
    if changes == 1:
        return TrueRate.from_monthly(_single_root(values))
    roots = _all_roots(values)
    if not roots:
        return TrueRate.none(REASON_NO_ROOT)
    roots.sort(key=abs)
    return TrueRate.from_monthly(roots[0], other_monthly_rates=tuple(roots[1:]))


def _single_root(values: list[float]) -> float:
    """The one rate of flows that change sign once: exactly 0 when they sum to 0, else pyxirr's
    root polished by one Newton step (pyxirr stops within about 1e-11), else the bisection's.

    >>> round(_single_root([-100.0, 110.0]), 15)
    0.1
    """
    if math.fsum(values) == 0:
        return 0.0
    rate = pyxirr.irr(values, silent=True)
    if rate is not None and math.isfinite(rate) and rate > -1:
        x = 1.0 / (1.0 + rate)
        value = slope = 0.0
        for flow in reversed(values):
            slope = slope * x + value
            value = value * x + flow
        polished = x - value / slope if slope else x
        if math.isfinite(polished) and polished > 0 and abs(polished - x) <= 1e-6 * x:
            return 1.0 / polished - 1.0
        return rate
    return _bisect_root(values)
