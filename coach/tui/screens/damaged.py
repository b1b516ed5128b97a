"""What the user sees when a data file cannot be used, instead of a crash.

A file the whole data folder needs (the list of sessions, the settings) gets
:class:`DamagedScreen`, whose only way on is to quit: nothing can be trusted
until the file is dealt with. A single session's file gets
:class:`UnreadableSessionDialog`, over the screen that tried to open it:
every other session goes on as before.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Header, Static

from coach.store.storage import UnreadableSession
from coach.tui.messages import Quit
from coach.tui.screens.base import CoachDialog, CoachScreen
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.safe import plain

NOTHING_CHANGED = (
    "Nothing else was touched. When you quit, this message is printed in the "
    "terminal too, so you can copy the path."
)
GO_ON = "Close this to go on with the rest of the app."


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
        self.navigate(Quit(1))


class UnreadableSessionDialog(CoachDialog[None]):
    """One session could not be opened: which file, what is wrong, how to go on."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "close", "Close")]
    AUTO_FOCUS = "#unreadable-close"

    def __init__(self, error: UnreadableSession) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        with Vertical(id="unreadable", classes="dialog"):
            yield Static("This session could not be opened", classes="dialog-title")
            yield Static(plain(str(self.error)), id="unreadable-message")
            yield Static(GO_ON, id="unreadable-note")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Close", id="unreadable-close", variant="primary")
        yield KeysFooter()

    @on(Button.Pressed, "#unreadable-close")
    def action_close(self) -> None:
        self.dismiss(None)
