"""Shared fixtures: a fixed clock and a private, temporary data folder."""

from __future__ import annotations

from datetime import date

import pytest

FIXED_TODAY = date(2026, 3, 2)


@pytest.fixture
def today() -> date:
    return FIXED_TODAY


@pytest.fixture(autouse=True)
def _isolated_home(tmp_path, monkeypatch):
    """No test ever reads or writes the user's own data folder, or their keyring."""
    monkeypatch.setenv("COACH_HOME", str(tmp_path / "coach-home"))
    monkeypatch.delenv("COACH_SCRIPTS", raising=False)
    monkeypatch.delenv("COACH_PASSPHRASE_FILE", raising=False)
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")  # not theirs
