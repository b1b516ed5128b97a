"""``coach export SESSION --format ics``: events a calendar app imports, read back by icalendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from followup_support import TODAY, DayClock, finished_checkin, finished_plan, make_store
from icalendar import Calendar

from coach.followup.calendar import PRODID, export_ics, export_ics_text
from coach.followup.facts import facts_for
from coach.session.snapshot import session_script

LONG = "Write to every person who backed the first campaign, " * 3
SPECIAL = "Call Sam, then Ana; ask about the launch\nand the list \\ backslash"


@pytest.fixture
def clock() -> DayClock:
    return DayClock(TODAY)


@pytest.fixture
def store(tmp_path, clock):
    return make_store(tmp_path / "data", clock)


@pytest.fixture
def plan(store, clock):
    """A plan whose second action has a line break (as an imported one may have)."""
    typed = [LONG.strip(), SPECIAL.replace("\n", " "), "Plain \x1b[2J"]
    record = finished_plan(store, clock, {"first_actions": typed})
    actions = [dict(a) for a in record.actions]
    actions[1]["text"] = SPECIAL
    return store.update(record.id, actions=actions)


def events(payload: bytes) -> list:
    return list(Calendar.from_ical(payload).walk("VEVENT"))


def test_the_checkin_and_each_dated_action_are_all_day_events(store, plan):
    payload = export_ics_text(store, plan.id)
    calendar = Calendar.from_ical(payload)
    assert str(calendar["PRODID"]) == PRODID and str(calendar["VERSION"]) == "2.0"
    found = {str(e["SUMMARY"]): e for e in events(payload)}
    assert set(found) == {f"Check-in: {plan.title}", LONG.strip(), SPECIAL, "Plain \\x1b[2J"}
    checkin = found[f"Check-in: {plan.title}"]
    assert checkin.decoded("DTSTART") == date(2026, 3, 16)
    assert checkin["DTSTART"].params["VALUE"] == "DATE"
    assert found[SPECIAL].decoded("DTSTART") == date(2026, 3, 5)
    assert found[SPECIAL].decoded("DTEND") == date(2026, 3, 6)
    assert b"DTSTART;VALUE=DATE:20260305\r\n" in payload


def test_uids_are_stable_and_derived_from_session_and_action(store, plan):
    first, second = export_ics_text(store, plan.id), export_ics_text(store, plan.id[:4])
    assert without_stamps(first) == without_stamps(second)
    uids = sorted(str(e["UID"]) for e in events(first))
    expected = [f"{plan.id}-{a['id']}@comeback-coach" for a in plan.actions]
    assert uids == sorted([*expected, f"{plan.id}-checkin@comeback-coach"])


def without_stamps(payload: bytes) -> bytes:
    return b"\r\n".join(line for line in payload.split(b"\r\n") if not line.startswith(b"DTSTAMP"))


def test_every_event_has_a_reminder_on_the_morning_of_its_day(store, plan):
    for event in events(export_ics_text(store, plan.id)):
        [alarm] = event.walk("VALARM")
        assert str(alarm["ACTION"]) == "DISPLAY"
        assert alarm.decoded("TRIGGER") == timedelta(hours=9)
        assert str(alarm["DESCRIPTION"]) == str(event["SUMMARY"])


def test_dtstamp_is_the_time_of_the_export(store, plan):
    moment = datetime(2026, 3, 4, 8, 30, 15, tzinfo=UTC)
    record = store.get(plan.id)
    payload = export_ics(record, facts_for(record, session_script(record)), now=moment)
    assert {e.decoded("DTSTAMP") for e in events(payload)} == {moment}
    before = datetime.now(UTC).replace(microsecond=0)
    stamps = {e.decoded("DTSTAMP") for e in events(export_ics_text(store, plan.id))}
    assert len(stamps) == 1 and before <= stamps.pop() <= datetime.now(UTC)


def test_lines_end_with_crlf_and_long_ones_are_folded(store, plan):
    payload = export_ics_text(store, plan.id)
    assert payload.endswith(b"\r\n")
    assert b"\n" not in payload.replace(b"\r\n", b"")
    assert max(len(line) for line in payload.split(b"\r\n")) <= 75
    assert b"\r\n " in payload  # a folded continuation line
    assert any(str(e["SUMMARY"]) == LONG.strip() for e in events(payload))


def test_commas_semicolons_newlines_and_backslashes_are_escaped_and_round_trip(store, plan):
    payload = export_ics_text(store, plan.id)
    unfolded = payload.replace(b"\r\n ", b"")
    escaped = b"SUMMARY:Call Sam\\, then Ana\\; ask about the launch\\nand the list \\\\ backslash"
    assert escaped in unfolded
    assert SPECIAL in {str(e["SUMMARY"]) for e in events(payload)}


def test_control_characters_never_reach_the_file(store, plan):
    payload = export_ics_text(store, plan.id)
    assert b"\x1b" not in payload and b"Plain \\\\x1b[2J" in payload


def test_a_checkin_exports_its_next_checkin_and_next_steps(store, clock, plan):
    checkin = finished_checkin(store, clock, plan)
    payload = export_ics_text(store, checkin.id)
    found = {str(e["SUMMARY"]): e.decoded("DTSTART") for e in events(payload)}
    assert found == {
        f"Check-in: {plan.title}": date(2026, 3, 9),
        "Post the workshop": date(2026, 3, 9),
    }


def test_done_actions_are_kept_and_said_to_be_done(store, plan):
    actions = [dict(a, done=True) for a in plan.actions]
    record = store.update(plan.id, actions=actions)
    payload = export_ics(record, facts_for(record, session_script(record)))
    actions = [e for e in events(payload) if "Check-in" not in e["SUMMARY"]]
    descriptions = {str(e["DESCRIPTION"]) for e in actions}
    assert descriptions == {f"An action item of your plan: {plan.title} (done)"}
