"""Imports killed at chosen moments: the next coach finishes or rolls them back."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import coach
from coach.store.records import SessionRecord
from coach.store.sessions import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses flock (POSIX)")

ROOT = Path(coach.__file__).resolve().parents[1]

DYING_IMPORT = """
import os, sys
from pathlib import Path
import coach.store.staging as staging
import coach.store.storage as storage
from coach.store.records import SessionRecord
from coach.store.sessions import Store

data, moment, after = Path(sys.argv[1]), sys.argv[2], int(sys.argv[3])
calls = {"n": 0}

def dying(original):
    def call(*args, **kwargs):
        if calls["n"] == after:
            os._exit(9)  # as a kill -9: no cleanup of any kind
        calls["n"] += 1
        return original(*args, **kwargs)
    return call

if moment == "staging":
    storage.write_new_private_file = dying(storage.write_new_private_file)
elif moment == "renaming":
    staging.os.rename = dying(os.rename)
else:  # the folder synced before the journal, then after the renames
    staging.fsync_folder = dying(staging.fsync_folder)
records = [
    SessionRecord(id=f"new{n}", script_id="s", script_source="", title=f"new {n}")
    for n in range(5)
]
Store(data).import_records(records)
"""


def die_while_importing(data: Path, moment: str, after: int) -> None:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-c", DYING_IMPORT, str(data), moment, str(after)]
    assert subprocess.run(command, env=env, check=False, timeout=60).returncode == 9


@pytest.fixture
def data(tmp_path):
    store = Store(tmp_path / "data")
    store.create("s", "", "mine")
    return tmp_path / "data"


def titles(data: Path) -> list[str]:
    return sorted(row.title for row in Store(data).list_sessions())


def test_an_import_killed_while_writing_its_files_is_rolled_back(data):
    die_while_importing(data, "staging", after=3)
    assert (data / ".imports").is_dir()  # what the dead import left
    assert titles(data) == ["mine"]
    Store(data).set_setting("theme", "nord")  # the next write cleans up
    assert not (data / ".imports").exists()
    assert sorted(p.name for p in (data / "sessions").iterdir()) == [
        f"{Store(data).list_sessions()[0].id}.json"
    ]


def test_an_import_killed_while_publishing_is_finished_by_the_next_coach(data):
    die_while_importing(data, "renaming", after=2)
    assert len(list((data / "sessions").iterdir())) == 3  # two of five renamed
    (data / "index.json").unlink()  # even a list rebuilt from the files sees all or none
    assert titles(data) == ["mine", *(f"new {n}" for n in range(5))]
    assert not (data / ".imports").exists()
    assert Store(data).get("new4").title == "new 4"


def test_an_import_killed_after_its_last_rename_is_finished_too(data):
    die_while_importing(data, "synced", after=1)
    assert (data / ".imports").is_dir()  # what the dead import left
    Store(data).create("s", "", "later")  # the next write finishes the import first
    assert titles(data) == ["later", "mine", *(f"new {n}" for n in range(5))]
    assert not (data / ".imports").exists()


def test_an_import_under_way_in_another_process_is_left_alone(data, tmp_path):
    from coach.store.staging import StagedImport

    store = Store(data)
    with StagedImport(data, data / "sessions") as staging:
        staging.stage(SessionRecord(id="live1", script_id="s", script_source="", title="live"))
        other = subprocess.run(
            [
                sys.executable,
                "-c",
                f"from coach.store.sessions import Store; "
                f"Store({str(data)!r}).set_setting('theme', 'nord')",
            ],
            env=dict(os.environ, PYTHONPATH=str(ROOT)),
            check=False,
        )
        assert other.returncode == 0
        assert (staging.folder / "live1.json").exists()
        with store._locked(writing=True):
            staging.publish(["live1"], store._list_added)
    assert titles(data) == ["live", "mine"]
    assert not (data / ".imports").exists()
