"""The small dialog that writes the plan to a Markdown file."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from coach.errors import CoachError
from coach.files import write_export
from coach.tui.screens.base import CoachDialog
from coach.vault import export_note


class ExportDialog(CoachDialog[Path | None]):
    """Where to write the plan; an existing file is replaced only when asked twice."""

    MESSAGE_LINE = "export-message"

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#export-path"

    def __init__(self, default: str, text: str) -> None:
        super().__init__()
        self.default = default
        self.text = text
        self._confirmed: Path | None = None

    def compose(self) -> ComposeResult:
        with Vertical(id="export-dialog", classes="dialog"):
            yield Static("Export the plan", classes="dialog-title")
            yield Static("Write the plan as Markdown to this file:")
            yield Input(self.default, id="export-path")
            yield Static(id="export-message")
            with Horizontal(classes="dialog-buttons"):
                yield Button("Cancel", id="cancel")
                yield Button("Export", id="export", variant="primary")

    @on(Input.Submitted, "#export-path")
    @on(Button.Pressed, "#export")
    def action_export(self) -> None:
        typed = self.query_one("#export-path", Input).value.strip()
        if not typed:
            self.say("Type where to write the plan.")
            return
        path = Path(typed).expanduser()
        if path.is_dir():
            self.say(f"{path} is a folder: add a file name.")
            return
        if path.exists() and self._confirmed != path:
            self._confirmed = path
            self.say(f"{path} exists. Press Export again to replace it.")
            return
        try:
            write_export(path, self.text.encode("utf-8"))
        except CoachError as error:
            self.say(str(error))
            return
        note = export_note(path)
        self.notify(
            f"Wrote {path}" + (f". {note}" if note else ""), title="Plan exported", markup=False
        )
        self.dismiss(path)

    @on(Input.Changed, "#export-path")
    def _path_changed(self) -> None:
        self._confirmed = None
        self.say("")

    @on(Button.Pressed, "#cancel")
    def action_cancel(self) -> None:
        self.dismiss(None)
