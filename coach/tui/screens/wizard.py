"""The wizard: one prompt at a time, each answer on disk before the next one shows."""

from __future__ import annotations

import dataclasses
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Header, Markdown, ProgressBar, Static

from coach.errors import AnswerRefused, CoachError
from coach.followup.facts import PLAN_ID
from coach.followup.followthrough import complete_session
from coach.followup.plan import store_plan, title_for
from coach.scripts.model import Prompt, Script, Step
from coach.session.drafts import Drafts
from coach.session.editing import after_step, answered_questions, first_unanswered
from coach.session.wizard import Advance, Wizard
from coach.store.records import SessionRecord
from coach.tui.messages import GoHome, ShowPlan, after_typed_keys
from coach.tui.screens.base import OwnKeysScreen
from coach.tui.screens.step_summary import CONTINUE, LEAVE, StepSummaryScreen, SummaryChoice
from coach.tui.widgets.base import PromptInput
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.kinds import input_for
from coach.tui.widgets.safe import plain
from coach.tui.widgets.step_indicator import StepIndicator

if TYPE_CHECKING:
    from coach.workspace import Workspace

RESTORED = "↺ Restored what you were typing."


class WizardScreen(OwnKeysScreen):
    """A session in progress: question, help, the input for its kind, next and back."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+s", "next", "Next", priority=True, tooltip="Keep this answer"),
        Binding("pagedown", "next", "Next", priority=True, show=False, tooltip="Same as Ctrl+S"),
        Binding("pageup", "back", "Back", priority=True, tooltip="The previous question"),
        Binding("escape", "leave", "Leave (saved)", tooltip="Back to Home, resume later"),
    ]

    def __init__(
        self,
        workspace: Workspace,
        record: SessionRecord,
        script: Script,
        *,
        from_start: bool = False,
        editing: str | None = None,
    ) -> None:
        super().__init__(workspace)
        self.record = record
        self.script = script
        self.from_start = from_start
        self.editing = editing
        """In a finished plan: the prompt whose answer is changed, then back to the plan."""
        self.changed = False
        """Whether an answer was changed in this plan edit."""
        self.summary_step: Step | None = None
        """The step whose summary an answer is being changed from, then back to it."""
        self.drafts = Drafts(record, lambda: self.workspace.require_store())
        self.wizard: Wizard | None = None
        self.answer: PromptInput | None = None
        """The input shown, once it is mounted (``None`` while a prompt is being shown)."""
        self._busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical(id="wizard"):
            with Horizontal(id="wizard-top"):
                yield Static(plain(self.script.title), id="script-title")
                yield ProgressBar(id="progress", show_eta=False, show_percentage=False)
                yield Static(id="progress-label")
            yield StepIndicator(id="steps")
            with VerticalScroll(id="intro-box"):
                yield Markdown(id="intro")
            yield Static(id="question")
            with VerticalScroll(id="prompt-area"):
                yield Markdown(id="help")
                yield Static(RESTORED, id="restored")
                yield Vertical(id="answer-slot")
            with Horizontal(id="nav"):
                yield Button("Back", id="back", compact=True, tooltip="PgUp")
                yield Static(id="nav-spacer")
                yield Button(
                    "Next", id="next", variant="primary", compact=True, tooltip="Ctrl+S or PgDn"
                )
        yield KeysFooter()

    async def on_mount(self) -> None:
        self.sub_title = "Check-in" if self.record.extra.get(PLAN_ID) else "Reflection"
        if self.editing is not None:
            self.sub_title = "Changing an answer"
        first = self.script.prompts[0].id if self.from_start else self.record.position
        first = self.editing or first
        self.wizard = Wizard(self.script, self.record.answers, first, clock=self.workspace.today)
        if self.wizard.is_finished:
            self.call_after_refresh(self.finish)
            return
        await self.show_prompt()

    # -- showing a prompt ---------------------------------------------------------

    async def show_prompt(self) -> None:
        wizard = self.require_wizard()
        prompt = wizard.current
        if prompt is None:
            return
        self.answer = None  # the input still mounted is the previous prompt's
        self._show_where(wizard)
        step = wizard.current_step
        intro = step.intro.strip() and wizard.is_step_start()
        self.query_one("#intro-box").display = bool(intro)
        await self.query_one("#intro", Markdown).update(
            wizard.render(step.intro, markdown=True) if intro else ""
        )
        question = self.query_one("#question", Static)
        question.update(plain(wizard.render(prompt.ask)))
        question.display = bool(prompt.ask.strip())
        help_text = self.query_one("#help", Markdown)
        help_text.display = bool(prompt.help.strip())
        await help_text.update(wizard.render(prompt.help, markdown=True))
        await self._mount_input(wizard, prompt)
        self.query_one("#back", Button).disabled = self._is_first(wizard, prompt)
        self.query_one("#intro-box").scroll_home(animate=False)

    def _show_where(self, wizard: Wizard) -> None:
        progress = wizard.completion()
        self.query_one("#progress", ProgressBar).update(
            total=max(progress.total, 1), progress=progress.done
        )
        self.query_one("#progress-label", Static).update(
            plain(f"{progress.done} of {progress.total}")
        )
        states = [(wizard.render(step.title), state) for step, state in wizard.step_states()]
        self.query_one(StepIndicator).update_steps(states)

    async def _mount_input(self, wizard: Wizard, prompt: Prompt) -> None:
        today = self.workspace.today()
        initial = self.drafts.initial(wizard, prompt)
        self.query_one("#restored").display = self.drafts.announce(prompt)
        shown = dataclasses.replace(prompt, placeholder=wizard.render(prompt.placeholder))
        widget = input_for(shown, initial, wizard.options_for(prompt), today=today)
        slot = self.query_one("#answer-slot")
        await slot.remove_children()
        await slot.mount(widget)
        self.answer = widget
        widget.focus_input()

    @staticmethod
    def _is_first(wizard: Wizard, prompt: Prompt) -> bool:
        shown = wizard.applicable()
        return bool(shown) and shown[0].id == prompt.id

    # -- moving -------------------------------------------------------------------

    def action_next(self) -> None:
        if self.is_drawn:
            after_typed_keys(self.app, self.go_on)

    @on(Button.Pressed, "#next")
    async def go_on(self) -> None:
        """Check the answer, save it, then show the next prompt (or the step summary)."""
        if self._busy or self.wizard is None or self.answer is None:
            return
        self._busy = True
        try:
            await self._accept(self.wizard, self.answer)
        finally:
            self._busy = False

    @on(PromptInput.Submitted)
    async def _submitted(self, event: PromptInput.Submitted) -> None:
        event.stop()
        if event.source is self.answer:  # not the input of a prompt shown before
            await self.go_on()

    async def _accept(self, wizard: Wizard, widget: PromptInput) -> None:
        prompt = wizard.current
        if prompt is None:
            return
        try:
            advance = wizard.accept_answer(widget.value)
        except AnswerRefused as refused:
            widget.show_error(str(refused))
            return
        try:
            self._save_answer(prompt, advance)
        except CoachError as error:
            wizard.go_to(prompt.id)
            widget.show_error(f"Not saved: {error}")
            return
        if self.editing is not None:
            await self._after_plan_edit(wizard)
            return
        step = advance.finished_step
        if self.summary_step is not None:
            step, pending = self.summary_step, first_unanswered(wizard, self.summary_step)
            if pending is not None:
                await self._go_to(pending.id)
                return
            self.summary_step = None
            self.wizard = wizard = after_step(wizard, step)
            self._set_position(wizard.position)
        if step is not None:
            await self._show_summary(wizard, step)
        elif wizard.is_finished:
            self.finish()
        else:
            await self.show_prompt()

    async def _show_summary(self, wizard: Wizard, step: Step) -> None:
        summary = StepSummaryScreen(
            wizard.render(step.title),
            wizard.step_summary(step),
            answered_questions(wizard, step),
            last=wizard.is_finished,
            ready=self._ready_for,
        )
        await self.app.push_screen(summary, callback=self._after_summary)

    async def _after_plan_edit(self, wizard: Wizard) -> None:
        """Back to the plan, its action items derived again; first any answer now wanted."""
        self.changed = True
        pending = first_unanswered(wizard)
        if pending is not None:
            await self._go_to(pending.id)
            return
        try:
            store_plan(self.workspace.require_store(), self.record, wizard)
        except CoachError as error:
            self.report_error(error)
            return
        self.answer = None
        self.dismiss()

    def _save_answer(self, prompt: Prompt, advance: Advance) -> None:
        wizard = self.require_wizard()
        store = self.workspace.require_store()
        position = None if self.editing is not None else wizard.position
        if prompt.answers:
            store.save_answer(self.record.id, prompt.id, advance.value, position)
        else:
            store.set_position(self.record.id, position)
        self.drafts.answered(prompt.id)
        title = title_for(self.record, wizard)
        if title != self.record.title:
            self.record = store.update(self.record.id, title=title)

    async def _ready_for(self, choice: SummaryChoice) -> None:
        """Show the prompt a summary's choice leads to, while the summary is still on top.

        (No key typed meanwhile is this screen's: see :class:`OwnKeysScreen`.)
        """
        wizard = self.require_wizard()
        if choice == CONTINUE and not wizard.is_finished:
            await self.show_prompt()
        elif isinstance(choice, tuple):
            self.summary_step = self.script.step_of(choice[1])
            await self._go_to(choice[1])

    def _after_summary(self, choice: SummaryChoice | None) -> None:
        """The summary has closed (its prompt, if any, is shown): leave or finish."""
        if choice is None or choice == LEAVE:
            self.action_leave()
        elif choice == CONTINUE and self.require_wizard().is_finished:
            self.finish()

    async def _go_to(self, prompt_id: str) -> None:
        wizard = self.require_wizard()
        wizard.go_to(prompt_id)
        self._set_position(wizard.position)
        await self.show_prompt()

    def _set_position(self, position: str | None) -> None:
        """Keep where the session stands (a finished plan being changed stands nowhere)."""
        if self.editing is not None:
            return
        try:
            self.workspace.require_store().set_position(self.record.id, position)
        except CoachError as error:
            self.report_error(error)

    def action_back(self) -> None:
        if self.is_drawn:
            after_typed_keys(self.app, self.go_back)

    @on(Button.Pressed, "#back")
    async def go_back(self) -> None:
        """The previous prompt that applies; what was typed here is kept as a draft."""
        wizard = self.require_wizard()
        before = wizard.position
        try:
            self.save_draft()
        except CoachError as error:
            self.report_error(error)
            return
        wizard.back()
        if wizard.position == before:
            self.notify("This is the first question.")
            return
        if self.summary_step is not None and wizard.current_step is not self.summary_step:
            self.summary_step = None
        await self._go_to(wizard.position or before or "")

    def action_leave(self) -> None:
        if self.editing is not None:
            self.answer = None
            self.dismiss()
            return
        self.navigate(GoHome("Saved. Pick it up again under Resume.", "Left for now"))

    # -- drafts and the end -------------------------------------------------------

    def save_draft(self) -> None:
        """Keep what is half typed in the input of the current prompt (see :class:`Drafts`).

        (Under a step summary, the input shown is still the answered one's: nothing to keep.)
        """
        wizard, widget = self.wizard, self.answer
        prompt = wizard.current if wizard else None
        if wizard and prompt and widget and widget.prompt.id == prompt.id:
            self.drafts.keep(wizard, prompt, widget.draft)

    def finish(self) -> None:
        """Derive the action items, title and complete the session, then show the plan."""
        wizard = self.require_wizard()
        try:
            store = self.workspace.require_store()
            record = complete_session(store, store_plan(store, self.record, wizard).id)
        except CoachError as error:
            self.report_error(error)
            return
        self.answer = None
        self.navigate(ShowPlan(record, self.script))
        if record.extra.get(PLAN_ID):
            self.notify("Check-in saved: your plan's page lists it.", title="Well done")
        else:
            self.notify("Your comeback plan is ready.", title="Well done")

    def require_wizard(self) -> Wizard:
        if self.wizard is None:
            raise RuntimeError("the wizard screen is not mounted yet")
        return self.wizard
