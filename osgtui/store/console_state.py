"""The SQL of the console's state kept beside the meetings: editor locks, undo steps, meeting timers.

The tables are those of migrations ``m003_editor_locks`` and ``m004_console_state``;
:mod:`osgtui.console` decides what goes in them (:mod:`~osgtui.console.editlock`,
:mod:`~osgtui.console.undo_log`, :mod:`~osgtui.console.meeting_timer`). Meetings are named by
their date, ``YYYY-MM-DD``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from osgtui.store.database import Store


# -- editor locks ----------------------------------------------------------------------------

class LockRow(NamedTuple):
    """A meeting's row of ``editor_locks``: who holds the lock, since when, last heartbeat (epoch seconds)."""

    pid: int
    host: str
    started_at: str
    heartbeat: float
    token: str
    """Which console (one per lock taken): a lock is refreshed and released only by its token."""


def editor_lock(store: Store, day: str) -> LockRow | None:
    """The editor lock of the meeting on ``day`` (None: nobody holds it)."""
    row = store.conn.execute(
        "SELECT pid, host, started_at, heartbeat, token FROM editor_locks WHERE date = ?", (day,)
    ).fetchone()
    return LockRow(*row) if row else None


def take_editor_lock(store: Store, day: str, lock: LockRow, keeps: Callable[[LockRow], bool]) -> LockRow | None:
    """Write ``lock`` for the meeting on ``day`` unless another holder ``keeps`` it; that holder, or None.

    One transaction: the current row is read and, unless it has another token and
    ``keeps(row)`` says it still holds, replaced by ``lock`` (a free, stale or own lock is taken).
    """
    with store.conn:
        current = editor_lock(store, day)
        if current is not None and current.token != lock.token and keeps(current):
            return current
        store.conn.execute(
            """INSERT INTO editor_locks (date, pid, host, token, started_at, heartbeat)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(date) DO UPDATE SET pid = excluded.pid, host = excluded.host,
               token = excluded.token, started_at = excluded.started_at, heartbeat = excluded.heartbeat""",
            (day, lock.pid, lock.host, lock.token, lock.started_at, lock.heartbeat),
        )
    return None


def beat_editor_lock(store: Store, day: str, token: str, heartbeat: float) -> bool:
    """Set the heartbeat of the lock ``token`` holds on ``day``; False when that lock is no longer its."""
    with store.conn:
        cur = store.conn.execute(
            "UPDATE editor_locks SET heartbeat = ? WHERE date = ? AND token = ?", (heartbeat, day, token)
        )
    return cur.rowcount == 1


def release_editor_lock(store: Store, day: str, token: str) -> None:
    """Remove the lock of ``day`` when ``token`` holds it (another console's is left alone)."""
    with store.conn:
        store.conn.execute("DELETE FROM editor_locks WHERE date = ? AND token = ?", (day, token))


# -- undo steps ------------------------------------------------------------------------------

class UndoRow(NamedTuple):
    """A row of ``undo_steps``: its number, its stack (``undo`` or ``redo``), the step as JSON."""

    seq: int
    stack: str
    data: str


def undo_version(store: Store, day: str) -> int | None:
    """The meeting version the stored undo history of ``day`` was written for (None: none written)."""
    row = store.conn.execute("SELECT version FROM undo_state WHERE date = ?", (day,)).fetchone()
    return row[0] if row else None


def undo_seqs(store: Store, day: str) -> set[int]:
    """The numbers of the stored undo and redo steps of ``day``."""
    return {seq for (seq,) in store.conn.execute("SELECT seq FROM undo_steps WHERE date = ?", (day,))}


def undo_rows(store: Store, day: str) -> list[UndoRow]:
    """The stored undo and redo steps of ``day``, oldest first."""
    return [UndoRow(*row) for row in store.conn.execute(
        "SELECT seq, stack, data FROM undo_steps WHERE date = ? ORDER BY seq", (day,))]


def write_undo_steps(store: Store, day: str, gone: Iterable[int], new: Iterable[tuple[int, str, str, str]],
                     version: int) -> None:
    """Remove the steps numbered ``gone``, add ``new`` (seq, stack, label, JSON), record ``version``.

    Joins the open transaction: it runs inside the save of the meeting it belongs to
    (:meth:`~osgtui.store.database.Store.save_meeting`'s ``also``).
    """
    conn = store.conn
    conn.executemany("DELETE FROM undo_steps WHERE date = ? AND seq = ?", [(day, seq) for seq in gone])
    conn.executemany("INSERT INTO undo_steps (date, seq, stack, label, data) VALUES (?, ?, ?, ?, ?)",
                     [(day, *step) for step in new])
    conn.execute("INSERT INTO undo_state (date, version) VALUES (?, ?) "
                 "ON CONFLICT(date) DO UPDATE SET version = excluded.version", (day, version))


# -- meeting timers --------------------------------------------------------------------------

class TimerRow(NamedTuple):
    """A row of ``meeting_timers``, in epoch seconds: start, seconds per section, current section."""

    started: float
    totals: str
    """Seconds spent in each section, a JSON object."""
    section: str
    entered: float
    """When the current section was entered."""
    seen: float
    """When the console last wrote the row."""


def meeting_timer(store: Store, day: str) -> TimerRow | None:
    """The stored timer of the meeting on ``day`` (None: none)."""
    row = store.conn.execute(
        "SELECT started, totals, section, entered, seen FROM meeting_timers WHERE date = ?", (day,)
    ).fetchone()
    return TimerRow(*row) if row else None


def save_meeting_timer(store: Store, day: str, timer: TimerRow) -> None:
    """Write the timer of the meeting on ``day`` (in a transaction of its own)."""
    with store.conn:
        store.conn.execute(
            """INSERT INTO meeting_timers (date, started, totals, section, entered, seen)
               VALUES (?, ?, ?, ?, ?, ?)
               ON CONFLICT(date) DO UPDATE SET started = excluded.started, totals = excluded.totals,
                   section = excluded.section, entered = excluded.entered, seen = excluded.seen""",
            (day, timer.started, timer.totals, timer.section, timer.entered, timer.seen),
        )
