"""``number``: what a number looks like (digits, one point, a sign, commas), the unit beside.

Whole-number prompts take a point too, so that ``2.5`` is refused with a message
by the answer check rather than silently becoming ``25``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.text import escape_controls
from coach.tui.widgets.base import PromptInput, as_text
from coach.tui.widgets.field import PromptField
from coach.tui.widgets.safe import one_line

NUMBER_SHAPE = r"[-+]?[\d,]*\.?\d*"
"""What the field lets through while typing; the answer check decides the rest."""


class NumberField(PromptField):
    """An input of numbers where ↑/↓ add or take away one, within the bounds."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "step(1)", "More", show=False),
        Binding("down", "step(-1)", "Less", show=False),
    ]

    def __init__(
        self, low: float | None, high: float | None, *, value: str, placeholder: str
    ) -> None:
        super().__init__(
            value=value,
            placeholder=placeholder,
            restrict=NUMBER_SHAPE,
            classes="prompt-control",
            select_on_focus=False,
        )
        self.low, self.high = low, high

    def action_step(self, step: int) -> None:
        try:
            number = Decimal(self.value.replace(",", "") or "0") + step
        except InvalidOperation:
            return
        if self.low is not None and number < Decimal(str(self.low)):
            number = Decimal(str(self.low))
        if self.high is not None and number > Decimal(str(self.high)):
            number = Decimal(str(self.high))
        self.value = format(number.normalize(), "f") if number else "0"
        self.cursor_position = len(self.value)


class NumberInput(PromptInput):
    """A short number field, its unit, and ↑/↓ to nudge it."""

    kind = "number"
    key_hints = (("↑↓", "adjust"), ("enter", "continue"))

    def compose_input(self) -> ComposeResult:
        low, high = self._bounds()
        with Horizontal(classes="number-row"):
            yield NumberField(
                low,
                high,
                value=as_text(self.initial),
                placeholder=escape_controls(self.prompt.placeholder),
            )
            if self.prompt.unit:
                yield Static(one_line(self.prompt.unit), classes="number-unit")

    def _bounds(self) -> tuple[float | None, float | None]:
        def number(bound: object) -> float | None:
            return bound if isinstance(bound, int | float) and not isinstance(bound, bool) else None

        return number(self.prompt.min), number(self.prompt.max)

    @property
    def value(self) -> str:
        return self.query_one(NumberField).value

    def main_control(self) -> Widget:
        return self.query_one(NumberField)

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.value_changed()

    @on(Input.Submitted)
    def _go_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()
