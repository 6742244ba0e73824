"""History queries read through indexes (migration m005), and the import's batches of saves.

The indexed queries must give what the whole-archive reading gives: these tests
compare them with it (every status filtered afterwards) on a real SQLite file.
"""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

import pytest
from sqlite_utils import Database

from osgtui.config import Config, PeopleConfig
from osgtui.errors import DatabaseUnavailable
from osgtui.history import action_history, search
from osgtui.history.actions import OPEN_STATUSES, owner_keys
from osgtui.history.importer import import_meetings
from osgtui.minutes.counts import find_counts
from osgtui.minutes.extract import parents, structure
from osgtui.minutes.section_paths import section_of_blocks
from osgtui.store.database import Store
from osgtui.store.migrations import NON_ASCII_OWNER_KEY, migrations
from tests.corpus import requires_corpus

from .conftest import minutes
from .fixtures import MEETING_A, MEETING_B, MEETING_C

A, B, C = date(2024, 1, 9), date(2024, 1, 16), date(2024, 1, 23)


def rows(records) -> list[tuple]:
    return [(r.thread, r.owners, r.text, r.status, r.first_raised, r.last_seen, r.meetings_open, r.section,
             r.last_uid) for r in records]


def owners_table(store: Store) -> list[tuple[int, str]]:
    return store.conn.execute("SELECT item_id, owner_key FROM action_owners ORDER BY 1, 2").fetchall()


def owners_expected(store: Store) -> list[tuple[int, str]]:
    """What ``action_owners`` should hold, computed from ``action_items`` in Python."""
    out = []
    for item_id, owners in store.conn.execute("SELECT id, owners FROM action_items"):
        for name in json.loads(owners):
            if name.strip(" "):
                plain = all(" " <= ch <= "~" for ch in name.strip(" "))
                out.append((item_id, name.strip(" ").lower() if plain else NON_ASCII_OWNER_KEY))
    return sorted(out)


def assert_same_as_full_reading(store: Store, config: Config | None, owners: list[str],
                                befores: list[date | None]) -> None:
    """Open-only and per-owner answers equal the full history filtered afterwards."""
    names = config if config is not None else store.config
    for before in befores:
        everything = action_history(store, config, before=before)
        open_ones = [r for r in everything if r.status in OPEN_STATUSES]
        assert rows(action_history(store, config, open_only=True, before=before)) == rows(open_ones)
        latest = max((r.last_seen for r in everything), default=None)
        assert rows(action_history(store, config, latest_meeting=True, before=before)) == rows(
            [r for r in everything if r.last_seen == latest])
        for owner in owners:
            wanted = (names.canonical_name(owner) if names else owner.strip()).casefold()
            mine = [r for r in everything if wanted in (o.casefold() for o in r.owners)]
            assert rows(action_history(store, config, owner=owner, before=before)) == rows(mine)
            assert rows(action_history(store, config, owner=owner, open_only=True, before=before)) == rows(
                [r for r in mine if r.status in OPEN_STATUSES])


def test_indexed_answers_equal_the_full_reading(three: Store, config: Config) -> None:
    owners = ["BrianL", "brian", "BRIAN", " Carol ", "alice", "Dave", "Nobody"]
    assert_same_as_full_reading(three, config, owners, [None, A, B, C, date(2024, 1, 10), date(2030, 1, 1)])
    assert_same_as_full_reading(three, None, owners, [None, B])


def test_open_items_come_from_the_latest_meeting(three: Store, config: Config) -> None:
    assert [r.text for r in action_history(three, config, open_only=True)] == [
        "write the origin upgrade guide for OSG 23", "build the new osg-token-renewer"]
    assert action_history(three, config, open_only=True, before=A) == []


