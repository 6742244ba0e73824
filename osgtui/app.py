"""The osgtui console: a keyboard-driven Textual app for taking the minutes during the call.

Startup is staged for speed: the configuration, database and meeting are
loaded before the terminal is taken (``on_load``; the next draft is created
when needed), so the first frame shows the meeting's text; after it the side
panes are mounted and the history they need is read in a worker.
``OSGTUI_EXIT_ON_READY=1`` exits at the first frame, ``=loaded`` once the
document's rows are built and ``=settled`` half a second after the side panes
are up, printing the times since ``osgtui.START`` and the resident memory.

Two consoles on one database: each takes the meeting's editor lock
(:class:`~osgtui.console.editlock.EditorLock`); the second one opens read-only, follows
the first one's saves, and can take over once it is gone (ctrl+t).
"""

from __future__ import annotations

import gc
import os
import sqlite3
import time
from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from time import perf_counter
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen

import osgtui
from osgtui.errors import StoreError
from osgtui.screens.key_router import KeyRouter, was_routed
from osgtui.screens.meeting import MeetingScreen
from osgtui.screens.unsaved_quit import UnsavedQuitModal
from osgtui.widgets.keymap import APP_BINDINGS, DOCUMENT_BINDINGS, MEETING_BINDINGS

if TYPE_CHECKING:
    from textual.driver import Driver

    from osgtui.config import Config
    from osgtui.console.editlock import EditorLock
    from osgtui.console.session import MeetingSession
    from osgtui.context import Context
    from osgtui.errors import OsgtuiError
    from osgtui.store.database import Store

EXIT_ON_READY = "OSGTUI_EXIT_ON_READY"
FOLLOW_SECONDS = 2.0
CONSOLE_BUSY_MS = 200
"""A save waits this long for another program's write lock, then the console retries in the background."""
"""How often a read-only console looks for the other console's saves."""



def resident_kib() -> int:
    """This process's resident memory (VmRSS) in KiB, 0 when unknown."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss


def tune_gc() -> None:
    """Keep garbage collection out of the way of typing (called once everything is loaded).

    Rendering allocates many short-lived objects; with the default thresholds a
    full collection over every object of the app lands on a key press now and
    then (30-50 ms). Objects alive after startup are frozen (never scanned
    again) and collections run less often. (``osgtui`` turns collection off
    while the console starts, see :func:`osgtui.cli.console.run_console`; it
    is turned on here.)
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(10_000, 50, 1_000)
    gc.enable()


