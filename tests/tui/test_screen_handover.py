"""A screen closing over the wizard hands it over: none of its keys, nothing of the last answer.

Keys typed while the step summary (or a check-in's first page) closes are that
screen's, never the next prompt's. A terminal hands the app keys as they are
typed; the app gets to them when it can. Keys typed faster than that (Enter,
then ``c`` again out of habit) arrive together: :func:`type_at_once` sends them
all in one go, as the terminal's driver does, where ``pilot.press`` waits for
the app after every key.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from pathlib import Path
from typing import Any

import pytest
from textual import events
from textual.app import App
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Input

from coach.paths import ScriptFolder
from coach.scripts.catalog import discover
from coach.store.sessions import Store
from coach.tui.app import CoachApp, build_app
from coach.tui.screens.checkin import OpeningActionsScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.step_summary import StepSummaryScreen
from coach.tui.screens.wizard import WizardScreen

from .conftest import FIXED_TODAY, type_text
from .followthrough_support import catalog, finished_plan

SUMMARY_SCRIPTS = Path(__file__).with_name("summary_scripts")
CHARACTERS = {"enter": "\r", "escape": "\x1b"}

OnTheSummary = Callable[[], AbstractAsyncContextManager[tuple[CoachApp, Pilot[None]]]]


@pytest.fixture
def on_the_summary(open_store: Callable[[], Store]) -> OnTheSummary:
    """The app of one script (a step, its summary, then a step opening on free text),
    run up to that summary."""
    scripts = discover([ScriptFolder(SUMMARY_SCRIPTS, "built-in")])

    @asynccontextmanager
    async def running() -> AsyncIterator[tuple[CoachApp, Pilot[None]]]:
        app = build_app(open_store, scripts, today=lambda: FIXED_TODAY, start="summary")
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await type_text(pilot, "Nobody came")
            await pilot.press("enter")
            await settle(pilot)
            assert isinstance(app.screen, StepSummaryScreen)
            yield app, pilot

    return running


def type_at_once(app: App[Any], *keys: str) -> None:
    """Send ``keys`` in one go, the way the terminal's driver does when typed quickly."""
    driver = app._driver
    assert driver is not None
    for key in keys:
        event = events.Key(key, CHARACTERS.get(key, key if len(key) == 1 else None))
        event.set_sender(app)
        driver.send_message(event)


def type_as_it_closes(
    monkeypatch: pytest.MonkeyPatch, screen_type: type[Screen[Any]], *keys: str
) -> None:
    """Have ``keys`` typed just after a screen of ``screen_type`` left the stack."""
    dismiss = screen_type.dismiss

    def dismiss_then_type(screen: Screen[Any], result: Any = None) -> Any:
        closing = dismiss(screen, result)
        type_at_once(screen.app, *keys)
        return closing

    monkeypatch.setattr(screen_type, "dismiss", dismiss_then_type)


async def settle(pilot: Pilot[None]) -> None:
    for _ in range(4):
        await pilot.pause()


def next_answer(app: CoachApp) -> tuple[str | None, str]:
    """The prompt the wizard shows (over Home, nothing else), and what its input holds."""
    screen = app.screen
    assert isinstance(screen, WizardScreen), type(screen).__name__
    assert [type(s) for s in app.screen_stack[1:]] == [HomeScreen, WizardScreen]
    return screen.require_wizard().position, screen.query_one(Input).value


@pytest.mark.parametrize(
    "keys",
    [
        ("enter", "c"),
        ("c", "c"),
        ("enter", "enter"),
        ("c", "enter", "x"),
        ("c", "escape"),
        ("enter", "ctrl+s", "pageup"),
    ],
)
async def test_keys_typed_together_on_the_summary_continue_once(
    on_the_summary: OnTheSummary, store: Store, keys: tuple[str, ...]
) -> None:
    async with on_the_summary() as (app, pilot):
        type_at_once(app, *keys)
        await settle(pilot)
        assert next_answer(app) == ("tweak", "")
    assert store.get("c0ffee01").answers == {"setback": "Nobody came"}


async def test_continue_pressed_twice_continues_once(on_the_summary: OnTheSummary) -> None:
    """The button's press and the ``c`` both reach the summary: it closes once, not twice."""
    async with on_the_summary() as (app, pilot):
        summary = app.screen
        assert isinstance(summary, StepSummaryScreen)
        summary.action_continue()
        summary.action_continue()
        await settle(pilot)
        assert next_answer(app) == ("tweak", "")


async def test_keys_typed_as_the_summary_closes_are_not_typed_into_the_next_prompt(
    on_the_summary: OnTheSummary, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Typed after the summary left the screen but before the next prompt was drawn."""
    type_as_it_closes(monkeypatch, StepSummaryScreen, "c", "enter")
    async with on_the_summary() as (app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        assert next_answer(app) == ("tweak", "")
    assert "tweak" not in store.get("c0ffee01").answers


async def test_a_key_typed_once_the_next_prompt_shows_is_its_own(
    on_the_summary: OnTheSummary,
) -> None:
    async with on_the_summary() as (app, pilot):
        await pilot.press("enter")
        await settle(pilot)
        await type_text(pilot, "coffee with Sam")
        assert next_answer(app) == ("tweak", "coffee with Sam")


async def test_leaving_from_the_summary_still_goes_home(
    on_the_summary: OnTheSummary, store: Store
) -> None:
    async with on_the_summary() as (app, pilot):
        type_at_once(app, "escape", "c")
        await settle(pilot)
        assert isinstance(app.screen, HomeScreen)
    assert store.get("c0ffee01").position == "tweak"


@pytest.mark.parametrize("key", ["escape", "ctrl+q"])
async def test_leaving_from_the_summary_keeps_no_draft_of_the_last_answer(
    on_the_summary: OnTheSummary, store: Store, key: str
) -> None:
    """The answered prompt's input is still mounted under the summary: it is no draft."""
    async with on_the_summary() as (_app, pilot):
        await pilot.press(key)
        await settle(pilot)
    saved = store.get("c0ffee01")
    assert (saved.position, saved.drafts) == ("tweak", {})


async def test_keys_typed_as_a_checkins_first_page_closes_are_not_the_first_answer(
    open_store: Callable[[], Store], store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    type_as_it_closes(monkeypatch, OpeningActionsScreen, "space", "x")
    plan = finished_plan(store)
    app = build_app(open_store, catalog(), today=lambda: FIXED_TODAY, resume=plan.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await settle(pilot)
        assert isinstance(app.screen, OpeningActionsScreen)
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.query_one(".item-input", Input).value == ""
        await type_text(pilot, "Mailed Sam")
        assert app.screen.query_one(".item-input", Input).value == "Mailed Sam"
