"""The list of sessions: one small summary each, cheap to keep current.

``index.json`` (table ``sessions``) holds a summary per session and is
rewritten only when sessions are added or removed. ``touched.json`` (table
``touched``) holds the newer summaries of sessions changed since then, so an
autosave writes this small overlay and never the index. The overlay is folded
into the index whenever that is rewritten, or once it holds ``FOLD_AFTER``
entries. Callers hold the folder lock, except around ``rows_unlocked``.

A crash between the two files is harmless: the index is written before the
overlay is emptied, and overlay rows of sessions the index does not list are
ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from tinydb import Storage
from tinydb.table import Document

from coach.records import SessionSummary, SummaryRow, check_summary_rows, summary_of
from coach.storage import AtomicJSONStorage, damaged, open_database

FOLD_AFTER = 50
"""Overlay rows that make the next autosave fold them into the index."""

UNLOCKED_READ_TRIES = 3
"""Reads of the index and overlay without the lock before taking it after all."""


class SessionIndex:
    """The index and its overlay; ``rebuild`` lists the sessions from their own
    files, for when the index is missing (never written yet, or moved aside)."""

    def __init__(self, data_dir: Path, rebuild: Callable[[], Iterable[SessionSummary]]) -> None:
        self.path = data_dir / "index.json"
        self.touched_path = data_dir / "touched.json"
        self._rebuild = rebuild

    def rows(self) -> dict[str, SummaryRow]:
        """Listed sessions by id, as stored: the index, with the overlay's newer rows."""
        return _with_newer(self._indexed(), self._touched())

    def rows_unlocked(self) -> dict[str, SummaryRow] | None:
        """``rows()``, read without the folder lock; None when the lock is needed.

        Every write replaces a file by an atomic rename, so each file is read
        whole, old or new. The two files agree when the overlay is the same
        before and after the index is read: the index is rewritten before the
        overlay is emptied, and re-applying overlay rows the index has taken
        in changes nothing. A missing index is rebuilt only under the lock.
        """
        for _ in range(UNLOCKED_READ_TRIES):
            newer = self._touched()
            indexed = self._stored_index()
            if indexed is None:
                return None
            if self._touched() == newer:
                return _with_newer(indexed, newer)
        return None

    def summaries(self) -> dict[str, SessionSummary]:
        """Listed sessions by id: the index, with the overlay's newer rows."""
        return {key: summary_of(row) for key, row in self.rows().items()}

    def touch(self, summary: SessionSummary) -> None:
        """Record a changed session's summary in the overlay, not the index."""
        with open_database(self.touched_path) as database:
            table = database.table("touched")
            table.upsert(Document(summary.to_json(), doc_id=summary.id))
            crowded = len(table) >= FOLD_AFTER
        if crowded:
            self.rewrite()

    def rewrite(self, change: Callable[[dict[str, SessionSummary]], None] | None = None) -> None:
        """Write the index with the overlay folded in, changed by ``change``; empty the overlay.

        ``change`` gets the listed sessions by id and may add or remove some;
        if it raises, nothing is written.
        """
        newer = self._touched()
        with open_database(self.path) as database:
            table = database.table("sessions")
            stored = _with_newer(self._indexed(database.storage), newer)
            rows = {key: summary_of(row) for key, row in stored.items()}
            if change is not None:
                change(rows)
            table.truncate()
            table.insert_multiple(Document(row.to_json(), doc_id=key) for key, row in rows.items())
        if newer:
            with open_database(self.touched_path) as database:
                database.table("touched").truncate()

    def _indexed(self, storage: Storage | None = None) -> dict[str, SummaryRow]:
        indexed = self._stored_index(storage)
        if indexed is None:
            return {row.id: row.to_json() for row in self._rebuild()}
        return indexed

    def _stored_index(self, storage: Storage | None = None) -> dict[str, SummaryRow] | None:
        if not self.path.is_file() or not self.path.stat().st_size:
            return None
        return _rows_in(self.path, "sessions", storage) or {}

    def _touched(self) -> dict[str, SummaryRow]:
        return _rows_in(self.touched_path, "touched") or {}


def _rows_in(
    path: Path, table: str, storage: Storage | None = None
) -> dict[str, SummaryRow] | None:
    """The checked rows of a table, as stored (lists read thousands: no copies).

    ``storage`` is the open database's, when the table is about to be rewritten.
    """
    data = (storage or AtomicJSONStorage(path)).read()
    if data is None:
        return None
    rows = data.get(table, {})
    try:
        check_summary_rows(rows.values())
    except ValueError as error:
        raise damaged(path, str(error)) from None
    return rows


def _with_newer(
    indexed: dict[str, SummaryRow], newer: dict[str, SummaryRow]
) -> dict[str, SummaryRow]:
    """The index with the overlay's rows of sessions it lists (others: ignored)."""
    indexed.update((key, row) for key, row in newer.items() if key in indexed)
    return indexed
