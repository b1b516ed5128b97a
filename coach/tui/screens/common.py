"""Small things every screen shares: the app it belongs to, times and safe table cells."""

from __future__ import annotations

import math
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeVar, cast

from rich.text import Text
from textual._context import NoActiveAppError
from textual.app import App
from textual.message import Message
from textual.screen import ModalScreen, Screen

from coach.text import escape_controls
from coach.tui.widgets.screen_keys import now

if TYPE_CHECKING:
    from coach.tui.app import CoachApp

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
    """A full screen of the coach, with typed access to the app."""

    _away = False
    """Another screen opened over this one since it last showed what it reads (a screen
    that reads again for another reason may set it back: nothing more to read)."""

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        take_breakpoints(self)

    def on_screen_suspend(self) -> None:
        self._away = True

    async def on_screen_resume(self) -> None:
        if self._away and self.is_mounted:
            self._away = False
            await self.came_back()

    async def came_back(self) -> None:
        """On top again after another screen: show what may have changed meanwhile."""

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)

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
    """A dialog over the current screen, with typed access to the app."""

    def __init__(self, name: str | None = None, id: str | None = None) -> None:
        super().__init__(name=name, id=id)
        take_breakpoints(self)

    @property
    def coach(self) -> CoachApp:
        return cast("CoachApp", self.app)


class AfterKeys(Message):
    """Carries a callback up from the focused widget, behind the keys already sent to it.

    A priority binding (Ctrl+S, PgDn, PgUp, Ctrl+Q) runs as soon as its key
    arrives, before the keys typed just ahead of it have reached the focused
    input. Its action posts this message to the focused widget instead, so the
    callback runs (in the app's handler) once those keys are in the input.
    """

    def __init__(self, callback: Callable[[], Awaitable[object] | object]) -> None:
        super().__init__()
        self.callback = callback


def after_typed_keys(app: App, callback: Callable[[], Awaitable[object] | object]) -> None:
    """Run ``callback`` once every key typed before now has been handled."""
    target = app.focused or app.screen
    target.post_message(AfterKeys(callback))


def local_time(stamp: str) -> str:
    """An ISO 8601 time as ``YYYY-MM-DD HH:MM`` in the local time zone."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return escape_controls(stamp[:16])


def local_date(stamp: str) -> str:
    return local_time(stamp)[:10]


def cell(text: str, limit: int = 0) -> Text:
    """A table cell showing ``text`` as typed: never read as markup, one line.

    With a ``limit``, a longer text is cut there with an ellipsis.
    """
    shown = escape_controls(" ".join(text.split()))
    if limit and len(shown) > limit:
        shown = shown[: limit - 1].rstrip() + "…"
    return Text(shown, no_wrap=True, overflow="ellipsis", end="")


def counted(number: int, noun: str) -> str:
    """``1 session``, ``2 sessions``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def status_label(status: str) -> str:
    return "finished" if status == "completed" else "in progress"
