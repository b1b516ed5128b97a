"""Loaded scripts kept between runs, so that opening the app parses no YAML.

Like Python's own bytecode cache: a script is taken from the cache only while
its file has the same size, modification time and inode as when it was
loaded, and only by a coach whose script model has the same shape (the
classes' fields, the format and coach versions, the version of the checks).
Only valid scripts are kept; a script with problems is read again every
time, so its problems are always current. ``coach validate`` and ``coach scripts`` never use it.

The cache is ``<data>/cache/scripts.pickle``: private like everything in the
data folder, written atomically under the folder's lock, and never created
where the data folder does not exist yet. It is only a cache: one that is
missing, damaged, from another version, or not the user's own private file
is ignored (and replaced on the next write), and losing it costs one parse.
In an encrypted data folder it is encrypted like every file there
(``coach.vault``), and not used at all until the folder is unlocked.
"""

from __future__ import annotations

import os
import pickle
import time
from dataclasses import fields
from pathlib import Path

from coach import __version__
from coach.scripts.model import FORMAT_VERSION, Prompt, Script, Step
from coach.scripts.yaml_limits import CHECKS_VERSION

FOLDER = "cache"
FILE_NAME = "scripts.pickle"

Stamp = tuple[int, int, int]
"""A script file's (size, modification time in ns, inode)."""

SETTLED_NS = 2_000_000_000
"""A file changed less than this long ago is not kept: a second change within the
file system's timestamp granularity, of the same size, would otherwise go unseen
(git's "racily clean" files)."""


def model_shape() -> tuple[object, ...]:
    """What a cached script's shape depends on: a change to any of it empties the cache."""
    classes = tuple(
        (cls.__name__, tuple(f.name for f in fields(cls))) for cls in (Script, Step, Prompt)
    )
    return __version__, FORMAT_VERSION, CHECKS_VERSION, classes


class LoadedScripts:
    """The scripts of earlier runs, by file, and the ones to keep for the next."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / FOLDER / FILE_NAME
        self._kept: dict[str, tuple[Stamp, Script]] = self._read()
        self._changed = False

    def get(self, file: Path) -> Script | None:
        """The script loaded from ``file`` before, if the file has not changed since."""
        kept = self._kept.get(str(file))
        if kept is None or kept[0] != _stamp(file):
            return None
        return kept[1]

    def put(self, file: Path, script: Script) -> None:
        stamp = _stamp(file)
        if stamp is not None and time.time_ns() - stamp[1] >= SETTLED_NS:
            self._kept[str(file)] = (stamp, script)
            self._changed = True

    def save(self) -> None:
        """Write the cache if anything was added, and only into an existing data folder.

        A failure to write is not the user's problem: the next run parses again.
        """
        if not self._changed or not self.data_dir.is_dir():
            return
        from coach.errors import CoachError
        from coach.files import FolderLock, make_private_folder, write_atomically

        payload = pickle.dumps((model_shape(), self._kept), protocol=pickle.HIGHEST_PROTOCOL)
        try:
            make_private_folder(self.path.parent)
            with FolderLock(self.data_dir).held(writing=True):
                write_atomically(self.path, payload)
        except (CoachError, OSError):  # also a folder encrypted and not unlocked here
            return
        self._changed = False

    def _read(self) -> dict[str, tuple[Stamp, Script]]:
        from coach.vault import open_kept

        try:
            with open(self.path, "rb") as handle:
                status = os.fstat(handle.fileno())
                if status.st_uid != os.getuid() or status.st_mode & 0o077:
                    return {}  # not our own private file: never unpickle it
                raw = handle.read()
            shape, kept = pickle.loads(open_kept(self.path, raw))
        except Exception:  # missing, unreadable, damaged, locked, or from another coach
            return {}
        return kept if shape == model_shape() and isinstance(kept, dict) else {}


def _stamp(file: Path) -> Stamp | None:
    try:
        status = file.stat()
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns, status.st_ino
