"""Hostile scripts end in a clear message in bounded time: aliases, bombs, huge numbers,
deep nesting, huge files, and files that are not files, wherever a script is read."""

from __future__ import annotations

import json
import os

import pytest
from hostile_support import run_cli, run_process
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from coach.scripts.validate import load_script_text
from coach.scripts.yaml_limits import MAX_SCRIPT_CHARS, SHOWN_ALIASES

TINY = """\
coach-script: 1
id: tiny
title: Tiny
minutes: 5
steps:
  - id: only
    title: Only step
    prompts:
      - id: setback
        kind: choice
        ask: What happened?
        options: [a, b]
      - id: mood
        kind: scale
        ask: How do you feel?
        min: 1
        max: 5
        labels: {1: Low, 5: High}
      - id: todo
        kind: list
        ask: First actions
        action: true
"""

CYCLE = TINY.replace("options: [a, b]", "options: &o [a, *o]")


def billion_laughs(levels: int = 9) -> str:
    lines = ["coach-script: 1", "id: bomb", "title: Bomb", "x0: &a0 [lol, lol, lol]"]
    for level in range(1, levels + 1):
        lines.append(f"x{level}: &a{level} [{', '.join([f'*a{level - 1}'] * 9)}]")
    lines.append(f"steps: *a{levels}")
    return "\n".join(lines) + "\n"


def messages(text: str) -> list[str]:
    script, problems = load_script_text(text, "s.yaml")
    assert script is None
    return [str(problem) for problem in problems]


def test_an_alias_cycle_is_refused_at_the_alias():
    assert messages(CYCLE) == [
        "s.yaml:12:25: an alias ('*o') is not allowed in a script: write the value out in "
        "full instead of referring to an anchor"
    ]


def test_a_billion_laughs_is_refused_with_the_first_aliases_and_a_count():
    found = messages(billion_laughs())
    assert len(found) == SHOWN_ALIASES + 1
    assert found[0].startswith("s.yaml:5:10: an alias ('*a0') is not allowed")
    assert found[-1].endswith(f"...and {9 * 9 + 1 - SHOWN_ALIASES:,} more aliases")


def test_an_anchor_without_an_alias_is_harmless():
    script, problems = load_script_text(TINY.replace("[a, b]", "&choices [a, b]"))
    assert problems == [] and script is not None


@pytest.mark.parametrize(
    ("old", "new", "where"),
    [
        ("minutes: 5", "minutes: " + "9" * 5000, "4:10: 'minutes' is too large"),
        ("coach-script: 1", "coach-script: " + "9" * 5000, "1:15: 'coach-script' is too large"),
        ("max: 5", "max: " + "1" * 20, "17:14: 'max' is too large"),
        ("{1: Low", "{" + "1" * 100 + ": Low", "18:18: a scale point is too large"),
    ],
    ids=["minutes", "format version", "scale max", "scale label"],
)
def test_a_number_of_thousands_of_digits_is_a_message(old, new, where):
    found = messages(TINY.replace(old, new))
    assert any(where in line for line in found), found


@pytest.mark.parametrize("depth", [200, 2_000, 200_000])
def test_deep_nesting_is_a_message(depth):
    found = messages(TINY.replace("[a, b]", "[" * depth + "]" * depth))
    assert found and all(line.startswith("s.yaml:") for line in found)
    if depth > 1_000:
        assert found == [f"s.yaml:12:{1_000 + 13}: this file is nested too deeply to be a script"]


def test_a_huge_script_is_refused_before_it_is_parsed():
    text = TINY + "# " + "x" * MAX_SCRIPT_CHARS + "\n"
    assert messages(text) == [
        f"s.yaml:1:1: this script is too long ({len(text):,} characters; "
        f"a script can be at most {MAX_SCRIPT_CHARS:,})"
    ]


def test_validate_names_the_alias_and_exits_1(tmp_path, capsys):
    (tmp_path / "cycle.yaml").write_text(CYCLE, encoding="utf-8")
    code, out, err = run_cli("validate", str(tmp_path / "cycle.yaml"))
    assert code == 1 and err == ""
    assert out.startswith(f"{tmp_path / 'cycle.yaml'}:12:25: an alias ('*o')")


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_a_fifo_named_like_a_script_is_listed_as_a_problem_not_waited_on(tmp_path):
    folder = tmp_path / "scripts"
    folder.mkdir()
    os.mkfifo(folder / "waiting.yaml")
    (folder / "tiny.yaml").write_text(TINY, encoding="utf-8")
    done = run_process("--data-dir", str(tmp_path / "data"), "--scripts", str(folder), "scripts")
    assert done.returncode == 0, done.stderr
    assert "problem: " in done.stdout and "not a regular file" in done.stdout
    assert "tiny" in done.stdout


