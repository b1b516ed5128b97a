"""Action items on screen: a checkbox per item (Plan, check-in) and Home's list of open ones.

Every label shows the item's text as typed, its due date, and marks an open
item whose date has passed as overdue. Ticking is the screen's business
(``CoachApp.set_action_done``): these widgets only show and ask.
"""

from __future__ import annotations

from datetime import date
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.widgets import Checkbox
from textual.widgets.option_list import Option

from coach.followup.facts import ActionItem
from coach.followup.report import ActionRow
from coach.tui.widgets.hinted_list import HintedList
from coach.tui.widgets.safe import one_line

DONE_BOX = "☑ "
OPEN_BOX = "☐ "


def due_note(action: ActionItem, today: date) -> Content:
    """``by 2026-03-05``, or ``⚠ overdue since 2026-03-01`` in red; empty without a date."""
    due = action.due_date
    if due is None:
        return one_line(f"by {action.due}").stylize("dim") if action.due else Content()
    if not action.done and due < today:
        return Content.assemble(
            ("⚠ overdue", "bold $text-error"), (f" since {due.isoformat()}", "$text-error")
        )
    when = "today" if due == today else due.isoformat()
    return Content(f"by {when}").stylize("dim")


def action_label(action: ActionItem, today: date) -> Content:
    """An action item's text as typed, then its due date (marked when overdue)."""
    note = due_note(action, today)
    if not note:
        return one_line(action.text)
    return Content.assemble(one_line(action.text), "  ", note)


def _labelled(action: ActionItem, today: date, origin: str) -> Content:
    label = action_label(action, today)
    return Content.assemble(label, "  ", Content(origin).stylize("dim")) if origin else label


class ActionCheckbox(Checkbox):
    """One action item to tick; its label wraps onto as many lines as it needs.

    A ticked item shows ☑ and its text struck through and dimmed, an open one ☐, so
    the two differ without colour. ↑/↓ move to the item above or below.
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("up", "move(-1)", "Previous item", show=False),
        Binding("down", "move(1)", "Next item", show=False),
    ]

    def __init__(
        self, session_id: str, action: ActionItem, today: date, origin: str = "", **options: str
    ) -> None:
        super().__init__(_labelled(action, today, origin), action.done, **options)
        self.session_id = session_id
        self.action_id = action.id
        self.action = action
        self.origin = origin
        """Where the item comes from when not from the plan itself (a check-in)."""

    def show_action(self, action: ActionItem, today: date) -> None:
        """Show the item as it is now (a new due date)."""
        self.action = action
        self.label = _labelled(action, today, self.origin)

    def render(self) -> Content:
        """The box and the label, without the trailing pad a Checkbox adds (which made a
        label one cell short of the width end in an ellipsis instead of wrapping)."""
        label = self._label.stylize("strike dim") if self.value else self._label
        label = Content.assemble(" ", label).stylize_before(self.get_visual_style("toggle--label"))
        return Content.assemble(self._box, label)

    @property
    def _box(self) -> Content:
        """☑ for a ticked item, ☐ for an open one (shape, not only colour, says which)."""
        if self.value:
            return Content.styled(DONE_BOX.strip(), "bold $text-success")
        return Content(OPEN_BOX.strip())

    def action_move(self, delta: int) -> None:
        """Focus the action item ``delta`` places away in the same list (stops at the ends)."""
        parent = self.parent
        if parent is None:
            return
        boxes = [child for child in parent.children if isinstance(child, ActionCheckbox)]
        index = boxes.index(self) + delta
        if 0 <= index < len(boxes):
            boxes[index].focus()

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return max(1, len(self.render().wrap(max(width, 1))))

    def put_back(self, value: bool) -> None:
        """Show ``value`` again without asking for a change (after a tick failed)."""
        with self.prevent(Checkbox.Changed):
            self.value = value


def open_action_option(row: ActionRow, done: bool, today: date, id: str | None = None) -> Option:
    """One item of Home's list: the box and the text, then its due date, dimmed and indented
    (Home names the plan once, above its items)."""
    action = row.action
    box = (DONE_BOX, "bold $text-success") if done else (OPEN_BOX, "")
    text = one_line(action.text).stylize("strike dim") if done else one_line(action.text)
    note = due_note(action, today) if not done else Content()
    if not note:
        return Option(Content.assemble(box, text), id=id)
    return Option(Content.assemble(box, text, "\n  ", note), id=id)


class ActionList(HintedList):
    """Home's open action items: Space or Enter ticks (and unticks) the lit one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("space,enter", "select", "Tick / untick", tooltip="Saved at once"),
        Binding("o", "open_plan", "Open its plan", tooltip="The plan the item belongs to"),
    ]

    class OpenPlan(Message):
        """The user asked for the plan of the item at ``index``."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def action_open_plan(self) -> None:
        if self.highlighted is not None and not self.get_option_at_index(self.highlighted).disabled:
            self.post_message(self.OpenPlan(self.highlighted))
