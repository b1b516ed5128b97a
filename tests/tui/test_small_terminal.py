"""At 80x24 the Plan's own text gets most of the screen."""

from __future__ import annotations

from datetime import timedelta

import pytest

from coach.store.sessions import Store
from coach.tui.screens.plan import PlanScreen

from .conftest import FIXED_TODAY, AppFactory, Scripts
from .followthrough_support import catalog, finished_checkin, finished_plan


@pytest.fixture
def scripts() -> Scripts:
    return catalog()


async def test_the_plan_at_80x24_gives_its_text_more_lines(make_app: AppFactory, store: Store):
    plan = finished_plan(store, day=FIXED_TODAY - timedelta(days=9))
    finished_checkin(store, plan)
    app = make_app(resume=plan.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        document = app.screen.query_one("#plan-doc")
        assert document.scrollable_content_region.height >= 13  # 9 to 12 before
        assert document.max_scroll_y > 0  # the rest scrolls (a scroll bar shows it)
        assert app.screen.query_one("#plan-actions").region.height >= 5
