"""Files that are never torn, never overwritten when damaged, never read by others.

``AtomicJSONStorage`` is a TinyDB ``Storage``: it writes a private temporary
file beside the real one, flushes, fsyncs, renames it over the old file and
fsyncs the folder, so a crash at any instant leaves the old state or the new
one. It refuses to read (and so to rewrite) a file that is damaged or was
written by a newer format. In an encrypted data folder both go through
``coach.vault``: no plain byte of a file reaches the disk. ``open_database``
gives one TinyDB per operation; ``coach.files`` holds the atomic write and the
folder lock it uses.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from tinydb import Storage, TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.table import Table

from coach.errors import CoachError, StoreError
from coach.files import write_atomically
from coach.vault import read_kept

FORMAT_VERSION = 1
"""The version of the data files this code writes; a newer one is refused."""

META_TABLE = "meta"
"""Seconds to wait for another coach process to finish its operation."""


class DamagedFile(StoreError):
    """A data file we must not touch: which file, what is wrong with it, how to go on."""

    def __init__(self, path: Path, what: str) -> None:
        self.path = path
        self.what = what
        super().__init__(
            f"{path} is damaged: {what}. It was not changed. "
            "Move it aside (or restore it from a backup) and start coach again."
        )


def damaged(path: Path, what: str) -> DamagedFile:
    """The error for a data file we must not touch, saying how to go on."""
    return DamagedFile(path, what)


SESSION_ADVICE = (
    "Your other sessions are not affected. To use this one again, put back a good copy "
    "of the file (from a backup); or move the file aside, then delete the session in History."
)


class UnreadableSession(CoachError):
    """One session's file cannot be used: damaged, missing, or from a newer coach.

    Not a ``StoreError``: the rest of the data folder is fine, so the app and
    every other session go on; this session alone says which file and how to
    go on, whenever something needs it. The file is left as it is.
    """

    def __init__(self, path: Path, problem: StoreError) -> None:
        self.path = path
        self.problem = problem
        """The same problem, worded for the data folder as a whole."""
        if isinstance(problem, DamagedFile):
            message = f"{path} is damaged: {problem.what}. It was not changed. {SESSION_ADVICE}"
        else:
            message = str(problem)
        super().__init__(message)


class AtomicJSONStorage(Storage):
    """A TinyDB storage whose file is private, atomic and versioned.

    ``read`` returns None for a missing or empty file and raises StoreError
    for one that is not a JSON object of tables or that carries a newer
    format; ``write`` never replaces a file that ``read`` has not accepted.
    """

    def __init__(self, path: str | os.PathLike[str]) -> None:
        super().__init__()
        self.path = Path(path)
        self._accepted = False

    def read(self) -> dict[str, dict[str, Any]] | None:
        try:
            raw = read_kept(self.path)
        except FileNotFoundError:
            self._accepted = True
            return None
        except OSError as error:
            raise StoreError(
                f"Could not read {self.path}: {error.strerror}. "
                "Check that you may read it and try again."
            ) from error
        if not raw:
            self._accepted = True
            return None
        data = self._parse(raw)
        self._accepted = True
        return data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        if not self._accepted:
            self.read()
        write_atomically(self.path, encode_tables(data))

    def _parse(self, raw: bytes) -> dict[str, dict[str, Any]]:
        try:
            text = raw.decode("utf-8-sig")
            data = json.loads(text, parse_constant=_no_constant)
        except _NotANumber as error:
            raise damaged(self.path, f"it holds {error}, which JSON does not allow") from None
        except UnicodeDecodeError as error:
            raise damaged(self.path, f"it is not UTF-8 text (byte {error.start})") from None
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}: {error.msg}"
            raise damaged(self.path, f"it is not valid JSON ({where})") from None
        if not _is_tables(data):
            raise damaged(self.path, "it is not a JSON object of tables")
        if _SURROGATE_ESCAPE.search(text) and not _encodable(data):
            raise damaged(self.path, "it holds text that is not valid Unicode (a lone surrogate)")
        found = _format_of(data.get(META_TABLE))
        if found is None:
            raise damaged(self.path, "its format version is not a whole number")
        if found > FORMAT_VERSION:
            raise StoreError(
                f"{self.path} was written by a newer Comeback Coach (format {found}); "
                f"this one reads format {FORMAT_VERSION}. It was not changed. "
                "Update coach, or move the file aside and start coach again."
            )
        return data


def encode_tables(data: dict[str, dict[str, Any]]) -> bytes:
    """The bytes of a data file holding ``data``'s tables, under the format version."""
    tables = {META_TABLE: {"1": {"format": FORMAT_VERSION}}}
    tables.update((name, table) for name, table in data.items() if name != META_TABLE)
    text = json.dumps(tables, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
    return text.encode("utf-8")


class _NotANumber(ValueError):
    """NaN or Infinity in a data file: ``encode_tables`` could never write it back."""


def _no_constant(name: str) -> Any:
    raise _NotANumber(name)


_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
"""Where a lone surrogate could come from (we write text unescaped, so this is rare)."""


def _encodable(data: object) -> bool:
    """Whether every text in ``data`` is valid Unicode (a pair of escapes is one character)."""
    try:
        json.dumps(data, ensure_ascii=False).encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _is_tables(data: object) -> bool:
    """True for ``{table: {doc_id: {...}}}``, the shape TinyDB reads."""
    if not isinstance(data, dict):
        return False
    for table in data.values():
        if not isinstance(table, dict):
            return False
        if not all(isinstance(doc, dict) for doc in table.values()):
            return False
    return True


def _format_of(meta: dict[str, Any] | None) -> int | None:
    """The format a file declares; a file without ``meta`` is format 1."""
    if not meta:
        return 1
    found = next(iter(meta.values())).get("format", 1)
    if isinstance(found, bool) or not isinstance(found, int):
        return None
    return found


class _KeyedTable(Table):
    """A table whose documents are keyed by our own string ids (session ids)."""

    document_id_class = str  # type: ignore[assignment]


class _KeyedTinyDB(TinyDB):
    table_class = _KeyedTable


@contextmanager
def open_database(path: Path) -> Iterator[TinyDB]:
    """One TinyDB for one operation: read once, written once if changed.

    Changes are kept in memory and written (atomically) only when the block
    ends without an exception, so a failed operation writes nothing.
    """
    database = _KeyedTinyDB(path, storage=CachingMiddleware(AtomicJSONStorage))
    yield database
    database.storage.flush()  # type: ignore[attr-defined]
