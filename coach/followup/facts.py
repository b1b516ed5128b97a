"""What follow-up needs to know about a finished session, in a few small fields.

A ``SessionFacts`` is derived from a completed session record and its script:
the action items (as the record holds them), the tracked metrics and the
check-in date. The record stays the truth; facts are a cache of it (see
``coach.followup.index``), cheap to read for thousands of sessions.

Rules, kept simple so that a script author can predict them:

- **metrics**: the answer of every prompt with ``track: Name`` that applies
  and holds a number, keyed by that name;
- **check-in date**: the answer of the first ``date`` prompt that applies
  and whose id contains ``checkin`` (``checkin_date``, ``next_checkin``,
  ``check_in``...);
- **plan**: a check-in carries ``extra["plan_id"]``, the plan it belongs to;
- **completed at**: ``extra["completed_at"]`` when the record has it, else
  its ``updated_at``.

This module imports neither YAML nor Textual: the engine is imported only
when a script is given.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from coach.session.snapshot import ScriptLookup, session_script
from coach.store.records import SessionRecord

if TYPE_CHECKING:
    from coach.scripts.model import Script

PLAN_ID = "plan_id"
COMPLETED_AT = "completed_at"
"""Keys of ``SessionRecord.extra`` that follow-up reads (and export carries)."""

DUE_SET = "due_set"
"""Key of an action item (in the record) whose due date the person set themselves."""

CHECKIN_TITLE = "Check-in: "
"""How a check-in's title begins (the plan's title follows)."""

CHECKIN_SCRIPT = "checkin"
"""The bundled script of check-ins: its sessions follow a plan, they are not plans."""


@dataclass(frozen=True)
class ActionItem:
    """One action item of a session, as its record holds it."""

    id: str
    text: str
    done: bool = False
    due: str | None = None  # ISO date, or None
    prompt_id: str | None = None

    @property
    def due_date(self) -> date | None:
        return parse_day(self.due)

    def to_json(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "text": self.text,
            "done": self.done,
            "due": self.due,
            "prompt_id": self.prompt_id,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> ActionItem:
        due = data.get("due")
        prompt_id = data.get("prompt_id")
        return cls(
            id=str(data["id"]),
            text=str(data.get("text", "")),
            done=bool(data.get("done", False)),
            due=due if isinstance(due, str) else None,
            prompt_id=prompt_id if isinstance(prompt_id, str) else None,
        )


@dataclass(frozen=True)
class SessionFacts:
    """The follow-up view of one completed session (a plan or a check-in)."""

    session_id: str
    script_id: str
    title: str
    started_at: str
    completed_at: str
    updated_at: str  # the record's, when these facts were taken: how staleness is seen
    plan_id: str | None = None  # for a check-in: the plan it belongs to
    actions: tuple[ActionItem, ...] = ()
    metrics: dict[str, float] = field(default_factory=dict)
    checkin_date: str | None = None  # ISO date

    @property
    def is_checkin(self) -> bool:
        return self.plan_id is not None

    def to_json(self) -> dict[str, Any]:
        return {
            "session_id": self.session_id,
            "script_id": self.script_id,
            "title": self.title,
            "started_at": self.started_at,
            "completed_at": self.completed_at,
            "updated_at": self.updated_at,
            "plan_id": self.plan_id,
            "actions": [action.to_json() for action in self.actions],
            "metrics": dict(self.metrics),
            "checkin_date": self.checkin_date,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> SessionFacts:
        """Raises KeyError, TypeError or ValueError for a malformed entry."""
        return cls(
            session_id=str(data["session_id"]),
            script_id=str(data["script_id"]),
            title=str(data["title"]),
            started_at=str(data["started_at"]),
            completed_at=str(data["completed_at"]),
            updated_at=str(data["updated_at"]),
            plan_id=data.get("plan_id") or None,
            actions=tuple(ActionItem.from_json(a) for a in data.get("actions") or ()),
            metrics={str(k): _number(v) for k, v in (data.get("metrics") or {}).items()},
            checkin_date=data.get("checkin_date") or None,
        )


def facts_for(record: SessionRecord, script: Script | None) -> SessionFacts:
    """The facts of a session; ``script`` is its own (``coach.session.snapshot``)."""
    values = _counted_answers(record, script)
    plan_id = record.extra.get(PLAN_ID)
    completed = record.extra.get(COMPLETED_AT)
    return SessionFacts(
        session_id=record.id,
        script_id=record.script_id,
        title=record.title,
        started_at=record.started_at,
        completed_at=completed if isinstance(completed, str) and completed else record.updated_at,
        updated_at=record.updated_at,
        plan_id=plan_id if isinstance(plan_id, str) and plan_id else None,
        actions=tuple(record_actions(record)),
        metrics=_metrics(values, script),
        checkin_date=_checkin_date(values, script),
    )


class FactsReader:
    """Facts of many sessions, each distinct script snapshot parsed once (most share one)."""

    def __init__(self, lookup: ScriptLookup | None) -> None:
        self.lookup = lookup
        self.parsed: dict[tuple[str, str], Script | None] = {}

    def facts(self, record: SessionRecord) -> SessionFacts:
        key = (record.script_id, record.script_source)
        if key not in self.parsed:
            self.parsed[key] = session_script(record, self.lookup)
        return facts_for(record, self.parsed[key])


def record_actions(record: SessionRecord) -> list[ActionItem]:
    """The record's action items; one without an id gets a stable one (see ``with_ids``)."""
    return [ActionItem.from_json(a) for a in with_ids(record.id, record.actions)]


