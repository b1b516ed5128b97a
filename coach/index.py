"""The list of sessions: one small summary each, cheap to keep current.

``index.json`` (table ``sessions``) holds a summary per session and is
rewritten only when sessions are added or removed. ``touched.json`` (table
``touched``) holds the newer summaries of sessions changed since then, so an
autosave writes this small overlay and never the index. The overlay is folded
into the index whenever that is rewritten, or once it holds ``FOLD_AFTER``
entries. Callers hold the folder lock.

A crash between the two files is harmless: the index is written before the
overlay is emptied, and overlay rows of sessions the index does not list are
ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from tinydb.table import Document, Table

from coach.records import SessionSummary
from coach.storage import damaged, open_database

FOLD_AFTER = 50
"""Overlay rows that make the next autosave fold them into the index."""


class SessionIndex:
    """The index and its overlay; ``rebuild`` lists the sessions from their own
    files, for when the index is missing (never written yet, or moved aside)."""

    def __init__(self, data_dir: Path, rebuild: Callable[[], Iterable[SessionSummary]]) -> None:
        self.path = data_dir / "index.json"
        self.touched_path = data_dir / "touched.json"
        self._rebuild = rebuild

    def summaries(self) -> dict[str, SessionSummary]:
        """Listed sessions by id: the index, with the overlay's newer rows."""
        with open_database(self.path) as database:
            rows = self._indexed(database.table("sessions"))
        rows.update((key, row) for key, row in self._touched().items() if key in rows)
        return rows

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
            rows = self._indexed(table)
            rows.update((key, row) for key, row in newer.items() if key in rows)
            if change is not None:
                change(rows)
            table.truncate()
            table.insert_multiple(Document(row.to_json(), doc_id=key) for key, row in rows.items())
        if newer:
            with open_database(self.touched_path) as database:
                database.table("touched").truncate()

    def _indexed(self, table: Table) -> dict[str, SessionSummary]:
        if not self.path.is_file() or not self.path.stat().st_size:
            return {row.id: row for row in self._rebuild()}
        return _summaries_in(self.path, table)

    def _touched(self) -> dict[str, SessionSummary]:
        with open_database(self.touched_path) as database:
            return _summaries_in(self.touched_path, database.table("touched"))


def _summaries_in(path: Path, table: Table) -> dict[str, SessionSummary]:
    # The stored documents as they are: lists read thousands, so no copies.
    documents = (table.storage.read() or {}).get(table.name, {})
    try:
        return {key: SessionSummary.from_json(doc) for key, doc in documents.items()}
    except ValueError as error:
        raise damaged(path, str(error)) from None
