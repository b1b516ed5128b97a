"""Fixtures for the application's tests: a store with a fixed clock and ids, an app factory.

Every app sees the same day (2026-03-02), every session id is predictable
(``c0ffee01``, ``c0ffee02``...), the store's clock ticks one minute per write
from 2026-03-02 09:00 UTC, and times are shown in UTC, so snapshots are the
same on every machine.
"""

from __future__ import annotations

import asyncio
import inspect
import time
from collections.abc import Callable, Iterator
from datetime import UTC, date, datetime, timedelta
from itertools import count
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widget import Widget
from textual.widgets import DataTable, OptionList, Static

from coach.followup.plan import derive_actions
from coach.paths import ScriptFolder
from coach.scripts.catalog import ScriptEntry, discover, find_script
from coach.session.wizard import Wizard
from coach.store.records import SessionRecord
from coach.store.sessions import Store
from coach.tui.app import CoachApp, build_app
from coach.tui.widgets.text_table import TextTable

FIXED_TODAY = date(2026, 3, 2)
SCRIPTS_DIR = Path(__file__).with_name("scripts")

AppFactory = Callable[..., CoachApp]
Scripts = list[ScriptEntry]
Size = tuple[int, int]


class TickingClock:
    """A minute later on every call, from 2026-03-02 09:00 UTC."""

    def __init__(self) -> None:
        self.moment = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


@pytest.hookimpl(tryfirst=True)
def pytest_pyfunc_call(pyfuncitem: pytest.Function) -> bool | None:
    """Run ``async def`` tests (Pilot flows) in a fresh event loop each."""
    if not inspect.iscoroutinefunction(pyfuncitem.obj):
        return None
    names = pyfuncitem._fixtureinfo.argnames
    asyncio.run(pyfuncitem.obj(**{name: pyfuncitem.funcargs[name] for name in names}))
    return True


@pytest.fixture(autouse=True)
def _utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Times on screen are local: make local UTC for the tests."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def open_store(data_dir: Path) -> Callable[[], Store]:
    """Opens the test store; every store opened shares the clock and the id counter."""
    clock = TickingClock()
    numbers = count(1)

    def new_id() -> str:
        return f"c0ffee{next(numbers):02d}"

    return lambda: Store(data_dir, clock=clock, new_id=new_id)


@pytest.fixture
def store(open_store: Callable[[], Store]) -> Store:
    return open_store()


@pytest.fixture
def scripts() -> list[ScriptEntry]:
    return discover([ScriptFolder(SCRIPTS_DIR, "built-in")])


@pytest.fixture
def make_app(open_store: Callable[[], Store], scripts: list[ScriptEntry]) -> AppFactory:
    """``make_app(start=..., resume=..., resume_latest=...)``: the app as ``coach`` opens it."""

    def factory(**options: Any) -> CoachApp:
        return build_app(open_store, scripts, today=lambda: FIXED_TODAY, **options)

    return factory


TRIAL_ANSWERS: dict[str, Any] = {
    "setback": "My launch went unnoticed",
    "mood": 4,
    "lesson": "Email the list, not only social posts",
    "channel": "Email",
    "first_action": "Write to 5 past customers",
    "due": "2026-03-05",
    "share": True,
}


def finished_session(
    store: Store, scripts: list[ScriptEntry], answers: dict[str, Any] | None = None
) -> SessionRecord:
    """A completed session of the trial script, as the wizard would have left it."""
    script = find_script(scripts, "trial")
    answers = dict(TRIAL_ANSWERS if answers is None else answers)
    record = store.create(script.id, script.source, script.title)
    wizard = Wizard(script, answers, clock=lambda: FIXED_TODAY)
    actions = derive_actions(wizard, [], record.id)
    store.update(record.id, answers=answers, actions=actions, title=answers["setback"])
    return store.complete(record.id)


def unfinished_session(
    store: Store, scripts: list[ScriptEntry], answers: dict[str, Any], position: str
) -> SessionRecord:
    script = find_script(scripts, "trial")
    record = store.create(script.id, script.source, script.title)
    return store.update(record.id, answers=answers, position=position)


# -- reading what the screen shows ------------------------------------------------


def shown_text(root: Widget) -> str:
    """Every text under ``root`` as the user reads it (Statics, Markdown, lists, tables)."""
    parts: list[str] = []
    for widget in [root, *root.query("*")]:
        if isinstance(widget, Static):
            parts.append(str(widget.visual))
        elif isinstance(widget, OptionList):
            parts += [str(option.prompt) for option in widget.options]
        elif isinstance(widget, DataTable):
            for row_key in widget.rows:
                parts.append(" | ".join(str(cell) for cell in widget.get_row(row_key)))
        elif isinstance(widget, TextTable):
            parts += [" | ".join(widget.row_texts(n)) for n in range(widget.row_count)]
    return "\n".join(parts)


async def type_text(pilot: Pilot, text: str) -> None:
    await pilot.press(*text)


async def answer_first_step(pilot: Pilot, setback: str = "My launch went unnoticed") -> None:
    """Setback, mood 4, a lesson, then Next: the step summary of "Look back" shows."""
    await type_text(pilot, setback)
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("4", "enter")
    await pilot.pause()
    await type_text(pilot, "Email the list too")
    await pilot.press("ctrl+s")
    await pilot.pause()


async def answer_second_step(pilot: Pilot, action: str = "Write to 5 past customers") -> None:
    """Channel, first action, date, share: the step summary of "Look ahead" shows."""
    await pilot.press("1", "enter")
    await pilot.pause()
    await type_text(pilot, action)
    await pilot.press("enter")
    await pilot.pause()
    await type_text(pilot, "+3d")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("y", "enter")
    await pilot.pause()
