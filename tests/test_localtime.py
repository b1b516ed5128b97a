"""Stored times shown as local minutes: the fast list path agrees with the plain one."""

from __future__ import annotations

import random
import time
from datetime import UTC, datetime, timedelta

import pytest

from coach.store.localtime import LocalMinutes, local_minute, local_minutes

ZONES = (
    "UTC",
    "Europe/Berlin",  # daylight saving, switching at 01:00 UTC
    "America/New_York",  # negative offset: the local date is often the day before
    "Pacific/Auckland",  # +12/+13: the local date is often the day after
    "Asia/Kolkata",  # +05:30, never whole hours
    "America/St_Johns",  # -03:30 with daylight saving
    "Australia/Lord_Howe",  # a half-hour daylight-saving shift
)


@pytest.fixture(params=ZONES)
def zone(request, monkeypatch):
    monkeypatch.setenv("TZ", request.param)
    time.tzset()
    yield request.param
    monkeypatch.undo()
    time.tzset()


def stored(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat()


def test_every_hour_of_two_years_is_shown_as_the_plain_conversion_shows_it(zone):
    moment = datetime(2025, 1, 1, 0, 7, 31, tzinfo=UTC)
    stamps = []
    while moment.year < 2027:
        stamps.append(stored(moment))
        moment += timedelta(minutes=53)
    assert local_minutes(stamps) == [local_minute(stamp) for stamp in stamps]


def test_random_times_across_the_years_agree(zone):
    rng = random.Random(zone)
    start = datetime(1995, 1, 1, tzinfo=UTC)
    seconds = 40 * 365 * 86400
    stamps = [stored(start + timedelta(seconds=rng.randrange(seconds))) for _ in range(3000)]
    assert local_minutes(stamps) == [local_minute(stamp) for stamp in stamps]


@pytest.mark.parametrize(
    "stamp",
    [
        "2026-03-01T18:30:00Z",
        "2026-03-01T18:30:00.123456+00:00",
        "2026-03-01T18:30:00+02:00",
        "2026-03-01T18:30:00",
        "2026-03-01 18:30:00+00:00",
        "2026-03-01T24:30:00+00:00",
        "2026-03-01T18:60:00+00:00",
        "2026-03-01T18:3x:00+00:00",
        "2026-02-30T18:30:00+00:00",
        "2026-W09-7T18:30:00+00:00",
        "yesterday",
        "",
    ],
)
def test_other_forms_are_converted_one_by_one(stamp, zone):
    assert local_minutes([stamp, "2026-03-01T18:30:00+00:00"])[0] == local_minute(stamp)


def test_an_unreadable_time_never_writes_control_characters():
    assert local_minute("\x1b[31m2026") == "\\x1b[31m2026"
    assert local_minutes(["\x1b[31m2026-03-01T18:30:00+00:00"]) == ["\\x1b[31m2026-03-01T"]


def test_a_list_shown_a_part_at_a_time_reads_as_the_whole_list_does(zone):
    rng = random.Random(zone)
    start = datetime(2024, 1, 1, tzinfo=UTC)
    stamps = [stored(start + timedelta(seconds=rng.randrange(90 * 86400))) for _ in range(500)]
    stamps[7] = "2024-02-30T10:00:00+00:00"
    minutes = LocalMinutes()
    parts = [minutes(stamps[n : n + 64]) for n in range(0, len(stamps), 64)]
    assert [text for part in parts for text in part] == local_minutes(stamps)
    assert local_minutes(stamps) == [local_minute(stamp) for stamp in stamps]
