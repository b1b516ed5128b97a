"""The prompt inputs that hold more than a line: list, scale, number, confirm, date, info;
and the step indicator."""

from __future__ import annotations

import asyncio
import dataclasses

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from coach.scripts.model import Prompt
from coach.tui.widgets.confirm_input import Answer
from coach.tui.widgets.list_input import ListInput
from coach.tui.widgets.pick_row import PickCell
from coach.tui.widgets.scale_input import ScaleCell
from coach.tui.widgets.step_indicator import StepIndicator

from .harness import PromptHarness, StepsHarness, drive, screen_text, type_text

# -- list ---------------------------------------------------------------------

ITEMS = Prompt(id="todo", kind="list", ask="First actions?", max=3, item_max_length=12)


async def add_items(pilot: Pilot[None], *items: str) -> None:
    for item in items:
        await type_text(pilot, item)
        await pilot.press("enter")


def test_list_enter_adds_and_enter_on_an_empty_line_submits() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await add_items(pilot, "[TODO] call Sam", "email Ana")
        assert app.submitted == []
        assert app.prompt_input.value == ["[TODO] call Sam", "email Ana"]
        assert "1. [TODO] call Sam" in screen_text(app)
        await pilot.press("enter")
        assert app.submitted == [["[TODO] call Sam", "email Ana"]]

    drive(dataclasses.replace(ITEMS, item_max_length=None), scenario)


def test_the_first_down_after_adding_items_lands_on_the_first_item() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await add_items(pilot, "a", "b", "c")
        await pilot.press("down", "delete")
        assert app.query_one(ListInput).items == ["b", "c"]

    drive(ITEMS, scenario)


def test_list_items_can_be_edited_removed_and_reordered() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        widget = app.query_one(ListInput)
        await pilot.press("down")
        await pilot.press("down", "shift+up")
        assert widget.items == ["b", "a", "c"]
        await pilot.press("ctrl+down", "ctrl+down")
        assert widget.items == ["a", "c", "b"]
        await pilot.press("e")
        assert app.query_one(".item-input", Input).has_focus
        assert "✎ editing…" in screen_text(app)
        await pilot.press("backspace", *"z")
        await pilot.press("enter")
        assert widget.items == ["a", "c", "z"]
        await pilot.press("down", "up", "delete")
        assert widget.items == ["a", "z"]
        await pilot.press("backspace", "backspace")
        assert widget.items == []
        assert app.query_one(".item-input", Input).has_focus

    drive(ITEMS, scenario, initial=["a", "b", "c"])


def test_list_shows_long_items_and_refuses_more_than_max() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        assert "15/12" in screen_text(app)
        await add_items(pilot, "c")
        await add_items(pilot, "d")
        assert app.prompt_input.error and "at most 3" in app.prompt_input.error
        assert app.query_one(".item-input", Input).value == "d"

    drive(ITEMS, scenario, initial=["a" * 15, "b"])


def test_list_value_keeps_a_line_typed_but_not_added() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await type_text(pilot, "half typed")
        assert app.prompt_input.value == ["a", "half typed"]

    drive(ITEMS, scenario, initial=["a"])


# -- scale, number, confirm, date, info ---------------------------------------

SCALE = Prompt(id="s", kind="scale", ask="?", min=0, max=10, labels=((0, "Gutted"), (10, "Ready")))


def test_list_draft_keeps_the_line_being_typed_apart_from_the_items() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await add_items(pilot, "call Sam")
        assert app.prompt_input.draft == ["call Sam"]
        await type_text(pilot, "email A")
        assert app.prompt_input.draft == {"items": ["call Sam"], "typing": "email A"}
        assert app.prompt_input.value == ["call Sam", "email A"]

    drive(ITEMS, scenario)


def test_scale_arrows_and_digits_move_and_the_label_shows() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await pilot.press("right")
        assert app.prompt_input.value == "0"
        assert "0 of 10 · Gutted" in screen_text(app)
        await pilot.press("right", "right", "left")
        assert app.prompt_input.value == "1"
        await pilot.press("1", "0")
        assert app.prompt_input.value == "10"
        assert "10 of 10 · Ready" in screen_text(app)
        await pilot.press("7", "enter")
        assert app.submitted == ["7"]

    drive(SCALE, scenario)


