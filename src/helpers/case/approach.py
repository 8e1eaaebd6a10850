"""Someone other than a lender who approached the borrower about the debts, and what they asked.

Regulators warn against agencies that sell "停息挂账" or "债务优化" for a fee paid up front, or
push a new loan to repay the old ones; negotiating with the lender is free (DOMAIN.md, "scams":
NFRA and local bureau warnings 2022–2026). A case records such an approach so that the scam
screen (:func:`helpers.proposals.scam_screen`) can warn about it.

>>> offer = Approach.model_validate({"who": "某债务优化公司", "signs": ["agency"], "fee": 3000})
>>> offer.fee_fen, [s.value for s in offer.all_signs]
(300000, ['agency', 'upfront_fee'])
"""

from __future__ import annotations

from pydantic import Field

from helpers.case.base import StrictModel
from helpers.case.fields import Text, Yuan
from helpers.case.kinds import ScamSign

__all__ = ["Approach"]


class Approach(StrictModel):
    """A third party who offered help with the debts or asked for something: an agency, a
    caller, an advert. ``signs`` are what they offered or asked (see :class:`ScamSign`)."""

    who: Text = Field(min_length=1, description="Who approached: an agency, a caller, an advert.")
    signs: tuple[ScamSign, ...] = Field(
        (),
        description="What they offered or asked for: agency, upfront_fee, id_original, "
        "password, verification_code, new_loan.",
    )
    fee_fen: Yuan | None = Field(
        None, alias="fee", description="Money asked before anything is done (前期费用), in yuan."
    )
    note: Text | None = None

    @property
    def all_signs(self) -> tuple[ScamSign, ...]:
        """The signs recorded, plus ``upfront_fee`` when a fee is recorded without it.

        >>> Approach(who="x", fee=0).all_signs, Approach(who="x", fee=1).all_signs
        ((), (<ScamSign.UPFRONT_FEE: 'upfront_fee'>,))
        """
        signs = tuple(dict.fromkeys(self.signs))
        if self.fee_fen and ScamSign.UPFRONT_FEE not in signs:
            signs += (ScamSign.UPFRONT_FEE,)
        return signs
