"""``scale``: a row of numbers from ``min`` to ``max``, with the label of the one picked."""

from __future__ import annotations

from typing import ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import Static

from coach.session.answers import SCALE_DEFAULTS
from coach.tui.widgets.base import as_text
from coach.tui.widgets.pick_row import PickCell, PickInput, PickRow
from coach.tui.widgets.safe import one_line

COMPACT_FROM = 12
"""From this many numbers on, the cells are drawn narrower to fit 80 columns."""


class ScaleCell(PickCell):
    """One number of the scale."""

    def __init__(self, number: int) -> None:
        super().__init__(number, str(number), classes="scale-cell")


class ScaleBar(PickRow):
    """The numbers side by side: ←/→, digits, home/end or a click pick one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("left", "step(-1)", "Lower", show=False),
        Binding("right", "step(1)", "Higher", show=False),
        Binding("home", "jump('low')", "Lowest", show=False),
        Binding("end", "jump('high')", "Highest", show=False),
    ]

    def __init__(self, low: int, high: int, current: int | None) -> None:
        super().__init__(current, classes="prompt-control scale-bar")
        self.low, self.high = low, high
        self._typed = ""
        self.set_class(high - low + 1 >= COMPACT_FROM, "-compact")

    def compose(self) -> ComposeResult:
        for number in range(self.low, self.high + 1):
            yield ScaleCell(number)

    def action_step(self, step: int) -> None:
        self._typed = ""
        if self.picked is None:
            self.picked = self.low if step > 0 else self.high
        else:
            self.picked = max(self.low, min(self.high, self.picked + step))

    def action_jump(self, end: str) -> None:
        self._typed = ""
        self.picked = self.low if end == "low" else self.high

    def on_key(self, event: events.Key) -> None:
        """Digits pick a number; two digits in a row pick 10 and up."""
        if event.character is None or not event.character.isdigit():
            return
        event.stop()
        typed = self._typed + event.character
        if self.low <= int(typed) <= self.high:
            self._typed, self.picked = typed, int(typed)
        elif self.low <= int(event.character) <= self.high:
            self._typed, self.picked = event.character, int(event.character)
        else:
            self._typed = ""


class ScaleInput(PickInput):
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
        self._show_label(self.picked)

    @property
    def value(self) -> str:
        picked = self.picked
        return "" if picked is None else str(picked)

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

    def picked_changed(self, picked: int | None) -> None:
        self._show_label(picked)
        super().picked_changed(picked)
