"""The console's state in one place: the open meeting's session, its editor lock, read-only or not and why,
and the meeting timer.

:class:`ConsoleState` is the only owner of these: the Textual app creates it
(``ConsoleApp.load``) and its timers and the meeting screen call its methods;
every change between editing and read-only happens here. Each method does the
state's part and returns what the console should say (a :class:`Notice`) or
whether it has something to redraw; showing it is the screen's job.

No Textual here: it is tested on its own (``tests/ui/test_console_state.py``).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date
from typing import TYPE_CHECKING, Literal

from osgtui.console.editlock import EditorLock
from osgtui.console.meeting_timer import MeetingTimer
from osgtui.console.session import MeetingSession

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.minutes.model import Meeting
    from osgtui.store.database import Store

__all__ = ["ConsoleState", "Notice", "Outcome"]

LOCK_LOST = "another osgtui took over editing this meeting"
"""The read-only reason once another console has taken this one's lock."""


@dataclass(frozen=True)
class Notice:
    """Something the console tells the note-taker (a notification); ``timeout`` None: the console's default."""

    message: str
    title: str = ""
    severity: Literal["information", "warning", "error"] = "information"
    timeout: float | None = None


@dataclass(frozen=True)
class Outcome:
    """What a request did: ``changed`` (the meeting or its read-only state is new: redraw) and what to say."""

    changed: bool
    notice: Notice


