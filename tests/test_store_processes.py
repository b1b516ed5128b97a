"""Real processes: killed mid-write, or writing at the same time as another."""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

import coach
from coach.store.sessions import Store

pytestmark = pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL and flock (POSIX)")

ROOT = Path(coach.__file__).resolve().parents[1]

AUTOSAVING = """
import sys
import time
from pathlib import Path
from coach.store.sessions import Store

store = Store(Path(sys.argv[1]))
session_id, run = sys.argv[2], sys.argv[3]
print("ready", flush=True)
n = 0
while True:
    store.save_answer(session_id, f"r{run}-{n}", n, position=f"r{run}-{n + 1}")
    if n % 5 == 0:
        store.create("kill", "", f"run {run} #{n}")
    n += 1
"""

RACING = """
import sys
import time
from pathlib import Path
from coach.store.sessions import Store

store = Store(Path(sys.argv[1]))
session_id, name = sys.argv[2], sys.argv[3]
sys.stdin.readline()
for n in range(100):
    store.save_answer(session_id, f"{name}-{n}", n, position=None)
    if n % 10 == 0:
        store.create("race", "", f"{name} {n}")
print("done", flush=True)
"""


def start(code: str, *args: str, **kwargs) -> subprocess.Popen[str]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.Popen(
        [sys.executable, "-c", code, *map(str, args)],
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        **kwargs,
    )


def every_file_is_json(folder: Path) -> None:
    for path in folder.rglob("*.json"):
        json.loads(path.read_bytes())


def answers_of_run(answers: dict, run: int) -> int:
    """How many answers run ``run`` saved; they must be r{run}-0 .. r{run}-(k-1)."""
    saved = sorted(int(key.split("-")[1]) for key in answers if key.startswith(f"r{run}-"))
    assert saved == list(range(len(saved))), f"run {run} lost answers: {saved}"
    return len(saved)


def test_a_kill_during_a_write_leaves_the_old_or_the_new_file(tmp_path):
    data = tmp_path / "data"
    session_id = Store(data).create("kill", "", "killed again and again").id
    rng = random.Random(20260302)
    saved: dict[int, int] = {}
    for run in range(30):
        child = start(AUTOSAVING, data, session_id, run)
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        try:
            child.wait(timeout=rng.uniform(0, 0.05))
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
        child.wait()
        child.stdout.close()

        every_file_is_json(data)
        store = Store(data)
        record = store.get(session_id)
        saved[run] = answers_of_run(record.answers, run)
        assert all(answers_of_run(record.answers, r) == saved[r] for r in saved)
        listed = store.list_sessions()
        assert session_id in {row.id for row in listed}
        assert all(store.get(row.id).id == row.id for row in listed)
    assert sum(saved.values()) > 0
    Store(data).save_answer(session_id, "after", "still works", position=None)
    assert Store(data).get(session_id).answers["after"] == "still works"


def test_two_processes_saving_at_once_lose_nothing(tmp_path):
    data = tmp_path / "data"
    session_id = Store(data).create("race", "", "shared").id
    children = [start(RACING, data, session_id, name, stdin=subprocess.PIPE) for name in "ab"]
    for child in children:
        assert child.stdin is not None
        child.stdin.write("go\n")
        child.stdin.flush()
    for child in children:
        out, _ = child.communicate(timeout=120)
        assert (child.returncode, out) == (0, "done\n")

    store = Store(data)
    answers = store.get(session_id).answers
    assert answers == {f"{name}-{n}": n for name in "ab" for n in range(100)}
    titles = {row.title for row in store.list_sessions()}
    assert titles == {"shared"} | {f"{name} {n}" for name in "ab" for n in range(0, 100, 10)}
    every_file_is_json(data)


def backup_of(count: int) -> str:
    from coach.store.backup import export_json
    from coach.store.records import SessionRecord

    records = [
        SessionRecord(
            id=f"imp{n:05d}",
            script_id="comeback",
            script_source="",
            title=f"imported {n}",
            status="completed",
            started_at="2025-01-01T10:00:00+00:00",
            updated_at="2025-01-02T10:00:00+00:00",
            answers={"setback": "x" * 200},
            actions=[{"text": "call", "done": False}],
        )
        for n in range(count)
    ]
    return export_json(records, single=False)


def coach_import(data: Path, backup: Path) -> subprocess.Popen[bytes]:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    command = [sys.executable, "-m", "coach", "--data-dir", str(data), "import", str(backup)]
    return subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)


def test_a_killed_import_adds_all_its_sessions_or_none_even_when_the_index_is_rebuilt(tmp_path):
    base = tmp_path / "base"
    store = Store(base)
    for n in range(3):
        store.create("comeback", "", f"mine {n}")
    backup = tmp_path / "backup.json"
    backup.write_text(backup_of(150), encoding="utf-8")

    whole = tmp_path / "whole"
    shutil.copytree(base, whole)
    started = time.monotonic()
    assert coach_import(whole, backup).wait(timeout=120) == 0
    length = time.monotonic() - started
    assert len(Store(whole).list_sessions()) == 153

    rng = random.Random(20261207)
    for run in range(10):
        data = tmp_path / f"run{run}"
        shutil.copytree(base, data)
        child = coach_import(data, backup)
        try:
            child.wait(timeout=rng.uniform(0.2, 1.0) * length)
        except subprocess.TimeoutExpired:
            child.send_signal(signal.SIGKILL)
        child.wait()
        (data / "index.json").unlink(missing_ok=True)  # the list is rebuilt from the files
        count = len(Store(data).list_sessions())
        assert count in (3, 153), f"run {run}: {count} sessions"
        assert not (data / ".imports").exists()
        assert [p.name for p in data.rglob("*") if p.name.endswith(".tmp")] == []
        every_file_is_json(data)


def test_other_coaches_go_on_writing_while_a_large_import_is_written(tmp_path, monkeypatch):
    import coach.files

    data = tmp_path / "data"
    Store(data).create("comeback", "", "mine")
    backup = tmp_path / "backup.json"
    backup.write_text(backup_of(3000), encoding="utf-8")
    child = coach_import(data, backup)
    try:
        deadline = time.monotonic() + 60
        while not any((data / ".imports").glob("*/imp*.json")):  # the import is writing
            assert child.poll() is None and time.monotonic() < deadline
            time.sleep(0.01)
        monkeypatch.setattr(coach.files, "LOCK_TIMEOUT", 0.5)
        Store(data).create("comeback", "", "written meanwhile")  # not "busy"
        assert child.poll() is None  # the import was still under way
    finally:
        assert child.wait(timeout=120) == 0
    titles = {row.title for row in Store(data).list_sessions()}
    assert {"mine", "written meanwhile", "imported 0", "imported 2999"} <= titles
    assert len(titles) == 3002
