"""Helpers shared by tests (not fixtures): running the CLI as a user does, and an independent
level instalment to check the workbench's against."""

from __future__ import annotations

import os
import subprocess
import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path

import numpy_financial as npf

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"


def run_cli(
    *args: str, cwd: Path | None = None, env: dict | None = None
) -> subprocess.CompletedProcess:
    """``python -m helpers ARGS`` in a fresh process, as a user runs it."""
    full_env = {**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "helpers", *args],
        capture_output=True,
        text=True,
        cwd=cwd or ROOT,
        env=full_env,
        timeout=120,
    )


def level_instalment_fen(principal_fen: int, monthly_rate: float, months: int) -> int:
    """A level instalment ``P·r / (1 − (1 + r)^−n)`` by numpy-financial's ``pmt``, rounded
    half-up to the fen: a check on the workbench's instalments that does not go through
    ``helpers.rates``.

    >>> level_instalment_fen(10_000_000, 0.0435 / 12, 60)   # 100,000 at 4.35% over 5 years
    185749
    """
    payment = -float(npf.pmt(monthly_rate, months, principal_fen))
    return int(Decimal(repr(payment)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