def test_owner_keys_cover_aliases_case_and_other_scripts() -> None:
    config = Config(people=PeopleConfig(roster=("BrianL", "Édgar"), aliases={"Brian": "BrianL", "BL": "brianl"}))
    assert owner_keys(config, "brian") == [NON_ASCII_OWNER_KEY, "bl", "brian", "brianl"]
    assert owner_keys(config, "ÉDGAR") == [NON_ASCII_OWNER_KEY]
    assert owner_keys(None, " Mat ") == [NON_ASCII_OWNER_KEY, "mat"]


def test_names_in_other_scripts_are_found_whatever_their_case(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "names.db")
    text = MEETING_A.replace("AI (Dave): send", "AI (Édgar): send").replace("AI (Carol): rotate", "AI (ÉDGAR): rotate")
    assert not import_meetings(store, [minutes(text, "20240109")]).failures
    both = ["rotate the CA certificates", "send the EL9 migration survey"]
    assert [r.text for r in action_history(store, None, owner="édgar")] == both
    assert [r.text for r in action_history(store, None, owner="ÉDGAR", open_only=True)] == both[1:]
    assert action_history(store, None, owner="Edgar") == []
    config = Config(people=PeopleConfig(roster=("Édgar",), aliases={"Ed": "ÉDGAR"}))
    assert [r.text for r in action_history(store, config, owner="ed")] == both
    assert {o for r in action_history(store, config, owner="édgar") for o in r.owners} == {"Édgar"}
    assert owners_table(store) == owners_expected(store)
    store.close()


def test_action_owners_follow_saves_replaces_and_deletes(three: Store, config: Config) -> None:
    assert owners_table(three) == owners_expected(three) != []
    meeting = three.load_meeting(B)
    meeting.blocks = [b for b in meeting.blocks if "AI (Carol)" not in getattr(b, "text", "")]
    three.save_meeting(meeting)
    assert owners_table(three) == owners_expected(three)
    assert not import_meetings(three, [minutes(MEETING_C, "20240123")], replace=True, config=config).failures
    assert owners_table(three) == owners_expected(three)
    three.delete_meeting(A)
    assert owners_table(three) == owners_expected(three)
    three.conn.execute("UPDATE action_items SET owners = '[\"Zed\"]' WHERE id = (SELECT min(id) FROM action_items)")
    assert owners_table(three) == owners_expected(three)


def test_migration_m005_upgrades_a_database_of_four_steps(tmp_path: Path) -> None:
    path = tmp_path / "m004.db"
    db = Database(path)
    migrations.apply(db, stop_before="m005_history_indexes")
    old = Store(db.conn, path)
    for text, day in ((MEETING_A, "20240109"), (MEETING_B, "20240116"), (MEETING_C, "20240123")):
        old.save_meeting(minutes(text, day))
    db.conn.close()
    store = Store.open(path)
    names = {r[0] for r in store.conn.execute("SELECT name FROM sqlite_schema")}
    assert {"action_owners", "action_items_thread_key", "blocks_thread", "action_owners_insert"} <= names
    assert store.conn.execute("PRAGMA user_version").fetchone()[0] == 5
    assert owners_table(store) == owners_expected(store) != []
    assert_same_as_full_reading(store, None, ["BrianL", "Carol", "alice"], [None, B])
    store.close()


def test_queries_use_the_indexes(three: Store) -> None:
    def plan(sql: str, *params: object) -> str:
        return " ".join(r[3] for r in three.conn.execute(f"EXPLAIN QUERY PLAN {sql}", params))

    assert "action_items_thread_key" in plan(
        "SELECT 1 FROM action_items a WHERE coalesce(a.thread, a.block_uid) IN (SELECT value FROM json_each(?))",
        "[]")
    assert "action_owners_key" in plan("SELECT 1 FROM action_owners o WHERE o.owner_key IN (SELECT value FROM "
                                       "json_each(?))", "[]")
    assert "blocks_thread" in plan("SELECT 1 FROM blocks WHERE thread IN (?, ?)", "a", "b")


