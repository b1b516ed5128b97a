"""``coach preview``: the real wizard over a script being written, and its extra keys.

:class:`PreviewWizardScreen` is the wizard screen itself, with the keys an author
needs (jump to a prompt, see the step summary or the plan as they render now,
reset the answers) and a panel that lists the problems of a save that broke
the script, over the last version that loaded. Reloading is the app's part
(``coach.tui.preview``).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from coach.followup.plan import derive_actions, render_plan
from coach.scripts.model import Problem, Script
from coach.session.drafts import Drafts
from coach.session.wizard import Wizard
from coach.store.records import SessionRecord
from coach.tui.screens.base import CoachDialog, CoachScreen
from coach.tui.screens.step_summary import LEAVE, SummaryChoice
from coach.tui.screens.wizard import WizardScreen
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.safe import one_line, plain

PREVIEW_CSS_PATH = Path(__file__).with_name("preview.tcss")
BROKEN_SAVE = "The last save has problems; this is the last version that loaded:"


def problems_content(problems: Sequence[Problem], heading: str) -> Content:
    """The problems as ``file:line:column: message`` lines, shown as written."""
    lines = [plain(heading).stylize("bold"), *(plain(str(problem)) for problem in problems)]
    return Content("\n").join(lines)


def plan_now(record: SessionRecord, wizard: Wizard) -> str:
    """The plan as it would render if the session were finished with the answers so far."""
    finished = dataclasses.replace(
        record,
        status="completed",
        answers=dict(wizard.answers),
        actions=derive_actions(wizard, [], record.id),
    )
    return render_plan(finished, wizard.script, clock=wizard.clock)


class ProblemsPanel(Static):
    """The problems of the last save, over the preview; hidden while there are none."""

    def show(self, problems: Sequence[Problem], heading: str = BROKEN_SAVE) -> None:
        self.update(problems_content(problems, heading))
        self.display = bool(problems)


class PreviewWizardScreen(WizardScreen):
    """The wizard on a script being written, saved only to a scratch store."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("f2", "jump", "Go to", tooltip="Go to any prompt, picked by its id"),
        Binding("f3", "summary", "Summary", tooltip="This step's summary as it renders now"),
        Binding("f4", "plan", "Plan", tooltip="The plan as it renders now"),
        Binding("f8", "reset", "Reset", tooltip="Clear every answer and start again"),
        Binding("escape", "leave", "Quit", tooltip="Quit the preview: nothing is kept"),
    ]

    def compose(self) -> ComposeResult:
        yield from super().compose()
        panel = ProblemsPanel(id="preview-problems")
        panel.display = False
        yield panel

    async def show_prompt(self) -> None:
        self.sub_title = "Preview"
        await super().show_prompt()

    def show_problems(self, problems: Sequence[Problem]) -> None:
        self.query_one(ProblemsPanel).show(problems)

    async def show_current(self) -> None:
        """Show the prompt the wizard stands at (the plan, at the end)."""
        wizard = self.require_wizard()
        if wizard.is_finished:
            self.finish()
        else:
            await self.show_prompt()

    async def load(self, record: SessionRecord, script: Script) -> None:
        """Go on with ``record`` over ``script`` (a new version, or answers reset) in this
        same screen: the wizard made again, the problems of the last save taken away."""
        self.record, self.script = record, script
        self.summary_step = None
        self.drafts = Drafts(record, lambda: self.workspace.require_store())
        self.wizard = Wizard(script, record.answers, record.position, clock=self.workspace.today)
        self.query_one("#script-title", Static).update(plain(script.title))
        self.show_problems([])
        await self.show_current()

    # -- the author's keys ------------------------------------------------------------

    def action_jump(self) -> None:
        wizard = self.wizard
        if wizard is None:
            return
        self.app.push_screen(PromptPicker(wizard), callback=self._jump)

    async def _jump(self, prompt_id: str | None) -> None:
        wizard = self.wizard
        if prompt_id is None or wizard is None:
            return
        self.save_draft()
        self.summary_step = None
        await self._go_to(prompt_id)

    def action_summary(self) -> None:
        wizard = self.wizard
        if wizard is None:
            return
        step = wizard.current_step
        title = f"Step summary: {wizard.render(step.title)}"
        self.app.push_screen(RenderedScreen(title, wizard.step_summary(step)))

    def action_plan(self) -> None:
        wizard = self.wizard
        if wizard is not None:
            self.app.push_screen(RenderedScreen("Plan", plan_now(self.record, wizard)))

    class ResetAnswers(Message):
        """The author asked to start again with no answers (the app does it)."""

    def action_reset(self) -> None:
        self.post_message(self.ResetAnswers())

    def action_leave(self) -> None:
        self.app.exit()

    def _after_summary(self, choice: SummaryChoice | None) -> None:
        """Esc on a step summary goes on in a preview (the wizard's Esc quits it)."""
        if choice is None or choice == LEAVE:
            if self.require_wizard().is_finished:
                self.finish()
            else:
                self.call_after_refresh(self.show_prompt)
        else:
            super()._after_summary(choice)

    def finish(self) -> None:
        """At the end, the plan as it renders; the session stays open to go back to."""
        wizard = self.require_wizard()
        self.action_plan()
        wizard.back()
        self.call_after_refresh(self.show_prompt)


class WaitingScreen(CoachScreen):
    """The script has never loaded yet: its problems, until a save fixes them."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Quit preview", tooltip="Nothing is kept"),
    ]

    def __init__(self, problems: Sequence[Problem]) -> None:
        super().__init__()
        self.problems = list(problems)

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="preview-waiting"):
            heading = "This script has problems; the preview opens when a save fixes them:"
            panel = ProblemsPanel(id="preview-problems")
            panel.show(self.problems, heading)
            yield panel
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Preview"

    def show_problems(self, problems: Sequence[Problem]) -> None:
        heading = "This script has problems; the preview opens when a save fixes them:"
        self.query_one(ProblemsPanel).show(problems, heading)

    def action_leave(self) -> None:
        self.app.exit()


class RenderedScreen(CoachScreen):
    """A step summary or the plan, rendered as it would be now; Esc goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back", tooltip="Back to the prompt"),
    ]

    def __init__(self, title: str, markdown: str) -> None:
        super().__init__()
        self.heading = title
        self.markdown = markdown

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="preview-rendered", classes="box"):
            yield Markdown(self.markdown)
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = self.heading
        self.query_one("#preview-rendered").focus()

    def action_close(self) -> None:
        self.dismiss()


class PromptPicker(CoachDialog[str | None]):
    """Every prompt of the script by id; one its ``when`` skips now cannot be picked."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "cancel", "Cancel")]
    AUTO_FOCUS = "#prompt-picker-list"

    def __init__(self, wizard: Wizard) -> None:
        super().__init__()
        self.wizard = wizard

    def compose(self) -> ComposeResult:
        wizard = self.wizard
        shown = {prompt.id for prompt in wizard.applicable()}
        options = []
        for prompt in wizard.script.prompts:
            label = f"{prompt.id} ({prompt.kind}): {wizard.render(prompt.ask or prompt.text)}"
            skipped = prompt.id not in shown
            if skipped:
                label += "  [skipped by its 'when']"
            options.append(Option(one_line(label), id=prompt.id, disabled=skipped))
        with Vertical(id="prompt-picker", classes="dialog"):
            yield Static("Go to which prompt?", classes="dialog-title")
            yield OptionList(*options, id="prompt-picker-list")

    def on_mount(self) -> None:
        position = self.wizard.position
        listing = self.query_one(OptionList)
        if position is not None:
            listing.highlighted = listing.get_option_index(position)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(event.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
