"""Snapshots of every screen at 80x24 and 120x36: fixed day, clock and ids, no cursor blink.

Update with ``pytest tests/tui/test_screen_snapshots.py --snapshot-update`` and
look at the SVGs (``tests/tui/__snapshots__/``) before committing them.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, TextArea

from coach.scripts.catalog import ScriptEntry
from coach.store.sessions import Store
from coach.tui.screens.home import HomeScreen

from .conftest import (
    AppFactory,
    Scripts,
    Size,
    TickingClock,
    answer_first_step,
    finished_session,
    unfinished_session,
)

SIZES = [pytest.param((80, 24), id="80x24"), pytest.param((120, 36), id="120x36")]
MARKUP_TITLE = "[TODO] call Sam [/b] ["

Step = Callable[[Pilot], Awaitable[None]]
SnapCompare = Callable[..., bool]


def steady(then: Step | None = None) -> Step:
    """Run ``then``, and switch every cursor's blink off before the picture is taken."""

    async def run_before(pilot: Pilot) -> None:
        await filled_home(pilot)
        if then is not None:
            await then(pilot)
            await pilot.pause()
        for widget in pilot.app.screen.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = False
        await pilot.pause()

    return run_before


async def filled_home(pilot: Pilot) -> None:
    """Wait past Home's light first frame (scripts only) until its panels are filled."""
    await pilot.pause()
    for _ in range(50):
        homes = [s for s in pilot.app.screen_stack if isinstance(s, HomeScreen)]
        if all(home.loaded for home in homes):
            return
        await pilot.pause(0.01)
    raise AssertionError("Home never filled its panels")


def some_history(store: Store, scripts: list[ScriptEntry]) -> None:
    finished_session(store, scripts)
    unfinished_session(store, scripts, {"setback": MARKUP_TITLE}, "mood")
    store.update("c0ffee02", title=MARKUP_TITLE)
    finished_session(store, scripts, {"setback": "Lost the Halloran account", "mood": 2})


@pytest.mark.parametrize("size", SIZES)
def test_home(
    snap_compare: SnapCompare, make_app: AppFactory, store: Store, scripts: Scripts, size: Size
) -> None:
    some_history(store, scripts)
    assert snap_compare(make_app(), terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_wizard(snap_compare: SnapCompare, make_app: AppFactory, size: Size) -> None:
    assert snap_compare(make_app(start="trial"), terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_wizard_refusing_an_answer(
    snap_compare: SnapCompare, make_app: AppFactory, size: Size
) -> None:
    async def refuse(pilot: Pilot) -> None:
        await pilot.press("enter")

    app = make_app(start="trial")
    assert snap_compare(app, terminal_size=size, run_before=steady(refuse))


@pytest.mark.parametrize("size", SIZES)
def test_wizard_resumed_with_a_draft(
    snap_compare: SnapCompare, make_app: AppFactory, store, scripts, size
) -> None:
    record = unfinished_session(store, scripts, {"setback": "Quiet launch", "mood": 3}, "lesson")
    store.save_draft(record.id, "lesson", "Post it in two places,\nnot one.")
    assert snap_compare(make_app(resume_latest=True), terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_step_summary(snap_compare: SnapCompare, make_app: AppFactory, size: Size) -> None:
    async def first_step(pilot: Pilot) -> None:
        await answer_first_step(pilot, setback=MARKUP_TITLE)

    app = make_app(start="trial")
    assert snap_compare(app, terminal_size=size, run_before=steady(first_step))


@pytest.mark.parametrize("size", SIZES)
def test_pick_an_answer_to_change(
    snap_compare: SnapCompare, make_app: AppFactory, store: Store, scripts: Scripts, size: Size
) -> None:
    """The dialog of the Plan's ``e``: the questions answered, to pick one."""
    record = finished_session(store, scripts)

    async def pick(pilot: Pilot) -> None:
        await pilot.press("e")

    app = make_app(resume=record.id)
    assert snap_compare(app, terminal_size=size, run_before=steady(pick))


@pytest.mark.parametrize("size", SIZES)
def test_plan(
    snap_compare: SnapCompare, make_app: AppFactory, store: Store, scripts: Scripts, size: Size
) -> None:
    record = finished_session(store, scripts)
    app = make_app(resume=record.id)
    assert snap_compare(app, terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_history(
    snap_compare: SnapCompare, make_app: AppFactory, store: Store, scripts: Scripts, size: Size
) -> None:
    some_history(store, scripts)

    async def open_history(pilot: Pilot) -> None:
        await pilot.press("h")

    assert snap_compare(make_app(), terminal_size=size, run_before=steady(open_history))


@pytest.mark.parametrize("size", SIZES)
def test_history_with_a_long_title(
    snap_compare: SnapCompare, make_app: AppFactory, store: Store, scripts: Scripts, size: Size
) -> None:
    """The title gives way (cut with an ellipsis), never the status."""
    some_history(store, scripts)
    long_title = "Lost the Halloran account after a long year of work, and most of my nerve"
    finished_session(store, scripts, {"setback": long_title, "mood": 1})

    async def open_history(pilot: Pilot) -> None:
        await pilot.press("h")

    assert snap_compare(make_app(), terminal_size=size, run_before=steady(open_history))


@pytest.mark.parametrize("size", SIZES)
def test_delete_confirmation(
    snap_compare: SnapCompare, make_app: AppFactory, store, scripts, size
) -> None:
    some_history(store, scripts)

    async def ask_to_delete(pilot: Pilot) -> None:
        await pilot.press("h", "tab", "down", "delete")

    assert snap_compare(make_app(), terminal_size=size, run_before=steady(ask_to_delete))


@pytest.mark.parametrize("size", SIZES)
def test_help(snap_compare: SnapCompare, make_app: AppFactory, size: Size) -> None:
    async def open_help(pilot: Pilot) -> None:
        await pilot.press("f1")

    assert snap_compare(make_app(), terminal_size=size, run_before=steady(open_help))


@pytest.mark.parametrize("size", SIZES)
def test_unreadable_session(
    snap_compare: SnapCompare,
    scripts: Scripts,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: Size,
) -> None:
    """One damaged session file, opened from History: named over the list, which stays.

    The path shown is relative (``data/sessions/...``), so the picture is the same anywhere.
    """
    from coach.followup.index import load_glance
    from coach.tui.app import build_app

    monkeypatch.chdir(tmp_path)
    store = Store(Path("data"), clock=TickingClock(), new_id=lambda: "c0ffee01")
    finished_session(store, scripts)
    load_glance(store)  # the app was opened before the file was damaged
    store.session_path("c0ffee01").write_bytes(b"{ not json")

    async def open_it(pilot: Pilot) -> None:
        await pilot.press("h", "down", "enter")

    app = build_app(lambda: store, scripts)
    assert snap_compare(app, terminal_size=size, run_before=steady(open_it))


@pytest.mark.parametrize("size", SIZES)
def test_damaged_data(
    snap_compare: SnapCompare,
    scripts: Scripts,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    size: Size,
) -> None:
    """The path shown is relative (``data/index.json``), so the picture is the same anywhere."""
    from coach.tui.app import build_app

    monkeypatch.chdir(tmp_path)
    Path("data").mkdir()
    Path("data/index.json").write_bytes(b"{ not json")
    app = build_app(lambda: Store(Path("data")), scripts)
    assert snap_compare(app, terminal_size=size, run_before=steady())
