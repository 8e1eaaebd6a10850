"""True annual rates of many offers at once: a vectorised Newton iteration over a 2-D array.

One row per offer, laid out as :func:`helpers.rates.true_annual_rate` takes one: column 0 the
money received, then one payment a month, signs from either side. Rows of different terms are
padded with zeros on the right; trailing zeros change no rate, so no lengths are needed.

Rows are grouped by their length (the last non-zero column), each group transposed so a column
(one month of every offer) is contiguous, and solved together by Newton's method on
``P(x) = Σ flows[k] x^k``, ``x = 1 / (1 + m)``, evaluated by Horner's scheme one month at a
time. For an ordinary loan (money received, then payments) ``P`` is convex and monotone in
``x``, so Newton converges from any start; a duration-based first guess takes it there in three
or four steps. The few rows it leaves (several sign changes, or no convergence) go through the
scalar path, row by row.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from helpers.rates._convert import MONTHS_PER_YEAR
from helpers.rates._irr import REASON_ONE_SIGN, TrueRate, true_annual_rate

__all__ = ["TrueRates", "true_annual_rates"]

_NEWTON_STEPS = 8
_STEP_TOLERANCE = 1e-9  # relative; the error after such a step is of order its square


@dataclass(frozen=True, eq=False)
class TrueRates:
    """The true rates of a batch of offers, one entry per offer (arrays of equal length).

    Attributes
    ----------
    monthly_rate, nominal_annual_rate, effective_annual_rate : numpy.ndarray of float
        As in :class:`helpers.rates.TrueRate`; NaN where no rate exists.
    several_roots : numpy.ndarray of bool
        Where several rates fit and the one closest to zero is given.
    reason : numpy.ndarray of object
        None, or the catalogue key that says why no rate exists.

    The batch keeps the several-roots flag, not the other roots: for those, pass the row to
    :func:`helpers.rates.true_annual_rate`.
    """

    monthly_rate: np.ndarray
    nominal_annual_rate: np.ndarray
    effective_annual_rate: np.ndarray
    several_roots: np.ndarray
    reason: np.ndarray

    @classmethod
    def from_monthly(
        cls,
        monthly_rate: np.ndarray,
        *,
        several_roots: np.ndarray | None = None,
        reason: np.ndarray | None = None,
    ) -> TrueRates:
        """The batch built from monthly IRRs (NaN for none), flags and reasons.

        >>> TrueRates.from_monthly(np.array([0.01, np.nan])).nominal_annual_rate
        array([0.12,  nan])
        """
        monthly = np.asarray(monthly_rate, dtype=float)
        if several_roots is None:
            several_roots = np.zeros(monthly.shape, dtype=bool)
        if reason is None:
            reason = np.full(monthly.shape, None, dtype=object)
        return cls(
            monthly,
            monthly * MONTHS_PER_YEAR,
            (1.0 + monthly) ** MONTHS_PER_YEAR - 1.0,
            several_roots,
            reason,
        )

    def __len__(self) -> int:
        return len(self.monthly_rate)

    def row(self, index: int) -> TrueRate:
        """The result of one offer, as the scalar path gives it.

        >>> rates = true_annual_rates(np.array([[-100.0, 110.0], [1.0, 1.0]]))
        >>> round(rates.row(0).nominal_annual_rate, 12), rates.row(1).reason
        (1.2, 'rates.reason.one_sign')
        """
        monthly = float(self.monthly_rate[index])
        if math.isnan(monthly):
            return TrueRate.none(self.reason[index])
        return TrueRate(
            monthly,
            float(self.nominal_annual_rate[index]),
            float(self.effective_annual_rate[index]),
            bool(self.several_roots[index]),
            None,
        )


def true_annual_rates(flows: np.ndarray) -> TrueRates:
    """The true annual rates of a batch of offers, one per row (the vectorised path).

    Parameters
    ----------
    flows : array_like, shape (offers, months + 1)
        Each row: the money received, then the monthly payments, signs from either side; rows
        padded with zeros on the right.

    Returns
    -------
    TrueRates
        Arrays of monthly, nominal and effective rates (NaN where none), the several-roots flag
        and the reason where no rate exists. A row with several sign changes gets exactly what
        :func:`helpers.rates.true_annual_rate` gives it.

    Raises
    ------
    ValueError
        When ``flows`` is not 2-D or holds a value that is not finite.

    Examples
    --------
    Three offers for the same 12,000: a 0.6% monthly fee over 12 months, the same loan with
    irregular payments over 6 months, and a "loan" with nothing to repay:

    >>> flows = np.zeros((3, 13))
    >>> flows[0, 0], flows[0, 1:] = -12_000, 1_072
    >>> flows[1, :7] = -12_000, 1_000, 1_500, 2_000, 2_500, 3_000, 2_400
    >>> flows[2, 0] = -12_000
    >>> rates = true_annual_rates(flows)
    >>> np.round(rates.nominal_annual_rate, 4)
    array([0.1303, 0.0994,    nan])
    >>> rates.reason[2]
    'rates.reason.one_sign'
    """
    values = np.asarray(flows, dtype=float)
    if values.ndim != 2:
        raise ValueError(f"flows must be 2-D (one row per offer), not {values.ndim}-D")
    rows, width = values.shape
    monthly = np.full(rows, np.nan)
    several = np.zeros(rows, dtype=bool)
    reason = np.full(rows, None, dtype=object)
    if rows == 0 or width == 0:
        return TrueRates.from_monthly(monthly, several_roots=several, reason=reason)
    nonzero = values != 0
    lengths = width - np.argmax(nonzero[:, ::-1], axis=1)
    order = np.argsort(lengths, kind="stable")
    ordered = lengths[order]
    cuts = np.flatnonzero(np.diff(ordered)) + 1
    for start, stop in zip(np.r_[0, cuts], np.r_[cuts, rows], strict=True):
        index = order[start:stop]
        group = values[index, : ordered[start]].T.copy()  # (months + 1, offers)
        _solve_group(group, index, values, monthly, several, reason)
    return TrueRates.from_monthly(monthly, several_roots=several, reason=reason)


def _solve_group(
    group: np.ndarray,
    index: np.ndarray,
    values: np.ndarray,
    monthly: np.ndarray,
    several: np.ndarray,
    reason: np.ndarray,
) -> None:
    """Solve one group of rows of equal length in place of ``monthly``, ``several``, ``reason``.

    Most offers are plain loans: money at month 0, then payments the other way, so they change
    sign once; two reductions tell them apart. The rest have their sign changes counted.

    >>> monthly, several, reason = np.full(1, np.nan), np.zeros(1, bool), np.full(1, None)
    >>> values = np.array([[-100.0, 110.0]])
    >>> _solve_group(values.T.copy(), np.array([0]), values, monthly, several, reason)
    >>> monthly.round(12)
    array([0.1])
    """
    totals = group.sum(axis=0)
    if not np.isfinite(totals).all():
        raise ValueError("cash flows must be finite numbers; found NaN or infinity")
    if group.shape[0] == 1:  # one non-zero flow: money moves one way only
        reason[index] = REASON_ONE_SIGN
        return
    first, rest = group[0], group[1:]
    plain = np.where(first > 0, rest.max(axis=0) <= 0, (first < 0) & (rest.min(axis=0) >= 0))
    simple = plain
    if not plain.all():
        others = np.flatnonzero(~plain)
        changes = _sign_changes(group[:, others])
        reason[index[others[changes == 0]]] = REASON_ONE_SIGN
        for row in index[others[changes >= 2]]:
            _use_scalar(row, values, monthly, several, reason)
        simple = plain.copy()
        simple[others[changes == 1]] = True
        if not simple.any():
            return
    if simple.all():
        solved, converged = _newton(group, totals)
    else:
        solved, converged = _newton(group[:, simple], totals[simple])
    rows = index[simple]
    monthly[rows[converged]] = solved[converged]
    for row in rows[~converged]:
        _use_scalar(row, values, monthly, several, reason)


def _use_scalar(
    row: int, values: np.ndarray, monthly: np.ndarray, several: np.ndarray, reason: np.ndarray
) -> None:
    """Fill one row from the scalar path.

    >>> monthly, several, reason = np.full(1, np.nan), np.zeros(1, bool), np.full(1, None)
    >>> _use_scalar(0, np.array([[-100.0, 100.0, 0.0, -7.0]]), monthly, several, reason)
    >>> monthly.round(4), several
    (array([-0.0833]), array([ True]))
    """
    rate = true_annual_rate(values[row])
    monthly[row] = np.nan if rate.monthly_rate is None else rate.monthly_rate
    several[row] = rate.several_roots
    reason[row] = rate.reason


def _sign_changes(group: np.ndarray) -> np.ndarray:
    """Sign changes down each column (zeros skipped), for a (months + 1, offers) group.

    >>> _sign_changes(np.array([[-1.0, 1.0, -1.0], [0.0, 1.0, 1.0], [2.0, 1.0, -1.0]]))
    array([1, 0, 2])
    """
    previous = np.zeros(group.shape[1])
    changes = np.zeros(group.shape[1], dtype=np.int64)
    for month in group:
        sign = np.sign(month)
        changes += sign * previous < 0
        np.copyto(previous, sign, where=sign != 0)
    return changes


def _first_guess(group: np.ndarray, totals: np.ndarray) -> np.ndarray:
    """``x = 1 / (1 + m)`` from the money at month 0 against the rest and its mean month.

    Money N at month 0 and T the other way at mean month t balance at ``(1 + m)^t = T / N``:
    exact for one payment, close for an annuity, and the same from either side. Where the rest
    does not net the other way, the guess is ``m = 0``.

    >>> _first_guess(np.array([[-100.0], [121.0]]), np.array([21.0])) * 1.21
    array([1.])
    """
    months = np.arange(group.shape[0], dtype=float)
    first = group[0]
    rest = totals - first
    mean_month = (months @ group) / rest
    guess = (-rest / first) ** (-1.0 / mean_month)
    return np.where(np.isfinite(guess) & (guess > 0), guess, 1.0)


def _newton(group: np.ndarray, totals: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Monthly rates of a group whose columns change sign once, and where Newton converged.

    >>> rates, ok = _newton(np.array([[-100.0, -100.0], [110.0, 100.0]]), np.array([10.0, 0.0]))
    >>> rates.round(12), ok
    (array([0.1, 0. ]), array([ True,  True]))
    """
    length = group.shape[0]
    with np.errstate(all="ignore"):
        x = _first_guess(group, totals)
        value = np.empty_like(x)
        slope = np.empty_like(x)
        converged = np.zeros(x.shape, dtype=bool)
        for _ in range(_NEWTON_STEPS):
            value[:] = group[length - 1]
            slope[:] = 0.0
            for month in range(length - 2, -1, -1):
                slope *= x
                slope += value
                value *= x
                value += group[month]
            step = value / slope
            x -= step
            converged = np.abs(step) <= _STEP_TOLERANCE * np.abs(x)
            if (converged | ~np.isfinite(x)).all():  # rows gone astray are left to the scalar path
                break
        monthly = 1.0 / x - 1.0
        converged &= np.isfinite(monthly) & (x > 0)
        exact_zero = totals == 0
    monthly[exact_zero] = 0.0
    return monthly, converged | exact_zero
