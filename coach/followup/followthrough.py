"""Following a plan through: ticking its action items and checking in on it.

The session record is the truth: a tick is written there first (like an
answer), then into the follow-up index, so lists show it at once.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from coach.errors import CoachError
from coach.followup.facts import (
    CHECKIN_TITLE,
    COMPLETED_AT,
    DUE_SET,
    PLAN_ID,
    ActionItem,
    with_actions,
    with_ids,
)
from coach.followup.index import FollowUp
from coach.followup.report import ActionRow, UnknownAction, find_action
from coach.store.records import SessionRecord, shown

if TYPE_CHECKING:
    from coach.scripts.model import Script
    from coach.session.snapshot import ScriptLookup
    from coach.store.sessions import Store


# -- ticking actions -----------------------------------------------------------


def tick_action(
    store: Store,
    followup: FollowUp,
    action_ref: str,
    done: bool = True,
    lookup: ScriptLookup | None = None,
) -> tuple[ActionRow, bool]:
    """Tick (or untick) an action found by id or unique prefix among every session's.

    Returns the action as it is now and whether anything changed.
    """
    row = find_action(followup.refresh(store, lookup), action_ref)
    record, action, changed = set_action_done(store, followup, row.session_id, row.action.id, done)
    return replace(row, facts=with_actions(row.facts, record), action=action), changed


def set_action_done(
    store: Store, followup: FollowUp, session_id: str, action_id: str, done: bool = True
) -> tuple[SessionRecord, ActionItem, bool]:
    """Tick (or untick) one action of one session: its record first, then the index.

    For screens that know the session; returns the record, the action and
    whether anything changed. The first tick also keeps, in the record, when
    the session was completed (so later changes do not move it in time).
    """
    record = store.get(session_id)
    actions = with_ids(record.id, record.actions)
    index = next((n for n, a in enumerate(actions) if a["id"] == action_id), None)
    if index is None:
        raise UnknownAction(f"Session {record.id} has no action item {shown(action_id)}.")
    if bool(actions[index].get("done")) == done:
        return record, ActionItem.from_json(actions[index]), False
    actions[index] = {**actions[index], "done": done}
    extra = dict(record.extra)
    extra.setdefault(COMPLETED_AT, record.updated_at)
    record = store.update(record.id, actions=actions, extra=extra)
    followup.update_actions(record)
    return record, ActionItem.from_json(actions[index]), True


def reschedule_action(
    store: Store,
    followup: FollowUp,
    action_ref: str,
    due: date,
    lookup: ScriptLookup | None = None,
) -> tuple[ActionRow, bool]:
    """Give an action (by id or unique prefix) a due date of its own; see ``set_action_due``."""
    row = find_action(followup.refresh(store, lookup), action_ref)
    record, action, changed = set_action_due(store, followup, row.session_id, row.action.id, due)
    return replace(row, facts=with_actions(row.facts, record), action=action), changed


def set_action_due(
    store: Store, followup: FollowUp, session_id: str, action_id: str, due: date
) -> tuple[SessionRecord, ActionItem, bool]:
    """Set one action's due date: its record first, then the index.

    The date is the person's own (``due_set``): changing the answer of the
    step's date later moves the other items, not this one.
    """
    record = store.get(session_id)
    actions = with_ids(record.id, record.actions)
    index = next((n for n, a in enumerate(actions) if a["id"] == action_id), None)
    if index is None:
        raise UnknownAction(f"Session {record.id} has no action item {shown(action_id)}.")
    if actions[index].get("due") == due.isoformat():
        return record, ActionItem.from_json(actions[index]), False
    actions[index] = {**actions[index], "due": due.isoformat(), DUE_SET: True}
    extra = dict(record.extra)
    extra.setdefault(COMPLETED_AT, record.updated_at)
    record = store.update(record.id, actions=actions, extra=extra)
    followup.update_actions(record)
    return record, ActionItem.from_json(actions[index]), True


def complete_session(store: Store, session_id: str) -> SessionRecord:
    """Mark a session completed and keep when (``extra["completed_at"]``): for the wizard."""
    record = store.complete(session_id)
    extra = {**record.extra, COMPLETED_AT: record.extra.get(COMPLETED_AT, record.updated_at)}
    return store.update(record.id, extra=extra)


# -- check-ins ------------------------------------------------------------------


def start_checkin(store: Store, plan: SessionRecord, checkin_script: Script) -> SessionRecord:
    """A new check-in session of ``checkin_script``, linked to ``plan`` (or to its plan)."""
    if plan.status != "completed":
        raise CoachError("Finish this plan before checking in on it.")
    plan_id = plan.extra.get(PLAN_ID) or plan.id
    title = plan.title.removeprefix(CHECKIN_TITLE)
    if plan_id != plan.id:
        with suppress(CoachError):  # the plan itself is gone: keep the check-in's title
            title = store.get(plan_id).title
    record = store.create(checkin_script.id, checkin_script.source, f"{CHECKIN_TITLE}{title}")
    return store.update(record.id, extra={**record.extra, PLAN_ID: plan_id})
