"""Progress: how a plan is going, over weeks of check-ins.

Days since the setback, the check-in streak and the next check-in date; the
plan's actions done out of total; every tracked number (``track:``) as a
Sparkline with its first and last values and their dates. Textual's own
Sparkline serves here: a few values a week apart read best as a shape next
to the exact numbers, which a full plot with axes would not add to.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widget import Widget
from textual.widgets import Header, ProgressBar, Sparkline, Static

from coach.errors import CoachError
from coach.followup.facts import local_day
from coach.followup.report import MetricSeries, ProgressReport, format_number, progress_report
from coach.tui.formatting import counted
from coach.tui.messages import CheckIn, OpenSession
from coach.tui.screens.base import CoachScreen
from coach.tui.widgets.footer import KeysFooter
from coach.tui.widgets.safe import one_line

if TYPE_CHECKING:
    from coach.workspace import Workspace

EMPTY = "Finish a reflection and a check-in to see your progress here."
EMPTY_HINT = "On Home, press n to start a reflection.\nOn a finished plan, press c to check in."
CELLS_PER_VALUE = 6
"""The widest a value is drawn in a sparkline (more values share the width)."""


class ProgressScreen(CoachScreen):
    """The progress of one plan: the one it was opened from, else the latest one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "check_in", "Check in", tooltip="On this plan"),
        Binding("o", "open_plan", "Open plan", tooltip="The plan this progress is of"),
        Binding("escape", "close", "Back"),
    ]

    def __init__(self, workspace: Workspace, plan_id: str | None = None) -> None:
        super().__init__(workspace)
        self.plan_id = plan_id
        self.report: ProgressReport | None = None

    @property
    def plan_in_view(self) -> str | None:
        return self.report.plan.session_id if self.report else None

    def compose(self) -> ComposeResult:
        yield Header()
        yield VerticalScroll(id="progress-page")
        yield KeysFooter()

    async def on_mount(self) -> None:
        self.sub_title = "Progress"
        await self.show_report()

    async def came_back(self) -> None:
        """Back from a check-in or the plan: the report may have changed."""
        await self.show_report()

    def load_report(self) -> ProgressReport | None:
        """The chosen plan's report, else the latest one's; from the glance (which costs
        the same however long the history) when it is the latest plan."""
        today = self.workspace.today()
        if self.plan_id is None:
            return self.workspace.glance().progress(today)
        return progress_report(self.workspace.plan_facts(self.plan_id), self.plan_id, today)

    async def show_report(self) -> None:
        try:
            self.report = self.load_report()
        except CoachError as error:
            self.report_error(error)
            return
        page = self.query_one("#progress-page")
        await page.remove_children()
        if self.report is None:
            await page.mount_all(empty_state())
        else:
            await page.mount_all(report_parts(self.report, self.workspace.today()))
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("check_in", "open_plan"):
            return self.report is not None
        return True

    def action_check_in(self) -> None:
        if self.report is not None:
            self.navigate(CheckIn(self.report.plan.session_id))

    def action_open_plan(self) -> None:
        """The plan: back to it when Progress was opened from it, else opened anew."""
        if self.report is None:
            return
        plan_id = self.report.plan.session_id
        below = self.app.screen_stack[-2] if len(self.app.screen_stack) > 1 else None
        if getattr(below, "plan_in_view", None) == plan_id:
            self.dismiss()
        else:
            self.navigate(OpenSession(plan_id))

    def action_close(self) -> None:
        self.dismiss()


def empty_state() -> list[Widget]:
    return [
        Vertical(
            Static("No progress to show yet", classes="empty-title"),
            Static(EMPTY, classes="empty-text"),
            Static(EMPTY_HINT, classes="empty-hint"),
            id="progress-empty",
        )
    ]


def report_parts(report: ProgressReport, today: date) -> Iterator[Widget]:
    """The widgets of a report, top to bottom."""
    yield Static(one_line(report.plan.title).stylize("bold $text-primary"), id="progress-title")
    yield Horizontal(*stat_cards(report, today), id="progress-stats")
    yield actions_box(report)
    if not report.metrics:
        yield Static(
            "Nothing tracked yet: a check-in asks how you are doing (press c).",
            id="progress-no-metrics",
            classes="empty",
        )
    width = max(max((len(series.values) for series in report.metrics), default=0), 2)
    boxes = [metric_box(series, width * CELLS_PER_VALUE) for series in report.metrics]
    if boxes:
        yield Vertical(*boxes, id="progress-metrics")


def stat(title: str, value: str, note: str) -> Static:
    card = Static(Content.assemble((value, "bold"), "\n", (note, "dim")), classes="stat box")
    card.border_title = title
    return card


def stat_cards(report: ProgressReport, today: date) -> list[Static]:
    days, started = report.days_since_setback, local_day(report.plan.started_at)
    since = counted(days, "day") if days is not None else "?"
    streak = counted(report.streak_weeks, "week") if report.streak_weeks else "none yet"
    checkins = counted(len(report.checkins), "check-in") + " in all"
    return [
        stat("Since the setback", since, f"since {started.isoformat()}" if started else ""),
        stat("Check-in streak", streak, checkins),
        stat("Next check-in", *next_checkin(report.next_checkin, today)),
    ]


def next_checkin(day: date | None, today: date) -> tuple[str, str]:
    """The date, and how far it is: ``in 5 days``, ``today``, ``2 days late``."""
    if day is None:
        return "not set", "a check-in sets the next one"
    gap = (day - today).days
    if gap > 0:
        return day.isoformat(), f"in {counted(gap, 'day')}"
    if gap == 0:
        return day.isoformat(), "today"
    return day.isoformat(), f"{counted(-gap, 'day')} late: press c"


def actions_box(report: ProgressReport) -> Widget:
    done, total = report.actions_done, report.actions_total
    if total:
        bar = ProgressBar(total=total, show_eta=False, id="actions-bar")
        bar.progress = done
        label = Static(f"{done} of {counted(total, 'action')} done", id="actions-label")
        box: Widget = Horizontal(bar, label, id="progress-actions", classes="box")
    else:
        note = Static("This plan has no action items.", classes="empty")
        box = Horizontal(note, id="progress-actions", classes="box")
    box.border_title = "Action items"
    return box


def metric_box(series: MetricSeries, width: int) -> Widget:
    """One tracked number: its shape over time (at most ``width`` cells), first → last,
    and the dates."""
    values = series.values
    first, last = series.points[0], series.points[-1]
    numbers = " → ".join(format_number(v) for v in (values[0], values[-1])[: len(values)])
    days = [d.isoformat() if d else "?" for d in (first[0], last[0])[: len(values)]]
    change = values[-1] - values[0]
    trend = f"  ({'+' if change > 0 else ''}{format_number(change)})" if len(values) > 1 else ""
    summary = Static(
        Content.assemble(
            (numbers, "bold"),
            (trend, "$text-success" if change > 0 else "$text-warning" if change < 0 else "dim"),
            "\n",
            (f"{' → '.join(days)} · {counted(len(values), 'value')}", "dim"),
        ),
        classes="metric-summary",
    )
    line = Sparkline(values if len(values) > 1 else values * 2, classes="metric-line")
    line.styles.max_width = width
    box = Horizontal(line, summary, classes="metric box")
    box.border_title = one_line(series.name)
    return box
