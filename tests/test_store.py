"""The store: sessions that are never lost, and that stay fast after years of use."""

from __future__ import annotations

import dataclasses
import errno
import json
import os
import stat
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

import coach.store.index
import coach.store.storage
from coach.errors import CoachError, StoreError, UnknownSession
from coach.store.index import SummaryColumns, index_tables
from coach.store.records import SessionRecord, SessionSummary
from coach.store.sessions import Store
from coach.store.storage import UnreadableSession, encode_tables

START = datetime(2026, 3, 2, 9, 0, 0, tzinfo=UTC)
SCRIPT = "coach-script: 1\nid: comeback\n"
TEXTS = [
    "[bold]not bold[/] [link=https://x.example]no link[/link]",
    "emoji ✨🎉👩‍👩‍👧 CJK 中文 日本語 한국어",
    "right-to-left עברית العربية",
    "control \x1b[31mred\x1b[0m and a tab\t",
]


class Clock:
    """A clock that moves one second each time it is read."""

    def __init__(self) -> None:
        self.now = START

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def ids(*names: str):
    """An id source that gives these ids in turn."""
    return iter(names).__next__


@pytest.fixture
def data(tmp_path) -> Path:
    return tmp_path / "data"


@pytest.fixture
def store(data) -> Store:
    return Store(data, clock=Clock())


def snapshot(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def stamp(seconds: int) -> str:
    return (START + timedelta(seconds=seconds)).isoformat()


# -- creating and reading --------------------------------------------------


def test_a_new_session_is_stored_with_its_script_and_times(store):
    record = store.create("comeback", SCRIPT, "After the marathon")
    assert record == SessionRecord(
        id=record.id,
        script_id="comeback",
        script_source=SCRIPT,
        title="After the marathon",
        started_at=stamp(1),
        updated_at=stamp(1),
    )
    assert store.get(record.id) == record


def test_new_ids_are_eight_lowercase_hex_characters_and_unique(data):
    store = Store(data)
    made = {store.create("comeback", "", "t").id for _ in range(20)}
    assert len(made) == 20
    assert all(len(i) == 8 and set(i) <= set("0123456789abcdef") for i in made)


def test_an_id_already_taken_is_not_given_again(data):
    store = Store(data, new_id=ids("aaaa0001", "aaaa0001", "aaaa0002"))
    assert store.create("s", "", "one").id == "aaaa0001"
    assert store.create("s", "", "two").id == "aaaa0002"


def test_times_are_iso_with_utc_offset_to_the_second(data):
    moments = iter([datetime(2026, 3, 2, 9, 0, 0, 123456), START])
    record = Store(data, clock=lambda: next(moments)).create("s", "", "t")
    assert record.started_at == "2026-03-02T09:00:00+00:00"


@pytest.mark.parametrize("text", TEXTS)
def test_user_text_is_stored_exactly_as_typed(store, data, text):
    record = store.create("comeback", SCRIPT, text)
    store.save_answer(record.id, "setback", text, position="next")
    store.save_draft(record.id, "next", text)
    again = Store(data).get(record.id)
    assert again.title == text
    assert again.answers == {"setback": text}
    assert again.drafts == {"next": text}
    assert Store(data).list_sessions()[0].title == text


def test_nothing_is_escaped_in_the_files(store, data):
    record = store.create("comeback", SCRIPT, "✨ 中文")
    assert "✨ 中文".encode() in store.session_path(record.id).read_bytes()
    assert "✨ 中文".encode() in (data / "index.json").read_bytes()


def test_the_folder_is_private_and_so_is_every_file(data):
    old = os.umask(0o022)
    try:
        store = Store(data)
        record = store.create("comeback", SCRIPT, "t")
        store.save_answer(record.id, "q", 1, position=None)
        store.set_setting("theme", "nord")
    finally:
        os.umask(old)
    folders = [data, data / "sessions"]
    files = [p for p in data.rglob("*") if p.is_file()]
    assert {p.name for p in files} >= {".lock", "index.json", "touched.json", "settings.json"}
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o700 for p in folders)
    assert all(stat.S_IMODE(p.stat().st_mode) == 0o600 for p in files)


