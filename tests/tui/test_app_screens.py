"""The screens around the wizard (Home, History, Plan, Help, damaged data), driven with Pilot."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from itertools import groupby
from pathlib import Path

import pytest
from textual.widgets import DataTable, Input, Markdown
from textual.widgets._footer import FooterKey

import coach.tui.screens
from coach.errors import CoachError
from coach.followup.index import load_glance
from coach.store.sessions import Store
from coach.tui.dialogs.confirm import ConfirmDialog
from coach.tui.screens.damaged import DamagedScreen, UnreadableSessionDialog
from coach.tui.screens.help import HelpScreen, binding_rows
from coach.tui.screens.history import HistoryScreen
from coach.tui.screens.home import HomeScreen
from coach.tui.screens.plan import PlanScreen
from coach.tui.screens.wizard import WizardScreen
from coach.tui.widgets.text_table import TextTable

from .conftest import (
    TRIAL_ANSWERS,
    AppFactory,
    Scripts,
    answer_first_step,
    answer_second_step,
    finished_session,
    shown_text,
    type_text,
    unfinished_session,
)
from .harness import screen_text

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
        await pilot.press("x")  # the next export is offered in the same folder
        await pilot.pause()
        field = app.screen.query_one("#export-path", Input)
        assert field.value == str(target.parent / f"comeback-plan-{record.id}.md")
    written = target.read_text(encoding="utf-8")
    assert "# Plan: My launch went unnoticed" in written
    assert "- [ ] Write to 5 past customers (by 2026-03-05)" in written
    assert store.get_setting("export_folder") == str(target.parent)  # and after a restart


async def test_help_lists_every_binding_under_where_it_works(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = shown_text(app.screen)
        expected = []
        for where, rows in groupby(binding_rows(type(app).BINDINGS), key=lambda row: row[0]):
            expected += [f"{where} | ", *(f"{keys} | {what}" for _, keys, what in rows)]
        assert text.splitlines()[1 : len(expected) + 1] == expected
        assert "Ctrl+S | Next" in text and "PgDn | Next" in text
        assert "Ctrl+B" not in text
        assert screen_text(app).count("Keys") == 1  # the column, not a title above it too


async def test_help_reads_whole_at_80_columns(make_app: AppFactory) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        table = app.screen.query_one(DataTable)
        assert table.virtual_size.width <= table.scrollable_content_region.width
        assert table.max_scroll_x == 0
        longest = max((row[2] for row in binding_rows(type(app).BINDINGS)), key=len)
        for _ in range(table.row_count):  # down the table until the longest one shows
            if longest in screen_text(app):
                break
            await pilot.press("down")
            await pilot.pause()
        assert longest in screen_text(app)


async def test_every_key_of_the_plan_fits_its_footer_at_80_columns(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    record = finished_session(store, scripts)
    app = make_app(resume=record.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        keys = list(app.screen.query(FooterKey))
        palette = next(key for key in keys if key.has_class("-command-palette"))
        others = [key for key in keys if key is not palette]
        assert {key.description for key in others} >= {"Export", "Check in", "Help", "Quit"}
        assert all(key.region.right <= palette.region.x for key in others)
        footer = screen_text(app).splitlines()[-1]
        assert "f1 Help" in footer and "^p palette" in footer
        assert "Due" not in footer  # only while an action item has focus
        app.screen.query_one("#action-0").focus()
        await pilot.pause()
        keys = list(app.screen.query(FooterKey))
        assert "Due" in {key.description for key in keys}  # in place of Edit (the answers)
        assert "Edit" not in {key.description for key in keys}
        palette = next(key for key in keys if key.has_class("-command-palette"))
        others = [key for key in keys if key is not palette]
        assert all(key.region.right <= palette.region.x for key in others)


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


def test_screens_and_dialogs_take_their_styles_from_the_one_stylesheet() -> None:
    """``coach.tcss`` styles them all: no screen carries styles of its own."""
    carrying = []
    for module_info in pkgutil.iter_modules(coach.tui.screens.__path__):
        module = importlib.import_module(f"coach.tui.screens.{module_info.name}")
        for name, member in inspect.getmembers(module, inspect.isclass):
            if member.__module__ == module.__name__ and "DEFAULT_CSS" in vars(member):
                carrying.append(f"{module.__name__}.{name}")
    assert carrying == []


async def test_an_optional_answer_left_empty_leaves_no_bare_label_in_the_plan(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    record = finished_session(store, scripts, {**TRIAL_ANSWERS, "lesson": ""})
    app = make_app(resume=record.id)
    async with app.run_test() as pilot:
        await pilot.pause()
        plan = shown_text(app.screen.query_one(Markdown))
        assert "Channel: Email" in plan and "Lesson" not in plan


# -- one damaged session file: the rest of the app goes on ----------------------------


def damaged_history(store: Store, scripts: Scripts) -> tuple[str, str, Path]:
    """A fine plan and a session whose file is garbage, the app having been opened before
    (its follow-up index is built); the ids of both and the damaged file."""
    fine = finished_session(store, scripts)
    broken = unfinished_session(store, scripts, {"setback": "Half"}, "mood")
    store.update(broken.id, title="Half")
    load_glance(store)
    path = store.session_path(broken.id)
    path.write_bytes(b"{ this is not json \x00\xff")
    return fine.id, broken.id, path


async def test_a_damaged_session_file_keeps_every_other_session_open(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    fine, broken, path = damaged_history(store, scripts)
    garbage = path.read_bytes()
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(TextTable)
        assert [table.row_texts(n)[2] for n in range(table.row_count)] == [
            "Half",
            "My launch went unnoticed",
        ]
        await pilot.press("down", "enter")  # the damaged one
        await pilot.pause()
        assert isinstance(app.screen, UnreadableSessionDialog)
        text = shown_text(app.screen)
        assert f"{path} is damaged: it is not UTF-8 text" in text
        assert "Your other sessions are not affected" in text
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("delete", "y")  # a damaged file is never deleted
        await pilot.pause()
        assert isinstance(app.screen, UnreadableSessionDialog)
        await pilot.press("enter")  # Close
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        await pilot.press("down", "enter")  # the fine one
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen) and app.screen.record.id == fine
        await pilot.press("escape", "escape", "ctrl+q")
        await pilot.pause()
    assert app.return_code == 0
    assert path.read_bytes() == garbage
    assert {s.id for s in store.list_sessions()} == {fine, broken}


async def test_resuming_a_damaged_session_from_home_names_the_file_and_home_stays(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    _fine, _broken, path = damaged_history(store, scripts)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        assert not isinstance(app.screen, DamagedScreen)
        told = [str(n.message) for n in app._notifications] + [shown_text(app.screen)]
        assert any(f"{path} is damaged" in message for message in told)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HomeScreen)


async def test_history_keeps_the_damaged_session_lit_after_its_dialog(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    fine, broken, _ = damaged_history(store, scripts)
    newest = finished_session(store, scripts)
    app = make_app()
    async with app.run_test() as pilot:
        await pilot.pause()
        await pilot.press("h")
        await pilot.pause()
        table = app.screen.query_one(TextTable)
        await pilot.press("down", "down")
        assert table.cursor_key == broken
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, UnreadableSessionDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, HistoryScreen)
        assert table.cursor_key == broken
        await pilot.press("d")  # about the damaged one, never a healthy one
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Half" in shown_text(app.screen)
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, UnreadableSessionDialog)
    assert {s.id for s in store.list_sessions()} == {fine, broken, newest.id}
