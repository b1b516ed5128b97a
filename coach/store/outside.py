"""Changes made to the sessions folder outside coach: a sync tool, a restored backup.

Such tools replace, add and remove files by renaming them, which changes the
modification time of ``sessions/``. ``seen.json`` records that time as it
was when the list last matched the files (and the conflict copies found
then); every list compares it with one ``stat``. When they differ, the list
catches up (``catch_up``): each session file's size and modification time
are compared with those recorded in ``stamps.json`` at the last catch-up;
only files that appeared or changed are read, and sessions whose file is
gone leave the list. Coach's own changes keep the record current
(``moved``), so they never cost a catch-up.

Files that sync tools leave beside the real one when two copies disagree
(``*.sync-conflict-*``, ``* (conflicted copy)*``, ``*.orig``) are never read,
changed or deleted: they are reported, for the person to compare and settle.

A folder that has no record yet (from an older coach) is taken as its list
says, and recorded. Both files are derived from the others: one that cannot
be read is replaced, and a stale one only costs a catch-up.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from coach.errors import StoreError
from coach.store.index import SummaryColumns
from coach.store.records import SessionSummary, valid_session_id
from coach.store.storage import AtomicJSONStorage
from coach.text import escape_controls

SEEN = "seen.json"
STAMPS = "stamps.json"

Stamp = tuple[int, int]
"""A file's size and modification time (ns)."""


def is_conflict_copy(name: str) -> bool:
    """Whether ``name`` is the copy a sync tool keeps when two versions of a file disagree."""
    lowered = name.lower()
    return ".sync-conflict-" in lowered or "conflicted copy" in lowered or lowered.endswith(".orig")


def folder_time(folder: Path) -> int | None:
    try:
        return os.stat(folder).st_mtime_ns
    except FileNotFoundError:
        return None


@dataclass
class Seen:
    """What ``sessions/`` looked like when the list last matched it."""

    folder: int | None
    notices: list[str] = field(default_factory=list)
    """Conflict copies and files that could not be read, as messages."""


@dataclass(frozen=True)
class Mark:
    """The folder's time, and its record, before a change by coach."""

    before: int | None
    seen: Seen | None