def test_reading_a_folder_that_does_not_exist_creates_nothing(data):
    store = Store(data)
    assert store.list_sessions() == []
    assert store.latest_unfinished() is None
    assert store.get_setting("theme", "dark") == "dark"
    assert list(store.all_records()) == []
    with pytest.raises(UnknownSession):
        store.get("a")
    assert not data.exists()


# -- ids and prefixes ------------------------------------------------------


@pytest.fixture
def three(data) -> Store:
    store = Store(data, clock=Clock(), new_id=ids("a1b2c3d4", "a1c3e5f7", "b9999999"))
    for title in ("one", "two", "three"):
        store.create("comeback", "", title)
    return store


def test_a_unique_prefix_finds_its_session(three):
    assert three.resolve("b") == "b9999999"
    assert three.resolve("A1B") == "a1b2c3d4"
    assert three.get(" a1c ").title == "two"


def test_an_exact_id_wins_over_longer_ids_it_starts(data):
    store = Store(data, new_id=ids("abc", "abcdef12"))
    store.create("s", "", "short")
    store.create("s", "", "long")
    assert store.get("abc").title == "short"


def test_an_unknown_id_says_so(three):
    with pytest.raises(UnknownSession) as caught:
        three.get("zz")
    assert str(caught.value) == "No session matches 'zz'."
    with pytest.raises(UnknownSession, match=r"No session matches ''\.$"):
        three.resolve("")


def test_an_ambiguous_prefix_lists_what_it_matches(three):
    with pytest.raises(UnknownSession) as caught:
        three.get("a1")
    assert str(caught.value) == (
        "'a1' matches 2 sessions: a1b2c3d4, a1c3e5f7; type more of the id."
    )


def test_many_matches_are_cut_short(data):
    store = Store(data, new_id=ids(*(f"c{n:07d}" for n in range(7))))
    for _ in range(7):
        store.create("s", "", "t")
    with pytest.raises(UnknownSession, match=r"'c' matches 7 sessions: c0000000, .*, …; type"):
        store.get("c")


def test_control_characters_in_a_typed_id_are_shown_escaped(three):
    with pytest.raises(UnknownSession) as caught:
        three.get("\x1b[2J")
    assert str(caught.value) == "No session matches '\\x1b[2J'."


# -- changing a session ----------------------------------------------------


def test_an_answer_is_saved_with_the_position_and_its_draft_is_dropped(store, data):
    record = store.create("comeback", SCRIPT, "t")
    store.save_draft(record.id, "setback", "half-typ")
    store.save_draft(record.id, "other", "keep me")
    saved = store.save_answer(record.id, "setback", "DNF at km 30", position="confidence")
    again = Store(data).get(record.id)
    assert again == saved
    assert again.answers == {"setback": "DNF at km 30"}
    assert again.drafts == {"other": "keep me"}
    assert again.position == "confidence"
    assert again.updated_at == stamp(4)


def test_answers_of_every_json_type_come_back_as_they_were(store):
    record = store.create("comeback", SCRIPT, "t")
    values = {"n": 3, "f": 2.5, "b": False, "l": ["a", "b"], "none": None, "d": "2026-03-09"}
    for key, value in values.items():
        store.save_answer(record.id, key, value, position=None)
    assert store.get(record.id).answers == values


def test_drafts_can_be_cleared_and_the_position_set(store):
    record = store.create("comeback", SCRIPT, "t")
    store.save_draft(record.id, "q", "abc")
    store.clear_draft(record.id, "q")
    store.clear_draft(record.id, "never-drafted")
    store.set_position(record.id, "q2")
    again = store.get(record.id)
    assert (again.drafts, again.position) == ({}, "q2")


