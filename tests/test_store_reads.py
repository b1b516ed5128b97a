"""Reading the store without its lock: never waiting on a writer, never a torn view."""

from __future__ import annotations

import os
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from filelock import FileLock
from fresh_python import last_line_printed

import coach.store.index
import coach.store.storage
from coach.store.sessions import Store
from coach.store.storage import UnreadableSession

SCRIPT = "coach-script: 1\nid: comeback\n"


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data) -> Store:
    return Store(data, clock=Clock())


def test_reading_never_waits_for_a_coach_that_is_writing(store, data, monkeypatch):
    first = store.create("comeback", SCRIPT, "first")
    store.set_setting("theme", "nord")
    monkeypatch.setattr(coach.files, "LOCK_TIMEOUT", 0.05)
    with FileLock(data / ".lock"):
        assert [row.id for row in store.list_sessions()] == [first.id]
        assert store.get(first.id[:4]) == first
        assert store.resolve(first.id[:3]) == first.id
        assert store.latest_unfinished() == first
        assert list(store.all_records()) == [first]
        assert store.get_setting("theme") == "nord"


def test_a_session_deleted_while_all_are_read_is_left_out(store):
    first = store.create("comeback", SCRIPT, "first")
    second = store.create("comeback", SCRIPT, "second")
    reading = store.all_records()
    assert next(reading) == second
    Store(store.data_dir).delete(first.id)
    assert list(reading) == []


def test_a_listed_session_whose_file_is_missing_is_still_reported(store):
    record = store.create("comeback", SCRIPT, "first")
    path = store.session_path(record.id)
    folder = path.parent.stat()
    path.unlink()  # unnoticed by the folder's time, as when two changes share a clock tick
    os.utime(path.parent, ns=(folder.st_atime_ns, folder.st_mtime_ns))
    with pytest.raises(UnreadableSession, match="is listed, but its file"):
        store.get(record.id)
    with pytest.raises(UnreadableSession, match="is listed, but its file"):
        list(store.all_records())


def test_a_listing_read_while_the_overlay_is_folded_sees_one_state(store, monkeypatch):
    """The overlay changes between reading it and the index: the listing reads again."""
    records = [store.create("comeback", SCRIPT, f"session {n}") for n in range(3)]
    store.save_answer(records[0].id, "q", 1, position=None)  # one row in the overlay
    other = Store(store.data_dir, clock=store._clock)
    read_index = coach.store.index.SessionIndex._stored_index
    calls = []

    def index_then_a_write(index, *args):
        rows = read_index(index, *args)
        if not calls:  # another coach changes a session right after the index was read
            other.update(records[1].id, title="renamed meanwhile")
        calls.append(1)
        return rows

    monkeypatch.setattr(coach.store.index.SessionIndex, "_stored_index", index_then_a_write)
    listed = {row.id: row.title for row in store.list_sessions()}
    assert listed[records[1].id] == "renamed meanwhile"
    assert len(calls) == 2


def test_listing_from_the_command_line_does_not_load_the_lock(store, data):
    store.create("comeback", SCRIPT, "first")
    code = (
        "import sys; from coach.cli.main import main; "
        f"main(['--data-dir', {str(data)!r}, 'list', '--all']); "
        "print('filelock' in sys.modules)"
    )
    assert last_line_printed(code) == "False"
