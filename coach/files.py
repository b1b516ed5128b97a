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
import stat
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TYPE_CHECKING

from coach.errors import CouldNotSave, StoreError
from coach.vault import seal_for

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT = 10.0
"""Seconds a change waits for another process's change to end."""

STOP_GRACE = 1.0
"""Seconds a process that was asked to stop still waits for the lock, to save what it has."""

_POLL = 0.05
_stop_deadline: float | None = None

_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_TRUNC | os.O_NOFOLLOW | os.O_CLOEXEC


def could_not_save(path: Path, error: OSError) -> CouldNotSave:
    """The error for a write the system refused; the old file is still there."""
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        advice = "free some space and try again"
    elif error.errno in (errno.EROFS, errno.EACCES, errno.EPERM):
        advice = f"make {path.parent} writable and try again"
    else:
        advice = "try again"
    return CouldNotSave(
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


def write_new_private_file(path: Path, payload: bytes) -> None:
    """Create ``path`` (0600; it must not exist) holding ``payload``, flushed to disk.

    For files that nobody reads until they are renamed into place (a staged
    import): no temporary name is needed. The caller fsyncs the folder once,
    after the last of them. Inside an encrypted data folder the payload is encrypted.
    """
    payload = seal_for(path, payload)
    try:
        flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
        descriptor = os.open(path, flags, 0o600)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
    except OSError as error:
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
    """Create ``folder`` and its missing parents, each of them 0700 whatever the umask."""
    if folder.is_dir():
        return
    missing = []
    level = folder
    while not os.path.lexists(level) and level != level.parent:
        missing.append(level)
        level = level.parent
    try:
        for made in reversed(missing):
            made.mkdir(mode=0o700, exist_ok=True)
            made.chmod(0o700)
        fsync_folder(level)
    except OSError as error:
        raise could_not_save(folder, error) from error


def open_to_others(folder: Path) -> int | None:
    """The permission bits of ``folder`` when users other than its owner have any; else None."""
    try:
        mode = stat.S_IMODE(os.stat(folder).st_mode)
    except OSError:
        return None
    return mode if mode & 0o077 else None


def write_export(path: Path, payload: bytes) -> None:
    """Write an export where the person asked, never replacing what is not a file.

    A new name or a regular file (also behind a symbolic link, which is kept) is
    written atomically; a pipe or a character device (a FIFO, a terminal,
    ``/dev/null``) is written into; anything else (a folder, a socket, a disk)
    is refused with a message.
    """
    try:
        found = os.stat(path)
    except FileNotFoundError:
        found = None
    except OSError as error:
        raise StoreError(f"Could not write to {path}: {error.strerror}.") from None
    if found is None or stat.S_ISREG(found.st_mode):
        write_atomically(Path(os.path.realpath(path)), payload, export=True)
        return
    if not (stat.S_ISFIFO(found.st_mode) or stat.S_ISCHR(found.st_mode)):
        kind = "a folder" if stat.S_ISDIR(found.st_mode) else "not a file"
        raise StoreError(f"{path} is {kind}: name a file to write to. Nothing was written.")
    try:
        descriptor = os.open(path, os.O_WRONLY | os.O_NOCTTY | os.O_CLOEXEC)
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(payload)
    except OSError as error:
        raise StoreError(f"Could not write to {path}: {error.strerror}.") from None


def stop_waiting(grace: float = STOP_GRACE) -> None:
    """The process is ending (a hang-up, a stop request): from now on, wait for the
    folder lock at most ``grace`` seconds more, then give up with a message.

    Called from signal handlers; a wait under way in any thread notices it
    within a twentieth of a second.
    """
    global _stop_deadline
    deadline = time.monotonic() + grace
    if _stop_deadline is None or deadline < _stop_deadline:
        _stop_deadline = deadline


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
        deadline = time.monotonic() + LOCK_TIMEOUT
        while True:
            try:
                self._lock.acquire(timeout=_POLL)
                break
            except Timeout:
                now = time.monotonic()
                if _stop_deadline is not None and now >= _stop_deadline:
                    raise StoreError(
                        f"Stopped waiting for another coach to finish with {self.folder}."
                    ) from None
                if now >= deadline:
                    raise StoreError(
                        f"Another coach is busy with {self.folder}; try again in a moment."
                    ) from None
            except OSError as error:
                raise could_not_save(self.path, error) from error
        try:
            yield
        finally:
            self._lock.release()

    def _can_lock(self, writing: bool) -> bool:
        if not writing and not self.folder.is_dir():
            return False
        if self.path.is_symlink():
            raise StoreError(
                f"{self.path} is a symbolic link, not coach's lock file. Nothing was changed. "
                "Remove the link (coach makes a new lock file) and try again."
            )
        try:
            flags = os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC
            os.close(os.open(self.path, flags, 0o600))
        except OSError as error:
            if writing:
                raise could_not_save(self.path, error) from error
            return False
        return True
