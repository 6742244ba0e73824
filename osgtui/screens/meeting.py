"""The meeting screen: outline, document, line editor and side panes around one editing session.

Messages up, calls down. The panes never call the screen: each widget posts
its own typed messages (``DocumentView.AddBullet``, ``EditBar.Submitted``,
``CountTable.EditCount``...), and the screen handles them here with ``@on``;
the screen calls the widgets' methods (``show``, ``set_live_text``,
``meeting_changed``...). A widget's key that posts a message holds the keys
behind it until the screen has handled it (:func:`osgtui.widgets.requests.post_request`),
so each key still lands where it was aimed. One call goes up directly, by
design: the line editor tells the screen of every typed character in the
key's turn (``EditBar.typing``, see :mod:`osgtui.widgets.edit_bar`).

The screen's commands are in layers (:mod:`osgtui.screens.meeting_base`); each
calls the :class:`~osgtui.console.session.MeetingSession` (the change is saved
right after the repaint) and redraws. The console's state (session, lock,
read-only, timer) is the App's :class:`~osgtui.console.state.ConsoleState`,
given to the screen. Errors become notifications; a command the session
refused raises ``ChangeFailed``, which the handlers here end on; read-only
shows a banner.

The meeting is loaded before the screen is composed (``ConsoleApp.on_load``),
so the first frame shows the document; the side panes are mounted after that
frame (see :mod:`osgtui.widgets.side`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import BindingType
from textual.containers import Horizontal, Vertical
from textual.reactive import Reactive
from textual.widget import Widget
from textual.widgets import Header, OptionList, Static

from osgtui.screens.meeting_editing import ChangeFailed
from osgtui.screens.meeting_outside import OutsideCommands
from osgtui.widgets.document import DocumentView
from osgtui.widgets.edit_bar import EditBar
from osgtui.widgets.key_hints import KeyHints
from osgtui.widgets.keymap import MEETING_BINDINGS
from osgtui.widgets.outline import Outline
from osgtui.widgets.status import StatusLine

if TYPE_CHECKING:  # the side panes are imported after the first frame (see mount_side_panel)
    from osgtui.widgets.action_items import ActionTable
    from osgtui.widgets.attendance import AttendanceList
    from osgtui.widgets.side import SidePanel
    from osgtui.widgets.tables import CountTable
    from osgtui.widgets.triage import TriageTable

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


@contextmanager
def said_if_refused() -> Iterator[None]:
    """A command's failure ends it here: the note-taker was told in a notification already."""
    try:
        yield
    except ChangeFailed:
        pass


