"""Session records and their JSON form: checked, and nothing unknown dropped."""

from __future__ import annotations

import pytest

from coach.store.records import SessionRecord, SessionSummary, valid_session_id


def full_record() -> SessionRecord:
    return SessionRecord(
        id="a1b2c3d4",
        script_id="comeback",
        script_source="coach-script: 1\n",
        title="After the marathon",
        status="completed",
        started_at="2026-03-02T09:00:00+00:00",
        updated_at="2026-03-02T09:30:00+00:00",
        answers={"setback": "DNF at km 30", "confidence": 3, "tags": ["a", "b"], "ok": True},
        position="confidence",
        drafts={"why": "because"},
        actions=[{"id": "x1", "text": "Run 5 km", "done": False, "due": None, "prompt_id": "p"}],
        extra={"checkins": [{"on": "2026-03-09", "note": "better"}]},
    )


def test_a_record_comes_back_from_its_json_unchanged():
    record = full_record()
    assert SessionRecord.from_json(record.to_json()) == record


def test_unknown_fields_are_kept_at_the_top_level_and_come_back_out():
    data = full_record().to_json()
    assert data["checkins"] == [{"on": "2026-03-09", "note": "better"}]
    data["future_field"] = {"x": 1}
    record = SessionRecord.from_json(data)
    assert record.extra == {"checkins": data["checkins"], "future_field": {"x": 1}}
    assert record.to_json() == data


def test_known_fields_win_over_extra_with_the_same_name():
    record = SessionRecord(id="a", script_id="s", script_source="", title="t")
    record.extra["title"] = "not this"
    assert record.to_json()["title"] == "t"


def test_only_id_and_script_id_are_required():
    record = SessionRecord.from_json({"id": "a1", "script_id": "comeback"})
    assert record.status == "in_progress"
    assert (record.answers, record.drafts, record.actions, record.position) == ({}, {}, [], None)


def test_a_record_does_not_share_its_lists_with_the_json_it_came_from():
    data = {"id": "a1", "script_id": "s", "answers": {"q": 1}, "actions": []}
    record = SessionRecord.from_json(data)
    record.answers["q"] = 2
    record.actions.append({"text": "x", "done": False})
    assert data == {"id": "a1", "script_id": "s", "answers": {"q": 1}, "actions": []}


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        ([], "a session should be an object, not an array"),
        ({"script_id": "s"}, "the field 'id' is missing"),
        ({"id": "a", "script_id": 3}, "the field 'script_id' should be a string, not a number"),
        ({"id": "a", "script_id": "s", "answers": []}, "'answers' should be an object, not an"),
        ({"id": "a", "script_id": "s", "position": 1}, "should be a string or null, not a number"),
        ({"id": "a", "script_id": "s", "actions": ["x"]}, "action 1 should be an object"),
    ],
)
def test_a_record_of_the_wrong_shape_is_refused_with_a_plain_reason(data, reason):
    with pytest.raises(ValueError, match=reason):
        SessionRecord.from_json(data)


def test_a_summary_is_what_a_list_shows():
    summary = full_record().summary()
    assert summary == SessionSummary(
        id="a1b2c3d4",
        script_id="comeback",
        title="After the marathon",
        status="completed",
        started_at="2026-03-02T09:00:00+00:00",
        updated_at="2026-03-02T09:30:00+00:00",
    )
    assert SessionSummary.from_json(summary.to_json()) == summary
    with pytest.raises(ValueError, match="'title' is missing"):
        SessionSummary.from_json({"id": "a", "script_id": "s"})
    with pytest.raises(ValueError, match="'status' should be a string, not null"):
        SessionSummary.from_json({**summary.to_json(), "status": None})
    assert SessionSummary.from_json({**summary.to_json(), "later": 1}) == summary


@pytest.mark.parametrize("text", ["a1b2c3d4", "0", "my-session_2"])
def test_ids_that_can_name_a_file_are_valid(text):
    assert valid_session_id(text)


@pytest.mark.parametrize("text", ["", "../x", "a/b", "A1B2", ".hidden", "a" * 65, "a\n", "a.json"])
def test_ids_that_could_escape_or_clash_are_not(text):
    assert not valid_session_id(text)
