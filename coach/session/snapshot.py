"""The script a session runs: the snapshot it keeps, else the installed script of its id.

A session keeps the YAML of the script it was started with, so editing or
deleting a script file never changes an old session. YAML is parsed only
when a snapshot is loaded (never at import).
"""

from __future__ import annotations

from collections.abc import Callable

from coach.scripts.model import Script
from coach.store.records import SessionRecord

ScriptLookup = Callable[[str], Script | None]
"""Finds an installed script by id (for sessions whose snapshot is missing)."""


def session_script(record: SessionRecord, lookup: ScriptLookup | None = None) -> Script | None:
    """The script a session was started with, else the installed one of that id, else None."""
    if record.script_source.strip():
        from coach.scripts.validate import load_script_text

        script, _problems = load_script_text(record.script_source, f"<session {record.id}>")
        if script is not None:
            return script
    return lookup(record.script_id) if lookup else None
