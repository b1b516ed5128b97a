"""The summary shown when a step is done, with a way back to edit any of its answers.

A choice (Continue, Edit, Leave) is taken once. The screen beneath is then made
ready for it while this screen is still on top, so that every key typed
meanwhile (a second ``c``, an Enter pressed twice) comes here, where it is
dropped, and none reaches the next prompt's input: this screen closes only when
the next one is complete.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import ClassVar, Literal

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from coach.text import escape_markdown
from coach.tui.screens.base import take_breakpoints
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.safe import one_line, plain

CONTINUE: Literal["continue"] = "continue"
LEAVE: Literal["leave"] = "leave"
SummaryChoice = Literal["continue", "leave"] | tuple[Literal["edit"], str]
"""What the user chose: go on, leave (saved), or edit the answer of a prompt id."""
Readying = Callable[[SummaryChoice], Awaitable[object]]
"""Makes the screen beneath ready for a choice, before this one closes."""


class StepSummaryScreen(Screen[SummaryChoice]):
    """What the step's answers add up to; Continue, or Edit one of them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "continue", "Continue", tooltip="On to the next step"),
        Binding("e", "edit", "Edit an answer", tooltip="Pick one of this step"),
        Binding("escape", "leave", "Leave (saved)", tooltip="Back to Home, resume later"),
    ]
    AUTO_FOCUS = "#continue"

    def __init__(
        self,
        title: str,
        summary: str,
        questions: list[tuple[str, str]],
        *,
        last: bool,
        ready: Readying | None = None,
    ) -> None:
        super().__init__()
        take_breakpoints(self)
        self.step_title = title
        self.summary = without_title_heading(summary, title)
        self.questions = questions
        self.last = last
        self.ready = ready
        self.choice: SummaryChoice | None = None
        """The choice made, once it is made: the screen is closing."""

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="step-summary"):
            yield Static(
                Content.assemble(("✓ Step done: ", "bold $success"), plain(self.step_title)),
                id="summary-title",
            )
            with VerticalScroll(id="summary-body", classes="box"):
                yield Markdown(self.summary, id="summary")
            yield Static("Which answer do you want to change?", id="edit-title")
            yield OptionList(
                *(Option(one_line(ask), id=prompt_id) for prompt_id, ask in self.questions),
                id="edit-list",
            )
            with Horizontal(id="summary-nav"):
                yield Button("Edit an answer", id="edit", compact=True)
                yield Static(id="nav-spacer")
                label = "See my plan" if self.last else "Continue"
                yield Button(label, id="continue", variant="primary", compact=True)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Step summary"
        self.query_one("#summary-body").border_title = "Your answers"
        self.set_editing(False)

    def set_editing(self, editing: bool) -> None:
        self.set_class(editing, "-editing")
        self.query_one("#edit-title").display = editing
        self.query_one("#edit-list").display = editing
        if editing:
            self.query_one("#edit-list").focus()
        else:
            self.query_one("#continue").focus()

    @on(Button.Pressed, "#continue")
    def action_continue(self) -> None:
        self.choose(CONTINUE)

    @on(Button.Pressed, "#edit")
    def action_edit(self) -> None:
        if self.questions and self.choice is None:
            self.set_editing(True)

    def action_leave(self) -> None:
        if self.has_class("-editing") and self.choice is None:
            self.set_editing(False)
        else:
            self.choose(LEAVE)

    @on(OptionList.OptionSelected, "#edit-list")
    def _edit_chosen(self, event: OptionList.OptionSelected) -> None:
        if event.option.id is not None:
            self.choose(("edit", event.option.id))

    def choose(self, choice: SummaryChoice) -> None:
        """Go with ``choice``: the first one made (the same key again changes nothing)."""
        if self.choice is not None:
            return
        self.choice = choice
        self.call_later(self._close)

    async def _close(self) -> None:
        """Have the screen beneath ready for the choice, then give it the keyboard."""
        choice = self.choice
        if choice is None:
            return
        if self.ready is not None:
            await self.ready(choice)
        if self.is_active:
            self.dismiss(choice)
        else:  # something opened over this screen meanwhile: it takes a choice again
            self.choice = None

    def on_key(self, event: events.Key) -> None:
        """Once the choice is made, a key typed here ends here (see the module)."""
        if self.choice is not None:
            event.stop()
            event.prevent_default()


def without_title_heading(summary: str, title: str) -> str:
    """The summary without a first heading that only repeats the step title shown above it.

    (The engine's default summary starts with one: the plan needs it, this screen does not.)
    """
    first, _, rest = summary.lstrip("\n").partition("\n")
    if first.strip() == f"## {escape_markdown(title)}".strip():
        return rest.lstrip("\n")
    return summary
