"""What every screen and dialog of the coach is built on: size classes from the start, the
workspace it is handed, and the way it asks the app for things (messages, never calls)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING, ClassVar, TypeVar

from textual._context import NoActiveAppError
from textual.screen import ModalScreen, Screen
from textual.widgets import Static

from coach.errors import CoachError
from coach.tui.messages import Destination, Navigate, Report
from coach.tui.widgets.safe import plain
from coach.tui.widgets.screen_keys import now

if TYPE_CHECKING:
    from coach.workspace import Workspace

ResultType = TypeVar("ResultType")


def take_breakpoints(screen: Screen) -> None:
    """Give a new screen the size classes (``-wide``, ``-short``, ...) of the app's size now.

    Textual gives a screen these classes when it is first resized, after its
    widgets have been styled: every widget is then styled again. A screen that
    has them from the start keeps them, and its widgets are styled once.
    """
    try:
        width, height = screen.app.size
    except NoActiveAppError:
        return
    classes: dict[str, bool] = {}
    for breakpoints, size in (
        (_breakpoints(screen, "HORIZONTAL_BREAKPOINTS"), width),
        (_breakpoints(screen, "VERTICAL_BREAKPOINTS"), height),
    ):
        classes.update((name, False) for _, name in breakpoints)
        reached = [(at, name) for at, name in breakpoints if size >= at]
        if reached:
            classes[max(reached)[1]] = True
    screen.update_classes(classes, update=False)


def _breakpoints(screen: Screen, which: str) -> list[tuple[int, str]]:
    own = getattr(screen, which)
    return list((getattr(screen.app, which) if own is None else own) or [])


class CoachScreen(Screen[None]):
    """A full screen of the coach: handed the workspace it reads, it posts where to go."""

    _away = False
    """Another screen opened over this one since it last showed what it reads (a screen
    that reads again for another reason may set it back: nothing more to read)."""

    def __init__(
        self, workspace: Workspace | None = None, *, name: str | None = None, id: str | None = None
    ) -> None:
        super().__init__(name=name, id=id)
        self._workspace = workspace
        take_breakpoints(self)

    @property
    def workspace(self) -> Workspace:
        """The data this screen shows and changes (given when the screen is made)."""
        if self._workspace is None:
            raise RuntimeError(f"{type(self).__name__} was made without a workspace")
        return self._workspace

    def navigate(self, where: Destination) -> None:
        """Ask the app to go somewhere (it reports any error on the way)."""
        self.app.post_message(Navigate(where))

    def report_error(self, error: CoachError) -> None:
        """Have the app show an error the person can act on."""
        self.app.post_message(Report(error))

    def set_action_done(self, session_id: str, action_id: str, done: bool) -> bool:
        """Tick or untick an action; an error is reported, and False returned."""
        try:
            self.workspace.set_action_done(session_id, action_id, done)
        except CoachError as error:
            self.report_error(error)
            return False
        return True

    def on_screen_suspend(self) -> None:
        self._away = True

    async def on_screen_resume(self) -> None:
        if self._away and self.is_mounted:
            self._away = False
            await self.came_back()

    async def came_back(self) -> None:
        """On top again after another screen: show what may have changed meanwhile."""

    def save_draft(self) -> None:
        """Keep what is being typed here (the wizard has something to keep)."""


class OwnKeysScreen(CoachScreen):
    """A screen that takes only the keys typed while it shows.

    From the moment another screen opens over it until it is drawn again once that
    one has closed, a key typed was meant for the other screen. Its prompt controls
    drop such keys (``coach.tui.widgets.screen_keys`` reads :attr:`keys_from`); its
    priority bindings, which act before any control gets the key, ask :attr:`is_drawn`.
    """

    keys_from: float = 0.0
    """The time (as key events are stamped) from which keys typed are this screen's."""

    def on_mount(self) -> None:
        self.screen_layout_refresh_signal.subscribe(self, self._drawn, immediate=True)

    def on_screen_suspend(self) -> None:
        self.keys_from = math.inf

    def on_screen_resume(self) -> None:
        self.refresh(layout=True)  # drawn after a layout, so that :meth:`_drawn` hears of it

    def _drawn(self, _screen: object) -> None:
        if not self.is_drawn and self.is_active:
            self.keys_from = now()

    @property
    def is_drawn(self) -> bool:
        """Whether the screen shows (again): False while another screen is over it, and
        after that one closes until this one is drawn."""
        return self.keys_from != math.inf


class CoachDialog(ModalScreen[ResultType]):
    """A dialog over the current screen; it answers with its result, nothing else."""

    MESSAGE_LINE: ClassVar[str] = ""
    """The id of the dialog's line for a refusal or a hint, when it has one."""

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        take_breakpoints(self)

    def say(self, message: str) -> None:
        """Show ``message`` on the dialog's message line (``""`` clears it)."""
        self.query_one(f"#{self.MESSAGE_LINE}", Static).update(plain(message))
        self.set_class(bool(message), "-message")
