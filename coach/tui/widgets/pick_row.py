"""A row of values to pick one from: what the ``confirm`` and ``scale`` inputs share.

:class:`PickRow` shows the values side by side (:class:`PickCell`); its own
keys or a click pick one, Enter goes on. :class:`PickInput` is a prompt input
built on one: it takes the keyboard there, clears a stale error when the pick
changes and submits on Enter.
"""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from coach.tui.widgets.base import PromptInput
from coach.tui.widgets.screen_keys import OwnKeysOnly


class PickCell(Static):
    """One value of the row, shown by its label."""

    def __init__(self, value: Any, label: str, *, classes: str) -> None:
        super().__init__(Content(label), classes=classes)
        self.value = value


class PickRow(OwnKeysOnly, Horizontal, can_focus=True):
    """The values side by side, one of them picked (or none yet); Enter goes on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Continue", show=False),
    ]

    picked: reactive[Any] = reactive(None, init=False)

    class Confirmed(Message):
        """Enter was pressed."""

    def __init__(self, picked: Any, *, classes: str) -> None:
        super().__init__(classes=classes)
        self.set_reactive(PickRow.picked, picked)

    def on_mount(self) -> None:
        self.watch_picked(self.picked)

    def watch_picked(self, picked: Any) -> None:
        for cell in self.query(PickCell):
            cell.set_class(cell.value == picked, "-selected")

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())

    def on_click(self, event: events.Click) -> None:
        if isinstance(event.widget, PickCell):
            self.picked = event.widget.value
        self.focus()


class PickInput(PromptInput):
    """A prompt input whose control is a :class:`PickRow` (the kind composes it)."""

    def on_mount(self) -> None:
        self.watch(self.query_one(PickRow), "picked", self.picked_changed, init=False)

    @property
    def picked(self) -> Any:
        return self.query_one(PickRow).picked

    def main_control(self) -> Widget:
        return self.query_one(PickRow)

    def picked_changed(self, _picked: Any) -> None:
        """The pick changed (a kind showing more of it extends this)."""
        self.value_changed()

    @on(PickRow.Confirmed)
    def _confirmed(self, event: PickRow.Confirmed) -> None:
        event.stop()
        self.submit()
