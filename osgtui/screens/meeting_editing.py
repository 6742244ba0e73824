"""The meeting screen's changes: running one (``perform``), saving it, and the line editor's cycle.

:meth:`LineEditing.perform` calls a :class:`~osgtui.console.session.MeetingSession`
method and returns its result; when the session refuses or cannot make the
change it notifies why and raises :class:`ChangeFailed`, so a command stops
there (the entry points, the screen's message handlers and dialogs, catch it).
Every change is written right after the repaint that shows it
(``MeetingSession.save_soon``); a write the database refuses is retried with
backoff; a version saved outside is shown, the line being typed kept open.

The line editor (:class:`~osgtui.widgets.edit_bar.EditBar`) opens on a block
(``start_edit``), shows what is typed in the document row in the key's own
turn (``line_typed``, called by the editor directly: see
:mod:`osgtui.widgets.edit_bar`), and is saved at least every half second, on
Enter, on Esc and on leaving it.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from typing import TYPE_CHECKING, ParamSpec, TypeVar

from textual import events
from textual.widgets import TextArea

from osgtui.screens.key_router import binding_chain, focus_now
from osgtui.screens.meeting_base import RETRY_FIRST_SECONDS, RETRY_MAX_SECONDS, MeetingScreenBase

if TYPE_CHECKING:
    from textual.binding import BindingsMap
    from textual.dom import DOMNode
    from textual.widget import Widget

    from osgtui.minutes.model import Bullet

P = ParamSpec("P")
T = TypeVar("T")


class ChangeFailed(Exception):
    """A change the session refused or could not make; the note-taker has been told already (a notification).

    ``error`` is the session's exception; ``str()`` is its message (what a dialog shows under its field).
    """

    def __init__(self, error: Exception) -> None:
        super().__init__(str(error))
        self.error = error


class LineEditing(MeetingScreenBase):
    """Running a change, saving it, and the line editor's open → type → save → close cycle."""

    # -- running a change ----------------------------------------------------------------------

    def perform(self, change: Callable[P, T], *args: P.args, **kwargs: P.kwargs) -> T:
        """Call session method ``change`` and return its result; on failure say why and raise :class:`ChangeFailed`.

        Either way, a version saved outside meanwhile is shown and a write the
        database refused is retried.
        """
        from osgtui.console.session import EditError
        from osgtui.errors import OsgtuiError
        from osgtui.store.database import ConflictError, unavailable

        try:
            return change(*args, **kwargs)
        except ConflictError as err:  # saved outside three times over while retrying: very unlikely
            self.notify(f"{err}. ctrl+r reloads the latest version.", title="Changed elsewhere",
                        severity="error", markup=False, timeout=10)
            self.show_banner()
            raise self._failed(err) from err
        except EditError as err:
            self.notify(str(err), severity="warning", markup=False)
            raise self._failed(err) from err
        except OsgtuiError as err:
            self.notify(str(err), title="Not saved", severity="error", markup=False, timeout=10)
            raise self._failed(err) from err
        except sqlite3.Error as err:  # a read that failed (a damaged database): said, never a crash
            error = unavailable(self.session.store.path, "cannot read the meeting", err)
            self.notify(str(error), title="Database", severity="error", markup=False, timeout=20)
            raise self._failed(error) from err
        finally:
            self.show_outside_changes()
            self.watch_unsaved()

    def _failed(self, error: Exception) -> ChangeFailed:
        self.status.set_parts(read_only=self.session.read_only)
        return ChangeFailed(error)

    # -- saving --------------------------------------------------------------------------------

    def _save_soon(self) -> None:
        """The session has a change to write: right after this repaint (the key's effect is shown first)."""
        self.call_after_refresh(self.save_pending)

    def save_pending(self) -> None:
        """Write the change(s) the screen shows (see ``MeetingSession.save_soon``); say so when it fails."""
        from osgtui.errors import OsgtuiError

        session = self.session
        if not session.pending:
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
        if session.unsaved is None:
            return
        self.status.set_parts(state=self._state_text())
        if self._retry is None:
            self.notify(f"{session.unsaved}. Everything is kept here and saved as soon as the database allows.",
                        title="Not saved", severity="error", markup=False, timeout=20)
            self._retry_delay = RETRY_FIRST_SECONDS
            self._retry = self.set_timer(self._retry_delay, self.retry_save, name="retry-save")

    def retry_save(self) -> None:
        """Timer: try the database again (the line being typed included); back off while it fails."""
        self._retry = None
        if self.editing and self._unsaved:
            self.save_edit()
        if self.session.flush():
            self.status.set_parts(state=self._state_text())
            self.notify("Saved: the database took every change.", markup=False, timeout=4)
            return
        self.status.set_parts(state=self._state_text())
        self._retry_delay = min(self._retry_delay * 2, RETRY_MAX_SECONDS)
        self._retry = self.set_timer(self._retry_delay, self.retry_save, name="retry-save")

    def follow_outside(self) -> None:
        """Timer (while editing): take in a version saved outside the console (shown by ``show_outside_changes``)."""
        try:
            self.perform(self.session.follow)
        except ChangeFailed:
            return  # said in a notification

    def show_outside_changes(self) -> None:
        """Show a version saved outside the console (pull, import --replace) and the session's notices.

        The line being typed stays open: its unsaved text is saved onto the new
        version at once (kept when the other side changed or deleted that line);
        with nothing unsaved it shows the line as it now is.
        """
        from osgtui.minutes.rebase import block_text

        session = self.session
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

    # -- showing a meeting ---------------------------------------------------------------------

    def show_session(self, focus: str | None = None) -> None:
        """Show the state's session (at mount, and after another meeting was opened): changes saved after repaints."""
        session = self.session
        session.save_soon = self._save_soon
        self.document.forget_rows()
        self.close_editor(save=False)
        self.title = session.meeting.title or session.meeting.date.isoformat()
        self.redraw(focus=focus)
        if focus is not None:
            self.document.move_to(focus, top=True)
        self.show_banner()
        self.keys.release()

    def jump_to(self, uid: str) -> None:
        """Move the document cursor to block ``uid`` (heading at the top) and focus the document."""
        if self.editing:
            self.finish_edit()
        self.document.move_to(uid, top=True)
        focus_now(self.document)

    # -- the line editor -----------------------------------------------------------------------

    @property
    def editing(self) -> bool:
        """Whether the line editor is open."""
        return self._editor is not None and self._editor.uid is not None

    @property
    def key_target(self) -> Widget | None:
        """What takes the keys (the key router asks): the line editor while it edits and the document has the
        focus (the focus never moves into the editor, see :mod:`osgtui.widgets.edit_bar`), else the focused
        widget. Once the focus has left the document (a click elsewhere) the keys follow it at once; the
        editor is closed when the document's blur arrives (``on_descendant_blur``)."""
        bar = self._editor
        if bar is not None and bar.takes_keys and self.focused is self.document:
            return bar
        return self.focused

    @property
    def _binding_chain(self) -> list[tuple[DOMNode, BindingsMap]]:
        """Textual's binding chain, from the line editor while it takes the keys: the key router runs
        bindings and the footer shows keys from the widget that takes them."""
        target = self.key_target
        if target is None or target is self.focused:
            return super()._binding_chain
        return binding_chain(target)

    def start_edit(self, uid: str | None = None, *, new: bool = False) -> None:
        """Open the line editor on block ``uid`` (default: the highlighted one)."""
        from osgtui.minutes.model import Bullet, Heading, Line

        if self.can_edit() is None:
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
        focus_now(self.document)  # at once: the next key is already queued for the editor, which takes the keys
        bar.take_keys(True)       # while the document has the focus (``key_target``)
        self.refresh_bindings()   # the footer shows the editor's keys
        self.document.set_live_text(uid, text)

    def line_typed(self) -> None:
        """The line editor's text changed: the document row shows it in the same frame (one row rebuilt).

        Called by the editor directly, in the key's turn (``EditBar``'s ``typing``, a
        :class:`~osgtui.widgets.edit_bar.TypingListener`), never by a message.
        """
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
        if bar is None or bar.uid is None or not self._unsaved:
            return True
        value = bar.value
        if now:
            self.save_pending()  # an earlier change first (merged there if the meeting was saved outside)
        later, session.save_soon = session.save_soon, (None if now else session.save_soon)
        try:
            self.perform(session.edit_text, bar.uid, value, edit_id=("bar", bar.edit_id), expected=self._saved_text)
        except ChangeFailed:
            self._save_failed = True
            self.status.set_parts(state=self._state_text())
            return False
        finally:
            session.save_soon = later
        self._save_failed = False
        self._saved_text = value
        self.status.set_parts(state=self._state_text())
        if self.side_panel is not None:
            self.side_panel.meeting_changed()
        return True

    def autosave(self) -> None:
        """Timer: save the line being typed (at least every half second), written at once (no key waits on it)."""
        if self.editing and self._unsaved and self.can_edit():
            self.save_edit(now=True)

    def submit_line(self) -> None:
        """Enter in the line editor: save; on a new bullet, open the next one below.

        The keys typed after Enter go into the next bullet: the key router holds
        them until this has run (see :mod:`osgtui.screens.key_router`).
        """
        bar = self.editbar
        if bar.uid is None:
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
        """The focus leaving the document while a line is edited (a click elsewhere) saves and closes the
        editor (the keys already follow the focus: ``key_target``)."""
        if event.widget is self.document and self.editing and self.focused is not self.document and self.is_current:
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
        if bar.is_new and not bar.value.strip():
            try:
                uid = self.perform(self.session.discard_empty, bar.uid)
            except ChangeFailed:
                uid = None
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
        bar.take_keys(False)  # idle: keys never go into a line editor that edits nothing
        self.refresh_bindings()
        self.document.editing = None

    # -- adding and moving blocks --------------------------------------------------------------

    def add_bullet(self, where: str, anchor: str | None = None) -> Bullet:
        """Add a bullet ``below`` or ``above`` (the highlighted block, or ``anchor``) and open the editor on it."""
        if self.editing:
            self.close_editor()
        anchor = anchor or self.document.current_uid
        bullet = self.perform(self.session.add_bullet, anchor, where)
        self.redraw(focus=bullet.uid)
        self.start_edit(bullet.uid, new=True)
        return bullet

    def structure(self, op: str, *args: int) -> None:
        """Indent, outdent, move (``args``: the direction) or delete the current block (the edited line saved first).

        Raises :class:`ChangeFailed` when the session refused it.
        """
        if not self.save_edit():
            return
        uid = self.current_uid()
        if uid is None:
            return
        session = self.session
        if op == "delete":
            after = self.perform(session.delete, uid)
            self.close_editor(save=False)
            self.redraw(focus=after)
            focus_now(self.document)
            return
        if op == "indent":
            self.perform(session.indent, uid)
        elif op == "outdent":
            self.perform(session.outdent, uid)
        elif op == "move":
            self.perform(session.move, uid, *args)
        else:
            raise ValueError(f"unknown structure change {op!r}")
        self.redraw(focus=uid)
        if self.editing:
            self.document.set_live_text(uid, self.editbar.value)
