"""Home: what its panels list, and what the palette does from there."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import OptionList

from coach.store.sessions import Store
from coach.tui.dialogs.export import ExportDialog
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen

from .conftest import FIXED_TODAY, AppFactory, Scripts
from .followthrough_support import catalog, finished_checkin, finished_plan


@pytest.fixture
def scripts() -> Scripts:
    return catalog()


def listed_ids(app, selector: str) -> list[str | None]:
    return [option.id for option in app.screen.query_one(selector, OptionList).options]


async def test_recent_plans_are_plans_not_their_checkins(make_app: AppFactory, store: Store):
    earlier = finished_plan(store, day=FIXED_TODAY - timedelta(days=20))
    plan = finished_plan(store, {"setback": "A second setback"}, FIXED_TODAY - timedelta(days=9))
    checkin = finished_checkin(store, plan)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert listed_ids(app, "#plans") == [plan.id, earlier.id]
        assert checkin.id not in listed_ids(app, "#plans")


async def test_exporting_from_home_exports_the_latest_plan_not_a_checkin(
    make_app: AppFactory, store: Store
):
    plan = finished_plan(store, day=FIXED_TODAY - timedelta(days=9))
    finished_checkin(store, plan)  # finished last: the newest session of all
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        app.export_plan()  # what the palette's "Export the plan" does
        await pilot.pause()
        assert isinstance(app.screen, ExportDialog)
        under = app.screen_stack[-2]
        assert isinstance(under, PlanScreen) and under.record.id == plan.id


async def test_home_at_24_rows_still_shows_two_recent_plans(make_app: AppFactory, store: Store):
    older = finished_plan(store, day=FIXED_TODAY - timedelta(days=20))
    newer = finished_plan(store, {"setback": "A second setback"}, FIXED_TODAY - timedelta(days=9))
    finished_checkin(store, newer)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        plans = app.screen.query_one("#plans", OptionList)
        shown = plans.scrollable_content_region.height
        assert shown >= 4  # two entries of two lines each
        assert listed_ids(app, "#plans")[:2] == [newer.id, older.id]
