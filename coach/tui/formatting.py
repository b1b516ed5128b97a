"""How stored times, counts and statuses read on screen."""

from __future__ import annotations

from datetime import datetime

from coach.text import escape_controls


def local_time(stamp: str) -> str:
    """An ISO 8601 time as ``YYYY-MM-DD HH:MM`` in the local time zone."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return escape_controls(stamp[:16])


def local_date(stamp: str) -> str:
    return local_time(stamp)[:10]


def counted(number: int, noun: str) -> str:
    """``1 session``, ``2 sessions``."""
    return f"{number} {noun}{'' if number == 1 else 's'}"


def status_label(status: str) -> str:
    return "finished" if status == "completed" else "in progress"
