"""Session files changed outside coach (a sync tool, a restored backup) are picked up by
the next listing; conflict copies are reported and kept; index ids are checked as ids."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from cli_support import run

import coach.store.storage
from coach.store.sessions import Store
from coach.store.storage import encode_tables


@pytest.fixture
def data(tmp_path) -> Path:
    store = Store(tmp_path / "data")
    for title in ("First plan", "Second plan"):
        store.create("comeback", "", title)
    assert len(store.list_sessions()) == 2
    return tmp_path / "data"


def sync_in(path: Path, payload: bytes) -> None:
    """Put a file in place as sync tools do: a temporary name, then a rename."""
    temporary = path.with_name(f".syncthing.{path.name}.tmp")
    temporary.write_bytes(payload)
    os.replace(temporary, path)


def session_bytes(session_id: str, title: str) -> bytes:
    record = {"id": session_id, "script_id": "comeback", "title": title}
    record.update(started_at="2026-01-01T10:00:00+00:00", updated_at="2026-01-02T10:00:00+00:00")
    return encode_tables({"session": {session_id: record}})


def listed_titles(capsys, data: Path) -> tuple[list[str], str]:
    code, out, err = run(capsys, "--data-dir", str(data), "list", "--all", "--json")
    assert code == 0, err
    return sorted(row["title"] for row in json.loads(out)), err


def test_a_session_file_that_appears_is_listed(capsys, data):
    sync_in(data / "sessions" / "5a1e0001.json", session_bytes("5a1e0001", "From my laptop"))
    titles, err = listed_titles(capsys, data)
    assert titles == ["First plan", "From my laptop", "Second plan"]
    assert err == ""
    assert Store(data).get("5a1e0001").title == "From my laptop"


def test_a_session_file_that_disappears_leaves_the_list_and_a_notice_says_so(capsys, data):
    gone = next(row for row in Store(data).list_sessions() if row.title == "Second plan")
    path = data / "sessions" / f"{gone.id}.json"
    kept = path.read_bytes()
    path.unlink()
    titles, err = listed_titles(capsys, data)
    assert titles == ["First plan"]
    assert f"{path} was removed outside coach" in err and "put the file back" in err
    sync_in(path, kept)  # put back: listed again, and the notice is gone
    titles, err = listed_titles(capsys, data)
    assert titles == ["First plan", "Second plan"] and err == ""


def test_a_session_file_that_changes_is_listed_as_it_is_now(capsys, data):
    changed = next(row for row in Store(data).list_sessions() if row.title == "Second plan")
    sync_in(data / "sessions" / f"{changed.id}.json", session_bytes(changed.id, "Edited elsewhere"))
    titles, _err = listed_titles(capsys, data)
    assert titles == ["Edited elsewhere", "First plan"]


def test_a_restored_backup_of_the_sessions_folder_is_listed_as_restored(capsys, data, tmp_path):
    shutil.copytree(data / "sessions", tmp_path / "backup")
    Store(data).create("comeback", "", "Made after the backup")
    assert len(listed_titles(capsys, data)[0]) == 3
    shutil.rmtree(data / "sessions")
    shutil.copytree(tmp_path / "backup", data / "sessions")
    titles, _err = listed_titles(capsys, data)
    assert titles == ["First plan", "Second plan"]


def test_only_files_that_changed_are_read_again(data, monkeypatch):
    store = Store(data)
    for n in range(20):
        store.create("comeback", "", f"More {n}")
    sync_in(data / "sessions" / "5a1e0001.json", session_bytes("5a1e0001", "One"))
    assert len(store.list_sessions()) == 23  # caught up: every file's size and time recorded
    sync_in(data / "sessions" / "5a1e0002.json", session_bytes("5a1e0002", "Two"))
    reads: list[Path] = []
    read = coach.store.storage.AtomicJSONStorage.read

    def logged(storage):
        reads.append(storage.path)
        return read(storage)

    monkeypatch.setattr(coach.store.storage.AtomicJSONStorage, "read", logged)
    assert len(Store(data).list_sessions()) == 24
    assert [path for path in reads if path.parent.name == "sessions"] == [
        data / "sessions" / "5a1e0002.json"
    ]
    reads.clear()
    assert len(Store(data).list_sessions()) == 24  # in step again: one stat, no file read
    assert [path for path in reads if path.parent.name == "sessions"] == []


CONFLICTS = [
    "sessions/{id}.sync-conflict-20261207-120000-ABCDEFG.json",
    "sessions/{id} (Jane's conflicted copy 2026-12-07).json",
    "sessions/{id}.json.orig",
    "index.sync-conflict-20261207-120001-ABCDEFG.json",
]


def test_conflict_copies_are_reported_by_list_and_never_read_or_deleted(capsys, data):
    some = Store(data).list_sessions()[0].id
    made = []
    for name in CONFLICTS:
        path = data / name.format(id=some)
        path.write_bytes(session_bytes("c0nf11c7", "Conflicting"))
        made.append(path)
    titles, err = listed_titles(capsys, data)
    assert titles == ["First plan", "Second plan"]
    for path in made:
        assert f"coach: {path} looks like a conflict copy left by a sync tool" in err
        assert path.exists()
    code, out, err_again = run(capsys, "--data-dir", str(data), "list")
    assert code == 0 and "First plan" in out
    assert err_again.count("looks like a conflict copy") == len(CONFLICTS)  # every time


def test_a_path_in_the_index_is_refused_before_any_file_is_read(capsys, data, tmp_path):
    (tmp_path / "evil.json").write_bytes(session_bytes("evil", "Read from outside"))
    index = json.loads((data / "index.json").read_text())
    columns = index["sessions"]["columns"]
    columns["id"][0] = "../../evil"
    (data / "index.json").write_text(json.dumps(index))
    code, out, err = run(capsys, "--data-dir", str(data), "show", "../../evil")
    assert code == 1 and out == ""
    assert "'../../evil', which cannot be a session id" in err
    assert "Read from outside" not in err
    code, _out, err = run(capsys, "--data-dir", str(data), "list")
    assert code == 1 and "cannot be a session id" in err


def test_a_damaged_file_that_appears_is_reported_kept_and_the_rest_listed(capsys, data):
    path = data / "sessions" / "5a1e0003.json"
    sync_in(path, b'{"session": {"5a1e0003": {')
    titles, err = listed_titles(capsys, data)
    assert titles == ["First plan", "Second plan"]
    assert f"coach: A session file appeared that cannot be listed: {path} is damaged" in err
    assert path.read_bytes() == b'{"session": {"5a1e0003": {'
    sync_in(path, session_bytes("5a1e0003", "Synced again, whole"))
    titles, err = listed_titles(capsys, data)
    assert "Synced again, whole" in titles and err == ""
