"""Where Comeback Coach keeps its data and finds its scripts.

Precedence for the data folder: ``--data-dir``, then ``COACH_HOME``, then the
platform's user data folder. Script folders, from lowest to highest priority:
the built-in scripts, ``<data dir>/scripts``, ``COACH_SCRIPTS`` (a path list)
and ``--scripts DIR`` (repeatable); a later folder overrides an earlier one.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "comeback-coach"


@dataclass(frozen=True)
class ScriptFolder:
    """A folder that prompt scripts are read from."""

    path: Path
    origin: str
    """Where the folder comes from, as the script list shows it."""


def data_dir(explicit: str | os.PathLike[str] | None = None) -> Path:
    if explicit:
        return Path(explicit).expanduser()
    home = os.environ.get("COACH_HOME")
    if home:
        return Path(home).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir(APP_NAME, appauthor=False))


def builtin_scripts_dir() -> Path:
    """The scripts shipped with the package (``prompts/`` in a source checkout)."""
    here = Path(__file__).resolve().parent
    installed = here / "prompts"
    return installed if installed.is_dir() else here.parent / "prompts"


def script_folders(data: Path, extra: list[str] | None = None) -> list[ScriptFolder]:
    folders = [
        ScriptFolder(builtin_scripts_dir(), "built-in"),
        ScriptFolder(data / "scripts", "user"),
    ]
    for entry in os.environ.get("COACH_SCRIPTS", "").split(os.pathsep):
        if entry.strip():
            folders.append(ScriptFolder(Path(entry).expanduser(), "COACH_SCRIPTS"))
    for entry in extra or []:
        folders.append(ScriptFolder(Path(entry).expanduser(), "--scripts"))
    return folders
