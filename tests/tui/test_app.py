"""The wizard's flows, driven with Pilot as a person would use them."""

from __future__ import annotations

import os
import signal

import pytest
from textual import events
from textual.widgets import Input, TextArea

from coach.store.sessions import Store
from coach.tui.app import CoachApp, install_signal_handlers
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.screens.step_summary import StepSummaryScreen
from coach.tui.screens.wizard import WizardScreen

from .conftest import (
    AppFactory,
    answer_first_step,
    answer_second_step,
    shown_text,
    type_text,
)


def current_prompt(app: CoachApp) -> str | None:
    screen = app.screen
    assert isinstance(screen, WizardScreen), type(screen).__name__
    return screen.wizard.position


async def test_a_whole_session_ends_with_the_plan(make_app: AppFactory, store: Store) -> None:
    app = make_app(start="trial")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await answer_first_step(pilot)
        assert isinstance(app.screen, StepSummaryScreen)
        await pilot.press("c")
        await pilot.pause()
        await answer_second_step(pilot)
        assert isinstance(app.screen, StepSummaryScreen)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        text = shown_text(app.screen)
    assert "Plan: My launch went unnoticed" in text
    assert "Write to 5 past customers" in text
    record = store.get("c0ffee01")
    assert record.status == "completed"
    assert record.title == "My launch went unnoticed"
    assert record.answers["mood"] == 4
    assert record.answers["due"] == "2026-03-05"
    assert record.answers["share"] is True
    assert [(a["text"], a["done"]) for a in record.actions] == [
        ("Write to 5 past customers", False)
    ]


async def test_each_answer_is_on_disk_before_the_next_prompt(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_text(pilot, "Nobody came")
        await pilot.press("enter")
        await pilot.pause()
        assert current_prompt(app) == "mood"
        saved = store.get("c0ffee01")
        assert saved.answers == {"setback": "Nobody came"}
        assert saved.position == "mood"


async def test_a_refused_answer_shows_why_and_stays(make_app: AppFactory) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert current_prompt(app) == "setback"
        assert "This one needs an answer." in shown_text(app.screen)


async def test_back_and_edit_an_earlier_answer(make_app: AppFactory, store: Store) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_text(pilot, "First try")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("4", "enter")
        await pilot.pause()
        await pilot.press("pageup")
        await pilot.pause()
        assert current_prompt(app) == "mood"
        await pilot.press("pageup")
        await pilot.pause()
        assert current_prompt(app) == "setback"
        assert app.screen.query_one(Input).value == "First try"
        await pilot.press("ctrl+a", "ctrl+k")
        await type_text(pilot, "Second try")
        await pilot.press("enter")
        await pilot.pause()
        assert current_prompt(app) == "mood"
        assert store.get("c0ffee01").answers["setback"] == "Second try"


async def test_edit_from_the_step_summary(make_app: AppFactory, store: Store) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        await answer_first_step(pilot)
        assert isinstance(app.screen, StepSummaryScreen)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("down", "enter")  # the second question: mood
        await pilot.pause()
        assert current_prompt(app) == "mood"
        await pilot.press("5", "enter")
        await pilot.pause()
        assert store.get("c0ffee01").answers["mood"] == 5


@pytest.mark.parametrize(("mood", "after"), [("2", "pep"), ("4", "lesson")])
async def test_a_when_condition_skips_a_prompt(make_app: AppFactory, mood: str, after: str) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_text(pilot, "Down")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press(mood, "enter")
        await pilot.pause()
        assert current_prompt(app) == after


async def test_leaving_and_resuming_lands_on_the_same_prompt_with_the_draft(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_text(pilot, "Left midway")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3", "enter")
        await pilot.pause()
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        assert "Left midway" in shown_text(app.screen.query_one("#resume"))
    saved = store.get("c0ffee01")
    assert saved.position == "lesson"
    assert saved.drafts == {"lesson": "half a thought"}

    again = make_app(resume_latest=True)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert current_prompt(again) == "lesson"
        assert again.screen.query_one(TextArea).text == "half a thought"
        assert again.screen.query_one("#restored").display
        assert "Restored what you were typing" in shown_text(again.screen)


async def test_quitting_keeps_the_draft(make_app: AppFactory, store: Store) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_text(pilot, "typed, not sent")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert store.get("c0ffee01").drafts == {"setback": "typed, not sent"}


async def test_sigterm_keeps_the_draft_and_quits(make_app: AppFactory, store: Store) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        restore = install_signal_handlers(app)
        try:
            await pilot.pause()
            await type_text(pilot, "the terminal closed")
            os.kill(os.getpid(), signal.SIGTERM)
            await pilot.pause()
            await pilot.pause()
        finally:
            restore()
    assert app.return_code == 128 + signal.SIGTERM
    assert store.get("c0ffee01").drafts == {"setback": "the terminal closed"}


async def test_keys_typed_just_before_next_are_kept(make_app: AppFactory, store: Store) -> None:
    """Ctrl+S is a priority key: it must still wait for the keys typed before it."""
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        for key, character in [("o", "o"), ("k", "k"), ("ctrl+s", None)]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert current_prompt(app) == "mood"
        for key, character in [("4", "4"), ("pagedown", None)]:
            app.post_message(events.Key(key, character))
        await pilot.pause()
        await pilot.pause()
        assert current_prompt(app) == "lesson"
    assert store.get("c0ffee01").answers == {"setback": "ok", "mood": 4}


async def test_a_refused_write_is_said_and_the_screen_stays(
    make_app: AppFactory, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A read-only folder or a full disk damages nothing: the write is refused with a
    message, the screen stays with what was typed, and nothing says the data is damaged."""
    import errno

    import coach.files

    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()

        def read_only(path, payload, **_options):
            raise coach.files.could_not_save(path, OSError(errno.EROFS, "Read-only file system"))

        monkeypatch.setattr("coach.store.storage.write_atomically", read_only)
        await type_text(pilot, "Nobody came")
        await pilot.press("enter")  # the answer: refused where it was typed
        await pilot.pause()
        assert current_prompt(app) == "setback"
        assert "Not saved" in shown_text(app.screen)
        folder = store.data_dir / "sessions" / "x.json"  # any other refused write, reported
        app.report(coach.files.could_not_save(folder, OSError(errno.EROFS, "Read-only")))
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        said = [n.message for n in app._notifications]
        assert any("Could not save" in m and "writable" in m for m in said), said
        assert app.workspace.damaged is None
        monkeypatch.undo()
        await pilot.press("enter")  # writable again: the same answer goes in
        await pilot.pause()
        assert current_prompt(app) == "mood"


async def test_the_restored_notice_shows_once_for_a_draft_from_an_earlier_visit(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        await type_text(pilot, "Left midway")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("3", "enter")
        await pilot.pause()
        await type_text(pilot, "half a thought")
        await pilot.press("escape")
        await pilot.pause()
    again = make_app(resume_latest=True)
    async with again.run_test() as pilot:
        await pilot.pause()
        assert current_prompt(again) == "lesson"
        assert again.screen.query_one("#restored").display  # given back: said
        await pilot.press("pageup")
        await pilot.pause()
        assert current_prompt(again) == "mood"
        await pilot.press("enter")
        await pilot.pause()
        assert current_prompt(again) == "lesson"
        assert again.screen.query_one(TextArea).text == "half a thought"  # still there
        assert not again.screen.query_one("#restored").display  # but said once only
