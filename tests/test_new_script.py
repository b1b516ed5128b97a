"""``coach new-script``: a starter script that validates, for an author's first minute."""

from __future__ import annotations

import json
import subprocess
import sys

import yaml
from schema_support import schema_errors

from coach.cli.authoring import SCHEMA_LINE, SCHEMA_NAME
from coach.cli.main import main
from coach.scripts.model import KINDS
from coach.scripts.schema import script_schema
from coach.scripts.validate import load_script_file


def new_script(capsys, path) -> tuple[int, str]:
    code = main(["new-script", str(path)])
    return code, capsys.readouterr().err


def test_the_starter_validates_and_passes_the_schema(capsys, tmp_path):
    path = tmp_path / "spring-workshop.yaml"
    code, err = new_script(capsys, path)
    assert code == 0 and "coach preview" in err
    script, problems = load_script_file(path)
    assert problems == [] and script is not None
    assert script.id == "spring-workshop" and script.title == "Spring workshop"
    assert schema_errors(path.read_text()) == []


def test_the_starter_shows_every_kind_and_feature_each_with_a_comment(capsys, tmp_path):
    path = tmp_path / "starter.yaml"
    new_script(capsys, path)
    script, _ = load_script_file(path)
    assert len(script.steps) == 3
    assert sorted(p.kind for p in script.prompts) == sorted(KINDS)
    assert any(p.when for p in script.prompts)
    assert any("{" in p.ask for p in script.prompts[1:])
    assert any(p.limits for p in script.prompts)
    assert any(p.action and p.kind == "list" for p in script.prompts)
    assert all(step.summary for step in script.steps[:1]) and script.plan
    lines = path.read_text().splitlines()
    for number, line in enumerate(lines):
        if line.lstrip().startswith("- id:") and line.startswith("      "):
            assert lines[number - 1].lstrip().startswith("#"), f"no comment above: {line}"


def test_the_first_line_points_editors_at_the_schema_written_beside_it(capsys, tmp_path):
    path = tmp_path / "mine.yaml"
    new_script(capsys, path)
    assert path.read_text().startswith(SCHEMA_LINE)
    assert json.loads((tmp_path / SCHEMA_NAME).read_text()) == script_schema()


def test_an_existing_file_is_never_overwritten(capsys, tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("my own words\n")
    code, err = new_script(capsys, path)
    assert code == 1 and "already exists" in err and "Traceback" not in err
    assert path.read_text() == "my own words\n"


def test_an_existing_schema_file_is_left_alone(capsys, tmp_path):
    (tmp_path / SCHEMA_NAME).write_text("{}")
    code, _ = new_script(capsys, tmp_path / "mine.yaml")
    assert code == 0 and (tmp_path / SCHEMA_NAME).read_text() == "{}"


def test_an_odd_file_name_still_gives_a_valid_script(capsys, tmp_path):
    path = tmp_path / 'Team: "Q3" review #2.yaml'
    assert new_script(capsys, path)[0] == 0
    script, problems = load_script_file(path)
    assert problems == [] and script.title == 'Team: "Q3" review #2'
    assert yaml.safe_load(path.read_text())["id"] == "team-q3-review-2"


def test_schema_and_new_script_do_not_import_textual(tmp_path):
    for argv in (["schema"], ["new-script", str(tmp_path / "x.yaml")]):
        result = subprocess.run(
            [sys.executable, "-X", "importtime", "-m", "coach", *argv],
            capture_output=True,
            text=True,
            check=True,
        )
        imported = {
            line.split("|")[-1].strip().split(".")[0] for line in result.stderr.splitlines()
        }
        assert "coach" in imported and "textual" not in imported and "rich" not in imported
