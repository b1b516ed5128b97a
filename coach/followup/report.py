"""Follow-up, computed: open actions, what is due, a plan's progress, sparklines.

Pure functions over ``SessionFacts`` (see ``coach.followup.facts``) and a ``today``:
no files, no clock, no Textual. A plan is a finished session that is not a
check-in; its *chain* is the plan and its check-ins, in the order they were
completed. Actions of a check-in belong to its plan.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from coach.errors import CoachError
from coach.followup.facts import ActionItem, SessionFacts, local_day, parse_day
from coach.store.records import match_session_id, shown, sortable_moment

BLOCKS = "▁▂▃▄▅▆▇█"


class UnknownAction(CoachError):
    """No action item (or more than one) matches the id or prefix given."""


@dataclass(frozen=True)
class ActionRow:
    """An action item with the session that holds it and the plan it belongs to."""

    facts: SessionFacts
    action: ActionItem
    plan_id: str
    plan_title: str

    @property
    def session_id(self) -> str:
        return self.facts.session_id

    def overdue(self, today: date) -> bool:
        due = self.action.due_date
        return not self.action.done and due is not None and due < today


@dataclass(frozen=True)
class DueItem:
    """Something due or overdue: an action item, or a plan's check-in."""

    kind: str  # "action" or "checkin"
    day: date
    text: str  # the action's text, or the plan's title for a check-in
    plan_id: str
    plan_title: str
    action_id: str | None = None


@dataclass(frozen=True)
class MetricSeries:
    """One tracked metric over a plan's chain: (day, value) oldest first."""

    name: str
    points: tuple[tuple[date | None, float], ...]

    @property
    def values(self) -> list[float]:
        return [value for _day, value in self.points]


@dataclass(frozen=True)
class ProgressReport:
    plan: SessionFacts
    checkins: tuple[SessionFacts, ...]
    metrics: tuple[MetricSeries, ...]
    actions_done: int
    actions_total: int
    streak_weeks: int
    days_since_setback: int | None
    next_checkin: date | None


# -- plans and their chains --------------------------------------------------


def chains(facts: Iterable[SessionFacts]) -> dict[str, list[SessionFacts]]:
    """Each plan's id -> the plan and its check-ins, in completion order."""
    by_id = {f.session_id: f for f in facts}
    found: dict[str, list[SessionFacts]] = {}
    for item in sorted(by_id.values(), key=lambda f: (completion_moment(f), f.session_id)):
        found.setdefault(plan_of(item, by_id), []).append(item)
    for root, chain in found.items():
        chain.sort(key=lambda item: item.session_id != root)  # the plan first, always
    return found


def plan_of(item: SessionFacts, by_id: dict[str, SessionFacts]) -> str:
    """The id of the plan a session belongs to (itself, for a plan or an orphan check-in)."""
    seen = {item.session_id}
    while item.plan_id is not None and item.plan_id in by_id and item.plan_id not in seen:
        item = by_id[item.plan_id]
        seen.add(item.session_id)
    return item.session_id


def latest_plan(grouped: dict[str, list[SessionFacts]]) -> str:
    """The plan worked on most recently: the one whose plan or check-in finished last."""
    return max(grouped, key=lambda key: (max(map(completion_moment, grouped[key])), key))


def completion_moment(item: SessionFacts) -> str:
    """When a session was finished, as a UTC ISO string that sorts in time order."""
    return sortable_moment(item.completed_at)


# -- action items ------------------------------------------------------------


def action_rows(
    facts: Iterable[SessionFacts], grouped: dict[str, list[SessionFacts]] | None = None
) -> list[ActionRow]:
    """Every action item, plan by plan (oldest plan first), each in its session's order.

    ``grouped`` is ``chains(facts)`` when the caller has it already."""
    rows: list[ActionRow] = []
    for plan_id, chain in (chains(facts) if grouped is None else grouped).items():
        title = chain[0].title
        rows += [ActionRow(f, action, plan_id, title) for f in chain for action in f.actions]
    return rows


def open_actions(facts: Iterable[SessionFacts], today: date) -> list[ActionRow]:
    """Actions not done yet: overdue first, then by due date, then those without one."""
    del today  # the order by date already puts overdue ones first
    return sorted_open(action_rows(facts))


def sorted_open(rows: Iterable[ActionRow]) -> list[ActionRow]:
    """The rows not done, in the order of ``open_actions``."""
    return sorted((row for row in rows if not row.action.done), key=_due_order)


def all_actions(facts: Iterable[SessionFacts], today: date) -> list[ActionRow]:
    """Every action: the open ones as ``open_actions``, then the done ones."""
    facts = list(facts)
    done = [row for row in action_rows(facts) if row.action.done]
    return open_actions(facts, today) + done


def _due_order(row: ActionRow) -> tuple[int, date]:
    due = row.action.due_date
    return (0, due) if due is not None else (1, date.min)