def test_update_sets_title_status_and_actions(store):
    record = store.create("comeback", SCRIPT, "t")
    actions = [{"id": "a", "text": "Run 5 km", "done": True, "due": None, "prompt_id": "p"}]
    store.update(record.id, title="New title", actions=actions)
    done = store.complete(record.id)
    assert store.get(record.id) == done
    assert (done.title, done.status, done.actions) == ("New title", "completed", actions)
    assert store.list_sessions()[0].status == "completed"


def test_update_refuses_fields_it_cannot_set(store):
    record = store.create("comeback", SCRIPT, "t")
    with pytest.raises(TypeError, match="cannot set id, nonsense"):
        store.update(record.id, id="x", nonsense=1)
    with pytest.raises(ValueError, match="status must be one of"):
        store.update(record.id, status="finished")


def test_save_replaces_the_whole_record_extra_fields_included(store):
    record = store.create("comeback", SCRIPT, "t")
    record.answers["q"] = "a"
    record.extra = {"checkins": [1]}
    store.save(record)
    assert store.get(record.id).extra == {"checkins": [1]}
    record.extra = {}
    saved = store.save(record)
    assert store.get(record.id) == saved
    assert saved.extra == {} and saved.answers == {"q": "a"}


def test_changing_an_unknown_session_says_so(store):
    store.create("comeback", SCRIPT, "t")
    for attempt in (
        lambda: store.save_answer("nope1234", "q", 1, position=None),
        lambda: store.save_draft("../../etc/passwd", "q", "x"),
        lambda: store.delete("nope1234"),
    ):
        with pytest.raises(UnknownSession, match="No session matches"):
            attempt()


def test_a_deleted_session_is_gone(store, data):
    keep = store.create("comeback", SCRIPT, "keep")
    gone = store.create("comeback", SCRIPT, "gone")
    store.save_answer(gone.id, "q", 1, position=None)
    store.delete(gone.id)
    assert [row.id for row in store.list_sessions()] == [keep.id]
    assert not store.session_path(gone.id).exists()
    with pytest.raises(UnknownSession):
        store.get(gone.id)


# -- lists -----------------------------------------------------------------


def test_the_list_shows_the_most_recently_updated_first(store):
    first = store.create("comeback", SCRIPT, "first")
    second = store.create("comeback", SCRIPT, "second")
    assert [row.title for row in store.list_sessions()] == ["second", "first"]
    store.save_answer(first.id, "q", "a", position=None)
    rows = store.list_sessions()
    assert [row.id for row in rows] == [first.id, second.id]
    assert rows[0].updated_at == stamp(3)
    assert [row.id for row in store.list_sessions(limit=1)] == [first.id]


def test_times_with_other_offsets_sort_by_the_moment_they_name(store):
    records = [
        SessionRecord(id=i, script_id="s", script_source="", title=i, updated_at=when)
        for i, when in [
            ("early", "2026-03-02T10:00:00+02:00"),  # 08:00 UTC
            ("late", "2026-03-02T09:00:00+00:00"),
            ("odd", "sometime"),
        ]
    ]
    store.import_records(records)
    assert [row.id for row in store.list_sessions()] == ["late", "early", "odd"]


def test_the_latest_unfinished_session_is_the_newest_in_progress(store):
    assert store.latest_unfinished() is None
    older = store.create("comeback", SCRIPT, "older")
    newer = store.create("comeback", SCRIPT, "newer")
    assert store.latest_unfinished() == newer
    store.complete(newer.id)
    assert store.latest_unfinished().id == older.id
    store.complete(older.id)
    assert store.latest_unfinished() is None


def test_all_records_gives_every_session_in_full(store):
    made = [store.create("comeback", SCRIPT, f"t{n}") for n in range(3)]
    store.save_answer(made[0].id, "q", "a", position=None)
    records = {record.id: record for record in store.all_records()}
    assert records == {record.id: store.get(record.id) for record in made}


