"""``text``: one line, with live counters for each of the prompt's ``limits``."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Input

from coach.scripts.lengths import limit_of, measure
from coach.session.answers import counted_text
from coach.text import escape_controls
from coach.tui.widgets.base import PromptInput, as_text
from coach.tui.widgets.counter import CounterRow, LimitCounter
from coach.tui.widgets.field import PromptField

LENGTH_COUNTER = "Length"
"""The name of the counter shown for ``max_length``."""


class TextInput(PromptInput):
    """A single-line answer; Enter goes on."""

    kind = "text"

    def compose_input(self) -> ComposeResult:
        text = as_text(self.initial)
        yield PromptField(
            value=text,
            placeholder=escape_controls(self.prompt.placeholder),
            classes="prompt-control",
            select_on_focus=False,
            on_change=self._typed,
        )
        counted = counted_text(self.prompt, text)
        counters = [
            LimitCounter(limit.name, limit.chars, measure(counted, limit.count), limit.count)
            for limit in map(limit_of, self.prompt.limits)
        ]
        if self.prompt.max_length is not None:
            counters.append(LimitCounter(LENGTH_COUNTER, self.prompt.max_length, len(counted)))
        if counters:
            yield CounterRow(*counters, classes="limit-counters")

    @property
    def value(self) -> str:
        return self.query_one(Input).value

    def main_control(self) -> Widget:
        return self.query_one(Input)

    def _typed(self, value: str) -> None:
        """The text changed (called by the field at once, not by a message)."""
        for row in self.query(CounterRow):
            row.set_text(counted_text(self.prompt, value))
        self.value_changed()

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()  # already counted: see ``_typed``

    @on(Input.Submitted)
    def _go_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()
