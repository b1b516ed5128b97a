"""The prompt inputs, one per kind: keys, values, counters, and text shown as typed."""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, OptionList, TextArea

from coach.errors import AnswerRefused
from coach.scripts.model import KINDS, Prompt
from coach.session.answers import check_answer
from coach.tui.widgets.base import PromptInput
from coach.tui.widgets.choice_input import ChoiceInput
from coach.tui.widgets.counter import LimitCounter
from coach.tui.widgets.kinds import INPUTS, input_for
from coach.tui.widgets.multi_choice_input import MultiChoiceInput
from coach.tui.widgets.safe import plain

from .harness import FIXED_TODAY, PromptHarness, drive, screen_text, type_text

MARKUP = ("[TODO] call Sam", "[/b]", "[bold]x[/bold]", "[")
HEADLINE = Prompt(
    id="headline",
    kind="text",
    ask="Your new headline?",
    limits=(("X bio", 10, "x"), ("LinkedIn", 220)),
)


# -- every kind alike ---------------------------------------------------------


def test_every_kind_has_an_input() -> None:
    assert set(INPUTS) == set(KINDS)
    for kind in KINDS:
        prompt = Prompt(id="p", kind=kind, options=("a", "b"))
        widget = input_for(prompt, None, prompt.options, today=FIXED_TODAY)
        assert isinstance(widget, PromptInput) and widget.kind == kind


def test_an_unknown_kind_is_refused() -> None:
    with pytest.raises(ValueError, match="sketch"):
        input_for(Prompt(id="p", kind="sketch"), None, (), today=FIXED_TODAY)


@pytest.mark.parametrize("text", [*MARKUP, "a\x1b[31mred"])
def test_plain_text_is_never_read_as_markup(text: str) -> None:
    assert plain(text).plain == text.replace("\x1b", "\\x1b")
    assert not plain(text).spans


def test_an_error_shows_as_typed_and_clears_when_the_answer_changes() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        app.prompt_input.show_error("'[bold]x[/bold]' is not one of them [/b]")
        await pilot.pause()
        assert app.prompt_input.has_class("-invalid")
        assert "'[bold]x[/bold]' is not one of them [/b]" in screen_text(app)
        await pilot.press("a")
        assert app.prompt_input.error is None
        assert not app.prompt_input.has_class("-invalid")

    drive(HEADLINE, scenario)


# -- text ---------------------------------------------------------------------


def test_text_enter_submits_what_was_typed() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await type_text(pilot, "Builder of small tools")
        await pilot.press("enter")
        assert app.submitted == ["Builder of small tools"]

    drive(HEADLINE, scenario)


def test_text_limit_counters_count_live_and_warn_past_a_limit() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        x_bio, linkedin = app.query(LimitCounter)
        await type_text(pilot, "0123456789")
        assert "X bio 10/10" in screen_text(app)
        assert not x_bio.has_class("-over")
        await pilot.press("!")
        assert x_bio.has_class("-over") and not linkedin.has_class("-over")
        assert "X bio 11/10 · 1 over" in screen_text(app)
        await pilot.press("backspace")
        assert not x_bio.has_class("-over")

    drive(HEADLINE, scenario)


def test_text_counters_count_emoji_and_cjk_the_way_each_platform_does() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        assert "X bio 8/10" in screen_text(app)  # X: CJK and emoji count 2 each
        assert "LinkedIn 6/220" in screen_text(app)  # a web form: the emoji counts 2
        assert app.prompt_input.value == "再起👋ok"

    drive(HEADLINE, scenario, initial="再起👋ok")


def test_the_length_counter_counts_what_the_check_counts() -> None:
    """A trailing space is not part of the answer: the counter does not count it either."""
    short = Prompt(id="line", kind="text", ask="One line?", max_length=5)

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await type_text(pilot, "abcdef ")
        assert "Length 6/5 · 1 over" in screen_text(app)
        with pytest.raises(AnswerRefused, match=r"\(you have 6\)"):
            check_answer(short, app.prompt_input.value, today=FIXED_TODAY)

    drive(short, scenario)


