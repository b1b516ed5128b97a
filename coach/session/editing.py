"""Changing one answer: which questions can be changed, and where the wizard goes afterwards."""

from __future__ import annotations

from coach.scripts.model import Prompt, Step
from coach.session.wizard import Wizard

Question = tuple[str, str]
"""A prompt id and its question as shown."""


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