class FolderWatch:
    """``seen.json`` and ``stamps.json`` of one data folder (callers hold the lock to write)."""

    def __init__(self, data_dir: Path, sessions_dir: Path) -> None:
        self.data_dir = data_dir
        self.sessions_dir = sessions_dir
        self.seen_path = data_dir / SEEN
        self.stamps_path = data_dir / STAMPS
        self._news: list[str] = []
        """Sessions that left the list when it last caught up, until ``notices`` is asked."""

    def seen(self) -> Seen | None:
        document = _read(self.seen_path, "seen", "sessions")
        if not isinstance(document, dict) or not _is_time(document.get("folder")):
            return None
        notices = document.get("notices")
        if not isinstance(notices, list) or not all(isinstance(n, str) for n in notices):
            notices = []
        return Seen(document["folder"], notices)

    def in_step(self, seen: Seen | None) -> bool:
        """Whether the list still matches the files (one ``stat``)."""
        return seen is not None and seen.folder == folder_time(self.sessions_dir)

    def record_in_step(self) -> None:
        """Record that the list matches the files as they are (a folder coach just made)."""
        before = folder_time(self.sessions_dir)
        files, notices = self._scan()
        self._record(before, files, notices)

    def mark(self, *, fresh: bool) -> Mark:
        """Before coach changes ``sessions/`` (a folder it has just made matches its list)."""
        if fresh:
            return Mark(None, Seen(None))
        return Mark(folder_time(self.sessions_dir), self.seen())

    def moved(self, mark: Mark) -> None:
        """After coach changed ``sessions/``: keep the record current, if it was before
        (a change from outside that came first stays noticed)."""
        after = folder_time(self.sessions_dir)
        seen = mark.seen
        if seen is not None and seen.folder is None:  # a folder coach has just made
            self.record_in_step()
        elif seen is not None and seen.folder == mark.before and after != mark.before:
            self._write_seen(Seen(after, seen.notices))

    def notices(self) -> list[str]:
        """What to tell the person about the folder: sessions that left the list since
        this was last asked (once), conflict copies and unreadable files as last found,
        and conflict copies beside the data files (looked for each time: a few files)."""
        found, self._news = self._news, []
        seen = self.seen()
        found.extend(seen.notices if seen else [])
        with suppress(OSError):
            for name in sorted(os.listdir(self.data_dir)):
                if is_conflict_copy(name):
                    found.append(_conflict_notice(self.data_dir / name))
        return found

    def catch_up(
        self,
        listed: SummaryColumns,
        read: Callable[[str], SessionSummary],
        rewrite: Callable[[Callable[[dict[str, SessionSummary]], None]], None],
    ) -> SummaryColumns:
        """The list made to match the files again, and recorded (where the folder can be
        written). ``read`` gives a session's summary from its file, ``rewrite`` changes
        the index."""
        before = folder_time(self.sessions_dir)
        files, notices = self._scan()
        recorded = self._stamps()
        if recorded is None and self.seen() is None:  # no record yet: the list is right
            self._record(before, files, notices)
            return listed
        recorded = recorded or {}
        ids = set(listed.id)
        changed = [k for k, stamp in files.items() if k not in ids or recorded.get(k) != stamp]
        fresh, unreadable = _read_all(changed, read)
        notices.extend(
            f"A session file appeared that cannot be listed: {error}"
            for key, error in unreadable.items()
            if key not in ids  # a damaged listed file says so when it is opened
        )
        gone = ids - set(files)
        self._news.extend(
            f"{self.sessions_dir / f'{key}.json'} was removed outside coach, so its session "
            "left the list; put the file back to bring it back."
            for key in sorted(gone)
        )
        if fresh or gone:
            listed = _changed(listed, fresh, gone)
            with suppress(StoreError):

                def change(rows: dict[str, SessionSummary]) -> None:
                    for key in gone:
                        rows.pop(key, None)
                    rows.update(fresh)

                rewrite(change)
        self._record(before, {k: v for k, v in files.items() if k not in unreadable}, notices)
        return listed

    def _record(self, folder: int | None, files: dict[str, Stamp], notices: list[str]) -> None:
        with suppress(StoreError):  # a folder coach may not write to is caught up each time
            stamps = {key: list(stamp) for key, stamp in files.items()}
            _write(self.stamps_path, {"stamps": {"files": stamps}})
            self._write_seen(Seen(folder, notices))

    def _scan(self) -> tuple[dict[str, Stamp], list[str]]:
        """Every session file's stamp, and the conflict copies found beside them."""
        files: dict[str, Stamp] = {}
        notices: list[str] = []
        try:
            entries = list(os.scandir(self.sessions_dir))
        except FileNotFoundError:
            return files, notices
        except OSError as error:
            raise StoreError(f"Could not read {self.sessions_dir}: {error.strerror}.") from None
        for entry in entries:
            name = entry.name
            if is_conflict_copy(name):
                notices.append(_conflict_notice(Path(entry.path)))
            elif name.endswith(".json") and valid_session_id(name[:-5]):
                with suppress(OSError):
                    found = entry.stat(follow_symlinks=False)
                    files[name[:-5]] = (found.st_size, found.st_mtime_ns)
        notices.sort()
        return files, notices

    def _stamps(self) -> dict[str, Stamp] | None:
        document = _read(self.stamps_path, "stamps", "files")
        if not isinstance(document, dict):
            return None
        return {
            key: (value[0], value[1])
            for key, value in document.items()
            if isinstance(value, list) and len(value) == 2 and all(map(_is_time, value))
        }

    def _write_seen(self, seen: Seen) -> None:
        document = {"folder": seen.folder, "notices": seen.notices}
        _write(self.seen_path, {"seen": {"sessions": document}})


def _read_all(
    keys: list[str], read: Callable[[str], SessionSummary]
) -> tuple[dict[str, SessionSummary], dict[str, StoreError]]:
    """The summaries of the sessions ``keys``, and the errors of those that cannot be read."""
    fresh: dict[str, SessionSummary] = {}
    unreadable: dict[str, StoreError] = {}
    for key in keys:
        try:
            fresh[key] = read(key)
        except StoreError as error:
            unreadable[key] = error
    return fresh, unreadable


def _changed(
    listed: SummaryColumns, fresh: dict[str, SessionSummary], gone: set[str]
) -> SummaryColumns:
    rows = {row.id: row for row in listed.summaries() if row.id not in gone}
    rows.update(fresh)
    return SummaryColumns.of(rows.values())


def _conflict_notice(path: Path) -> str:
    return (
        f"{escape_controls(str(path))} looks like a conflict copy left by a sync tool; "
        "coach does not read it. Compare it with the file it copies, keep the one you want, "
        "and move the other away."
    )


def _is_time(value: Any) -> bool:
    return type(value) is int


def _read(path: Path, table: str, document: str) -> Any:
    try:
        tables = AtomicJSONStorage(path).read() or {}
    except StoreError:
        return None  # derived data: it is simply made again
    return tables.get(table, {}).get(document)


def _write(path: Path, tables: dict[str, dict[str, Any]]) -> None:
    storage = AtomicJSONStorage(path)
    try:
        storage.read()
    except StoreError:
        with suppress(OSError):
            path.unlink()  # derived data that cannot be read: made again
        storage = AtomicJSONStorage(path)
    storage.write(tables)
