"""The meeting screen's base: the console's state, the screen's widgets, and showing the meeting.

:class:`MeetingScreenBase` holds the :class:`~osgtui.console.state.ConsoleState`
(the session, lock, read-only state and timer; the App gives it) and shows
them: :meth:`~MeetingScreenBase.redraw` (every pane, after each change), the
read-only banner, the status line and the timers. The meeting screen is built
in layers, each a class of its own module that subclasses the one below, so
every attribute it uses is typed:

- here: the state, the widgets, showing;
- :mod:`osgtui.screens.meeting_editing`: running a change (``perform``: its result,
  or ``ChangeFailed`` once the note-taker was told why), saving, the line editor;
- :mod:`osgtui.screens.meeting_commands`: the commands on the meeting (action items,
  clipboard, sections, undo, triage, counts, attendance, panes);
- :mod:`osgtui.screens.meeting_outside`: what reaches outside it (other meetings,
  reload and take over, export, the live numbers, publish and pull);
- :mod:`osgtui.screens.meeting`: the layout, and the widgets' messages handled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.content import Content
from textual.screen import Screen
from textual.widgets import Static

from osgtui.widgets.document import DocumentView
from osgtui.widgets.outline import Outline
from osgtui.widgets.status import StatusLine

if TYPE_CHECKING:
    from textual.timer import Timer

    from osgtui.console.meeting_timer import MeetingTimer
    from osgtui.console.session import MeetingSession
    from osgtui.console.state import ConsoleState, Notice
    from osgtui.minutes.model import Block
    from osgtui.screens.key_router import KeyRouter
    from osgtui.widgets.edit_bar import EditBar
    from osgtui.widgets.side import SidePanel

AUTOSAVE_SECONDS = 0.5
"""What is being typed is saved at least this often (and on Enter, Esc and leaving the line)."""
RETRY_FIRST_SECONDS = 0.5
RETRY_MAX_SECONDS = 5.0
"""While the database cannot take a save (locked, disk full), it is tried again after 0.5 s, 1 s, … 5 s."""


class MeetingScreenBase(Screen[None]):
    """The console's state and the screen's widgets; showing the meeting."""

    def __init__(self, state: ConsoleState, keys: KeyRouter, *, focus: str | None = None,
                 autosave_seconds: float = AUTOSAVE_SECONDS) -> None:
        super().__init__()
        self.state = state
        """The open meeting's session, its lock, read-only state and timer (owned by the App)."""
        self.keys = keys
        """The App's key router: told when the screen is ready for the keys it holds."""
        self.initial_focus = focus
        self.autosave_seconds = autosave_seconds
        self.side_panel: SidePanel | None = None
        """The side panes, once mounted (after the first frame)."""
        self._editor: EditBar | None = None
        self.clipboard: list[Block] = []
        """What X or C kept for P (``MeetingCommands``)."""
        self.roster_offer: list[str] = []
        """Owners of the last action item saved that are outside the roster: ctrl+n adds them (``MeetingCommands``)."""
        self._saved_text = ""
        self._save_failed = False
        self._outside_seen = 0
        self._retry: Timer | None = None
        self._retry_delay = RETRY_FIRST_SECONDS

    @property
    def session(self) -> MeetingSession:
        """The open meeting's session (every change goes through it)."""
        return self.state.session

    @property
    def timer(self) -> MeetingTimer:
        """The open meeting's timer (the state's)."""
        return self.state.timer

    # -- widgets -------------------------------------------------------------------------

    @property
    def document(self) -> DocumentView:
        """The document pane."""
        return self.query_one("#document", DocumentView)

    @property
    def outline(self) -> Outline:
        """The outline pane."""
        return self.query_one("#outline", Outline)

    @property
    def status(self) -> StatusLine:
        """The status line."""
        return self.query_one("#status", StatusLine)

    @property
    def editbar(self) -> EditBar:
        """The line editor (mounted just after the first frame; keys are held until it is)."""
        if self._editor is None:
            raise RuntimeError("the line editor is not mounted yet")
        return self._editor

    def now(self) -> float:
        """The console's clock (frozen in tests)."""
        return self.state.clock()

    def tell(self, notice: Notice) -> None:
        """Show a notice of the console's state as a notification."""
        self.notify(notice.message, title=notice.title, severity=notice.severity, markup=False,
                    timeout=notice.timeout)

    # -- showing the meeting ---------------------------------------------------------------

    def can_edit(self) -> bool | None:
        """True when changes are allowed; None (keys greyed out) while read-only."""
        return None if self.session.read_only else True

    def redraw(self, focus: str | None = None) -> None:
        """Redraw every pane from the session (after each saved change)."""
        meeting = self.session.meeting
        self.document.show(meeting, focus)
        self.outline.show(meeting)
        self.status.set_parts(state=self._state_text(), read_only=self.session.read_only)
        self.follow_cursor()
        if self.side_panel is not None:
            self.side_panel.meeting_changed()

    def follow_cursor(self) -> None:
        """Track the section of the cursor (outline highlight, time per section)."""
        from osgtui.minutes.blocktree import section_heading
        from osgtui.minutes.model import Heading

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
        timer = self.timer
        if title != timer.section:
            timer.enter(title)
            self.tick()

    def tick(self) -> None:
        """Timer: meeting time and time spent in the current section."""
        timer = self.timer
        timer.touch()
        self.status.set_parts(elapsed=timer.elapsed(), section=timer.section, section_elapsed=timer.section_elapsed())

    def current_uid(self) -> str | None:
        """The block the keys act on: the one being edited, else the highlighted one."""
        return (self._editor.uid if self._editor is not None else None) or self.document.current_uid

    def _state_text(self) -> str:
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
        """Show or hide the read-only banner; the document's editing keys follow (greyed out while read-only)."""
        banner = self.query_one("#banner", Static)
        read_only = self.session.read_only
        if read_only:
            banner.update(Content(f"Read-only: {self.session.read_only_reason}  ·  ctrl+r reload  ·  ctrl+t take over"))
        banner.display = read_only
        self.document.editable = not read_only
        self.sub_title = "read-only" if read_only else ""
        self.refresh_bindings()
