"""Odd places and odd moments: exports into pipes and devices, a symlinked lock,
folder modes whatever the umask, a hang-up while coach starts."""

from __future__ import annotations

import fcntl
import os
import signal
import stat
import struct
import subprocess
import sys
import termios
import threading
import time
from pathlib import Path

import pytest
from cli_support import run
from filelock import FileLock

import coach
import coach.files as files
from coach.errors import StoreError
from coach.files import FolderLock, stop_waiting
from coach.store.sessions import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="FIFOs, devices and ptys (POSIX)")

ROOT = Path(coach.__file__).resolve().parents[1]


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    Store(folder).create("comeback", "", "A plan to export")
    return folder


@pytest.fixture
def session(data) -> str:
    return Store(data).list_sessions()[0].id


def mode_of(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


# -- exports into what is not a regular file ---------------------------------------------


def test_an_export_into_a_fifo_is_written_into_it_and_the_fifo_stays(
    capsys, data, session, tmp_path
):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = bytearray()
    reader = threading.Thread(target=lambda: received.extend(fifo.read_bytes()))
    reader.start()
    code, _out, err = run(capsys, "--data-dir", str(data), "export", session, "-o", str(fifo))
    reader.join(timeout=30)
    assert (code, err) == (0, f"Wrote {fifo}\n")
    assert b"A plan to export" in received
    assert stat.S_ISFIFO(fifo.lstat().st_mode)


@pytest.mark.parametrize("form", ["md", "json"])
def test_an_export_to_dev_null_leaves_the_device_a_device(capsys, data, session, form):
    argv = ["--data-dir", str(data), "export", session, "--format", form, "-o", "/dev/null"]
    code, _out, err = run(capsys, *argv)
    assert (code, err) == (0, "Wrote /dev/null\n")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


@pytest.mark.skipif(not os.path.exists("/dev/full"), reason="no /dev/full")
def test_an_export_to_a_full_device_says_so_and_keeps_the_device(capsys, data, session):
    code, _out, err = run(capsys, "--data-dir", str(data), "export", session, "-o", "/dev/full")
    assert code == 1
    assert err == "coach: Could not write to /dev/full: No space left on device.\n"
    assert stat.S_ISCHR(os.lstat("/dev/full").st_mode)


def test_an_export_to_a_folder_is_refused_and_the_folder_kept(capsys, data, session, tmp_path):
    folder = tmp_path / "plans"
    folder.mkdir()
    code, _out, err = run(capsys, "--data-dir", str(data), "export", session, "-o", str(folder))
    assert code == 1
    assert err == f"coach: {folder} is a folder: name a file to write to. Nothing was written.\n"
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_an_export_through_a_symlink_replaces_the_file_and_keeps_the_link(
    capsys, data, session, tmp_path
):
    target = tmp_path / "real.md"
    target.write_text("old", encoding="utf-8")
    link = tmp_path / "plan.md"
    link.symlink_to(target)
    code, _out, _err = run(capsys, "--data-dir", str(data), "export", session, "-o", str(link))
    assert code == 0
    assert link.is_symlink() and "A plan to export" in target.read_text(encoding="utf-8")


# -- the lock file and folder modes ------------------------------------------------------


def test_a_lock_that_is_a_symlink_gets_a_message_and_nothing_is_written(capsys, data, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    (data / ".lock").unlink()
    (data / ".lock").symlink_to(elsewhere)
    with pytest.raises(StoreError, match=r"\.lock is a symbolic link, not coach's lock file"):
        Store(data).create("comeback", "", "another")
    backup = tmp_path / "backup.json"
    run(capsys, "--data-dir", str(data), "export", "--all", "-o", str(backup))
    code, _out, err = run(capsys, "--data-dir", str(data), "import", str(backup))
    assert code == 1
    assert "is a symbolic link, not coach's lock file" in err and "Traceback" not in err
    assert not elsewhere.exists()
    assert len(Store(data).list_sessions()) == 1


def test_folders_coach_makes_are_private_whatever_the_umask(tmp_path):
    old = os.umask(0)
    try:
        store = Store(tmp_path / "made" / "by" / "coach")
        store.create("comeback", "", "private")
        store.import_records([])
    finally:
        os.umask(old)
    for folder in ("made", "made/by", "made/by/coach", "made/by/coach/sessions"):
        assert mode_of(tmp_path / folder) == 0o700, folder
    made = [p for p in (tmp_path / "made").rglob("*") if p.is_file()]
    assert made and all(mode_of(path) == 0o600 for path in made)


def test_a_data_folder_open_to_others_gets_a_warning_and_is_left_as_it_is(capsys, data):
    data.chmod(0o755)
    code, out, err = run(capsys, "--data-dir", str(data), "list")
    assert code == 0 and "A plan to export" in out
    assert err == (
        f"coach: warning: other users can open {data} (mode 755); "
        f"'chmod 700 {data}' makes it private.\n"
    )
    assert mode_of(data) == 0o755
    data.chmod(0o700)
    assert run(capsys, "--data-dir", str(data), "list")[2] == ""


# -- waits and hang-ups ------------------------------------------------------------------


def test_a_stop_request_ends_a_wait_for_the_lock_at_once(tmp_path, monkeypatch):
    monkeypatch.setattr(files, "_stop_deadline", None)
    ended: list[tuple[float, str]] = []

    def wait() -> None:
        started = time.monotonic()
        try:
            with FolderLock(tmp_path).held(writing=True):
                pass
        except StoreError as error:
            ended.append((time.monotonic() - started, str(error)))

    with FileLock(tmp_path / ".lock"):
        waiting = threading.Thread(target=wait)
        waiting.start()
        time.sleep(0.3)
        stop_waiting(0)
        waiting.join(timeout=5)
    assert len(ended) == 1
    seconds, message = ended[0]
    assert (
        seconds < 2 and message == f"Stopped waiting for another coach to finish with {tmp_path}."
    )


def start_in_a_terminal(*argv: str) -> tuple[subprocess.Popen[bytes], bytearray, int]:
    """``coach`` in a pseudo-terminal of 80x24, its output drained as a terminal would."""
    master, slave = os.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 24, 80, 0, 0))
    env = dict(os.environ, TERM="xterm-256color", PYTHONPATH=str(ROOT))
    child = subprocess.Popen(
        [sys.executable, "-m", "coach", *argv],
        stdin=slave,
        stdout=slave,
        stderr=slave,
        env=env,
        start_new_session=True,
    )
    os.close(slave)
    shown = bytearray()

    def drain() -> None:
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:
                break
            if not chunk:
                break
            shown.extend(chunk)
        os.close(master)

    threading.Thread(target=drain, daemon=True).start()
    return child, shown, master


