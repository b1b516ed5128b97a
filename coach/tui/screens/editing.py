"""Changing one answer: the list to pick it from, and where the wizard goes afterwards."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from coach.engine import Wizard
from coach.script import Prompt, Step
from coach.tui.screens.common import CoachDialog
from coach.tui.widgets.safe import one_line

Question = tuple[str, str]
"""A prompt id and its question as shown."""


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


def answered_questions(wizard: Wizard, step: Step | None = None) -> list[Question]:
    """The questions that take an answer and apply (of ``step`` only, when given)."""
    return [
        (p.id, wizard.render(p.ask) or p.id)
        for p in wizard.applicable()
        if p.answers and (step is None or wizard.script.step_of(p.id) is step)
    ]


def first_unanswered(wizard: Wizard, step: Step | None = None) -> Prompt | None:
    """The first prompt that applies and still wants an answer (in ``step``, when given)."""
    for prompt in wizard.applicable():
        if step is not None and wizard.script.step_of(prompt.id) is not step:
            continue
        if prompt.answers and prompt.id not in wizard.answers:
            return prompt
    return None


def after_step(wizard: Wizard, step: Step) -> Wizard:
    """The same answers, placed on the first prompt that applies after ``step``.

    (Where the wizard stood when the step's summary first showed; with no prompt
    after it, the first one still unanswered, else finished.)
    """
    steps = wizard.script.steps
    here = steps.index(step)
    later = [p for p in wizard.applicable() if steps.index(wizard.script.step_of(p.id)) > here]
    position = later[0].id if later else None
    return Wizard(wizard.script, wizard.answers, position, clock=wizard.clock)