def with_ids(session_id: str, actions: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The actions, each with an ``id``: imported ones may lack it; the same one each time."""
    return [
        action if action.get("id") else {**action, "id": fallback_action_id(session_id, n, action)}
        for n, action in enumerate(actions)
    ]


def fallback_action_id(session_id: str, position: int, action: dict[str, Any]) -> str:
    text = str(action.get("text", ""))
    return hashlib.sha1(f"{session_id}\0#{position}\0{text}".encode()).hexdigest()[:8]


def with_actions(facts: SessionFacts, record: SessionRecord) -> SessionFacts:
    """``facts`` with the actions (and ``updated_at``) of a newer ``record`` of the session."""
    return replace(facts, actions=tuple(record_actions(record)), updated_at=record.updated_at)


def _number(value: Any) -> float:
    """A stored metric: ints stay ints (so they print as typed), anything else a float."""
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    return float(value)


def _counted_answers(record: SessionRecord, script: Script | None) -> dict[str, Any]:
    if script is None:
        return dict(record.answers)
    from coach.session.wizard import Wizard

    return Wizard(script, record.answers).values()


def _metrics(values: dict[str, Any], script: Script | None) -> dict[str, float]:
    if script is None:
        return {}
    metrics: dict[str, float] = {}
    for prompt in script.prompts:
        value = values.get(prompt.id)
        if prompt.track and isinstance(value, int | float) and not isinstance(value, bool):
            metrics.setdefault(prompt.track, value)
    return metrics


def _checkin_date(values: dict[str, Any], script: Script | None) -> str | None:
    if script is None:
        candidates = [key for key in values if _names_checkin(key)]
    else:
        candidates = checkin_prompt_ids(script)
    for key in candidates:
        if parse_day(values.get(key)) is not None:
            return values[key]
    return None


def checkin_prompt_ids(script: Script) -> list[str]:
    """The ``date`` prompts that may set a session's check-in date, in script order."""
    return [p.id for p in script.prompts if p.kind == "date" and _names_checkin(p.id)]


def _names_checkin(prompt_id: str) -> bool:
    return "checkin" in prompt_id.replace("_", "").replace("-", "").lower()


def parse_day(value: Any) -> date | None:
    """An ISO ``YYYY-MM-DD`` as a date; anything else as None."""
    if not isinstance(value, str) or len(value) != 10:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        return None


def local_day(stamp: str) -> date | None:
    """The local calendar day of an ISO 8601 time (UTC when it has no offset)."""
    try:
        moment = datetime.fromisoformat(stamp)
    except (TypeError, ValueError):
        return None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone().date()
