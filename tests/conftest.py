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


@pytest.fixture(autouse=True)
def _private_cases(tmp_path_factory, monkeypatch):
    """No test writes into the project's own ``cases/`` (a save remembers the current case
    there): every test starts with an empty private one."""
    from helpers import paths

    monkeypatch.setattr(paths, "CASES_DIR", tmp_path_factory.mktemp("cases"))


@pytest.fixture
def cases_dir(tmp_path, monkeypatch):
    """A private ``cases/`` folder so tests never touch the user's own cases."""
    from helpers import paths

    folder = tmp_path / "cases"
    folder.mkdir()
    monkeypatch.setattr(paths, "CASES_DIR", folder)
    return folder
