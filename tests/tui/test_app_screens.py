"""The screens around the wizard (Home, History, Plan, Help, damaged data), driven with Pilot."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, Markdown

from coach.errors import CoachError
from coach.store import Store
from coach.tui.screens.confirm import ConfirmDialog
from coach.tui.screens.damaged import DamagedScreen
from coach.tui.screens.help import HelpScreen, binding_rows
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.screens.wizard import WizardScreen

from .conftest import (
    AppFactory,
    Scripts,
    answer_first_step,
    answer_second_step,
    finished_session,
    shown_text,
    type_text,
    unfinished_session,
)

MARKUP = "[bold]x[/bold] [/b] [TODO] call Sam ["


async def test_delete_from_history_asks_first(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    finished_session(store, scripts)
    kept = finished_session(store, scripts, {"setback": "Keep me"})
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await type_text(pilot, "launch")
        await pilot.pause()
        assert "1 of 2 sessions" in shown_text(app.screen)
        await pilot.press("tab", "delete")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "My launch went unnoticed" in shown_text(app.screen)
        await pilot.press("escape")
        await pilot.pause()
        assert len(store.list_sessions()) == 2
        await pilot.press("delete")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
    assert [s.id for s in store.list_sessions()] == [kept.id]


async def test_a_damaged_data_file_is_shown_and_kept_as_it_was(
    make_app: AppFactory, data_dir: Path
) -> None:
    data_dir.mkdir(parents=True)
    garbage = b"{ this is not json \x00\xff"
    (data_dir / "index.json").write_bytes(garbage)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, DamagedScreen)
        text = shown_text(app.screen)
        assert "index.json" in text
        assert "not changed" in text
        await pilot.press("h", "n", "ctrl+p", "escape", "q")
        await pilot.pause()
    assert app.return_code == 1
    assert (data_dir / "index.json").read_bytes() == garbage


async def test_markup_in_an_answer_is_shown_as_typed(make_app: AppFactory, store: Store) -> None:
    app = make_app(start="trial")
    async with app.run_test() as pilot:
        await pilot.pause()
        await answer_first_step(pilot, setback=MARKUP)
        assert MARKUP in shown_text(app.screen.query_one("#summary", Markdown))
        await pilot.press("c")
        await pilot.pause()
        assert f"How will you tell people about {MARKUP}?" in shown_text(app.screen)
        await answer_second_step(pilot, action=MARKUP)
        await pilot.press("enter")
        await pilot.pause()
        plan = shown_text(app.screen)
        assert f"Plan: {MARKUP}" in plan
        assert MARKUP in str(app.screen.query_one("#action-0").label)
        await pilot.press("escape", "h")
        await pilot.pause()
        assert MARKUP in shown_text(app.screen)
        await pilot.press("tab", "delete")
        await pilot.pause()
        assert MARKUP in shown_text(app.screen)
    assert store.get("c0ffee01").title == MARKUP


async def test_the_theme_is_remembered(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "switch theme")
        await pilot.press("enter")
        await pilot.pause()
        await type_text(pilot, "nord")
        await pilot.press("enter")
        await pilot.pause()
        assert app.theme == "nord"
    again = make_app()
    async with again.run_test() as pilot:
        await pilot.pause()
        assert again.theme == "nord"


async def test_ticking_an_action_item_saves_it(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    record = finished_session(store, scripts)
    app = make_app(resume=record.id)
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        await pilot.click("#action-0")
        await pilot.pause()
    assert store.get(record.id).actions[0]["done"] is True


async def test_export_writes_the_plan(
    make_app: AppFactory, store: Store, scripts: Scripts, tmp_path: Path
) -> None:
    record = finished_session(store, scripts)
    target = tmp_path / "out" / "my plan.md"
    target.parent.mkdir()
    app = make_app(resume=record.id)
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("x")
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        assert field.value == f"~/comeback-plan-{record.id}.md"
        field.value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
    written = target.read_text(encoding="utf-8")
    assert "# Plan: My launch went unnoticed" in written
    assert "- [ ] Write to 5 past customers (by 2026-03-05)" in written


async def test_help_lists_every_binding(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = shown_text(app.screen)
        for row in binding_rows(type(app).BINDINGS):
            assert " | ".join(row) in text
        assert "Ctrl+S | Next" in text and "PgDn | Next" in text
        assert "Ctrl+B" not in text


async def test_the_palette_offers_history(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("ctrl+p")
        await type_text(pilot, "history")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)


async def test_the_layout_survives_resizing(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    record = finished_session(store, scripts)
    app = make_app(resume=record.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert app.screen.has_class("-narrow")
        await pilot.resize_terminal(130, 40)
        await pilot.pause()
        assert app.screen.has_class("-wide")
        await pilot.resize_terminal(80, 24)
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)


def test_an_unknown_script_or_session_is_a_plain_error(make_app: AppFactory) -> None:
    with pytest.raises(CoachError, match="No script called 'nope'"):
        make_app(start="nope")
    with pytest.raises(CoachError, match="No session matches"):
        make_app(resume="zzz")


async def test_history_resumes_an_unfinished_session(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    unfinished_session(store, scripts, {"setback": "Half done", "mood": 3}, "lesson")
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("h")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        assert app.screen.wizard is not None and app.screen.wizard.position == "lesson"


async def test_export_asks_before_replacing_a_file(
    make_app: AppFactory, store: Store, scripts: Scripts, tmp_path: Path
) -> None:
    record = finished_session(store, scripts)
    target = tmp_path / "plan.md"
    target.write_text("mine", encoding="utf-8")
    app = make_app(resume=record.id)
    async with app.run_test() as pilot:
        await pilot.press("x")
        await pilot.pause()
        app.screen.query_one("#export-path", Input).value = str(target)
        await pilot.press("enter")
        await pilot.pause()
        assert "exists" in shown_text(app.screen)
        assert target.read_text(encoding="utf-8") == "mine"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
    assert target.read_text(encoding="utf-8").startswith("# Plan: My launch went unnoticed")
