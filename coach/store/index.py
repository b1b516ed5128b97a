"""The list of sessions: one small summary each, cheap to keep current and to read.

``index.json`` holds every summary a column per field: table ``sessions``,
one document ``columns``, ``{"id": [...], "script_id": [...], ...}``, row
``n`` of each column being one session, newest first. Six arrays of strings
parse in a quarter of the time that one JSON object per session takes, and a
list of thousands needs no object per session (``SummaryColumns``) and, in
the usual case, no reordering. The index is rewritten only when sessions are
added or removed. ``touched.json`` (table
``touched``, a summary object per session) holds the newer summaries of
sessions changed since then, so an autosave writes this small overlay and
never the index. The overlay is folded into the index whenever that is
rewritten, or once it holds ``FOLD_AFTER`` entries. Callers hold the folder
lock, except around ``listing_unlocked``.

A crash between the two files is harmless: the index is written before the
overlay is emptied, and overlay rows of sessions the index does not list are
ignored.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Any

from tinydb.table import Document

from coach.store.records import (
    SUMMARY_FIELDS,
    SessionSummary,
    SummaryRow,
    check_summary_rows,
    json_type,
    shown,
    sortable_moment,
    valid_session_id,
)
from coach.store.storage import AtomicJSONStorage, damaged, open_database

FOLD_AFTER = 50
"""Overlay rows that make the next autosave fold them into the index."""

UNLOCKED_READ_TRIES = 3
"""Reads of the index and overlay without the lock before taking it after all."""

TABLE = "sessions"
DOCUMENT = "columns"


@dataclass
class SummaryColumns:
    """Session summaries a column per field (``SUMMARY_FIELDS``, in that order), row
    ``n`` of each being one session.

    This is how the index stores them and how lists of thousands use them:
    a whole column is checked, sorted or formatted in one go.
    """

    id: list[str]
    script_id: list[str]
    title: list[str]
    status: list[str]
    started_at: list[str]
    updated_at: list[str]

    def __len__(self) -> int:
        return len(self.id)

    def columns(self) -> tuple[list[str], ...]:
        return (self.id, self.script_id, self.title, self.status, self.started_at, self.updated_at)

    @classmethod
    def of(cls, summaries: Iterable[SessionSummary]) -> SummaryColumns:
        rows = list(summaries)
        return cls(*([getattr(row, name) for row in rows] for name in SUMMARY_FIELDS))

    def summaries(self) -> list[SessionSummary]:
        return list(map(SessionSummary, *self.columns()))

    def to_json(self) -> dict[str, list[str]]:
        return dict(zip(SUMMARY_FIELDS, self.columns(), strict=True))

    def rows(self) -> list[dict[str, str]]:
        """One ``SessionSummary.to_json()`` per session."""
        rows = zip(*self.columns(), strict=True)
        return [dict(zip(SUMMARY_FIELDS, row, strict=True)) for row in rows]

    @classmethod
    def from_json(cls, data: Any) -> SummaryColumns:
        """The columns of the index's document; ValueError, with a plain reason, if damaged."""
        if not isinstance(data, dict):
            raise ValueError(f"its list of sessions should be an object, not {json_type(data)}")
        columns = cls(*(_column(data, name) for name in SUMMARY_FIELDS))
        lengths = {len(column) for column in columns.columns()}
        if len(lengths) > 1:
            counted = ", ".join(
                f"{name} {len(column)}"
                for name, column in zip(SUMMARY_FIELDS, columns.columns(), strict=True)
            )
            raise ValueError(f"its columns differ in length ({counted})")
        if not _all_ids(columns.id):
            bad = next(key for key in columns.id if not valid_session_id(key))
            raise ValueError(f"it lists '{shown(bad)}', which cannot be a session id")
        if len(set(columns.id)) != len(columns):
            seen: set[str] = set()
            twice = next(key for key in columns.id if key in seen or seen.add(key))
            raise ValueError(f"it lists the session '{shown(twice)}' twice")
        return columns

    def take_newer(self, newer: dict[str, SummaryRow]) -> None:
        """Put in the overlay's rows of sessions listed here (others: ignored)."""
        if not newer:
            return
        where = {key: n for n, key in enumerate(self.id)}
        for key, row in newer.items():
            n = where.get(key)
            if n is not None:
                for name, column in zip(SUMMARY_FIELDS, self.columns(), strict=True):
                    column[n] = row[name]

    def newest_first(self, limit: int | None = None) -> SummaryColumns:
        """The order of every list: the most recently updated session first."""
        moments = self.updated_at
        if not _all_as_stored(moments):
            moments = list(map(sortable_moment, moments))
        order = sorted(range(len(moments)), key=moments.__getitem__, reverse=True)[:limit]
        if order == list(range(len(order))):  # as the index is written: no copies needed
            return SummaryColumns(*(column[:limit] for column in self.columns()))
        return SummaryColumns(*(list(map(column.__getitem__, order)) for column in self.columns()))


