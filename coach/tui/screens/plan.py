"""The comeback plan: the whole plan as Markdown, action items to tick, export."""

from __future__ import annotations

import dataclasses
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.widgets import Checkbox, Footer, Header, Markdown, Static

from coach.errors import CoachError
from coach.plan import render_plan
from coach.script import Script
from coach.store import SessionRecord
from coach.tui.screens.common import CoachScreen
from coach.tui.screens.export import ExportDialog
from coach.tui.widgets.safe import one_line


class PlanScreen(CoachScreen):
    """A finished session's plan, its action items and how to export it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "export", "Export", tooltip="To a Markdown file"),
        Binding("e", "edit", "Edit answers", tooltip="Go through them again"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, record: SessionRecord, script: Script | None) -> None:
        super().__init__()
        self.record = record
        self.script = script
        self.actions: list[dict[str, Any]] = [dict(a) for a in record.actions]

    def compose(self) -> ComposeResult:
        yield Header()
        with Container(id="plan"):
            with VerticalScroll(id="plan-doc", classes="box"):
                yield Markdown(self._plan_text(), id="plan-text")
            with VerticalScroll(id="plan-actions", classes="box"):
                for index, action in enumerate(self.actions):
                    yield ActionCheckbox(
                        action_label(action), bool(action.get("done")), id=f"action-{index}"
                    )
                if not self.actions:
                    yield Static("No action items in this plan.", classes="empty")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Plan"
        self.query_one("#plan-actions").border_title = "Action items"
        self.query_one("#plan-doc").border_title = "Your plan"
        self.query_one("#plan-doc").focus()

    def _plan_text(self) -> str:
        """The plan without its action list: the checkboxes beside it are that list."""
        bare = dataclasses.replace(self.record, actions=[])
        return render_plan(bare, self.script, clock=self.coach.today)

    def full_plan(self) -> str:
        """The plan as exported and printed by ``coach show``, action items included."""
        current = dataclasses.replace(self.record, actions=self.actions)
        return render_plan(current, self.script, clock=self.coach.today)

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        index = int((event.checkbox.id or "action-0").removeprefix("action-"))
        if bool(self.actions[index].get("done")) == event.value:
            return
        self.actions[index]["done"] = event.value
        try:
            self.record = self.coach.require_store().update(self.record.id, actions=self.actions)
        except CoachError as error:
            self.coach.report(error)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "edit":
            return self.script is not None
        return True

    def action_export(self) -> None:
        default = f"~/comeback-plan-{self.record.id}.md"
        self.app.push_screen(ExportDialog(default, self.full_plan()))

    def action_edit(self) -> None:
        if self.script is None:
            return
        try:
            record = self.coach.require_store().get(self.record.id)
        except CoachError as error:
            self.coach.report(error)
            return
        self.coach.edit_session(record, self.script)

    def action_close(self) -> None:
        self.dismiss()


class ActionCheckbox(Checkbox):
    """A checkbox whose label wraps onto as many lines as it needs."""

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        # One cell less: the label's trailing pad is drawn, but wrapping drops it.
        return max(1, len(self.render().wrap(max(width - 1, 1))))


def action_label(action: dict[str, Any]) -> Content:
    """An action item's text as typed, with its date when it has one."""
    label = one_line(str(action.get("text", "")))
    if action.get("due"):
        label = Content.assemble(label, one_line(f"  by {action['due']}").stylize("dim"))
    return label
