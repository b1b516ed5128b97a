"""What every prompt input has in common.

A screen never needs to know which kind it is showing: it builds the input
with ``kinds.input_for``, reads :attr:`PromptInput.value` when the user asks to
go on (Enter, or the :class:`PromptInput.Submitted` message), hands that to
``Wizard.accept_answer`` and shows a refusal with :meth:`PromptInput.show_error`;
when the user leaves instead, it keeps :attr:`PromptInput.draft`.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.content import Content
from textual.css.query import NoMatches
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from coach.scripts.model import Prompt
from coach.scripts.templates import format_value
from coach.session.answers import describe_rules
from coach.tui.widgets.counter import FitRow
from coach.tui.widgets.safe import plain

_UNSET = object()

KeyHint = tuple[str, str]
"""A key and what it does, e.g. ``("enter", "continue")``."""


class PromptInput(Widget):
    """The input for one prompt: its control, a hint of rules and keys, an error line."""

    kind: ClassVar[str] = ""
    key_hints: ClassVar[tuple[KeyHint, ...]] = (("enter", "continue"),)
    """The keys worth knowing for this kind, shown under the control."""

    class Submitted(Message):
        """The user asked to go on with the current value."""

        def __init__(self, source: PromptInput) -> None:
            super().__init__()
            self.source = source

        @property
        def control(self) -> PromptInput:
            return self.source

    def __init__(
        self,
        prompt: Prompt,
        initial: Any,
        options: tuple[str, ...] = (),
        *,
        today: date,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=f"prompt-input -kind-{prompt.kind.replace('_', '-')}")
        self.prompt = prompt
        self.initial = initial
        self.options = tuple(options)
        self.today = today

    # -- what a subclass provides -------------------------------------------

    def compose_input(self) -> ComposeResult:
        """The kind's own controls."""
        yield from ()

    @property
    def value(self) -> Any:
        """The raw answer, as ``Wizard.accept_answer`` takes it."""
        raise NotImplementedError

    @property
    def draft(self) -> Any:
        """What to keep of the input when the user leaves before going on: by default its value.

        The wizard keeps it (unless it is just what the input started with) and gives it
        back as ``initial`` when the prompt shows again.
        """
        return self.value

    def main_control(self) -> Widget:
        """The widget that takes the keyboard first."""
        raise NotImplementedError

    def rules_text(self) -> str:
        """The short rules hint shown under the control."""
        return describe_rules(self.prompt, today=self.today)

    # -- the same for every kind ----------------------------------------------

    def compose(self) -> ComposeResult:
        yield from self.compose_input()
        yield Static(classes="prompt-error")
        with FitRow(classes="prompt-hints"):
            yield Static(plain(self.rules_text()), classes="prompt-rules")
            yield Static(keys_content(self.key_hints), classes="prompt-keys")

    def show_error(self, message: str | None) -> None:
        """Show ``message`` under the control (``None`` clears it)."""
        if not message and not self.has_class("-invalid"):
            return  # nothing shown: nothing to clear (typing calls this on every key)
        self.set_class(bool(message), "-invalid")
        try:
            error = self.query_one(".prompt-error", Static)
        except NoMatches:
            return
        error.update(Content.assemble(("✗ ", "bold"), plain(message)) if message else "")

    @property
    def error(self) -> str | None:
        """The message shown now, if any."""
        if not self.has_class("-invalid"):
            return None
        return str(self.query_one(".prompt-error", Static).visual).removeprefix("✗ ")

    def focus_input(self) -> None:
        """Give the keyboard to the main control (once it is mounted)."""
        try:
            control = self.main_control()
        except NoMatches:
            self.call_after_refresh(self.focus_input)
            return
        control.focus()
        if isinstance(control, Input):
            control.call_after_refresh(_reveal_cursor, control)

    def submit(self) -> None:
        self.post_message(self.Submitted(self))

    def on_mount(self) -> None:
        self._last_value = self.value

    def value_changed(self) -> None:
        """Called by subclasses when the value may have changed: a stale error is cleared.

        Typing calls this on every key, so it does no more than that: the wizard
        keeps what is typed as a draft when the user leaves, quits or the
        terminal closes, not on every key.
        """
        value = self.value
        if value == getattr(self, "_last_value", _UNSET):
            return
        self._last_value = value
        self.show_error(None)


def _reveal_cursor(field: Input) -> None:
    """Scroll a long answer given back so that the cursor at its end is in view."""
    if field.cursor_position == len(field.value):
        field.action_home()
        field.action_end()


def keys_content(hints: Iterable[KeyHint]) -> Content:
    """``enter continue · ctrl+s …`` with the keys highlighted like the footer's."""
    parts: list[Content | str | tuple[str, str]] = []
    for key, action in hints:
        if parts:
            parts.append(("  ", ""))
        parts += [(key, "bold $accent"), (f" {action}", "")]
    return Content.assemble(*parts)


def as_text(value: Any) -> str:
    """An initial value as the text an input starts with."""
    return format_value(value)


def as_items(value: Any) -> list[str]:
    """An initial value as list items (a string gives one item per line)."""
    if value is None or value == "":
        return []
    if isinstance(value, str):
        return [line for line in value.splitlines() if line.strip()]
    if isinstance(value, list | tuple):
        return [as_text(item) for item in value if as_text(item).strip()]
    return [as_text(value)]
