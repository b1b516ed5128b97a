"""The check-in streak in words: a first check-in is a start, not "1 week"."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from coach.followup.facts import SessionFacts
from coach.followup.streak import streak_words

TODAY = date(2026, 3, 2)  # a Monday


def checkin(session_id: str, day: date) -> SessionFacts:
    stamp = f"{day.isoformat()}T12:00:00+00:00"
    return SessionFacts(session_id, "checkin", "Check-in", stamp, stamp, stamp, plan_id="p")


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        ([], "none yet"),
        ([0], "first check-in today"),  # day 0: one check-in is not a 1-week streak
        ([0, 21], "started again today"),
        ([1], "started last week"),  # 2026-03-02 is a Monday: yesterday is last week
        ([0, 7], "2 weeks"),
        ([0, 7, 14], "3 weeks"),
    ],
)
def test_the_streak_reads_as_what_happened(days_ago: list[int], expected: str) -> None:
    checkins = [checkin(f"c{k}", TODAY - timedelta(days=n)) for k, n in enumerate(days_ago)]
    assert streak_words(checkins, TODAY) == expected


def test_a_second_check_in_the_same_week_says_the_streak_started_this_week() -> None:
    later = TODAY + timedelta(days=2)
    checkins = [checkin("c0", TODAY), checkin("c1", later)]
    assert streak_words(checkins, later) == "started this week"
