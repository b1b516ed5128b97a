"""A plan with a check-in, restored from a backup: one next date, one action count, everywhere.

The plan set its check-in for 2026-03-16 (``+2w``); the check-in on 2026-03-05 moved
it to 2026-03-12 (``+1w``) and added one action to the plan's two. The rendered
plan, ``coach show``, ``coach progress`` and the calendar file must all say so.
"""

from __future__ import annotations

import re
from datetime import date

import pytest
from followup_support import TODAY, DayClock, finished_checkin, finished_plan, make_store
from icalendar import Calendar

import coach.cli.followup
from coach.cli.main import main
from coach.followup.chain import load_chain
from coach.followup.plan import render_plan
from coach.session.snapshot import session_script
from coach.store.backup import export_json
from coach.store.sessions import Store

CHECKIN_DAY = date(2026, 3, 5)
NEXT = "2026-03-12"


@pytest.fixture
def restored(tmp_path, capsys, monkeypatch):
    """The plan's id and its data folder: made elsewhere, exported, imported anew."""
    clock = DayClock(TODAY)
    first = make_store(tmp_path / "before", clock)
    plan = finished_plan(first, clock)
    clock.day(CHECKIN_DAY)
    finished_checkin(first, clock, plan)
    backup = tmp_path / "backup.json"
    backup.write_text(export_json(first.all_records([]), single=False), encoding="utf-8")
    data = tmp_path / "after"
    assert main(["--data-dir", str(data), "import", str(backup)]) == 0
    monkeypatch.setattr(coach.cli.followup, "today", lambda: CHECKIN_DAY)
    capsys.readouterr()
    return plan.id, data


def run(capsys, *argv: str) -> str:
    assert main(list(argv)) == 0
    return capsys.readouterr().out


def action_lines(markdown: str) -> list[str]:
    return re.findall(r"^- \[[ x]\] .*$", markdown, flags=re.MULTILINE)


def test_one_next_checkin_and_one_action_count_across_plan_show_progress_and_ics(restored, capsys):
    plan_id, data = restored
    store = Store(data)
    record = store.get(plan_id)
    rendered = render_plan(record, session_script(record), chain=load_chain(store, record))
    shown = run(capsys, "--data-dir", str(data), "show", plan_id)
    progress = run(capsys, "--data-dir", str(data), "progress", plan_id)
    calendar = run_bytes(capsys, data, plan_id)

    assert shown == rendered
    assert f"On **{NEXT}**" in shown and "2026-03-16" not in shown
    assert f"next on {NEXT}" in progress
    assert "Action items done: 0 of 3" in progress
    assert len(action_lines(shown)) == 3
    assert "- [ ] Post the workshop (by 2026-03-12) · from the check-in of 2026-03-05" in shown
    events = list(Calendar.from_ical(calendar).walk("VEVENT"))
    checkins = [e for e in events if str(e["SUMMARY"]).startswith("Check-in: ")]
    assert [e.decoded("DTSTART").isoformat() for e in checkins] == [NEXT]
    assert len(events) - len(checkins) == 3


def run_bytes(capsys, data, plan_id) -> bytes:
    assert main(["--data-dir", str(data), "export", plan_id, "--format", "ics"]) == 0
    return capsys.readouterr().out.encode("utf-8")


def test_an_action_given_its_own_date_keeps_it_everywhere(restored, capsys):
    plan_id, data = restored
    store = Store(data)
    first = store.get(plan_id).actions[0]
    said = run(capsys, "--data-dir", str(data), "reschedule", first["id"][:5], "2026-03-20")
    assert said.startswith("Now due on 2026-03-20: ")
    shown = run(capsys, "--data-dir", str(data), "show", plan_id)
    assert f"- [ ] {first['text']} (by 2026-03-20)" in shown
    listed = run(capsys, "--data-dir", str(data), "actions", "--json")
    assert {"2026-03-20", "2026-03-05"} <= {row["due"] for row in listed_rows(listed)}


def listed_rows(text: str) -> list[dict]:
    import json

    return json.loads(text)


def test_a_date_that_is_no_date_is_refused_plainly(restored, capsys):
    plan_id, data = restored
    action = Store(data).get(plan_id).actions[0]["id"]
    assert main(["--data-dir", str(data), "reschedule", action, "soon"]) == 1
    err = capsys.readouterr().err
    assert err.startswith("coach: 'soon' is not a date I know") and "Traceback" not in err


def test_show_with_a_damaged_follow_up_index_still_prints_the_plan(restored, capsys):
    plan_id, data = restored
    run(capsys, "--data-dir", str(data), "progress")  # builds the index
    index = data / "followup.json"
    index.write_bytes(b"{not json")
    assert main(["--data-dir", str(data), "show", plan_id]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("# My comeback plan") and "followup.json" in err
    assert index.read_bytes() == b"{not json"


def test_a_due_date_that_has_passed_is_refused(restored, capsys):
    """As the reflection's date questions do: a mistyped year must not make an action
    overdue for years."""
    plan_id, data = restored
    action = Store(data).get(plan_id).actions[0]["id"]
    assert main(["--data-dir", str(data), "reschedule", action, "2020-01-01"]) == 1
    err = capsys.readouterr().err
    assert "2020-01-01 has passed" in err and "Traceback" not in err
    assert Store(data).get(plan_id).actions[0].get("due") != "2020-01-01"