def test_the_overlay_is_folded_into_the_index_when_it_grows(store, data, monkeypatch):
    monkeypatch.setattr(coach.store.index, "FOLD_AFTER", 3)
    made = [store.create("comeback", SCRIPT, f"t{n}") for n in range(4)]
    store.save_answer(made[0].id, "q", 1, position=None)
    store.save_answer(made[1].id, "q", 1, position=None)
    assert len(json.loads((data / "touched.json").read_text())["touched"]) == 2
    store.save_answer(made[2].id, "q", 1, position=None)
    assert json.loads((data / "touched.json").read_text())["touched"] == {}
    index = json.loads((data / "index.json").read_text())["sessions"]["columns"]
    row = index["id"].index(made[2].id)
    assert index["updated_at"][row] == store.get(made[2].id).updated_at
    assert [row.id for row in store.list_sessions()][:3] == [m.id for m in made[2::-1]]


def test_the_index_is_written_newest_first_a_column_per_field(store, data):
    made = [store.create("comeback", SCRIPT, f"t{n}") for n in range(3)]
    store.save_answer(made[0].id, "q", 1, position=None)
    store.create("comeback", SCRIPT, "folds the overlay in")
    columns = json.loads((data / "index.json").read_text())["sessions"]["columns"]
    assert list(columns) == ["id", "script_id", "title", "status", "started_at", "updated_at"]
    assert columns["title"] == ["folds the overlay in", "t0", "t2", "t1"]
    assert columns["id"][1:] == [made[0].id, made[2].id, made[1].id]


def test_the_index_has_a_column_for_every_field_of_a_summary():
    fields = tuple(field.name for field in dataclasses.fields(SummaryColumns))
    assert fields == tuple(field.name for field in dataclasses.fields(SessionSummary))


def test_a_missing_index_is_rebuilt_from_the_session_files(store, data):
    made = [store.create("comeback", SCRIPT, f"t{n}") for n in range(3)]
    store.save_answer(made[0].id, "q", "kept", position=None)
    (data / "index.json").rename(data / "index.json.moved-aside")
    assert {row.id for row in store.list_sessions()} == {m.id for m in made}
    extra = store.create("comeback", SCRIPT, "after")
    assert "index.json" in {p.name for p in data.iterdir()}
    assert len(Store(data).list_sessions()) == 4
    assert store.get(made[0].id).answers == {"q": "kept"}
    assert store.get(extra.id).title == "after"


# -- import ----------------------------------------------------------------


def imported(session_id: str, **fields) -> SessionRecord:
    data = {
        "id": session_id,
        "script_id": "comeback",
        "title": "From a backup",
        "status": "completed",
        "started_at": "2025-01-01T10:00:00+00:00",
        "updated_at": "2025-01-02T10:00:00+00:00",
        "answers": {"q": "a"},
        "actions": [{"text": "x", "done": True}],
        "checkins": ["kept"],
    }
    data.update(fields)
    return SessionRecord.from_json(data)


def test_imported_sessions_are_added_as_they_were(store, data):
    records = [imported("aaaa0001"), imported("aaaa0002", status="in_progress")]
    assert store.import_records(records) == (["aaaa0001", "aaaa0002"], [])
    assert store.get("aaaa0001") == records[0]
    assert store.get("aaaa0001").extra == {"checkins": ["kept"]}
    assert [r.id for r in store.list_sessions()] == ["aaaa0001", "aaaa0002"]


def test_importing_an_existing_id_skips_it(store):
    mine = store.create("comeback", SCRIPT, "mine")
    records = [imported(mine.id), imported("bbbb0001"), imported("bbbb0001", title="dup")]
    assert store.import_records(records) == (["bbbb0001"], [mine.id, "bbbb0001"])
    assert store.get(mine.id).title == "mine"
    assert store.get("bbbb0001").title == "From a backup"


def test_an_export_imported_into_an_empty_folder_gives_the_same_sessions(store, tmp_path):
    made = store.create("comeback", SCRIPT, "✨ t")
    store.save_answer(made.id, "q", ["a", "b"], position="r")
    store.save_draft(made.id, "r", "half")
    exported = [SessionRecord.from_json(r.to_json()) for r in store.all_records()]
    other = Store(tmp_path / "other")
    other.import_records(exported)
    assert list(other.all_records()) == list(store.all_records())


