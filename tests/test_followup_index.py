"""The follow-up index (``followup.json``): built when missing, current at little cost,
private, never repaired silently, carried by export and import."""

from __future__ import annotations

import json
import stat

import pytest
from filelock import FileLock
from followup_support import TODAY, DayClock, finished_checkin, finished_plan, make_store
from fresh_python import last_line_printed

from coach.errors import StoreError
from coach.followup.followthrough import tick_action
from coach.followup.glance import make_glance
from coach.followup.index import FollowUp, load_facts, load_glance, store_signature
from coach.followup.report import open_actions, progress_report
from coach.store.backup import export_json, parse_import
from coach.store.sessions import Store


@pytest.fixture
def clock() -> DayClock:
    return DayClock(TODAY)


@pytest.fixture
def store(tmp_path, clock) -> Store:
    return make_store(tmp_path / "data", clock)


def test_the_index_is_built_when_missing_and_matches_a_rebuild(store, clock):
    plan = finished_plan(store, clock)
    finished_checkin(store, clock, plan)
    followup = FollowUp(store.data_dir)
    assert not followup.path.exists()
    first = sorted(load_facts(store), key=lambda f: f.session_id)
    assert followup.path.exists()
    assert stat.S_IMODE(followup.path.stat().st_mode) == 0o600
    followup.path.unlink()
    again = sorted(followup.rebuild(store), key=lambda f: f.session_id)
    assert again == first


def refuse(monkeypatch, *methods: tuple[type, str]) -> None:
    """Make each method fail the test if it is called."""

    def refused(*_args, **_kwargs):
        raise AssertionError("read more than it needed")

    for owner, name in methods:
        monkeypatch.setattr(owner, name, refused)


def test_a_current_index_reads_no_session_file(store, clock, monkeypatch):
    finished_plan(store, clock)
    load_facts(store)
    refuse(monkeypatch, (Store, "get"), (Store, "all_records"), (Store, "list_sessions"))
    assert len(load_facts(store)) == 1


def test_the_index_follows_changes_made_elsewhere(store, clock):
    plan = finished_plan(store, clock)
    other = finished_plan(store, clock, {"setback": "Second"})
    load_facts(store)
    actions = [dict(a, done=True) for a in plan.actions]
    store.update(plan.id, actions=actions)  # as the Plan screen does
    store.delete(other.id)
    unfinished = store.create("comeback", "", "not done")
    current = {f.session_id: f for f in load_facts(store)}
    assert set(current) == {plan.id} and unfinished.id not in current
    assert all(a.done for a in current[plan.id].actions)


def test_a_damaged_index_is_reported_and_kept(store, clock):
    finished_plan(store, clock)
    followup = FollowUp(store.data_dir)
    followup.path.write_text("{not json")
    with pytest.raises(StoreError, match=r"followup\.json is damaged"):
        load_facts(store)
    assert followup.path.read_text() == "{not json"


def test_nothing_is_created_for_a_data_folder_that_does_not_exist(tmp_path, clock):
    store = make_store(tmp_path / "nowhere", clock)
    assert load_facts(store) == []
    assert not (tmp_path / "nowhere").exists()


def test_export_and_import_carry_actions_checkins_and_links(store, clock, tmp_path):
    plan = finished_plan(store, clock)
    finished_checkin(store, clock, plan)
    tick_action(store, FollowUp(store.data_dir), plan.actions[1]["id"])
    before = sorted((f.to_json() for f in load_facts(store)), key=json.dumps)
    text = export_json(store.all_records(), single=False)
    copy = Store(tmp_path / "copy")
    copy.import_records(parse_import(text, "backup.json"))
    after = sorted((f.to_json() for f in load_facts(copy)), key=json.dumps)
    assert after == before


# -- the glance: what Home and Progress show first -------------------------------------


def test_the_glance_shows_the_latest_plan_and_the_most_urgent_open_actions(store, clock):
    older = finished_plan(store, clock, {"setback": "Older", "first_action_date": "today"})
    plan = finished_plan(store, clock)
    finished_checkin(store, clock, plan)
    glance = load_glance(store)
    facts = load_facts(store)
    assert glance.plan_id == plan.id
    assert glance.progress(TODAY) == progress_report(facts, None, TODAY)
    rows = glance.open_actions()
    assert rows == open_actions(facts, TODAY)
    assert rows[0].session_id == older.id and rows[0].plan_title == "Older"
    assert (glance.open_total, glance.actions_total, glance.actions_done) == (5, 5, 0)
    assert glance.finished == 3


def test_the_glance_keeps_only_the_first_open_actions(store, clock):
    for n in range(3):
        finished_plan(store, clock, {"setback": f"Plan {n}"})
    facts = load_facts(store)
    glance = make_glance(facts, None, limit=3)
    assert glance.open_actions() == open_actions(facts, TODAY)[:3]
    assert glance.open_total == 6 and len(glance.facts) <= 3


def test_a_current_glance_reads_only_its_own_small_file(store, clock, monkeypatch):
    finished_plan(store, clock)
    load_glance(store)
    refuse(monkeypatch, (FollowUp, "_read_entries"), (Store, "list_sessions"))
    assert load_glance(store).plan_id is not None


def test_a_current_glance_is_read_once_and_without_the_folders_lock(store, clock, monkeypatch):
    finished_plan(store, clock)
    load_glance(store)
    reads = []
    read = FollowUp._read_glance
    monkeypatch.setattr(FollowUp, "_read_glance", lambda self: reads.append(1) or read(self))
    other = FileLock(store.data_dir / ".lock")
    with other.acquire(timeout=1):  # another coach is writing: Home still opens at once
        assert load_glance(store).plan_id is not None
    assert reads == [1]


def test_home_glance_does_not_load_the_lock_library(store, clock):
    finished_plan(store, clock)
    load_glance(store)
    code = (
        "import sys; from coach.store.sessions import Store; "
        "from coach.followup.index import load_glance; "
        f"print(load_glance(Store({str(store.data_dir)!r})).plan_id is not None, "
        "'filelock' in sys.modules)"
    )
    assert last_line_printed(code).split() == ["True", "False"]


def test_the_glance_follows_a_tick_and_an_unrelated_autosave(store, clock):
    plan = finished_plan(store, clock)
    load_glance(store)
    tick_action(store, FollowUp(store.data_dir), plan.actions[0]["id"])
    assert load_glance(store).actions_done == 1
    draft = store.create("comeback", "", "draft")
    store.save_answer(draft.id, "setback", "typing", None)
    glance = load_glance(store)
    assert glance.actions_done == 1 and glance.seen == store_signature(store)


def test_an_empty_data_folder_has_an_empty_glance(tmp_path, clock):
    glance = load_glance(make_store(tmp_path / "nowhere", clock))
    assert glance.plan_id is None and glance.progress(TODAY) is None
    assert glance.open_actions() == [] and not (tmp_path / "nowhere").exists()


@pytest.mark.parametrize("few", [30, 0])
def test_sessions_imported_later_join_the_index(store, clock, tmp_path, monkeypatch, few):
    monkeypatch.setattr("coach.followup.index.FEW_STALE", few)  # one by one, or one pass over all
    other = Store(tmp_path / "other", clock=clock)
    imported = finished_plan(other, clock, {"setback": "From a backup"})
    finished_plan(store, clock)
    load_facts(store)
    store.import_records(parse_import(export_json(other.all_records(), single=False), "x"))
    titles = {f.title for f in load_facts(store)}
    assert "From a backup" in titles and len(titles) == 2
    assert {f.session_id for f in FollowUp(store.data_dir).all()} >= {imported.id}
