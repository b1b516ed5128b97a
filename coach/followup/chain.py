"""A plan with what followed it: its check-ins, their action items, the one next date.

A check-in can add action items and set the next check-in. Everything that shows
a plan (the Plan screen, ``coach show``, the Markdown export, the calendar file)
reads them from here, so that it says what ``coach progress`` and Home say: one
next check-in date, and every open action of the plan.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from coach.followup.facts import PLAN_ID, ActionItem, SessionFacts, local_day
from coach.followup.report import chains, next_checkin, plan_of
from coach.store.records import SessionRecord

if TYPE_CHECKING:
    from coach.session.snapshot import ScriptLookup
    from coach.store.sessions import Store


@dataclass(frozen=True)
class PlanChain:
    """What followed a plan: its check-ins (oldest first) and the next check-in date."""

    checkins: tuple[SessionFacts, ...] = ()
    next_checkin: date | None = None
    """Set by the latest session of the chain that set one (the plan itself, or a check-in)."""

    def checkin_actions(self) -> list[tuple[SessionFacts, ActionItem]]:
        """The action items added by check-ins, each with the check-in that added it."""
        return [(item, action) for item in self.checkins for action in item.actions]

    @property
    def moved_by(self) -> SessionFacts | None:
        """The latest check-in that set the next check-in date, if one did."""
        return next((c for c in reversed(self.checkins) if c.checkin_date), None)


def chain_of(facts: Iterable[SessionFacts], record: SessionRecord) -> PlanChain | None:
    """The chain of the plan ``record``; None for a check-in or an unfinished session."""
    if record.extra.get(PLAN_ID) or record.status != "completed":
        return None
    facts = list(facts)
    by_id = {f.session_id: f for f in facts}
    if record.id not in by_id:
        return None
    chain = chains(facts).get(plan_of(by_id[record.id], by_id), [])
    checkins = tuple(item for item in chain[1:] if item.is_checkin)
    return PlanChain(checkins=checkins, next_checkin=next_checkin(chain))


def load_chain(
    store: Store, record: SessionRecord, lookup: ScriptLookup | None = None
) -> PlanChain | None:
    """``chain_of`` with the follow-up index brought up to date first."""
    if record.extra.get(PLAN_ID) or record.status != "completed":
        return None
    from coach.followup.index import load_facts

    return chain_of(load_facts(store, lookup), record)


def checkin_day(item: SessionFacts) -> str:
    """The day a check-in was finished, ``YYYY-MM-DD`` (``?`` when unknown)."""
    day = local_day(item.completed_at)
    return day.isoformat() if day else "?"
