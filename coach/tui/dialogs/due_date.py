"""The small dialog that gives one action item a due date of its own."""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Input, Static

from coach.errors import AnswerRefused
from coach.session.answers import DATE_FORMS, resolve_due_date
from coach.tui.screens.base import CoachDialog
from coach.tui.widgets.safe import one_line


class DueDateDialog(CoachDialog[date | None]):
    """When one action is due: a date as the wizard takes them (``+3d``, ``2026-12-24``)."""

    MESSAGE_LINE = "due-message"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#due-date"

    def __init__(self, text: str, due: str | None, today: date) -> None:
        super().__init__()
        self.text = text
        self.due = due or ""
        self.today = today

    def compose(self) -> ComposeResult:
        with Vertical(id="due-dialog", classes="dialog"):
            yield Static("Change the due date", classes="dialog-title")
            yield Static(one_line(self.text), id="due-subject")
            yield Static(Content(f"A date: {DATE_FORMS}").stylize("dim"))
            yield Input(self.due, id="due-date", placeholder="e.g. +3d")
            yield Static(id="due-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Save", id="save", variant="primary")

    @on(Input.Submitted, "#due-date")
    @on(Button.Pressed, "#save")
    def action_save(self) -> None:
        typed = self.query_one("#due-date", Input).value
        try:
            day = resolve_due_date(typed, self.today)
        except AnswerRefused as error:
            self.say(str(error))
            return
        self.dismiss(day)

    @on(Input.Changed, "#due-date")
    def _typed(self) -> None:
        self.say("")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
