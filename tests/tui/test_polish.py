"""What a new user found rough: numbers, lists, and editing a plan or a step's answers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Markdown, OptionList

from coach.paths import ScriptFolder
from coach.scripts.catalog import ScriptEntry, discover
from coach.scripts.model import Prompt
from coach.store.sessions import Store
from coach.tui.app import CoachApp, build_app
from coach.tui.screens.pick_answer import PickAnswerDialog
from coach.tui.screens.plan import PlanScreen
from coach.tui.screens.step_summary import StepSummaryScreen
from coach.tui.screens.wizard import WizardScreen
from coach.tui.widgets.action_items import ActionCheckbox
from coach.tui.widgets.list_input import ListInput

from .conftest import (
    FIXED_TODAY,
    AppFactory,
    Scripts,
    answer_first_step,
    finished_session,
    shown_text,
    type_text,
)
from .harness import PromptHarness, drive, screen_text

POLISH_SCRIPTS = Path(__file__).with_name("polish_scripts")


@pytest.fixture
def polish_app(open_store: Callable[[], Store]) -> Callable[..., CoachApp]:
    """The app with only the polish script (a number prompt, then a list prompt)."""
    scripts: list[ScriptEntry] = discover([ScriptFolder(POLISH_SCRIPTS, "built-in")])

    def factory(**options: Any) -> CoachApp:
        return build_app(open_store, scripts, today=lambda: FIXED_TODAY, **options)

    return factory


def wizard_of(app: CoachApp) -> WizardScreen:
    assert isinstance(app.screen, WizardScreen), type(app.screen).__name__
    return app.screen


# -- 1. numbers ------------------------------------------------------------------


async def test_a_decimal_for_a_whole_number_is_refused_not_run_together(
    polish_app: Callable[..., CoachApp], store: Store
) -> None:
    app = polish_app(start="polish")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await type_text(pilot, "2.5")
        screen = wizard_of(app)
        assert app.screen.query_one(Input).value == "2.5"
        await pilot.press("enter")
        await pilot.pause()
        assert screen.wizard.position == "outreach"
        assert screen.answer.error and screen.answer.error.startswith("Enter a whole number")
        assert "outreach" not in store.get("c0ffee01").answers
        await pilot.press("backspace", "backspace")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.wizard.position == "roles"
    assert store.get("c0ffee01").answers["outreach"] == 2


# -- 2. a half-typed list item ------------------------------------------------------


async def reach_roles(pilot: Any) -> None:
    await type_text(pilot, "3")
    await pilot.press("enter")
    await pilot.pause()


async def test_a_half_typed_list_item_comes_back_in_the_line_not_as_an_item(
    polish_app: Callable[..., CoachApp], store: Store
) -> None:
    app = polish_app(start="polish")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await reach_roles(pilot)
        await type_text(pilot, "Speaker")
        await pilot.press("enter")
        await type_text(pilot, "Work")
        await pilot.press("ctrl+q")
        await pilot.pause()
    assert store.get("c0ffee01").drafts == {"roles": {"items": ["Speaker"], "typing": "Work"}}

    again = polish_app(resume_latest=True)
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        widget = again.screen.query_one(ListInput)
        assert widget.items == ["Speaker"]
        assert widget.query_one(".item-input", Input).value == "Work"
        await type_text(pilot, "shop host")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(again.screen, StepSummaryScreen)
    assert store.get("c0ffee01").answers["roles"] == ["Speaker", "Workshop host"]


# -- 3. an over-long list item, and the count -----------------------------------------

ROLES = Prompt(id="roles", kind="list", ask="Roles?", max=8, item_max_length=80)


def test_an_over_long_item_is_refused_as_it_is_added_and_stays_in_the_line() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await type_text(pilot, "x" * 93)
        await pilot.press("enter")
        widget = app.query_one(ListInput)
        assert widget.items == []
        assert widget.error == "This item has 93 characters; keep each item to 80 or fewer."
        assert widget.query_one(".item-input", Input).value == "x" * 93
        assert widget.query_one(OptionList).option_count == 0
        await pilot.press(*["backspace"] * 13, "enter")
        assert widget.items == ["x" * 80]
        assert widget.error is None

    drive(ROLES, scenario)


def test_the_count_of_items_reads_in_the_plural_against_the_most() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await type_text(pilot, "Speaker")
        await pilot.press("enter")
        assert "1 of 8 items" in screen_text(app)

    drive(ROLES, scenario)


# -- 4. the list's keys work as soon as it has the focus --------------------------------


@pytest.mark.parametrize("initial", [None, ["Speaker", "Writer"]])
def test_tabbing_into_the_items_highlights_one_so_edit_and_delete_work(
    initial: list[str] | None,
) -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        widget = app.query_one(ListInput)
        if initial is None:
            await type_text(pilot, "Speaker")
            await pilot.press("enter")
            await type_text(pilot, "Writer")
            await pilot.press("enter")
        await pilot.press("tab")
        await pilot.pause()
        items = widget.query_one(OptionList)
        assert items.has_focus
        assert items.highlighted is not None
        await pilot.press("delete")
        assert len(widget.items) == 1

    drive(ROLES, scenario, initial=initial)


# -- 5. changing one answer of a finished plan ---------------------------------------


def notices(app: CoachApp) -> list[str]:
    return [str(n.message) for n in app._notifications]


async def pick_answer(pilot: Pilot[Any], prompt_id: str) -> None:
    await pilot.press("e")
    await pilot.pause()
    dialog = pilot.app.screen
    assert isinstance(dialog, PickAnswerDialog)
    choices = dialog.query_one(OptionList)
    choices.highlighted = choices.get_option_index(prompt_id)
    await pilot.press("enter")
    await pilot.pause()


async def test_edit_on_a_finished_plan_changes_the_answer_picked_and_comes_back(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    record = finished_session(store, scripts)
    done = [{**record.actions[0], "done": True}]
    store.update(record.id, actions=done)
    app = make_app(resume=record.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick_answer(pilot, "channel")
        assert wizard_of(app).wizard.position == "channel"
        await pilot.press("2", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert "**Channel:** Phone call" in app.screen.query_one("#plan-text", Markdown).source
        assert app.screen.query_one(ActionCheckbox).value is True
        assert "Changes saved." in notices(app)
    saved = store.get(record.id)
    assert saved.answers["channel"] == "Phone call"
    assert saved.status == "completed" and saved.position is None
    assert [(a["text"], a["done"]) for a in saved.actions] == [("Write to 5 past customers", True)]


async def test_an_edited_action_is_derived_again_on_the_plan(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    record = finished_session(store, scripts)
    app = make_app(resume=record.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick_answer(pilot, "first_action")
        app.screen.query_one(Input).value = "Call 3 old clients"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        labels = [str(box.label) for box in app.screen.query(ActionCheckbox)]
        assert len(labels) == 1 and "Call 3 old clients" in labels[0]
    assert [a["text"] for a in store.get(record.id).actions] == ["Call 3 old clients"]


async def test_escape_from_editing_a_plan_goes_back_to_it_without_claiming_a_resume(
    make_app: AppFactory, store: Store, scripts: Scripts
) -> None:
    record = finished_session(store, scripts)
    app = make_app(resume=record.id)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pick_answer(pilot, "setback")
        await type_text(pilot, " again")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        assert not any("Resume" in notice for notice in notices(app))
    assert store.get(record.id).answers == record.answers
    assert store.get(record.id).position is None


# -- 6. changing an answer from a step's summary ---------------------------------------


async def test_an_answer_changed_from_the_summary_goes_straight_back_to_it(
    make_app: AppFactory, store: Store
) -> None:
    app = make_app(start="trial")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await answer_first_step(pilot)
        assert isinstance(app.screen, StepSummaryScreen)
        await pilot.press("e")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert wizard_of(app).wizard.position == "setback"
        await type_text(pilot, " at all")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, StepSummaryScreen)
        assert "My launch went unnoticed at all" in shown_text(app.screen)
        assert store.get("c0ffee01").position == "channel"
        await pilot.press("c")
        await pilot.pause()
        assert wizard_of(app).wizard.position == "channel"
