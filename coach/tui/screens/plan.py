"""The comeback plan: the whole plan as Markdown, action items to tick, check-ins, export."""

from __future__ import annotations

import dataclasses
from contextlib import suppress
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Container, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Checkbox, Header, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError
from coach.followup.chain import PlanChain, chain_of, checkin_day
from coach.followup.facts import (
    CHECKIN_TITLE,
    PLAN_ID,
    ActionItem,
    SessionFacts,
    local_day,
    with_ids,
)
from coach.followup.plan import render_plan
from coach.followup.report import chains, format_number, plan_of
from coach.scripts.model import Script
from coach.session.editing import answered_questions
from coach.session.wizard import Wizard
from coach.store.records import SessionRecord
from coach.tui.dialogs.due_date import DueDateDialog
from coach.tui.dialogs.export import ExportDialog
from coach.tui.dialogs.pick_answer import PickAnswerDialog
from coach.tui.messages import CheckIn, EditSession, OpenSession, ShowProgress
from coach.tui.screens.base import CoachScreen
from coach.tui.screens.wizard import WizardScreen
from coach.tui.widgets.action_items import ActionCheckbox
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.safe import one_line

if TYPE_CHECKING:
    from coach.workspace import Workspace

NO_CHECKINS = "No check-ins yet: press c to check in on this plan."


EXPORT_FOLDER = "export_folder"
"""The setting that keeps the folder of the last export."""


