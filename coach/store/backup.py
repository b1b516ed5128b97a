"""The backup format: sessions exported as JSON, and read back for ``coach import``.

An export is ``{"coach_export": 1, "session": {...}}`` for one session or
``{"coach_export": 1, "sessions": [...]}`` for several; each session carries
every field of its record. Reading one back refuses the whole file at the
first problem, before anything is written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from coach.errors import CoachError
from coach.store.records import SessionRecord

EXPORT_FIELDS = ("id", "script_id", "status", "started_at", "updated_at", "answers", "actions")


def export_json(records: Iterable[SessionRecord], *, single: bool) -> str:
    sessions = [record.to_json() for record in records]
    document: dict[str, Any] = {"coach_export": 1}
    document.update({"session": sessions[0]} if single else {"sessions": sessions})
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def parse_import(text: str, source: str) -> list[SessionRecord]:
    """Every session of an export; the whole file is refused on the first problem."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise CoachError(f"{source} is not valid JSON: {error}. Nothing was imported.") from None
    if isinstance(document, dict) and isinstance(document.get("session"), dict):
        items = [document["session"]]
    elif isinstance(document, dict) and isinstance(document.get("sessions"), list):
        items = document["sessions"]
    else:
        raise CoachError(
            f"{source} is not a Comeback Coach export: expected a 'session' or 'sessions' key. "
            "Nothing was imported."
        )
    return [_import_record(item, n, source) for n, item in enumerate(items, start=1)]


def _import_record(item: Any, n: int, source: str) -> SessionRecord:
    where = f"{source}: session {n}"
    if not isinstance(item, dict):
        raise CoachError(f"{where} is not an object. Nothing was imported.")
    missing = [name for name in EXPORT_FIELDS if name not in item]
    if missing:
        raise CoachError(f"{where} lacks {', '.join(missing)}. Nothing was imported.")
    for name, kind in (("answers", dict), ("actions", list)):
        if not isinstance(item[name], kind):
            raise CoachError(f"{where}: '{name}' has the wrong type. Nothing was imported.")
    for name in ("id", "script_id", "status", "started_at", "updated_at"):
        if not isinstance(item[name], str) or not item[name]:
            raise CoachError(f"{where}: '{name}' should be text. Nothing was imported.")
    bad = [
        a for a in item["actions"] if not isinstance(a, dict) or "text" not in a or "done" not in a
    ]
    if bad:
        raise CoachError(f"{where}: every action needs 'text' and 'done'. Nothing was imported.")
    try:
        return SessionRecord.from_json({**item, "title": item.get("title") or item["script_id"]})
    except ValueError as error:
        raise CoachError(f"{where}: {error}. Nothing was imported.") from None