class MeetingScreen(OutsideCommands):
    """Outline, document and side panes of the open meeting; the widgets' messages are handled here."""

    CSS_PATH = "meeting.tcss"  # also listed in ConsoleApp.CSS_PATH (default screens' CSS is not loaded)
    BINDINGS: ClassVar[list[BindingType]] = MEETING_BINDINGS
    focused: Reactive[Widget | None] = Reactive(None, repaint=False)
    """Textual's ``Screen.focused``, without its repaint of the whole screen on every focus change: the
    widgets the focus leaves and enters restyle (and repaint) themselves, and the key hints follow the
    bindings; the rest of the screen is as it was."""
    AUTO_FOCUS = "#document"
    """The document has the focus from the first frame (focusing another pane first restyles the screen twice)."""
    HORIZONTAL_BREAKPOINTS = [
        (0, "-narrow"), (NARROW_WIDTH, "-medium"), (WIDE_WIDTH, "-wide")]

    def compose(self) -> ComposeResult:
        """Outline, document and a stand-in for the line editor; the side panes' slot is empty.

        The line editor (a TextArea, costly to build) replaces its
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
        """Keys are held (osgtui.screens.key_router) until the meeting is shown with its line editor."""
        return self._editor is not None

    def on_mount(self) -> None:
        """Show the meeting the app has loaded (in this first frame) and start the timers."""
        self.set_interval(self.autosave_seconds, self.autosave, name="autosave")
        self.set_interval(1.0, self.tick, name="timer")
        self.show_session(self.initial_focus)

    async def install_editor(self) -> None:
        """Put the line editor in its stand-in's place (after the first frame), then let the keys in."""
        if self._editor is not None:
            return
        slot = self.query_one("#editbar-slot")
        editor = EditBar(self, id="editbar", placeholder=EDITOR_HINT)
        await self.query_one("#center").mount(editor, after=slot)
        await slot.remove()
        self._editor = editor
        self.keys.release()

    def mount_side_panel(self) -> None:
        """Mount the side panes (after the first frame: their imports and data are not needed for it)."""
        from osgtui.widgets.side import SidePanel

        if not self.query("#side-panel"):
            self.query_one("#side").mount(SidePanel(self, id="side-panel"))

    EDIT_ACTIONS = frozenset({"new_action_item", "undo", "redo", "refresh_numbers"})

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Changing keys are greyed out while the meeting is read-only."""
        if action in self.EDIT_ACTIONS:
            return self.can_edit()
        if action == "take_over":
            return True if self.session.read_only else None
        return True

    # -- the document's messages ---------------------------------------------------------------

    @on(DocumentView.AddBullet)
    def _add_bullet(self, request: DocumentView.AddBullet) -> None:
        with said_if_refused():
            self.add_bullet(request.where)

    @on(DocumentView.EditLine)
    @on(EditBar.EditHighlighted)
    def _edit_line(self) -> None:
        self.start_edit()

    @on(DocumentView.LeaveLine)
    def _leave_line(self) -> None:
        if self.editing and self.save_edit():
            self.close_editor(save=False)

    @on(DocumentView.Restructure)
    @on(EditBar.Restructure)
    def _restructure(self, request: DocumentView.Restructure | EditBar.Restructure) -> None:
        args = request.args if isinstance(request, DocumentView.Restructure) else ()
        with said_if_refused():
            self.structure(request.op, *args)

    @on(DocumentView.CycleStatus)
    def _cycle_status(self, request: DocumentView.CycleStatus) -> None:
        with said_if_refused():
            self.cycle_status(request.uid)

    @on(DocumentView.AddSection)
    def _add_section(self) -> None:
        self.ask_section()

    @on(DocumentView.MoveToSection)
    def _move_to_section(self) -> None:
        self.ask_move_to_section()

    @on(DocumentView.Clip)
    def _clip(self, request: DocumentView.Clip) -> None:
        with said_if_refused():
            self.clip(cut=request.cut)

    @on(DocumentView.Paste)
    def _paste(self) -> None:
        with said_if_refused():
            self.paste()

    # -- the line editor's messages ------------------------------------------------------------

    @on(EditBar.Submitted)
    def _submit_line(self) -> None:
        with said_if_refused():
            self.submit_line()

    @on(EditBar.Finished)
    def _finish_line(self) -> None:
        self.finish_edit()

    # -- the side panes' messages --------------------------------------------------------------
    # Handled by name (Textual's ``on_<widget>_<message>``), not ``@on``: that would import the side
    # panes' modules (DataTable, SelectionList, TabbedContent: ~30 ms) before the first frame.

    def on_side_panel_ready(self, message: SidePanel.Ready) -> None:
        """The side panes are mounted: they are told of each change from now on."""
        self.side_panel = message.panel

    def on_triage_table_edit_duty(self, request: TriageTable.EditDuty) -> None:
        """Enter on a triage duty row: ask who."""
        self.pick_triage(request.which)

    def on_triage_table_edit_counter(self, request: TriageTable.EditCounter) -> None:
        """Enter on a triage counter: ask its count."""
        self.edit_count("triage", request.label)

    def on_count_table_edit_count(self, request: CountTable.EditCount) -> None:
        """Enter on a count or delta cell: ask its value."""
        self.edit_count(request.group, request.label, delta_cell=request.delta_cell)

    def on_action_table_show_item(self, request: ActionTable.ShowItem) -> None:
        """Enter on this meeting's action item: show it in the document."""
        self.jump_to(request.uid)

    def on_action_table_open_item(self, request: ActionTable.OpenItem) -> None:
        """Enter on an earlier meeting's action item: open that meeting there."""
        self.open_meeting(request.day, focus=request.uid)

    def on_action_table_cycle_status(self, request: ActionTable.CycleStatus) -> None:
        """s on this meeting's action item: cycle its status."""
        with said_if_refused():
            self.cycle_status(request.uid)

    def on_action_table_carry(self, request: ActionTable.Carry) -> None:
        """c on an earlier meeting's action item: carry it into this meeting."""
        with said_if_refused():
            self.carry_action(request.record)

    def on_attendance_list_attendance_set(self, request: AttendanceList.AttendanceSet) -> None:
        """A name toggled, or L: save who attends."""
        with said_if_refused():
            self.set_attendance(request.names)

    # -- the outline -------------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        """Enter in the outline jumps to the section."""
        if event.option_list.id == "outline" and event.option.id:
            self.jump_to(event.option.id)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        """Moving in the document updates the outline and the section timer."""
        if event.option_list is self.document:
            self.follow_cursor()

    def action_restart_timer(self) -> None:
        """The meeting starts now."""
        self.state.timer.restart()
        self.tick()
