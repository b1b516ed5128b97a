"""Finding the scripts a user can start: every folder, overrides, broken ones listed."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import CoachError
from coach.paths import ScriptFolder
from coach.scripts.model import Problem, Script

if TYPE_CHECKING:
    from coach.scripts.cache import LoadedScripts


@dataclass(frozen=True)
class ScriptEntry:
    """One script file found in a folder, loaded or not."""

    id: str
    path: Path
    origin: str
    script: Script | None
    problems: tuple[Problem, ...] = ()
    overrides: ScriptEntry | None = None
    """The entry with the same id that this one replaces (e.g. a built-in)."""

    @property
    def title(self) -> str:
        return self.script.title if self.script else "(cannot be used)"


def discover(folders: list[ScriptFolder], cache: LoadedScripts | None = None) -> list[ScriptEntry]:
    """Every script of every folder, later folders overriding earlier ones by id.

    A broken script is listed with its problems; it never stops the others.
    With a ``cache``, unchanged valid scripts come from it instead of being
    parsed again (the app's start), and what was parsed is kept in it.
    """
    found: dict[str, ScriptEntry] = {}
    for folder in folders:
        if not folder.path.is_dir():
            continue
        for path in sorted(folder.path.glob("*.y*ml")):
            entry = _load_entry(path, folder.origin, cache)
            entry = _with_override(entry, found.get(entry.id))
            found[entry.id] = entry
    if cache is not None:
        cache.save()
    return sorted(found.values(), key=lambda e: (e.script is None, e.id))


def find_script(entries: list[ScriptEntry], script_id: str) -> Script:
    for entry in entries:
        if entry.id == script_id:
            if entry.script is None:
                first = entry.problems[0] if entry.problems else "it could not be read"
                raise CoachError(f"The script '{script_id}' has problems: {first}")
            return entry.script
    known = ", ".join(e.id for e in entries if e.script) or "none"
    raise CoachError(f"No script called '{script_id}'. Available: {known}.")


def _load_entry(path: Path, origin: str, cache: LoadedScripts | None) -> ScriptEntry:
    script = cache.get(path) if cache is not None else None
    if script is not None:
        return ScriptEntry(script.id, path, origin, script)
    from coach.scripts.validate import load_script_file  # YAML and the checks: only when parsing

    script, problems = load_script_file(path)
    if cache is not None and script is not None:
        cache.put(path, script)
    script_id = script.id if script else path.stem
    return ScriptEntry(script_id, path, origin, script, tuple(problems))


def _with_override(entry: ScriptEntry, previous: ScriptEntry | None) -> ScriptEntry:
    if previous is None:
        return entry
    return ScriptEntry(
        entry.id, entry.path, entry.origin, entry.script, entry.problems, overrides=previous
    )
