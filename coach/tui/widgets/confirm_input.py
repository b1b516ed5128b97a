"""``confirm``: Yes or No, picked with y/n or the arrows."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Static

from coach.tui.widgets.base import PromptInput


class Answer(Static):
    """One of the two answers."""

    def __init__(self, answer: bool) -> None:
        label = "Yes" if answer else "No"
        super().__init__(Content(label), classes=f"confirm-answer -{label.lower()}")
        self.answer = answer


class YesNo(Horizontal, can_focus=True):
    """Yes and No side by side; Enter goes on with the one picked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "pick(True)", "Yes", show=False),
        Binding("n", "pick(False)", "No", show=False),
        Binding("left", "pick(True)", "Yes", show=False),
        Binding("right", "pick(False)", "No", show=False),
        Binding("space", "toggle", "Switch", show=False),
        Binding("enter", "confirm", "Continue", show=False),
    ]

    answer: reactive[bool | None] = reactive(None, init=False)

    class Confirmed(Message):
        """Enter was pressed."""

    def __init__(self, answer: bool | None) -> None:
        super().__init__(classes="prompt-control yes-no")
        self.set_reactive(YesNo.answer, answer)

    def compose(self) -> ComposeResult:
        yield Answer(True)
        yield Answer(False)

    def on_mount(self) -> None:
        self.watch_answer(self.answer)

    def watch_answer(self, answer: bool | None) -> None:
        for choice in self.query(Answer):
            choice.set_class(choice.answer is answer, "-selected")

    def action_pick(self, answer: bool) -> None:
        self.answer = answer

    def action_toggle(self) -> None:
        self.answer = not self.answer

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())

    def on_click(self, event: events.Click) -> None:
        if isinstance(event.widget, Answer):
            self.answer = event.widget.answer
        self.focus()


class ConfirmInput(PromptInput):
    """Yes / No; the value is a bool, or None until one is picked."""

    kind = "confirm"
    key_hints = (("y/n", "answer"), ("enter", "continue"))

    def compose_input(self) -> ComposeResult:
        initial = self.initial if isinstance(self.initial, bool) else _parse_yes_no(self.initial)
        yield YesNo(initial)

    def on_mount(self) -> None:
        self.watch(self.query_one(YesNo), "answer", self._picked, init=False)

    @property
    def value(self) -> bool | None:
        return self.query_one(YesNo).answer

    def main_control(self) -> Widget:
        return self.query_one(YesNo)

    def rules_text(self) -> str:
        return ""

    def _picked(self, _answer: bool | None) -> None:
        self.value_changed()

    @on(YesNo.Confirmed)
    def _confirmed(self, event: YesNo.Confirmed) -> None:
        event.stop()
        self.submit()


def _parse_yes_no(value: object) -> bool | None:
    word = str(value).strip().casefold() if isinstance(value, str) else ""
    if word in ("yes", "y", "true"):
        return True
    if word in ("no", "n", "false"):
        return False
    return None