def _column(data: dict[str, Any], name: str) -> list[str]:
    if name not in data:
        raise ValueError(f"the column '{name}' is missing")
    column = data[name]
    if type(column) is not list:
        raise ValueError(f"the column '{name}' should be an array, not {json_type(column)}")
    try:
        "".join(column)  # one pass in C (lists hold thousands); JSON gives no str subclasses
    except TypeError:
        number, value = next((n, v) for n, v in enumerate(column, 1) if type(v) is not str)
        raise ValueError(
            f"value {number} of the column '{name}' should be a string, not {json_type(value)}"
        ) from None
    return column


_ID_BYTES = b"0123456789abcdefghijklmnopqrstuvwxyz_-\n"


def _all_ids(ids: list[str]) -> bool:
    """Whether every id is made of what ``valid_session_id`` allows (so none can name a
    path outside the folder), for thousands of ids in a few passes in C; their length
    is checked where a path is made (``Store.session_path``)."""
    if not ids:
        return True
    joined = "\n" + "\n".join(ids)
    return (
        all(ids)
        and joined.count("\n") == len(ids)
        and joined.isascii()
        and not joined.encode("ascii").translate(None, _ID_BYTES)
        and "\n_" not in joined
        and "\n-" not in joined
    )


def _all_as_stored(stamps: list[str]) -> bool:
    """Whether every time is in the store's own form, which sorts as it is."""
    return {25}.issuperset(map(len, stamps)) and all(map(str.endswith, stamps, repeat("+00:00")))


class SessionIndex:
    """The index and its overlay; ``rebuild`` lists the sessions from their own
    files, for when the index is missing (never written yet, or moved aside)."""

    def __init__(self, data_dir: Path, rebuild: Callable[[], Iterable[SessionSummary]]) -> None:
        self.path = data_dir / "index.json"
        self.touched_path = data_dir / "touched.json"
        self._rebuild = rebuild

    def listing(self) -> SummaryColumns:
        """The listed sessions, in index order: the index, with the overlay's newer rows."""
        listed = self._stored_index()
        if listed is None:
            listed = self._rebuilt()
        listed.take_newer(self._touched())
        return listed

    def listing_unlocked(self) -> SummaryColumns | None:
        """``listing()``, read without the folder lock; None when the lock is needed.

        Every write replaces a file by an atomic rename, so each file is read
        whole, old or new. The two files agree when the overlay is the same
        before and after the index is read: the index is rewritten before the
        overlay is emptied, and re-applying overlay rows the index has taken
        in changes nothing. A missing index is rebuilt only under the lock.
        """
        for _ in range(UNLOCKED_READ_TRIES):
            newer = self._touched()
            listed = self._stored_index()
            if listed is None:
                return None
            if self._touched() == newer:
                listed.take_newer(newer)
                return listed
        return None

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
        if it raises, nothing is written. Other tables in the file are kept.
        """
        newer = self._touched()
        storage = AtomicJSONStorage(self.path)
        tables = storage.read()
        listed = self._rebuilt() if tables is None else self._columns_in(tables)
        listed.take_newer(newer)
        summaries = listed.summaries()
        if change is not None:
            rows = dict(zip(listed.id, summaries, strict=True))
            change(rows)
            summaries = list(rows.values())
        storage.write({**(tables or {}), **index_tables(summaries)})
        if newer:
            with open_database(self.touched_path) as database:
                database.table("touched").truncate()

    def _rebuilt(self) -> SummaryColumns:
        return SummaryColumns.of(self._rebuild())

    def _stored_index(self) -> SummaryColumns | None:
        """The index as stored; None when it is missing or empty (to be rebuilt)."""
        tables = AtomicJSONStorage(self.path).read()
        return None if tables is None else self._columns_in(tables)

    def _columns_in(self, tables: dict[str, dict[str, Any]]) -> SummaryColumns:
        table = tables.get(TABLE, {})
        if not table:
            return SummaryColumns([], [], [], [], [], [])
        if set(table) != {DOCUMENT}:
            raise damaged(self.path, f"its table '{TABLE}' should hold one document, '{DOCUMENT}'")
        try:
            return SummaryColumns.from_json(table[DOCUMENT])
        except ValueError as error:
            raise damaged(self.path, str(error)) from None

    def _touched(self) -> dict[str, SummaryRow]:
        """The overlay's checked rows, as stored."""
        data = AtomicJSONStorage(self.touched_path).read()
        rows = {} if data is None else data.get("touched", {})
        try:
            check_summary_rows(rows.values())
        except ValueError as error:
            raise damaged(self.touched_path, str(error)) from None
        return rows


def index_tables(summaries: Iterable[SessionSummary]) -> dict[str, dict[str, Any]]:
    """The tables of an index listing ``summaries`` (for ``encode_tables``), newest
    first: the order of every list, so that reading the list needs no reordering."""
    newest_first = SummaryColumns.of(summaries).newest_first()
    return {TABLE: {DOCUMENT: newest_first.to_json()}}
