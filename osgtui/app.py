"""The osgtui console: a keyboard-driven Textual app for taking the minutes during the call.

Startup is staged for speed: the configuration, database and meeting are
loaded before the terminal is taken (``on_load``; the next draft is created
when needed), so the first frame shows the meeting's text; after it the side
panes are mounted and the history they need is read in a worker.
``OSGTUI_EXIT_ON_READY=1`` exits at the first frame, ``=loaded`` once the
document's rows are built and ``=settled`` half a second after the side panes
are up, printing the times since ``osgtui.START`` and the resident memory.

The console's state (the session, the editor lock, read-only or not and why,
the meeting timer) is a Textual-free :class:`~osgtui.console.state.ConsoleState`:
the App makes it in ``load``, gives it to the meeting screen, and runs the
timers that ask it to keep the lock and to follow the other console. Two
consoles on one database: each takes the meeting's editor lock; the second
one opens read-only, follows the first one's saves, and can take over once it
is gone (ctrl+t).
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
from textual.widget import Widget

import osgtui
from osgtui.errors import StoreError
from osgtui.screens.key_router import KeyRouter, was_routed
from osgtui.screens.meeting import MeetingScreen
from osgtui.screens.unsaved_quit import UnsavedQuitModal
from osgtui.widgets.keymap import APP_BINDINGS, DOCUMENT_BINDINGS, MEETING_BINDINGS

if TYPE_CHECKING:
    from textual.driver import Driver
    from textual.notifications import SeverityLevel

    from osgtui.config import Config
    from osgtui.console.session import MeetingSession
    from osgtui.console.state import ConsoleState
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
    injectable for tests; ``use_lock`` False skips the editor lock. The
    console's state is a :class:`~osgtui.console.state.ConsoleState`
    (``state``), made by ``load``; the App wires it to the meeting screen and
    runs the timers that keep the lock and follow the other console.
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
        self.state: ConsoleState | None = None
        """The open meeting's session, editor lock, read-only state and timer (set by ``load``)."""
        self.failure: OsgtuiError | None = None
        self.exit_notes: list[str] = []
        """Lines printed on stderr after the console has closed (where a recovery file went)."""
        self.startup_report = ""
        self.first_paint_ms = 0.0
        self.loaded_ms = 0.0
        self.created_draft = False
        self._startup_notes: list[tuple[str, str, SeverityLevel, float]] = []
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
        """The meeting screen, on the meeting ``load`` opened (composed only when it did)."""
        if self.state is None:
            raise RuntimeError("the meeting is not loaded")
        return MeetingScreen(self.state, self.keys, focus=self.initial_focus, autosave_seconds=self.autosave_seconds)

    @property
    def meeting_screen(self) -> MeetingScreen:
        """The meeting screen, whatever is pushed above it."""
        screen = self.screen_stack[0]
        if not isinstance(screen, MeetingScreen):
            raise RuntimeError("the meeting screen is not the default screen")
        return screen

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
        from osgtui.console.state import ConsoleState

        self.state = ConsoleState(self.store, self.config, meeting, use_lock=self.use_lock, clock=self.clock)
        for notice in self.state.opening_notices:
            self._note(notice.message, notice.title, notice.severity, notice.timeout)
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
            self.notify(message, title=title, severity=severity, markup=False, timeout=timeout)
        self._startup_notes.clear()
        if mode == "loaded":
            self.call_after_refresh(self._exit_loaded)
            return
        self.call_after_refresh(self.mount_side)
        self.call_after_refresh(lambda: self.state is not None and self.state.session.config)  # learn the roster now
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
        screen = self.meeting_screen
        if not screen.query("#side-panel"):
            screen.mount_side_panel()
            self.call_after_refresh(tune_gc)
            if os.environ.get(EXIT_ON_READY) == "settled":
                self.set_timer(0.5, self._exit_settled)

    def _exit_settled(self) -> None:
        self.startup_report = (f"first-paint-ms={self.first_paint_ms:.1f} loaded-ms={self.loaded_ms:.1f} "
                               f"rss-kib={resident_kib()}")
        self.shutdown_session()
        self.exit()

    # -- the console's state: the session and the editor lock ------------------------------------

    @property
    def session(self) -> MeetingSession | None:
        """The open meeting's session (None until the meeting is loaded)."""
        return self.state.session if self.state is not None else None

    def _note(self, message: str, title: str, severity: SeverityLevel, timeout: float | None) -> None:
        """Notify now, or with the first frame when the screen does not exist yet."""
        timeout = self.NOTIFICATION_TIMEOUT if timeout is None else timeout
        if self.screen_stack:
            self.notify(message, title=title, severity=severity, markup=False, timeout=timeout)
        else:
            self._startup_notes.append((message, title, severity, timeout))

    def heartbeat(self) -> None:
        """Timer: keep our lock fresh; if another console took it over, stop editing."""
        if self.state is None:
            return
        notice = self.state.keep_lock()
        if notice is not None:
            screen = self.meeting_screen
            screen.close_editor()
            screen.show_banner()
            screen.tell(notice)

    def follow_other_console(self) -> None:
        """Timer: show versions saved elsewhere (pull, import --replace, the editing console's saves).

        While editing, the session takes the new version in and the line being
        typed stays open; read-only, the meeting is reloaded and the console
        says when the other one has closed.
        """
        state = self.state
        if state is None:
            return
        screen = self.meeting_screen
        if not state.read_only:
            screen.follow_outside()  # shown by MeetingScreen.show_outside_changes
            return
        try:
            if state.catch_up():
                screen.redraw()
            notice = state.lock_free_again()
        except (sqlite3.Error, StoreError):
            return  # the database cannot be read just now: followed at the next tick
        if notice is not None:
            screen.tell(notice)

    def shutdown_session(self) -> None:
        """Save the line being typed and the timer, and give the lock up (idempotent)."""
        if self.state is None:
            return
        try:
            self.meeting_screen.close_editor()
        except Exception:  # noqa: BLE001 - the screen may be gone at shutdown; the autosave ran
            pass
        self.state.shutdown()

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
                path = write_recovery(session.meeting, session.store.path)
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
        if not isinstance(screen, MeetingScreen):
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
        self.call_later(self._run_action_to_the_end, action, target)

    async def _run_action_to_the_end(self, action: str, target: Any) -> None:
        """Run ``action``, then wait until the screen has handled what it asked for (as a key does)."""
        await self.run_action(action, target)
        await self.keys.requests.wait()

    def _run_in_pane(self, pane: str, kind: type[Widget], action: str) -> None:
        screen = self.meeting_screen
        screen.action_focus_pane(pane)

        def run() -> None:
            side = screen.side_panel
            widget = side.pane_widget(pane, kind) if side is not None else None
            if widget is None:
                self.notify("Nothing to act on in that pane.", markup=False)
            else:
                self.call_later(self._run_action_to_the_end, action, widget)

        self.call_after_refresh(run)
