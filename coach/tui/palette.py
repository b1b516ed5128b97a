"""The coach's commands in the command palette (Ctrl+P)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, Protocol, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from coach.errors import CoachError
from coach.text import escape_controls
from coach.tui.messages import (
    CheckIn,
    Destination,
    ExportPlan,
    GoHome,
    Navigate,
    OpenSession,
    Quit,
    ShowHelp,
    ShowHistory,
    ShowProgress,
    StartSession,
)
from coach.tui.screens.home import RESUME_SHOWN, newest

if TYPE_CHECKING:
    from coach.workspace import Workspace


class WithWorkspace(Protocol):
    """The app, as far as the palette needs it: the data it shows commands for."""

    workspace: Workspace


Command = tuple[str, Callable[[], object], str]
"""The command's text (user text allowed: never read as markup), what it does, its help."""


class CoachCommands(Provider):
    """New reflection, resume, check in, progress, history, export, theme, help, quit."""

    @property
    def workspace(self) -> Workspace:
        return cast("WithWorkspace", self.app).workspace

    def commands(self) -> Iterator[Command]:
        workspace = self.workspace
        if not workspace.usable:
            yield "Quit", self._go(Quit()), "Leave the data as it is, and quit"
            return
        for entry in workspace.scripts:
            if entry.script is not None:
                start = self._go(StartSession(entry.id))
                yield f"New reflection: {entry.script.title}", start, "Start a new session"
        try:
            listed = workspace.require_store().list_columns()
            unfinished = newest(listed, RESUME_SHOWN, finished=False)
        except CoachError:
            unfinished = []
        for summary in unfinished:
            resume = self._go(OpenSession(summary.id))
            yield f"Resume: {summary.title or summary.script_id}", resume, "Where you left off"
        yield "Home", self._go(GoHome()), "Back to the start screen"
        yield "Check in", self._go(CheckIn()), "On the plan on screen, else the latest one"
        yield "Progress", self._go(ShowProgress()), "How a plan is going, over the weeks"
        yield "History", self._go(ShowHistory()), "Every session: open, filter, delete"
        yield "Export the plan", self._go(ExportPlan()), "Write it to a Markdown file"
        yield "Switch theme", self.app.action_change_theme, "Pick a colour theme (remembered)"
        yield "Help", self._go(ShowHelp()), "Every key, in one table"
        yield "Quit", self._go(Quit()), "Keep what you are typing, and quit"

    def _go(self, where: Destination) -> Callable[[], None]:
        """Ask the app to go there (it shows any error on the way)."""
        return lambda: self.app.post_message(Navigate(where))

    async def discover(self) -> Hits:
        for text, run, help_text in self.commands():
            shown = shown_text(text)
            yield DiscoveryHit(Content(shown), run, text=shown, help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for text, run, help_text in self.commands():
            shown = shown_text(text)
            score, offsets = matcher.fuzzy_search.match(matcher.query, shown)
            if score > 0:
                display = highlighted(shown, offsets, matcher)
                yield Hit(score, display, run, text=shown, help=help_text)


def shown_text(text: str) -> str:
    """One line, control characters escaped: what the palette shows and matches."""
    return escape_controls(" ".join(text.split()))


def highlighted(shown: str, offsets: Sequence[int], matcher: Matcher) -> Content:
    """``shown`` literally (never read as markup), the matched letters highlighted."""
    content = Content(shown)
    for offset in offsets:
        if offset < len(shown) and not shown[offset].isspace():
            content = content.stylize(matcher.match_style, offset, offset + 1)
    return content
