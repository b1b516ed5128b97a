"""``coach validate --format json``: every problem as an object editors and CI can read."""

from __future__ import annotations

import json

from coach.cli.main import main
from coach.paths import builtin_scripts_dir
from coach.scripts.model import PROBLEM_CODES
from coach.scripts.validate import load_script_text

BAD = """\
coach-script: 1
id: tiny
title: Tiny
steps:
  - id: only
    title: Only step
    prompts:
      - id: setback
        kind: txt
        ask: What happened?
      - id: todo
        kind: list
        requird: true
        ask: After {setback}, what next? {later}
"""


def run_json(capsys, *files: str) -> tuple[int, dict]:
    code = main(["validate", "--format", "json", *files])
    out, err = capsys.readouterr()
    assert err == ""
    return code, json.loads(out)


def test_problems_come_as_objects_with_file_line_column_code_and_message(capsys, tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text(BAD)
    code, report = run_json(capsys, str(bad))
    assert code == 1
    assert report["valid"] is False
    assert report["files"] == [{"file": str(bad), "valid": False}]
    assert report["problems"] == [
        {
            "file": str(bad),
            "line": 9,
            "column": 15,
            "code": "unknown-kind",
            "message": "unknown kind 'txt': did you mean 'text'?",
        },
        {
            "file": str(bad),
            "line": 13,
            "column": 9,
            "code": "unknown-key",
            "message": "unknown key 'requird': did you mean 'required'?",
        },
        {
            "file": str(bad),
            "line": 14,
            "column": 42,
            "code": "unknown-reference",
            "message": "'{later}' is not a prompt of this script",
        },
    ]


def test_valid_files_are_listed_with_no_problems_and_exit_0(capsys):
    files = sorted(str(p) for p in builtin_scripts_dir().glob("*.yaml"))
    code, report = run_json(capsys, *files)
    assert code == 0
    assert report == {
        "valid": True,
        "files": [{"file": name, "valid": True} for name in files],
        "problems": [],
    }


def test_a_missing_file_is_a_problem_with_its_own_code(capsys, tmp_path):
    code, report = run_json(
        capsys, str(tmp_path / "nope.yaml"), str(builtin_scripts_dir() / "quick.yaml")
    )
    assert code == 1
    assert [f["valid"] for f in report["files"]] == [False, True]
    assert [p["code"] for p in report["problems"]] == ["unreadable-file"]


CODED = {
    "yaml-syntax": "coach-script: 1\nid: [x\n",
    "empty-script": "",
    "format-version": "coach-script: 2\n",
    "duplicate-key": BAD.replace("title: Tiny", "title: Tiny\ntitle: Again"),
    "misplaced-key": BAD.replace("requird: true", "options: [a]").replace("txt", "text"),
    "missing-key": BAD.replace("        ask: What happened?\n", "").replace("txt", "text"),
    "wrong-type": BAD.replace("requird: true", "required: maybe").replace("txt", "text"),
    "yaml-surprise": BAD.replace("title: Tiny", "title: yes"),
    "bad-id": BAD.replace("id: todo", "id: Todo").replace("txt", "text"),
    "condition-syntax": BAD.replace("requird: true", "when: '{setback} =='").replace("txt", "text"),
    "order-reference": BAD.replace("What happened?", "Before {todo}?").replace("txt", "text"),
}


def test_each_kind_of_mistake_gets_its_code():
    for code, text in CODED.items():
        _script, problems = load_script_text(text, "s.yaml")
        assert code in {p.code for p in problems}, (code, [str(p) for p in problems])
        assert all(p.code in PROBLEM_CODES for p in problems)
