"""``list``: write items one by one, then edit, remove and reorder them.

Enter in the line adds the item (or puts back the one being edited); Enter
on an empty line goes on. In the list below: ``e`` edits, delete/backspace
removes, shift+↑/↓ (or ctrl+↑/↓) moves, ↑ from the top goes back to the line.
"""

from __future__ import annotations

from datetime import date
from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList, Static

from coach.scripts.model import Prompt
from coach.text import escape_controls
from coach.tui.widgets.base import PromptInput, as_items
from coach.tui.widgets.counter import LimitCounter
from coach.tui.widgets.field import PromptField
from coach.tui.widgets.safe import one_line


class ItemList(OptionList):
    """The items so far; posts :class:`ItemList.Command` for what the keys ask."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "command('confirm')", "Continue", show=False),
        Binding("e", "command('edit')", "Edit item", show=False),
        Binding("delete,backspace", "command('remove')", "Remove item", show=False),
        Binding("shift+up,ctrl+up", "command('up')", "Move up", show=False),
        Binding("shift+down,ctrl+down", "command('down')", "Move down", show=False),
    ]

    class Command(Message):
        def __init__(self, action: str, index: int | None) -> None:
            super().__init__()
            self.action = action
            self.index = index

    def on_focus(self) -> None:
        """Tabbing in lands on an item, so that e and delete work straight away."""
        if self.highlighted is None and self.option_count:
            self.highlighted = 0

    def action_command(self, name: str) -> None:
        self.post_message(self.Command(name, self.highlighted))

    def action_cursor_up(self) -> None:
        if self.highlighted in (None, 0):
            self.post_message(self.Command("leave", self.highlighted))
        else:
            super().action_cursor_up()


class ListInput(PromptInput):
    """A line to add items and the list of items, numbered."""

    kind = "list"
    key_hints = (
        ("enter", "add · empty: continue"),
        ("e", "edit"),
        ("del", "remove"),
        ("shift+↑↓", "move"),
    )

    BINDINGS: ClassVar[list[BindingType]] = [Binding("down", "focus_items", show=False)]

    def __init__(
        self,
        prompt: Prompt,
        initial: Any,
        options: tuple[str, ...] = (),
        *,
        today: date,
        id: str | None = None,
    ) -> None:
        super().__init__(prompt, initial, options, today=today, id=id)
        self.items, self.typing, self.editing = from_draft(self.initial)
        self._down_to_top = True
        """Down from the line lands on the first item, unless an item was just edited."""

    def compose_input(self) -> ComposeResult:
        placeholder = escape_controls(self.prompt.placeholder) or "Type an item, then enter"
        with Horizontal(classes="item-entry"):
            yield PromptField(
                value=self.typing,
                placeholder=placeholder,
                classes="prompt-control item-input",
                select_on_focus=False,
            )
            if self.prompt.item_max_length is not None:
                yield LimitCounter("", self.prompt.item_max_length, len(self.typing))
        yield ItemList(classes="item-list")
        yield Static(classes="item-count")

    def on_mount(self) -> None:
        self._refresh_items(notify=False)

    @property
    def value(self) -> list[str]:
        items = list(self.items)
        pending = self.query_one(".item-input", Input).value.strip()
        if pending and self.editing is not None:
            items[self.editing] = pending
        elif pending:
            items.append(pending)
        return items

    @property
    def draft(self) -> list[str] | dict[str, Any]:
        """What to keep on leaving: the items, and apart from them the line being typed.

        (:attr:`value` counts that line as an item, so that ctrl+s never loses it;
        a draft gives it back in the line, still unsent.)
        """
        typing = self.query_one(".item-input", Input).value
        if not typing.strip():
            return list(self.items)
        draft: dict[str, Any] = {"items": list(self.items), "typing": typing}
        if self.editing is not None:
            draft["editing"] = self.editing
        return draft

    def main_control(self) -> Widget:
        return self.query_one(".item-input", Input)

    # -- changing the items ---------------------------------------------------

    @property
    def is_full(self) -> bool:
        return isinstance(self.prompt.max, int) and len(self.items) >= self.prompt.max

    def too_long(self, text: str) -> str | None:
        """Why ``text`` is too long for an item, or ``None`` when it fits."""
        limit = self.prompt.item_max_length
        if limit is None or len(text) <= limit:
            return None
        return f"This item has {len(text)} characters; keep each item to {limit} or fewer."

    def add_item(self, text: str) -> bool:
        """Add ``text`` (or put it back in place when editing); False when the list is full."""
        place = self.editing
        if place is not None:
            self.items[place] = text
            self.editing = None
            self._down_to_top = False  # Down goes back to the item just changed
        elif self.is_full:
            limit = self.prompt.max
            self.show_error(f"This list takes at most {limit} items: remove one to add another.")
            return False
        else:
            self.items.append(text)
            place = len(self.items) - 1  # lit so that it scrolls into view
            self._down_to_top = True
        self._refresh_items(highlight=place)
        return True

    def edit_item(self, index: int) -> None:
        entry = self.query_one(".item-input", Input)
        self.editing = index
        entry.value = self.items[index]
        entry.cursor_position = len(entry.value)
        entry.focus()
        self._refresh_items(highlight=index)

    def remove_item(self, index: int) -> None:
        del self.items[index]
        if self.editing == index:
            self.editing = None
        self._refresh_items(highlight=min(index, len(self.items) - 1))
        if not self.items:
            self.focus_input()

    def move_item(self, index: int, step: int) -> None:
        target = index + step
        if not 0 <= target < len(self.items) or self.editing is not None:
            return
        self.items[index], self.items[target] = self.items[target], self.items[index]
        self._refresh_items(highlight=target)

    # -- showing them ---------------------------------------------------------

    def _item_label(self, index: int, text: str) -> Content:
        limit = self.prompt.item_max_length
        number = (f"{index + 1:>2}. ", "$text-muted")
        if index == self.editing:
            return Content.assemble(number, ("✎ editing…", "italic $text-accent"))
        if limit is not None and len(text) > limit:
            return Content.assemble(
                number, one_line(text), (f"  {len(text)}/{limit}", "bold $warning")
            )
        return Content.assemble(number, one_line(text))

    def _refresh_items(self, highlight: int | None = None, *, notify: bool = True) -> None:
        items = self.query_one(ItemList)
        items.set_options(self._item_label(i, text) for i, text in enumerate(self.items))
        if highlight is not None and highlight >= 0:
            items.highlighted = highlight
        self.set_class(not self.items, "-empty")
        self._show_count()
        if notify:
            self.value_changed()

    def _show_count(self) -> None:
        count, low, high = len(self.items), self.prompt.min, self.prompt.max
        noun = "item" if (high if isinstance(high, int) else count) == 1 else "items"
        shown = f"{count} of {high} {noun}" if isinstance(high, int) else f"{count} {noun}"
        if isinstance(low, int) and count < low:
            shown += f" · {low - count} more to go"
        status = self.query_one(".item-count", Static)
        status.update(Content(shown))
        status.set_class(isinstance(high, int) and count >= high, "-full")

    # -- keys -----------------------------------------------------------------

    def action_focus_items(self) -> None:
        items = self.query_one(ItemList)
        if self.items:
            if items.highlighted is None or self._down_to_top:
                items.highlighted = 0
            items.focus()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        for counter in self.query(LimitCounter):
            counter.set_count(len(event.value.strip()))
        self.value_changed()

    @on(Input.Submitted)
    def _add_or_go_on(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if text:
            too_long = self.too_long(text)
            if too_long:
                self.show_error(too_long)
                return
            if not self.is_full or self.editing is not None:
                event.input.value = ""
            self.add_item(text)
        elif self.editing is not None:
            self.editing = None
            self._refresh_items()
        else:
            self.submit()

    @on(ItemList.Command)
    def _command(self, event: ItemList.Command) -> None:
        event.stop()
        index = event.index
        if event.action == "confirm":
            self.submit()
        elif event.action == "leave":
            self.focus_input()
        elif index is not None and index < len(self.items):
            if event.action == "edit":
                self.edit_item(index)
            elif event.action == "remove":
                self.remove_item(index)
            else:
                self.move_item(index, -1 if event.action == "up" else 1)

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()


def from_draft(initial: Any) -> tuple[list[str], str, int | None]:
    """The items, the line being typed and the item being edited, from a draft or an answer."""
    if not isinstance(initial, dict):
        return as_items(initial), "", None
    items = as_items(initial.get("items"))
    typing = initial.get("typing")
    editing = initial.get("editing")
    if not isinstance(editing, int) or isinstance(editing, bool) or not 0 <= editing < len(items):
        editing = None
    return items, typing if isinstance(typing, str) else "", editing
