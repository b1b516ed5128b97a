"""Home: start a reflection, resume one, recent plans, open action items, progress.

Action items and the progress glance come from the follow-up glance
(``coach.followup.index.load_glance``), one small file: Home never reads every
session to show them.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.errors import CoachError
from coach.followup.facts import CHECKIN_SCRIPT
from coach.followup.glance import Glance
from coach.followup.report import ActionRow, format_number, sparkline
from coach.scripts.catalog import ScriptEntry
from coach.store.index import SummaryColumns
from coach.store.records import SessionSummary
from coach.tui.formatting import counted, local_date, local_time
from coach.tui.messages import OpenSession, ShowHistory, ShowProgress, StartSession
from coach.tui.screens.base import CoachScreen
from coach.tui.widgets.action_items import ActionList, open_action_option
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.safe import one_line

if TYPE_CHECKING:
    from coach.workspace import Workspace

DEFAULT_SCRIPT = "comeback"
RECENT_PLANS = 5
RESUME_SHOWN = 10
"""Unfinished sessions listed under Resume, the newest first (History lists them all)."""
GLANCE_METRICS = 2
"""How many tracked numbers the progress glance shows (Progress shows them all)."""


class HomeScreen(CoachScreen):
    """Where every visit starts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New", tooltip="Pick a script to start"),
        Binding("r", "resume", "Resume", tooltip="The latest unfinished session"),
        Binding("h", "history", "History", tooltip="Every session"),
        Binding("g", "progress", "Progress", tooltip="How your latest plan is going"),
    ]
    AUTO_FOCUS = "#scripts"

    def __init__(self, workspace: Workspace) -> None:
        super().__init__(workspace)
        self.action_rows: list[ActionRow] = []
        self.ticked: set[int] = set()
        """Rows ticked during this visit: they stay listed (to untick) until Home reloads."""
        self.sessions = 0

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="home-left", classes="column"):
                yield OptionList(id="scripts", classes="box")
                yield OptionList(id="resume", classes="box")
            with Vertical(id="home-right", classes="column"):
                yield OptionList(id="plans", classes="box")
                yield ActionList(id="actions", classes="box")
                yield Static(id="glance", classes="box")
        yield KeysFooter()

    def on_mount(self) -> None:
        self.sub_title = "Home"
        titles = {
            "#scripts": "Start a reflection",
            "#resume": "Resume",
            "#plans": "Recent plans",
            "#actions": "Open actions",
            "#glance": "Progress",
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.reload()

    async def came_back(self) -> None:
        """Sessions, actions and progress may have changed on the other screen."""
        self.reload()

    def reload(self) -> None:
        """Read the list of sessions and the glance again, and refill every box."""
        entries = sorted(self.workspace.scripts, key=script_order)
        self._fill("#scripts", [script_option(entry) for entry in entries])
        try:
            listed = self.workspace.require_store().list_columns()
            glance = self.workspace.glance()
        except CoachError as error:
            self.report_error(error)
            return
        self.sessions = len(listed)
        unfinished = newest(listed, RESUME_SHOWN, finished=False)
        finished = newest(listed, RECENT_PLANS, finished=True, skip_script=CHECKIN_SCRIPT)
        resume = [session_option(s) for s in unfinished]
        more = len(listed) - listed.status.count("completed") - len(resume)
        self._fill("#resume", resume, "Nothing to resume.", more_line(more) if more else None)
        self._fill("#plans", [session_option(s) for s in finished], "No finished plans yet.")
        today = self.workspace.today()
        self.action_rows, self.ticked = glance.open_actions(), set()
        options = [open_action_option(row, False, today) for row in self.action_rows]
        self._fill("#actions", options, "No open action items.")
        self._show_glance(glance)

    def _show_glance(self, glance: Glance) -> None:
        shown = len(self.action_rows)
        more = f" ({shown} of {glance.open_total})" if glance.open_total > shown else ""
        self.query_one("#actions").border_title = f"Open actions{more}"
        content = glance_content(glance, self.sessions, self.workspace.today())
        self.query_one("#glance", Static).update(content)

    def _fill(
        self, selector: str, options: list[Option], empty: str = "", last: Option | None = None
    ) -> None:
        """The list's options (``empty`` said when there are none), then ``last`` if given."""
        listing = self.query_one(selector, OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        shown = options or [Option(Content.styled(empty, "dim"), disabled=True)]
        listing.add_options([*shown, last] if last is not None else shown)
        if options and (highlighted is not None or listing.has_focus):
            listing.highlighted = min(highlighted or 0, len(options) - 1)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A list that gets the keyboard shows where it is."""
        listing = event.widget
        if isinstance(listing, OptionList) and listing.highlighted is None:
            enabled = [i for i, o in enumerate(listing.options) if not o.disabled]
            if enabled:
                listing.highlighted = enabled[0]

    # -- choosing -------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#scripts")
    def _start(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.navigate(StartSession(event.option.id))

    @on(OptionList.OptionSelected, "#resume, #plans")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self.navigate(OpenSession(event.option.id))

    @on(OptionList.OptionSelected, "#actions")
    def _toggle_action(self, event: OptionList.OptionSelected) -> None:
        """Tick an open action item, or untick one ticked during this visit."""
        index = event.option_index
        if index >= len(self.action_rows):
            return
        row, done = self.action_rows[index], index not in self.ticked
        if not self.set_action_done(row.session_id, row.action.id, done):
            return
        self.ticked ^= {index}
        option = open_action_option(row, done, self.workspace.today())
        event.option_list.replace_option_prompt_at_index(index, option.prompt)
        try:
            self._show_glance(self.workspace.glance())
        except CoachError as error:
            self.report_error(error)

    @on(ActionList.OpenPlan)
    def _open_plan(self, event: ActionList.OpenPlan) -> None:
        self.navigate(OpenSession(self.action_rows[event.index].plan_id))

    def action_new(self) -> None:
        self.query_one("#scripts").focus()

    def action_resume(self) -> None:
        listing = self.query_one("#resume", OptionList)
        if listing.option_count and listing.get_option_at_index(0).id:
            self.navigate(OpenSession(listing.get_option_at_index(0).id or ""))
        else:
            self.notify("Nothing to resume: pick a script to start.")

    def action_history(self) -> None:
        self.navigate(ShowHistory())

    def action_progress(self) -> None:
        self.navigate(ShowProgress())


def script_order(entry: ScriptEntry) -> tuple[bool, bool, str]:
    """Usable scripts first, the main comeback reflection at the top, then by title."""
    return (entry.script is None, entry.id != DEFAULT_SCRIPT, entry.title.casefold())


def script_option(entry: ScriptEntry) -> Option:
    """A script to start: its title, summary and minutes; a broken one is shown disabled."""
    script = entry.script
    if script is None:
        label = Content.assemble(
            one_line(entry.id).stylize("bold"), "\n", ("has problems: see coach scripts", "dim")
        )
        return Option(label, disabled=True)
    minutes = f"{script.minutes} min" if script.minutes else ""
    mine = "your version" if entry.overrides is not None else ""
    facts = " · ".join(part for part in (minutes, mine) if part)
    details = Content.assemble(
        (f"{facts} · " if facts else "", "$text-accent"), one_line(script.summary)
    )
    return Option(
        Content.assemble(one_line(script.title).stylize("bold"), "\n", details.stylize("dim")),
        id=script.id,
    )


def newest(
    listed: SummaryColumns, count: int, *, finished: bool, skip_script: str | None = None
) -> list[SessionSummary]:
    """The first ``count`` sessions of the list, finished ones or unfinished ones
    (and none of the script ``skip_script``)."""
    found: list[SessionSummary] = []
    scripts = listed.script_id
    for n, status in enumerate(listed.status):
        if (status == "completed") == finished and scripts[n] != skip_script:
            found.append(
                SessionSummary(
                    id=listed.id[n],
                    script_id=listed.script_id[n],
                    title=listed.title[n],
                    status=status,
                    started_at=listed.started_at[n],
                    updated_at=listed.updated_at[n],
                )
            )
            if len(found) == count:
                break
    return found


def more_line(more: int) -> Option:
    """The line under a cut list: how many more there are, and where."""
    return Option(Content.styled(f"{more} more in History (press h)", "dim"), disabled=True)


def session_option(summary: SessionSummary) -> Option:
    when = local_time(summary.updated_at) if summary.status != "completed" else ""
    when = when or local_date(summary.updated_at)
    label = Content.assemble(
        one_line(summary.title or summary.script_id),
        "\n",
        one_line(f"{summary.script_id} · {when}").stylize("dim"),
    )
    return Option(label, id=summary.id)


def one_lines(lines: list[str]) -> Content:
    return Content("\n").join(one_line(line) for line in lines)


def glance_content(glance: Glance, sessions: int, today: date) -> Content:
    """The latest plan at a glance: its days, actions, check-ins and tracked numbers."""
    report = glance.progress(today)
    if report is None:
        if not sessions:
            return one_lines(["No reflections yet.", "Pick a script to start one."])
        return one_lines(
            [
                f"{counted(sessions, 'reflection')}, none finished yet.",
                "Finish one to see your progress here.",
            ]
        )
    days, done, total = report.days_since_setback, report.actions_done, report.actions_total
    streak = counted(report.streak_weeks, "week") if report.streak_weeks else "none yet"
    lines = [
        f"{counted(days, 'day')} since the setback" if days is not None else "",
        f"{done} of {counted(total, 'action')} done" if total else "No action items",
        f"Check-in streak: {streak}",
    ]
    if report.next_checkin is not None:
        late = " (late)" if report.next_checkin < today else ""
        lines.append(f"Next check-in: {report.next_checkin.isoformat()}{late}")
    for series in report.metrics[:GLANCE_METRICS]:
        values = series.values
        numbers = " → ".join(format_number(v) for v in (values[0], values[-1])[: len(values)])
        shape = f" {sparkline(values[-8:])}" if len(values) > 1 else ""
        lines.append(f"{series.name}: {numbers}{shape}")
    title = one_line(report.plan.title).stylize("bold")
    return Content("\n").join([title, *(one_line(line) for line in lines if line)])
