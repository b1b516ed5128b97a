"""What the app shows first, on top of Home: decided before the screen takes over."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from coach.errors import StoreError
from coach.scripts.catalog import ScriptEntry, find_script
from coach.store.sessions import Store
from coach.vault import Vault


@dataclass(frozen=True)
class Opening:
    """What the app shows first, on top of Home."""

    start: str | None = None
    """A script id to start a new session of."""
    resume: str | None = None
    """A session id to resume (or to show the plan of, when it is finished)."""
    notice: str = ""
    theme: str | None = None


def opening_for(
    store: Store, scripts: list[ScriptEntry], start: str | None, resume: str | None, latest: bool
) -> Opening:
    """What to show first; an unknown script or session raises ``CoachError``."""
    theme = store.get_setting("theme", None)
    theme = theme if isinstance(theme, str) else None
    store.list_sessions(limit=1)  # a damaged list shows now, not halfway through
    if start:
        return Opening(start=find_script(scripts, start).id, theme=theme)
    if resume:
        return Opening(resume=store.get(resume).id, theme=theme)
    if latest:
        record = store.latest_unfinished()
        if record is None:
            return Opening(notice="Nothing to resume: every session is finished.", theme=theme)
        return Opening(resume=record.id, theme=theme)
    return Opening(theme=theme)


Opened = tuple[Store | None, Opening, StoreError | None]
"""The store, what to show first, and the problem that keeps the store closed."""


def open_what_was_asked(
    open_store: Callable[[], Store],
    scripts: list[ScriptEntry],
    start: str | None,
    resume: str | None,
    latest: bool,
) -> Opened:
    """The store and what to show first; a damaged store is returned as the problem."""
    try:
        store = open_store()
        return store, opening_for(store, scripts, start, resume, latest), None
    except StoreError as error:
        return None, Opening(), error


@dataclass(frozen=True)
class LockedStart:
    """An encrypted data folder not unlocked yet, and how to open it once it is."""

    vault: Vault
    open: Callable[[], Opened]
