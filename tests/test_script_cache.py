"""The cache of loaded scripts: used only while a file is unchanged, never trusted blindly."""

from __future__ import annotations

import os
import pickle
import stat
import time
from pathlib import Path

import pytest
from fresh_python import last_line_printed

import coach.scripts.validate
from coach.paths import ScriptFolder
from coach.scripts.cache import FILE_NAME, FOLDER, LoadedScripts
from coach.scripts.catalog import discover

SCRIPT = """\
coach-script: 1
id: tiny
title: {title}
steps:
  - id: learn
    title: Learn
    prompts:
      - id: what
        kind: text
        ask: What happened?
"""
HOUR_AGO = time.time() - 3600


def write_script(folder: Path, title: str, *, settled: bool = True) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "tiny.yaml"
    path.write_text(SCRIPT.format(title=title), encoding="utf-8")
    if settled:  # as a script installed or edited a while ago
        os.utime(path, (HOUR_AGO, HOUR_AGO))
    return path


@pytest.fixture
def data(tmp_path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir(mode=0o700)
    return folder


@pytest.fixture
def scripts(tmp_path) -> list[ScriptFolder]:
    return [ScriptFolder(tmp_path / "scripts", "yours")]


def titles(folders: list[ScriptFolder], data: Path) -> list[str]:
    return [entry.title for entry in discover(folders, LoadedScripts(data))]


@pytest.fixture
def no_parsing(monkeypatch):
    def refuse():
        def refused(*_args, **_kwargs):
            raise AssertionError("a script was parsed")

        monkeypatch.setattr(coach.scripts.validate, "load_script_file", refused)

    return refuse


def test_an_unchanged_script_is_not_parsed_again(data, scripts, no_parsing):
    write_script(scripts[0].path, "Tiny")
    assert titles(scripts, data) == ["Tiny"]
    cache = data / FOLDER / FILE_NAME
    assert stat.S_IMODE(cache.stat().st_mode) == 0o600
    assert stat.S_IMODE(cache.parent.stat().st_mode) == 0o700
    no_parsing()
    assert titles(scripts, data) == ["Tiny"]


def test_an_edited_script_is_read_again(data, scripts):
    path = write_script(scripts[0].path, "Before")
    titles(scripts, data)
    path.write_text(SCRIPT.format(title="Aft3r!"), encoding="utf-8")  # the same size
    os.utime(path, (HOUR_AGO + 60, HOUR_AGO + 60))
    assert titles(scripts, data) == ["Aft3r!"]


def test_a_script_changed_just_now_is_not_kept(data, scripts, no_parsing):
    write_script(scripts[0].path, "Fresh", settled=False)
    titles(scripts, data)
    assert not (data / FOLDER / FILE_NAME).exists()


def test_a_broken_script_is_never_kept_and_its_problems_stay_current(data, scripts):
    path = write_script(scripts[0].path, "Tiny")
    path.write_text("coach-script: 1\nid: tiny\n", encoding="utf-8")
    os.utime(path, (HOUR_AGO, HOUR_AGO))
    for _ in range(2):
        (entry,) = discover(scripts, LoadedScripts(data))
        assert entry.script is None and entry.problems


@pytest.mark.parametrize("damage", [b"", b"not a pickle", pickle.dumps(("old shape", {}))])
def test_a_damaged_or_foreign_cache_is_ignored_and_replaced(data, scripts, damage):
    write_script(scripts[0].path, "Tiny")
    cache = data / FOLDER / FILE_NAME
    cache.parent.mkdir(mode=0o700)
    cache.write_bytes(damage)
    cache.chmod(0o600)
    assert titles(scripts, data) == ["Tiny"]
    assert LoadedScripts(data).get(scripts[0].path / "tiny.yaml") is not None


class Planted:
    """What a pickle from someone else could do when loaded: here, leave a mark."""

    def __reduce__(self):
        return (Path.touch, (Path(os.environ["PLANTED_MARK"]),))


def test_a_cache_others_could_have_written_is_never_unpickled(data, scripts, tmp_path, monkeypatch):
    write_script(scripts[0].path, "Tiny")
    mark = tmp_path / "planted"
    monkeypatch.setenv("PLANTED_MARK", str(mark))
    cache = data / FOLDER / FILE_NAME
    cache.parent.mkdir(mode=0o700)
    cache.write_bytes(pickle.dumps(Planted()))
    cache.chmod(0o666)
    assert titles(scripts, data) == ["Tiny"]
    assert not mark.exists()


def test_nothing_is_created_without_a_data_folder(tmp_path, scripts):
    write_script(scripts[0].path, "Tiny")
    assert titles(scripts, tmp_path / "none") == ["Tiny"]
    assert not (tmp_path / "none").exists()


def test_with_the_cache_warm_the_app_starts_without_loading_yaml(data):
    code = (
        "import sys; from pathlib import Path; from coach.scripts.catalog import discover; "
        "from coach.paths import script_folders; from coach.scripts.cache import LoadedScripts; "
        f"import coach.tui.app; data = Path({str(data)!r}); "
        "entries = discover(script_folders(data, None), LoadedScripts(data)); "
        "print(len(entries), all(e.script for e in entries), 'yaml' in sys.modules)"
    )
    count, usable, _loaded = last_line_printed(code).split()  # the first run parses
    assert int(count) >= 3 and usable == "True"
    assert last_line_printed(code).split() == [count, "True", "False"]