class ConsoleState:
    """The session of the open meeting, its editor lock, its read-only state and the meeting timer.

    ``use_lock`` False skips the editor lock (tests, one-off consoles);
    ``clock`` (monotonic) drives the meeting timer and ``wall`` (epoch seconds)
    the lock's heartbeat, both injectable for tests.
    """

    def __init__(self, store: Store, config: Config, meeting: Meeting, *, use_lock: bool = True,
                 clock: Callable[[], float] = time.monotonic, wall: Callable[[], float] = time.time) -> None:
        self.store = store
        self.config = config
        """The configuration a newly opened meeting's session starts from."""
        self.use_lock = use_lock
        self.clock = clock
        self.wall = wall
        self.lock: EditorLock | None = None
        """The open meeting's editor lock (None without locking, or on a read-only database)."""
        self.session: MeetingSession
        """Every change of the open meeting goes through it."""
        self.timer: MeetingTimer
        """Meeting time and time per section of the open meeting."""
        self._started = clock()
        self._opened = 0
        self._told_free = False
        self.opening_notices: list[Notice] = self.open(meeting)
        """What opening the first meeting had to say (read-only, and why)."""

    # -- read-only ---------------------------------------------------------------------------

    @property
    def read_only(self) -> bool:
        """Whether the open meeting cannot be changed here."""
        return self.session.read_only

    @property
    def read_only_reason(self) -> str:
        """Why it cannot ('' while editing)."""
        return self.session.read_only_reason

    def _set_read_only(self, read_only: bool, reason: str = "") -> None:
        """The one place the session's read-only state changes after it was opened."""
        self.session.read_only = read_only
        self.session.read_only_reason = reason

    # -- opening a meeting ---------------------------------------------------------------------

    def open(self, meeting: Meeting) -> list[Notice]:
        """Lock ``meeting`` (or open it read-only when another console holds it) and start its session and timer."""
        first = self._opened == 0
        self._opened += 1
        reason = self.store.read_only_reason or ""
        holder = None
        if self.use_lock and not reason:
            self.lock = EditorLock(self.store, meeting.date, clock=self.wall)
            try:
                holder = self.lock.acquire()
            except sqlite3.Error:
                holder = None  # the database refuses writes just now: editing goes on, saves retry
            if holder is not None:
                reason = f"another osgtui ({holder.describe()}) is editing this meeting"
        # No [people] roster: the recent meetings' people, learned when first needed (the console asks just
        # after its first frame).
        self.session = MeetingSession(self.store, self.config, meeting, read_only=bool(reason),
                                      read_only_reason=reason, learn_roster=True)
        self._told_free = False
        timer = MeetingTimer(self.store, meeting.date, self.clock, writes=not reason)
        if not timer.restore() and first:
            timer.started = timer.entered = self._started  # the meeting started when the console did
        self.timer = timer
        if self.store.read_only_reason:
            return [Notice(f"{self.store.read_only_reason}; opened read-only.", "Read-only", "warning", 15)]
        if holder is not None:
            return [Notice(f"{reason}; opened read-only. It follows the other console's saves; "
                           "ctrl+t takes over once it has closed.", "Read-only", "warning", 10)]
        return []

    def switch_to(self, day: date) -> list[Notice]:
        """Open the meeting of ``day`` in place of this one (its lock given up); raises OsgtuiError if it cannot be read.

        The caller saves what is pending first.
        """
        meeting = self.store.load_meeting(day)
        self.session.save_soon = None
        if self.lock is not None:
            self.lock.release()
        return self.open(meeting)

    # -- the editor lock -----------------------------------------------------------------------

    def keep_lock(self) -> Notice | None:
        """Timer: refresh our lock; when another console took it over, :meth:`lock_lost` (its notice)."""
        if self.lock is None or not self.lock.held:
            return None
        try:
            held = self.lock.heartbeat()
        except sqlite3.Error:
            return None  # the database is busy or full: the lock is refreshed next time
        return None if held else self.lock_lost()

    def lock_lost(self) -> Notice:
        """Another console took the lock over: the meeting is read-only here from now on."""
        self._set_read_only(True, LOCK_LOST)
        return Notice(LOCK_LOST, "Read-only", "warning")

    def catch_up(self) -> bool:
        """Read-only: load the other console's latest save; True when there was one (redraw).

        Raises sqlite3.Error or StoreError when the database cannot be read just now.
        """
        if not self.read_only:
            return False
        session = self.session
        if self.store.meeting_version(session.meeting.date) == session.meeting.version:
            return False
        session.reload()
        return True

    def lock_free_again(self) -> Notice | None:
        """Read-only: once the other console's lock is released or stale, say so (once per meeting opened).

        Raises sqlite3.Error when the database cannot be read just now.
        """
        if self.lock is None or self._told_free or not self.read_only or not self.lock.is_free():
            return None
        self._told_free = True
        return Notice("The other console has closed: ctrl+t to edit here.", timeout=10)

    def take_over(self) -> Outcome:
        """Edit here: take the lock if the other console is gone, and load the latest version."""
        if not self.read_only:
            return Outcome(False, Notice("Already editing.", timeout=2))
        holder = self.lock.acquire() if self.lock is not None else None
        if holder is not None:
            return Outcome(False, Notice(f"Still being edited by {holder.describe()}: close it first "
                                         "(a console that died is taken over after 10 s).", severity="warning"))
        self.session.reload()
        self._set_read_only(False)
        return Outcome(True, Notice("Editing here now.", timeout=3))

    def reload(self) -> bool:
        """Load the meeting again from the database (after a conflict); True when it can be edited here."""
        self.session.reload()
        if self.lock is not None and not self.lock.held:
            self._set_read_only(True, self.read_only_reason)
        else:
            self._set_read_only(False)
        return not self.read_only

    # -- configuration -------------------------------------------------------------------------

    def set_roster(self, roster: tuple[str, ...]) -> None:
        """``[people] roster`` is now ``roster`` (written to the configuration file): for this meeting and the next."""
        self.session.config = replace(self.session.config, people=replace(self.session.config.people, roster=roster))
        self.config = replace(self.config, people=replace(self.config.people, roster=roster))

    # -- closing -------------------------------------------------------------------------------

    def shutdown(self) -> None:
        """Save the timer and the last pending change, and give the lock up (idempotent; never raises)."""
        for step in (self.timer.save, self.session.save_pending, self._release):
            try:
                step()
            except Exception:  # noqa: BLE001, S112 - at exit the database may be closed already
                continue

    def _release(self) -> None:
        if self.lock is not None:
            self.lock.release()