def test_an_id_that_cannot_name_a_file_is_refused_and_nothing_is_imported(store, data):
    store.create("comeback", SCRIPT, "mine")
    before = snapshot(data)
    with pytest.raises(StoreError, match=r"'\.\./evil' cannot be a session id\. Nothing was"):
        store.import_records([imported("cccc0001"), imported("../evil")])
    assert snapshot(data) == before


def test_an_import_that_fails_halfway_leaves_nothing_behind(store, data, monkeypatch):
    store.create("comeback", SCRIPT, "mine")
    before = snapshot(data)

    write = coach.store.storage.write_atomically

    def full_disk_for_the_index(path, payload):
        if path.name == "index.json":
            raise StoreError("Could not save to index.json: No space left on device.")
        write(path, payload)

    monkeypatch.setattr(coach.store.storage, "write_atomically", full_disk_for_the_index)
    with pytest.raises(StoreError, match="No space left"):
        store.import_records([imported("cccc0001"), imported("cccc0002")])
    assert snapshot(data) == before


# -- settings --------------------------------------------------------------


def test_settings_come_back_and_have_defaults(store, data):
    assert store.get_setting("theme") is None
    assert store.get_setting("theme", "textual-dark") == "textual-dark"
    store.set_setting("theme", "nord")
    store.set_setting("theme", "gruvbox")
    store.set_setting("sizes", {"wide": True})
    again = Store(data)
    assert again.get_setting("theme", "textual-dark") == "gruvbox"
    assert again.get_setting("sizes") == {"wide": True}


# -- damage, newer formats, failing disks ----------------------------------


def attempts(store: Store, session_id: str):
    """Every kind of operation, reading and writing."""
    return [
        store.list_sessions,
        store.latest_unfinished,
        lambda: store.get(session_id),
        lambda: list(store.all_records()),
        lambda: store.create("comeback", SCRIPT, "new"),
        lambda: store.save_answer(session_id, "q", "new", position=None),
        lambda: store.update(session_id, status="completed"),
        lambda: store.delete(session_id),
        lambda: store.import_records([imported("dddd0001")]),
    ]


def try_all(store: Store, session_id: str, refusal: type[CoachError] = StoreError) -> list[str]:
    """Run every operation; the messages of those that were refused (with ``refusal``)."""
    refused = []
    for attempt in attempts(store, session_id):
        try:
            attempt()
        except CoachError as error:
            assert isinstance(error, refusal), error
            refused.append(str(error))
    return refused


def test_a_damaged_index_is_named_and_its_bytes_are_kept(store, data):
    record = store.create("comeback", SCRIPT, "t")
    index = data / "index.json"
    index.write_bytes(b'{"sessions": {"' + record.id.encode() + b'": {"id": tr')
    damaged = index.read_bytes()
    refused = try_all(store, record.id)
    assert index.read_bytes() == damaged
    assert len(refused) == 7  # all but the autosave and status change of the session itself
    assert all(m.startswith(f"{index} is damaged: it is not valid JSON") for m in refused)
    assert all("Move it aside (or restore it from a backup)" in message for message in refused)


@pytest.mark.parametrize(
    ("change", "reason"),
    [
        (lambda columns: columns.pop("title"), "the column 'title' is missing"),
        (
            lambda columns: columns.update(status="completed"),
            "the column 'status' should be an array, not a string",
        ),
        (
            lambda columns: columns["started_at"].__setitem__(1, None),
            "value 2 of the column 'started_at' should be a string, not null",
        ),
        (lambda columns: columns["title"].pop(), r"its columns differ in length \(id 3, "),
        (
            lambda columns: columns["id"].__setitem__(2, columns["id"][0]),
            "it lists the session '.{8}' twice",
        ),
    ],
)
def test_an_index_of_the_wrong_shape_is_damage_too(store, data, change, reason):
    for n in range(3):
        store.create("comeback", SCRIPT, f"t{n}")
    index = data / "index.json"
    document = json.loads(index.read_text())
    change(document["sessions"]["columns"])
    index.write_text(json.dumps(document))
    damaged = index.read_bytes()
    with pytest.raises(StoreError, match=rf"index\.json is damaged: {reason}"):
        store.list_sessions()
    with pytest.raises(StoreError, match=rf"index\.json is damaged: {reason}"):
        store.create("comeback", SCRIPT, "one more")
    assert index.read_bytes() == damaged


