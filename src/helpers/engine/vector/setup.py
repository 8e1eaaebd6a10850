"""Set-up of the vectorised engine: the shapes and modes as the integers its arrays hold, the
exact rates of a batch as integer pairs, and level instalments for many balances at once.

Each debt's start is :func:`helpers.engine.contract.contract_start`, the one the scalar path
and the optimiser read too; the two paths differ only in how they step a month.

>>> int(INSTALMENT), int(CLOSED)
(1, 4)
"""

from __future__ import annotations

from fractions import Fraction

import numpy as np

from helpers.engine.contract import Mode, Shape
from helpers.rates import level_factor, level_payment_fen

__all__: list[str] = []  # the machinery of helpers.engine.vector.batch

# shapes of a contract, and modes (what governs a debt this month), as array values
REVOLVING, INSTALMENT, MATURED, ON_DEMAND = (int(shape) for shape in Shape)
CONTRACT, AMORTISE, HOLIDAY, WAIT, CLOSED = (int(mode) for mode in Mode)


class RateTable:
    """The distinct exact rates of a batch; each gets an id, and arrays of numerators and
    denominators index by id.

    >>> table = RateTable()
    >>> table.id(Fraction(3, 4000)), table.id(Fraction(0)), table.id(Fraction(3, 4000))
    (1, 0, 1)
    >>> table.numerators().tolist(), table.denominators().tolist()
    ([0.0, 3.0], [1.0, 4000.0])
    """

    def __init__(self) -> None:
        self.rates: list[Fraction] = [Fraction(0)]
        self._ids: dict[Fraction, int] = {Fraction(0): 0}

    def id(self, rate: Fraction) -> int:
        """The id of ``rate`` (added when new)."""
        found = self._ids.get(rate)
        if found is None:
            found = self._ids[rate] = len(self.rates)
            self.rates.append(rate)
        return found

    def numerators(self) -> np.ndarray:
        """Numerators by id, as float64 holding integers."""
        return np.array([float(r.numerator) for r in self.rates])

    def denominators(self) -> np.ndarray:
        """Denominators by id, as float64 holding integers."""
        return np.array([float(r.denominator) for r in self.rates])


class LevelPayments:
    """Level instalments ``P r / (1 − (1 + r)^−n)`` rounded half-up, for arrays of balances.

    The factor :func:`helpers.rates.level_factor` is worked out once per (rate, term); a
    product that lands within a rounding error of half a fen is recomputed exactly by
    :func:`helpers.rates.level_payment_fen`, so the result is always that function's.

    >>> from helpers.rates import exact_rate
    >>> levels = LevelPayments([Fraction(0), exact_rate(0.0435) / 12])
    >>> levels(np.array([10_000_000.0, 1_200_000.0]), np.array([1, 0]), np.array([60, 12]))
    array([185749., 100000.])
    """

    def __init__(self, rates: list[Fraction]) -> None:
        self.rates = rates
        self._factors: dict[tuple[int, int], float] = {}

    def _factor(self, rate_id: int, months: int) -> float:
        key = (rate_id, months)
        found = self._factors.get(key)
        if found is None:
            found = self._factors[key] = float(level_factor(self.rates[rate_id], months))
        return found

    def __call__(self, base: np.ndarray, rate_ids: np.ndarray, months: np.ndarray) -> np.ndarray:
        """Level payments for balances ``base`` (fen) at rates ``rate_ids`` over ``months``."""
        out = np.floor((2 * base + months) / (2 * months))  # zero rate: base / n half-up
        rated = np.flatnonzero((np.array([r != 0 for r in self.rates])[rate_ids]) & (base != 0))
        if rated.size == 0:
            return out
        span = int(months.max()) + 1
        pairs = rate_ids[rated].astype(np.int64) * span + months[rated].astype(np.int64)
        keys, inverse = np.unique(pairs, return_inverse=True)
        factors = np.array([self._factor(int(k) // span, int(k) % span) for k in keys])
        value = base[rated] * factors[inverse]
        rounded = np.floor(value + 0.5)
        near = np.abs(value - np.floor(value) - 0.5) <= value * 1e-14 + 1e-6
        for j in np.flatnonzero(near):
            i = rated[j]
            rounded[j] = level_payment_fen(
                int(base[i]), self.rates[int(rate_ids[i])], int(months[i])
            )
        out[rated] = rounded
        return out
