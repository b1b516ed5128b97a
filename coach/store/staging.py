"""Imports that are all or nothing, even when the process is killed.

An import first writes every session into a folder of its own,
``<data>/.imports/<token>/``, without the folder lock: nobody else reads
there, so other coach processes go on working however long it takes. While
it lives, the import holds an advisory lock on ``.imports/<token>.lock``
(the system drops it when the process dies, however it dies).

Then, under the folder lock, it publishes: it writes a journal (the
summaries of the sessions it is about to add) into its folder, renames each
staged file into ``sessions/``, writes the index, and removes its folder.
The lock is held only for the renames and two small writes, under a second
for ten thousand sessions.

Whoever takes the folder lock next finishes the work of an import that died
(``recover``): with a journal, the import had decided, so it is rolled
forward (the rest of the files renamed, the index written); without one,
nothing was published, so its folder is removed. Either way nothing is left
behind, and a list (or an index rebuilt from the files) shows all the
sessions of the import or none of them.
"""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Callable, Iterable
from contextlib import suppress
from pathlib import Path
from typing import Any

from coach.errors import StoreError
from coach.files import could_not_save, fsync_folder, make_private_folder
from coach.store.records import (
    SessionRecord,
    SessionSummary,
    check_summary_rows,
    valid_session_id,
)
from coach.store.storage import AtomicJSONStorage

IMPORTS = ".imports"
"""The folder, inside the data folder, that holds imports under way."""

JOURNAL = "journal.json"

AddSummaries = Callable[[Iterable[SessionSummary]], None]
"""Writes the index with these summaries added (the caller holds the folder lock)."""


def session_tables(record: SessionRecord) -> dict[str, dict[str, Any]]:
    """The tables of a session's file, exactly as the store writes them."""
    return {"session": {record.id: record.to_json()}}


class StagedImport:
    """One import under way: its folder, its liveness lock, its staged sessions."""

    def __init__(self, data_dir: Path, sessions_dir: Path) -> None:
        self.root = data_dir / IMPORTS
        self.sessions_dir = sessions_dir
        import secrets  # imported here: listing sessions never needs it

        token = secrets.token_hex(8)
        self.folder = self.root / token
        self._lock_fd: int | None = None
        self.staged: dict[str, SessionSummary] = {}

    def __enter__(self) -> StagedImport:
        lock = self.folder.with_name(f"{self.folder.name}.lock")
        for _ in range(10):  # another import that just ended may remove the empty root
            make_private_folder(self.root)
            try:
                self._lock_fd = _hold_new(lock)
                break
            except FileNotFoundError:
                continue
            except OSError as error:
                raise could_not_save(lock, error) from error
        else:
            raise StoreError(f"Could not start an import in {self.root}; try again.")
        try:
            make_private_folder(self.folder)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *_exc: object) -> None:
        """Remove what is left of the folder (all of it, after a publish or a failure)."""
        _remove(self.folder)
        if self._lock_fd is not None:
            with suppress(OSError):
                os.unlink(self.folder.with_name(f"{self.folder.name}.lock"))
            os.close(self._lock_fd)
            self._lock_fd = None
        with suppress(OSError):
            self.root.rmdir()  # only when no other import is under way

    def stage(self, record: SessionRecord) -> None:
        """Write one session into the import's own folder (durably; no lock needed)."""
        path = self.folder / f"{record.id}.json"
        AtomicJSONStorage(path).write_new(session_tables(record))
        self.staged[record.id] = record.summary()

    def stage_all(self, records: Iterable[SessionRecord], now: str) -> None:
        """Stage each session (the first of each id), its missing times set to ``now``."""
        for record in records:
            if record.id not in self.staged:
                times = {"started_at": record.started_at or now}
                times["updated_at"] = record.updated_at or now
                self.stage(dataclasses.replace(record, **times))

    def publish(self, ids: list[str], add_summaries: AddSummaries) -> None:
        """Add the staged sessions ``ids``: journal, renames, index. The caller holds the
        folder lock; if this fails (not killed), the renamed files are taken back."""
        fsync_folder(self.folder)
        summaries = [self.staged[session_id] for session_id in ids]
        journal = AtomicJSONStorage(self.folder / JOURNAL)
        journal.write({"journal": {"1": {"sessions": _rows(summaries)}}})
        moved: list[Path] = []
        try:
            for session_id in ids:
                target = self.sessions_dir / f"{session_id}.json"
                os.rename(self.folder / f"{session_id}.json", target)
                moved.append(target)
            fsync_folder(self.sessions_dir)
            add_summaries(summaries)
        except BaseException:
            for path in moved:
                with suppress(OSError):
                    path.unlink()
            with suppress(OSError):
                os.unlink(self.folder / JOURNAL)
            raise


