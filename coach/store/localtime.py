"""Stored times as the user reads them: local time, to the minute, cheaply.

The store writes UTC times such as ``2026-03-01T18:30:00+00:00``. Lists show
thousands of them, and parsing each one costs more than the rest of a row, so
``LocalMinutes`` works out the local offset once per UTC day and checks the
form of a whole list of times in one regular-expression match. Where every
day of the list is at offset zero (UTC, or London in winter), each time is
then a slice with ``T`` replaced, done a column at a time in C; elsewhere the
hour of each time is shifted by slicing and a few lookups. That is exact on
every day whose local offset is a whole number of hours and the same all day;
times on other days (a daylight-saving switch, offsets such as +05:30) and
times in any other form are converted one by one, by ``local_minute``.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Sequence
from datetime import date, datetime, timedelta
from itertools import repeat
from operator import itemgetter

from coach.text import escape_controls

_HOURS = {f"T{hour:02d}": hour for hour in range(24)}
_HOUR_TEXT = [f" {hour:02d}" for hour in range(24)]
_UNIX_DAY_ONE = date(1970, 1, 1).toordinal()
_DAY = timedelta(days=1)
_DAY_OF = itemgetter(slice(0, 10))
_MINUTE_OF = itemgetter(slice(0, 16))
_STORED = (
    "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T(?:[01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9][+]00:00"
)
"""A time in the form the store writes (its date is checked with its day)."""
_stored_times: re.Pattern[str] | None = None

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
    return LocalMinutes()(stamps)


class LocalMinutes:
    """``local_minutes``, remembering each UTC day it has worked out (for a list
    shown a part at a time)."""

    def __init__(self) -> None:
        self._days: dict[str, _Day | None] = {}
        self._at_zero: set[str] = set()
        """Days (valid ones) whose local offset is zero all day."""

    def __call__(self, stamps: Sequence[str]) -> list[str]:
        days = self._days
        seen = set(map(_DAY_OF, stamps))
        for text in seen.difference(days):
            day = days[text] = _day(text)
            if day is not None and day[0] == 0:
                self._at_zero.add(text)
        if not _all_stored(stamps):
            return list(map(_one_by_one(days), stamps))
        if self._at_zero.issuperset(seen):
            return list(map(str.replace, map(_MINUTE_OF, stamps), repeat("T"), repeat(" ")))
        return _shifted(stamps, days)


def _all_stored(stamps: Sequence[str]) -> bool:
    """Whether every time has the store's form (one match over them all, in C)."""
    global _stored_times
    if _stored_times is None:
        _stored_times = re.compile(f"(?:{_STORED}\n)*")
    return _stored_times.fullmatch("\n".join([*stamps, ""])) is not None


def _shifted(stamps: Sequence[str], days: dict[str, _Day | None]) -> list[str]:
    """Times of the store's form, each shifted by the whole hours of its day."""
    hours, hour_text, convert = _HOURS, _HOUR_TEXT, local_minute
    shown: list[str] = []
    add = shown.append
    for stamp in stamps:
        day = days[stamp[:10]]
        if day is None:
            add(convert(stamp))
            continue
        hour = hours[stamp[10:13]] + day[0]
        if 0 <= hour < 24:
            add(day[2] + hour_text[hour] + stamp[13:16])
        elif hour < 0:
            add(day[1] + hour_text[hour + 24] + stamp[13:16])
        else:
            add(day[3] + hour_text[hour - 24] + stamp[13:16])
    return shown


def _one_by_one(days: dict[str, _Day | None]) -> Callable[[str], str]:
    """``local_minute`` for a list in which some times have another form."""
    pattern = re.compile(_STORED)

    def shown(stamp: str) -> str:
        if pattern.fullmatch(stamp) and days[stamp[:10]] is not None:
            return _shifted([stamp], days)[0]
        return local_minute(stamp)

    return shown


def _day(text: str) -> _Day | None:
    """The UTC day ``text`` (``YYYY-MM-DD``), or None unless one whole-hour offset holds all day.

    Only the days of times in the store's form are ever used.
    """
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
    before = (day - _DAY).isoformat() if offset < 0 else ""  # only a negative offset reaches back
    after = (day + _DAY).isoformat() if offset > 0 else ""
    return offset // 3600, before, text, after
