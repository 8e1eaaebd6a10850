"""Cash flows of offers as lenders quote them, ready for :func:`helpers.rates.true_annual_rate`.

Card instalments (分期) are quoted as a monthly "fee" on the original principal: 0.6% a month
sounds like 7.2% a year, but the fee stays on the whole original principal while the balance
falls, so the true rate is near twice that (DOMAIN.md). A fee taken from the loan when it is paid
out counts against the money received: interest may not be deducted in advance, and if it is, the
loan is the amount actually received (Civil Code art. 670; SPC private lending provisions art.
26). Flows are integer fen from the lender's side: ``-received``, then the payments.
"""

from __future__ import annotations

from collections.abc import Sequence

from helpers.money import div_round_half_up, mul_rate

__all__ = ["fee_instalments_fen", "fee_offer_flows", "offer_flows"]


def fee_instalments_fen(principal_fen: int, monthly_fee_rate: float, months: int) -> list[int]:
    """The monthly payments of an offer quoted as a monthly fee on the original principal.

    Each month repays ``principal / months`` (rounded half-up to the fen; the last instalment
    takes the remainder) plus the fee ``principal × monthly_fee_rate`` (half-up).

    Examples
    --------
    A 12,000 yuan bill split over 12 months at a 0.6% monthly fee: 1,000 of principal and 72 of
    fee each month:

    >>> fee_instalments_fen(1_200_000, 0.006, 12)[:2]
    [107200, 107200]
    >>> fee_instalments_fen(1_000_000, 0.006, 3)   # 10,000 over 3 months: the last takes 0.01 more
    [339333, 339333, 339334]
    """
    if months < 1 or int(months) != months:
        raise ValueError(f"months must be a whole number of at least 1, not {months!r}")
    if monthly_fee_rate < 0:
        raise ValueError(f"monthly_fee_rate must be 0 or more, not {monthly_fee_rate!r}")
    months = int(months)
    part = div_round_half_up(int(principal_fen), months)
    fee = mul_rate(int(principal_fen), monthly_fee_rate)
    parts = [part] * (months - 1) + [int(principal_fen) - part * (months - 1)]
    return [p + fee for p in parts]


def offer_flows(
    principal_fen: int, payments_fen: Sequence[int], *, upfront_fee_fen: int = 0
) -> list[int]:
    """Flows of an offer with any payments: ``-(principal − fee up front)``, then the payments.

    Examples
    --------
    The PBOC example: 100,000 lent, 1,000 taken up front, twelve payments of 8,833.30:

    >>> flows = offer_flows(10_000_000, [883_330] * 12, upfront_fee_fen=100_000)
    >>> flows[:3]
    [-9900000, 883330, 883330]
    """
    if upfront_fee_fen < 0:
        raise ValueError(f"upfront_fee_fen must be 0 or more, not {upfront_fee_fen!r}")
    return [-(int(principal_fen) - int(upfront_fee_fen)), *map(int, payments_fen)]


def fee_offer_flows(
    principal_fen: int, monthly_fee_rate: float, months: int, *, upfront_fee_fen: int = 0
) -> list[int]:
    """Flows of an offer quoted as a monthly fee on the original principal.

    Parameters
    ----------
    principal_fen : int
        The original principal, in fen.
    monthly_fee_rate : float
        The fee each month as a fraction of the original principal (0.006 for 0.6%).
    months : int
        The number of monthly instalments.
    upfront_fee_fen : int, optional
        A fee taken out of the money paid to the borrower (Civil Code art. 670).

    Examples
    --------
    "Only 0.6% a month" for 12 months is 13.03% a year nominal and 13.84% effective, not 7.2%:

    >>> from helpers.rates import true_annual_rate
    >>> rate = true_annual_rate(fee_offer_flows(1_200_000, 0.006, 12))
    >>> round(rate.nominal_annual_rate, 4), round(rate.effective_annual_rate, 4)
    (0.1303, 0.1384)
    """
    instalments = fee_instalments_fen(principal_fen, monthly_fee_rate, months)
    return offer_flows(principal_fen, instalments, upfront_fee_fen=upfront_fee_fen)
