"""Writing files safely: atomically, privately, and one process at a time.

Every file coach keeps or exports is written by :func:`write_atomically`
(a private temporary file, fsync, rename, fsync of the folder), so a crash at
any instant leaves the old bytes or the new. Folders coach makes are 0700.
:class:`FolderLock` keeps two processes from interleaving their changes to a
data folder. Nothing here knows what the files hold; a file written into an
encrypted data folder is encrypted first (``coach.vault``), unless it is an
export the person asked for.
"""

from __future__ import annotations

import errno
import os
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import StoreError
from coach.vault import seal_for

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT = 10.0
"""Seconds a change waits for another process's change to end."""

_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC


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


def write_atomically(path: Path, payload: bytes, *, export: bool = False) -> None:
    """Replace ``path`` with ``payload``: the old bytes or the new, never a mix.

    Inside an encrypted data folder the payload is encrypted before any byte of
    it reaches the disk (the temporary file too), except for an ``export``.

    The file is private (0600): exports hold every answer too. The temporary
    name is fixed, so a file left by a killed process is simply overwritten by
    the next write; in the data folder, callers hold the folder lock.
    """
    if not export:
        payload = seal_for(path, payload)
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
