"""Follow-through: facts of finished sessions, the follow-up index, ticking, check-ins,
progress over weeks."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from followup_support import (
    TODAY,
    DayClock,
    finished_checkin,
    finished_plan,
    make_store,
    script,
)

from coach.errors import CoachError
from coach.followup.facts import ActionItem, SessionFacts, facts_for
from coach.followup.followthrough import (
    complete_session,
    set_action_done,
    start_checkin,
    tick_action,
)
from coach.followup.index import FollowUp, load_facts
from coach.followup.report import (
    UnknownAction,
    checkin_opening_actions,
    checkin_streak,
    due_today,
    find_action,
    open_actions,
    progress_report,
    sparkline,
)
from coach.session.snapshot import session_script
from coach.store.sessions import Store


@pytest.fixture
def clock() -> DayClock:
    return DayClock(TODAY)


@pytest.fixture
def store(tmp_path, clock) -> Store:
    return make_store(tmp_path / "data", clock)


def facts(session_id: str, *actions: ActionItem, plan_id=None, day=TODAY, **more) -> SessionFacts:
    stamp = f"{day.isoformat()}T12:00:00+00:00"
    return SessionFacts(
        session_id,
        "comeback",
        f"Plan {session_id}",
        stamp,
        stamp,
        stamp,
        plan_id=plan_id,
        actions=actions,
        **more,
    )


def action(action_id: str, due: str | None = None, done: bool = False) -> ActionItem:
    return ActionItem(action_id, f"Do {action_id}", done, due, "first_actions")


# -- facts of a finished session ------------------------------------------------


def test_facts_of_a_finished_comeback_session(store, clock):
    plan = finished_plan(store, clock)
    found = facts_for(plan, session_script(plan))
    assert found.metrics == {"Confidence": 2, "Daily outreach goal": 5}
    assert found.checkin_date == "2026-03-16"
    assert [(a.text, a.due, a.done) for a in found.actions] == [
        ("Email five past clients", "2026-03-05", False),
        ("Call Sam", "2026-03-05", False),
    ]
    assert found.plan_id is None and found.title == "[bold]My launch[/bold] flopped"
    assert found.completed_at == plan.updated_at


def test_a_skipped_tracked_prompt_gives_no_metric(store, clock):
    quick = script("comeback")
    record = store.create(quick.id, quick.source, "untracked")
    record = store.update(record.id, answers={"setback": "x"}, status="completed")
    assert facts_for(record, quick).metrics == {}


# -- open actions ------------------------------------------------------------------


def test_open_actions_put_overdue_first_then_by_due_date_then_undated():
    listed = [
        facts("aaa", action("late2", "2026-03-01"), action("nodate"), action("soon", "2026-03-09")),
        facts(
            "bbb",
            action("late1", "2026-02-20"),
            action("today", "2026-03-02"),
            action("gone", "2026-01-01", done=True),
        ),
    ]
    order = [row.action.id for row in open_actions(listed, TODAY)]
    assert order == ["late1", "late2", "today", "soon", "nodate"]
    rows = open_actions(listed, TODAY)
    assert rows[0].overdue(TODAY) and not rows[2].overdue(TODAY)


def test_actions_of_a_checkin_belong_to_its_plan():
    listed = [facts("plan1", action("a1")), facts("chk1", action("c1"), plan_id="plan1")]
    rows = open_actions(listed, TODAY)
    assert [(row.action.id, row.plan_id, row.plan_title) for row in rows] == [
        ("a1", "plan1", "Plan plan1"),
        ("c1", "plan1", "Plan plan1"),
    ]


# -- ticking ----------------------------------------------------------------------------


def test_ticking_by_prefix_updates_the_index_and_the_session_record(store, clock):
    plan = finished_plan(store, clock)
    followup = FollowUp(store.data_dir)
    target = plan.actions[1]["id"]
    row, changed = tick_action(store, followup, target[:5])
    assert changed and row.action.id == target and row.action.done
    assert [a["done"] for a in store.get(plan.id).actions] == [False, True]
    stored = {f.session_id: f for f in followup.all()}[plan.id]
    assert [a.done for a in stored.actions] == [False, True]
    assert stored.updated_at == store.get(plan.id).updated_at
    row, changed = tick_action(store, followup, target, done=False)
    assert changed and not row.action.done
    assert [a["done"] for a in store.get(plan.id).actions] == [False, False]


def test_ticking_keeps_when_the_plan_was_completed(store, clock):
    plan = finished_plan(store, clock)
    completed = load_facts(store)[0].completed_at
    tick_action(store, FollowUp(store.data_dir), plan.actions[0]["id"])
    assert store.get(plan.id).extra["completed_at"] == completed
    FollowUp(store.data_dir).path.unlink()
    assert load_facts(store)[0].completed_at == completed


def test_ticking_what_is_already_done_changes_nothing(store, clock):
    plan = finished_plan(store, clock)
    followup = FollowUp(store.data_dir)
    tick_action(store, followup, plan.actions[0]["id"])
    before = store.get(plan.id).updated_at
    _row, changed = tick_action(store, followup, plan.actions[0]["id"])
    assert not changed and store.get(plan.id).updated_at == before


def test_an_unknown_or_ambiguous_action_is_a_clear_error():
    listed = [facts("aaa", action("ab12cd34"), action("ab99ff00"))]
    with pytest.raises(UnknownAction, match="No action item matches 'zz'"):
        find_action(listed, "zz")
    with pytest.raises(UnknownAction, match="'ab' matches 2 action items: ab12cd34, ab99ff00"):
        find_action(listed, "ab")
    assert find_action(listed, " AB1 ").action.id == "ab12cd34"


def test_an_imported_action_without_an_id_gets_a_stable_one_and_can_be_ticked(store, clock):
    plan = finished_plan(store, clock)
    store.update(plan.id, actions=[{"text": "Imported, no id", "done": False}])
    first = load_facts(store)[0].actions[0].id
    assert FollowUp(store.data_dir).all()[0].actions[0].id == first
    tick_action(store, FollowUp(store.data_dir), first)
    assert store.get(plan.id).actions == [{"text": "Imported, no id", "done": True, "id": first}]


def test_a_screen_ticks_an_action_of_the_session_it_shows(store, clock):
    plan = finished_plan(store, clock)
    followup = FollowUp(store.data_dir)
    load_facts(store)
    record, action, changed = set_action_done(store, followup, plan.id, plan.actions[0]["id"])
    assert changed and action.done and record.actions[0]["done"] is True
    assert followup.all()[0].actions[0].done and followup.all()[0].updated_at == record.updated_at
    with pytest.raises(UnknownAction, match=f"Session {plan.id} has no action item nope"):
        set_action_done(store, followup, plan.id, "nope")


def test_completing_a_session_keeps_when_it_was_completed(store, clock):
    comeback = script("comeback")
    record = store.create(comeback.id, comeback.source, "Done now")
    done = complete_session(store, record.id)
    assert done.status == "completed" and done.extra["completed_at"] < done.updated_at
    assert load_facts(store)[0].completed_at == done.extra["completed_at"]


# -- check-ins ---------------------------------------------------------------------------


def test_a_checkin_is_linked_to_its_plan_and_opens_with_its_open_actions(store, clock):
    plan = finished_plan(store, clock)
    tick_action(store, FollowUp(store.data_dir), plan.actions[0]["id"])
    checkin = start_checkin(store, store.get(plan.id), script("checkin"))
    assert checkin.extra["plan_id"] == plan.id and checkin.title.startswith("Check-in: ")
    assert checkin.status == "in_progress"
    opening = checkin_opening_actions(load_facts(store), plan.id, TODAY)
    assert [row.action.text for row in opening] == ["Call Sam"]


def test_a_checkin_of_a_checkin_belongs_to_the_first_plan(store, clock):
    plan = finished_plan(store, clock)
    first = finished_checkin(store, clock, plan)
    second = start_checkin(store, first, script("checkin"))
    assert second.extra["plan_id"] == plan.id
    assert second.title == f"Check-in: {plan.title}"


def test_an_unfinished_plan_cannot_be_checked_in_on(store):
    comeback = script("comeback")
    record = store.create(comeback.id, comeback.source, comeback.title)
    with pytest.raises(CoachError, match="Finish this plan"):
        start_checkin(store, record, script("checkin"))


# -- progress ------------------------------------------------------------------------------


def test_progress_follows_a_plan_over_weeks_of_checkins(store, clock):
    clock.day(TODAY - timedelta(days=21))
    plan = finished_plan(store, clock)
    clock.day(TODAY - timedelta(days=7))
    finished_checkin(store, clock, plan, {"confidence": 3, "new_connections": 1})
    clock.day(TODAY)
    finished_checkin(store, clock, plan, {"confidence": 5, "new_connections": 6})
    report = progress_report(load_facts(store), None, TODAY)
    assert report is not None and report.plan.session_id == plan.id
    series = {s.name: s.values for s in report.metrics}
    assert series == {
        "Confidence": [2, 3, 5],
        "Daily outreach goal": [5],
        "New connections": [1, 6],
    }
    assert report.days_since_setback == 21
    assert (report.actions_done, report.actions_total) == (0, 4)
    assert report.streak_weeks == 2 and len(report.checkins) == 2
    assert report.next_checkin == date(2026, 3, 9)


def test_progress_of_a_checkin_id_shows_its_plan(store, clock):
    plan = finished_plan(store, clock)
    checkin = finished_checkin(store, clock, plan)
    finished_plan(store, clock, {"setback": "Another one"})
    report = progress_report(load_facts(store), checkin.id[:6], TODAY)
    assert report is not None and report.plan.session_id == plan.id


def test_no_finished_plan_means_no_report():
    assert progress_report([], None, TODAY) is None


@pytest.mark.parametrize(
    ("days_ago", "expected"),
    [
        ([0, 7, 14], 3),
        ([7, 14], 2),
        ([0, 14], 1),
        ([14, 21], 0),
        ([], 0),
        ([0, 1, 2], 2),
        ([1], 1),
        ([0, 0], 1),
    ],
)
def test_the_streak_counts_weeks_in_a_row_ending_this_week_or_last(days_ago, expected):
    # 2026-03-02 is a Monday: a day earlier is last week
    checkins = [
        facts(f"c{n}{k}", plan_id="p", day=TODAY - timedelta(days=n))
        for k, n in enumerate(days_ago)
    ]
    assert checkin_streak(checkins, TODAY) == expected


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ([], ""),
        ([3], "▄"),
        ([2, 2, 2], "▄▄▄"),
        ([1, 2, 3, 4, 5, 6, 7, 8], "▁▂▃▄▅▆▇█"),
        ([5, 1], "█▁"),
        ([0, 10, 5], "▁█▅"),
    ],
)
def test_sparkline_shapes(values, expected):
    assert sparkline(values) == expected


# -- due today -------------------------------------------------------------------------------


def test_due_today_lists_due_and_overdue_actions_and_checkins():
    listed = [
        facts(
            "p1",
            action("old", "2026-02-27"),
            action("now", "2026-03-02"),
            action("later", "2026-03-03"),
            action("did", "2026-02-01", done=True),
            checkin_date="2026-03-01",
        ),
        facts("p2", checkin_date="2026-03-10"),
    ]
    items = due_today(listed, TODAY)
    assert [(i.kind, i.day.isoformat(), i.text) for i in items] == [
        ("action", "2026-02-27", "Do old"),
        ("checkin", "2026-03-01", "Plan p1"),
        ("action", "2026-03-02", "Do now"),
    ]


def test_a_later_checkin_replaces_the_plans_checkin_date():
    listed = [
        facts("p1", checkin_date="2026-02-20", day=TODAY - timedelta(days=20)),
        facts("c1", plan_id="p1", checkin_date="2026-03-09"),
    ]
    assert due_today(listed, TODAY) == []


def test_renaming_a_plan_renames_its_check_ins_and_no_other_session(tmp_path):
    from coach.followup.plan import store_plan
    from coach.session.wizard import Wizard

    clock = DayClock(date(2026, 3, 2))
    store = make_store(tmp_path / "data", clock)
    plan = finished_plan(store, clock)
    checkin = finished_checkin(store, clock, plan)
    other = finished_plan(store, clock)  # a plan of the same name, with its own check-in
    others_checkin = finished_checkin(store, clock, other)
    assert store.get(checkin.id).title == f"Check-in: {plan.title}"

    comeback = script("comeback")
    answers = {**store.get(plan.id).answers, "setback": "The fundraiser raised the least"}
    wizard = Wizard(comeback, answers, clock=lambda: clock.today)
    store_plan(store, store.get(plan.id), wizard)

    assert store.get(plan.id).title == "The fundraiser raised the least"
    assert store.get(checkin.id).title == "Check-in: The fundraiser raised the least"
    assert store.get(others_checkin.id).title == f"Check-in: {other.title}"
