"""The editor lock: which console edits a meeting, so a second one opens read-only.

A row per meeting in ``editor_locks`` (migration ``m003_editor_locks``) names
the holder (pid, host) and its heartbeat; a lock whose heartbeat is older than
:data:`LOCK_STALE_SECONDS`, or whose process is gone from this host, is stale
and taken over. The store's version check stays the safety net.
"""

from __future__ import annotations

import os
import socket
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from osgtui.store import console_state

if TYPE_CHECKING:
    from osgtui.store.database import Store

LOCK_STALE_SECONDS = 10.0
"""A lock whose heartbeat is older than this is abandoned (its console died or hung)."""
HEARTBEAT_SECONDS = 3.0
"""How often a console refreshes its lock."""


@dataclass(frozen=True)
class LockHolder:
    """The console holding a meeting's editor lock."""

    pid: int
    host: str
    started_at: str
    heartbeat: float

    @classmethod
    def of(cls, row: console_state.LockRow) -> LockHolder:
        """The holder a row of ``editor_locks`` names."""
        return cls(row.pid, row.host, row.started_at, row.heartbeat)

    def describe(self) -> str:
        """``pid 123 on host`` for messages."""
        return f"pid {self.pid} on {self.host}"


class EditorLock:
    """An advisory lock (row in ``editor_locks``) saying which console edits a meeting.

    The store's version check remains the safety net: the lock only makes the
    second console open read-only instead of failing on its first save.
    """

    def __init__(self, store: Store, day: date, *, clock: Callable[[], float] = time.time,
                 pid: int | None = None, host: str | None = None) -> None:
        self.store = store
        self.day = day.isoformat()
        self.clock = clock
        self.pid = os.getpid() if pid is None else pid
        self.host = host or socket.gethostname()
        self.token = f"{self.host}:{self.pid}:{id(self):x}:{time.monotonic_ns()}"
        self.held = False

    def holder(self) -> LockHolder | None:
        """Who holds the lock now (None: nobody)."""
        row = console_state.editor_lock(self.store, self.day)
        return LockHolder.of(row) if row else None

    def is_free(self) -> bool:
        """Whether :meth:`acquire` would take the lock now: nobody holds it, or its holder is gone (stale)."""
        holder = self.holder()
        return holder is None or self._stale(holder)

    def _stale(self, holder: LockHolder) -> bool:
        if self.clock() - holder.heartbeat > LOCK_STALE_SECONDS:
            return True
        if holder.host == self.host and holder.pid != self.pid:
            return not _pid_alive(holder.pid)
        return False

    def acquire(self) -> LockHolder | None:
        """Take the lock (free, stale or ours); return the other holder when it is taken."""
        from osgtui.store.database import now_iso

        ours = console_state.LockRow(self.pid, self.host, now_iso(), self.clock(), self.token)
        kept = console_state.take_editor_lock(
            self.store, self.day, ours,
            keeps=lambda row: not self._stale(LockHolder.of(row)))
        self.held = kept is None
        return LockHolder.of(kept) if kept else None

    def heartbeat(self) -> bool:
        """Refresh the lock; False when another console took it over (ours went stale)."""
        if not self.held:
            return False
        self.held = console_state.beat_editor_lock(self.store, self.day, self.token, self.clock())
        return self.held

    def release(self) -> None:
        """Give the lock up (nothing happens when it is not ours)."""
        if not self.held:
            return
        console_state.release_editor_lock(self.store, self.day, self.token)
        self.held = False


def _pid_alive(pid: int) -> bool:
    """Whether a process ``pid`` exists on this machine."""
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except OSError:
        return False
    return True
