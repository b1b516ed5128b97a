"""What screens ask the application for: messages, posted to the app, handled by it.

A screen never calls the app: it posts :class:`Navigate` with a destination
(:class:`OpenSession`, :class:`CheckIn`, ...) and the app, which keeps
navigation, goes there (an error on the way is reported, never raised into the
screen); :class:`Report` asks it to show an error. :class:`AfterKeys` carries a
callback behind the keys already typed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.app import App
from textual.message import Message

if TYPE_CHECKING:
    from coach.errors import CoachError
    from coach.scripts.model import Script
    from coach.store.records import SessionRecord


@dataclass(frozen=True)
class StartSession:
    """A new session of the script, in the wizard (a check-in: on the latest plan)."""

    script_id: str


@dataclass(frozen=True)
class OpenSession:
    """A finished session's plan, or an unfinished one where it was left."""

    session_id: str


@dataclass(frozen=True)
class CheckIn:
    """A check-in on the plan given, else on the plan on screen, else the latest one."""

    plan_id: str | None = None


@dataclass(frozen=True)
class ShowProgress:
    """How a plan is going: the one given, else the one on screen, else the latest one."""

    plan_id: str | None = None


@dataclass(frozen=True)
class ShowHistory:
    """Every session, to open, filter or delete."""


@dataclass(frozen=True)
class ShowPlan:
    """The plan of a session just finished, in place of its wizard."""

    record: SessionRecord
    script: Script | None


@dataclass(frozen=True)
class EditSession:
    """Walk through a finished session again from its first prompt, answers kept."""

    record: SessionRecord
    script: Script


@dataclass(frozen=True)
class GoHome:
    """Back to Home, keeping what is typed as a draft; ``notice`` is shown once there."""

    notice: str = ""
    title: str = ""


@dataclass(frozen=True)
class ExportPlan:
    """Export the plan on screen, else the plan worked on most recently."""


@dataclass(frozen=True)
class ShowHelp:
    """Every key, in one table."""


@dataclass(frozen=True)
class Quit:
    """Keep what is typed, then quit with this exit code."""

    return_code: int = 0


Destination = (
    StartSession
    | OpenSession
    | CheckIn
    | ShowProgress
    | ShowHistory
    | ShowPlan
    | EditSession
    | GoHome
    | ExportPlan
    | ShowHelp
    | Quit
)


@dataclass
class Navigate(Message):
    """Go to ``where``: posted to the app, by a screen or the command palette."""

    where: Destination


@dataclass
class Report(Message):
    """An error the person can act on, to show (a damaged store gets its own screen)."""

    error: CoachError


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
