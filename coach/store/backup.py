"""The backup format: sessions exported as JSON, and read back for ``coach import``.

An export is ``{"coach_export": 1, "session": {...}}`` for one session or
``{"coach_export": 1, "sessions": [...]}`` for several; each session carries
every field of its record. Reading one back checks every field first
(``coach.store.backup_checks``) and refuses the whole file, naming its first
few problems, before anything is written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from coach.errors import CoachError
from coach.store.backup_checks import (
    MAX_BACKUP_BYTES,
    Refused,
    load_json,
    may_hold_surrogates,
    refusal,
    session_problems,
)
from coach.store.records import SessionRecord, shown


def export_json(records: Iterable[SessionRecord], *, single: bool) -> str:
    sessions = [record.to_json() for record in records]
    document: dict[str, Any] = {"coach_export": 1}
    document.update({"session": sessions[0]} if single else {"sessions": sessions})
    text = json.dumps(document, ensure_ascii=False, indent=2) + "\n"
    return _C1_CONTROLS.sub(lambda match: f"\\u{ord(match.group()):04x}", text)


_C1_CONTROLS = re.compile("[\x7f-\x9f\ud800-\udfff]")
"""Controls JSON does not escape itself (it does below U+0020), and lone surrogates (only
a damaged file holds them): written as ``\\u`` escapes, the same text to any JSON
reader, never a raw control on a terminal, and always encodable as UTF-8."""


def read_backup(path: Path) -> str:
    """The text of a backup file; too big, unreadable or not UTF-8 is refused, said plainly."""
    try:
        with open(path, "rb") as handle:
            data = handle.read(MAX_BACKUP_BYTES + 1)
    except OSError as error:
        raise CoachError(
            f"Could not read {path}: {error.strerror or error}. Nothing was imported."
        ) from None
    if len(data) > MAX_BACKUP_BYTES:
        raise CoachError(
            f"{path} is larger than a backup can be ({MAX_BACKUP_BYTES // 2**20} MB). "
            "Nothing was imported."
        )
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise CoachError(
            f"{path} is not UTF-8 text (a bad byte on line {line}). Nothing was imported."
        ) from None


def parse_import(text: str, source: str) -> list[SessionRecord]:
    """Every session of an export, each field checked against the format; the whole
    file is refused, naming its first few problems, when anything is wrong."""
    try:
        document = load_json(text)
    except json.JSONDecodeError as error:
        raise CoachError(f"{source} is not valid JSON: {error}. Nothing was imported.") from None
    except Refused as error:
        raise CoachError(f"{source} cannot be imported: {error}. Nothing was imported.") from None
    items = _sessions_of(document, source)
    surrogates = may_hold_surrogates(text)
    problems = [
        f"session {number}{_named(item)}: {problem}"
        for number, item in enumerate(items, start=1)
        for problem in session_problems(item, surrogates=surrogates)
    ]
    if problems:
        raise refusal(source, problems)
    return [_import_record(item, source) for item in items]


def _sessions_of(document: Any, source: str) -> list[Any]:
    if isinstance(document, dict):
        version = document.get("coach_export", 1)
        if isinstance(version, int) and not isinstance(version, bool) and version > 1:
            raise CoachError(
                f"{source} was made by a newer Comeback Coach (export format {version}): "
                "update Comeback Coach to import it. Nothing was imported."
            )
        if isinstance(document.get("session"), dict):
            return [document["session"]]
        if isinstance(document.get("sessions"), list):
            return document["sessions"]
    raise CoachError(
        f"{source} is not a Comeback Coach export: expected a 'session' or 'sessions' key. "
        "Nothing was imported."
    )


def _named(item: Any) -> str:
    if isinstance(item, dict) and isinstance(item.get("id"), str) and item["id"]:
        return f" ({shown(item['id'])})"
    return ""


def _import_record(item: dict[str, Any], source: str) -> SessionRecord:
    """A checked session as a record (its title, when it has none, its script's id)."""
    known = {"title": item.get("title") or item["script_id"]}
    known["script_source"] = item.get("script_source") or ""
    try:
        return SessionRecord.from_json({**item, **known})
    except ValueError as error:  # what the checks above let through, said all the same
        raise CoachError(f"{source}: {error}. Nothing was imported.") from None
