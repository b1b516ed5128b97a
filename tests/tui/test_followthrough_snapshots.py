"""Snapshots of following a plan through, at 80x24 and 120x36: fixed day, clock and ids.

A plan finished two weeks before the fixed day, a check-in a week later
(Confidence 3) and one today (Confidence 4). Update with
``pytest tests/tui/test_followthrough_snapshots.py --snapshot-update`` and
look at the SVGs before committing them.
"""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.pilot import Pilot

from coach.store.records import SessionRecord
from coach.store.sessions import Store

from .conftest import FIXED_TODAY, AppFactory, Scripts, Size
from .followthrough_support import catalog, finished_checkin, finished_plan
from .test_screen_snapshots import SIZES, SnapCompare, steady


@pytest.fixture
def scripts() -> Scripts:
    return catalog()


def weeks_of_checkins(store: Store) -> SessionRecord:
    """The plan (two weeks old, one action ticked since) and its two check-ins."""
    plan = finished_plan(store, day=FIXED_TODAY - timedelta(days=14))
    finished_checkin(
        store, plan, {"confidence": 3, "new_connections": 1}, day=FIXED_TODAY - timedelta(days=7)
    )
    finished_checkin(store, plan, day=FIXED_TODAY)
    actions = [{**plan.actions[0], "done": True}, *plan.actions[1:]]
    store.update(plan.id, actions=actions)
    return plan


@pytest.mark.parametrize("size", SIZES)
def test_progress(
    snap_compare: SnapCompare, make_app: AppFactory, store: Store, size: Size
) -> None:
    weeks_of_checkins(store)

    async def open_progress(pilot: Pilot) -> None:
        await pilot.press("g")

    assert snap_compare(make_app(), terminal_size=size, run_before=steady(open_progress))


@pytest.mark.parametrize("size", SIZES)
def test_progress_empty(snap_compare: SnapCompare, make_app: AppFactory, size: Size) -> None:
    async def open_progress(pilot: Pilot) -> None:
        await pilot.press("g")

    assert snap_compare(make_app(), terminal_size=size, run_before=steady(open_progress))


@pytest.mark.parametrize("size", SIZES)
def test_plan_with_checkins(
    snap_compare: SnapCompare, make_app: AppFactory, store: Store, size: Size
) -> None:
    plan = weeks_of_checkins(store)
    assert snap_compare(make_app(resume=plan.id), terminal_size=size, run_before=steady())


@pytest.mark.parametrize("size", SIZES)
def test_checkin_opening_actions(
    snap_compare: SnapCompare, make_app: AppFactory, store: Store, size: Size
) -> None:
    plan = finished_plan(store, day=FIXED_TODAY - timedelta(days=14))

    async def check_in(pilot: Pilot) -> None:
        await pilot.press("c")

    app = make_app(resume=plan.id)
    assert snap_compare(app, terminal_size=size, run_before=steady(check_in))


@pytest.mark.parametrize("size", SIZES)
def test_due_date_dialog(
    snap_compare: SnapCompare, make_app: AppFactory, store: Store, size: Size
) -> None:
    plan = finished_plan(store)

    async def change_due(pilot: Pilot) -> None:
        pilot.app.screen.query_one("#action-1").focus()
        await pilot.pause()
        await pilot.press("d")

    app = make_app(resume=plan.id)
    assert snap_compare(app, terminal_size=size, run_before=steady(change_due))
