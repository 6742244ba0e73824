"""The undo history is kept in SQLite with the meeting: a new session (after a restart) can undo and redo."""

from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

import pytest

from osgtui.console.session import MeetingSession
from osgtui.console.undo_log import step_from_json, step_json
from osgtui.errors import StoreError
from osgtui.minutes.model import Bullet
from osgtui.minutes.renderer import render_minutes
from osgtui.store.database import Store
from tests.ui.sample import CURRENT, sample_config, sample_store
from tests.ui.test_outside_changes import replace_from_file

DAY = date(2019, 6, 10)


def open_session(path: Path) -> MeetingSession:
    store = Store.open(path, sample_config())
    return MeetingSession(store, store.config, store.load_meeting(DAY))


def uid_of(session: MeetingSession, text: str) -> str:
    return next(b.uid for b in session.blocks if isinstance(b, Bullet) and b.text.startswith(text))


def test_steps_round_trip_through_json() -> None:
    session = MeetingSession(sample_store(), sample_config(), sample_store().load_meeting(DAY))
    step = session._snapshot("add bullet", ("edit", "u1", ("bar", 3)))
    step.created = "u1"
    again = step_from_json(step_json(step), 7)
    assert again.blocks == step.blocks and again.count_meta == step.count_meta
    assert again.created == "u1" and again.seq == 7
    assert again.key == ()  # typing after a restart starts a new step


def test_a_restarted_session_undoes_and_redoes_what_the_first_one_did(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    sample_store(path, sample_config()).close()
    first = open_session(path)
    bullet = first.add_bullet(uid_of(first, "Topic two"), "below")
    first.edit_text(bullet.uid, "a line typed before the crash", edit_id=1)
    first.indent(uid_of(first, "Topic two"))
    first.store.close()  # as good as kill -9: nothing is written on the way out

    second = open_session(path)
    assert second.undo_label() == "indent"
    second.undo()
    second.undo()  # the fresh line goes as a whole
    assert render_minutes(second.store.load_meeting(DAY)) == CURRENT
    second.store.close()

    third = open_session(path)
    assert third.can_redo and not third.can_undo
    third.redo()
    assert "-   a line typed before the crash\n" in render_minutes(third.store.load_meeting(DAY))


def test_history_of_an_older_version_is_not_offered(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    sample_store(path, sample_config()).close()
    first = open_session(path)
    first.add_bullet(None, text="mine")
    first.store.close()
    replace_from_file(path, CURRENT)  # osgtui import --replace: a new version from outside
    second = open_session(path)
    assert not second.can_undo  # undoing would undo the import as well
    second.add_bullet(None, text="after the import")
    rows = second.store.conn.execute("SELECT count(*) FROM undo_steps").fetchone()[0]
    assert rows == 1  # the stale steps are gone with the first save


def test_a_locked_database_keeps_the_change_in_memory_until_it_can_be_saved(tmp_path: Path) -> None:
    path = tmp_path / "x.db"
    sample_store(path, sample_config()).close()
    session = open_session(path)
    session.add_bullet(None, text="kept")
    blocker = sqlite3.connect(path, timeout=0)
    blocker.execute("BEGIN IMMEDIATE")  # another program holds the database's write lock
    session.store.busy_timeout(0)
    bullet = session.add_bullet(None, text="typed while locked")
    assert session.unsaved is not None and session.unsaved.reason == "database locked"
    session.edit_text(bullet.uid, "typed while locked, and more")  # kept, not written: no wait per key
    assert "typed while locked" not in render_minutes(Store.open(path).load_meeting(DAY))
    assert not session.flush()  # still locked
    blocker.rollback()
    blocker.close()
    assert session.flush() and session.unsaved is None
    assert "-   typed while locked, and more\n" in render_minutes(Store.open(path).load_meeting(DAY))
    again = open_session(path)
    assert len(again._undo) == 3  # the history was written with it


def test_a_save_that_fails_for_another_reason_puts_memory_back(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "x.db"
    sample_store(path, sample_config()).close()
    session = open_session(path)

    def broken(meeting, **kwargs):  # noqa: ANN001, ANN003
        raise StoreError("no such meeting")

    monkeypatch.setattr(session.store, "save_meeting", broken)
    with pytest.raises(StoreError):
        session.add_bullet(None, text="not saved")
    assert "not saved" not in render_minutes(session.meeting) and not session.can_undo
