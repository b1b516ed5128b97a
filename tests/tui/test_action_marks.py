"""Done looks done: a ticked action differs from an open one by its mark, not only colour,
and ↑/↓ move between the actions of a list."""

from __future__ import annotations

import pytest
from textual.content import Content

from coach.store.sessions import Store
from coach.tui.screens.checkin import OpeningActionsScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.widgets.action_items import ActionCheckbox

from .conftest import AppFactory, Scripts, shown_text
from .followthrough_support import catalog, finished_plan, recorded_done


@pytest.fixture
def scripts() -> Scripts:
    return catalog()


def struck(content: Content) -> bool:
    return any("strike" in str(span.style) for span in content.spans)


async def test_a_ticked_action_on_the_plan_shows_a_ticked_box_and_struck_text(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    app = make_app(resume=plan.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        first = app.screen.query_one("#action-0", ActionCheckbox)
        first.focus()
        await pilot.press("space")
        await pilot.pause()
        ticked = first.render()
        other = app.screen.query_one("#action-1", ActionCheckbox).render()
        assert str(ticked).startswith("☑ Email five past clients")
        assert str(other).startswith("☐ Call Sam")
        assert struck(ticked) and not struck(other)
        assert "▐" not in str(ticked) + str(other)


async def test_down_and_up_move_between_the_plan_actions(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    app = make_app(resume=plan.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        app.screen.query_one("#action-0").focus()
        await pilot.press("down")
        assert app.focused is app.screen.query_one("#action-1")
        await pilot.press("down")  # the last item stays lit
        assert app.focused is app.screen.query_one("#action-1")
        await pilot.press("space")
        await pilot.pause()
        assert recorded_done(store, plan.id) == [False, True]
        await pilot.press("up")
        assert app.focused is app.screen.query_one("#action-0")


async def test_down_moves_between_the_checkin_opening_actions(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    app = make_app(resume=plan.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, OpeningActionsScreen)
        await pilot.press("down", "space")
        await pilot.pause()
        assert recorded_done(store, plan.id) == [False, True]
        boxes = [str(box.render()) for box in app.screen.query(ActionCheckbox)]
        assert boxes[0].startswith("☐ ") and boxes[1].startswith("☑ ")


async def test_home_marks_a_ticked_action_without_colour(
    make_app: AppFactory, store: Store
) -> None:
    finished_plan(store)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        actions = app.screen.query_one("#actions")
        assert "☐ Email five past clients" in shown_text(actions)
        actions.focus()
        await pilot.press("down", "space")
        await pilot.pause()
        assert "☐ Email five past clients" in shown_text(actions)
        assert "☑ Call Sam" in shown_text(actions)
