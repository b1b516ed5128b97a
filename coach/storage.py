"""Files that are never torn, never overwritten when damaged, never read by others.

``AtomicJSONStorage`` is a TinyDB ``Storage``: it writes a private temporary
file beside the real one, flushes, fsyncs, renames it over the old file and
fsyncs the folder, so a crash at any instant leaves the old state or the new
one. It refuses to read (and so to rewrite) a file that is damaged or was
written by a newer format. ``open_database`` gives one TinyDB per operation;
``FolderLock`` keeps two processes from interleaving their operations.
"""

from __future__ import annotations

import errno
import json
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING, Any

from tinydb import Storage, TinyDB
from tinydb.middlewares import CachingMiddleware
from tinydb.table import Table

from coach.errors import StoreError

if TYPE_CHECKING:
    from filelock import FileLock

FORMAT_VERSION = 1
"""The version of the data files this code writes; a newer one is refused."""

META_TABLE = "meta"
LOCK_TIMEOUT = 10.0
"""Seconds to wait for another coach process to finish its operation."""

_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC


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


def could_not_save(path: Path, error: OSError) -> StoreError:
    """The error for a write the system refused; the old file is still there."""
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "free some space and try again"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        advice = f"make {path.parent} writable and try again"
    else:
        advice = "try again"
    return StoreError(
        f"Could not save to {path}: {reason}. The last saved state is kept; {advice}."
    )


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
            raw = self.path.read_bytes()
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
            data = json.loads(raw.decode("utf-8-sig"))
        except UnicodeDecodeError as error:
            raise damaged(self.path, f"it is not UTF-8 text (byte {error.start})") from None
        except json.JSONDecodeError as error:
            where = f"line {error.lineno}, column {error.colno}: {error.msg}"
            raise damaged(self.path, f"it is not valid JSON ({where})") from None
        if not _is_tables(data):
            raise damaged(self.path, "it is not a JSON object of tables")
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


def write_atomically(path: Path, payload: bytes) -> None:
    """Replace ``path`` with ``payload``: the old bytes or the new, never a mix.

    The file is private (0600): exports hold every answer too. The temporary
    name is fixed, so a file left by a killed process is simply overwritten by
    the next write; in the data folder, callers hold the folder lock.
    """
    temporary = path.with_name(f".{path.name}.tmp")
    try:
        descriptor = os.open(temporary, _WRITE_FLAGS, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            os.fchmod(handle.fileno(), 0o600)
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, path)
        fsync_folder(path.parent)
    except OSError as error:
        with suppress(OSError):
            os.unlink(temporary)
        raise could_not_save(path, error) from error


def fsync_folder(folder: Path) -> None:
    """Make a rename or unlink in ``folder`` durable (where the system can)."""
    descriptor = os.open(folder, os.O_RDONLY | os.O_DIRECTORY | os.O_CLOEXEC)
    try:
        os.fsync(descriptor)
    except OSError as error:
        if error.errno != errno.EINVAL:
            raise
    finally:
        os.close(descriptor)


def make_private_folder(folder: Path) -> None:
    """Create ``folder`` (and missing parents) with the new folder itself 0700."""
    if folder.is_dir():
        return
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        folder.chmod(0o700)
        fsync_folder(folder.parent)
    except OSError as error:
        raise could_not_save(folder, error) from error


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


class FolderLock:
    """The lock that every change to a data folder holds while it works.

    A folder the user cannot write to is still read without the lock (nobody
    can be writing it); writing there is refused with a plain message.
    """

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.path = folder / ".lock"
        self._lock: FileLock | None = None

    @contextmanager
    def held(self, *, writing: bool) -> Iterator[None]:
        if not self._can_lock(writing):
            yield
            return
        from filelock import Timeout  # imported here: listing sessions never needs it

        if self._lock is None:
            from filelock import FileLock

            self._lock = FileLock(self.path, mode=0o600)
        try:
            self._lock.acquire(timeout=LOCK_TIMEOUT)
        except Timeout:
            raise StoreError(
                f"Another coach is busy with {self.folder}; try again in a moment."
            ) from None
        try:
            yield
        finally:
            self._lock.release()

    def _can_lock(self, writing: bool) -> bool:
        if not writing and not self.folder.is_dir():
            return False
        try:
            os.close(os.open(self.path, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600))
        except OSError as error:
            if writing:
                raise could_not_save(self.path, error) from error
            return False
        return True
