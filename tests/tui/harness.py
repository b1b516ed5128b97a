"""A tiny app showing one prompt's question and its input, for Pilot and snapshot tests."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable, Callable
from datetime import date
from pathlib import Path
from typing import Any, ClassVar

from rich.console import Console
from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Input, Static, TextArea

from coach.scripts.model import Prompt
from coach.tui.widgets import WIDGETS_CSS_PATH
from coach.tui.widgets.base import PromptInput
from coach.tui.widgets.kinds import input_for
from coach.tui.widgets.safe import plain
from coach.tui.widgets.step_indicator import StepIndicator

FIXED_TODAY = date(2026, 3, 2)


class PromptHarness(App[None]):
    """Question + input; keeps every value the input submitted, in order."""

    CSS_PATH: ClassVar[list[str | Path]] = [
        WIDGETS_CSS_PATH,
        Path(__file__).with_name("harness.tcss"),
    ]

    def __init__(
        self,
        prompt: Prompt,
        initial: Any = None,
        options: tuple[str, ...] | None = None,
        *,
        today: date = FIXED_TODAY,
    ) -> None:
        super().__init__()
        self.prompt = prompt
        self.initial = initial
        self.options = prompt.options if options is None else options
        self.today = today
        self.submitted: list[Any] = []

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="page"):
            yield Static(plain(self.prompt.ask), classes="question")
            yield input_for(self.prompt, self.initial, self.options, today=self.today)

    def on_mount(self) -> None:
        for field in self.query(Input):
            field.cursor_blink = False
        for area in self.query(TextArea):
            area.cursor_blink = False
        self.prompt_input.focus_input()

    @property
    def prompt_input(self) -> PromptInput:
        return self.query_one(PromptInput)

    def on_prompt_input_submitted(self, event: PromptInput.Submitted) -> None:
        self.submitted.append(event.source.value)


class StepsHarness(App[None]):
    """Just a step indicator, at the top of the screen."""

    CSS_PATH: ClassVar[list[str | Path]] = [WIDGETS_CSS_PATH]

    def __init__(self, steps: list[tuple[str, str]]) -> None:
        super().__init__()
        self.steps = steps

    def compose(self) -> ComposeResult:
        yield StepIndicator(self.steps)


def screen_text(app: App[Any]) -> str:
    """What the screen shows now, as plain text (as a person would read it)."""
    width, height = app.size
    console = Console(
        width=width,
        height=height,
        file=io.StringIO(),
        force_terminal=True,
        color_system="truecolor",
        record=True,
        legacy_windows=False,
        safe_box=False,
    )
    console.print(app.screen._compositor.render_update(full=True))
    return console.export_text(styles=False)


Scenario = Callable[[PromptHarness, Pilot[None]], Awaitable[None]]


def drive(prompt: Prompt, scenario: Scenario, initial: Any = None, **kwargs: Any) -> None:
    """Run ``scenario`` against the harness showing ``prompt`` at 80x24."""
    size = kwargs.pop("size", (80, 24))

    async def run() -> None:
        app = PromptHarness(prompt, initial, **kwargs)
        async with app.run_test(size=size) as pilot:
            await pilot.pause()
            await scenario(app, pilot)

    asyncio.run(run())


async def type_text(pilot: Pilot[None], text: str) -> None:
    await pilot.press(*text)
