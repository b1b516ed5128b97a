"""Atomic, private, versioned TinyDB files, and the folder lock."""

from __future__ import annotations

import errno
import json
import os
import stat
from pathlib import Path

import pytest
from filelock import FileLock
from tinydb.table import Document

import coach.files as files
from coach.errors import StoreError
from coach.files import FolderLock, make_private_folder, write_atomically
from coach.store.storage import AtomicJSONStorage, open_database


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def leftovers(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.tmp"))


@pytest.fixture
def umask_022():
    old = os.umask(0o022)
    yield
    os.umask(old)


# -- reading ---------------------------------------------------------------


def test_a_missing_or_empty_file_reads_as_an_empty_database(tmp_path):
    assert AtomicJSONStorage(tmp_path / "none.json").read() is None
    (tmp_path / "empty.json").write_bytes(b"")
    assert AtomicJSONStorage(tmp_path / "empty.json").read() is None
    assert not (tmp_path / "none.json").exists()


def test_what_is_written_is_read_back_with_its_format(tmp_path):
    path = tmp_path / "db.json"
    AtomicJSONStorage(path).write({"things": {"1": {"text": "hi"}}})
    data = AtomicJSONStorage(path).read()
    assert data == {"meta": {"1": {"format": 1}}, "things": {"1": {"text": "hi"}}}


def test_text_is_written_as_utf8_not_escaped(tmp_path):
    path = tmp_path / "db.json"
    text = "✨ 中文 עברית [bold]x[/] \x1b[31m"
    AtomicJSONStorage(path).write({"t": {"1": {"text": text}}})
    assert "✨ 中文 עברית".encode() in path.read_bytes()
    assert AtomicJSONStorage(path).read()["t"]["1"]["text"] == text


@pytest.mark.parametrize(
    ("content", "what"),
    [
        (b'{"sessions": {"1": {"id": ', "is not valid JSON (line 1, column 27: Expecting value)"),
        (b"\xff\xfe{}", "is not UTF-8 text"),
        (b"[1, 2]", "is not a JSON object of tables"),
        (b'{"sessions": [1]}', "is not a JSON object of tables"),
        (b'{"sessions": {"1": 2}}', "is not a JSON object of tables"),
        (b'{"meta": {"1": {"format": "one"}}}', "format version is not a whole number"),
        (b'{"t": {"1": {"n": NaN}}}', "holds NaN, which JSON does not allow"),
        (b'{"t": {"1": {"n": -Infinity}}}', "holds -Infinity, which JSON does not allow"),
        (b'{"t": {"1": {"s": "a\\ud800"}}}', "not valid Unicode (a lone surrogate)"),
    ],
)
def test_a_damaged_file_is_named_with_what_is_wrong_and_how_to_go_on(tmp_path, content, what):
    path = tmp_path / "db.json"
    path.write_bytes(content)
    with pytest.raises(StoreError) as caught:
        AtomicJSONStorage(path).read()
    message = str(caught.value)
    assert str(path) in message
    assert what in message
    assert "It was not changed. Move it aside (or restore it from a backup)" in message
    assert path.read_bytes() == content


def test_a_pair_of_surrogate_escapes_is_one_character(tmp_path):
    path = tmp_path / "db.json"
    path.write_bytes(b'{"t": {"1": {"s": "\\ud83d\\ude00"}}}')
    assert AtomicJSONStorage(path).read()["t"]["1"]["s"] == "\U0001f600"


def test_a_file_from_a_newer_format_is_refused(tmp_path):
    path = tmp_path / "db.json"
    content = b'{"meta": {"1": {"format": 2}}, "sessions": {}}'
    path.write_bytes(content)
    with pytest.raises(StoreError, match=r"written by a newer Comeback Coach \(format 2\)"):
        AtomicJSONStorage(path).read()
    assert path.read_bytes() == content


def test_a_file_without_a_format_is_read_as_format_1(tmp_path):
    path = tmp_path / "db.json"
    path.write_text('{"_default": {"1": {"a": 1}}}')
    assert AtomicJSONStorage(path).read() == {"_default": {"1": {"a": 1}}}


# -- writing ---------------------------------------------------------------


def test_a_damaged_file_is_never_overwritten(tmp_path):
    path = tmp_path / "db.json"
    path.write_bytes(b"{oops")
    for attempt in (lambda s: s.write({"t": {}}), lambda s: (s.read(), s.write({"t": {}}))):
        with pytest.raises(StoreError, match="is damaged"):
            attempt(AtomicJSONStorage(path))
    with pytest.raises(StoreError), open_database(path) as database:
        database.table("t").insert({"a": 1})
    assert path.read_bytes() == b"{oops"
    assert leftovers(tmp_path) == []


def test_files_are_private_whatever_the_umask_or_the_old_mode(tmp_path, umask_022):
    path = tmp_path / "db.json"
    path.write_text("{}")
    path.chmod(0o644)
    AtomicJSONStorage(path).write({"t": {}})
    assert mode_of(path) == 0o600


def test_a_failed_rename_keeps_the_old_file_and_removes_the_temporary(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    AtomicJSONStorage(path).write({"t": {"1": {"v": "old"}}})
    before = path.read_bytes()

    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", no_space)
    with pytest.raises(StoreError) as caught:
        AtomicJSONStorage(path).write({"t": {"1": {"v": "new"}}})
    assert str(caught.value).startswith(f"Could not save to {path}: No space left on device.")
    assert "free some space" in str(caught.value)
    assert path.read_bytes() == before
    assert leftovers(tmp_path) == []


def test_a_failed_fsync_keeps_the_old_file(tmp_path, monkeypatch):
    path = tmp_path / "db.json"
    write_atomically(path, b"old")

    def broken(_fd):
        raise OSError(errno.EIO, "Input/output error")

    monkeypatch.setattr(os, "fsync", broken)
    with pytest.raises(StoreError, match="Input/output error"):
        write_atomically(path, b"new")
    assert path.read_bytes() == b"old"
    assert leftovers(tmp_path) == []


def test_a_temporary_file_left_by_a_killed_writer_is_simply_replaced(tmp_path):
    path = tmp_path / "db.json"
    write_atomically(path, b'{"t": {}}')
    (tmp_path / ".db.json.tmp").write_bytes(b'{"half a fi')
    write_atomically(path, b'{"t": {"1": {}}}')
    assert json.loads(path.read_bytes()) == {"t": {"1": {}}}
    assert leftovers(tmp_path) == []


def test_a_failed_operation_writes_nothing(tmp_path):
    path = tmp_path / "db.json"
    with open_database(path) as database:
        database.table("t").insert(Document({"v": 1}, doc_id="a"))
    before = path.read_bytes()
    with pytest.raises(RuntimeError), open_database(path) as database:
        database.table("t").insert(Document({"v": 2}, doc_id="b"))
        raise RuntimeError("something went wrong halfway")
    assert path.read_bytes() == before


def test_documents_are_keyed_by_our_own_string_ids(tmp_path):
    path = tmp_path / "db.json"
    with open_database(path) as database:
        database.table("t").insert(Document({"v": 1}, doc_id="a1b2c3d4"))
    with open_database(path) as database:
        assert database.table("t").get(doc_id="a1b2c3d4") == {"v": 1}
    assert json.loads(path.read_text())["t"] == {"a1b2c3d4": {"v": 1}}


def test_reading_writes_nothing(tmp_path):
    path = tmp_path / "db.json"
    with open_database(path) as database:
        assert database.table("t").all() == []
    assert not path.exists()


# -- folders and the lock --------------------------------------------------


def test_a_new_folder_is_private(tmp_path, umask_022):
    folder = tmp_path / "a" / "data"
    make_private_folder(folder)
    assert mode_of(folder) == 0o700


def test_the_lock_file_is_private(tmp_path, umask_022):
    with FolderLock(tmp_path).held(writing=True):
        assert mode_of(tmp_path / ".lock") == 0o600


def test_a_busy_folder_says_so_after_the_timeout(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "LOCK_TIMEOUT", 0.1)
    other = FileLock(tmp_path / ".lock")
    with other, pytest.raises(StoreError) as caught, FolderLock(tmp_path).held(writing=True):
        pass
    assert str(caught.value) == f"Another coach is busy with {tmp_path}; try again in a moment."


def test_the_lock_can_be_taken_again_once_released(tmp_path):
    lock = FolderLock(tmp_path)
    for _ in range(3):
        with lock.held(writing=True), lock.held(writing=False):
            pass


def test_a_folder_that_cannot_hold_a_lock_is_read_without_one(tmp_path):
    (tmp_path / ".lock").mkdir()  # os.open(O_RDWR) fails, as on a read-only folder
    with FolderLock(tmp_path).held(writing=False):
        pass
    refused = pytest.raises(StoreError, match=r"Could not save to .*\.lock: Is a directory")
    with refused, FolderLock(tmp_path).held(writing=True):
        pass


def test_reading_a_missing_folder_creates_nothing(tmp_path):
    with FolderLock(tmp_path / "none").held(writing=False):
        pass
    assert not (tmp_path / "none").exists()
