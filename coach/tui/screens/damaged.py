"""The screen shown instead of a crash when a data file cannot be used."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import Button, Header, Static

from coach.tui.screens.common import CoachScreen
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.safe import plain

NOTHING_CHANGED = (
    "Nothing else was touched. When you quit, this message is printed in the "
    "terminal too, so you can copy the path."
)


class DamagedScreen(CoachScreen):
    """Which file, what is wrong with it, and how to go on."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("q,escape", "quit", "Quit")]
    AUTO_FOCUS = "#quit"

    def __init__(self, message: str) -> None:
        super().__init__()
        self.message = message

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="damaged", classes="dialog"):
            yield Static("Your data could not be read", classes="dialog-title")
            yield Static(plain(self.message), id="damaged-message")
            yield Static(NOTHING_CHANGED, id="damaged-note")
            yield Button("Quit", id="quit", variant="primary")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Data problem"

    @on(Button.Pressed, "#quit")
    def action_quit(self) -> None:
        """Quit, and say it again on the terminal once the screen is gone."""
        self.coach.save_and_exit(1)
