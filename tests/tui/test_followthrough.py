"""Following a plan through, on screen: ticking actions, checking in, seeing progress."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from textual.widgets import Input, Sparkline

from coach.paths import ScriptFolder
from coach.scripts.catalog import discover
from coach.store.sessions import Store
from coach.tui.app import build_app
from coach.tui.screens.checkin import OpeningActionsScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.screens.progress import EMPTY, ProgressScreen
from coach.tui.screens.step_summary import StepSummaryScreen
from coach.tui.screens.wizard import WizardScreen
from coach.tui.widgets.action_items import ActionCheckbox

from .conftest import FIXED_TODAY, AppFactory, Scripts, answer_first_step, shown_text, type_text
from .followthrough_support import (
    PLAN_TITLE,
    catalog,
    finished_checkin,
    finished_plan,
    indexed_done,
    recorded_done,
)


@pytest.fixture
def scripts() -> Scripts:
    return catalog()


async def test_ticking_and_unticking_on_the_plan_saves_record_and_index(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    app = make_app(resume=plan.id)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "by 2026-03-05" in str(app.screen.query_one("#action-0", ActionCheckbox).label)
        await pilot.click("#action-0")
        await pilot.pause()
        assert recorded_done(store, plan.id) == [True, False]
        assert indexed_done(store, plan.id) == [True, False]
        app.screen.query_one("#action-0").focus()
        await pilot.press("space")
        await pilot.pause()
        assert recorded_done(store, plan.id) == [False, False]
        assert indexed_done(store, plan.id) == [False, False]
    assert store.get(plan.id).extra["completed_at"]


async def test_an_overdue_action_is_marked(make_app: AppFactory, store: Store) -> None:
    plan = finished_plan(store, day=FIXED_TODAY - timedelta(days=14))
    app = make_app(resume=plan.id)
    async with app.run_test() as pilot:
        await pilot.pause()
        label = str(app.screen.query_one("#action-0", ActionCheckbox).label)
        assert "overdue since 2026-02-19" in label


async def test_ticking_and_unticking_on_home_saves_record_and_index(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        actions = app.screen.query_one("#actions")
        assert "Email five past clients" in shown_text(actions)
        actions.focus()
        await pilot.pause()
        await pilot.press("space")
        await pilot.pause()
        assert recorded_done(store, plan.id) == [True, False]
        assert indexed_done(store, plan.id) == [True, False]
        assert "☑ Email five past clients" in shown_text(actions)
        assert "1 of 2 actions done" in shown_text(app.screen.query_one("#glance"))
        await pilot.press("enter")
        await pilot.pause()
        assert recorded_done(store, plan.id) == [False, False]
        assert indexed_done(store, plan.id) == [False, False]
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.record.id == plan.id


async def answer_the_checkin(pilot) -> None:
    """The real check-in script, answered from the keyboard, up to its plan."""
    await pilot.press("enter")  # nothing moved forward: an empty list goes on
    await type_text(pilot, "3")
    await pilot.press("enter")
    await pilot.pause()
    await type_text(pilot, "Mornings")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("ctrl+s")  # nothing got in the way
    await pilot.pause()
    assert isinstance(pilot.app.screen, StepSummaryScreen)
    await pilot.press("c")
    await pilot.pause()
    await pilot.press("4", "enter")
    await pilot.pause()
    await pilot.press("1", "enter")
    await pilot.pause()
    await type_text(pilot, "Post the workshop")
    await pilot.press("enter", "enter")
    await pilot.pause()
    await type_text(pilot, "+1w")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("c")
    await pilot.pause()


async def test_a_checkin_from_a_plan_ticks_first_then_asks_and_is_linked(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    app = make_app(resume=plan.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, OpeningActionsScreen)
        labels = [str(box.label) for box in app.screen.query(ActionCheckbox)]
        assert labels == ["Email five past clients  by 2026-03-05", "Call Sam  by 2026-03-05"]
        await pilot.press("space")
        await pilot.pause()
        assert recorded_done(store, plan.id) == [True, False]
        assert indexed_done(store, plan.id) == [True, False]
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert "Which actions moved forward?" in shown_text(app.screen)
        await answer_the_checkin(pilot)
        assert isinstance(app.screen, PlanScreen)
        checkin = app.screen.record
        assert "Check-ins" not in shown_text(app.screen)  # a check-in names its plan instead
        assert PLAN_TITLE in shown_text(app.screen.query_one("#plan-checkins"))
        await pilot.press("escape")
        await pilot.pause()
        app.open_session(plan.id)
        await pilot.pause()
        listed = shown_text(app.screen.query_one("#plan-checkins"))
        assert "2026-03-02  Check-in\nNew connections 3 · Confidence 4" in listed
    saved = store.get(checkin.id)
    assert saved.extra["plan_id"] == plan.id
    assert saved.status == "completed" and saved.extra["completed_at"]
    assert saved.title == f"Check-in: {PLAN_TITLE}"
    assert saved.answers["helped"] == "Mornings"
    assert saved.answers["confidence"] == 4
    assert [a["text"] for a in saved.actions] == ["Post the workshop"]


async def test_leaving_the_opening_page_keeps_the_checkin_to_resume(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    app = make_app(resume=plan.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("r")
        await pilot.pause()
        assert isinstance(app.screen, OpeningActionsScreen)
        await pilot.click("#continue")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)


async def test_the_checkin_script_on_home_checks_in_on_the_latest_plan(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    app = make_app(start="checkin")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OpeningActionsScreen)
    checkin = store.latest_unfinished()
    assert checkin is not None and checkin.extra["plan_id"] == plan.id


async def test_progress_shows_the_tracked_values_of_a_plan_and_its_checkin(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store, day=FIXED_TODAY - timedelta(days=7))
    finished_checkin(store, plan, day=FIXED_TODAY)
    app = make_app()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        text = shown_text(app.screen)
        assert PLAN_TITLE in text
        assert "7 days" in text
        assert "0 of 3 actions done" in text
        assert "1 week" in text
        assert "2026-03-09" in text
        assert "2 → 4" in text and "2026-02-23 → 2026-03-02" in text
        assert app.screen.query(Sparkline).first().data == [2, 4]
        await pilot.press("o")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen) and app.screen.record.id == plan.id


async def test_progress_from_a_plan_is_of_that_plan(make_app: AppFactory, store: Store) -> None:
    first = finished_plan(store, {"setback": "The first setback", "confidence": 1})
    finished_plan(store)
    app = make_app(resume=first.id)
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert "The first setback" in shown_text(app.screen)
        await pilot.press("o")  # back to the plan it was opened from
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen) and app.screen.record.id == first.id


async def test_progress_without_a_finished_plan_says_how_to_get_some(
    make_app: AppFactory,
) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "progress")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)
        assert EMPTY in shown_text(app.screen)
        await pilot.press("c", "o")
        await pilot.pause()
        assert isinstance(app.screen, ProgressScreen)


async def test_a_placeholder_shows_the_answers_it_names(open_store, tmp_path: Path) -> None:
    folder = tmp_path / "scripts"
    folder.mkdir()
    (folder / "names.yaml").write_text(
        "coach-script: 1\nid: names\ntitle: Names\nsteps:\n"
        "  - id: one\n    title: One\n    prompts:\n"
        "      - id: who\n        kind: text\n        ask: Who?\n"
        "      - id: what\n        kind: text\n        ask: What?\n"
        "        placeholder: e.g. Call {who} on {today}\n",
        encoding="utf-8",
    )
    scripts = discover([ScriptFolder(folder, "user")])
    app = build_app(open_store, scripts, today=lambda: FIXED_TODAY, start="names")
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_text(pilot, "Sam")
        await pilot.press("enter")
        await pilot.pause()
        field = app.screen.query_one("#answer-slot Input", Input)
        assert field.placeholder == "e.g. Call Sam on 2026-03-02"


async def test_a_step_summary_shows_its_title_once(make_app: AppFactory) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        await answer_first_step(pilot)
        assert isinstance(app.screen, StepSummaryScreen)
        assert "Look back" in shown_text(app.screen.query_one("#summary-title"))
        assert not app.screen.summary.lstrip().startswith("#")
        assert "What happened, in one line?" in app.screen.summary


async def test_the_palette_checks_in_on_the_plan_on_screen(
    make_app: AppFactory, store: Store
) -> None:
    first = finished_plan(store, {"setback": "The first setback"})
    finished_plan(store)
    app = make_app(resume=first.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("ctrl+p")
        await type_text(pilot, "check in")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, OpeningActionsScreen)
        assert "The first setback" in shown_text(app.screen)
    checkin = store.latest_unfinished()
    assert checkin is not None and checkin.extra["plan_id"] == first.id


async def test_the_checkin_script_without_a_plan_is_refused_with_a_message(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start="checkin")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        shown = [n.message for n in app._notifications]
        assert "Nothing to check in on yet: finish a reflection first." in shown
    assert store.latest_unfinished() is None


async def test_the_checkin_quotes_what_helped_without_breaking_its_sentence(
    make_app: AppFactory, store: Store
) -> None:
    plan = finished_plan(store)
    app = make_app(resume=plan.id)
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("enter")
        await type_text(pilot, "3")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "Writing in the mornings")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        text = shown_text(app.screen)
        assert "What helped, in your words: Writing in the mornings." in text
