"""The console's state (osgtui.console.state), without Textual: two consoles on one real database file."""

from __future__ import annotations

from pathlib import Path

from osgtui.config import Config
from osgtui.console.editlock import LOCK_STALE_SECONDS
from osgtui.console.state import LOCK_LOST, ConsoleState
from osgtui.store.database import Store
from tests.ui.conftest import DAY, PREVIOUS_DAY


class WallClock:
    """Epoch seconds moved by hand (the lock's heartbeat)."""

    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def open_state(db_path: Path, config: Config, wall: WallClock | None = None, day=DAY) -> ConsoleState:  # noqa: ANN001
    store = Store.open(db_path, config)
    return ConsoleState(store, config, store.load_meeting(day), clock=lambda: 50.0, wall=wall or WallClock())


def close(*states: ConsoleState) -> None:
    for state in states:
        state.shutdown()
        state.store.close()


def test_the_second_console_opens_read_only_and_says_why(db_path: Path, config: Config) -> None:
    first = open_state(db_path, config)
    second = open_state(db_path, config)
    assert not first.read_only and first.opening_notices == []
    assert second.read_only and "is editing this meeting" in second.read_only_reason
    [notice] = second.opening_notices
    assert notice.severity == "warning" and "opened read-only" in notice.message
    assert second.session.read_only and not second.timer.writes  # the session refuses changes, the timer is not kept
    close(first, second)


def test_lock_free_again_is_said_once_then_take_over_edits_here(db_path: Path, config: Config) -> None:
    first = open_state(db_path, config)
    second = open_state(db_path, config)
    assert second.lock_free_again() is None  # the first still holds the lock
    outcome = second.take_over()
    assert not outcome.changed and "Still being edited by" in outcome.notice.message and second.read_only
    close(first)
    notice = second.lock_free_again()
    assert notice is not None and "ctrl+t" in notice.message
    assert second.lock_free_again() is None  # said once
    outcome = second.take_over()
    assert outcome.changed and outcome.notice.message == "Editing here now."
    assert not second.read_only and second.read_only_reason == ""
    assert not second.take_over().changed  # already editing
    close(second)


def test_a_console_whose_lock_was_taken_over_becomes_read_only(db_path: Path, config: Config) -> None:
    wall = WallClock()
    first = open_state(db_path, config, wall)
    assert first.keep_lock() is None  # ours: refreshed
    wall.now += LOCK_STALE_SECONDS + 1  # the first console hung: its heartbeat is stale
    second = open_state(db_path, config, wall)
    assert not second.read_only
    notice = first.keep_lock()
    assert notice is not None and notice.message == LOCK_LOST
    assert first.read_only and first.read_only_reason == LOCK_LOST
    assert first.reload() is False and first.read_only  # reloading does not give editing back
    assert first.keep_lock() is None  # said once: the lock is no longer ours to refresh
    close(first, second)


def test_read_only_catches_up_with_the_editing_console(db_path: Path, config: Config) -> None:
    first = open_state(db_path, config)
    second = open_state(db_path, config)
    assert not second.catch_up() and not first.catch_up()  # nothing new; the editing console never catches up
    first.session.add_bullet(None, "below", "written by the first console")
    first.session.save_pending()
    assert second.catch_up()
    assert any("written by the first console" in getattr(b, "text", "") for b in second.session.blocks)
    close(first, second)


def test_switching_meetings_gives_the_first_lock_up(db_path: Path, config: Config) -> None:
    first = open_state(db_path, config)
    assert first.switch_to(PREVIOUS_DAY) == []
    assert first.session.meeting.date == PREVIOUS_DAY and not first.read_only
    second = open_state(db_path, config)  # DAY is free again
    assert not second.read_only
    close(first, second)


def test_set_roster_reaches_the_session_and_the_next_meeting(db_path: Path, config: Config) -> None:
    state = open_state(db_path, config)
    state.set_roster(("Ann", "Zed"))
    assert state.session.config.people.roster == ("Ann", "Zed")
    state.switch_to(PREVIOUS_DAY)
    assert state.session.config.people.roster == ("Ann", "Zed")
    close(state)


def test_shutdown_releases_the_lock_and_is_idempotent(db_path: Path, config: Config) -> None:
    state = open_state(db_path, config)
    state.shutdown()
    state.shutdown()
    assert state.lock is not None and not state.lock.held and state.lock.is_free()
    state.store.close()
