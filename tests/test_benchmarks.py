"""The benchmarks are code too: they run, report every figure, and seed honest data.

No timing is asserted here; ``python benchmarks/run.py`` is where speed is judged.
"""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from coach.followup.facts import CHECKIN_TITLE, COMPLETED_AT, PLAN_ID
from coach.followup.index import load_glance
from coach.store.sessions import Store

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
ISSUE_FIGURES = {  # issue 5's figures, issue 6's progress_growth, issue 13's encrypted_*
    "startup_ratio",
    "cli_ratio",
    "keystroke_ratio",
    "autosave_growth",
    "list_growth",
    "history_growth",
    "progress_growth",
    "memory_ratio",
    "validate_ratio",
    "encrypted_autosave",
    "encrypted_startup",
}


@pytest.fixture
def seeding(monkeypatch):
    monkeypatch.syspath_prepend(str(BENCHMARKS))
    import seeding

    return seeding


def test_the_quick_run_writes_every_figure_as_a_positive_number(tmp_path):
    written = tmp_path / "figures.json"
    completed = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--quick", "--json", str(written)],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert completed.returncode == 0, completed.stderr
    document = json.loads(written.read_text(encoding="utf-8"))
    figures, bars = document["figures"], document["bars"]
    assert set(figures) >= ISSUE_FIGURES
    for name, value in figures.items():
        assert isinstance(value, float | int) and value > 0, name
        assert name in completed.stdout
    assert {name for name, bar in bars.items() if bar is None} == {
        "startup_floor",
        "validate_floor",
    }


def files_of(folder: Path) -> dict[str, tuple[int, bytes]]:
    return {
        str(path.relative_to(folder)): (
            path.stat().st_mode & 0o777,
            b"" if path.is_dir() else path.read_bytes(),
        )
        for path in sorted(folder.rglob("*"))
    }


def test_seeded_folders_hold_exactly_what_the_store_writes(seeding, tmp_path):
    records = seeding.sample_records(12)
    seeding.write_store(tmp_path / "seeded", records)
    Store(tmp_path / "imported").import_records(records)
    assert files_of(tmp_path / "seeded") == files_of(tmp_path / "imported")
    assert (tmp_path / "seeded").stat().st_mode & 0o777 == 0o700


def test_seeded_sessions_read_back_as_written(seeding, tmp_path):
    records = seeding.sample_records(30)
    seeding.write_store(tmp_path / "data", records)
    store = Store(tmp_path / "data")
    assert [row.id for row in store.list_sessions()] == [r.id for r in reversed(records)]
    assert store.get(records[5].id) == records[5]
    statuses = {record.status for record in records}
    assert statuses == {"completed", "in_progress"}
    assert records[-1].status == "in_progress"
    assert all(record.actions for record in records if record.status == "completed")


def test_seeded_folders_hold_the_follow_up_index_the_app_keeps(seeding, tmp_path):
    folder = tmp_path / "data"
    records = seeding.sample_records(40)
    seeding.write_store(folder, records)
    seeding.write_follow_up(folder)
    written = files_of(folder)
    assert {"followup.json", "followup-glance.json"} <= set(written)
    store = Store(folder)
    glance = load_glance(store)  # what Home reads first: current, so nothing is rewritten
    assert files_of(folder) == written
    assert glance.finished == sum(record.status == "completed" for record in records)
    report = glance.progress(date(2026, 3, 2))
    assert report is not None and report.checkins and report.metrics


def test_seeded_check_ins_belong_to_the_plan_finished_before_them(seeding):
    records = seeding.sample_records(60)
    plans: set[str] = set()
    for record in records:
        if record.status == "completed":
            assert record.extra[COMPLETED_AT] == record.updated_at
        if record.script_id == "checkin":
            plan_id = record.extra.get(PLAN_ID)
            assert plan_id in plans
            assert record.title.startswith(CHECKIN_TITLE)
        elif record.status == "completed":
            plans.add(record.id)