def test_an_index_with_a_document_per_session_is_damage_too(store, data):
    store.create("comeback", SCRIPT, "t")
    (data / "index.json").write_text('{"sessions": {"x": {"id": "x"}}}')
    with pytest.raises(
        StoreError, match=r"index\.json is damaged: its table 'sessions' should hold one document"
    ):
        store.list_sessions()


def test_an_empty_index_lists_nothing_and_is_not_rebuilt(store, data):
    record = store.create("comeback", SCRIPT, "t")
    (data / "index.json").write_text('{"sessions": {}}')
    assert store.list_sessions() == []
    with pytest.raises(UnknownSession):
        store.get(record.id)


def test_a_damaged_session_file_is_named_and_its_bytes_are_kept(store, data):
    keep = store.create("comeback", SCRIPT, "fine")
    record = store.create("comeback", SCRIPT, "t")
    path = store.session_path(record.id)
    path.write_bytes(path.read_bytes()[:-7])
    damaged = path.read_bytes()
    refused = try_all(store, record.id, refusal=UnreadableSession)
    assert path.read_bytes() == damaged
    assert len(refused) == 6  # list, create and import do not read it
    assert all(m.startswith(f"{path} is damaged: it is not valid JSON") for m in refused)
    assert all("Your other sessions are not affected" in m for m in refused)
    assert store.get(keep.id).title == "fine"


def test_a_damaged_session_file_is_that_sessions_problem_not_the_folders(store, data):
    """Every other session is still read, changed and added; the damaged one stays as is."""
    keep = store.create("comeback", SCRIPT, "fine")
    record = store.create("comeback", SCRIPT, "t")
    path = store.session_path(record.id)
    path.write_bytes(b"garbage{")
    with pytest.raises(UnreadableSession) as caught:
        store.get(record.id)
    assert not isinstance(caught.value, StoreError)
    assert caught.value.path == path
    assert str(caught.value).startswith(f"{path} is damaged: it is not valid JSON")
    assert "delete the session in History" in str(caught.value)
    store.save_answer(keep.id, "q", "still saved", position=None)
    added = store.create("comeback", SCRIPT, "new")
    assert {s.id for s in store.list_sessions()} == {keep.id, record.id, added.id}
    assert store.get(keep.id).answers == {"q": "still saved"}
    assert path.read_bytes() == b"garbage{"


def test_all_records_can_leave_out_the_sessions_it_cannot_read(store):
    first = store.create("comeback", SCRIPT, "first")
    broken = store.create("comeback", SCRIPT, "broken")
    missing = store.create("comeback", SCRIPT, "missing")
    last = store.create("comeback", SCRIPT, "last")
    store.session_path(broken.id).write_bytes(b"{")
    unlink_unnoticed(store.session_path(missing.id))
    with pytest.raises(UnreadableSession):
        list(store.all_records())
    unreadable: list[UnreadableSession] = []
    assert [r.id for r in store.all_records(unreadable)] == [last.id, first.id]
    assert [error.path for error in unreadable] == [
        store.session_path(missing.id),
        store.session_path(broken.id),
    ]
    assert "is missing" in str(unreadable[0]) and "is damaged" in str(unreadable[1])