def test_a_long_answer_given_back_shows_its_end_with_the_cursor_there() -> None:
    draft = "Fundraiser who learned the hard way " * 4 + "THE END"

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        field = app.query_one(Input)
        assert field.cursor_position == len(draft)
        assert "THE END" in screen_text(app)

    drive(HEADLINE, scenario, initial=draft)


def test_typing_past_the_width_keeps_the_end_in_view_and_counts_every_key() -> None:
    """The field scrolls with the cursor though typing does not lay the screen out again."""
    typed = "x" * 90 + "THE END"

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await type_text(pilot, typed)
        await pilot.pause()
        field = app.query_one(Input)
        assert field.value == typed and field.cursor_position == len(typed)
        shown = screen_text(app)
        assert "THE END" in shown
        assert f"{len(typed)}/" in shown

    drive(HEADLINE, scenario)


@pytest.mark.parametrize("text", MARKUP)
def test_text_markup_in_an_answer_is_shown_as_typed(text: str) -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await type_text(pilot, text)
        assert app.prompt_input.value == text
        assert text in screen_text(app)

    drive(HEADLINE, scenario)


@pytest.mark.parametrize("kind", ["text", "long_text", "list", "number", "date"])
def test_a_placeholder_with_markup_is_shown_as_written(kind: str) -> None:
    prompt = Prompt(id="p", kind=kind, ask="?", placeholder="e.g. [bold]x[/bold] [/b]")
    drive(prompt, lambda app, pilot: _shows(app, "e.g. [bold]x[/bold] [/b]"))


async def _shows(app: PromptHarness, text: str) -> None:
    assert text in screen_text(app)


def test_control_characters_in_options_and_answers_are_shown_escaped() -> None:
    prompt = Prompt(id="c", kind="multi_choice", ask="?", options=("esc\x1b[2J",), other=True)

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        text = screen_text(app)
        assert "esc\\x1b[2J" in text and "mine\\x1b]0;owned" in text
        assert "\x1b" not in text
        assert app.prompt_input.value == ["mine\x1b]0;owned"]

    drive(prompt, scenario, initial=["mine\x1b]0;owned"])


SAMPLES: dict[str, tuple[Prompt, Any]] = {
    "text": (HEADLINE, "Builder"),
    "long_text": (Prompt(id="l", kind="long_text"), "one\ntwo"),
    "choice": (Prompt(id="c", kind="choice", options=("a", "b"), other=True), "zz"),
    "multi_choice": (Prompt(id="m", kind="multi_choice", options=("a", "b"), other=True), ["b"]),
    "list": (Prompt(id="l", kind="list"), ["x", "y"]),
    "scale": (Prompt(id="s", kind="scale"), 4),
    "number": (Prompt(id="n", kind="number", integer=False), 2.5),
    "confirm": (Prompt(id="c", kind="confirm"), False),
    "date": (Prompt(id="d", kind="date"), "2026-03-09"),
    "info": (Prompt(id="i", kind="info"), "Hello"),
}
EXPECTED = {"scale": "4", "number": "2.5", "multi_choice": ["b"], "info": None}


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_kind_starts_from_the_answer_given_before_and_mounting_is_no_change(kind: str) -> None:
    prompt, initial = SAMPLES[kind]

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        assert app.prompt_input.value == EXPECTED.get(kind, initial)
        assert app.prompt_input.error is None
        assert app.focused is not None and app.prompt_input in app.focused.ancestors_with_self

    drive(prompt, scenario, initial=initial)


@pytest.mark.parametrize("kind", sorted(SAMPLES))
def test_each_kind_keeps_what_it_holds_as_its_draft(kind: str) -> None:
    prompt, initial = SAMPLES[kind]

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        assert app.prompt_input.draft == app.prompt_input.value

    drive(prompt, scenario, initial=initial)


# -- long_text ----------------------------------------------------------------


