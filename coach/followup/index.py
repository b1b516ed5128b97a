"""The follow-up index beside the store: one entry per finished session, and a glance.

Home, Progress, ``coach actions`` and ``coach due`` read these and never every
session file. They are a cache of the session records, which stay the truth:

- ``followup.json`` holds the facts of every finished session (``coach.followup.facts``);
- ``followup-glance.json`` holds what Home and Progress show first (see
  ``coach.followup.glance``): small, whatever the history, and the state of the store's
  list (``index.json`` and its overlay) that both files were brought up to.

Any change to a session changes that list. ``refresh`` then re-reads only the
sessions whose ``updated_at`` moved and drops those gone or no longer
completed; when nothing changed, two ``stat`` calls tell. When the index is
missing (new data, an import, data from before it existed) it is built from
every session once (``rebuild``). Both files are TinyDB files (atomic, private,
versioned: ``coach.store.storage``), changed only under the data folder's lock.
Ticking an action (``coach.followup.followthrough.tick_action``) writes the session
record, then the index.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from coach.errors import StoreError, UnknownSession
from coach.files import FolderLock, make_private_folder
from coach.followup.facts import COMPLETED_AT, FactsReader, SessionFacts, record_actions
from coach.followup.glance import Glance, Signature, completed_digest, make_glance
from coach.store.records import SessionRecord
from coach.store.storage import UnreadableSession, damaged, open_database
from coach.vault import vault_for

if TYPE_CHECKING:
    from coach.session.snapshot import ScriptLookup
    from coach.store.sessions import Store

FILE_NAME = "followup.json"
GLANCE_NAME = "followup-glance.json"
ENTRIES = "sessions"
GLANCE = "glance"

FEW_STALE = 30
"""Up to this many changed sessions are read one by one; more, in one pass over all."""


class FollowUp:
    """``followup.json`` (every entry) and ``followup-glance.json`` (see ``coach.followup.glance``).

    The glance also records the state of the store both were brought up to, and
    a digest of the finished sessions' ids and update times: knowing that both
    are current costs two ``stat`` calls and one small read, and after a change
    that follow-up does not show (a draft's autosave), one look at the list.
    """

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = Path(data_dir)
        self.path = self.data_dir / FILE_NAME
        self.glance_path = self.data_dir / GLANCE_NAME
        self._lock = FolderLock(self.data_dir)
        vault_for(self.data_dir)  # its files are written encrypted when the folder is

    # -- reading -------------------------------------------------------------

    def all(self) -> list[SessionFacts]:
        """Every entry as stored (call ``refresh`` to be sure it is current)."""
        return list(self._read_entries().values())

    def glance(self, store: Store, lookup: ScriptLookup | None = None) -> Glance:
        """The current glance; reads only that small file when the store has not changed."""
        if not self.data_dir.is_dir():
            return Glance()
        found = self._read_glance()
        if found is not None and found.seen == store_signature(store) and self.path.is_file():
            return found  # the usual case: two stat calls and one small read
        entries = self._sync(store, lookup)
        found = self._read_glance()
        if entries is None:
            if found is not None:
                return found
            entries = self._read_entries()
        digest = completed_digest((key, f.updated_at) for key, f in entries.items())
        if found is not None and found.digest == digest:
            return found  # as just saved
        return make_glance(entries.values(), None)  # e.g. where the folder cannot be written

    def refresh(
        self,
        store: Store,
        lookup: ScriptLookup | None = None,
        unreadable: list[UnreadableSession] | None = None,
    ) -> list[SessionFacts]:
        """Bring both files up to date with the store (cheaply); return every entry.

        A finished session whose file cannot be read has no entry; given a list
        ``unreadable``, its error is added there (on every refresh, until it is
        readable again or gone).
        """
        if not self.data_dir.is_dir():
            return []  # nothing stored yet: create nothing
        entries = self._sync(store, lookup, unreadable)
        return list((self._read_entries() if entries is None else entries).values())

    def _sync(
        self,
        store: Store,
        lookup: ScriptLookup | None,
        unreadable: list[UnreadableSession] | None = None,
    ) -> dict[str, SessionFacts] | None:
        """Bring both files up to date: None when they were, else the current entries.

        While a finished session cannot be read, the glance is not marked as
        current, so that the next sync tries (and reports) it again.
        """
        skipped: list[UnreadableSession] = [] if unreadable is None else unreadable
        if not self.path.is_file():
            return {f.session_id: f for f in self.rebuild(store, lookup, skipped)}
        now = store_signature(store)
        glance = self._read_glance()
        if glance is not None and glance.seen == now:
            return None
        completed = {r.id: r.updated_at for r in store.list_sessions() if r.status == "completed"}
        if glance is not None and glance.digest == completed_digest(completed.items()):
            self._quietly(lambda: self._mark_seen(now))  # e.g. an autosave of a draft
            return None
        entries = self._read_entries()
        stale = [
            key
            for key, when in completed.items()
            if key not in entries or entries[key].updated_at != when
        ]
        gone = [key for key in entries if key not in completed]
        before = len(skipped)
        fresh = _derive(store, stale, lookup, entries, skipped)
        failed = len(skipped) > before
        if fresh or gone or not failed:
            self._save_quietly(lambda table: _apply(table, fresh, gone), None if failed else now)
        for key in gone:
            del entries[key]
        entries.update(fresh)
        return entries

    def rebuild(
        self,
        store: Store,
        lookup: ScriptLookup | None = None,
        unreadable: list[UnreadableSession] | None = None,
    ) -> list[SessionFacts]:
        """Build both files from every completed session, reading each once.

        A finished session that cannot be read has no entry (its error is added
        to ``unreadable`` when given); one not finished is no concern of follow-up.
        """
        now = store_signature(store)
        scripts = FactsReader(lookup)
        failed: list[UnreadableSession] = []
        facts = [
            scripts.facts(record)
            for record in store.all_records(failed)
            if record.status == "completed"
        ]
        if failed:
            finished = {row.id for row in store.list_sessions() if row.status == "completed"}
            failed = [error for error in failed if error.path.stem in finished]
            if unreadable is not None:
                unreadable.extend(failed)

        def replace_all(table: dict[str, Any]) -> None:
            table.clear()
            table.update((f.session_id, f.to_json()) for f in facts)

        self._save_quietly(replace_all, None if failed else now)
        return facts

    # -- changing ------------------------------------------------------------

    def record(self, facts: SessionFacts) -> None:
        """Add or replace the entry of one session."""
        self._save(lambda table: table.__setitem__(facts.session_id, facts.to_json()))

    def forget(self, session_id: str) -> None:
        self._save(lambda table: table.pop(session_id, None))

    def update_actions(self, record: SessionRecord) -> None:
        """Take a session's newer action items (after a tick); its other facts stay."""
        actions = [action.to_json() for action in record_actions(record)]

        def change(table: dict[str, Any]) -> None:
            entry = table.get(record.id)
            if entry is not None:  # else the next refresh adds the session whole
                completed = record.extra.get(COMPLETED_AT) or entry.get("completed_at")
                table[record.id] = {
                    **entry,
                    "actions": actions,
                    "updated_at": record.updated_at,
                    "completed_at": completed,
                }

        self._save(change)

    # -- the files -----------------------------------------------------------

    # Reading takes no lock: every write replaces a file whole (``write_atomically``), so
    # a reader sees the old file or the new one, and a stale glance is caught by ``seen``.

    def _read_entries(self) -> dict[str, SessionFacts]:
        with open_database(self.path) as database:
            data = database.storage.read() or {}  # type: ignore[attr-defined]
        return _entries_in(self.path, data.get(ENTRIES, {}))

    def _read_glance(self) -> Glance | None:
        with open_database(self.glance_path) as database:
            data = database.storage.read() or {}  # type: ignore[attr-defined]
        document = data.get(GLANCE, {}).get("1")
        if document is None:
            return None
        try:
            return Glance.from_json(document)
        except (KeyError, TypeError, ValueError, StopIteration) as error:
            raise damaged(self.glance_path, f"it is malformed ({error!r})") from None

    def _save(self, change: Callable[[dict[str, Any]], Any], seen: Signature | None = None) -> None:
        """Change the entries (JSON by session id), then write the glance that follows.

        ``seen`` is the store's state the change brings them up to; without it,
        the glance keeps the state it had.
        """
        make_private_folder(self.data_dir)
        with self._lock.held(writing=True):
            with open_database(self.path) as database:
                data = dict(database.storage.read() or {})  # type: ignore[attr-defined]
                table = dict(data.get(ENTRIES, {}))
                change(table)
                data[ENTRIES] = table
                database.storage.write(data)  # type: ignore[attr-defined]
            if seen is None:
                before = self._read_glance()
                seen = before.seen if before is not None else None
            self._write_glance(make_glance(_entries_in(self.path, table).values(), seen))

    def _write_glance(self, glance: Glance) -> None:
        """Callers hold the lock for writing."""
        with open_database(self.glance_path) as database:
            database.storage.write({GLANCE: {"1": glance.to_json()}})  # type: ignore[attr-defined]

    def _save_quietly(self, change: Callable[[dict[str, Any]], Any], seen: Signature) -> None:
        self._quietly(lambda: self._save(change, seen))

    def _quietly(self, write: Callable[[], None]) -> None:
        """Save what a refresh found; where the folder cannot be written, that only
        costs the next run another refresh."""
        try:
            write()
        except StoreError:
            if os.access(self.data_dir, os.W_OK):
                raise  # a full disk or the like: say so

    def _mark_seen(self, seen: Signature) -> None:
        """Nothing follow-up shows has changed: only remember the store's new state."""
        with self._lock.held(writing=True):
            glance = self._read_glance()
            if glance is not None:
                self._write_glance(replace(glance, seen=seen))


def store_signature(store: Store) -> Signature:
    """What the store's list files look like now: any change to a session changes it."""
    found: Signature = []
    for path in (store.index.path, store.index.touched_path):
        try:
            status = path.stat()
        except OSError:
            found.append(None)
        else:
            found.append([status.st_ino, status.st_mtime_ns, status.st_size])
    return found


def load_facts(
    store: Store,
    lookup: ScriptLookup | None = None,
    unreadable: list[UnreadableSession] | None = None,
) -> list[SessionFacts]:
    """The current facts of every finished session: what the commands read (a finished
    session that cannot be read is left out, and added to ``unreadable`` when given)."""
    return FollowUp(store.data_dir).refresh(store, lookup, unreadable)


def load_glance(store: Store, lookup: ScriptLookup | None = None) -> Glance:
    """What Home and Progress show first, at a cost that does not grow with history."""
    return FollowUp(store.data_dir).glance(store, lookup)


def _entries_in(path: Path, documents: dict[str, Any]) -> dict[str, SessionFacts]:
    try:
        return {key: SessionFacts.from_json(doc) for key, doc in documents.items()}
    except (KeyError, TypeError, ValueError) as error:
        raise damaged(path, f"an entry is malformed ({error})") from None


def _apply(table: dict[str, Any], fresh: dict[str, SessionFacts], gone: Iterable[str]) -> None:
    for key in gone:
        table.pop(key, None)
    table.update((key, facts.to_json()) for key, facts in fresh.items())


def _derive(
    store: Store,
    keys: list[str],
    lookup: ScriptLookup | None,
    known: dict[str, SessionFacts],
    unreadable: list[UnreadableSession],
) -> dict[str, SessionFacts]:
    """Facts of the sessions ``keys``, keeping when each was first seen completed; the
    errors of those that cannot be read are added to ``unreadable``."""
    if not keys:
        return {}
    wanted = set(keys)
    if len(keys) <= FEW_STALE:
        records: Iterable[SessionRecord] = _each(store, keys, unreadable)
    else:
        records = _wanted(store, wanted, unreadable)
    fresh: dict[str, SessionFacts] = {}
    scripts = FactsReader(lookup)
    for record in records:
        facts = scripts.facts(record)
        before = known.get(record.id)
        if before is not None and COMPLETED_AT not in record.extra:
            facts = replace(facts, completed_at=before.completed_at)
        fresh[record.id] = facts
    return fresh


def _each(
    store: Store, keys: list[str], unreadable: list[UnreadableSession]
) -> Iterator[SessionRecord]:
    """The sessions ``keys``, but those deleted meanwhile by another process and those
    whose file cannot be read (added to ``unreadable``)."""
    for key in keys:
        try:
            yield store.get(key)
        except UnknownSession:
            continue  # deleted meanwhile
        except UnreadableSession as error:
            unreadable.append(error)


def _wanted(
    store: Store, wanted: set[str], unreadable: list[UnreadableSession]
) -> Iterator[SessionRecord]:
    """The sessions ``wanted``, in one pass over all (see ``_each``)."""
    failed: list[UnreadableSession] = []
    yield from (record for record in store.all_records(failed) if record.id in wanted)
    unreadable.extend(error for error in failed if error.path.stem in wanted)