def test_number_takes_digits_nudges_within_bounds_and_shows_the_unit() -> None:
    prompt = Prompt(id="n", kind="number", ask="?", min=0, max=20, unit="people a day")

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await type_text(pilot, "1x9")
        assert app.prompt_input.value == "19"
        await pilot.press("up", "up")
        assert app.prompt_input.value == "20"
        assert "people a day" in screen_text(app)
        await pilot.press("enter")
        assert app.submitted == ["20"]

    drive(prompt, scenario)


def test_confirm_keys_pick_yes_or_no() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        assert app.prompt_input.value is None
        await pilot.press("y")
        assert app.prompt_input.value is True
        await pilot.press("right")
        assert app.prompt_input.value is False
        await pilot.press("left", "n", "enter")
        assert app.submitted == [False]

    drive(Prompt(id="c", kind="confirm", ask="?"), scenario)


@pytest.mark.parametrize(
    ("prompt", "cell", "picked"),
    [(SCALE, ScaleCell, "3"), (Prompt(id="c", kind="confirm", ask="?"), Answer, False)],
)
def test_a_click_on_scale_or_confirm_picks_without_going_on(
    prompt: Prompt, cell: type[PickCell], picked: object
) -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        target = next(c for c in app.query(cell) if str(c.value) == str(picked))
        await pilot.click(target)
        assert app.prompt_input.value == picked
        assert target.has_class("-selected")
        assert app.submitted == []

    drive(prompt, scenario)


def test_date_previews_the_day_it_means_from_the_fixed_today() -> None:
    prompt = Prompt(id="d", kind="date", ask="?", min="today")

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await type_text(pilot, "+2w")
        assert "→ Mon 16 Mar 2026  (in 2 weeks)" in screen_text(app)
        await pilot.press("up")
        assert app.prompt_input.value == "2026-03-17"
        await pilot.press(*"x")
        assert "Not a date yet" in screen_text(app)
        app.query_one(Input).value = "yesterday"
        await pilot.pause()
        assert app.query_one(".date-preview").has_class("-out-of-range")
        await pilot.press("enter")
        assert app.submitted == ["yesterday"]

    drive(prompt, scenario)


def test_info_shows_markdown_with_markup_as_written_and_enter_goes_on() -> None:
    prompt = Prompt(id="i", kind="info", ask="A pause")

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        text = screen_text(app)
        assert "Breathe" in text and "[bold]x[/bold]" in text and "**" not in text
        await pilot.press("enter")
        assert app.submitted == [None]

    drive(prompt, scenario, initial="**Breathe.** Then: [bold]x[/bold]")


# -- the step indicator ---------------------------------------------------------

STEPS = [
    ("Learn from your mistakes", "done"),
    ("Re-brand yourself", "current"),
    ("新しいつながり", "todo"),
]


def test_step_indicator_ticks_done_steps_and_keeps_the_current_one_whole() -> None:
    async def run(width: int) -> str:
        async with StepsHarness(STEPS).run_test(size=(width, 3)) as pilot:
            await pilot.pause()
            return screen_text(pilot.app).splitlines()[0]

    wide = asyncio.run(run(100))
    assert wide.rstrip() == " ✓ Learn from your mistakes ─ ● Re-brand yourself ─ ○ 新しいつながり"
    narrow = asyncio.run(run(50))
    assert " ● Re-brand yourself " in narrow and " ✓ Learn" in narrow and "…" in narrow
    assert narrow.rstrip().endswith("…")


def test_step_indicator_can_be_updated() -> None:
    async def run() -> None:
        async with StepsHarness(STEPS).run_test(size=(100, 3)) as pilot:
            pilot.app.query_one(StepIndicator).update_steps([("One", "done"), ("Two", "done")])
            await pilot.pause()
            assert screen_text(pilot.app).startswith(" ✓ One ─ ✓ Two ")

    asyncio.run(run())


def test_step_indicator_refuses_an_unknown_state() -> None:
    with pytest.raises(ValueError, match="finished"):
        StepIndicator().update_steps([("Learn", "finished")])
