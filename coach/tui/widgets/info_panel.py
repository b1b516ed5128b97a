"""``info``: a tip, a quote or a pause, shown as Markdown; Enter goes on."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Markdown

from coach.text import escape_controls
from coach.tui.widgets.base import PromptInput, as_text
from coach.tui.widgets.screen_keys import OwnKeysOnly


class InfoBody(OwnKeysOnly, VerticalScroll, can_focus=True):
    """The Markdown, focusable so that Enter (and the arrows, to scroll) reach it."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "confirm", "Continue", show=False)]

    class Confirmed(Message):
        """Enter was pressed."""

    def action_confirm(self) -> None:
        self.post_message(self.Confirmed())


class InfoPanel(PromptInput):
    """The rendered ``text`` of the prompt (the screen passes it as ``initial``)."""

    kind = "info"

    def compose_input(self) -> ComposeResult:
        text = as_text(self.initial) or self.prompt.text
        with InfoBody(classes="prompt-control info-body"):
            yield Markdown(escape_controls(text), classes="info-text")

    @property
    def value(self) -> None:
        return None

    def main_control(self) -> Widget:
        return self.query_one(InfoBody)

    def rules_text(self) -> str:
        return ""

    def on_info_body_confirmed(self, event: InfoBody.Confirmed) -> None:
        event.stop()
        self.submit()
