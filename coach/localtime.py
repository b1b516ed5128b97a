"""Stored times as the user reads them: local time, to the minute, cheaply.

The store writes UTC times such as ``2026-03-01T18:30:00+00:00``. Lists show
thousands of them, and parsing each one costs more than the rest of a row, so
``local_minutes`` works out the local offset once per UTC day and shifts the
hour of each time by slicing and a few lookups. That is exact on every day
whose local offset is a whole number of hours and the same all day; times on
other days (a daylight-saving switch, offsets such as +05:30) and times in any
other form are converted one by one, by ``local_minute``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from datetime import date, datetime, timedelta

from coach.text import escape_controls

_HOURS = {f"T{hour:02d}": hour for hour in range(24)}
_HOUR_TEXT = [f" {hour:02d}" for hour in range(24)]
_UNIX_DAY_ONE = date(1970, 1, 1).toordinal()
_DAY = timedelta(days=1)
_tails: frozenset[str] = frozenset()

_Day = tuple[int, str, str, str]
"""A UTC day's local offset in hours, and the day before, the day and the day after."""


def local_minute(stamp: str) -> str:
    """``stamp`` as local ``YYYY-MM-DD HH:MM``; if unreadable, its start, shown safely."""
    try:
        return datetime.fromisoformat(stamp).astimezone().strftime("%Y-%m-%d %H:%M")
    except ValueError:
        return escape_controls(stamp[:16])


def local_minutes(stamps: Sequence[str]) -> list[str]:
    """``local_minute`` of each stamp, for lists of thousands."""
    tails, hours, hour_text, convert = _stored_tails(), _HOURS, _HOUR_TEXT, local_minute
    days = {text: _day(text) for text in {stamp[:10] for stamp in stamps}}
    shown: list[str] = []
    add = shown.append
    for stamp in stamps:
        day = days[stamp[:10]]
        hour = hours.get(stamp[10:13])
        if day is None or hour is None or stamp[13:] not in tails:
            add(convert(stamp))
            continue
        hour += day[0]
        if 0 <= hour < 24:
            add(day[2] + hour_text[hour] + stamp[13:16])
        elif hour < 0:
            add(day[1] + hour_text[hour + 24] + stamp[13:16])
        else:
            add(day[3] + hour_text[hour - 24] + stamp[13:16])
    return shown


def _day(text: str) -> _Day | None:
    """The UTC day ``text`` (``YYYY-MM-DD``), or None unless one whole-hour offset holds all day."""
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    if len(text) != 10 or not 1900 <= day.year < 9999:
        return None
    start = (day.toordinal() - _UNIX_DAY_ONE) * 86400
    offset = time.localtime(start).tm_gmtoff
    if offset % 3600 or time.localtime(start + 86399).tm_gmtoff != offset:
        return None
    text = day.isoformat() if "W" in text else text  # 2026-W09-7 is a day too
    before = (day - _DAY).isoformat() if offset < 0 else ""  # only a negative offset reaches back
    after = (day + _DAY).isoformat() if offset > 0 else ""
    return offset // 3600, before, text, after


def _stored_tails() -> frozenset[str]:
    """Every ``:MM:SS+00:00`` the store can write (made on first use)."""
    global _tails
    if not _tails:
        _tails = frozenset(f":{m:02d}:{s:02d}+00:00" for m in range(60) for s in range(60))
    return _tails
