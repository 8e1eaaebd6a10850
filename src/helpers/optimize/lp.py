"""A small sparse linear-programme builder for the optimiser: affine expressions over
named columns, equality and inequality rows, one call to ``scipy.optimize.linprog`` (HiGHS).

Amounts inside the programme are yuan (fen / 100): HiGHS's tolerances are absolute, and yuan keep
the coefficients of a 60-month, 10-debt model near 1.

>>> lp = Program()
>>> x, y = lp.var(), lp.var()
>>> lp.le(x + y, 10.0)
>>> lp.ge(x, 4.0)
>>> lp.minimise(x * -1.0 + y * -2.0)
>>> solution = lp.solve()
>>> solution.ok, round(solution.value(x), 6), round(solution.value(y), 6)
(True, 4.0, 6.0)
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from scipy.optimize import linprog

__all__ = ["Lin", "Program", "Solution", "ZERO"]

TINY = 1e-12  # coefficients below this are dropped: rounding noise that only upsets the solver


class Lin:
    """An affine expression: ``const + sum(coef * column)``; immutable by convention.

    >>> (Lin({0: 1.0}, 2.0) * 3 - Lin({0: 1.0})).terms, (Lin({0: 1.0}, 2.0) * 3).const
    ({0: 2.0}, 6.0)
    """

    __slots__ = ("terms", "const")

    def __init__(self, terms: dict[int, float] | None = None, const: float = 0.0) -> None:
        self.terms = terms if terms is not None else {}
        self.const = float(const)

    def __add__(self, other: Lin | float) -> Lin:
        if not isinstance(other, Lin):
            return Lin(self.terms, self.const + other)
        if not other.terms:
            return Lin(self.terms, self.const + other.const)
        terms = dict(self.terms)
        for key, value in other.terms.items():
            terms[key] = terms.get(key, 0.0) + value
        return Lin(terms, self.const + other.const)

    __radd__ = __add__

    def __neg__(self) -> Lin:
        return self * -1.0

    def __sub__(self, other: Lin | float) -> Lin:
        return self + (-other if isinstance(other, Lin) else -float(other))

    def __rsub__(self, other: float) -> Lin:
        return -self + other

    def __mul__(self, factor: float) -> Lin:
        factor = float(factor)
        if factor == 0.0:
            return Lin()
        return Lin({k: v * factor for k, v in self.terms.items()}, self.const * factor)

    __rmul__ = __mul__

    @property
    def is_const(self) -> bool:
        """Whether the expression has no column.

        >>> Lin(const=3).is_const, Lin({1: 1.0}).is_const
        (True, False)
        """
        return not self.terms


ZERO = Lin()


@dataclass(frozen=True)
class Solution:
    """What HiGHS returned: ``ok`` when optimal, the column values, the objective (constants
    included), the solver's message and the wall time of the solve."""

    ok: bool
    x: np.ndarray | None
    objective: float | None
    message: str
    seconds: float

    def value(self, expr: Lin) -> float:
        """The value of an expression at the solution.

        >>> Solution(True, np.array([2.0, 3.0]), 0.0, "", 0.0).value(Lin({0: 1.0, 1: 2.0}, 1.0))
        9.0
        """
        x = self.x
        return float(expr.const + sum(coef * x[k] for k, coef in expr.terms.items()))


