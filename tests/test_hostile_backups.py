"""Hostile backups are refused whole before anything is written, and whatever a session
can hold prints escaped in every command; unreadable plans are said, not skipped."""

from __future__ import annotations

import copy
import json
import tempfile
from pathlib import Path

import pytest
from followup_support import TODAY, DayClock, finished_plan, make_store
from hostile_support import folder_state, run_cli
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import coach.cli.followup
import coach.store.backup
from coach.store.backup_checks import MAX_DEPTH, SHOWN_PROBLEMS


@pytest.fixture(scope="module")
def exported() -> dict:
    """One finished plan as ``coach export --all`` writes it."""
    with tempfile.TemporaryDirectory() as folder:
        clock = DayClock(TODAY)
        finished_plan(make_store(Path(folder) / "data", clock), clock)
        code, out, _err = run_cli("--data-dir", str(Path(folder) / "data"), "export", "--all")
    assert code == 0
    return json.loads(out)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(coach.cli.followup, "today", lambda: TODAY)


def with_changes(exported: dict, **changes) -> dict:
    document = copy.deepcopy(exported)
    document["sessions"][0].update(changes)
    return document


def refused(tmp_path: Path, text: str) -> str:
    """Import ``text`` into a data folder holding one plan; it must be refused, changing
    nothing. Returns what was said."""
    data = tmp_path / "data"
    if not data.exists():
        clock = DayClock(TODAY)
        finished_plan(make_store(data, clock), clock)
    before = folder_state(data)
    backup = tmp_path / "backup.json"
    backup.write_text(text, encoding="utf-8", errors="surrogatepass")
    code, out, err = run_cli("--data-dir", str(data), "import", str(backup))
    assert code == 1 and out == ""
    assert folder_state(data) == before
    assert err.startswith(f"coach: {backup} ")
    assert "Nothing was imported" in err
    return err


def test_nan_and_infinity_are_refused(tmp_path, exported):
    answers = dict(exported["sessions"][0]["answers"], confidence=float("nan"))
    err = refused(tmp_path, json.dumps(with_changes(exported, answers=answers)))
    assert "it holds NaN, which is not a number JSON allows" in err
    answers["confidence"] = float("-inf")
    err = refused(tmp_path, json.dumps(with_changes(exported, answers=answers)))
    assert "-Infinity" in err


def test_a_number_of_thousands_of_digits_is_refused(tmp_path, exported):
    text = json.dumps(with_changes(exported, answers={"confidence": 7}))
    err = refused(tmp_path, text.replace('"confidence": 7', '"confidence": ' + "9" * 5000))
    assert "it holds a number of 5,000 digits" in err
    assert "Traceback" not in err and "4300" not in err


def test_a_lone_surrogate_is_refused(tmp_path, exported):
    err = refused(tmp_path, json.dumps(with_changes(exported, title="ok \ud800")))
    assert "'title' is not valid Unicode text" in err


@pytest.mark.parametrize("depth", [MAX_DEPTH + 5, 100_000])
def test_deep_nesting_is_refused(tmp_path, exported, depth):
    text = json.dumps(with_changes(exported, notes=0))
    err = refused(tmp_path, text.replace('"notes": 0', '"notes": ' + "[" * depth + "]" * depth))
    assert "nested too deeply" in err


@pytest.mark.parametrize(
    ("changes", "said"),
    [
        ({"status": "dunno"}, "'status' should be in_progress or completed, not 'dunno'"),
        ({"status": 1}, "'status' should be in_progress or completed, not a number"),
        ({"started_at": "yesterday"}, "'started_at' should be a time like"),
        ({"updated_at": "2026-02-30T10:00:00"}, "'updated_at' should be a time like"),
        ({"completed_at": 5}, "'completed_at' should be a time like"),
        ({"id": "../etc"}, "'id' '../etc' cannot be a session id"),
        ({"script_id": ""}, "'script_id' should be the id of a script"),
        ({"title": ["x"]}, "'title' should be text, not an array"),
        ({"answers": {"x": {"y": 1}}}, "'answers.x' should be text, a number"),
        ({"answers": {"x": [1, 2]}}, "'answers.x' should be text, a number"),
        ({"drafts": []}, "'drafts' should be an object, not an array"),
        ({"position": 3}, "'position' should be text or null, not a number"),
        ({"plan_id": {"a": 1}}, "'plan_id' should be the id of a session, not an object"),
        ({"actions": [{"text": "x", "done": "yes"}]}, "'done' should be true or false"),
        ({"actions": [{"text": 5, "done": False}]}, "'text' should be text, not a number"),
        ({"actions": [{"id": 5, "text": "x", "done": False}]}, "'id' should be text of"),
        ({"actions": [{"text": "x", "done": False, "due": "soon"}]}, "'due' should be a date"),
        ({"actions": ["x"]}, "action 1: it should be an object, not a string"),
    ],
)
def test_every_field_is_checked_against_the_export_format(tmp_path, exported, changes, said):
    err = refused(tmp_path, json.dumps(with_changes(exported, **changes)))
    assert said in err


