"""Shared fixtures: hypothesis profiles, an isolated cases folder, and a CLI runner."""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

# CI machines are slow and noisy: never fail a property test on a deadline there.
settings.register_profile(
    "ci", deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


@pytest.fixture
def cases_dir(tmp_path, monkeypatch):
    """A private ``cases/`` folder so tests never touch the user's own cases."""
    from helpers import paths

    folder = tmp_path / "cases"
    folder.mkdir()
    monkeypatch.setattr(paths, "CASES_DIR", folder)
    return folder
