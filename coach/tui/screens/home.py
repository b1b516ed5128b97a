"""Home: start a reflection, resume one, recent plans, open action items, progress."""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from typing import ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from coach.catalog import ScriptEntry
from coach.errors import CoachError
from coach.store import SessionRecord, SessionSummary
from coach.tui.screens.common import CoachScreen, counted, local_date, local_time
from coach.tui.widgets.safe import one_line

DEFAULT_SCRIPT = "comeback"
RECENT_PLANS = 5
RECORDS_READ = 30
"""How many recent sessions Home reads for action items and progress."""


class HomeScreen(CoachScreen):
    """Where every visit starts."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "new", "New", tooltip="Pick a script to start"),
        Binding("r", "resume", "Resume", tooltip="The latest unfinished session"),
        Binding("h", "history", "History", tooltip="Every session"),
    ]
    AUTO_FOCUS = "#scripts"

    def __init__(self) -> None:
        super().__init__()
        self.action_sessions: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="home"):
            with Vertical(id="home-left", classes="column"):
                yield OptionList(id="scripts", classes="box")
                yield OptionList(id="resume", classes="box")
            with Vertical(id="home-right", classes="column"):
                yield OptionList(id="plans", classes="box")
                yield OptionList(id="actions", classes="box")
                yield Static(id="glance", classes="box")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = "Home"
        titles = {
            "#scripts": "Start a reflection",
            "#resume": "Resume",
            "#plans": "Recent plans",
            "#actions": "Open action items",
            "#glance": "Progress",
        }
        for selector, title in titles.items():
            self.query_one(selector).border_title = title
        self.reload()

    def on_screen_resume(self) -> None:
        if self.is_mounted:
            self.reload()

    def reload(self) -> None:
        """Read the sessions again and refill every list."""
        entries = sorted(self.coach.scripts, key=script_order)
        self._fill("#scripts", [script_option(entry) for entry in entries])
        try:
            store = self.coach.require_store()
            summaries = store.list_sessions()
            records = list(islice(store.all_records(), RECORDS_READ))
        except CoachError as error:
            self.coach.report(error)
            return
        unfinished = [s for s in summaries if s.status != "completed"]
        finished = [s for s in summaries if s.status == "completed"][:RECENT_PLANS]
        self._fill("#resume", [session_option(s) for s in unfinished], "Nothing to resume.")
        self._fill("#plans", [session_option(s) for s in finished], "No finished plans yet.")
        self._fill("#actions", self._action_options(records), "No open action items.")
        self.query_one("#glance", Static).update(self._glance(summaries, records))

    def _fill(self, selector: str, options: list[Option], empty: str = "") -> None:
        listing = self.query_one(selector, OptionList)
        highlighted = listing.highlighted
        listing.clear_options()
        listing.add_options(options or [Option(Content.styled(empty, "dim"), disabled=True)])
        if options and (highlighted is not None or listing.has_focus):
            listing.highlighted = min(highlighted or 0, len(options) - 1)

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """A list that gets the keyboard shows where it is."""
        listing = event.widget
        if isinstance(listing, OptionList) and listing.highlighted is None:
            enabled = [i for i, o in enumerate(listing.options) if not o.disabled]
            if enabled:
                listing.highlighted = enabled[0]

    def _action_options(self, records: list[SessionRecord]) -> list[Option]:
        self.action_sessions = []
        options = []
        for record in records:
            for action in record.actions:
                if action.get("done"):
                    continue
                due = f" · by {action['due']}" if action.get("due") else ""
                label = Content.assemble(
                    one_line(str(action.get("text", ""))),
                    "\n",
                    Content.assemble(one_line(record.title), due).stylize("dim"),
                )
                options.append(Option(label, id=str(len(self.action_sessions))))
                self.action_sessions.append(record.id)
        return options

    def _glance(self, summaries: list[SessionSummary], records: list[SessionRecord]) -> Content:
        if not summaries:
            return one_lines(["No reflections yet.", "Pick a script to start one."])
        finished = sum(1 for s in summaries if s.status == "completed")
        actions = [a for r in records for a in r.actions]
        done = sum(1 for a in actions if a.get("done"))
        lines = [
            f"{counted(len(summaries), 'reflection')}, {finished} finished",
            f"{done} of {counted(len(actions), 'action item')} done",
        ]
        lines += [f"{name}: {' → '.join(values)}" for name, values in self._tracked(records)]
        return one_lines(lines)

    def _tracked(self, records: list[SessionRecord]) -> list[tuple[str, list[str]]]:
        """Each tracked metric's values over the finished sessions, oldest first."""
        series: dict[str, list[str]] = {}
        for record in sorted(records, key=lambda r: r.started_at):
            script = self.coach.lookup_script(record.script_id)
            if script is None or record.status != "completed":
                continue
            for prompt in script.prompts:
                value = record.answers.get(prompt.id)
                if prompt.track and isinstance(value, int | float) and not isinstance(value, bool):
                    series.setdefault(prompt.track, []).append(f"{value:g}")
        return [(name, values[-6:]) for name, values in series.items()]

    # -- choosing -------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#scripts")
    def _start(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._go(self.coach.start_session, event.option.id)

    @on(OptionList.OptionSelected, "#resume, #plans")
    def _open(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._go(self.coach.open_session, event.option.id)

    @on(OptionList.OptionSelected, "#actions")
    def _open_action(self, event: OptionList.OptionSelected) -> None:
        if event.option.id:
            self._go(self.coach.open_session, self.action_sessions[int(event.option.id)])

    def _go(self, where: Callable[[str], object], session_or_script: str) -> None:
        try:
            where(session_or_script)
        except CoachError as error:
            self.coach.report(error)

    def action_new(self) -> None:
        self.query_one("#scripts").focus()

    def action_resume(self) -> None:
        listing = self.query_one("#resume", OptionList)
        if listing.option_count and listing.get_option_at_index(0).id:
            self._go(self.coach.open_session, listing.get_option_at_index(0).id or "")
        else:
            self.notify("Nothing to resume: pick a script to start.")

    def action_history(self) -> None:
        self.coach.show_history()


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