def checkin_opening_actions(
    facts: Iterable[SessionFacts], plan_id: str, today: date
) -> list[ActionRow]:
    """The open actions of a plan (and of its earlier check-ins), to tick as a check-in begins."""
    facts = list(facts)
    by_id = {f.session_id: f for f in facts}
    root = plan_of(by_id[plan_id], by_id) if plan_id in by_id else plan_id
    return [row for row in open_actions(facts, today) if row.plan_id == root]


def find_action(facts: Iterable[SessionFacts], ref: str) -> ActionRow:
    """The one action whose id is ``ref``, or else starts with it."""
    wanted = ref.strip().lower()
    rows = action_rows(facts)
    found = [row for row in rows if row.action.id == wanted]
    if not found and wanted:
        found = [row for row in rows if row.action.id.startswith(wanted)]
    if not found:
        raise UnknownAction(
            f"No action item matches '{shown(ref)}'. See them all with: coach actions --all"
        )
    if len(found) > 1:
        listed = ", ".join(row.action.id for row in found[:5]) + (", …" if len(found) > 5 else "")
        raise UnknownAction(
            f"'{shown(ref)}' matches {len(found)} action items: {listed}; type more of the id."
        )
    return found[0]


# -- what is due --------------------------------------------------------------


def due_today(facts: Iterable[SessionFacts], today: date) -> list[DueItem]:
    """Open actions due today or earlier, and check-ins due today or earlier; oldest first."""
    items: list[DueItem] = []
    for plan_id, chain in chains(facts).items():
        title = chain[0].title
        for item in chain:
            for action in item.actions:
                due = action.due_date
                if not action.done and due is not None and due <= today:
                    items.append(DueItem("action", due, action.text, plan_id, title, action.id))
        checkin = next_checkin(chain)
        if checkin is not None and checkin <= today:
            items.append(DueItem("checkin", checkin, title, plan_id, title))
    return sorted(items, key=lambda item: (item.day, item.kind != "checkin"))


def next_checkin(chain: Sequence[SessionFacts]) -> date | None:
    """The check-in date set last in a chain: a check-in that sets one replaces the plan's
    (one that leaves it unset keeps the date before it)."""
    for item in reversed(chain):
        day = parse_day(item.checkin_date)
        if day is not None:
            return day
    return None


# -- a plan's progress --------------------------------------------------------


def progress_report(
    facts: Iterable[SessionFacts], plan_id: str | None, today: date
) -> ProgressReport | None:
    """How a plan is going; ``plan_id`` (or a unique prefix, or a check-in's id) or, when
    None, the plan worked on most recently. None when no session is finished yet."""
    facts = list(facts)
    grouped = chains(facts)
    if not grouped:
        return None
    if plan_id is None:
        root = latest_plan(grouped)
    else:
        by_id = {f.session_id: f for f in facts}
        root = plan_of(by_id[match_session_id(plan_id, by_id)], by_id)
    chain = grouped[root]
    plan, checkins = chain[0], tuple(item for item in chain[1:] if item.is_checkin)
    actions = [action for item in chain for action in item.actions]
    started = local_day(plan.started_at)
    return ProgressReport(
        plan=plan,
        checkins=checkins,
        metrics=tuple(metric_series(chain)),
        actions_done=sum(1 for action in actions if action.done),
        actions_total=len(actions),
        streak_weeks=checkin_streak(checkins, today),
        days_since_setback=(today - started).days if started else None,
        next_checkin=next_checkin(chain),
    )


def metric_series(chain: Sequence[SessionFacts]) -> list[MetricSeries]:
    """Every tracked metric of a chain, in the order the names first appear."""
    points: dict[str, list[tuple[date | None, float]]] = {}
    for item in chain:
        day = local_day(item.completed_at)
        for name, value in item.metrics.items():
            points.setdefault(name, []).append((day, value))
    return [MetricSeries(name, tuple(values)) for name, values in points.items()]


def checkin_streak(checkins: Iterable[SessionFacts], today: date) -> int:
    """Consecutive ISO weeks with a check-in, ending this week (or last week, if this
    week has none yet)."""
    weeks = {_monday(day) for item in checkins if (day := local_day(item.completed_at))}
    week = _monday(today)
    if week not in weeks:
        week -= timedelta(weeks=1)
    streak = 0
    while week in weeks:
        streak += 1
        week -= timedelta(weeks=1)
    return streak


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


# -- showing numbers -----------------------------------------------------------


def sparkline(values: Sequence[float]) -> str:
    """One block per value, ▁ for the lowest and █ for the highest; level values sit mid-way."""
    if not values:
        return ""
    low, high = min(values), max(values)
    if high == low:
        return BLOCKS[3] * len(values)
    top = len(BLOCKS) - 1
    return "".join(BLOCKS[round((value - low) / (high - low) * top)] for value in values)


def format_number(value: float) -> str:
    """``4`` for 4.0, ``2.5`` for 2.5."""
    return str(int(value)) if float(value).is_integer() else f"{value:g}"
