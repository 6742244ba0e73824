"""The editor lock: one console edits a meeting; a dead or silent one is taken over."""

from __future__ import annotations

from pathlib import Path

from osgtui.config import Config
from osgtui.console.editlock import LOCK_STALE_SECONDS, EditorLock
from osgtui.store.database import Store
from tests.ui.conftest import DAY


class FakeTime:
    def __init__(self) -> None:
        self.now = 10_000.0

    def __call__(self) -> float:
        return self.now


def test_second_console_sees_the_holder_until_release(db_path: Path, config: Config) -> None:
    first, second = Store.open(db_path, config), Store.open(db_path, config)
    a = EditorLock(first, DAY, host="alpha")
    b = EditorLock(second, DAY, host="beta")
    assert a.acquire() is None and a.held
    holder = b.acquire()
    assert holder is not None and holder.host == "alpha" and not b.held
    assert a.heartbeat()
    a.release()
    assert b.acquire() is None and b.held
    assert not a.heartbeat()
    first.close(), second.close()


def test_silent_holder_is_taken_over_and_learns_it(db_path: Path, config: Config) -> None:
    clock = FakeTime()
    store = Store.open(db_path, config)
    a = EditorLock(store, DAY, clock=clock, host="alpha")
    b = EditorLock(store, DAY, clock=clock, host="beta")
    a.acquire()
    clock.now += LOCK_STALE_SECONDS - 1
    assert b.acquire() is not None
    clock.now += 2
    assert b.acquire() is None
    assert not a.heartbeat()
    store.close()


def test_dead_process_on_this_host_is_taken_over(db_path: Path, config: Config) -> None:
    store = Store.open(db_path, config)
    dead = EditorLock(store, DAY, pid=2**22 + 12345, host="here")
    dead.acquire()
    assert EditorLock(store, DAY, host="here").acquire() is None
    store.close()