def wait_for(shown: bytearray, text: bytes, seconds: float = 30) -> None:
    """Until the terminal shows ``text`` (the app is up and drawn)."""
    deadline = time.monotonic() + seconds
    while text not in shown:
        assert time.monotonic() < deadline, f"never showed {text!r}"
        time.sleep(0.05)
    time.sleep(0.3)  # and ready for keys


FIRST_QUESTION = b"what was the setback?"


def hang_up_after(child: subprocess.Popen[bytes], seconds: float) -> float:
    """Send SIGHUP after ``seconds``; how long the process took to end then."""
    time.sleep(seconds)
    sent = time.monotonic()
    child.send_signal(signal.SIGHUP)
    try:
        child.wait(timeout=10)
    except subprocess.TimeoutExpired:
        child.kill()
        child.wait()
        return float("inf")
    return time.monotonic() - sent


@pytest.mark.parametrize("moment", [0.1, 0.5, 1.5])
def test_a_hang_up_while_coach_waits_for_the_lock_at_start_ends_it(tmp_path, moment):
    data = tmp_path / "data"
    data.mkdir(mode=0o700)  # no index yet: listing it needs the lock, held below
    with FileLock(data / ".lock"):
        child, shown, _keys = start_in_a_terminal("--data-dir", str(data))
        took = hang_up_after(child, moment)
    assert took < 3, f"still running {took:.1f} s after the hang-up"
    assert child.returncode in (128 + signal.SIGHUP, -signal.SIGHUP)
    assert b"Traceback" not in shown


def test_a_hang_up_once_the_app_runs_ends_it(tmp_path):
    data = tmp_path / "data"
    Store(data).create("comeback", "", "open")
    child, shown, _keys = start_in_a_terminal("--data-dir", str(data))
    took = hang_up_after(child, 2.5)
    assert took < 3, f"still running {took:.1f} s after the hang-up"
    assert b"Traceback" not in shown


def test_a_hang_up_while_the_app_waits_to_save_an_answer_ends_it_soon(tmp_path):
    data = tmp_path / "data"
    Store(data).create("comeback", "", "waiting")
    child, shown, keys = start_in_a_terminal("--data-dir", str(data), "resume")
    wait_for(shown, FIRST_QUESTION)
    with FileLock(data / ".lock"):  # another coach is busy: saving the answer waits
        os.write(keys, b"My launch went unnoticed\r")
        took = hang_up_after(child, 1.0)
    assert took < 3, f"still running {took:.1f} s after the hang-up"
    assert b"Traceback" not in shown


def test_a_hang_up_in_the_wizard_keeps_what_was_being_typed(tmp_path):
    data = tmp_path / "data"
    session_id = Store(data).create("comeback", "", "typing").id
    child, shown, keys = start_in_a_terminal("--data-dir", str(data), "resume")
    wait_for(shown, FIRST_QUESTION)
    os.write(keys, b"half typed")
    time.sleep(0.5)
    took = hang_up_after(child, 0)
    assert took < 3 and b"Traceback" not in shown
    assert list(Store(data).get(session_id).drafts.values()) == ["half typed"]