def test_search_limits_keep_the_order_of_the_best(three: Store) -> None:
    every = search(three, "the", limit=500)
    assert len(every) > 5
    for limit in (1, 2, 5):
        assert search(three, "the", limit=limit) == every[:limit]
    assert {h.kind for h in search(three, "AI")} >= {"action"}


def test_structure_is_what_each_reader_derives(three: Store) -> None:
    meeting = three.load_meeting(A)
    derived = structure(meeting)
    assert derived.paths == section_of_blocks(meeting)
    assert derived.parents == parents(meeting)
    assert derived.counts == find_counts(meeting)


def test_a_batch_commits_once_and_a_failed_savepoint_leaves_the_others(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "batch.db")
    a, b = minutes(MEETING_A, "20240109"), minutes(MEETING_B, "20240116")
    with store.batch():
        store.save_meeting(a)
        with pytest.raises(RuntimeError), store.savepoint():
            store.save_meeting(b)
            raise RuntimeError("undo this one")
        assert store.in_batch and store.conn.in_transaction
    assert not store.conn.in_transaction
    assert store.meeting_dates() == [A]
    with pytest.raises(RuntimeError), store.batch():
        store.save_meeting(b)
        raise RuntimeError("undo the batch")
    assert store.meeting_dates() == [A] and not store.in_batch
    store.close()


def test_a_failure_in_a_batch_saves_the_others_one_by_one(tmp_path: Path, monkeypatch) -> None:
    store = Store.open(tmp_path / "fail.db")
    save = store.save_meeting

    def failing(meeting, **kwargs) -> None:  # noqa: ANN001
        if meeting.date == B:
            raise DatabaseUnavailable("database X: cannot save meeting 2024-01-16: disk full", "disk full")
        save(meeting, **kwargs)

    monkeypatch.setattr(store, "save_meeting", failing)
    seen: list[tuple[int, int]] = []
    meetings = [minutes(MEETING_C, "20240123"), minutes(MEETING_A, "20240109"), minutes(MEETING_B, "20240116")]
    result = import_meetings(store, meetings, progress=lambda done, total: seen.append((done, total)))
    assert [m.date for m in result.imported] == [A, C]
    assert [name for name, _ in result.failures] == ["TechArea20240116.md"]
    assert "disk full" in result.failures[0][1]
    assert seen == [(1, 3), (2, 3), (3, 3)]
    assert store.meeting_dates() == [A, C]
    assert not store.conn.in_transaction
    c_items = store.conn.execute("SELECT count(*) FROM action_items a JOIN meetings m ON m.id = a.meeting_id "
                                 "WHERE m.date = ? AND a.continues IS NOT NULL", (C.isoformat(),)).fetchone()[0]
    assert c_items > 0  # C is linked to A, the meeting before it that was saved
    store.close()


def test_a_batch_refused_by_the_database_falls_back(tmp_path: Path) -> None:
    path = tmp_path / "locked.db"
    store = Store.open(path)
    other = sqlite3.connect(path, timeout=0)
    other.execute("BEGIN IMMEDIATE")  # another program holds the write lock
    store.busy_timeout(0)
    result = import_meetings(store, [minutes(MEETING_A, "20240109")])
    assert result.imported == [] and "database locked" in result.failures[0][1]
    other.rollback()
    other.close()
    assert not import_meetings(store, [minutes(MEETING_A, "20240109")]).failures
    assert store.meeting_dates() == [A]
    store.close()


@requires_corpus
def test_indexed_answers_equal_the_full_reading_on_the_corpus(corpus_db: Path) -> None:
    store = Store.open(corpus_db)  # the archive, imported once for the session
    owners = [r[0] for r in store.conn.execute(
        "SELECT DISTINCT o.value FROM action_items, json_each(action_items.owners) AS o ORDER BY 1")]
    dates = store.meeting_dates()
    assert_same_as_full_reading(store, None, owners, [None, dates[len(dates) // 2], dates[-1]])
    assert owners_table(store) == owners_expected(store)
    store.close()