def test_a_missing_index_is_not_rebuilt_past_a_damaged_session_file(store, data):
    """The list would silently lack that session: the folder as a whole is refused."""
    store.create("comeback", SCRIPT, "fine")
    record = store.create("comeback", SCRIPT, "t")
    path = store.session_path(record.id)
    path.write_bytes(b"{")
    (data / "index.json").unlink()
    with pytest.raises(StoreError, match=r"is damaged: .* Move it aside .* start coach again"):
        store.list_sessions()
    assert path.read_bytes() == b"{"


def test_a_session_file_of_the_wrong_shape_is_damage_too(store):
    record = store.create("comeback", SCRIPT, "t")
    path = store.session_path(record.id)
    content = path.read_text().replace('"answers":{}', '"answers":[]')
    path.write_text(content)
    with pytest.raises(
        UnreadableSession, match="is damaged: the field 'answers' should be an object"
    ):
        store.save_answer(record.id, "q", 1, position=None)
    assert path.read_text() == content


def test_a_listed_session_whose_file_is_missing_says_what_to_do(store):
    record = store.create("comeback", SCRIPT, "t")
    unlink_unnoticed(store.session_path(record.id))
    with pytest.raises(
        UnreadableSession, match=r"is listed, but its file .* is missing\. Put the file"
    ):
        store.get(record.id)
    store.delete(record.id)
    assert store.list_sessions() == []


def unlink_unnoticed(path: Path) -> None:
    """Remove a file the way no listing notices: its folder keeps its time (as when two
    changes fall within one tick of the file system's clock)."""
    folder = path.parent.stat()
    path.unlink()
    os.utime(path.parent, ns=(folder.st_atime_ns, folder.st_mtime_ns))


@pytest.mark.parametrize("name", ["index.json", "touched.json", "settings.json", "session"])
def test_a_file_from_a_newer_format_is_refused_and_kept(store, data, name):
    record = store.create("comeback", SCRIPT, "t")
    store.save_answer(record.id, "q", 1, position=None)
    store.set_setting("theme", "nord")
    path = store.session_path(record.id) if name == "session" else data / name
    content = path.read_text().replace('"format":1', '"format":2')
    path.write_text(content)
    refusal = UnreadableSession if name == "session" else StoreError
    refused = try_all(store, record.id, refusal) + try_settings(store)
    assert path.read_text() == content
    assert refused
    assert all("was written by a newer Comeback Coach (format 2)" in m for m in refused)
    assert all(str(path) in m for m in refused)


def try_settings(store: Store) -> list[str]:
    refused = []
    for attempt in (lambda: store.get_setting("theme"), lambda: store.set_setting("theme", "x")):
        try:
            attempt()
        except StoreError as error:
            refused.append(str(error))
    return refused


def test_a_failing_disk_keeps_the_last_saved_answer(store, data, monkeypatch):
    record = store.create("comeback", SCRIPT, "t")
    store.save_answer(record.id, "q", "saved", position=None)
    before = snapshot(data)

    def no_space(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, "No space left on device")

    with monkeypatch.context() as patched:
        patched.setattr(os, "replace", no_space)
        with pytest.raises(StoreError) as caught:
            store.save_answer(record.id, "q", "lost?", position=None)
    path = store.session_path(record.id)
    assert str(caught.value) == (
        f"Could not save to {path}: No space left on device. "
        "The last saved state is kept; free some space and try again."
    )
    assert snapshot(data) == before
    assert not list(data.rglob("*.tmp"))
    assert store.save_answer(record.id, "q", "now saved", position=None).answers == {
        "q": "now saved"
    }


def test_a_read_only_folder_can_be_read_but_not_written(store, data, monkeypatch):
    record = store.create("comeback", SCRIPT, "t")
    before = snapshot(data)
    real_open = os.open

    def read_only(path, flags, *args, **kwargs):
        writing = flags & (os.O_WRONLY | os.O_RDWR | os.O_CREAT)
        if writing and str(path).startswith(str(data)):
            raise OSError(errno.EROFS, "Read-only file system")
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", read_only)
    assert store.list_sessions()[0].id == record.id
    assert store.get(record.id) == record
    with pytest.raises(StoreError, match=r"Could not save to .*: Read-only file system\. "):
        store.save_answer(record.id, "q", 1, position=None)
    assert snapshot(data) == before


