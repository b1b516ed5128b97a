"""``date``: typed as ``YYYY-MM-DD``, ``today``, ``tomorrow``, ``+3d``, ``+2w``, previewed live."""

from __future__ import annotations

from datetime import date, timedelta
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.errors import AnswerRefused
from coach.session.answers import resolve_date
from coach.text import escape_controls
from coach.tui.widgets.base import PromptInput, as_text
from coach.tui.widgets.field import PromptField

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
DEFAULT_PLACEHOLDER = "YYYY-MM-DD, today, tomorrow, +3d, +2w"


def long_date(when: date) -> str:
    """``Mon 16 Mar 2026``, the same in every locale."""
    return f"{WEEKDAYS[when.weekday()]} {when.day} {MONTHS[when.month - 1]} {when.year}"


def from_today(when: date, today: date) -> str:
    """``today``, ``tomorrow``, ``in 5 days``, ``in 2 weeks``, ``3 days ago``."""
    days = (when - today).days
    named = {0: "today", 1: "tomorrow", -1: "yesterday"}
    if days in named:
        return named[days]
    amount = abs(days)
    span = f"{amount // 7} weeks" if amount % 7 == 0 and amount >= 14 else f"{amount} days"
    return f"in {span}" if days > 0 else f"{span} ago"


class DateField(PromptField):
    """A date input where ↑/↓ move the date a day (shift: a week)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "shift_days(1)", "Later", show=False),
        Binding("down", "shift_days(-1)", "Earlier", show=False),
        Binding("shift+up", "shift_days(7)", "A week later", show=False),
        Binding("shift+down", "shift_days(-7)", "A week earlier", show=False),
    ]

    def __init__(self, today: date, *, value: str, placeholder: str) -> None:
        super().__init__(
            value=value, placeholder=placeholder, classes="prompt-control", select_on_focus=False
        )
        self.today = today

    def action_shift_days(self, days: int) -> None:
        try:
            when = resolve_date(self.value, self.today) if self.value.strip() else self.today
            self.value = (when + timedelta(days=days)).isoformat()
        except (AnswerRefused, OverflowError):
            return
        self.cursor_position = len(self.value)


class DateInput(PromptInput):
    """The date as typed, and under it the day it means."""

    kind = "date"
    key_hints = (("↑↓", "day"), ("enter", "continue"))

    def compose_input(self) -> ComposeResult:
        placeholder = escape_controls(self.prompt.placeholder) or DEFAULT_PLACEHOLDER
        yield DateField(self.today, value=as_text(self.initial), placeholder=placeholder)
        yield Static(classes="date-preview")

    def on_mount(self) -> None:
        self._preview(self.value)

    @property
    def value(self) -> str:
        return self.query_one(DateField).value

    def main_control(self) -> Widget:
        return self.query_one(DateField)

    def resolved(self) -> date | None:
        """The date the text means now, or None."""
        try:
            return resolve_date(self.value, self.today) if self.value.strip() else None
        except (AnswerRefused, OverflowError):
            return None

    def _preview(self, text: str) -> None:
        preview = self.query_one(".date-preview", Static)
        when = self.resolved()
        preview.set_class(bool(text.strip()) and when is None, "-unknown")
        preview.set_class(when is not None and not self._in_bounds(when), "-out-of-range")
        if when is None:
            message = "Not a date yet" if text.strip() else "Type a date"
            preview.update(Content(message))
            return
        preview.update(
            Content.assemble(
                ("→ ", "bold"), (long_date(when), "bold"), f"  ({from_today(when, self.today)})"
            )
        )

    def _in_bounds(self, when: date) -> bool:
        low, high = self._bound(self.prompt.min), self._bound(self.prompt.max)
        return (low is None or when >= low) and (high is None or when <= high)

    def _bound(self, bound: object) -> date | None:
        if isinstance(bound, date):
            return bound
        try:
            return resolve_date(str(bound), self.today) if bound is not None else None
        except AnswerRefused:
            return None

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self._preview(event.value)
        self.value_changed()

    @on(Input.Submitted)
    def _go_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()
