"""Small timing helpers shared by the benchmarks: best-of-N wall time, printed as a table."""

from __future__ import annotations

import time
from collections.abc import Callable


def best_time(func: Callable[[], object], *, repeat: int = 5, number: int = 1) -> float:
    """The best of ``repeat`` runs of ``number`` calls, in seconds per call."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        for _ in range(number):
            func()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def report(rows: list[tuple[str, float]], *, baseline: str) -> None:
    """Print each row's time and its speed relative to ``baseline`` (higher is faster)."""
    base = dict(rows)[baseline]
    width = max(len(name) for name, _ in rows)
    for name, seconds in rows:
        print(f"  {name.ljust(width)}  {_fmt(seconds):>10}  {base / seconds:8.1f}x vs {baseline}")


def _fmt(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.2f} ms"
    return f"{seconds * 1e6:.1f} µs"