def test_a_null_title_and_script_are_as_good_as_missing(tmp_path, exported):
    backup = tmp_path / "backup.json"
    document = with_changes(exported, title=None, script_source=None)
    backup.write_text(json.dumps(document), encoding="utf-8")
    home = ["--data-dir", str(tmp_path / "data")]
    assert run_cli(*home, "import", str(backup))[0] == 0
    code, out, _err = run_cli(*home, "list")
    assert code == 0 and out.splitlines()[1].endswith("  comeback")


def test_the_first_few_problems_are_named_and_the_rest_counted(tmp_path, exported):
    bad = {"text": 1, "done": "no", "due": "later"}
    document = with_changes(exported, status="?", actions=[bad, bad, bad])
    err = refused(tmp_path, json.dumps(document))
    assert err.count("\n  session 1 (") == SHOWN_PROBLEMS
    assert "cannot be imported. Nothing was imported. 10 problems:" in err
    assert err.rstrip().endswith(f"…and {10 - SHOWN_PROBLEMS} more")


def test_a_backup_too_large_is_refused_before_it_is_read_whole(tmp_path, exported, monkeypatch):
    monkeypatch.setattr(coach.store.backup, "MAX_BACKUP_BYTES", 1000)
    err = refused(tmp_path, json.dumps(exported))
    assert "is larger than a backup can be" in err


def test_a_refused_import_into_a_new_folder_creates_nothing(tmp_path, exported):
    backup = tmp_path / "backup.json"
    backup.write_text(json.dumps(with_changes(exported, status="?")), encoding="utf-8")
    code, _out, _err = run_cli("--data-dir", str(tmp_path / "new"), "import", str(backup))
    assert code == 1 and not (tmp_path / "new").exists()


# -- what is printed ---------------------------------------------------------------------

HOSTILE_ID = "a1\x1b]0;pwned\x07"
HOSTILE_TEXT = "Call \x1b[2J Sam\x9b"


@pytest.fixture
def hostile_data(tmp_path, exported) -> Path:
    """A data folder holding an imported plan whose action id and text hold controls."""
    action = {"id": HOSTILE_ID, "text": HOSTILE_TEXT, "done": False, "due": "2026-03-01"}
    backup = tmp_path / "hostile.json"
    document = with_changes(exported, actions=[action], id="bbbb0001")
    backup.write_text(json.dumps(document), encoding="utf-8")
    assert run_cli("--data-dir", str(tmp_path / "data"), "import", str(backup))[0] == 0
    return tmp_path / "data"


def no_raw_controls(text: str) -> bool:
    return not any(ch in text for ch in "\x1b\x07\x9b")


def test_control_characters_in_action_ids_are_escaped_in_coach_actions(hostile_data):
    code, out, err = run_cli("--data-dir", str(hostile_data), "actions")
    assert code == 0 and no_raw_controls(out + err)
    assert "a1\\x1b]0;pwned\\x07" in out and "Call \\x1b[2J Sam\\x9b" in out


def test_control_characters_are_escaped_in_ics_on_stdout(hostile_data):
    code, out, err = run_cli(
        "--data-dir", str(hostile_data), "export", "bbbb0001", "--format", "ics"
    )
    assert code == 0 and "BEGIN:VEVENT" in out
    assert no_raw_controls(out + err)
    assert "pwned" in out


@pytest.mark.parametrize(
    "argv",
    [
        ["list"],
        ["show", "bbbb0001"],
        ["export", "bbbb0001"],
        ["export", "bbbb0001", "--format", "json"],
        ["export", "--all"],
        ["actions", "--all"],
        ["actions", "--json"],
        ["progress"],
        ["due"],
        ["done", "a1"],
    ],
)
def test_no_command_prints_a_raw_control_character(hostile_data, argv):
    code, out, err = run_cli("--data-dir", str(hostile_data), *argv)
    assert code == 0 and no_raw_controls(out + err), (out, err)


def test_json_exports_keep_the_text_exactly(hostile_data):
    _code, out, _err = run_cli("--data-dir", str(hostile_data), "export", "--all")
    (action,) = json.loads(out)["sessions"][0]["actions"]
    assert (action["id"], action["text"]) == (HOSTILE_ID, HOSTILE_TEXT)


# -- unreadable plans ------------------------------------------------------------------------


@pytest.mark.parametrize("argv", [["actions"], ["progress"]])
def test_an_unreadable_plan_is_named_in_one_line_every_time(tmp_path, argv):
    clock = DayClock(TODAY)
    store = make_store(tmp_path / "data", clock)
    broken, kept = finished_plan(store, clock), finished_plan(store, clock)
    store.session_path(broken.id).write_text("{not json", encoding="utf-8")
    for _run in range(2):
        code, out, err = run_cli("--data-dir", str(tmp_path / "data"), *argv)
        assert code == 0
        said = [line for line in err.splitlines() if "cannot be read" in line]
        assert said == [
            f"coach: skipped a session that cannot be read: {store.session_path(broken.id)} "
            f"is damaged: it is not valid JSON (line 1, column 2: Expecting property name "
            f"enclosed in double quotes). It was not changed. Your other sessions are not "
            f"affected. To use this one again, put back a good copy of the file (from a "
            f"backup); or move the file aside, then delete the session in History."
        ]
        assert kept.id in out or argv == ["actions"]


