"""The wizard's widgets: one input per prompt kind, the step indicator, safe text.

The widgets are imported when first named (``from coach.tui.widgets import
TextInput``), not with the package: Home, shown first, uses none of them, and
some pull in much of Textual (Markdown, TextArea). :func:`input_for` loads
every kind (``coach.tui.widgets.kinds``). The styles of all these widgets are
in ``widgets.tcss`` beside them (:data:`WIDGETS_CSS_PATH`); the app lists it in
its ``CSS_PATH``.
"""

from __future__ import annotations

from importlib import import_module
from pathlib import Path
from typing import TYPE_CHECKING, Any

WIDGETS_CSS_PATH = Path(__file__).with_name("widgets.tcss")
"""The stylesheet of these widgets, to add to the app's ``CSS_PATH``."""

_MODULES = {
    "ChoiceInput": "choice_input",
    "ConfirmInput": "confirm_input",
    "DateInput": "date_input",
    "InfoPanel": "info_panel",
    "ListInput": "list_input",
    "LongTextInput": "long_text_input",
    "MultiChoiceInput": "multi_choice_input",
    "NumberInput": "number_input",
    "PromptInput": "base",
    "ScaleInput": "scale_input",
    "StepIndicator": "step_indicator",
    "TextInput": "text_input",
    "input_for": "base",
    "plain": "safe",
    "registered_kinds": "base",
}

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

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(f"{__name__}.{module}"), name)
    globals()[name] = value
    return value