class Program:
    """Columns (all non-negative), rows ``A_eq x = b`` and ``A_ub x <= b``, an objective.

    >>> lp = Program()
    >>> v = lp.var()
    >>> lp.eq(v, 2.5)
    >>> lp.minimise(v)
    >>> lp.solve().objective
    2.5
    """

    def __init__(self) -> None:
        self.upper: list[float] = []
        self._rows: dict[bool, tuple[list[int], list[int], list[float], list[float]]] = {
            True: ([], [], [], []),
            False: ([], [], [], []),
        }
        self._objective = Lin()

    @property
    def columns(self) -> int:
        """How many columns the programme has.

        >>> lp = Program(); _ = lp.var(); lp.columns
        1
        """
        return len(self.upper)

    def var(self, upper: float = np.inf) -> Lin:
        """A new non-negative column (optionally bounded above) as an expression.

        >>> Program().var().terms
        {0: 1.0}
        """
        self.upper.append(upper)
        return Lin({len(self.upper) - 1: 1.0})

    def _row(self, equality: bool, expr: Lin) -> None:
        terms = [(k, v) for k, v in expr.terms.items() if abs(v) > TINY]
        if not terms:
            return
        rows, cols, vals, rhs = self._rows[equality]
        index = len(rhs)
        for k, v in terms:
            rows.append(index)
            cols.append(k)
            vals.append(v)
        rhs.append(-expr.const)

    def le(self, lhs: Lin, rhs: Lin | float = 0.0) -> None:
        """Add the row ``lhs <= rhs``.

        >>> lp = Program(); lp.le(lp.var(), 1.0); lp._rows[False][3]
        [1.0]
        """
        self._row(False, lhs - rhs)

    def ge(self, lhs: Lin, rhs: Lin | float = 0.0) -> None:
        """Add the row ``lhs >= rhs``.

        >>> lp = Program(); lp.ge(lp.var(), 1.0); lp._rows[False][3]
        [-1.0]
        """
        self._row(False, (rhs if isinstance(rhs, Lin) else Lin(const=rhs)) - lhs)

    def eq(self, lhs: Lin, rhs: Lin | float = 0.0) -> None:
        """Add the row ``lhs == rhs``.

        >>> lp = Program(); lp.eq(lp.var(), 1.0); lp._rows[True][3]
        [1.0]
        """
        self._row(True, lhs - rhs)

    def state(self, expr: Lin) -> Lin:
        """The expression as a column of its own (a new column tied to it by an equality), so
        that month-by-month recursions stay sparse; constants and single columns pass through.

        >>> lp = Program(); x = lp.var(); (lp.state(x * 2 + 1).terms, lp.state(x).terms)
        ({1: 1.0}, {0: 1.0})
        """
        if expr.is_const:
            return expr
        if expr.const == 0.0 and len(expr.terms) == 1 and next(iter(expr.terms.values())) == 1.0:
            return expr
        column = self.var()
        self.eq(column, expr)
        return column

    def minimise(self, expr: Lin) -> None:
        """Add ``expr`` to the objective.

        >>> lp = Program(); lp.minimise(lp.var() + 1.0); lp._objective.const
        1.0
        """
        self._objective = self._objective + expr

    def solve(self) -> Solution:
        """Solve with HiGHS; one call to ``linprog``.

        >>> lp = Program(); v = lp.var(); lp.ge(v, 3.0); lp.minimise(v * 2.0); lp.solve().objective
        6.0
        """
        n = self.columns
        c = np.zeros(n)
        for k, v in self._objective.terms.items():
            c[k] += v
        matrices = {}
        for equality, (rows, cols, vals, rhs) in self._rows.items():
            if rhs:
                shape = (len(rhs), n)
                matrices[equality] = (
                    sparse.csr_matrix((vals, (rows, cols)), shape=shape),
                    np.array(rhs),
                )
            else:
                matrices[equality] = (None, None)
        bounds = np.column_stack([np.zeros(n), np.array(self.upper, dtype=float)])
        started = time.perf_counter()
        result = linprog(
            c,
            A_ub=matrices[False][0],
            b_ub=matrices[False][1],
            A_eq=matrices[True][0],
            b_eq=matrices[True][1],
            bounds=bounds,
            method="highs",
        )
        seconds = time.perf_counter() - started
        if result.status != 0:
            return Solution(False, None, None, str(result.message), seconds)
        return Solution(True, result.x, float(result.fun) + self._objective.const, "", seconds)
