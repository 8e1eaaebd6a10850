"""Root finders behind :func:`helpers.rates.true_annual_rate` for the flows pyxirr does not settle.

In ``x = e^u = 1 / (1 + m)`` the flows are the polynomial ``P(x) = Σ flows[k] x^k``. Where they
change sign once, ``P`` changes sign once on ``x > 0``, so bisection on the sign of ``P`` brackets
the only root; the sign is computed with every term scaled by the largest, so no exponent
overflows. Where they change sign more often, the roots of ``P`` come from its companion matrix
(``numpy.roots``, as numpy-financial does), each polished by Newton's method and kept only if it
is one; a scan of ``u`` serves when the matrix overflows.
"""

from __future__ import annotations

import math

import numpy as np

__all__: list[str] = []

# Bisection stops when the bracket on u = -ln(1 + m) is this narrow (relative), well below the
# 1e-10 the workbench promises on the monthly rate.
_U_TOLERANCE = 4e-16
_U_LIMIT = 745.0  # e^-745 is the smallest double: beyond it 1 + m is indistinguishable from 0


def _sign_at(values: list[float], u: float) -> float:
    """The sign of ``Σ values[k] e^{k u}`` (the flows' value at ``x = e^u = 1/(1+m)``), computed
    without overflow by scaling every term by the largest.

    >>> _sign_at([-100.0, 110.0], 0.0), _sign_at([-100.0, 110.0], -1.0)
    (1.0, -1.0)
    """
    top = max(k * u for k, v in enumerate(values) if v)
    total = math.fsum(v * math.exp(k * u - top) for k, v in enumerate(values) if v)
    return math.copysign(1.0, total) if total else 0.0


def _bisect_root(values: list[float]) -> float:
    """The rate of flows with one sign change by bisection on ``u = −ln(1 + m)``.

    With one sign change the flows' value at ``x = e^u``, divided by ``x`` to the power of the
    first flow of the second sign, is monotone in ``u``, so the sign test brackets the only root.

    >>> round(_bisect_root([-100.0, 0.0, 0.0, 74.0]), 12)
    -0.095495830349
    """
    at_zero = _sign_at(values, 0.0)
    if at_zero == 0:
        return 0.0
    # Find a u of the other sign by doubling steps away from 0 (m = 0), in both directions.
    low, high = 0.0, 0.0
    step = 1.0
    while step <= _U_LIMIT * 2:
        for candidate in (-step, step):
            if _sign_at(values, candidate) == -at_zero:
                low, high = sorted((0.0, candidate))
                break
        else:
            step *= 2
            continue
        break
    else:  # pragma: no cover - one sign change always has a root within the doubles
        return math.nan
    sign_low = _sign_at(values, low)
    for _ in range(2_000):
        middle = 0.5 * (low + high)
        if high - low <= _U_TOLERANCE * max(1.0, abs(middle)) or middle in (low, high):
            break
        sign = _sign_at(values, middle)
        if sign == 0:
            low = high = middle
            break
        if sign == sign_low:
            low = middle
        else:
            high = middle
    return math.expm1(-0.5 * (low + high))


def _npv_and_slope(values: list[float], x: float) -> tuple[float, float, float]:
    """``P(x) = Σ values[k] x^k``, ``P'(x)`` and ``Σ |values[k] x^k|`` (the scale of P) by Horner.

    >>> _npv_and_slope([-100.0, 110.0], 1.0)
    (10.0, 110.0, 210.0)
    """
    p = slope = scale = 0.0
    for value in reversed(values):
        slope = slope * x + p
        p = p * x + value
        scale = scale * abs(x) + abs(value)
    return p, slope, scale


def _polish(values: list[float], x: float) -> float | None:
    """A root ``x > 0`` of ``P`` refined by Newton's method, or None when it is not one.

    >>> _polish([-100.0, 110.0], 0.9)
    0.9090909090909091
    """
    for _ in range(50):
        p, slope, _scale = _npv_and_slope(values, x)
        if slope == 0 or not math.isfinite(p):
            break
        step = p / slope
        x -= step
        if abs(step) <= 1e-15 * abs(x):
            break
    p, _slope, scale = _npv_and_slope(values, x)
    if x > 0 and math.isfinite(p) and abs(p) <= 1e-9 * scale:
        return x
    return None


def _all_roots(values: list[float]) -> list[float]:
    """Every monthly rate above −100% that balances flows with several sign changes.

    >>> [round(m, 6) for m in sorted(_all_roots([-5.0, 10.5, 1.0, -8.0, 1.0]))]
    [-0.870201, 0.088598, 0.70956]
    """
    try:
        with np.errstate(all="ignore"):
            candidates = np.roots(np.asarray(values[::-1]))
    except np.linalg.LinAlgError:
        return _scan_roots(values)
    found: list[float] = []
    for root in candidates:
        if abs(root.imag) > 1e-7 * max(1.0, abs(root.real)) or root.real <= 0:
            continue
        x = _polish(values, float(root.real))
        if x is not None and all(abs(x - y) > 1e-9 * x for y in found):
            found.append(x)
    return [1.0 / x - 1.0 for x in found]


def _scan_roots(values: list[float]) -> list[float]:
    """Roots by a scan of ``u = −ln(1 + m)`` from −20 to 40 for sign changes, then bisection;
    used only when the polynomial's companion matrix overflows.

    >>> [round(m, 6) for m in sorted(_scan_roots([-100.0, 100.0, 0.0, -7.0]))]
    [-0.678894, -0.0833]
    """
    grid = [-20 + 60 * i / 6000 for i in range(6001)]
    signs = [_sign_at(values, u) for u in grid]
    roots = []
    steps = zip(grid, signs, grid[1:], signs[1:], strict=False)
    for u0, s0, u1, s1 in steps:
        if s0 == 0:
            roots.append(math.expm1(-u0))
        elif s1 != 0 and s0 != s1:
            low, high = u0, u1
            for _ in range(200):
                middle = 0.5 * (low + high)
                if middle in (low, high):
                    break
                if _sign_at(values, middle) == s0:
                    low = middle
                else:
                    high = middle
            roots.append(math.expm1(-0.5 * (low + high)))
    return roots