class PlanScreen(CoachScreen):
    """A finished session's plan, its action items, its check-ins and how to export it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("x", "export", "Export", tooltip="To a Markdown file"),
        Binding("e", "edit", "Edit", tooltip="Change one of your answers"),
        Binding("d", "due_date", "Due", tooltip="Change when the focused action item is due"),
        Binding("c", "check_in", "Check in", tooltip="Tick what is done, then a few questions"),
        Binding("g", "progress", "Progress", tooltip="How this plan is going"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, workspace: Workspace, record: SessionRecord, script: Script | None) -> None:
        super().__init__(workspace)
        self.record = record
        self.script = script
        self.actions: list[dict[str, Any]] = with_ids(record.id, record.actions)
        self.chain: PlanChain | None = None
        """What followed the plan: its check-ins' next date and actions (read on compose)."""
        self.linked: list[str] = []
        """The sessions listed under check-ins, by option index."""

    @property
    def finished(self) -> bool:
        return self.record.status == "completed"

    @property
    def plan_in_view(self) -> str | None:
        """The plan that check-ins and progress started here are about."""
        return self.record.id if self.finished else None

    @property
    def is_checkin(self) -> bool:
        return bool(self.record.extra.get(PLAN_ID))

    def compose(self) -> ComposeResult:
        yield Header()
        today = self.workspace.today()
        self.chain = self._read_chain()
        with Container(id="plan"):
            with VerticalScroll(id="plan-doc", classes="box"):
                yield Markdown(self._plan_text(), id="plan-text")
            with Vertical(id="plan-side"):
                with VerticalScroll(id="plan-actions", classes="box", can_focus=False):
                    yield from self._action_boxes(today)
                yield OptionList(id="plan-checkins", classes="box")
        yield KeysFooter()

    def _action_boxes(self, today: date) -> list[Widget]:
        """The plan's own action items, then those its check-ins added (marked so)."""
        boxes: list[Widget] = [
            ActionCheckbox(self.record.id, ActionItem.from_json(item), today, id=f"action-{n}")
            for n, item in enumerate(self.actions)
        ]
        added = self.chain.checkin_actions() if self.chain is not None else []
        boxes += [
            ActionCheckbox(
                item.session_id,
                action,
                today,
                f"from the check-in of {checkin_day(item)}",
                id=f"action-{len(self.actions) + n}",
            )
            for n, (item, action) in enumerate(added)
        ]
        return boxes or [Static("No action items in this plan.", classes="empty")]

    def _read_chain(self) -> PlanChain | None:
        """The plan's check-ins, from the follow-up index; None for a check-in."""
        if not self.finished or self.is_checkin:
            return None
        try:
            return chain_of(self.workspace.plan_facts(self.record.id), self.record)
        except CoachError as error:
            self.report_error(error)
            return None

    async def show_record(self, record: SessionRecord) -> None:
        """Show ``record`` as it is now (after an answer was changed): plan and actions."""
        self.record = record
        self.actions = with_ids(record.id, record.actions)
        self.chain = self._read_chain()
        await self.query_one("#plan-text", Markdown).update(self._plan_text())
        box = self.query_one("#plan-actions")
        await box.remove_children()
        await box.mount_all(self._action_boxes(self.workspace.today()))

    def on_mount(self) -> None:
        checkin = self.is_checkin
        self.sub_title = "Check-in" if checkin else "Plan"
        self.query_one("#plan-actions").border_title = "Action items"
        self.query_one("#plan-doc").border_title = "Your check-in" if checkin else "Your plan"
        self.query_one("#plan-checkins").border_title = "Checking in on" if checkin else "Check-ins"
        self.query_one("#plan-checkins").display = self.finished
        self.show_checkins()
        self.query_one("#plan-doc").focus()

    async def came_back(self) -> None:
        """Back from a check-in or Progress: the check-ins, their date and actions may have
        changed."""
        self.show_checkins()
        if self.finished and not self.is_checkin:
            record = self._read_again()
            if record is not None:
                await self.show_record(record)

    def _read_again(self) -> SessionRecord | None:
        """This session as stored now; None (the problem reported) when it cannot be read."""
        try:
            return self.workspace.require_store().get(self.record.id)
        except CoachError as error:
            self.report_error(error)
            return None

    def _plan_text(self) -> str:
        """The plan without its action list: the checkboxes beside it are that list."""
        return render_plan(
            self.record, self.script, self.workspace.today, self.chain, with_actions=False
        )

    def full_plan(self) -> str:
        """The plan as exported and printed by ``coach show``, action items included."""
        current = dataclasses.replace(self.record, actions=self.actions)
        return render_plan(current, self.script, self.workspace.today, self.chain)

    # -- check-ins ---------------------------------------------------------------

    def show_checkins(self) -> None:
        """A plan lists its check-ins, newest last; a check-in names its plan."""
        if not self.finished:
            return
        try:
            facts = self.workspace.plan_facts(self.record.id)
        except CoachError as error:
            self.report_error(error)
            return
        by_id = {f.session_id: f for f in facts}
        mine = by_id.get(self.record.id)
        if mine is None:
            return
        root = plan_of(mine, by_id)
        if self.is_checkin:
            shown = [by_id[root]] if root != self.record.id else []
        else:
            shown = [f for f in chains(facts).get(root, [])[1:] if f.is_checkin]
        self.linked = [f.session_id for f in shown]
        listing = self.query_one("#plan-checkins", OptionList)
        listing.clear_options()
        title = by_id[root].title
        options = [linked_option(f, title) for f in shown] or [empty_option(self.is_checkin)]
        listing.add_options(options)

    @on(OptionList.OptionSelected, "#plan-checkins")
    def _open_linked(self, event: OptionList.OptionSelected) -> None:
        if event.option_index < len(self.linked):
            self.navigate(OpenSession(self.linked[event.option_index]))

    # -- ticking -----------------------------------------------------------------

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        box = event.checkbox
        if not isinstance(box, ActionCheckbox) or box.action.done == event.value:
            return
        if not self.set_action_done(box.session_id, box.action_id, event.value):
            box.put_back(not event.value)
            return
        box.action = dataclasses.replace(box.action, done=event.value)
        self._keep(box)

    def _keep(self, box: ActionCheckbox) -> None:
        """Remember a changed action, in the plan's list or in the chain of its check-in."""
        if box.session_id == self.record.id:
            self.actions = [
                box.action.to_json() if a["id"] == box.action_id else a for a in self.actions
            ]
            self.record = dataclasses.replace(self.record, actions=self.actions)
        else:
            self.chain = self._read_chain()

    def action_due_date(self) -> None:
        """Change when the focused action item is due."""
        box = self.focused
        if not isinstance(box, ActionCheckbox):
            self.notify("Move to an action item first (Tab), then press d.", markup=False)
            return
        dialog = DueDateDialog(box.action.text, box.action.due, self.workspace.today())

        def chosen(day: date | None) -> None:
            if day is not None:
                self._set_due(box, day)

        self.app.push_screen(dialog, callback=chosen)

    def _set_due(self, box: ActionCheckbox, day: date) -> None:
        try:
            action = self.workspace.set_action_due(box.session_id, box.action_id, day)
        except CoachError as error:
            self.report_error(error)
            return
        box.show_action(action, self.workspace.today())
        self._keep(box)
        self.notify(f"Now due on {day.isoformat()}.", markup=False)

    # -- actions -----------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        on_an_action = isinstance(self.focused, ActionCheckbox)
        if action == "edit":  # the answers; on an action item, d changes its date instead
            return self.script is not None and not on_an_action
        if action in ("check_in", "progress"):
            return self.finished
        if action == "due_date":  # in the footer while an action item has focus
            return on_an_action
        return True

    def action_export(self) -> None:
        """Export to a file, offered in the folder used last time (else the home folder)."""
        try:
            folder = self.workspace.recall(EXPORT_FOLDER) or "~"
        except CoachError:
            folder = "~"
        default = str(Path(folder) / f"comeback-plan-{self.record.id}.md")
        self.app.push_screen(ExportDialog(default, self.full_plan()), callback=self._exported)

    def _exported(self, path: Path | None) -> None:
        if path is None:
            return
        with suppress(CoachError):  # the plan is written; only its folder is not remembered
            self.workspace.remember(EXPORT_FOLDER, str(path.parent))

    def action_edit(self) -> None:
        """A finished plan: pick the answer to change. Otherwise: through them all again."""
        if self.script is None:
            return
        record = self._read_again()
        if record is None:
            return
        if not self.finished:
            self.navigate(EditSession(record, self.script))
            return
        wizard = Wizard(self.script, record.answers, clock=self.workspace.today)
        questions = answered_questions(wizard)
        self.app.push_screen(PickAnswerDialog(questions), callback=self._change_answer)

    def _change_answer(self, prompt_id: str | None) -> None:
        if prompt_id is None or self.script is None:
            return
        record = self._read_again()
        if record is None:
            return
        wizard = WizardScreen(self.workspace, record, self.script, editing=prompt_id)

        async def changed(_: None) -> None:
            await self._after_change(wizard.changed)

        self.app.push_screen(wizard, callback=changed)

    async def _after_change(self, changed: bool) -> None:
        if not changed:
            return
        record = self._read_again()
        if record is None:
            return
        await self.show_record(record)
        self.notify("Changes saved.")

    def action_check_in(self) -> None:
        self.navigate(CheckIn(self.record.id))

    def action_progress(self) -> None:
        self.navigate(ShowProgress(self.record.id))

    def action_close(self) -> None:
        self.dismiss()


def linked_option(facts: SessionFacts, plan_title: str) -> Option:
    """A check-in (or a check-in's plan): its date and title, its tracked numbers dimmed.

    A check-in's title is ``Check-in: <plan title>``: beside that plan, "Check-in" says it.
    """
    day = local_day(facts.completed_at)
    when = day.isoformat() if day else "?"
    title = facts.title
    if facts.is_checkin and title == f"{CHECKIN_TITLE}{plan_title}":
        title = CHECKIN_TITLE.strip(": ")
    numbers = " · ".join(f"{name} {format_number(v)}" for name, v in facts.metrics.items())
    details = one_line(numbers or ("check-in" if facts.is_checkin else "the plan"))
    label = Content.assemble((f"{when}  ", "$text-accent"), one_line(title))
    return Option(Content.assemble(label, "\n", details.stylize("dim")), id=facts.session_id)


def empty_option(is_checkin: bool) -> Option:
    text = "Its plan is no longer here." if is_checkin else NO_CHECKINS
    return Option(Content.styled(text, "dim italic"), disabled=True)
