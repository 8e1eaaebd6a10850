"""Every sample's figures are those committed in tests/goldens/ (see tests/make_goldens.py).

Figures change only on purpose: a move of code that changes one fen fails here.
"""

from __future__ import annotations

import pytest

from tests.make_goldens import GOLDENS, outputs, sample_names


@pytest.mark.parametrize("sample", sample_names())
def test_sample_figures_match_the_committed_goldens(sample: str) -> None:
    printed = outputs(sample)
    committed = sorted(path.name for path in (GOLDENS / sample).iterdir())
    assert sorted(printed) == committed
    for name, text in printed.items():
        golden = (GOLDENS / sample / name).read_text(encoding="utf-8")
        assert text == golden, f"{sample}/{name} differs from its golden"
