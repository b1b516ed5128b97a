"""Asking before something that cannot be undone, naming it exactly as typed."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Button, Static

from coach.tui.screens.base import CoachDialog
from coach.tui.widgets.safe import plain


class ConfirmDialog(CoachDialog[bool]):
    """ "Delete this session?" with the session's title; Cancel is the default."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "confirm", "Delete"),
        Binding("n,escape", "cancel", "Cancel"),
    ]
    AUTO_FOCUS = "#cancel"

    def __init__(self, title: str, *, action: str = "Delete") -> None:
        super().__init__()
        self.subject = title
        self.verb = action

    def compose(self) -> ComposeResult:
        with Vertical(id="confirm-dialog", classes="dialog"):
            yield Static(f"{self.verb} this session?", classes="dialog-title")
            yield Static(
                Content.assemble(("“", "dim"), plain(self.subject), ("”", "dim")),
                id="confirm-subject",
            )
            yield Static("Its answers and plan are removed. This cannot be undone.")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button(self.verb, id="confirm", variant="error")

    @on(Button.Pressed, "#confirm")
    def action_confirm(self) -> None:
        self.dismiss(True)

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(False)
