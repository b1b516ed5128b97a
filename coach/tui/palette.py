"""The coach's commands in the command palette (Ctrl+P)."""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Hits, Provider
from textual.content import Content
from textual.fuzzy import Matcher

from coach.errors import CoachError
from coach.text import escape_controls
from coach.tui.screens.home import RESUME_SHOWN, newest

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

Command = tuple[str, Callable[[], object], str]
"""The command's text (user text allowed: never read as markup), what it does, its help."""


class CoachCommands(Provider):
    """New reflection, resume, check in, progress, history, export, theme, help, quit."""

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

    def commands(self) -> Iterator[Command]:
        app = self.coach
        if app.store is None or app.damaged is not None:
            yield "Quit", app.action_quit, "Leave the data as it is, and quit"
            return
        for entry in app.scripts:
            if entry.script is not None:
                start = self._safely(app.start_session, entry.id)
                yield f"New reflection: {entry.script.title}", start, "Start a new session"
        try:
            unfinished = newest(app.store.list_columns(), RESUME_SHOWN, finished=False)
        except CoachError:
            unfinished = []
        for summary in unfinished:
            resume = self._safely(app.open_session, summary.id)
            yield f"Resume: {summary.title or summary.script_id}", resume, "Where you left off"
        yield "Home", self._safely(app.go_home), "Back to the start screen"
        yield "Check in", self._safely(app.check_in), "On the plan on screen, else the latest one"
        yield "Progress", self._safely(app.show_progress), "How a plan is going, over the weeks"
        yield "History", self._safely(app.show_history), "Every session: open, filter, delete"
        yield "Export the plan", self._safely(app.export_plan), "Write it to a Markdown file"
        yield "Switch theme", app.action_change_theme, "Pick a colour theme (remembered)"
        yield "Help", app.action_help, "Every key, in one table"
        yield "Quit", app.action_quit, "Keep what you are typing, and quit"

    def _safely(self, action: Callable[..., object], *arguments: str) -> Callable[[], None]:
        """``action(*arguments)``, with an error the user can act on shown, not raised."""

        def run() -> None:
            try:
                action(*arguments)
            except CoachError as error:
                self.coach.report(error)

        return run

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
