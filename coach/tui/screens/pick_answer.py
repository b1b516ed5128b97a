"""Changing one answer: the dialog to pick it from."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.session.editing import Question
from coach.tui.screens.base import CoachDialog
from coach.tui.widgets.safe import one_line


class PickAnswerDialog(CoachDialog[str | None]):
    """The questions answered, to pick the one to change; dismissed with its prompt id."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#pick-answer-list"

    def __init__(self, questions: list[Question]) -> None:
        super().__init__()
        self.questions = questions

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-answer-dialog", classes="dialog"):
            yield Static("Which answer do you want to change?", classes="dialog-title")
            yield OptionList(
                *(Option(one_line(ask), id=prompt_id) for prompt_id, ask in self.questions),
                id="pick-answer-list",
            )

    @on(OptionList.OptionSelected, "#pick-answer-list")
    def _picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
