"""``choice``: one option out of a list, or a free answer under "Other…"."""

from __future__ import annotations

from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, OptionList

from coach.text import escape_controls
from coach.tui.widgets.base import PromptInput, as_text
from coach.tui.widgets.field import PromptField
from coach.tui.widgets.safe import one_line
from coach.tui.widgets.screen_keys import OwnKeysOnly

OTHER_LABEL = "Other…"
CHOSEN, NOT_CHOSEN = "◉ ", "○ "


class ChoiceList(OwnKeysOnly, OptionList):
    """Options where the highlight is the choice: arrows or digits pick, Enter goes on."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "confirm", "Continue", show=False),
        *(Binding(str(n), f"pick({n - 1})", show=False) for n in range(1, 10)),
    ]

    class Confirmed(Message):
        """Enter was pressed on the highlighted option."""

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())

    def action_pick(self, index: int) -> None:
        if index < self.option_count:
            self.highlighted = index

    async def _on_click(self, event: events.Click) -> None:
        """A click picks the option without going on (Enter does that)."""
        event.prevent_default()
        clicked = event.style.meta.get("option")
        if clicked is not None:
            self.highlighted = clicked


def option_label(text: str, chosen: bool) -> Content:
    return Content.assemble((CHOSEN if chosen else NOT_CHOSEN, "bold"), one_line(text))


class ChoiceInput(PromptInput):
    """A radio-like list of the options; "Other…" opens a line to write in."""

    kind = "choice"
    key_hints = (("↑↓", "pick"), ("enter", "continue"))

    def compose_input(self) -> ComposeResult:
        labels = [*self.options, OTHER_LABEL] if self.prompt.other else list(self.options)
        chosen, own = self._initial_choice(as_text(self.initial).strip())
        choices = ChoiceList(
            *(option_label(label, i == chosen) for i, label in enumerate(labels)),
            classes="prompt-control",
        )
        choices.set_reactive(OptionList.highlighted, chosen)
        yield choices
        if self.prompt.other:
            yield PromptField(
                value=own,
                placeholder=escape_controls(self.prompt.placeholder) or "Write your own answer",
                classes="other-input",
                select_on_focus=False,
            )

    def _initial_choice(self, initial: str) -> tuple[int | None, str]:
        """The option to start on, and the free answer when it is none of them."""
        folded = [option.casefold() for option in self.options]
        if not initial:
            return None, ""
        if initial.casefold() in folded:
            return folded.index(initial.casefold()), ""
        if self.prompt.other:
            return len(self.options), initial
        return None, ""

    def on_mount(self) -> None:
        self.set_class(self.other_is_chosen, "-other")

    @property
    def other_is_chosen(self) -> bool:
        return self.prompt.other and self.query_one(ChoiceList).highlighted == len(self.options)

    @property
    def value(self) -> str:
        index = self.query_one(ChoiceList).highlighted
        if index is None:
            return ""
        if self.other_is_chosen:
            return self.query_one(".other-input", Input).value
        return self.options[index]

    def main_control(self) -> Widget:
        return self.query_one(ChoiceList)

    @on(OptionList.OptionHighlighted)
    def _mark(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        choices = self.query_one(ChoiceList)
        for index, option in enumerate(choices.options):
            label = self.options[index] if index < len(self.options) else OTHER_LABEL
            chosen = index == choices.highlighted
            if option.prompt != option_label(label, chosen):
                choices.replace_option_prompt_at_index(index, option_label(label, chosen))
        self.set_class(self.other_is_chosen, "-other")
        self.value_changed()

    @on(OptionList.OptionSelected)
    def _clicked(self, event: OptionList.OptionSelected) -> None:
        event.stop()

    @on(ChoiceList.Confirmed)
    def _confirmed(self, event: ChoiceList.Confirmed) -> None:
        event.stop()
        if self.other_is_chosen and not self.value.strip():
            self.query_one(".other-input", Input).focus()
        else:
            self.submit()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.value_changed()

    @on(Input.Submitted)
    def _go_on(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()
