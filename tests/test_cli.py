"""The command line, as a user types it: output, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from datetime import UTC, datetime
from pathlib import Path

import pytest
from cli_support import run

import coach.cli.sessions
from coach import __version__
from coach.followup.plan import derive_actions
from coach.paths import builtin_scripts_dir
from coach.scripts.validate import load_script
from coach.session.wizard import Wizard
from coach.store.index import index_tables
from coach.store.localtime import local_minute
from coach.store.records import SessionSummary
from coach.store.sessions import Store
from coach.store.storage import encode_tables
from coach.text import escape_controls

VALID = """\
coach-script: 1
id: tiny
title: Tiny
steps:
  - id: only
    title: Only step
    prompts:
      - id: setback
        kind: text
        ask: What happened?
      - id: todo
        kind: list
        ask: First actions
        action: true
"""


def coach_process(*argv: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *argv],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        **kwargs,
    )


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def finished(data) -> str:
    """A completed comeback-style session with an action item, stored in ``data``."""
    script = load_script(builtin_scripts_dir() / "quick.yaml")
    store = Store(
        data, clock=lambda: datetime(2026, 3, 2, 9, 30, tzinfo=UTC), new_id=lambda: "abc12345"
    )
    record = store.create(script.id, script.source, script.title)
    answers = {p.id: None for p in script.prompts}
    wizard = Wizard(script, clock=lambda: datetime(2026, 3, 2).date())
    typed = {
        "setback": "[bold]My launch[/bold] flopped \x1b[31m",
        "lesson": "Ask earlier.",
        "contact": "Sam",
        "channel": "Email",
        "first_action": "[TODO] call Sam",
        "action_date": "+3d",
        "tweak": "",
    }
    while wizard.current is not None:
        prompt = wizard.current
        wizard.accept_answer(typed.get(prompt.id, answers.get(prompt.id)))
    for key, value in wizard.answers.items():
        store.save_answer(record.id, key, value, None)
    actions = derive_actions(wizard, [], record.id)
    store.update(record.id, actions=actions, title=wizard.answers["setback"])
    store.complete(record.id)
    return record.id


# -- validate, scripts, version --------------------------------------------


def test_version_prints_the_package_version(capsys):
    code, out, _ = run(capsys, "--version")
    assert code == 0 and out.strip() == f"coach {__version__}"


def test_validate_accepts_every_bundled_script(capsys):
    files = sorted(str(p) for p in builtin_scripts_dir().glob("*.yaml"))
    assert len(files) >= 3
    code, out, _ = run(capsys, "validate", *files)
    assert code == 0, out
    assert out.count(": ok") == len(files)


def test_validate_reports_every_problem_with_its_position_and_exits_1(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        VALID.replace("kind: text", "kind: txt").replace(
            "ask: First", "requird: true\n        ask: First"
        )
    )
    code, out, _ = run(capsys, "validate", str(bad))
    assert code == 1
    lines = out.strip().splitlines()
    assert lines[0].startswith(f"{bad}:9:15: ") and "txt" in lines[0]
    assert lines[1].startswith(f"{bad}:13:9: ") and "did you mean 'required'" in lines[1]


def test_validate_of_a_missing_file_is_a_problem_not_a_traceback(capsys, tmp_path):
    code, out, err = run(capsys, "validate", str(tmp_path / "nope.yaml"))
    assert code == 1 and "nope.yaml:1:1:" in out and "Traceback" not in err


def test_scripts_lists_built_ins_overrides_and_broken_ones(capsys, data, monkeypatch, tmp_path):
    user = data / "scripts"
    user.mkdir(parents=True)
    (user / "quick.yaml").write_text(
        VALID.replace("id: tiny", "id: quick").replace("Tiny", "My quick")
    )
    extra = tmp_path / "workshop"
    extra.mkdir()
    (extra / "broken.yaml").write_text("coach-script: 1\nid: broken\ntitle: [unclosed\n")
    code, out, _ = run(capsys, "scripts", "--data-dir", str(data), "--scripts", str(extra))
    assert code == 0
    assert "comeback" in out and "My quick" in out
    assert "overrides the built-in script" in out
    assert "broken" in out and "problem: " in out


def test_wrong_usage_exits_2(capsys):
    code, _, err = run(capsys, "export")
    assert code == 2 and "SESSION or --all" in err
    code, _, _ = run(capsys, "frobnicate")
    assert code == 2


# -- list, show, export, import -----------------------------------------------


def test_list_shows_sessions_with_their_title_as_typed_and_controls_escaped(capsys, data, finished):
    code, out, _ = run(capsys, "list", "--data-dir", str(data))
    assert code == 0
    row = out.splitlines()[1]
    assert row.startswith("abc12345  quick") and "finished" in row and "completed" not in row
    assert "[bold]My launch[/bold] flopped \\x1b[31m" in row
    assert "\x1b" not in out


def test_list_all_lines_up_every_row_whatever_the_part_it_is_printed_in(capsys, data, monkeypatch):
    """Rows of odd widths and times, printed a few at a time: the same table as one
    plain format per row would give."""
    monkeypatch.setattr(coach.cli.sessions, "_TABLE_PART", 3)
    summaries = [
        SessionSummary(
            id=f"{n:08x}" if n % 3 else f"long-id-{n:02d}-of-a-session",
            script_id="comeback" if n % 2 else "a-script-with-a-long-id",
            title=f"Title {n} \x1b[31m中文" if n == 4 else f"Title {n}",
            status=("completed", "in_progress", "paused")[n % 3],
            started_at=f"2026-03-{n + 1:02d}T0{n}:15:00+00:00" if n != 5 else "yesterday",
            updated_at=f"2026-03-{n + 1:02d}T2{n % 4}:45:59+00:00",
        )
        for n in range(8)
    ]
    data.mkdir()
    (data / "index.json").write_bytes(encode_tables(index_tables(summaries)))
    code, out, _ = run(capsys, "list", "--all", "--data-dir", str(data))
    assert code == 0
    expected = [("ID", "SCRIPT", "STATUS", "STARTED", "UPDATED", "TITLE")] + [
        (
            row.id,
            row.script_id,
            {"completed": "finished"}.get(row.status, row.status.replace("_", " ")),
            local_minute(row.started_at),
            local_minute(row.updated_at),
            escape_controls(row.title),
        )
        for row in reversed(summaries)
    ]
    ids = max(len(row[0]) for row in expected)
    scripts = max(len(row[1]) for row in expected)
    assert (ids, scripts) == (len("long-id-06-of-a-session"), len("a-script-with-a-long-id"))
    plain = f"{{:<{ids}}}  {{:<{scripts}}}  {{:<11}}  {{:<16}}  {{:<16}}  {{}}"
    assert out.splitlines() == [plain.format(*row) for row in expected]


def test_list_json_gives_the_fields_of_each_session(capsys, data, finished):
    code, out, _ = run(capsys, "list", "--json", "--all", "--data-dir", str(data))
    assert code == 0
    (row,) = json.loads(out)
    assert row["id"] == "abc12345" and row["status"] == "completed"
    assert row["started_at"].startswith("2026-03-02T09:30:00")


def test_an_empty_store_lists_nothing_and_says_how_to_start(capsys, data):
    code, out, err = run(capsys, "list", "--data-dir", str(data))
    assert code == 0 and out == "" and "coach start" in err


def test_show_prints_the_plan_with_user_text_as_typed(capsys, data, finished):
    code, out, _ = run(capsys, "show", "abc", "--data-dir", str(data))
    assert code == 0
    assert "## Action items" in out
    assert r"- [ ] \[TODO\] call Sam (by 2026-03-05)" in out
    assert "\x1b" not in out


def test_show_on_a_terminal_draws_the_plan_without_markdown_escapes(
    capsys, monkeypatch, data, finished
):
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    monkeypatch.setenv("COLUMNS", "100")
    code, out, _ = run(capsys, "show", "abc", "--data-dir", str(data))
    assert code == 0
    assert "[TODO] call Sam (by 2026-03-05)" in out  # as typed: not read as markup
    assert "\\[" not in out and "## " not in out  # no Markdown syntax left to read
    assert "Action items" in out


def test_an_unknown_session_is_one_plain_line_and_exit_1(capsys, data, finished):
    code, out, err = run(capsys, "show", "zzz", "--data-dir", str(data))
    assert code == 1 and out == ""
    assert err.startswith("coach: ") and len(err.strip().splitlines()) <= 2


def test_export_json_has_the_documented_fields(capsys, data, finished):
    code, out, _ = run(capsys, "export", "abc12345", "--format", "json", "--data-dir", str(data))
    assert code == 0
    session = json.loads(out)["session"]
    for name in ("id", "script_id", "status", "started_at", "updated_at", "answers", "actions"):
        assert name in session
    assert session["answers"]["action_date"] == "2026-03-05"
    assert session["actions"][0] | {"id": None} == {
        "id": None,
        "text": "[TODO] call Sam",
        "done": False,
        "due": "2026-03-05",
        "prompt_id": "first_action",
    }
    assert "\x1b" not in out, "control characters are escaped in JSON"


def test_export_then_import_into_an_empty_folder_gives_back_the_same_sessions(
    capsys, data, finished, tmp_path
):
    backup = tmp_path / "backup.json"
    assert run(capsys, "export", "--all", "-o", str(backup), "--data-dir", str(data))[0] == 0
    other = tmp_path / "other"
    code, _, err = run(capsys, "import", str(backup), "--data-dir", str(other))
    assert code == 0 and "Imported 1 session" in err
    before = Store(data).get("abc12345")
    after = Store(other).get("abc12345")
    assert after == before


def test_importing_an_existing_id_skips_it_and_says_so(capsys, data, finished, tmp_path):
    backup = tmp_path / "one.json"
    run(
        capsys, "export", "abc12345", "--format", "json", "-o", str(backup), "--data-dir", str(data)
    )
    code, _, err = run(capsys, "import", str(backup), "--data-dir", str(data))
    assert code == 0 and "Skipped abc12345" in err and "Imported 0 sessions" in err


def test_an_invalid_import_is_refused_whole_and_changes_nothing(capsys, data, finished, tmp_path):
    good = {
        "id": "new00001",
        "script_id": "quick",
        "status": "completed",
        "started_at": "2026-03-01T10:00:00+00:00",
        "updated_at": "2026-03-01T10:00:00+00:00",
        "answers": {"setback": "x"},
        "actions": [],
    }
    bad = dict(good, id="new00002", answers="not a dict")
    file = tmp_path / "mixed.json"
    file.write_text(json.dumps({"sessions": [good, bad]}))
    before = sorted(p.read_bytes() for p in data.rglob("*.json"))
    code, _, err = run(capsys, "import", str(file), "--data-dir", str(data))
    assert code == 1 and "session 2" in err and "Nothing was imported" in err
    assert sorted(p.read_bytes() for p in data.rglob("*.json")) == before


def test_an_imported_session_without_a_snapshot_takes_the_installed_script(capsys, data, tmp_path):
    file = tmp_path / "min.json"
    file.write_text(
        json.dumps(
            {
                "session": {
                    "id": "imp00001",
                    "script_id": "quick",
                    "status": "in_progress",
                    "started_at": "2026-03-01T10:00:00+00:00",
                    "updated_at": "2026-03-01T10:00:00+00:00",
                    "answers": {"setback": "Lost a client", "from_old_version": "kept"},
                    "actions": [],
                }
            }
        )
    )
    assert run(capsys, "import", str(file), "--data-dir", str(data))[0] == 0
    assert Store(data).get("imp00001").script_source.startswith("coach-script: 1")
    code, out, _ = run(capsys, "show", "imp", "--data-dir", str(data))
    assert code == 0 and "Lost a client" in out
    assert "## Other answers" in out and "from\\_old\\_version" in out


def test_a_session_whose_script_is_nowhere_is_shown_as_questions_and_answers(
    capsys, data, tmp_path
):
    file = tmp_path / "orphan.json"
    file.write_text(
        json.dumps(
            {
                "session": {
                    "id": "orph0001",
                    "script_id": "gone",
                    "status": "completed",
                    "started_at": "2026-03-01T10:00:00+00:00",
                    "updated_at": "2026-03-01T10:00:00+00:00",
                    "answers": {"why": "Because"},
                    "actions": [{"text": "Call Sam", "done": True}],
                }
            }
        )
    )
    assert run(capsys, "import", str(file), "--data-dir", str(data))[0] == 0
    code, out, _ = run(capsys, "show", "orph0001", "--data-dir", str(data))
    assert code == 0 and "not installed" in out and "Because" in out
    assert "- [x] Call Sam" in out


def test_export_writes_markdown_to_a_file(capsys, data, finished, tmp_path):
    target = tmp_path / "plan.md"
    code, out, _ = run(capsys, "export", "abc", "-o", str(target), "--data-dir", str(data))
    assert code == 0 and out == ""
    assert target.read_text().startswith("#")


# -- process-level promises -----------------------------------------------------


@pytest.mark.parametrize(
    "argv",
    [
        ["--version"],
        ["list", "--all"],
        ["scripts"],
        ["validate", "PROMPTS"],
        ["show", "abc12345"],
        ["export", "--all"],
    ],
)
def test_commands_that_open_no_screen_do_not_import_textual(argv, data, finished):
    argv = [str(builtin_scripts_dir() / "comeback.yaml") if a == "PROMPTS" else a for a in argv]
    result = coach_process("-X", "importtime", "-m", "coach", *argv, env={"COACH_HOME": str(data)})
    assert result.returncode == 0, result.stderr[-2000:]
    imported = {
        line.split("|")[-1].strip().split(".")[0]
        for line in result.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "coach" in imported
    assert "textual" not in imported and "rich" not in imported


def test_a_damaged_store_is_one_plain_message_without_traceback(data, finished):
    index = data / "index.json"
    index.write_bytes(b"{not json")
    result = coach_process("-m", "coach", "list", env={"COACH_HOME": str(data)})
    assert result.returncode == 1
    assert "index.json" in result.stderr and "Traceback" not in result.stderr
    assert index.read_bytes() == b"{not json"


def test_a_damaged_session_file_is_named_and_the_other_sessions_still_work(
    capsys, data, finished, tmp_path
):
    store = Store(data, new_id=lambda: "bad00001")
    broken = store.create("quick", "", "Broken one")
    path = store.session_path(broken.id)
    path.write_bytes(b"{ not json")
    code, out, _ = run(capsys, "list", "--data-dir", str(data))
    assert code == 0 and "abc12345" in out and "bad00001" in out
    assert run(capsys, "show", "abc", "--data-dir", str(data))[0] == 0
    code, out, err = run(capsys, "show", "bad", "--data-dir", str(data))
    assert code == 1 and out == ""
    assert err.startswith(f"coach: {path} is damaged: it is not valid JSON")
    assert "Traceback" not in err
    backup = tmp_path / "backup.json"
    code, _, err = run(capsys, "export", "--all", "-o", str(backup), "--data-dir", str(data))
    assert code == 1 and f"coach: left out of the export: {path} is damaged" in err
    assert [s["id"] for s in json.loads(backup.read_text())["sessions"]] == ["abc12345"]
    assert path.read_bytes() == b"{ not json"


def test_the_built_in_scripts_ship_inside_the_wheel(tmp_path):
    root = Path(__file__).resolve().parent.parent
    built = coach_process(
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "-q",
        "-w",
        str(tmp_path),
        str(root),
        cwd=tmp_path,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp_path.glob("*.whl")
    names = set(zipfile.ZipFile(wheel).namelist())
    for script in ("comeback", "checkin", "quick"):
        assert f"coach/prompts/{script}.yaml" in names


def test_coach_scripts_env_adds_folders_and_a_broken_script_never_hides_the_others(
    capsys, data, monkeypatch, tmp_path
):
    first, second = tmp_path / "one", tmp_path / "two"
    first.mkdir()
    second.mkdir()
    (first / "tiny.yaml").write_text(VALID)
    (second / "oops.yaml").write_text(
        "coach-script: 1\nid: oops\ntitle: Oops\nsteps: []\nrequird: 1\n"
    )
    monkeypatch.setenv("COACH_SCRIPTS", os.pathsep.join([str(first), str(second)]))
    code, out, _ = run(capsys, "scripts", "--data-dir", str(data))
    assert code == 0
    assert "tiny" in out and "COACH_SCRIPTS" in out
    assert "oops.yaml:5:1: unknown key 'requird'" in out
    assert "comeback" in out, "the built-in scripts are still listed"


def test_export_ics_writes_a_calendar_that_icalendar_reads_back(capsys, data, finished, tmp_path):
    from icalendar import Calendar

    target = tmp_path / "plan.ics"
    code, _, _ = run(capsys, "export", "abc", "-o", str(target), "--data-dir", str(data))
    assert code == 0
    events = Calendar.from_ical(target.read_bytes()).walk("VEVENT")
    assert [str(e["SUMMARY"]) for e in events] == ["[TODO] call Sam"]
    assert events[0].decoded("DTSTART").isoformat() == "2026-03-05"


def test_export_all_refuses_a_calendar_as_wrong_usage(capsys):
    code, _, err = run(capsys, "export", "--all", "--format", "ics")
    assert code == 2 and "calendar" in err


def test_the_follow_up_commands_are_wired_into_coach(capsys, data, finished):
    code, out, _ = run(capsys, "actions", "--data-dir", str(data))
    assert code == 0 and "[TODO] call Sam" in out
    code, out, _ = run(capsys, "done", out.splitlines()[1].split()[0][:4], "--data-dir", str(data))
    assert code == 0 and "Ticked" in out
    assert Store(data).get("abc12345").actions[0]["done"] is True


def test_show_of_an_unfinished_session_gives_the_answers_so_far_and_how_to_go_on(capsys, data):
    script = load_script(builtin_scripts_dir() / "comeback.yaml")
    store = Store(data, new_id=lambda: "half0001")
    record = store.create(script.id, script.source, script.title)
    store.save_answer(record.id, "setback", "Nobody came to the launch", "expected")
    code, out, _ = run(capsys, "show", "half", "--data-dir", str(data))
    assert code == 0
    assert "Not finished yet: 1 of" in out and "coach resume half0001" in out
    assert "Nobody came to the launch" in out
    assert "**Goal:**" not in out and "On ****" not in out, "no half-filled plan template"


def test_exports_are_private_files_like_the_data_they_come_from(capsys, data, finished, tmp_path):
    backup, plan = tmp_path / "backup.json", tmp_path / "plan.md"
    assert run(capsys, "export", "--all", "-o", str(backup), "--data-dir", str(data))[0] == 0
    assert run(capsys, "export", "abc", "-o", str(plan), "--data-dir", str(data))[0] == 0
    assert backup.stat().st_mode & 0o777 == 0o600
    assert plan.stat().st_mode & 0o777 == 0o600


def test_an_export_to_a_folder_that_does_not_exist_is_a_plain_error(capsys, data, finished):
    code, _, err = run(capsys, "export", "abc", "-o", "/nonexistent/x.md", "--data-dir", str(data))
    assert code == 1 and err.startswith("coach: Could not save to /nonexistent/x.md")


def test_resume_with_nothing_unfinished_says_so_and_does_not_open_the_app(
    capsys, data, finished, monkeypatch
):
    import coach.tui.app

    monkeypatch.setattr(coach.tui.app, "run_app", lambda **_: pytest.fail("the app opened"))
    code, out, err = run(capsys, "resume", "--data-dir", str(data))
    assert code == 0
    assert out.splitlines() == [coach.cli.sessions.NOTHING_TO_RESUME]
    assert err == ""


def test_resume_with_an_unfinished_session_opens_the_app(capsys, data, monkeypatch):
    import coach.tui.app

    Store(data).create("quick", "", "Half done")
    opened: list[dict] = []
    monkeypatch.setattr(coach.tui.app, "run_app", lambda **kw: opened.append(kw) or 0)
    code, out, _ = run(capsys, "resume", "--data-dir", str(data))
    assert code == 0 and out == ""
    assert opened and opened[0]["resume_latest"] is True