def test_long_text_enter_is_a_new_line_and_nothing_is_submitted() -> None:
    prompt = Prompt(id="story", kind="long_text", ask="What happened?", max_length=50)

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await type_text(pilot, "one")
        await pilot.press("enter")
        await type_text(pilot, "[b]two")
        assert app.prompt_input.value == "one\n[b]two"
        assert app.submitted == []
        assert "ctrl+s continue" in screen_text(app)
        assert "Length 10/50" in screen_text(app)
        assert app.query_one(TextArea).tab_behavior == "focus"

    drive(prompt, scenario)


# -- choice -------------------------------------------------------------------

CHANNEL = Prompt(
    id="channel", kind="choice", ask="Which channel?", options=("Email", "[bold]x[/bold]", "DMs")
)


def test_choice_arrows_pick_and_enter_submits() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        assert app.prompt_input.value == ""
        await pilot.press("down", "down")
        assert app.prompt_input.value == "[bold]x[/bold]"
        assert "◉ [bold]x[/bold]" in screen_text(app)
        await pilot.press("enter")
        assert app.submitted == ["[bold]x[/bold]"]

    drive(CHANNEL, scenario)


def test_choice_digits_pick_and_a_click_does_not_go_on() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await pilot.press("3")
        assert app.prompt_input.value == "DMs"
        await pilot.click(OptionList, offset=(4, 1))
        assert app.prompt_input.value == "Email"
        assert app.submitted == []

    drive(CHANNEL, scenario)


def test_choice_other_opens_a_line_for_a_free_answer() -> None:
    prompt = Prompt(id="c", kind="choice", ask="?", options=("Email", "DMs"), other=True)

    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        other = app.query_one(".other-input", Input)
        assert not other.display
        await pilot.press("end", "enter")
        assert other.display and other.has_focus
        await type_text(pilot, "Meetups [x]")
        await pilot.press("enter")
        assert app.submitted == ["Meetups [x]"]

    drive(prompt, scenario)


def test_choice_starts_on_the_answer_given_before() -> None:
    prompt = Prompt(id="c", kind="choice", ask="?", options=("Email", "DMs"), other=True)
    drive(prompt, lambda app, pilot: _value_is(app, "DMs"), initial="dms")
    drive(prompt, lambda app, pilot: _value_is(app, "Radio"), initial="Radio")


async def _value_is(app: PromptHarness, expected: Any) -> None:
    assert app.prompt_input.value == expected


# -- multi_choice -------------------------------------------------------------

PICKS = Prompt(
    id="m", kind="multi_choice", ask="?", options=("Email", "[/b]", "DMs"), max=2, other=True
)


def test_multi_choice_space_ticks_and_enter_submits_in_option_order() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        await pilot.press("down", "down", "space", "up", "space")
        assert app.prompt_input.value == ["[/b]", "DMs"]
        assert "[/b]" in screen_text(app)
        await pilot.press("enter")
        assert app.submitted == [["[/b]", "DMs"]]

    drive(PICKS, scenario)


def test_multi_choice_counts_against_max_and_adds_your_own() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        widget = app.query_one(MultiChoiceInput)
        app.query_one(".other-input", Input).focus()
        await type_text(pilot, "Meetups")
        await pilot.press("enter")
        assert widget.value == ["Email", "Meetups"]
        assert not widget.query_one(".pick-count").has_class("-over")
        await type_text(pilot, "Radio")
        await pilot.press("enter")
        assert "3 of 2 picked" in screen_text(app)
        assert widget.query_one(".pick-count").has_class("-over")
        await pilot.press("enter")
        assert app.submitted == [["Email", "Meetups", "Radio"]]

    drive(PICKS, scenario, initial=["email"])


def test_multi_choice_with_no_options_yet_says_so() -> None:
    async def scenario(app: PromptHarness, pilot: Pilot[None]) -> None:
        assert "Nothing to pick from yet." in screen_text(app)
        assert isinstance(app.focused, Input)

    drive(PICKS, scenario, options=())


def test_inputs_are_found_by_their_kind_class() -> None:
    widget = input_for(CHANNEL, "Email", CHANNEL.options, today=FIXED_TODAY)
    assert isinstance(widget, ChoiceInput) and widget.has_class("-kind-choice")
