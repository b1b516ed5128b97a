"""``coach actions``, ``done``, ``progress``, ``due`` and ``export --format ics``, as typed."""

from __future__ import annotations

import argparse
import json
from datetime import date, timedelta
from pathlib import Path

import pytest
from cli_support import run
from followup_support import TODAY, DayClock, finished_checkin, finished_plan, make_store
from fresh_python import last_line_printed

import coach.cli.followup
from coach.cli.followup import add_commands, export_ics

TYPED = "[bold]My launch[/bold] flopped \x1b[31m"
SHOWN = "[bold]My launch[/bold] flopped \\x1b[31m"


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def clock() -> DayClock:
    return DayClock(TODAY)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    return set_today(monkeypatch, TODAY)


def set_today(monkeypatch, day: date) -> date:
    monkeypatch.setattr(coach.cli.followup, "today", lambda: day)
    return day


@pytest.fixture
def plan(data, clock):
    return finished_plan(make_store(data, clock), clock, {"setback": TYPED})


def test_add_commands_gives_a_handler_for_each_command():
    common = argparse.ArgumentParser(add_help=False)
    parser = argparse.ArgumentParser()
    handlers = add_commands(parser.add_subparsers(dest="command"), common)
    assert set(handlers) == {"actions", "done", "reschedule", "progress", "due", "serve"}
    args = parser.parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 8000)


# -- coach actions --------------------------------------------------------------------


def test_actions_lists_open_items_with_id_due_plan_and_text(capsys, data, plan, monkeypatch):
    set_today(monkeypatch, date(2026, 3, 6))
    code, out, err = run(capsys, "actions", "--data-dir", str(data))
    lines = out.splitlines()
    assert code == 0 and lines[0].split() == ["ID", "DUE", "PLAN", "TEXT"]
    first = lines[1]
    assert first.startswith(plan.actions[0]["id"]) and "2026-03-05!" in first
    assert first.endswith("  Email five past clients") and "  [bold]My launch[/bo…  " in first
    assert "\x1b" not in out and "overdue" in err


def test_actions_json_and_all(capsys, data, plan):
    run(capsys, "done", plan.actions[0]["id"], "--data-dir", str(data))
    code, out, _ = run(capsys, "actions", "--json", "--data-dir", str(data))
    listed = json.loads(out)
    assert code == 0 and [item["text"] for item in listed] == ["Call Sam"]
    assert listed[0]["plan"] == TYPED and listed[0]["due"] == "2026-03-05"
    assert "\\u001b" in out and "\x1b" not in out
    code, out, _ = run(capsys, "actions", "--all", "--data-dir", str(data))
    assert "[ ] " in out and "[x] " in out and out.index("Call Sam") < out.index("Email five")


def test_no_actions_is_a_hint_on_stderr_and_exit_0(capsys, data):
    code, out, err = run(capsys, "actions", "--data-dir", str(data))
    assert (code, out) == (0, "") and "No open action items" in err


# -- coach done -----------------------------------------------------------------------------


def test_done_ticks_by_prefix_and_says_what_it_ticked(capsys, data, plan, clock):
    target = plan.actions[1]["id"]
    code, out, _ = run(capsys, "done", target[:4], "--data-dir", str(data))
    assert code == 0 and out == f"Ticked {target}: Call Sam ({SHOWN})\n"
    assert make_store(data, clock).get(plan.id).actions[1]["done"] is True
    code, out, _ = run(capsys, "done", target, "--data-dir", str(data))
    assert out.startswith("Already done: ")
    code, out, _ = run(capsys, "done", target, "--undo", "--data-dir", str(data))
    assert out.startswith(f"Unticked {target}")
    assert make_store(data, clock).get(plan.id).actions[1]["done"] is False


def test_done_with_an_unknown_action_is_exit_1_with_a_plain_message(capsys, data, plan):
    code, out, err = run(capsys, "done", "zzzz", "--data-dir", str(data))
    assert code == 1 and out == ""
    assert err == "coach: No action item matches 'zzzz'. See them all with: coach actions --all\n"


# -- coach due ----------------------------------------------------------------------------------


def test_due_prints_nothing_and_exits_0_when_nothing_is_due(capsys, data, plan):
    assert run(capsys, "due", "--data-dir", str(data)) == (0, "", "")


def test_due_prints_nothing_for_a_data_folder_that_does_not_exist(capsys, tmp_path):
    assert run(capsys, "due", "--data-dir", str(tmp_path / "none")) == (0, "", "")
    assert not (tmp_path / "none").exists()


