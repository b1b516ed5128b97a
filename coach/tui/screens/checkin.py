"""A check-in begins with its plan's open actions: tick what is done, then the questions."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Checkbox, Header, Static

from coach.followup.report import ActionRow
from coach.tui.messages import GoHome
from coach.tui.screens.base import CoachScreen
from coach.tui.widgets.action_items import ActionCheckbox
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.safe import one_line, plain

if TYPE_CHECKING:
    from coach.workspace import Workspace

INTRO = "Before the questions: tick what you have done since your plan (or your last check-in)."


class OpeningActionsScreen(CoachScreen):
    """The first page of a check-in, over its wizard: each tick is saved at once."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s,pagedown", "continue", "Continue", tooltip="On to the questions"),
        Binding("escape", "leave", "Leave (saved)", tooltip="Back to Home, resume later"),
    ]

    def __init__(self, workspace: Workspace, title: str, rows: list[ActionRow]) -> None:
        super().__init__(workspace)
        self.script_title = title
        self.rows = rows

    def compose(self) -> ComposeResult:
        yield Header()
        today = self.workspace.today()
        with Vertical(id="opening"):
            yield Static(plain(self.script_title), id="opening-title")
            plan_title = self.rows[0].plan_title if self.rows else ""
            yield Static(
                Content.assemble(("On your plan: ", "dim"), one_line(plan_title)),
                id="opening-plan",
            )
            yield Static(INTRO, id="opening-intro")
            with VerticalScroll(id="opening-actions", classes="box", can_focus=False):
                for index, row in enumerate(self.rows):
                    yield ActionCheckbox(row.session_id, row.action, today, id=f"open-{index}")
            with Horizontal(id="opening-nav"):
                yield Static(
                    Content.assemble(("space", "bold $accent"), " tick · saved at once"),
                    id="opening-hint",
                )
                yield Button("Continue", id="continue", variant="primary", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Check-in"
        self.query_one("#opening-actions").border_title = "Open action items"
        boxes = self.query(ActionCheckbox)
        (boxes.first() if boxes else self.query_one("#continue")).focus()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        box = event.checkbox
        if isinstance(box, ActionCheckbox) and not self.set_action_done(
            box.session_id, box.action_id, event.value
        ):
            box.put_back(not event.value)

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        """On to the check-in's questions, in the wizard below."""
        self.dismiss()

    def action_leave(self) -> None:
        self.navigate(GoHome("Saved. Pick it up again under Resume.", "Left for now"))
