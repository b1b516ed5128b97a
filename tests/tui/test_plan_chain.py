"""The Plan screen carries what its check-ins added: their actions, the next date; and a
person can give one action a date of its own."""

from __future__ import annotations

from datetime import timedelta

import pytest
from textual.widgets import Input, Markdown

from coach.store.sessions import Store
from coach.tui.dialogs.due_date import DueDateDialog
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.widgets.action_items import ActionCheckbox

from .conftest import FIXED_TODAY, AppFactory, Scripts, shown_text
from .followthrough_support import (
    catalog,
    finished_checkin,
    finished_plan,
    indexed_done,
    recorded_done,
)


@pytest.fixture
def scripts() -> Scripts:
    return catalog()


def plan_markdown(app) -> str:
    return app.screen.query_one("#plan-text", Markdown).source


async def test_the_plan_lists_a_checkins_actions_and_its_next_date(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    checkin = finished_checkin(store, plan, day=FIXED_TODAY + timedelta(days=3))
    app = make_app(resume=plan.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        boxes = list(app.screen.query(ActionCheckbox))
        assert len(boxes) == 3
        added = boxes[2]
        assert "Post the workshop" in str(added.label)
        assert "from the check-in of 2026-03-05" in str(added.label)
        assert "On **2026-03-12**" in plan_markdown(app)
        assert "2026-03-16" not in plan_markdown(app)
        added.focus()
        await pilot.press("space")
        await pilot.pause()
        assert recorded_done(store, checkin.id) == [True]
        assert indexed_done(store, checkin.id) == [True]
        assert "- [x] Post the workshop" in app.screen.full_plan()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Next check-in: 2026-03-12" in shown_text(app.screen)


async def test_d_changes_one_actions_due_date_and_leaves_the_others(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    app = make_app(resume=plan.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        app.screen.query_one("#action-1").focus()
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, DueDateDialog)
        field = app.screen.query_one("#due-date", Input)
        assert field.value == "2026-03-05"
        field.value = "someday"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DueDateDialog)
        assert "not a date I know" in str(app.screen.query_one("#due-message").render())
        field.value = "+1w"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "by 2026-03-09" in str(app.screen.query_one("#action-1", ActionCheckbox).label)
        assert "by 2026-03-05" in str(app.screen.query_one("#action-0", ActionCheckbox).label)
    dues = [action["due"] for action in store.get(plan.id).actions]
    assert dues == ["2026-03-05", "2026-03-09"]


def comeback_at(store: Store, answers: dict, position: str) -> str:
    from coach.scripts.catalog import find_script

    script = find_script(catalog(), "comeback")
    record = store.create(script.id, script.source, script.title)
    return store.update(record.id, answers=answers, position=position).id


async def test_left_out_offers_only_channels_not_used(make_app: AppFactory, store: Store) -> None:
    from textual.widgets import SelectionList

    used = {"setback": "A quiet launch", "expected": "More.", "confidence": 3}
    used["channels_used"] = ["Email", "Private messages"]
    app = make_app(resume=comeback_at(store, used, "channels_left_out"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        picks = app.screen.query_one(SelectionList)
        offered = [str(picks.get_option_at_index(n).prompt) for n in range(picks.option_count)]
        assert "Phone calls" in offered
        assert "Email" not in offered and "Private messages" not in offered


async def test_channels_you_can_use_now_start_from_used_and_left_out(
    make_app: AppFactory, store: Store
) -> None:
    from coach.tui.widgets.list_input import ListInput

    answers = {"setback": "A quiet launch", "channels_used": ["Email"]}
    answers["channels_left_out"] = ["Phone calls", "In person"]
    app = make_app(resume=comeback_at(store, answers, "channels_available"))
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        assert app.screen.query_one(ListInput).items == ["Email", "Phone calls", "In person"]