def test_due_lists_overdue_actions_and_checkins(capsys, data, plan, monkeypatch):
    set_today(monkeypatch, date(2026, 3, 16))
    code, out, err = run(capsys, "due", "--data-dir", str(data))
    first, second = plan.actions[0]["id"], plan.actions[1]["id"]
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Overdue since 2026-03-05: Email five past clients ({SHOWN}) [{first}]",
        f"Overdue since 2026-03-05: Call Sam ({SHOWN}) [{second}]",
        f"Check-in due today: {SHOWN}",
    ]


def test_due_stays_a_few_lines(capsys, data, clock, monkeypatch):
    store = make_store(data, clock)
    for n in range(4):
        finished_plan(store, clock, {"setback": f"Plan {n}"})
    set_today(monkeypatch, date(2026, 3, 6))
    _code, out, _ = run(capsys, "due", "--data-dir", str(data))
    lines = out.splitlines()
    assert len(lines) == 5 and lines[-1] == "…and 4 more: coach actions"


def test_due_loads_no_yaml_and_no_textual_once_the_index_is_current(capsys, data, plan):
    run(capsys, "due", "--data-dir", str(data))  # builds followup.json
    probe = (
        "import sys; from coach.cli.followup import main; main(['due', '--data-dir', "
        f"{str(data)!r}]); print(sorted(m for m in sys.modules if m in ('yaml', 'textual')))"
    )
    assert last_line_printed(probe) == "[]"  # (the real today: things may be due)


# -- coach progress --------------------------------------------------------------------------------


def test_progress_prints_a_sparkline_per_tracked_metric(capsys, data, clock, monkeypatch):
    store = make_store(data, clock)
    clock.day(TODAY - timedelta(days=14))
    plan = finished_plan(store, clock, {"setback": TYPED})
    clock.day(TODAY - timedelta(days=7))
    finished_checkin(store, clock, plan, {"confidence": 3, "new_connections": 1})
    clock.day(TODAY)
    finished_checkin(store, clock, plan, {"confidence": 5, "new_connections": 6})
    code, out, _ = run(capsys, "progress", "--data-dir", str(data))
    assert code == 0
    assert out.splitlines() == [
        SHOWN,
        f"  plan {plan.id}",
        "",
        "Days since the setback: 14",
        "Action items done: 0 of 4",
        "Check-ins: 2, streak 2 weeks; next on 2026-03-09",
        "Confidence           ▁▃█  2 → 5",
        "Daily outreach goal  ▄    5",
        "New connections      ▁█   1 → 6",
    ]


def test_progress_without_a_finished_plan_is_a_hint(capsys, data):
    code, out, err = run(capsys, "progress", "--data-dir", str(data))
    assert (code, out) == (0, "") and "No finished plan yet" in err


def test_progress_of_an_unknown_or_unfinished_session_is_exit_1(capsys, data, plan, clock):
    code, _, err = run(capsys, "progress", "nope", "--data-dir", str(data))
    assert code == 1 and "No session matches 'nope'" in err
    unfinished = make_store(data, clock).create("comeback", "", "draft")
    code, _, err = run(capsys, "progress", unfinished.id, "--data-dir", str(data))
    assert code == 1 and "is not finished yet" in err


# -- coach export SESSION --format ics -------------------------------------------------------


def test_export_ics_writes_the_calendar_to_a_file(capsys, data, plan, tmp_path):
    output = tmp_path / "plan.ics"
    args = argparse.Namespace(data_dir=str(data), session=plan.id[:3], output=str(output))
    assert export_ics(args) == 0
    payload = output.read_bytes()
    assert payload.startswith(b"BEGIN:VCALENDAR\r\n") and payload.count(b"BEGIN:VEVENT") == 3
    assert f"Wrote {output}" in capsys.readouterr().err


def test_export_ics_of_a_session_with_no_dates_is_a_clear_error(data, clock):
    store = make_store(data, clock)
    record = store.create("comeback", "", "Nothing dated")
    args = argparse.Namespace(data_dir=str(data), session=record.id, output=None)
    with pytest.raises(coach.cli.followup.CoachError, match="nothing to put in a calendar"):
        export_ics(args)


def test_actions_and_progress_say_when_a_finished_plan_cannot_be_read(capsys, data, plan):
    store = make_store(data, DayClock(TODAY))
    store.session_path(plan.id).write_bytes(b"{ not json \x00\xff")
    for name in ("followup.json", "followup-glance.json"):  # as before the first follow-up command
        (data / name).unlink(missing_ok=True)
    for argv in (["actions", "--all"], ["progress"]):
        code, _, err = run(capsys, *argv, "--data-dir", str(data))
        assert code == 0
        assert "coach: skipped a session that cannot be read" in err and plan.id in err
    code, _, err = run(capsys, "actions", "--data-dir", str(data))
    assert "skipped a session that cannot be read" in err
