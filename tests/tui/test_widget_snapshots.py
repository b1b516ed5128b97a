"""How each prompt kind looks: one snapshot per kind at 80x24, a few at 120x36.

Fixed data, the fixed clock of the harness, no cursor blink. Update with
``pytest tests/tui --snapshot-update`` and look at the SVGs before committing.
"""

from __future__ import annotations

from typing import Any

import pytest
from textual.pilot import Pilot

from coach.scripts.model import KINDS, Prompt
from coach.tui.widgets.base import PromptInput

from .harness import PromptHarness, StepsHarness

HEADLINE = Prompt(
    id="headline",
    kind="text",
    ask="Your new one-line description",
    placeholder="e.g. Campaign builder who listens first",
    limits=(("LinkedIn headline", 220), ("X bio", 160, "x"), ("Instagram bio", 150)),
)

CASES: dict[str, tuple[Prompt, Any, tuple[str, ...]]] = {
    "text": (HEADLINE, "Fundraiser learning out loud · [TODO] add the 2nd campaign", ()),
    "long_text": (
        Prompt(
            id="what_happened",
            kind="long_text",
            ask="What happened, in your own words?",
            max_length=600,
        ),
        "We raised the least of the whole group.\n\nI only used DMs [and no email].",
        (),
    ),
    "choice": (
        Prompt(
            id="main_channel",
            kind="choice",
            ask="Which channel did you lean on most?",
            options=("Email", "Private messages", "Public posts", "Phone calls"),
            other=True,
        ),
        "Private messages",
        (),
    ),
    "multi_choice": (
        Prompt(
            id="combine",
            kind="multi_choice",
            ask="Which channels will you combine next time?",
            options=("Email", "Private messages", "Public posts", "Events", "[bold]x[/bold]"),
            min=2,
            max=3,
            other=True,
        ),
        ["Email", "Public posts"],
        (),
    ),
    "list": (
        Prompt(
            id="first_actions",
            kind="list",
            ask="Your first outreach actions",
            min=2,
            max=5,
            item_max_length=60,
        ),
        ["[TODO] call Sam about the newsletter", "Post the lessons thread", "Email 3 past donors"],
        ("down", "down"),
    ),
    "scale": (
        Prompt(
            id="confidence",
            kind="scale",
            ask="How ready do you feel to try again?",
            min=1,
            max=5,
            labels=((1, "Not yet"), (3, "Getting there"), (5, "Ready")),
        ),
        3,
        (),
    ),
    "number": (
        Prompt(
            id="daily",
            kind="number",
            ask="How many new people will you reach out to each day?",
            min=1,
            max=50,
            unit="people a day",
        ),
        5,
        (),
    ),
    "confirm": (Prompt(id="share", kind="confirm", ask="Share your plan with a friend?"), True, ()),
    "date": (
        Prompt(id="checkin", kind="date", ask="When will you check in on this plan?", min="today"),
        "+2w",
        (),
    ),
    "info": (
        Prompt(id="pause", kind="info", ask="A pause"),
        "## One channel is not a strategy\n\n"
        "Messages, email and posts each reach *different* people. "
        "Use them **together**: [bold]this[/bold] stays as written.",
        (),
    ),
}


def harness(kind: str) -> tuple[PromptHarness, tuple[str, ...]]:
    prompt, initial, press = CASES[kind]
    return PromptHarness(prompt, initial), press


def test_every_kind_has_a_snapshot_case() -> None:
    assert set(CASES) == set(KINDS)


@pytest.mark.parametrize("kind", KINDS)
def test_prompt_kind_at_80x24(kind: str, snap_compare: Any) -> None:
    app, press = harness(kind)
    assert snap_compare(app, press=press, terminal_size=(80, 24))


@pytest.mark.parametrize("kind", ["text", "multi_choice", "list", "scale"])
def test_prompt_kind_at_120x36(kind: str, snap_compare: Any) -> None:
    app, press = harness(kind)
    assert snap_compare(app, press=press, terminal_size=(120, 36))


def test_text_past_a_limit_with_an_error(snap_compare: Any) -> None:
    long_headline = "Fundraiser who learned the hard way that one channel is never enough " * 3

    async def refuse(pilot: Pilot[None]) -> None:
        await pilot.pause()
        pilot.app.query_one(PromptInput).show_error("Keep this under 200 characters [/b].")

    app = PromptHarness(HEADLINE, long_headline.strip())
    assert snap_compare(app, run_before=refuse, terminal_size=(80, 24))


STEPS = [
    ("Learn from your mistakes", "done"),
    ("Re-brand yourself", "current"),
    ("Make new connections", "todo"),
]


@pytest.mark.parametrize("width", [80, 50])
def test_step_indicator(width: int, snap_compare: Any) -> None:
    assert snap_compare(StepsHarness(STEPS), terminal_size=(width, 3))
