"""The wizard's widgets: one input per prompt kind, the step indicator, safe text.

Importing this package registers every kind with :func:`input_for`. The
styles of all these widgets are in ``coach/tui/widgets.tcss``
(:data:`WIDGETS_CSS_PATH`); the app lists it in its ``CSS_PATH``.
"""

from __future__ import annotations

from pathlib import Path

from coach.tui.widgets.base import PromptInput, input_for, registered_kinds
from coach.tui.widgets.choice_input import ChoiceInput
from coach.tui.widgets.confirm_input import ConfirmInput
from coach.tui.widgets.date_input import DateInput
from coach.tui.widgets.info_panel import InfoPanel
from coach.tui.widgets.list_input import ListInput
from coach.tui.widgets.long_text_input import LongTextInput
from coach.tui.widgets.multi_choice_input import MultiChoiceInput
from coach.tui.widgets.number_input import NumberInput
from coach.tui.widgets.safe import plain
from coach.tui.widgets.scale_input import ScaleInput
from coach.tui.widgets.step_indicator import StepIndicator
from coach.tui.widgets.text_input import TextInput

WIDGETS_CSS_PATH = Path(__file__).parent.parent / "widgets.tcss"
"""The stylesheet of these widgets, to add to the app's ``CSS_PATH``."""

__all__ = [
    "WIDGETS_CSS_PATH",
    "ChoiceInput",
    "ConfirmInput",
    "DateInput",
    "InfoPanel",
    "ListInput",
    "LongTextInput",
    "MultiChoiceInput",
    "NumberInput",
    "PromptInput",
    "ScaleInput",
    "StepIndicator",
    "TextInput",
    "input_for",
    "plain",
    "registered_kinds",
]
