"""Helpers shared by tests (not fixtures): running the CLI as a user does, and an independent
level instalment to check the workbench's against."""

from __future__ import annotations

import contextlib
import io
import os
import signal
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


def run_in_process(argv: list[str], *, seconds: int = 10) -> tuple[int, str, str]:
    """``helpers.cli.main(argv)`` in this process: (exit code, stdout, stderr). A run past
    ``seconds`` is stopped and fails the test (a hang never blocks the suite); argparse's own
    exits count as their code."""
    from helpers.cli import main

    def stop(signum, frame):
        raise TimeoutError(f"{argv[0]} ran past {seconds} s")

    out, err = io.StringIO(), io.StringIO()
    previous = signal.signal(signal.SIGALRM, stop)
    signal.alarm(seconds)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            try:
                code = main(argv)
            except SystemExit as exc:
                code = exc.code if isinstance(exc.code, int) else 2
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
    return code, out.getvalue(), err.getvalue()


def run_cli_here(
    *args: str, env: dict | None = None, seconds: int = 60
) -> subprocess.CompletedProcess:
    """What :func:`run_cli` gives (exit code, stdout, stderr), from ``helpers.cli.main`` in this
    process with ``env`` set meanwhile: no interpreter to start and nothing to import, about
    3 s less a run. The messages, the exit codes and the language chosen from the environment are
    the same code's; a few tests keep :func:`run_cli` to see a real process start and exit."""
    saved = {name: os.environ.get(name) for name in env or {}}
    os.environ.update(env or {})
    try:
        code, out, err = run_in_process(list(args), seconds=seconds)
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
    return subprocess.CompletedProcess(["python", "-m", "helpers", *args], code, out, err)


def level_instalment_fen(principal_fen: int, monthly_rate: float, months: int) -> int:
    """A level instalment ``P·r / (1 − (1 + r)^−n)`` by numpy-financial's ``pmt``, rounded
    half-up to the fen: a check on the workbench's instalments that does not go through
    ``helpers.rates``.

    >>> level_instalment_fen(10_000_000, 0.0435 / 12, 60)   # 100,000 at 4.35% over 5 years
    185749
    """
    payment = -float(npf.pmt(monthly_rate, months, principal_fen))
    return int(Decimal(repr(payment)).quantize(Decimal(1), rounding=ROUND_HALF_UP))
