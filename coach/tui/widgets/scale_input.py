"""``scale``: a row of numbers from ``min`` to ``max``, with the label of the one picked."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from coach.answers import SCALE_DEFAULTS
from coach.tui.widgets.base import PromptInput, as_text
from coach.tui.widgets.safe import one_line

COMPACT_FROM = 12
"""From this many numbers on, the cells are drawn narrower to fit 80 columns."""


class ScaleCell(Static):
    """One number of the scale."""

    def __init__(self, number: int) -> None:
        super().__init__(Content(str(number)), classes="scale-cell")
        self.number = number


class ScaleBar(Horizontal, can_focus=True):
    """The numbers side by side: ←/→, digits, home/end or a click pick one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Lower", show=False),
        Binding("right", "step(1)", "Higher", show=False),
        Binding("home", "jump('low')", "Lowest", show=False),
        Binding("end", "jump('high')", "Highest", show=False),
        Binding("enter", "confirm", "Continue", show=False),
    ]

    current: reactive[int | None] = reactive(None, init=False)

    class Confirmed(Message):
        """Enter was pressed."""

    def __init__(self, low: int, high: int, current: int | None) -> None:
        super().__init__(classes="prompt-control scale-bar")
        self.low, self.high = low, high
        self.set_reactive(ScaleBar.current, current)
        self._typed = ""
        self.set_class(high - low + 1 >= COMPACT_FROM, "-compact")

    def compose(self) -> ComposeResult:
        for number in range(self.low, self.high + 1):
            yield ScaleCell(number)

    def on_mount(self) -> None:
        self.watch_current(self.current)

    def watch_current(self, current: int | None) -> None:
        for cell in self.query(ScaleCell):
            cell.set_class(cell.number == current, "-selected")

    def action_step(self, step: int) -> None:
        self._typed = ""
        if self.current is None:
            self.current = self.low if step > 0 else self.high
        else:
            self.current = max(self.low, min(self.high, self.current + step))

    def action_jump(self, end: str) -> None:
        self._typed = ""
        self.current = self.low if end == "low" else self.high

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())

    def on_key(self, event: events.Key) -> None:
        """Digits pick a number; two digits in a row pick 10 and up."""
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        typed = self._typed + event.character
        if self.low <= int(typed) <= self.high:
            self._typed, self.current = typed, int(typed)
        elif self.low <= int(event.character) <= self.high:
            self._typed, self.current = event.character, int(event.character)
        else:
            self._typed = ""

    def on_click(self, event: events.Click) -> None:
        if isinstance(event.widget, ScaleCell):
            self.current = event.widget.number
        self.focus()


class ScaleInput(PromptInput):
    """The scale, and under it the label of the number picked."""

    kind = "scale"
    key_hints = (("←→", "pick"), ("enter", "continue"))

    def compose_input(self) -> ComposeResult:
        low, high = self.bounds
        yield ScaleBar(low, high, self._initial_number(low, high))
        yield Static(classes="scale-label")

    @property
    def bounds(self) -> tuple[int, int]:
        low = SCALE_DEFAULTS[0] if self.prompt.min is None else int(self.prompt.min)
        high = SCALE_DEFAULTS[1] if self.prompt.max is None else int(self.prompt.max)
        return low, high

    def _initial_number(self, low: int, high: int) -> int | None:
        text = as_text(self.initial).strip()
        try:
            number = int(text)
        except ValueError:
            return None
        return number if low <= number <= high else None

    def on_mount(self) -> None:
        bar = self.query_one(ScaleBar)
        self._show_label(bar.current)
        self.watch(bar, "current", self._picked, init=False)

    @property
    def value(self) -> str:
        current = self.query_one(ScaleBar).current
        return "" if current is None else str(current)

    def main_control(self) -> Widget:
        return self.query_one(ScaleBar)

    def _show_label(self, current: int | None) -> None:
        label = self.query_one(".scale-label", Static)
        if current is None:
            label.update(Content("Pick a number"))
            label.set_class(False, "-picked")
            return
        text = dict(self.prompt.labels).get(current, "")
        parts: list[Content | tuple[str, str]] = [(str(current), "bold"), f" of {self.bounds[1]}"]
        if text:
            parts += [(" · ", ""), one_line(text)]
        label.update(Content.assemble(*parts))
        label.set_class(True, "-picked")

    @on(ScaleBar.Confirmed)
    def _confirmed(self, event: ScaleBar.Confirmed) -> None:
        event.stop()
        self.submit()

    def _picked(self, current: int | None) -> None:
        self._show_label(current)
        self.value_changed()