def test_another_busy_coach_is_waited_for_then_reported(store, data, monkeypatch):
    from filelock import FileLock

    record = store.create("comeback", SCRIPT, "t")
    monkeypatch.setattr(coach.files, "LOCK_TIMEOUT", 0.1)
    with FileLock(data / ".lock"), pytest.raises(StoreError) as caught:
        store.save_answer(record.id, "q", 1, position=None)
    assert str(caught.value) == f"Another coach is busy with {data}; try again in a moment."
    assert store.save_answer(record.id, "q", 1, position=None).answers == {"q": 1}


# -- scale -----------------------------------------------------------------


def seed_index(data: Path, count: int) -> None:
    """Write an index of ``count`` sessions directly, as years of use would."""
    summaries = [
        SessionSummary(
            id=f"{n:08x}",
            script_id="comeback",
            title=f"Session {n} — a title of ordinary length",
            status="completed",
            started_at="2020-01-01T09:00:00+00:00",
            updated_at="2020-01-01T10:00:00+00:00",
        )
        for n in range(count)
    ]
    data.mkdir(mode=0o700)
    (data / "index.json").write_bytes(encode_tables(index_tables(summaries)))


class FileLog:
    """Every read and write of a store file, with the bytes written."""

    def __init__(self, monkeypatch) -> None:
        self.reads: list[Path] = []
        self.writes: list[tuple[Path, int]] = []
        read = coach.store.storage.AtomicJSONStorage.read
        write = coach.store.storage.write_atomically

        def logged_read(storage):
            self.reads.append(storage.path)
            return read(storage)

        def logged_write(path, payload):
            self.writes.append((path, len(payload)))
            return write(path, payload)

        monkeypatch.setattr(coach.store.storage.AtomicJSONStorage, "read", logged_read)
        monkeypatch.setattr(coach.store.storage, "write_atomically", logged_write)


def test_an_autosave_with_ten_thousand_sessions_touches_only_small_files(data, monkeypatch):
    seed_index(data, 10_000)
    store = Store(data, clock=Clock())
    record = store.create("comeback", SCRIPT, "today")
    index = data / "index.json"
    before = (index.read_bytes(), index.stat().st_mtime_ns)
    assert len(before[0]) > 1_000_000
    log = FileLog(monkeypatch)
    for n in range(5):
        store.save_answer(record.id, f"q{n}", "an answer", position=f"q{n + 1}")
    store.save_draft(record.id, "q5", "half-typed")
    assert (index.read_bytes(), index.stat().st_mtime_ns) == before
    assert index not in log.reads
    written = {path for path, _ in log.writes}
    assert written == {store.session_path(record.id), store.index.touched_path, data / "seen.json"}
    assert max(size for _, size in log.writes) < 2_000


def test_listing_ten_thousand_sessions_reads_only_the_index_and_overlay(data, monkeypatch):
    seed_index(data, 10_000)
    store = Store(data, clock=Clock())
    record = store.create("comeback", SCRIPT, "today")
    store.save_answer(record.id, "q", "a", position=None)
    log = FileLog(monkeypatch)
    rows = store.list_sessions()
    assert len(rows) == 10_001
    assert rows[0].id == record.id
    assert rows[0].updated_at == stamp(2)
    assert set(log.reads) == {data / "index.json", data / "touched.json", data / "seen.json"}
    assert log.writes == []


# -- threads (processes: see test_store_processes.py) ----------------------


def test_two_threads_sharing_a_store_lose_nothing(store):
    record = store.create("comeback", SCRIPT, "t")

    def save(name: str) -> None:
        for n in range(30):
            store.save_answer(record.id, f"{name}-{n}", n, position=None)

    threads = [threading.Thread(target=save, args=(name,)) for name in "ab"]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert store.get(record.id).answers == {f"{k}-{n}": n for k in "ab" for n in range(30)}
