"""Finished sessions for the follow-up tests, made as the wizard makes them.

The store's clock is set by the test (``clock.day(...)``) and ticks a minute
per write, so sessions can be finished on chosen days: 2026-03-02 is today.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

from coach.followup.followthrough import start_checkin
from coach.followup.plan import derive_actions
from coach.paths import builtin_scripts_dir
from coach.scripts.model import Script
from coach.scripts.validate import load_script
from coach.session.wizard import Wizard
from coach.store.records import SessionRecord
from coach.store.sessions import Store

TODAY = date(2026, 3, 2)

COMEBACK_ANSWERS: dict[str, Any] = {
    "setback": "[bold]My launch[/bold] flopped",
    "expected": "I expected sign-ups.\nNobody came.",
    "confidence": 2,
    "channels_used": ["Private messages"],
    "channels_left_out": ["Email"],
    "channel_mix": "One channel carried almost all of it",
    "do_differently": ["Email people who know me"],
    "lesson": "One channel is never enough",
    "current_description": "Writer",
    "roles_add": ["Speaker"],
    "roles_drop": [],
    "roles_tweak": [],
    "new_paths": ["Workshops"],
    "headline": "Writer and speaker",
    "champions": ["Maya"],
    "outside_bubble": ["Founders meetup"],
    "daily_outreach": 5,
    "channels_available": ["Private messages", "Email"],
    "outreach_channels": ["Email"],
    "first_actions": ["Email five past clients", "Call Sam"],
    "first_action_date": "+3d",
    "checkin_date": "+2w",
    "ready": True,
}

CHECKIN_ANSWERS: dict[str, Any] = {
    "moved_forward": ["Emailed clients"],
    "new_connections": 3,
    "helped": "Mornings",
    "blockers": "",
    "confidence": 4,
    "plan_fit": "On track",
    "next_steps": ["Post the workshop"],
    "next_checkin": "+1w",
}


class DayClock:
    """The store's clock: noon UTC of the chosen day, a minute later on every call."""

    def __init__(self, day: date = TODAY) -> None:
        self.moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)

    def day(self, day: date) -> None:
        self.moment = datetime(day.year, day.month, day.day, 12, tzinfo=UTC)

    @property
    def today(self) -> date:
        return self.moment.date()

    def __call__(self) -> datetime:
        self.moment += timedelta(minutes=1)
        return self.moment


def script(name: str) -> Script:
    return load_script(builtin_scripts_dir() / f"{name}.yaml")


def make_store(folder: Path, clock: DayClock) -> Store:
    return Store(folder, clock=clock)


def answer_all(record: SessionRecord, store: Store, wizard: Wizard, typed: dict) -> SessionRecord:
    """Answer every prompt the way a user would, save, derive actions, complete."""
    while wizard.current is not None:
        wizard.accept_answer(typed.get(wizard.current.id))
    for key, value in wizard.answers.items():
        store.save_answer(record.id, key, value, None)
    actions = derive_actions(wizard, [], record.id)
    title = record.title if record.extra.get("plan_id") else wizard.answers["setback"]
    store.update(record.id, actions=actions, title=title)
    return store.complete(record.id)


def finished_plan(store: Store, clock: DayClock, answers: dict | None = None) -> SessionRecord:
    comeback = script("comeback")
    record = store.create(comeback.id, comeback.source, comeback.title)
    wizard = Wizard(comeback, clock=lambda: clock.today)
    return answer_all(record, store, wizard, {**COMEBACK_ANSWERS, **(answers or {})})


def finished_checkin(
    store: Store, clock: DayClock, plan: SessionRecord, answers: dict | None = None
) -> SessionRecord:
    checkin = script("checkin")
    record = start_checkin(store, plan, checkin)
    wizard = Wizard(checkin, clock=lambda: clock.today)
    return answer_all(record, store, wizard, {**CHECKIN_ANSWERS, **(answers or {})})
