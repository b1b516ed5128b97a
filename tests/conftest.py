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


@pytest.fixture(autouse=True)
def _signal_handlers_restored():
    """``coach.cli.main.main`` installs SIGHUP and SIGTERM handlers: undo that after a test."""
    import signal

    numbers = [getattr(signal, name) for name in ("SIGHUP", "SIGTERM") if hasattr(signal, name)]
    saved = {number: signal.getsignal(number) for number in numbers}
    yield
    for number, handler in saved.items():
        signal.signal(number, handler)


@pytest.fixture(autouse=True)
def _fresh_vaults(monkeypatch):
    """Each test starts as a new process would: no data folder known to be encrypted."""
    monkeypatch.setattr("coach.vault._VAULTS", {})
