"""The dialog that asks for the passphrase of an encrypted data folder, once per start."""

from __future__ import annotations

from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from coach.errors import CoachError
from coach.tui.screens.base import CoachDialog
from coach.vault import Vault, WrongPassphrase


class UnlockDialog(CoachDialog[bool]):
    """The passphrase, typed hidden; a wrong one says so and lets the person try again.

    Dismissed with True once the folder is unlocked, False when the person leaves.
    """

    MESSAGE_LINE = "unlock-message"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "leave", "Quit")]
    AUTO_FOCUS = "#unlock-passphrase"

    def __init__(self, vault: Vault) -> None:
        super().__init__()
        self.vault = vault

    def compose(self) -> ComposeResult:
        with Vertical(id="unlock-dialog", classes="dialog"):
            yield Static("Your coach is locked", classes="dialog-title")
            yield Static("Its data folder is encrypted. Type the passphrase to open it.")
            yield Input(password=True, placeholder="Passphrase", id="unlock-passphrase")
            yield Static(id="unlock-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Quit", id="leave")
                yield Button("Unlock", id="unlock", variant="primary")

    @on(Input.Submitted, "#unlock-passphrase")
    @on(Button.Pressed, "#unlock")
    def action_unlock(self) -> None:
        field = self.query_one("#unlock-passphrase", Input)
        if not field.value:
            self.say("Type the passphrase first.")
            return
        if field.disabled:
            return
        field.disabled = True
        self.say("Unlocking…")
        self._try(field.value)

    @work(thread=True, exclusive=True, group="unlock")
    def _try(self, passphrase: str) -> None:
        """The key derivation is slow by design: it runs away from the screen."""
        try:
            self.vault.unlock(passphrase)
        except WrongPassphrase:
            self.app.call_from_thread(self._refused, "That passphrase does not open it.")
            return
        except CoachError as error:
            self.app.call_from_thread(self._refused, str(error))
            return
        self.app.call_from_thread(self.dismiss, True)

    def _refused(self, message: str) -> None:
        field = self.query_one("#unlock-passphrase", Input)
        field.disabled = False
        field.value = ""
        field.focus()
        self.say(f"{message} Try again.")

    @on(Input.Changed, "#unlock-passphrase")
    def _typed(self, event: Input.Changed) -> None:
        if event.value and not event.input.disabled:  # not the clearing after a refusal
            self.say("")

    @on(Button.Pressed, "#leave")
    def action_leave(self) -> None:
        self.dismiss(False)