def test_cycles_and_bombs_end_quickly_in_every_command(tmp_path):
    """As new processes, stopped after a minute: the hangs this guards against are
    for ever. The hostile script is a file, one in the scripts folder, and the
    snapshot kept by an imported session."""
    data, folder = tmp_path / "data", tmp_path / "scripts"
    folder.mkdir()
    (folder / "cycle.yaml").write_text(CYCLE, encoding="utf-8")
    (folder / "bomb.yaml").write_text(billion_laughs(), encoding="utf-8")
    backup = tmp_path / "backup.json"
    sessions = [
        hostile_session("aaaa0001", CYCLE.replace("id: tiny", "id: comeback")),
        hostile_session("aaaa0002", billion_laughs().replace("id: bomb", "id: comeback")),
    ]
    backup.write_text(json.dumps({"coach_export": 1, "sessions": sessions}), encoding="utf-8")
    common = ["--data-dir", str(data), "--scripts", str(folder)]
    for argv in (
        ["validate", str(folder / "cycle.yaml"), str(folder / "bomb.yaml")],
        ["import", str(backup)],
        ["scripts"],
        ["show", "aaaa0001"],
        ["show", "aaaa0002"],
        ["due"],
        ["actions", "--all"],
        ["progress"],
    ):
        done = run_process(*common, *argv)
        assert done.returncode in (0, 1), (argv, done.stderr)
        assert "Traceback" not in done.stderr, (argv, done.stderr)


def hostile_session(session_id: str, source: str) -> dict:
    return {
        "id": session_id,
        "script_id": "comeback",
        "script_source": source,
        "title": "Hostile",
        "status": "completed",
        "started_at": "2026-03-01T12:00:00+00:00",
        "updated_at": "2026-03-01T12:30:00+00:00",
        "answers": {"setback": "x", "checkin_date": "2026-03-02"},
        "actions": [{"id": "a1", "text": "Call Sam", "done": False, "due": "2026-03-01"}],
    }


# -- generated scripts ---------------------------------------------------------------------

HOSTILE_VALUES = [
    "&a x",
    "*a",
    "&a [x, *a]",
    "[*a, *a, *a]",
    "9" * 5000,
    "-" + "9" * 5000,
    "0x" + "f" * 5000,
    "1e99999",
    ".nan",
    "[" * 3000 + "]" * 3000,
    "{" * 3000 + "}" * 3000,
    "!!python/object:os.system ls",
    "!!binary aGVsbG8=",
    "!!set {a, b}",
    "<<: *a",
    "'unclosed",
    "{today}",
    "\x1b[31m",
    "2026-02-30",
    "~",
]

TINY_LINES = TINY.splitlines()


@st.composite
def mutated_scripts(draw) -> str:
    """The tiny script with some values, keys or whole lines replaced by hostile YAML."""
    lines = list(TINY_LINES)
    for _ in range(draw(st.integers(1, 4))):
        index = draw(st.integers(0, len(lines) - 1))
        value = draw(st.sampled_from(HOSTILE_VALUES) | st.text(max_size=12))
        line = lines[index]
        if ":" in line and draw(st.booleans()):
            lines[index] = line.split(":", 1)[0] + ": " + value
        else:
            lines[index] = value
    return "\n".join(lines) + "\n"


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_scripts())
def test_generated_scripts_end_in_a_script_or_located_problems(text):
    script, problems = load_script_text(text, "g.yaml")
    assert (script is None) == bool(problems)
    for problem in problems:
        assert problem.line >= 1 and problem.column >= 1 and problem.message


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(text=mutated_scripts())
def test_generated_scripts_in_the_scripts_folder_never_stop_a_listing(tmp_path, text):
    folder = tmp_path / "scripts"
    folder.mkdir(exist_ok=True)
    (folder / "generated.yaml").write_text(text, encoding="utf-8", errors="surrogatepass")
    code, out, _err = run_cli(
        "--data-dir", str(tmp_path / "d"), "--scripts", str(folder), "scripts"
    )
    assert code == 0
    assert "comeback" in out  # the built-in scripts are still there
    code, _out, _err = run_cli("validate", str(folder / "generated.yaml"))
    assert code in (0, 1)
