"""A session's dates as an iCalendar file (RFC 5545), written by the ``icalendar`` library.

One all-day event for the check-in date and one for each dated action item,
each with a reminder on the morning of its day. Each event's UID comes from the
session id and the action id, so importing a newer export into a calendar
updates the events instead of doubling them. DTSTAMP is the time of the export,
as RFC 5545 asks. Text is kept as typed (commas, semicolons, newlines are
escaped by the library); only terminal control characters are shown escaped,
as everywhere else.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import TYPE_CHECKING

from icalendar import Alarm, Calendar, Event

from coach import __version__
from coach.errors import CoachError
from coach.followup.facts import CHECKIN_TITLE, SessionFacts, facts_for, parse_day
from coach.store.records import SessionRecord
from coach.text import escape_controls

if TYPE_CHECKING:
    from coach.followup.chain import PlanChain
    from coach.session.snapshot import ScriptLookup
    from coach.store.sessions import Store

PRODID = f"-//Comeback Coach//coach {__version__}//EN"
UID_DOMAIN = "comeback-coach"
REMINDER = timedelta(hours=9)
"""When on the day an event's reminder goes off: the morning, 09:00 local time."""


def export_ics(
    record: SessionRecord,
    facts: SessionFacts,
    chain: PlanChain | None = None,
    now: datetime | None = None,
) -> bytes:
    """The calendar of one session: its check-in date and its dated action items.

    For a plan, ``chain`` brings the next check-in date its check-ins set and the
    action items they added (each keeps the UID it has in its check-in's own file).
    ``now`` is the DTSTAMP, the time of the export (UTC).
    """
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    name = " ".join(_text(record.title or record.script_id).splitlines())
    calendar.add("x-wr-calname", name)  # not a TEXT value: one line, or no calendar at all
    stamp = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    checkin = parse_day(facts.checkin_date)
    if chain is not None and chain.next_checkin is not None:
        checkin = chain.next_checkin
    if checkin is not None:
        title = CHECKIN_TITLE + record.title.removeprefix(CHECKIN_TITLE)
        note = "Time to check in on your comeback plan: what moved, who you met, what comes next."
        calendar.add_component(_event(f"{record.id}-checkin", checkin, title, note, stamp))
    added = chain.checkin_actions() if chain is not None else []
    for session_id, action in [(record.id, a) for a in facts.actions] + [
        (item.session_id, a) for item, a in added
    ]:
        due = action.due_date
        if due is None:
            continue
        note = f"An action item of your plan: {record.title}"
        if action.done:
            note += " (done)"
        calendar.add_component(_event(f"{session_id}-{action.id}", due, action.text, note, stamp))
    return calendar.to_ical()


def event_count(payload: bytes) -> int:
    return payload.count(b"BEGIN:VEVENT")


def export_ics_text(store: Store, session_ref: str, lookup: ScriptLookup | None = None) -> bytes:
    """``coach export SESSION --format ics``: the calendar of a session by id or prefix.

    Raises CoachError when the session has nothing dated to put in a calendar.
    """
    from coach.followup.chain import load_chain
    from coach.session.snapshot import session_script

    record = store.get(session_ref)
    chain = load_chain(store, record, lookup)
    payload = export_ics(record, facts_for(record, session_script(record, lookup)), chain)
    if not event_count(payload):
        raise CoachError(
            f"Session {record.id} has no check-in date and no dated action items: "
            "there is nothing to put in a calendar."
        )
    return payload


def _event(key: str, day: date, summary: str, description: str, stamp: datetime) -> Event:
    event = Event()
    event.add("uid", f"{escape_controls(key)}@{UID_DOMAIN}")
    event.add("dtstamp", stamp)
    event.add("dtstart", day)
    event.add("dtend", day + timedelta(days=1))
    event.add("summary", _text(summary))
    event.add("description", _text(description))
    event.add("transp", "TRANSPARENT")  # a reminder, not a busy day
    event.add_component(_morning_alarm(summary))
    return event


def _morning_alarm(summary: str) -> Alarm:
    """A reminder at 09:00 on the day itself (all-day events start at midnight)."""
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("trigger", REMINDER, parameters={"RELATED": "START"})
    alarm.add("description", _text(summary))
    return alarm


def _text(text: str) -> str:
    """Text as typed; line breaks kept as newlines, control characters shown escaped."""
    return escape_controls(text.replace("\r\n", "\n"))
