"""``coach preview``: the real wizard on a script being written, reloaded on every save."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Markdown

from coach.cli.main import main
from coach.store.sessions import Store
from coach.tui.preview import PreviewApp, scratch_store
from coach.tui.screens.preview import (
    PreviewWizardScreen,
    ProblemsPanel,
    PromptPicker,
    RenderedScreen,
    WaitingScreen,
)

from .conftest import (
    FIXED_TODAY,
    SCRIPTS_DIR,
    TickingClock,
    answer_second_step,
    shown_text,
    type_text,
)

TRIAL = (SCRIPTS_DIR / "trial.yaml").read_text(encoding="utf-8")
LESSON_ASK = "ask: What would you do differently?"

PreviewFactory = Callable[[], PreviewApp]


@pytest.fixture
def script_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """``workshop.yaml`` in the current folder, named as an author types it."""
    monkeypatch.chdir(tmp_path)
    path = Path("workshop.yaml")
    path.write_text(TRIAL, encoding="utf-8")
    return path


@pytest.fixture
def make_preview(script_file: Path, tmp_path: Path) -> PreviewFactory:
    def factory() -> PreviewApp:
        store = Store(tmp_path / "scratch", clock=TickingClock(), new_id=lambda: "c0ffee01")
        return PreviewApp(script_file, store, today=lambda: FIXED_TODAY)

    return factory


def save(path: Path, text: str) -> None:
    """Write the script as an editor would, its time moved on so the change is seen."""
    before = path.stat().st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path, ns=(before + 1_000_000_000, before + 1_000_000_000))


async def saved(pilot: Pilot, path: Path, text: str) -> None:
    """Save, then let the preview see it the way it does when running: by its monitor."""
    save(path, text)
    await pilot.pause(0.6)
    await pilot.pause()


def wizard_screen(app: PreviewApp) -> PreviewWizardScreen:
    screen = app.screen
    assert isinstance(screen, PreviewWizardScreen)
    return screen


def question(app: PreviewApp) -> str:
    return str(app.screen.query_one("#question").visual)


async def to_lesson(pilot: Pilot) -> None:
    """Answer the setback and the mood: the lesson is asked."""
    await pilot.pause()
    await type_text(pilot, "My launch went unnoticed")
    await pilot.press("enter")
    await pilot.pause()
    await pilot.press("4", "enter")
    await pilot.pause()
    assert question(pilot.app) == "What would you do differently?"


async def test_a_new_wording_shows_on_the_same_prompt_with_the_answers_kept(
    make_preview, script_file
):
    app = make_preview()
    async with app.run_test() as pilot:
        await to_lesson(pilot)
        await type_text(pilot, "Half typed")
        await saved(pilot, script_file, TRIAL.replace(LESSON_ASK, "ask: What will you change?"))
        screen = wizard_screen(app)
        assert question(app) == "What will you change?"
        assert screen.require_wizard().answers == {"setback": "My launch went unnoticed", "mood": 4}
        assert screen.answer is not None and screen.answer.draft == "Half typed"


async def test_an_added_prompt_is_asked_and_a_removed_one_loses_its_answer(
    make_preview, script_file
):
    app = make_preview()
    without_mood = (
        TRIAL.split("      - id: mood")[0]
        + "      - id: lesson"
        + TRIAL.split("      - id: lesson")[1].replace("  - **Mood today:** {mood} of 5\n", "")
    )
    added = without_mood.replace(
        "      - id: lesson",
        "      - id: energy\n        kind: text\n        ask: Where is your energy?\n\n"
        "      - id: lesson",
    )
    async with app.run_test() as pilot:
        await to_lesson(pilot)
        await saved(pilot, script_file, added)
        wizard = wizard_screen(app).require_wizard()
        assert question(app) == "What would you do differently?"
        assert wizard.answers == {"setback": "My launch went unnoticed"}
        assert [p.id for p in wizard.applicable()][:3] == ["setback", "energy", "lesson"]
        await pilot.press("pageup")
        await pilot.pause()
        assert question(app) == "Where is your energy?"


async def test_a_prompt_now_skipped_by_its_when_is_skipped(make_preview, script_file):
    app = make_preview()
    skipped = TRIAL.replace(LESSON_ASK, LESSON_ASK + '\n        when: "{mood} <= 2"')
    async with app.run_test() as pilot:
        await to_lesson(pilot)
        await saved(pilot, script_file, skipped)
        assert wizard_screen(app).require_wizard().position == "channel"
        assert question(app) == "How will you tell people about My launch went unnoticed?"


async def test_a_broken_save_shows_its_problems_over_the_last_good_preview(
    make_preview, script_file
):
    app = make_preview()
    broken = TRIAL.replace("        required: false", "        requird: false")
    async with app.run_test() as pilot:
        await to_lesson(pilot)
        await saved(pilot, script_file, broken)
        panel = app.screen.query_one(ProblemsPanel)
        assert panel.display
        lines = str(panel.visual).splitlines()
        assert lines[1] == "workshop.yaml:41:9: unknown key 'requird': did you mean 'required'?"
        assert question(app) == "What would you do differently?"
        assert wizard_screen(app).require_wizard().answers["mood"] == 4

        await saved(pilot, script_file, TRIAL.replace(LESSON_ASK, "ask: Fixed?"))
        assert not app.screen.query_one(ProblemsPanel).display
        assert question(app) == "Fixed?"
        assert wizard_screen(app).require_wizard().answers["mood"] == 4


async def test_a_script_broken_from_the_start_waits_for_a_save_that_fixes_it(
    make_preview, script_file
):
    save(script_file, TRIAL.replace("kind: scale", "kind: scales"))
    app = make_preview()
    async with app.run_test() as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WaitingScreen)
        assert "unknown kind 'scales'" in shown_text(app.screen)
        await saved(pilot, script_file, TRIAL)
        assert question(app) == "What happened, in one line?"


async def test_go_to_any_prompt_by_id(make_preview):
    app = make_preview()
    async with app.run_test() as pilot:
        await to_lesson(pilot)
        await pilot.press("f2")
        await pilot.pause()
        assert isinstance(app.screen, PromptPicker)
        assert "pep (info)" in shown_text(app.screen) and "skipped" in shown_text(app.screen)
        await pilot.press("home", "enter")
        await pilot.pause()
        assert question(app) == "What happened, in one line?"


async def test_the_step_summary_and_the_plan_as_they_render_now(make_preview):
    app = make_preview()
    async with app.run_test() as pilot:
        await to_lesson(pilot)
        await pilot.press("f4")
        await pilot.pause()
        assert isinstance(app.screen, RenderedScreen)
        plan = app.screen.query_one(Markdown).source
        assert plan.startswith("# Plan: My launch went unnoticed")
        assert "**Mood today:** 4 of 5" in plan
        await pilot.press("escape")
        await pilot.press("f3")
        await pilot.pause()
        assert "My launch went unnoticed" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        await pilot.pause()
        assert question(app) == "What would you do differently?"


async def test_reset_answers_starts_again(make_preview):
    app = make_preview()
    async with app.run_test() as pilot:
        await to_lesson(pilot)
        await pilot.press("f8")
        await pilot.pause()
        assert wizard_screen(app).require_wizard().answers == {}
        assert question(app) == "What happened, in one line?"


def test_the_scratch_store_is_gone_after_the_preview(tmp_path):
    with scratch_store() as store:
        store.create("trial", TRIAL, "A trial run")
        folder = store.data_dir
        assert folder.exists()
    assert not folder.exists()


def test_previewing_a_missing_file_says_how_to_start_one(capsys, tmp_path):
    code = main(["preview", str(tmp_path / "nope.yaml")])
    err = capsys.readouterr().err
    assert code == 1 and "coach new-script" in err and "Traceback" not in err


def test_a_broken_save_snapshot(snap_compare, make_preview, script_file):
    broken = TRIAL.replace("        required: false", "        requird: false").replace(
        "kind: choice", "kind: choise"
    )

    async def run_before(pilot: Pilot) -> None:
        await to_lesson(pilot)
        save(script_file, broken)
        await pilot.app.reload()
        await pilot.pause()
        for widget in pilot.app.screen.query("Input, TextArea"):
            widget.cursor_blink = False
        await pilot.pause()

    assert snap_compare(make_preview(), terminal_size=(80, 24), run_before=run_before)


def test_coach_serve_can_serve_the_preview(tmp_path):
    import argparse
    import shlex

    from coach.cli.serve import app_command

    args = argparse.Namespace(data_dir=str(tmp_path), scripts=None, preview="workshop.yaml")
    argv = shlex.split(app_command(args))
    assert argv[-2:] == ["preview", str(Path("workshop.yaml").absolute())]


async def test_the_end_of_the_script_shows_the_plan_and_goes_back_to_the_last_prompt(
    make_preview,
):
    app = make_preview()
    async with app.run_test() as pilot:
        await to_lesson(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("escape")  # the step summary: a preview goes on
        await pilot.pause()
        assert question(app) == "How will you tell people about My launch went unnoticed?"
        await answer_second_step(pilot)
        await pilot.press("c")  # "See my plan"
        await pilot.pause()
        assert isinstance(app.screen, RenderedScreen)
        assert "Write to 5 past customers" in app.screen.query_one(Markdown).source
        await pilot.press("escape")
        await pilot.pause()
        assert question(app) == "Will you share this plan with a friend?"


async def test_saves_in_quick_succession_end_on_the_last_one(make_preview, script_file):
    app = make_preview()
    async with app.run_test() as pilot:
        await to_lesson(pilot)
        for n in range(4):
            save(script_file, TRIAL.replace(LESSON_ASK, f"ask: Version {n}?"))
            await pilot.pause(0.15)
        await pilot.pause(0.6)
        assert question(app) == "Version 3?"
        assert wizard_screen(app).require_wizard().answers["mood"] == 4


async def test_a_broken_save_under_a_step_summary_shows_over_the_next_prompt(
    make_preview, script_file
):
    app = make_preview()
    async with app.run_test() as pilot:
        await to_lesson(pilot)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert not isinstance(app.screen, PreviewWizardScreen)  # the step summary
        await saved(pilot, script_file, TRIAL.replace("kind: scale", "kind: scales"))
        assert app.screen.query_one(ProblemsPanel).display
        assert question(app) == "How will you tell people about My launch went unnoticed?"
        await pilot.press("1", "enter")
        await pilot.pause()
        assert wizard_screen(app).require_wizard().answers["channel"] == "Email"
