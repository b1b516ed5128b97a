"""Encryption at rest: nothing plain on disk, the folder always opens, age reads it without us.

Every unlock with a passphrase runs scrypt (about a second, by design), so
these tests unlock as few times as they can.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from contextlib import suppress
from pathlib import Path

import pyrage
import pytest

import coach
from coach.errors import CoachError
from coach.store.encryption import decrypt_folder, encrypt_folder
from coach.store.records import SessionRecord
from coach.store.sessions import Store
from coach.vault import AGE_HEADER, IDENTITY_FILE, Vault, vault_for

ROOT = Path(coach.__file__).resolve().parents[1]
BENCHMARKS = ROOT / "benchmarks"
ENCRYPT = [sys.executable, "-m", "coach", "encrypt"]
PASSPHRASE = "correct horse battery staple"
PLANTED = "Halloran-would-never-know-7f3a"
"""An answer that must never be found in plain text under an encrypted folder."""


def plaintext_files(folder: Path, secret: str = PLANTED) -> list[Path]:
    """Every file under ``folder`` holding ``secret`` in plain bytes (UTF-8 or JSON-escaped)."""
    needles = [secret.encode("utf-8"), secret.encode("utf-16-le")]
    found = []
    for path in folder.rglob("*"):
        if path.is_file() and any(needle in path.read_bytes() for needle in needles):
            found.append(path)
    return found


def coach_run(data: Path, *argv: str, env: dict | None = None, **kwargs):
    environment = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(ROOT), str(BENCHMARKS)]),
        "PYTHON_KEYRING_BACKEND": "file_keyring.FileKeyring",
        "COACH_TEST_KEYRING": str(data.parent / "keyring.json"),
        **(env or {}),
    }
    return subprocess.run(
        [sys.executable, "-m", "coach", "--data-dir", str(data), *argv],
        capture_output=True,
        text=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
        env=environment,
        **kwargs,
    )


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def passphrase_file(tmp_path) -> Path:
    path = tmp_path / "passphrase"
    path.write_text(PASSPHRASE + "\n", encoding="utf-8")
    return path


def seed(data: Path, count: int = 3) -> list[SessionRecord]:
    store = Store(data)
    records = []
    for n in range(count):
        record = store.create("comeback", "id: comeback\n", f"Reflection {n}")
        store.save_answer(record.id, "setback", f"{PLANTED} #{n}", position="lesson")
        store.save_draft(record.id, "lesson", f"half typed {PLANTED}")
        records.append(store.get(record.id))
    return records


def encrypted_sessions(data: Path) -> int:
    count = 0
    for path in (data / "sessions").glob("*.json"):
        with suppress(FileNotFoundError), path.open("rb") as handle:
            count += handle.read(len(AGE_HEADER)) == AGE_HEADER
    return count


def session_bytes(data: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((data / "sessions").iterdir())}


def test_encrypt_leaves_no_plaintext_and_new_answers_stay_encrypted(data, passphrase_file):
    seed(data)
    (data / "sessions" / ".stale.json.tmp").write_text(PLANTED)  # left by a killed write
    assert plaintext_files(data)

    done = coach_run(data, "encrypt", "--passphrase-file", str(passphrase_file))
    assert done.returncode == 0, done.stderr
    assert "Encrypted" in done.stderr
    assert plaintext_files(data) == []
    assert (data / IDENTITY_FILE).read_bytes().startswith(AGE_HEADER)

    vault = vault_for(data)
    vault.unlock(PASSPHRASE)
    store = Store(data)
    first = store.list_sessions()[0]
    store.save_answer(first.id, "lesson", f"new {PLANTED}", position=None)
    store.set_setting("theme", PLANTED)
    assert plaintext_files(data) == []
    assert store.get(first.id).answers["lesson"] == f"new {PLANTED}"
    assert store.get_setting("theme") == PLANTED


def test_decrypt_gives_back_byte_equal_sessions(data):
    seed(data)
    before = session_bytes(data)
    vault = Vault(data)
    encrypt_folder(vault, PASSPHRASE)
    assert all(raw.startswith(AGE_HEADER) for raw in session_bytes(data).values())

    done = decrypt_folder(vault)
    assert done.changed >= len(before)
    assert session_bytes(data) == before
    assert not (data / IDENTITY_FILE).exists()
    assert sorted(s.title for s in Store(data).list_sessions()) == [
        "Reflection 0",
        "Reflection 1",
        "Reflection 2",
    ]


def test_an_encrypted_file_opens_with_age_as_the_readme_says(data):
    """``age -d identity.age > key.txt``, then ``age -d -i key.txt FILE``: with pyrage."""
    record = seed(data, 1)[0]
    encrypt_folder(Vault(data), PASSPHRASE)

    key_txt = pyrage.passphrase.decrypt((data / IDENTITY_FILE).read_bytes(), PASSPHRASE)
    secret = next(
        line for line in key_txt.decode().splitlines() if line.startswith("AGE-SECRET-KEY-")
    )
    identity = pyrage.x25519.Identity.from_str(secret)
    session = data / "sessions" / f"{record.id}.json"
    plain = pyrage.decrypt(session.read_bytes(), [identity])
    assert f"{PLANTED} #0".encode() in plain
    assert b'"session"' in plain


def test_a_wrong_passphrase_is_refused_with_exit_1(data, tmp_path, passphrase_file):
    seed(data, 1)
    assert coach_run(data, "encrypt", "--passphrase-file", str(passphrase_file)).returncode == 0
    wrong = tmp_path / "wrong"
    wrong.write_text("not it\n")

    listed = coach_run(data, "list", env={"COACH_PASSPHRASE_FILE": str(wrong)})
    assert listed.returncode == 1
    assert listed.stderr.strip() == f"coach: That passphrase does not open {data}."
    undone = coach_run(data, "decrypt", "--passphrase-file", str(wrong))
    assert undone.returncode == 1
    assert (data / IDENTITY_FILE).exists()

    right = coach_run(data, "list", env={"COACH_PASSPHRASE_FILE": str(passphrase_file)})
    assert right.returncode == 0
    assert "Reflection 0" in right.stdout


def test_locked_without_a_terminal_every_command_says_so_and_due_exits_0(data, passphrase_file):
    seed(data, 1)
    assert coach_run(data, "encrypt", "--passphrase-file", str(passphrase_file)).returncode == 0

    for argv in (["list"], ["show", "x"], ["actions"], ["export", "--all"], ["resume"]):
        locked = coach_run(data, *argv)
        assert locked.returncode == 1, argv
        assert locked.stderr.count("\n") == 1, locked.stderr
        assert "locked" in locked.stderr and "Traceback" not in locked.stderr
    due = coach_run(data, "due")
    assert due.returncode == 0
    assert due.stdout.strip().startswith("The coach is locked")
    assert due.stderr == ""


def test_remember_keeps_the_key_in_the_keyring_so_due_needs_no_passphrase(data, passphrase_file):
    seed(data, 1)
    done = coach_run(data, "encrypt", "--remember", "--passphrase-file", str(passphrase_file))
    assert done.returncode == 0, done.stderr
    assert PLANTED not in (data.parent / "keyring.json").read_text()

    listed = coach_run(data, "list")
    assert listed.returncode == 0, listed.stderr
    assert "Reflection 0" in listed.stdout
    assert coach_run(data, "due").stdout == ""  # nothing due, and not locked

    assert coach_run(data, "decrypt").returncode == 0  # the keyring's key opens it too
    assert "comeback-coach" not in (data.parent / "keyring.json").read_text()
    assert not (data / IDENTITY_FILE).exists()


def test_remember_without_any_keyring_says_so_plainly(data, passphrase_file):
    seed(data, 1)
    done = coach_run(
        data,
        "encrypt",
        "--remember",
        "--passphrase-file",
        str(passphrase_file),
        env={"PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"},
    )
    assert done.returncode == 1
    assert "Could not keep the key in the system keyring" in done.stderr
    assert "Traceback" not in done.stderr
    assert plaintext_files(data) == []


def test_an_export_is_written_as_asked_with_a_note(data, tmp_path, passphrase_file):
    seed(data, 1)
    assert coach_run(data, "encrypt", "--passphrase-file", str(passphrase_file)).returncode == 0
    out = tmp_path / "backup.json"
    done = coach_run(
        data, "export", "--all", "-o", str(out), env={"COACH_PASSPHRASE_FILE": str(passphrase_file)}
    )
    assert done.returncode == 0, done.stderr
    assert PLANTED in out.read_text(encoding="utf-8")
    assert "is not encrypted" in done.stderr
    assert plaintext_files(data) == []


def test_listing_a_plain_folder_does_not_import_pyrage(data):
    seed(data, 1)
    code = (
        "import sys; from coach.cli.main import main; main(['--data-dir', sys.argv[1], 'list']);"
        "print('pyrage' in sys.modules, 'keyring' in sys.modules)"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(data)], capture_output=True, text=True, timeout=60
    )
    assert done.stdout.strip().splitlines()[-1] == "False False"


def test_a_locked_folder_refuses_to_write_plaintext(data):
    record = seed(data, 1)[0]
    encrypt_folder(Vault(data), PASSPHRASE)  # another process encrypted it meanwhile
    store = Store(data)
    store.vault.forget()
    with pytest.raises(CoachError, match="locked"):
        store.save_answer(record.id, "lesson", f"later {PLANTED}", position=None)
    assert plaintext_files(data) == []


@pytest.mark.skipif(os.name != "posix", reason="uses SIGKILL")
def test_a_kill_during_encrypt_leaves_a_folder_that_opens_and_finishes(data, passphrase_file):
    records = seed(data, 2)
    store = Store(data)
    extra = [
        SessionRecord.from_json({**records[0].to_json(), "id": f"{n:08x}", "title": f"More {n}"})
        for n in range(120)
    ]
    store.import_records(extra)
    titles = sorted(s.title for s in store.list_sessions())
    rng = random.Random(13)
    halfway = []
    for attempt in range(3):
        child = subprocess.Popen(
            [*ENCRYPT, "--data-dir", str(data), "--passphrase-file", str(passphrase_file)],
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if attempt == 0:  # anywhere: starting, deriving the key, writing the identity
            time.sleep(rng.uniform(0.05, 2.0))
        else:  # once it is converting files: one more encrypted file than before
            before = encrypted_sessions(data)
            while encrypted_sessions(data) <= before and child.poll() is None:
                time.sleep(0.002)
            time.sleep(rng.uniform(0, 0.02))
        child.send_signal(signal.SIGKILL)
        child.wait()
        halfway.append(0 < encrypted_sessions(data) < len(titles))
    assert any(halfway), "no kill landed in the middle of the conversion"

    vault = vault_for(data)
    if vault.encrypted:
        vault.unlock(PASSPHRASE)
    reopened = Store(data)
    assert sorted(s.title for s in reopened.list_sessions()) == titles
    assert reopened.get(records[1].id).answers["setback"] == f"{PLANTED} #1"

    finished = coach_run(data, "encrypt", "--passphrase-file", str(passphrase_file))
    assert finished.returncode == 0, finished.stderr
    assert plaintext_files(data) == []
    listed = coach_run(data, "list", "--all", env={"COACH_PASSPHRASE_FILE": str(passphrase_file)})
    assert listed.returncode == 0
    assert listed.stdout.count("\n") == len(titles) + 1


def test_on_a_terminal_the_cli_asks_twice_for_a_new_passphrase_and_once_to_unlock(
    data, monkeypatch, capsys
):
    from coach.cli.main import main

    record = seed(data, 1)[0]
    asked: list[str] = []
    typed = iter([PASSPHRASE, PASSPHRASE, PASSPHRASE])
    monkeypatch.setattr("coach.cli.encryption._on_a_terminal", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: asked.append(prompt) or next(typed))

    assert main(["--data-dir", str(data), "encrypt"]) == 0
    assert len(asked) == 2
    assert plaintext_files(data) == []

    vault_for(data).forget()  # as a new process finds it
    assert main(["--data-dir", str(data), "list"]) == 0
    assert main(["--data-dir", str(data), "show", record.id]) == 0
    assert len(asked) == 3  # one prompt, one key derivation, for the whole process
    assert "Reflection 0" in capsys.readouterr().out


def test_two_different_new_passphrases_change_nothing(data, monkeypatch, capsys):
    from coach.cli.main import main

    seed(data, 1)
    typed = iter(["one passphrase", "another one"])
    monkeypatch.setattr("coach.cli.encryption._on_a_terminal", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: next(typed))

    assert main(["--data-dir", str(data), "encrypt"]) == 1
    assert "differ" in capsys.readouterr().err
    assert not (data / IDENTITY_FILE).exists()


def test_due_never_asks_even_on_a_terminal(data, passphrase_file, monkeypatch, capsys):
    from coach.cli.main import main

    seed(data, 1)
    encrypt_folder(Vault(data), PASSPHRASE)
    monkeypatch.setattr("coach.cli.encryption._on_a_terminal", lambda: True)
    monkeypatch.setattr("getpass.getpass", lambda prompt: pytest.fail("due asked"))

    assert main(["--data-dir", str(data), "due"]) == 0
    assert capsys.readouterr().out.startswith("The coach is locked")


def test_files_in_the_scripts_folder_stay_as_the_person_wrote_them(data):
    from coach.files import write_atomically

    seed(data, 1)
    vault = vault_for(data)
    encrypt_folder(vault, PASSPHRASE)
    (data / "scripts").mkdir()
    write_atomically(data / "scripts" / "mine.yaml", b"coach-script: 1\n")
    write_atomically(data / "notes.json", b"{}")
    assert (data / "scripts" / "mine.yaml").read_bytes() == b"coach-script: 1\n"
    assert (data / "notes.json").read_bytes().startswith(AGE_HEADER)
