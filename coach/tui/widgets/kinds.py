"""The input of each prompt kind: the one table a screen finds a prompt's widget in."""

from __future__ import annotations

from datetime import date
from typing import Any

from coach.scripts.model import Prompt
from coach.tui.widgets.base import PromptInput
from coach.tui.widgets.choice_input import ChoiceInput
from coach.tui.widgets.confirm_input import ConfirmInput
from coach.tui.widgets.date_input import DateInput
from coach.tui.widgets.info_panel import InfoPanel
from coach.tui.widgets.list_input import ListInput
from coach.tui.widgets.long_text_input import LongTextInput
from coach.tui.widgets.multi_choice_input import MultiChoiceInput
from coach.tui.widgets.number_input import NumberInput
from coach.tui.widgets.scale_input import ScaleInput
from coach.tui.widgets.text_input import TextInput

INPUTS: dict[str, type[PromptInput]] = {
    cls.kind: cls
    for cls in (
        ChoiceInput,
        ConfirmInput,
        DateInput,
        InfoPanel,
        ListInput,
        LongTextInput,
        MultiChoiceInput,
        NumberInput,
        ScaleInput,
        TextInput,
    )
}
"""Every prompt kind, and the input that shows it."""


def input_for(
    prompt: Prompt, initial: Any, options: tuple[str, ...] = (), *, today: date
) -> PromptInput:
    """The input widget for ``prompt``'s kind."""
    try:
        kind = INPUTS[prompt.kind]
    except KeyError:
        raise ValueError(f"no input for prompt kind {prompt.kind!r}") from None
    return kind(prompt, initial, options, today=today)
