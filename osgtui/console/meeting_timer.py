"""The meeting timer (time since the meeting started, time per section), kept over a restart.

The state is a row of ``meeting_timers`` (migration ``m004_console_state``)
written in wall-clock seconds when the timer restarts, when the note-taker
moves to another section, and at most once a minute while the console runs
(:meth:`MeetingTimer.touch`). A console opened again within
:data:`RESUME_SECONDS` of the last write (a crash, ``kill -9``, a restart)
goes on counting from the stored start; later, it is a new sitting and the
timer starts at zero. Times between writes are derived from the stored start,
so a crash loses no time at all.

No Textual here.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from osgtui.store import console_state

if TYPE_CHECKING:
    from osgtui.store.database import Store

__all__ = ["RESUME_SECONDS", "MeetingTimer"]

RESUME_SECONDS = 2 * 3600.0
"""A stored timer last written less than this long ago is resumed."""
TOUCH_SECONDS = 60.0
"""How often a running console records that it is still running."""


class MeetingTimer:
    """Meeting and section times for one meeting; ``clock`` is monotonic, ``wall`` the epoch clock."""

    def __init__(self, store: Store | None, day: date, clock: Callable[[], float],
                 wall: Callable[[], float] = time.time, *, writes: bool = True) -> None:
        self.store = store
        self.day = day.isoformat()
        self.clock = clock
        self.wall = wall
        self.writes = writes and store is not None
        self.started = clock()
        self.section = ""
        self.entered = self.started
        self.totals: dict[str, float] = {}
        self._touched = self.started

    def _to_wall(self, moment: float) -> float:
        return self.wall() - (self.clock() - moment)

    def _from_wall(self, moment: float) -> float:
        return self.clock() - (self.wall() - moment)

    def restore(self) -> bool:
        """Resume the stored timer when it was written recently; True when resumed."""
        if self.store is None:
            return False
        try:
            row = console_state.meeting_timer(self.store, self.day)
        except sqlite3.Error:
            return False
        if row is None or self.wall() - row.seen > RESUME_SECONDS:
            return False
        self.started = self._from_wall(row.started)
        self.totals = {str(k): float(v) for k, v in json.loads(row.totals).items()}
        self.section = row.section
        self.entered = self._from_wall(row.entered)
        return True

    def elapsed(self) -> float:
        """Seconds since the meeting started."""
        return self.clock() - self.started

    def section_elapsed(self) -> float:
        """Seconds spent in the current section (all visits)."""
        return self.totals.get(self.section, 0.0) + self.clock() - self.entered

    def restart(self) -> None:
        """The meeting starts now."""
        self.started = self.entered = self.clock()
        self.totals.clear()
        self.save()

    def enter(self, section: str) -> None:
        """The note-taker moved to ``section``."""
        if section == self.section:
            return
        now = self.clock()
        if self.section:
            self.totals[self.section] = self.totals.get(self.section, 0.0) + now - self.entered
        self.section, self.entered = section, now
        self.save()

    def touch(self) -> None:
        """Called every second: record once a minute that the console still runs."""
        if self.clock() - self._touched >= TOUCH_SECONDS:
            self.save()

    def save(self) -> None:
        """Write the timer (never fails the console: the timer is a convenience)."""
        self._touched = self.clock()
        if not self.writes or self.store is None:
            return
        try:
            console_state.save_meeting_timer(self.store, self.day, console_state.TimerRow(
                self._to_wall(self.started), json.dumps(self.totals), self.section,
                self._to_wall(self.entered), self.wall()))
        except sqlite3.Error:
            pass  # a locked or full database: the timer goes on in memory
