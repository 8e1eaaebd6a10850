"""Write the golden figures of every sample: ``compare --json`` and ``schedule --csv`` per policy.

The goldens pin what the workbench prints, so that a change of layout (moving modules, sharing a
rule) is seen to change no figure. ``tests/test_goldens.py`` fails when an output differs from
the committed file. Run ``python tests/make_goldens.py`` only when figures change on purpose,
and say in the commit which sample figures moved and why.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

from helpers.allocation import Policy
from helpers.cli import main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "data" / "samples"
GOLDENS = Path(__file__).resolve().parent / "goldens"


def sample_names() -> list[str]:
    """Every sample case, by name."""
    return sorted(path.stem for path in SAMPLES.glob("*.yaml"))


def outputs(sample: str) -> dict[str, str]:
    """File name → what the CLI prints for one sample (English, yuan)."""
    runs = {"compare.json": ["compare", sample, "--json", "--lang", "en"]}
    for policy in Policy:
        runs[f"schedule_{policy.value}.csv"] = [
            "schedule",
            sample,
            "--csv",
            "--policy",
            policy.value,
            "--lang",
            "en",
        ]
    printed = {}
    for name, argv in runs.items():
        buffer = io.StringIO()
        with contextlib.redirect_stdout(buffer):
            status = main(argv)
        if status != 0:
            raise SystemExit(f"{' '.join(argv)} exited {status}")
        printed[name] = buffer.getvalue()
    return printed


def write_all() -> None:
    for sample in sample_names():
        folder = GOLDENS / sample
        folder.mkdir(parents=True, exist_ok=True)
        for name, text in outputs(sample).items():
            (folder / name).write_text(text, encoding="utf-8")


if __name__ == "__main__":
    write_all()
    sys.exit(0)
