"""Sessions on disk: saved before the next prompt shows, never lost, fast at any age.

Layout of the data folder (0700; every file 0600, written atomically):

- ``sessions/<id>.json``: table ``session``, the full record of one session.
- ``index.json`` and ``touched.json``: the list of sessions (see ``coach.store.index``).
- ``settings.json``: table ``settings``, small preferences such as the theme.
- ``.lock``: held around every change, so two processes never interleave writes.

An autosave reads and writes only the session's own file and the small
overlay, so its cost does not grow with history. The store saves what it is
handed; it knows nothing of what scripts mean.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from tinydb.table import Document

from coach.errors import StoreError, UnknownSession
from coach.files import FolderLock, fsync_folder, make_private_folder
from coach.store.index import SessionIndex, SummaryColumns
from coach.store.records import (
    SessionRecord,
    SessionSummary,
    match_session_id,
    shown,
    valid_session_id,
)
from coach.store.storage import UnreadableSession, damaged, open_database
from coach.vault import vault_for

STATUSES = ("in_progress", "completed")

_UPDATABLE = frozenset(f.name for f in dataclasses.fields(SessionRecord)) - {"id", "updated_at"}


def utc_now() -> datetime:
    return datetime.now(UTC)


def _random_id() -> str:
    import secrets  # only new sessions need it; listing starts faster without

    return secrets.token_hex(4)


class Store:
    """The sessions and settings in one data folder.

    Every method reads what it needs from disk afresh, so several processes
    can share the folder safely. Every change holds the folder lock from
    read to write; reads need no lock, because every write replaces a whole
    file by an atomic rename (the few that span files check what they found,
    and look again under the lock when a file went missing meanwhile).
    """

    def __init__(
        self,
        data_dir: Path,
        *,
        clock: Callable[[], datetime] = utc_now,
        new_id: Callable[[], str] | None = None,
    ) -> None:
        self.data_dir = Path(data_dir)
        self.index = SessionIndex(self.data_dir, rebuild=self._summaries_from_files)
        self.settings_path = self.data_dir / "settings.json"
        self.sessions_dir = self.data_dir / "sessions"
        self._clock = clock
        self._new_id = new_id or _random_id
        self._lock = FolderLock(self.data_dir)
        self.vault = vault_for(self.data_dir)
        """Whether the folder is encrypted, and its key (see ``coach.vault``)."""

    def session_path(self, session_id: str) -> Path:
        return self.sessions_dir / f"{session_id}.json"

    # -- sessions: adding and removing -------------------------------------

    def create(self, script_id: str, script_source: str, title: str) -> SessionRecord:
        """Start a new session: its file first, then its line in the index."""
        with self._locked(writing=True):
            now = self._now()
            record = SessionRecord(
                id="",
                script_id=script_id,
                script_source=script_source,
                title=title,
                started_at=now,
                updated_at=now,
            )

            def choose(listed: dict[str, SessionSummary]) -> list[SessionRecord]:
                record.id = self._fresh_id(listed)
                return [record]

            self._add(choose)
        return record

    def import_records(self, records: Iterable[SessionRecord]) -> tuple[list[str], list[str]]:
        """Add sessions as they are; return (added ids, skipped existing ids).

        Checking the records is the caller's job; this refuses only ids that
        cannot name a file. All writes happen under one lock, and if one
        fails, the files already written are removed again.
        """
        records = list(records)
        for record in records:
            if not valid_session_id(record.id):
                raise StoreError(
                    f"'{shown(record.id)}' cannot be a session id. Nothing was imported."
                )
        skipped: list[str] = []

        def choose(listed: dict[str, SessionSummary]) -> list[SessionRecord]:
            now = self._now()
            fresh: dict[str, SessionRecord] = {}
            for record in records:
                if record.id in listed or record.id in fresh:
                    skipped.append(record.id)
                    continue
                fresh[record.id] = dataclasses.replace(
                    record, started_at=record.started_at or now, updated_at=record.updated_at or now
                )
            return list(fresh.values())

        with self._locked(writing=True):
            added = self._add(choose)
        return [record.id for record in added], skipped

    def delete(self, session_id: str) -> None:
        """Remove a session from the list, then its file."""
        path = self.session_path(session_id)

        def remove(listed: dict[str, SessionSummary]) -> None:
            if listed.pop(session_id, None) is None and not path.exists():
                raise UnknownSession(f"No session matches '{shown(session_id)}'.")
            if path.exists():
                self._read_record(session_id)  # a damaged file is left as it is

        with self._locked(writing=True):
            self.index.rewrite(remove)
            try:
                path.unlink(missing_ok=True)
                fsync_folder(self.sessions_dir)
            except OSError as error:
                raise StoreError(f"Could not delete {path}: {error.strerror}.") from error

    def _add(
        self, choose: Callable[[dict[str, SessionSummary]], list[SessionRecord]]
    ) -> list[SessionRecord]:
        """Write the files of the sessions ``choose`` picks, then the index.

        If anything fails, the files written are removed again: the sessions
        were never listed, and nothing is left half-added.
        """
        added: list[SessionRecord] = []
        written: list[Path] = []

        def change(listed: dict[str, SessionSummary]) -> None:
            added.extend(choose(listed))
            for record in added:
                self._write_record(record)
                written.append(self.session_path(record.id))
                listed[record.id] = record.summary()

        try:
            self.index.rewrite(change)
        except BaseException:
            for path in written:
                with suppress(OSError):
                    path.unlink()
            raise
        return added

    # -- sessions: reading -------------------------------------------------

    def resolve(self, prefix: str) -> str:
        """The one session id that is ``prefix`` or starts with it."""
        return match_session_id(prefix, self._listed().id)

    def get(self, id_or_prefix: str) -> SessionRecord:
        record = self._present(match_session_id(id_or_prefix, self._listed().id))
        if record is not None:
            return record
        with self._locked(writing=False):  # its file went missing: look again, with the lock
            return self._read_listed(match_session_id(id_or_prefix, self.index.listing().id))

    def list_sessions(self, limit: int | None = None) -> list[SessionSummary]:
        """Summaries, newest updated first; reads only the index and overlay."""
        return self.list_columns(limit).summaries()

    def list_columns(self, limit: int | None = None) -> SummaryColumns:
        """``list_sessions`` a column per field, for listings of thousands."""
        return self._listed().newest_first(limit)

    def latest_unfinished(self) -> SessionRecord | None:
        listed = self.list_columns()
        for session_id, status in zip(listed.id, listed.status, strict=True):
            if status == "in_progress":
                return self._present(session_id) or self.get(session_id)
        return None

    def all_records(
        self, unreadable: list[UnreadableSession] | None = None
    ) -> Iterator[SessionRecord]:
        """Every session, in list order, each read as it is at that moment.

        A session whose file cannot be used raises ``UnreadableSession``; given a
        list ``unreadable``, it is left out instead and its error added there.
        """
        for row in self.list_sessions():
            try:
                record = self._present(row.id)
                if record is None:
                    with self._locked(writing=False):
                        if row.id not in self.index.listing().id:
                            continue  # deleted meanwhile by another process
                        record = self._read_listed(row.id)
            except UnreadableSession as error:
                if unreadable is None:
                    raise
                unreadable.append(error)
                continue
            yield record

    # -- sessions: changing ------------------------------------------------

    def save_answer(
        self, session_id: str, prompt_id: str, value: Any, position: str | None
    ) -> SessionRecord:
        """Keep an accepted answer (its draft is no longer needed)."""

        def change(record: SessionRecord) -> None:
            record.answers[prompt_id] = value
            record.drafts.pop(prompt_id, None)
            record.position = position

        return self._change(session_id, change)

    def save_draft(self, session_id: str, prompt_id: str, raw: Any) -> SessionRecord:
        return self._change(session_id, lambda record: record.drafts.__setitem__(prompt_id, raw))

    def clear_draft(self, session_id: str, prompt_id: str) -> SessionRecord:
        return self._change(session_id, lambda record: record.drafts.pop(prompt_id, None))

    def set_position(self, session_id: str, position: str | None) -> SessionRecord:
        return self._change(session_id, lambda record: setattr(record, "position", position))

    def complete(self, session_id: str) -> SessionRecord:
        return self.update(session_id, status="completed")

    def update(self, session_id: str, **fields: Any) -> SessionRecord:
        """Set any fields but ``id`` and ``updated_at`` (which is set to now)."""
        unknown = set(fields) - _UPDATABLE
        if unknown:
            raise TypeError(f"Store.update() cannot set {', '.join(sorted(unknown))}")
        if "status" in fields and fields["status"] not in STATUSES:
            raise ValueError(f"status must be one of {', '.join(STATUSES)}")

        def change(record: SessionRecord) -> None:
            for name, value in fields.items():
                setattr(record, name, value)

        return self._change(session_id, change)

    def save(self, record: SessionRecord) -> SessionRecord:
        """Replace a stored session by ``record``; returns it as saved."""
        return self.update(
            record.id, **{name: getattr(record, name) for name in sorted(_UPDATABLE)}
        )

    def _change(self, session_id: str, change: Callable[[SessionRecord], Any]) -> SessionRecord:
        """Read, change and write one session file and the overlay; not the index."""
        with self._locked(writing=True):
            if not valid_session_id(session_id) or not self.session_path(session_id).exists():
                raise UnknownSession(f"No session matches '{shown(session_id)}'.")
            record = self._read_record(session_id)
            change(record)
            record.updated_at = self._now()
            self._write_record(record)
            self.index.touch(record.summary())
        return record

    # -- settings ----------------------------------------------------------

    def get_setting(self, key: str, default: Any = None) -> Any:
        with open_database(self.settings_path) as database:
            document = database.table("settings").get(doc_id=key)
        return default if document is None else document.get("value", default)

    def set_setting(self, key: str, value: Any) -> None:
        with self._locked(writing=True), open_database(self.settings_path) as database:
            database.table("settings").upsert(Document({"value": value}, doc_id=key))

    # -- files (callers hold the lock) -------------------------------------

    @contextmanager
    def _locked(self, *, writing: bool) -> Iterator[None]:
        if writing:
            make_private_folder(self.data_dir)
            make_private_folder(self.sessions_dir)
        with self._lock.held(writing=writing):
            yield

    def _now(self) -> str:
        moment = self._clock()
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=UTC)
        return moment.replace(microsecond=0).isoformat()

    def _fresh_id(self, listed: dict[str, SessionSummary]) -> str:
        for _ in range(100):
            candidate = self._new_id()
            if not valid_session_id(candidate):
                raise ValueError(f"new_id() gave {candidate!r}, which cannot be a session id")
            if candidate not in listed and not self.session_path(candidate).exists():
                return candidate
        raise StoreError(f"Could not find a free session id in {self.data_dir}.")

    def _listed(self) -> SummaryColumns:
        """The listed sessions, read without the lock where the index allows."""
        listed = self.index.listing_unlocked()
        if listed is None:
            with self._locked(writing=False):
                listed = self.index.listing()
        return listed

    def _present(self, session_id: str) -> SessionRecord | None:
        """A session read without the lock; None if its file is not there (now)."""
        try:
            return self._read_record(session_id)
        except UnreadableSession:
            if self.session_path(session_id).exists():
                raise
            return None

    def _read_record(self, session_id: str) -> SessionRecord:
        """A session from its file; ``UnreadableSession`` when the file cannot be used."""
        try:
            return self._parse_record(session_id)
        except StoreError as error:
            raise UnreadableSession(self.session_path(session_id), error) from None

    def _parse_record(self, session_id: str) -> SessionRecord:
        """A session from its file; a ``StoreError`` (for the whole folder) if it cannot be."""
        path = self.session_path(session_id)
        with open_database(path) as database:
            document = database.table("session").get(doc_id=session_id)
        if document is None:
            raise damaged(path, f"it holds no session {session_id}")
        try:
            return SessionRecord.from_json(dict(document))
        except ValueError as error:
            raise damaged(path, str(error)) from None

    def _summaries_from_files(self) -> Iterator[SessionSummary]:
        """Summaries read from the session files, when the index is missing.

        The list needs every file: one that cannot be read stops the whole folder
        (a ``StoreError``), rather than leaving its session out of the list unseen.
        """
        if not self.sessions_dir.is_dir():
            return
        for path in sorted(self.sessions_dir.glob("*.json")):
            if valid_session_id(path.stem):
                yield self._parse_record(path.stem).summary()

    def _read_listed(self, session_id: str) -> SessionRecord:
        path = self.session_path(session_id)
        if not path.exists():
            missing = StoreError(
                f"Session {session_id} is listed, but its file {path} is missing. "
                "Put the file back (or restore it from a backup), or delete the session."
            )
            raise UnreadableSession(path, missing)
        return self._read_record(session_id)

    def _write_record(self, record: SessionRecord) -> None:
        with open_database(self.session_path(record.id)) as database:
            table = database.table("session")
            table.truncate()
            table.insert(Document(record.to_json(), doc_id=record.id))
