"""``multi_choice``: tick any number of options, and add your own when ``other`` is on."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, SelectionList, Static
from textual.widgets.selection_list import Selection

from coach.text import escape_controls
from coach.tui.widgets.base import PromptInput, as_items
from coach.tui.widgets.field import PromptField
from coach.tui.widgets.safe import one_line
from coach.tui.widgets.screen_keys import OwnKeysOnly


class PickList(OwnKeysOnly, SelectionList[str]):
    """A selection list where space (or a click) ticks and Enter goes on."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "confirm", "Continue", show=False)]

    class Confirmed(Message):
        """Enter was pressed."""

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())


class MultiChoiceInput(PromptInput):
    """The options with check boxes, a count against ``min``/``max``, and "add your own"."""

    kind = "multi_choice"
    key_hints = (("space", "tick"), ("enter", "continue"))

    def compose_input(self) -> ComposeResult:
        picked, own = self._initial_split()
        selections = [Selection(one_line(o), o, o.casefold() in picked) for o in self.options]
        selections += [Selection(one_line(item), item, True) for item in own]
        yield PickList(*selections, classes="prompt-control")
        yield Static("Nothing to pick from yet.", classes="pick-empty")
        if self.prompt.other:
            placeholder = escape_controls(self.prompt.placeholder) or "Add your own, then enter"
            yield PromptField(placeholder=placeholder, classes="other-input", select_on_focus=False)
        yield Static(classes="pick-count")

    def _initial_split(self) -> tuple[set[str], list[str]]:
        """Initial items that are options (casefolded), and the user's own ones."""
        folded = {option.casefold() for option in self.options}
        items = as_items(self.initial)
        picked = {item.casefold() for item in items if item.casefold() in folded}
        own = [item for item in items if item.casefold() not in folded] if self.prompt.other else []
        return picked, own

    def on_mount(self) -> None:
        self._show_count()

    @property
    def value(self) -> list[str]:
        picks = self.query_one(PickList)
        chosen = set(picks.selected)
        values: list[Any] = [picks.get_option_at_index(i).value for i in range(picks.option_count)]
        picked = [value for value in values if value in chosen]
        pending = self._pending()
        if pending and pending.casefold() not in {value.casefold() for value in picked}:
            picked.append(pending)
        return picked

    def _pending(self) -> str:
        """Text typed under "add your own" but not added yet: kept, never lost."""
        if not self.prompt.other:
            return ""
        return self.query_one(".other-input", Input).value.strip()

    def main_control(self) -> Widget:
        picks = self.query_one(PickList)
        if picks.option_count or not self.prompt.other:
            return picks
        return self.query_one(".other-input", Input)

    def add_own(self, text: str) -> None:
        """Add (and tick) a free item; ticks the existing one instead if already there."""
        picks = self.query_one(PickList)
        for index in range(picks.option_count):
            option = picks.get_option_at_index(index)
            if option.value.casefold() == text.casefold():
                picks.select(option)
                return
        picks.add_option(Selection(one_line(text), text, True))
        self._show_count()
        self.value_changed()

    def _show_count(self) -> None:
        picks = self.query_one(PickList)
        self.set_class(picks.option_count == 0, "-empty")
        count, low, high = len(picks.selected), self.prompt.min, self.prompt.max
        over = isinstance(high, int) and count > high
        under = isinstance(low, int) and count < low
        shown = f"{count} of {high} picked" if isinstance(high, int) else f"{count} picked"
        status = self.query_one(".pick-count", Static)
        status.update(Content.assemble((shown, "bold"), " · too many" if over else ""))
        status.set_class(over, "-over")
        status.set_class(under, "-under")

    @on(SelectionList.SelectedChanged)
    def _ticked(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self._show_count()
        self.value_changed()

    @on(PickList.Confirmed)
    def _confirmed(self, event: PickList.Confirmed) -> None:
        event.stop()
        self.submit()

    @on(Input.Submitted)
    def _add_or_go_on(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value.strip()
        if not text:
            self.submit()
            return
        self.add_own(text)
        event.input.value = ""

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.value_changed()
