"""Plans and check-ins of the real comeback and check-in scripts, made as the wizard makes them.

The app's catalog here is the built-in scripts plus the test ones (``trial``).
The store's clock (shared by every store the test opens) can be moved to a
chosen day, so that plans and check-ins are finished weeks apart.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

import followup_support

from coach.followup.followthrough import complete_session, start_checkin
from coach.followup.index import FollowUp
from coach.followup.plan import derive_actions
from coach.paths import ScriptFolder, builtin_scripts_dir
from coach.scripts.catalog import ScriptEntry, discover, find_script
from coach.session.wizard import Wizard
from coach.store.records import SessionRecord
from coach.store.sessions import Store

from .conftest import FIXED_TODAY, SCRIPTS_DIR

PLAN_TITLE = "Our launch went unnoticed"

COMEBACK_ANSWERS: dict[str, Any] = {
    **followup_support.COMEBACK_ANSWERS,
    "setback": PLAN_TITLE,
    "expected": "Fifty sign-ups in a week.",
}

CHECKIN_ANSWERS = followup_support.CHECKIN_ANSWERS


def catalog() -> list[ScriptEntry]:
    return discover(
        [ScriptFolder(builtin_scripts_dir(), "built-in"), ScriptFolder(SCRIPTS_DIR, "built-in")]
    )


def set_day(store: Store, day: date) -> None:
    """Move the test clock (shared by every store of the test) to 09:00 UTC of ``day``."""
    store._clock.moment = datetime(day.year, day.month, day.day, 9, tzinfo=UTC)  # type: ignore[attr-defined]


def _answer_all(
    store: Store, record: SessionRecord, typed: dict[str, Any], day: date
) -> SessionRecord:
    script = find_script(catalog(), record.script_id)
    wizard = Wizard(script, clock=lambda: day)
    while wizard.current is not None:
        wizard.accept_answer(typed.get(wizard.current.id))
    actions = derive_actions(wizard, [], record.id)
    title = record.title if record.extra.get("plan_id") else typed["setback"]
    store.update(record.id, answers=dict(wizard.answers), actions=actions, title=title)
    return complete_session(store, record.id)


def finished_plan(
    store: Store, answers: dict[str, Any] | None = None, day: date = FIXED_TODAY
) -> SessionRecord:
    set_day(store, day)
    script = find_script(catalog(), "comeback")
    record = store.create(script.id, script.source, script.title)
    return _answer_all(store, record, {**COMEBACK_ANSWERS, **(answers or {})}, day)


def finished_checkin(
    store: Store,
    plan: SessionRecord,
    answers: dict[str, Any] | None = None,
    day: date = FIXED_TODAY,
) -> SessionRecord:
    set_day(store, day)
    record = start_checkin(store, store.get(plan.id), find_script(catalog(), "checkin"))
    return _answer_all(store, record, {**CHECKIN_ANSWERS, **(answers or {})}, day)


def indexed_done(store: Store, session_id: str) -> list[bool]:
    """The ``done`` of each action of a session, as the follow-up index on disk holds it."""
    entry = next(f for f in FollowUp(store.data_dir).all() if f.session_id == session_id)
    return [action.done for action in entry.actions]


def recorded_done(store: Store, session_id: str) -> list[bool]:
    """The ``done`` of each action of a session, as its record on disk holds it."""
    return [bool(action.get("done")) for action in store.get(session_id).actions]
