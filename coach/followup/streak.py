"""The check-in streak in words: weeks in a row, but never "1 week" for a first check-in.

A streak counts ISO weeks with a check-in (``report.checkin_streak``). One week
with a check-in is a start, not a week kept up: it reads as "first check-in
today" on the day it is made, "started this week" later that week, and
"started last week" the week after (still unbroken until this week ends).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from coach.followup.facts import SessionFacts, local_day
from coach.followup.report import checkin_streak


def streak_words(checkins: Sequence[SessionFacts], today: date) -> str:
    """``3 weeks``, ``first check-in today``, ``started this week``, ... or ``none yet``."""
    weeks = checkin_streak(checkins, today)
    if weeks == 0:
        return "none yet"
    if weeks > 1:
        return f"{weeks} weeks"
    days = [day for item in checkins if (day := local_day(item.completed_at))]
    monday = today - timedelta(days=today.weekday())
    this_week = [day for day in days if monday <= day <= today]
    if not this_week:
        return "started last week"
    if len(this_week) == 1 and this_week[0] == today:
        return "first check-in today" if len(days) == 1 else "started again today"
    return "started this week"
