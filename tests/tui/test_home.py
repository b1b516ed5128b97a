"""Home: what its panels list, and what the palette does from there."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import OptionList

from coach.store.sessions import Store
from coach.tui.dialogs.export import ExportDialog
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen

from .conftest import FIXED_TODAY, AppFactory, Scripts, shown_text, unfinished_session
from .followthrough_support import (
    PLAN_TITLE,
    catalog,
    finished_checkin,
    finished_plan,
    recorded_done,
)


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


async def test_home_at_80x24_every_panel_says_something(make_app: AppFactory, store: Store):
    plan = finished_plan(store, day=FIXED_TODAY - timedelta(days=9))
    finished_checkin(store, plan)  # today: the first check-in
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        screen = app.screen
        scripts = shown_text(screen.query_one("#scripts"))
        for title in ("Turn a setback into a comeback", "Check in on your comeback plan"):
            assert title in scripts
        actions = shown_text(screen.query_one("#actions"))
        assert actions.count(PLAN_TITLE) == 1  # named once, above its items
        for item in ("☐ Email five past clients", "☐ Call Sam", "☐ Post the workshop"):
            assert item in actions
        glance = shown_text(screen.query_one("#glance"))
        assert "Check-in streak: first check-in today" in glance
        assert "Next check-in: 2026-03-09" in glance
        assert screen.query_one("#glance").border_subtitle == "↓ 1 more: press g"  # 2nd number
        assert not screen.query_one("#actions").border_subtitle  # all three fit
        assert PLAN_TITLE in shown_text(screen.query_one("#plans"))


async def test_a_cut_list_says_how_many_more_there_are(
    make_app: AppFactory, store: Store, scripts: Scripts
):
    for n in range(12):
        unfinished_session(store, scripts, {"setback": f"Setback {n}"}, "mood")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        resume = app.screen.query_one("#resume", OptionList)
        lines = resume.scrollable_content_region.height
        shown = (lines + 1) // 2  # two lines a session; one cut after its title counts as shown
        assert resume.border_subtitle == f"↓ {10 - shown} more"
        resume.focus()
        await pilot.press("end")
        await pilot.pause()
        assert resume.border_subtitle in ("↑", "↑ ↓ 1 more")  # at most "2 more in History"


async def test_ticking_a_grouped_action_ticks_that_action(make_app: AppFactory, store: Store):
    plan = finished_plan(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        actions = app.screen.query_one("#actions", OptionList)
        actions.focus()
        await pilot.pause()
        assert actions.highlighted == 1  # the first item, under the plan's title
        await pilot.press("down", "space")
        await pilot.pause()
        assert recorded_done(store, plan.id) == [False, True]
        assert "☑ Call Sam" in shown_text(actions)


async def test_n_from_a_list_lights_the_first_script(make_app: AppFactory, store: Store):
    finished_plan(store)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        scripts = app.screen.query_one("#scripts", OptionList)
        scripts.highlighted = 2
        app.screen.query_one("#actions").focus()
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        assert scripts.has_focus and scripts.highlighted == 0
        assert any("Pick a script" in str(n.message) for n in app._notifications)


@pytest.mark.parametrize("size", [(80, 24), (120, 36)])
async def test_the_light_first_frame_has_the_filled_homes_boxes(
    make_app: AppFactory, store: Store, scripts: Scripts, monkeypatch, size
):
    """Home paints its scripts and empty boxes first, then fills them: nothing moves."""
    plan = finished_plan(store, day=FIXED_TODAY - timedelta(days=9))
    finished_checkin(store, plan)
    for n in range(3):
        unfinished_session(store, scripts, {"setback": f"Setback {n}"}, "mood")
    boxes = ["#scripts", "#resume", "#plans", "#actions", "#glance"]
    first_frame: dict[str, object] = {}
    fill = HomeScreen.reload

    def remember_then_fill(screen: HomeScreen) -> None:
        if not first_frame:
            first_frame.update((box, screen.query_one(box).region) for box in boxes)
            first_frame["actions"] = screen.query_one("#actions", OptionList).option_count
        fill(screen)

    monkeypatch.setattr(HomeScreen, "reload", remember_then_fill)
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, HomeScreen) and screen.loaded
        assert first_frame.pop("actions") == 0  # the first frame was the light one
        assert first_frame == {box: screen.query_one(box).region for box in boxes}
        assert screen.query_one("#actions", OptionList).option_count > 0
