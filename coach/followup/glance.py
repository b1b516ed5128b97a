"""The glance: what Home and Progress show first, in one small file that does not grow.

It holds the chain of the plan worked on most recently (for its progress), the
first open actions in the order ``open_actions`` gives (with the sessions and
plans they belong to), and a few counts. Reading it costs the same with ten
sessions or ten thousand; ``coach.followup.index`` rewrites it whenever the
follow-up index changes.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any

from coach.followup.facts import SessionFacts
from coach.followup.report import (
    ActionRow,
    ProgressReport,
    action_rows,
    chains,
    latest_plan,
    plan_of,
    progress_report,
    sorted_open,
)

GLANCE_ACTIONS = 50
"""Open actions kept in the glance, the most urgent first."""

Signature = list[list[int] | None]
"""How the store's list files looked (see ``coach.followup.index.store_signature``)."""


@dataclass(frozen=True)
class Glance:
    """What Home and Progress show first; ``open`` holds (session id, action id) pairs."""

    seen: Signature | None = None
    digest: str = ""  # of the finished sessions it was made from (``completed_digest``)
    plan_id: str | None = None  # the plan worked on most recently
    facts: tuple[SessionFacts, ...] = ()  # its chain, and the sessions and plans of ``open``
    open: tuple[tuple[str, str], ...] = ()
    open_total: int = 0
    actions_total: int = 0
    actions_done: int = 0
    finished: int = 0  # finished sessions, plans and check-ins

    def open_actions(self) -> list[ActionRow]:
        """The first ``GLANCE_ACTIONS`` open actions, overdue first (see ``open_total``)."""
        by_id = {f.session_id: f for f in self.facts}
        rows = []
        for session_id, action_id in self.open:
            facts = by_id[session_id]
            action = next(a for a in facts.actions if a.id == action_id)
            plan_id = plan_of(facts, by_id)
            rows.append(ActionRow(facts, action, plan_id, by_id[plan_id].title))
        return rows

    def progress(self, today: date) -> ProgressReport | None:
        """The progress of the plan worked on most recently; None before any is finished."""
        if self.plan_id is None:
            return None
        return progress_report(self.facts, self.plan_id, today)

    def to_json(self) -> dict[str, Any]:
        return {
            "seen": self.seen,
            "digest": self.digest,
            "plan_id": self.plan_id,
            "facts": [f.to_json() for f in self.facts],
            "open": [list(pair) for pair in self.open],
            "open_total": self.open_total,
            "actions_total": self.actions_total,
            "actions_done": self.actions_done,
            "finished": self.finished,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Glance:
        """Raises KeyError, TypeError, ValueError or StopIteration for a malformed glance."""
        glance = cls(
            seen=data.get("seen"),
            digest=str(data.get("digest", "")),
            plan_id=data.get("plan_id"),
            facts=tuple(SessionFacts.from_json(f) for f in data["facts"]),
            open=tuple((str(s), str(a)) for s, a in data["open"]),
            open_total=int(data["open_total"]),
            actions_total=int(data["actions_total"]),
            actions_done=int(data["actions_done"]),
            finished=int(data["finished"]),
        )
        glance.open_actions()  # every pair must name an action it holds
        return glance


def completed_digest(pairs: Iterable[tuple[str, str]]) -> str:
    """A digest of (session id, updated at) pairs, in any order: equal digests, same sessions."""
    text = "\n".join(sorted(f"{key}\t{when}" for key, when in pairs))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


def make_glance(
    facts: Iterable[SessionFacts], seen: Signature | None, limit: int = GLANCE_ACTIONS
) -> Glance:
    """The glance of every finished session's facts."""
    facts = list(facts)
    grouped = chains(facts)
    digest = completed_digest((f.session_id, f.updated_at) for f in facts)
    if not grouped:
        return Glance(seen=seen, digest=digest)
    by_id = {f.session_id: f for f in facts}
    plan_id = latest_plan(grouped)
    rows = action_rows(facts, grouped)
    first = sorted_open(rows)[:limit]
    kept = {f.session_id: f for f in grouped[plan_id]}
    for row in first:
        kept.setdefault(row.session_id, row.facts)
        kept.setdefault(row.plan_id, by_id[row.plan_id])
    return Glance(
        seen=seen,
        digest=digest,
        plan_id=plan_id,
        facts=tuple(kept.values()),
        open=tuple((row.session_id, row.action.id) for row in first),
        open_total=sum(1 for row in rows if not row.action.done),
        actions_total=len(rows),
        actions_done=sum(1 for row in rows if row.action.done),
        finished=len(facts),
    )