class ConsoleApp(App[None]):
    """The meeting console. Give it a CLI ``ctx``, or a ``store`` and ``config`` (tests).

    ``day`` opens that meeting (default: the next meeting's draft, see
    :func:`osgtui.console.session.console_meeting`); ``today``, ``clock`` (the timers)
    and ``autosave_seconds`` (how often the line being typed is saved) are
    injectable for tests; ``use_lock`` False skips the editor lock.
    """

    # The meeting screen is the default screen, whose CSS_PATH Textual does not load: list it here.
    CSS_PATH = ["app.tcss", "screens/meeting.tcss"]
    TITLE = "osgtui"
    BINDINGS: ClassVar[list[BindingType]] = APP_BINDINGS

    def __init__(self, *, ctx: Context | None = None, store: Store | None = None, config: Config | None = None,
                 day: date | None = None, today: date | None = None, focus: str | None = None,
                 clock: Callable[[], float] = time.monotonic, use_lock: bool = True,
                 autosave_seconds: float = 0.5) -> None:
        super().__init__()
        self.ctx = ctx
        self.store = store
        self.config = config
        self.day = day
        self.today = today
        self.initial_focus = focus
        self.clock = clock
        self.use_lock = use_lock
        self.autosave_seconds = autosave_seconds
        self.session: MeetingSession | None = None
        self.lock: EditorLock | None = None
        self.failure: OsgtuiError | None = None
        self.exit_notes: list[str] = []
        """Lines printed on stderr after the console has closed (where a recovery file went)."""
        self.startup_report = ""
        self.first_paint_ms = 0.0
        self.loaded_ms = 0.0
        self.created_draft = False
        self._told_free = False
        self._startup_notes: list[tuple[str, str, str, float]] = []
        """Notifications of the startup (loaded before the screen exists), shown with the first frame."""
        self.animation_level = "none"
        """No animations (a tab's sliding underline, smooth scrolls): each costs frames a busy laptop lacks."""
        self.keys = KeyRouter(self)
        """Every key and paste goes through it, one at a time, in order (osgtui.screens.key_router)."""

    async def on_event(self, event: events.Event) -> None:
        """Keys and pastes go to the key router as they arrive; everything else as Textual does it."""
        if isinstance(event, (events.Key, events.Paste)):
            if not event.is_forwarded:
                await self.keys.take(event)
                return
            if was_routed(event):  # bubbled back: its bindings were looked up when it arrived
                return
        await super().on_event(event)

    def get_driver_class(self) -> type[Driver]:
        """Textual's driver, reading Esc-then-key as typed even when the bytes arrive together."""
        from osgtui.screens.terminal_input import install

        install()
        return super().get_driver_class()

    def get_default_screen(self) -> Screen:
        """The meeting screen (empty until the meeting is loaded)."""
        return MeetingScreen()

    @property
    def meeting_screen(self) -> MeetingScreen:
        """The meeting screen, whatever is pushed above it."""
        return self.screen_stack[0]  # type: ignore[return-value]

    # -- startup -------------------------------------------------------------------------

    def on_load(self) -> None:
        """Before the terminal is taken: open the configuration, the database and the meeting.

        The meeting screen is composed after this, so the first frame shows the
        meeting's text; an error ends the program before the terminal is touched.
        """
        self.load()

    def load(self) -> None:
        """Open the configuration, the database and the meeting (creating the draft when needed)."""
        from osgtui.console.session import console_meeting
        from osgtui.errors import OsgtuiError

        try:
            if self.config is None:
                self.config = self.ctx.config  # type: ignore[union-attr]
            if self.store is None:
                self.store = self.ctx.store  # type: ignore[union-attr]
            self.store.busy_timeout(CONSOLE_BUSY_MS)
            meeting, self.created_draft = console_meeting(self.store, self.config, self.day, self.today)
        except OsgtuiError as err:
            self.failure = err
            self.exit(return_code=err.exit_code)
            return
        self.start_session(meeting, self.initial_focus)
        for warning in self.ctx.warnings if self.ctx is not None else []:
            self._note(warning, "Configuration", "warning", 15)
        if self.created_draft:
            self._note(f"New draft for {meeting.date.isoformat()} from the latest meeting.", "", "information",
                       self.NOTIFICATION_TIMEOUT)

    def on_ready(self) -> None:
        """First frame (the meeting shown): note the time; then the side panes, timers and notifications."""
        self.first_paint_ms = self.loaded_ms = (perf_counter() - osgtui.START) * 1000
        mode = os.environ.get(EXIT_ON_READY)
        if mode == "1":
            self.startup_report = (f"first-paint-ms={self.first_paint_ms:.1f} cpu-ms={time.process_time() * 1000:.1f} "
                                   f"rss-kib={resident_kib()}")
            self.exit()
            return
        self.call_later(self.meeting_screen.install_editor)
        for message, title, severity, timeout in self._startup_notes:
            self.notify(message, title=title, severity=severity, markup=False, timeout=timeout)  # type: ignore[arg-type]
        self._startup_notes.clear()
        if mode == "loaded":
            self.call_after_refresh(self._exit_loaded)
            return
        self.call_after_refresh(self.mount_side)
        self.call_after_refresh(lambda: self.session is not None and self.session.config)  # learn the roster now
        from osgtui.console.editlock import HEARTBEAT_SECONDS

        self.set_interval(HEARTBEAT_SECONDS, self.heartbeat, name="lock-heartbeat")
        self.set_interval(FOLLOW_SECONDS, self.follow_other_console, name="follow")

    def _exit_loaded(self) -> None:
        if not self.meeting_screen.document.options:  # shown once the document has its size
            self.call_after_refresh(self._exit_loaded)
            return
        self.loaded_ms = (perf_counter() - osgtui.START) * 1000
        self.startup_report = (f"first-paint-ms={self.first_paint_ms:.1f} loaded-ms={self.loaded_ms:.1f} "
                               f"rss-kib={resident_kib()}")
        self.shutdown_session()
        self.exit()

    def mount_side(self) -> None:
        """Mount the side panes (their imports and data are not needed for the first paint)."""
        from osgtui.widgets.side import SidePanel

        screen = self.meeting_screen
        if not screen.query("#side-panel"):
            screen.query_one("#side").mount(SidePanel(id="side-panel"))
            self.call_after_refresh(tune_gc)
            if os.environ.get(EXIT_ON_READY) == "settled":
                self.set_timer(0.5, self._exit_settled)

    def _exit_settled(self) -> None:
        self.startup_report = (f"first-paint-ms={self.first_paint_ms:.1f} loaded-ms={self.loaded_ms:.1f} "
                               f"rss-kib={resident_kib()}")
        self.shutdown_session()
        self.exit()

    # -- sessions and the editor lock --------------------------------------------------------

    def start_session(self, meeting: Any, focus: str | None = None) -> None:
        """Lock the meeting (or open it read-only) and show it."""
        from osgtui.console.editlock import EditorLock
        from osgtui.console.session import MeetingSession

        assert self.store is not None and self.config is not None
        reason = self.store.read_only_reason or ""
        holder = None
        if self.use_lock and not reason:
            self.lock = EditorLock(self.store, meeting.date)
            try:
                holder = self.lock.acquire()
            except sqlite3.Error:
                holder = None  # the database refuses writes just now: editing goes on, saves retry
            if holder is not None:
                reason = f"another osgtui ({holder.describe()}) is editing this meeting"
        # No [people] roster: the recent meetings' people, learned just after the first frame (see on_ready).
        self.session = MeetingSession(self.store, self.config, meeting, read_only=bool(reason),
                                      read_only_reason=reason, learn_roster=True)
        self._told_free = False
        if self.screen_stack:  # else the meeting screen shows it when it mounts
            self.meeting_screen.set_session(self.session, focus)
        if self.store.read_only_reason:
            self._note(f"{self.store.read_only_reason}; opened read-only.", "Read-only", "warning", 15)
        elif holder is not None:
            self._note(f"{reason}; opened read-only. It follows the other console's saves; "
                       "ctrl+t takes over once it has closed.", "Read-only", "warning", 10)

    def _note(self, message: str, title: str, severity: str, timeout: float) -> None:
        """Notify now, or with the first frame when the screen does not exist yet."""
        if self.screen_stack:
            self.notify(message, title=title, severity=severity, markup=False, timeout=timeout)  # type: ignore[arg-type]
        else:
            self._startup_notes.append((message, title, severity, timeout))

    def open_meeting(self, day: date, focus: str | None = None) -> None:
        """Open another meeting (from the history screens); the current one is saved and unlocked."""
        screen = self.meeting_screen
        if self.session is not None and self.session.meeting.date == day:
            if focus:
                screen.jump_to(focus)
            return
        from osgtui.errors import OsgtuiError

        screen.close_editor()
        screen.save_pending()
        assert self.store is not None
        try:
            meeting = self.store.load_meeting(day)
        except OsgtuiError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        if self.lock is not None:
            self.lock.release()
        self.start_session(meeting, focus)

    def heartbeat(self) -> None:
        """Timer: keep our lock fresh; if another console took it over, stop editing."""
        if self.lock is None or self.session is None or not self.lock.held:
            return
        try:
            held = self.lock.heartbeat()
        except sqlite3.Error:
            return  # the database is busy or full: the lock is refreshed next time (the save retries on its own)
        if not held:
            self.session.read_only = True
            self.session.read_only_reason = "another osgtui took over editing this meeting"
            self.meeting_screen.close_editor()
            self.meeting_screen.show_banner()
            self.notify(self.session.read_only_reason, title="Read-only", severity="warning", markup=False)

    def follow_other_console(self) -> None:
        """Timer: show versions saved elsewhere (pull, import --replace, the editing console's saves).

        While editing, the session takes the new version in and the line being
        typed stays open; read-only, the meeting is reloaded and the console
        says when the other one has closed.
        """
        session = self.session
        if session is None or self.store is None:
            return
        if not session.read_only:
            self.meeting_screen.perform(session.follow)  # shown by MeetingScreen.show_outside_changes
            return
        try:
            if self.store.meeting_version(session.meeting.date) != session.meeting.version:
                session.reload()
                self.meeting_screen.redraw()
            holder = self.lock.holder() if self.lock is not None and not self._told_free else None
        except (sqlite3.Error, StoreError):
            return  # the database cannot be read just now: followed at the next tick
        if self.lock is not None and not self._told_free and (holder is None or self.lock._stale(holder)):
            self._told_free = True
            self.notify("The other console has closed: ctrl+t to edit here.", markup=False, timeout=10)

    def take_over(self) -> None:
        """Edit here: take the lock if the other console is gone, and load the latest version."""
        session = self.session
        if session is None:
            return
        if not session.read_only:
            self.notify("Already editing.", markup=False, timeout=2)
            return
        holder = self.lock.acquire() if self.lock is not None else None
        if holder is not None:
            self.notify(f"Still being edited by {holder.describe()}: close it first "
                        "(a console that died is taken over after 10 s).", severity="warning", markup=False)
            return
        session.reload()
        session.read_only = False
        session.read_only_reason = ""
        self.meeting_screen.show_banner()
        self.meeting_screen.redraw()
        self.notify("Editing here now.", markup=False, timeout=3)

    def reload_session(self) -> None:
        """Load the meeting again from the database (after a conflict)."""
        session = self.session
        if session is None:
            return
        screen = self.meeting_screen
        bar = screen.editbar if screen.editing else None
        unsaved = (bar.uid, bar.value) if bar is not None and bar.uid is not None else None
        session.reload()
        session.read_only = bool(self.lock is not None and not self.lock.held)
        if not session.read_only:
            session.read_only_reason = ""
        screen.close_editor(save=False)
        screen.show_banner()
        screen.redraw()
        if unsaved is not None and not session.read_only:
            try:
                session.block(unsaved[0])
            except Exception:  # noqa: BLE001 - the line is gone in the latest version
                self.notify(f"Your line was not saved: {unsaved[1]}", severity="warning", markup=False, timeout=30)
            else:
                screen.start_edit(unsaved[0])
                screen.editbar.value = unsaved[1]
        self.notify("Reloaded from the database.", markup=False, timeout=2)

    def shutdown_session(self) -> None:
        """Save the line being typed and give the lock up (idempotent)."""
        if self.session is not None:
            try:
                screen = self.meeting_screen
                screen.close_editor()
                if screen.timer is not None:
                    screen.timer.save()
            except Exception:  # noqa: BLE001 - the screen may be gone at shutdown; the autosave ran
                pass
            try:
                self.session.save_pending()  # the last change, if its write had not run yet
            except Exception:  # noqa: BLE001 - the database may be closed already
                pass
        if self.lock is not None:
            try:
                self.lock.release()
            except Exception:  # noqa: BLE001 - the database may be closed already
                pass

    async def action_quit(self) -> None:
        """Quit after saving the line being typed and releasing the lock.

        When the database still cannot take the meeting, ask first: retry,
        write a recovery file, or quit and lose the changes.
        """
        if isinstance(self.screen, UnsavedQuitModal):
            return  # asked already: its own keys decide
        session = self.session
        if session is not None and (session.unsaved is not None or session.pending):
            self.meeting_screen.close_editor()
            if not session.flush():
                reason = session.unsaved.reason if session.unsaved is not None else "not saved"
                self.push_screen(UnsavedQuitModal(reason), self._unsaved_choice)
                return
        self.shutdown_session()
        self.exit()

    def _unsaved_choice(self, choice: str | None) -> None:
        session = self.session
        if session is None or choice is None:
            return
        if choice == "retry":
            self.call_later(self.action_quit)
            return
        if choice == "recover":
            from osgtui.console.recovery import write_recovery
            from osgtui.errors import OsgtuiError

            try:
                path = write_recovery(session.meeting, self.store.path if self.store is not None else None)
            except OsgtuiError as err:
                self.notify(str(err), title="Not written", severity="error", markup=False, timeout=20)
                return
            self.exit_notes.append(f"the unsaved meeting was written to {path}; "
                                   f"bring it back with: osgtui import --replace {path}")
        self.shutdown_session()
        self.exit()

    # -- help and palette ------------------------------------------------------------------------

    def action_help(self) -> None:
        """Show every key."""
        from osgtui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every console action in the command palette, with its key."""
        yield from super().get_system_commands(screen)
        if not isinstance(screen, MeetingScreen) or screen.session is None:
            return
        for bindings, target in ((MEETING_BINDINGS, screen), (DOCUMENT_BINDINGS, screen.document)):
            for binding in bindings:
                if not isinstance(binding, Binding) or binding.action.startswith(("cursor_",)):
                    continue
                yield SystemCommand(
                    binding.description, f"{binding.tooltip} (key: {self._keys(binding)})",
                    partial(self._run_from_palette, binding.action, target),
                )
        side = screen.side_panel
        if side is None:
            return
        for pane, title, kind in side.pane_commands():
            for binding in kind.BINDINGS:
                if isinstance(binding, Binding):
                    yield SystemCommand(
                        f"{title}: {binding.description}",
                        f"{binding.tooltip} (in the {title} pane, key: {self._keys(binding)})",
                        partial(self._run_in_pane, pane, kind, binding.action),
                    )

    def _keys(self, binding: Binding) -> str:
        return ", ".join(self.get_key_display(Binding(k.strip(), "")) for k in binding.key.split(","))

    def _run_from_palette(self, action: str, target: Any) -> None:
        self.call_later(self.run_action, action, target)

    def _run_in_pane(self, pane: str, kind: type, action: str) -> None:
        screen = self.meeting_screen
        screen.action_focus_pane(pane)

        def run() -> None:
            widget = screen.side_panel.pane_widget(pane, kind)
            if widget is None:
                self.notify("Nothing to act on in that pane.", markup=False)
            else:
                self.call_later(self.run_action, action, widget)

        self.call_after_refresh(run)