# -- generated backups -------------------------------------------------------------------------

TEXTS = st.sampled_from(
    [
        "",
        "\ud800",
        "\x1b[31m",
        "\x9b2J",
        "[bold]x[/]",
        "2026-03-02",
        "2026-02-30",
        "2026-03-02T12:00:00+00:00",
        "9999-12-31T23:59:59-23:59",
        "completed",
        "in_progress",
        "../x",
        "{setback}",
        "a" * 70,
    ]
) | st.text(max_size=8)
SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(10**18), 10**18)
    | st.floats(allow_nan=True, allow_infinity=True)
    | TEXTS
)
PRINTABLE_TEXTS = TEXTS.filter(lambda text: "\ud800" not in text)
PLAUSIBLE = (
    st.none()
    | st.booleans()
    | st.integers(-(10**15) + 1, 10**15 - 1)
    | st.floats(-1e15, 1e15)
    | PRINTABLE_TEXTS
    | st.lists(PRINTABLE_TEXTS, max_size=3)
    | st.sampled_from(
        [
            "coach-script: 1\nid: comeback\nsteps: &s [*s]\n",
            "coach-script: 1\nid: comeback\nminutes: " + "9" * 5000 + "\n",
            "[" * 5000,
        ]
    )
)
"""Values of the right shape, mostly: what an import may accept and commands must print."""
VALUES = PLAUSIBLE | st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(TEXTS, inner, max_size=3),
    max_leaves=6,
)
FIELDS = [
    "id",
    "script_id",
    "script_source",
    "title",
    "status",
    "started_at",
    "updated_at",
    "answers",
    "position",
    "drafts",
    "actions",
    "plan_id",
    "completed_at",
]
ACTION_FIELDS = ("id", "text", "done", "due", "prompt_id")


@st.composite
def mutated_backups(draw, base: dict) -> str:
    document = copy.deepcopy(base)
    session = document["sessions"][0]
    for _ in range(draw(st.integers(1, 3))):
        where = draw(st.sampled_from(("session", "answer", "action")))
        if where == "session":
            session[draw(st.sampled_from(FIELDS))] = draw(VALUES)
        elif where == "answer" and isinstance(session.get("answers"), dict):
            key = draw(st.sampled_from([*session["answers"], "other"]) | TEXTS)
            session["answers"][key] = draw(VALUES)
        elif isinstance(session.get("actions"), list) and session["actions"]:
            action = session["actions"][0]
            if isinstance(action, dict):
                action[draw(st.sampled_from(ACTION_FIELDS))] = draw(VALUES)
    return json.dumps(document, ensure_ascii=draw(st.booleans()))


COMMANDS = (
    ["list", "--all"],
    ["show", "{id}"],
    ["export", "{id}"],
    ["export", "{id}", "--format", "json"],
    ["export", "{id}", "--format", "ics"],
    ["export", "--all"],
    ["actions", "--all"],
    ["progress"],
    ["due"],
)


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(data=st.data())
def test_generated_backups_are_refused_whole_or_print_in_every_command(exported, data):
    text = data.draw(mutated_backups(exported))
    with tempfile.TemporaryDirectory() as folder:
        home, backup = Path(folder) / "data", Path(folder) / "backup.json"
        backup.write_text(text, encoding="utf-8", errors="surrogatepass")
        code, out, err = run_cli("--data-dir", str(home), "import", str(backup))
        assert code in (0, 1)
        event("refused" if code else "imported")
        if code == 1:
            assert not home.exists() and "Nothing was imported" in err
            return
        session_id = json.loads(text)["sessions"][0]["id"]
        for argv in COMMANDS:
            argv = [part.format(id=session_id) for part in argv]
            code, out, err = run_cli("--data-dir", str(home), *argv)
            assert code in (0, 1), (argv, err)
            assert no_raw_controls(out + err), (argv, out, err)


def test_a_session_file_edited_to_hold_a_lone_surrogate_is_damaged_not_a_traceback(tmp_path):
    clock = DayClock(TODAY)
    store = make_store(tmp_path / "data", clock)
    plan = finished_plan(store, clock)
    path = store.session_path(plan.id)
    path.write_text(path.read_text(encoding="utf-8").replace("Call Sam", "Call \\udc00"))
    code, out, err = run_cli("--data-dir", str(tmp_path / "data"), "show", plan.id)
    assert code == 1 and out == ""
    assert "is damaged: it holds text that is not valid Unicode (a lone surrogate)" in err
    code, _out, err = run_cli("--data-dir", str(tmp_path / "data"), "actions")
    assert code == 0 and "coach: skipped a session that cannot be read: " in err
