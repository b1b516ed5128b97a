"""``long_text``: many lines; Enter is a new line, ctrl+s (bound by the screen) goes on."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import TextArea

from coach.session.answers import counted_text
from coach.tui.widgets.base import PromptInput, as_text
from coach.tui.widgets.counter import CounterRow, LimitCounter
from coach.tui.widgets.field import PromptArea
from coach.tui.widgets.safe import plain
from coach.tui.widgets.text_input import LENGTH_COUNTER


class LongTextInput(PromptInput):
    """A text area that wraps; the screen's ctrl+s submits it."""

    kind = "long_text"
    key_hints = (("enter", "new line"), ("ctrl+s", "continue"))

    def compose_input(self) -> ComposeResult:
        text = as_text(self.initial)
        yield PromptArea(
            text,
            soft_wrap=True,
            tab_behavior="focus",
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=plain(self.prompt.placeholder),
            classes="prompt-control",
            on_change=self._typed,
        )
        if self.prompt.max_length is not None:
            counted = len(counted_text(self.prompt, text))
            counter = LimitCounter(LENGTH_COUNTER, self.prompt.max_length, counted)
            yield CounterRow(counter, classes="limit-counters")

    @property
    def value(self) -> str:
        return self.query_one(TextArea).text

    def main_control(self) -> Widget:
        return self.query_one(TextArea)

    def focus_input(self) -> None:
        super().focus_input()
        area = self.query(TextArea)
        if area:
            area.first().move_cursor(area.first().document.end)

    def _typed(self, text: str) -> None:
        """The text changed: called by the area at once, and by its message (after undo)."""
        for row in self.query(CounterRow):
            row.set_text(counted_text(self.prompt, text))
        self.value_changed()

    @on(TextArea.Changed)
    def _changed(self, event: TextArea.Changed) -> None:
        event.stop()
        self._typed(event.text_area.text)
