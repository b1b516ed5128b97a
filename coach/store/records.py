"""The session records that cross module boundaries: their JSON form, ids and order.

``from_json`` checks the shape of what it is given and raises ValueError
with a plain reason; fields it does not know are kept in ``extra`` and come
back out of ``to_json`` unchanged, so nothing written by another version
(imports, check-ins) is ever dropped.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from coach.errors import UnknownSession
from coach.text import escape_controls

SESSION_ID = re.compile(r"[0-9a-z][0-9a-z_-]{0,63}\Z")
"""Session ids the store accepts: they name files, so nothing else is allowed."""


def valid_session_id(text: str) -> bool:
    """Whether ``text`` can be a session id (e.g. in a file to import)."""
    return bool(SESSION_ID.match(text))


def match_session_id(prefix: str, ids: Iterable[str]) -> str:
    """The one id that is ``prefix`` (any case) or, failing that, starts with it."""
    wanted = prefix.strip().lower()
    ids = set(ids)
    if wanted in ids:
        return wanted
    found = sorted(key for key in ids if wanted and key.startswith(wanted))
    if not found:
        raise UnknownSession(f"No session matches '{shown(prefix)}'.")
    if len(found) > 1:
        listed = ", ".join(found[:_SHOWN_IDS]) + (", …" if len(found) > _SHOWN_IDS else "")
        raise UnknownSession(
            f"'{shown(prefix)}' matches {len(found)} sessions: {listed}; type more of the id."
        )
    return found[0]


def shown(text: str) -> str:
    """Typed text for a message: control characters escaped, the length kept sane."""
    text = escape_controls(text)
    return text if len(text) <= 40 else text[:39] + "…"


_SHOWN_IDS = 5


@dataclass
class SessionSummary:
    """One row of a session list: exactly what a list shows."""

    id: str
    script_id: str
    title: str
    status: str
    started_at: str
    updated_at: str

    def to_json(self) -> dict[str, str]:
        return dict(vars(self))

    @classmethod
    def from_json(cls, data: Any) -> SessionSummary:
        # Lists read thousands of these: the usual case is checked in one go.
        try:
            row = cls(**data)
        except TypeError:  # not an object, or a field missing or more
            row = None
        if row is not None and _all_text(row):
            return row
        _require_object(data, "a session summary")
        for name in SUMMARY_FIELDS:
            _check_type(data, name, str, required=True)
        return cls(**{name: data[name] for name in SUMMARY_FIELDS})  # others are ignored


def _all_text(row: SessionSummary) -> bool:
    return (
        type(row.id) is str
        and type(row.script_id) is str
        and type(row.title) is str
        and type(row.status) is str
        and type(row.started_at) is str
        and type(row.updated_at) is str
    )


SUMMARY_FIELDS = tuple(field.name for field in dataclasses.fields(SessionSummary))

SummaryRow = dict[str, str]
"""A summary as the index's overlay stores it: ``SessionSummary.to_json()``, perhaps
with more keys; ``check_summary_rows`` makes sure of their shape."""


def check_summary_rows(rows: Iterable[Any]) -> None:
    """Raise ValueError, with a plain reason, unless every row can be a SessionSummary."""
    for row in rows:
        try:
            if (
                type(row["id"]) is str
                and type(row["script_id"]) is str
                and type(row["title"]) is str
                and type(row["status"]) is str
                and type(row["started_at"]) is str
                and type(row["updated_at"]) is str
            ):
                continue
        except (KeyError, TypeError):
            pass
        SessionSummary.from_json(row)  # raises, saying what is wrong


def newest_first(rows: Iterable[SessionSummary]) -> list[SessionSummary]:
    """The order of every list: the most recently updated session first."""
    return sorted(rows, key=lambda row: sortable_moment(row.updated_at), reverse=True)


def sortable_moment(when: str) -> str:
    """A stored time (``updated_at``, ``completed_at``...) as a UTC ISO string that
    sorts in time order ("" if unreadable, so it sorts first)."""
    if len(when) == 25 and when.endswith("+00:00"):
        return when  # what the store writes: no need to parse
    try:
        moment = datetime.fromisoformat(when)
    except ValueError:
        return ""
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="seconds")


@dataclass
class SessionRecord:
    """Everything about one session; times are ISO 8601 with a UTC offset."""

    id: str
    script_id: str
    script_source: str  # the YAML text of the script it was started with ("" when unknown)
    title: str
    status: str = "in_progress"  # or "completed"
    started_at: str = ""
    updated_at: str = ""
    answers: dict[str, Any] = field(default_factory=dict)  # prompt id -> JSON value
    position: str | None = None  # the prompt id the user is at
    drafts: dict[str, Any] = field(default_factory=dict)  # prompt id -> unsaved raw input
    actions: list[dict[str, Any]] = field(default_factory=list)
    extra: dict[str, Any] = field(default_factory=dict)  # other fields: kept, never dropped

    def summary(self) -> SessionSummary:
        return SessionSummary(
            id=self.id,
            script_id=self.script_id,
            title=self.title,
            status=self.status,
            started_at=self.started_at,
            updated_at=self.updated_at,
        )

    def to_json(self) -> dict[str, Any]:
        data = dict(self.extra)
        data.update((name, getattr(self, name)) for name in _RECORD_TYPES)
        return data

    @classmethod
    def from_json(cls, data: Any) -> SessionRecord:
        _require_object(data, "a session")
        for name, kind in _RECORD_TYPES.items():
            _check_type(data, name, kind, required=name in _REQUIRED)
        for number, action in enumerate(data.get("actions", []), start=1):
            if not isinstance(action, dict):
                raise ValueError(f"action {number} should be an object, not {json_type(action)}")
        known = {"script_source": "", "title": ""}
        known.update((name, data[name]) for name in _RECORD_TYPES if name in data)
        for name in ("answers", "drafts", "actions"):
            if name in known:
                known[name] = type(known[name])(known[name])
        extra = {name: value for name, value in data.items() if name not in _RECORD_TYPES}
        return cls(**known, extra=extra)


_RECORD_TYPES: dict[str, type | tuple[type, ...]] = {
    "id": str,
    "script_id": str,
    "script_source": str,
    "title": str,
    "status": str,
    "started_at": str,
    "updated_at": str,
    "answers": dict,
    "position": (str, type(None)),
    "drafts": dict,
    "actions": list,
}
"""The JSON type of every field but ``extra``, in the order they are written."""

_REQUIRED = ("id", "script_id")


def _require_object(data: Any, what: str) -> None:
    if not isinstance(data, dict):
        raise ValueError(f"{what} should be an object, not {json_type(data)}")


def _check_type(
    data: dict[str, Any], name: str, kind: type | tuple[type, ...], *, required: bool
) -> None:
    if name not in data:
        if required:
            raise ValueError(f"the field '{name}' is missing")
        return
    if not isinstance(data[name], kind):
        expected = " or ".join(
            _JSON_NAMES[k] for k in (kind if isinstance(kind, tuple) else (kind,))
        )
        raise ValueError(f"the field '{name}' should be {expected}, not {json_type(data[name])}")


_JSON_NAMES: dict[type, str] = {
    str: "a string",
    dict: "an object",
    list: "an array",
    type(None): "null",
    bool: "true or false",
    int: "a number",
    float: "a number",
}


def json_type(value: Any) -> str:
    return _JSON_NAMES.get(type(value), type(value).__name__)
