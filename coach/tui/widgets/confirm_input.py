"""``confirm``: Yes or No, picked with y/n or the arrows."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType

from coach.tui.widgets.pick_row import PickCell, PickInput, PickRow


class Answer(PickCell):
    """One of the two answers."""

    def __init__(self, answer: bool) -> None:
        label = "Yes" if answer else "No"
        super().__init__(answer, label, classes=f"confirm-answer -{label.lower()}")


class YesNo(PickRow):
    """Yes and No side by side; Enter goes on with the one picked."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("y", "pick(True)", "Yes", show=False),
        Binding("n", "pick(False)", "No", show=False),
        Binding("left", "pick(True)", "Yes", show=False),
        Binding("right", "pick(False)", "No", show=False),
        Binding("space", "toggle", "Switch", show=False),
    ]

    def __init__(self, answer: bool | None) -> None:
        super().__init__(answer, classes="prompt-control yes-no")

    def compose(self) -> ComposeResult:
        yield Answer(True)
        yield Answer(False)

    def action_pick(self, answer: bool) -> None:
        self.picked = answer

    def action_toggle(self) -> None:
        self.picked = not self.picked


class ConfirmInput(PickInput):
    """Yes / No; the value is a bool, or None until one is picked."""

    kind = "confirm"
    key_hints = (("y/n", "answer"), ("enter", "continue"))

    def compose_input(self) -> ComposeResult:
        initial = self.initial if isinstance(self.initial, bool) else _parse_yes_no(self.initial)
        yield YesNo(initial)

    @property
    def value(self) -> bool | None:
        picked = self.picked
        return picked if isinstance(picked, bool) else None

    def rules_text(self) -> str:
        return ""


def _parse_yes_no(value: object) -> bool | None:
    word = str(value).strip().casefold() if isinstance(value, str) else ""
    if word in ("yes", "y", "true"):
        return True
    if word in ("no", "n", "false"):
        return False
    return None
