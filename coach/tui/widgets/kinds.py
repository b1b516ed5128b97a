"""Every prompt kind's input: importing this module registers them all with ``input_for``."""

from __future__ import annotations

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

KIND_INPUTS = (
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
