"""The meeting screen: outline, document, line editor and side panes around one editing session.

The screen is the controller: panes call its small API (``add_bullet``,
``start_edit``, ``structure``...), which calls the
:class:`~osgtui.console.session.MeetingSession` (the change is saved before the call
returns) and then redraws. Errors become notifications; a conflict with another
console turns the screen read-only with a banner.

The meeting is loaded before the screen is composed (``ConsoleApp.on_load``),
so the first frame shows the document; the side panes are mounted after that
frame (see :mod:`osgtui.widgets.side`).
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Header, OptionList, Static, TextArea

from osgtui.console.meeting_timer import MeetingTimer
from osgtui.screens.key_router import focus_now
from osgtui.screens.meeting_commands import MeetingCommands
from osgtui.widgets.document import DocumentView
from osgtui.widgets.key_hints import KeyHints
from osgtui.widgets.keymap import MEETING_BINDINGS
from osgtui.widgets.outline import Outline
from osgtui.widgets.status import StatusLine

if TYPE_CHECKING:
    from textual.timer import Timer

    from osgtui.console.session import MeetingSession
    from osgtui.widgets.edit_bar import EditBar

AUTOSAVE_SECONDS = 0.5
"""What is being typed is saved at least this often (and on Enter, Esc and leaving the line)."""
RETRY_FIRST_SECONDS = 0.5
RETRY_MAX_SECONDS = 5.0
"""While the database cannot take a save (locked, disk full), it is tried again after 0.5 s, 1 s, … 5 s."""



EDITOR_HINT = "e: edit this line · o: new bullet · i: action item"
"""What the idle line editor shows."""

NARROW_WIDTH = 100
"""Below this many columns one pane is shown at a time: the document, the outline (g) or a side pane (2–6)."""
WIDE_WIDTH = 140
"""From this many columns the outline, the document and the side panes are all shown; in between, the
outline is shown in place of the side panes while it has the focus."""


def pane_region(widget: Widget | None) -> str:
    """Which part of the meeting screen ``widget`` is in: ``outline``, ``side`` or ``document``."""
    node = widget
    while node is not None:
        if node.id in ("outline", "side"):
            return node.id
        node = node.parent if isinstance(node.parent, Widget) else None
    return "document"


class MeetingScreen(MeetingCommands, Screen[None]):
    """Outline, document and side panes of the open meeting."""

    CSS_PATH = "meeting.tcss"  # also listed in ConsoleApp.CSS_PATH (default screens' CSS is not loaded)
    BINDINGS: ClassVar[list[BindingType]] = MEETING_BINDINGS
    AUTO_FOCUS = "#document"
    """The document has the focus from the first frame (focusing another pane first restyles the screen twice)."""
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"), (NARROW_WIDTH, "-medium"), (WIDE_WIDTH, "-wide")]

    def __init__(self) -> None:
        super().__init__()
        self.session: MeetingSession | None = None
        self._saved_text = ""
        self._save_failed = False
        self._outside_seen = 0
        self._retry: Timer | None = None
        self._retry_delay = RETRY_FIRST_SECONDS
        self.timer: MeetingTimer | None = None
        self.last_error: Exception | None = None
        self.side_panel: Any = None
        self._editor: EditBar | None = None

    def compose(self):
        """Outline, document and a stand-in for the line editor; the side panes' slot is empty.

        The line editor (a TextArea, costly to import and build) replaces its
        stand-in right after the first frame, and the side panes fill their slot.
        """
        width = self.app.size.width  # the layout class from the start: the first frame is laid out once
        self.set_classes(next(name for least, name in reversed(self.HORIZONTAL_BREAKPOINTS or []) if width >= least))
        yield Header(icon="≡")
        with Horizontal(id="main"):
            yield Outline(id="outline")
            with Vertical(id="center"):
                yield Static("", id="banner", markup=False)
                yield DocumentView(id="document")
                yield Static(EDITOR_HINT, id="editbar-slot", markup=False)
            yield Vertical(id="side")
        yield StatusLine(id="status")
        yield KeyHints(id="footer")

    def set_focus(self, widget: Widget | None, scroll_visible: bool = True, from_app_focus: bool = False) -> None:
        """Focus ``widget``; on a narrow screen the pane it is in is the one shown (before the next key)."""
        region = pane_region(widget) if widget is not None else "document"
        self.set_class(region == "outline", "-show-outline")
        self.set_class(region == "side", "-show-side")
        super().set_focus(widget, scroll_visible, from_app_focus)

    @property
    def keys_ready(self) -> bool:
        """Keys are held (osgtui.screens.key_router) until the meeting is shown."""
        return self.session is not None and self._editor is not None

    # -- widgets -------------------------------------------------------------------------

    @property
    def document(self) -> DocumentView:
        """The document pane."""
        return self.query_one("#document")  # type: ignore[return-value]

    @property
    def editbar(self) -> EditBar:
        """The line editor (mounted just after the first frame; keys are held until it is)."""
        if self._editor is None:
            raise RuntimeError("the line editor is not mounted yet")
        return self._editor

    async def install_editor(self) -> None:
        """Put the line editor in its stand-in's place (after the first frame), then let the keys in."""
        from osgtui.widgets.edit_bar import EditBar

        if self._editor is not None:
            return
        slot = self.query_one("#editbar-slot")
        editor = EditBar(id="editbar", placeholder=EDITOR_HINT)
        await self.query_one("#center").mount(editor, after=slot)
        await slot.remove()
        self._editor = editor
        self.app.keys.release()  # type: ignore[attr-defined]

    @property
    def outline(self) -> Outline:
        """The outline pane."""
        return self.query_one("#outline")  # type: ignore[return-value]

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one("#status", StatusLine)

    def now(self) -> float:
        """The app's clock (frozen in tests)."""
        return self.app.clock()  # type: ignore[attr-defined]

    def on_mount(self) -> None:
        """Show the meeting the app has loaded (in this first frame) and start the timers."""
        self.timer = MeetingTimer(None, date.today(), self.now)  # until a meeting is shown
        self.set_interval(getattr(self.app, "autosave_seconds", AUTOSAVE_SECONDS), self.autosave, name="autosave")
        self.set_interval(1.0, self.tick, name="timer")
        session = getattr(self.app, "session", None)
        if session is not None:
            self.set_session(session, getattr(self.app, "initial_focus", None))

    # -- the session ---------------------------------------------------------------------

    def set_session(self, session: MeetingSession, focus: str | None = None) -> None:
        """Show ``session``'s meeting (opening another meeting calls this again)."""
        first = self.session is None
        if self.session is not None and self.session is not session:
            self.save_pending()
            self.session.save_soon = None
        self.session = session
        session.save_soon = self._save_soon
        timer = MeetingTimer(session.store, session.meeting.date, self.now, writes=not session.read_only)
        if not timer.restore() and first and self.timer is not None:
            timer.started = timer.entered = self.timer.started  # the meeting started when the console did
        self.timer = timer
        self.document.clear_options()
        self.document._uids = []
        self.document._cache.clear()
        self.close_editor(save=False)
        self.title = session.meeting.title or session.meeting.date.isoformat()
        self.redraw(focus=focus)
        if focus is not None:
            self.document.move_to(focus, top=True)
        self.show_banner()
        self.app.keys.release()  # type: ignore[attr-defined]

    def can_edit(self) -> bool | None:
        """True when changes are allowed; None (keys greyed out) while loading or read-only."""
        return True if self.session is not None and not self.session.read_only else None

    EDIT_ACTIONS = frozenset({"new_action_item", "undo", "redo", "refresh_numbers"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Changing keys are greyed out while the meeting is read-only or loading."""
        if action in self.EDIT_ACTIONS:
            return self.can_edit()
        if action == "take_over":
            return True if self.session is not None and self.session.read_only else None
        return True

    def redraw(self, focus: str | None = None) -> None:
        """Redraw every pane from the session (after each saved change)."""
        if self.session is None:
            return
        meeting = self.session.meeting
        self.document.show(meeting, focus)
        self.outline.show(meeting)
        self.status.set_parts(state=self._state_text(), read_only=self.session.read_only)
        self.follow_cursor()
        side = self._side()
        if side is not None:
            side.meeting_changed()

    def _side(self) -> Any:
        """The side panel once mounted (it registers itself), else None."""
        return self.side_panel

    def _state_text(self) -> str:
        assert self.session is not None
        if self.session.unsaved is not None:
            return f"NOT SAVED: {self.session.unsaved.reason}, retrying"
        if self._unsaved:
            return "NOT SAVED" if self._save_failed else "typing…"
        return "saved"

    @property
    def _unsaved(self) -> bool:
        """Whether the line editor holds text not saved yet (read from the editor itself, never cached)."""
        bar = self._editor
        return bar is not None and bar.uid is not None and bar.value != self._saved_text

    def show_banner(self) -> None:
        """Show or hide the read-only banner."""
        banner = self.query_one("#banner", Static)
        if self.session is not None and self.session.read_only:
            banner.update(Content(f"Read-only: {self.session.read_only_reason}  ·  ctrl+r reload  ·  ctrl+t take over"))
            banner.display = True
        else:
            banner.display = False
        self.sub_title = "read-only" if self.session is not None and self.session.read_only else ""
        self.refresh_bindings()

    def perform(self, change: Any, *args: Any, **kwargs: Any) -> Any:
        """Call a session method; notify on failure (returns None), redraw on success."""
        from osgtui.console.session import EditError
        from osgtui.errors import OsgtuiError
        from osgtui.store.database import ConflictError

        self.last_error = None
        if self.session is None:
            return None
        try:
            return change(*args, **kwargs)
        except ConflictError as err:  # saved outside three times over while retrying: very unlikely
            self.notify(f"{err}. ctrl+r reloads the latest version.", title="Changed elsewhere",
                        severity="error", markup=False, timeout=10)
            self.show_banner()
            self.last_error = err
        except EditError as err:
            self.notify(str(err), severity="warning", markup=False)
            self.last_error = err
        except OsgtuiError as err:
            self.notify(str(err), title="Not saved", severity="error", markup=False, timeout=10)
            self.last_error = err
        except sqlite3.Error as err:  # a read that failed (a damaged database): said, never a crash
            from osgtui.store.database import unavailable

            self.last_error = unavailable(self.session.store.path, "cannot read the meeting", err)
            self.notify(str(self.last_error), title="Database", severity="error", markup=False, timeout=20)
        finally:
            self.show_outside_changes()
            self.watch_unsaved()
        self.status.set_parts(read_only=self.session.read_only)
        return None

    def _save_soon(self) -> None:
        """The session has a change to write: right after this repaint (the key's effect is shown first)."""
        self.call_after_refresh(self.save_pending)

    def save_pending(self) -> None:
        """Write the change(s) the screen shows (see ``MeetingSession.save_soon``); say so when it fails."""
        from osgtui.errors import OsgtuiError

        session = self.session
        if session is None or not session.pending:
            return
        try:
            session.save_pending()
        except OsgtuiError as err:
            self.notify(f"{err}. ctrl+r reloads the latest version.", title="Not saved", severity="error",
                        markup=False, timeout=10)
        self.watch_unsaved()
        self.show_outside_changes()  # merged with a version saved outside meanwhile: shown, and said

    def watch_unsaved(self) -> None:
        """After a change: when the database could not take it, say so once and retry with backoff."""
        session = self.session
        if session is None or session.unsaved is None:
            return
        self.status.set_parts(state=self._state_text())
        if self._retry is None:
            self.notify(f"{session.unsaved}. Everything is kept here and saved as soon as the database allows.",
                        title="Not saved", severity="error", markup=False, timeout=20)
            self._retry_delay = RETRY_FIRST_SECONDS
            self._retry = self.set_timer(self._retry_delay, self.retry_save, name="retry-save")

    def retry_save(self) -> None:
        """Timer: try the database again (the line being typed included); back off while it fails."""
        session = self.session
        self._retry = None
        if session is None:
            return
        if self.editing and self._unsaved:
            self.save_edit()
        if session.flush():
            self.status.set_parts(state=self._state_text())
            self.notify("Saved: the database took every change.", markup=False, timeout=4)
            return
        self.status.set_parts(state=self._state_text())
        self._retry_delay = min(self._retry_delay * 2, RETRY_MAX_SECONDS)
        self._retry = self.set_timer(self._retry_delay, self.retry_save, name="retry-save")

    def show_outside_changes(self) -> None:
        """Show a version saved outside the console (pull, import --replace) and the session's notices.

        The line being typed stays open: its unsaved text is saved onto the new
        version at once (kept when the other side changed or deleted that line);
        with nothing unsaved it shows the line as it now is.
        """
        from osgtui.minutes.rebase import block_text

        session = self.session
        if session is None:
            return
        if session.outside_loads != self._outside_seen:
            self._outside_seen = session.outside_loads
            bar = self._editor
            if bar is not None and self.editing and self._unsaved:
                self.save_edit()
            elif bar is not None and self.editing and bar.uid is not None and session.has(bar.uid):
                text = block_text(session.block(bar.uid))
                if text != bar.value:
                    self._saved_text = text
                    with bar.prevent(TextArea.Changed):
                        bar.value = text
                    bar.cursor_position = len(text)  # typing goes on at the end of the line, not its start
                    self.notify(f"The line you are editing was changed there too; it now reads: {text}",
                                title="Changed outside", severity="warning", markup=False, timeout=15)
            elif self.editing:
                self.close_editor(save=False)
            self.redraw(focus=self.current_uid())
            if bar is not None and self.editing and bar.uid is not None:
                self.document.set_live_text(bar.uid, bar.value)
        for notice in session.take_notices():
            self.notify(notice, title="Changed outside", severity="warning", markup=False, timeout=15)

    # -- editing a line ------------------------------------------------------------------

    @property
    def editing(self) -> bool:
        """Whether the line editor is open."""
        return self._editor is not None and self._editor.uid is not None

    def start_edit(self, uid: str | None = None, *, new: bool = False) -> None:
        """Open the line editor on block ``uid`` (default: the highlighted one)."""
        from osgtui.minutes.model import Bullet, Heading, Line

        if self.session is None or self.can_edit() is None:
            return
        uid = uid or self.document.current_uid
        if uid is None:
            return
        block = self.session.block(uid)
        if isinstance(block, Bullet):
            text = block.full_text
        elif isinstance(block, Heading):
            text = block.title
        elif isinstance(block, Line):
            text = block.text
        else:
            self.notify("Counts are edited in the Tables pane (key 3).", markup=False)
            return
        bar = self.editbar
        bar.uid, bar.is_new = uid, new
        bar.edit_id += 1
        self._saved_text = text
        with bar.prevent(TextArea.Changed):
            bar.value = text
        bar.cursor_position = len(text)
        bar.can_focus = True
        focus_now(bar)  # at once: the next key is already queued for the editor
        self.document.set_live_text(uid, text)

    def line_typed(self) -> None:
        """The line editor's text changed: the document row shows it in the same frame (one row rebuilt)."""
        bar = self._editor
        if bar is None or bar.uid is None:
            return
        self.document.set_live_text(bar.uid, bar.value)
        self.status.set_parts(state=self._state_text())

    def save_edit(self, *, now: bool = False) -> bool:
        """Save what the line editor holds (no-op when unchanged); False when it could not be saved.

        ``now``: written in this call (the autosave, which no key waits on), else
        right after the repaint like every change (see ``MeetingSession.save_soon``).
        """
        bar = self._editor
        session = self.session
        if bar is None or bar.uid is None or session is None or not self._unsaved:
            return True
        value = bar.value
        if now:
            self.save_pending()  # an earlier change first (merged there if the meeting was saved outside)
        later, session.save_soon = session.save_soon, (None if now else session.save_soon)
        try:
            self.perform(session.edit_text, bar.uid, value, edit_id=("bar", bar.edit_id), expected=self._saved_text)
        finally:
            session.save_soon = later
        self._save_failed = self.last_error is not None
        if self._save_failed:
            self.status.set_parts(state=self._state_text())
            return False
        self._saved_text = value
        self.status.set_parts(state=self._state_text())
        side = self._side()
        if side is not None:
            side.meeting_changed()
        return True

    def autosave(self) -> None:
        """Timer: save the line being typed (at least every half second), written at once (no key waits on it)."""
        if self.editing and self._unsaved and self.can_edit():
            self.save_edit(now=True)

    def submit_line(self) -> None:
        """Enter in the line editor: save; on a new bullet, open the next one below.

        Called by the editor itself, in the key's turn (not by a message): the
        keys typed after Enter go into the next bullet.
        """
        bar = self.editbar
        if bar.uid is None or self.session is None:
            return
        uid, new, value = bar.uid, bar.is_new, bar.value
        if not self.save_edit():
            return
        if new and value.strip():
            self.close_editor(save=False)
            self.add_bullet("below", anchor=uid)
        else:
            self.finish_edit()

    def on_descendant_blur(self, event: events.DescendantBlur) -> None:
        """Leaving the line editor (a click elsewhere) saves and closes it: no key goes to a hidden editor."""
        bar = self._editor
        if event.widget is bar and self.editing and self.focused is not bar and self.is_current:
            self.save_edit()
            self.close_editor(save=False)

    def finish_edit(self) -> None:
        """Save and close the line editor; an empty new bullet is dropped."""
        bar = self.editbar
        if bar.uid is None:
            return
        if not self.save_edit():
            return
        uid: str | None = bar.uid
        if bar.is_new and not bar.value.strip() and self.session is not None:
            nxt = self.perform(self.session.discard_empty, uid)
            uid = nxt if isinstance(nxt, str) else None
        self.close_editor(save=False)
        self.redraw(focus=uid)
        focus_now(self.document)

    def close_editor(self, *, save: bool = True) -> None:
        """Hide the line editor (saving first unless told not to)."""
        if save:
            self.save_edit()
        bar = self._editor
        if bar is None:  # not mounted yet: nothing is being edited
            self.document.editing = None
            return
        bar.uid = None
        bar.is_new = False
        with bar.prevent(TextArea.Changed):
            bar.value = ""
        if self.focused is bar:
            focus_now(self.document)
        bar.can_focus = False  # idle: keys never go into a line editor that edits nothing
        self.document.editing = None

    # -- document commands -----------------------------------------------------------------

    def current_uid(self) -> str | None:
        """The block the keys act on: the one being edited, else the highlighted one."""
        return (self._editor.uid if self._editor is not None else None) or self.document.current_uid

    def add_bullet(self, where: str, anchor: str | None = None) -> None:
        """Add a bullet and open the editor on it."""
        if self.session is None:
            return
        if self.editing:
            self.close_editor()
        anchor = anchor or self.document.current_uid
        bullet = self.perform(self.session.add_bullet, anchor, where)
        if bullet is not None:
            self.redraw(focus=bullet.uid)
            self.start_edit(bullet.uid, new=True)

    def structure(self, op: str, *args: Any) -> None:
        """Indent, outdent, move or delete the current block (the edited line is saved first)."""
        if self.session is None or not self.save_edit():
            return
        uid = self.current_uid()
        if uid is None:
            return
        method = {"indent": self.session.indent, "outdent": self.session.outdent,
                  "move": self.session.move, "delete": self.session.delete}[op]
        result = self.perform(method, uid, *args)
        if self.last_error is not None:
            return
        if op == "delete":
            self.close_editor(save=False)
            self.redraw(focus=result)
            focus_now(self.document)
        else:
            self.redraw(focus=uid)
            if self.editing:
                self.document.set_live_text(uid, self.editbar.value)

    def cycle_status(self, uid: str | None) -> None:
        """Cycle an action item's status."""
        if self.session is None or uid is None:
            return
        status = self.perform(self.session.cycle_status, uid)
        if status is not None:
            self.redraw(focus=uid)
            self.notify(f"status: {status}", markup=False, timeout=2)

    def jump_to(self, uid: str) -> None:
        """Move the document cursor to block ``uid`` (heading at the top) and focus the document."""
        if self.editing:
            self.finish_edit()
        self.document.move_to(uid, top=True)
        focus_now(self.document)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter in the outline jumps to the section."""
        if event.option_list.id == "outline" and event.option.id:
            self.jump_to(event.option.id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Moving in the document updates the outline and the section timer."""
        if event.option_list is self.document:
            self.follow_cursor()

    # -- timers ----------------------------------------------------------------------------

    def follow_cursor(self) -> None:
        """Track the section of the cursor (outline highlight, time per section)."""
        from osgtui.minutes.blocktree import section_heading
        from osgtui.minutes.model import Heading

        if self.session is None:
            return
        uid = self.current_uid()
        blocks = self.session.blocks
        try:
            index = self.session.meeting.find(uid) if uid else 0
        except ValueError:
            return
        h = section_heading(blocks, index)
        heading = blocks[h] if h is not None else None
        title = heading.title if isinstance(heading, Heading) and heading.level > 1 else "Header"
        self.outline.follow(heading.uid if heading is not None else None)
        if self.timer is not None and title != self.timer.section:
            self.timer.enter(title)
            self.tick()

    def tick(self) -> None:
        """Timer: meeting time and time spent in the current section."""
        timer = self.timer
        if timer is None:
            return
        timer.touch()
        self.status.set_parts(elapsed=timer.elapsed(), section=timer.section, section_elapsed=timer.section_elapsed())

    def action_restart_timer(self) -> None:
        """The meeting starts now."""
        if self.timer is not None:
            self.timer.restart()
        self.tick()