def left_out(records: Iterable[SessionRecord], added: list[str]) -> list[str]:
    """The ids of ``records`` not added, in their order (an id twice: the second)."""
    pending, skipped = set(added), []
    for record in records:
        if record.id in pending:
            pending.discard(record.id)
        else:
            skipped.append(record.id)
    return skipped


def recover(data_dir: Path, sessions_dir: Path, add_summaries: AddSummaries) -> None:
    """Finish or roll back every import whose process died (the caller holds the folder
    lock). Imports still running are left alone. Costs one ``stat`` when there are none."""
    root = data_dir / IMPORTS
    try:
        names = sorted(os.listdir(root))
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"Could not read {root}: {error.strerror}.") from error
    for name in names:
        if not name.endswith(".lock"):
            continue
        try:
            descriptor = _hold(root / name)
        except (_Busy, OSError):
            continue  # still running; or a folder this process may not change
        folder = root / name.removesuffix(".lock")
        try:
            if (folder / JOURNAL).exists():
                _roll_forward(folder, sessions_dir, add_summaries)
            _remove(folder)
            os.unlink(root / name)
        except OSError as error:
            raise StoreError(
                f"Could not finish an import that was cut short, in {folder}: "
                f"{error.strerror}. Check that you may change the data folder and try again."
            ) from error
        finally:
            os.close(descriptor)
    for name in names:  # folders whose lock is gone: their import never got going
        if not name.endswith(".lock") and not (root / f"{name}.lock").exists():
            _remove(root / name)
    with suppress(OSError):
        root.rmdir()  # only when empty


def _roll_forward(folder: Path, sessions_dir: Path, add_summaries: AddSummaries) -> None:
    """Finish a publish that was cut short: the journal lists what it had decided."""
    try:
        rows = (AtomicJSONStorage(folder / JOURNAL).read() or {})["journal"]["1"]["sessions"]
        check_summary_rows(rows)
    except (StoreError, ValueError, KeyError, TypeError):
        return  # a journal is written atomically: one that cannot be read was never used
    summaries = [SessionSummary.from_json(row) for row in rows]
    summaries = [row for row in summaries if valid_session_id(row.id)]  # ids name files
    for summary in summaries:
        staged = folder / f"{summary.id}.json"
        if staged.exists():
            os.rename(staged, sessions_dir / f"{summary.id}.json")
    fsync_folder(sessions_dir)
    add_summaries(s for s in summaries if (sessions_dir / f"{s.id}.json").exists())


def _rows(summaries: list[SessionSummary]) -> list[dict[str, Any]]:
    return [summary.to_json() for summary in summaries]


class _Busy(Exception):
    pass


def _hold(path: Path) -> int:
    """An open descriptor of ``path`` holding its exclusive lock; ``_Busy`` if another
    process holds it."""
    import fcntl

    descriptor = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW | os.O_CLOEXEC, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        os.close(descriptor)
        raise _Busy from None
    return descriptor


def _hold_new(path: Path) -> int:
    """``_hold`` on a new lock file, making sure it is still the file at ``path``: a
    recovery that took it between its creation and our lock has unlinked it."""
    for _ in range(10):
        descriptor = _hold(path)
        with suppress(OSError):
            if os.path.samestat(os.fstat(descriptor), os.stat(path, follow_symlinks=False)):
                return descriptor
        os.close(descriptor)
    raise StoreError(f"Could not start an import in {path.parent}; try again.")


def _remove(folder: Path) -> None:
    import shutil  # imported here: listing sessions never needs it

    shutil.rmtree(folder, ignore_errors=True)
