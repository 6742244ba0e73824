"""The side panes (triage, tables, action items, attendance, preview), mounted after the first paint.

Importing this module pulls in TabbedContent, DataTable, SelectionList and
TextArea, which the first paint does not need. Panes redraw from the session
when they are shown; the one on screen redraws after every change (the preview
after a short pause, so typing stays fast). The panel reads the meeting from
its :class:`MeetingSource` (the meeting screen, given at construction) and,
once mounted, posts :class:`SidePanel.Ready`; the panes' keys post their own
messages to the meeting screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Protocol

from textual.containers import Vertical
from textual.message import Message
from textual.timer import Timer
from textual.widget import Widget
from textual.widgets import TabbedContent, TabPane

from osgtui.widgets.action_items import ActionsPane
from osgtui.widgets.attendance import AttendancePane
from osgtui.widgets.keymap import SIDE_PANES
from osgtui.widgets.preview import PreviewPane
from osgtui.widgets.tables import TablesPane
from osgtui.widgets.triage import TriagePane

if TYPE_CHECKING:
    from osgtui.console.session import MeetingSession
    from osgtui.widgets.cells import Pane

PREVIEW_DELAY = 0.3
"""Seconds after the last change before the preview is rendered again."""
PANE_DELAY = 0.05
"""Seconds after a change before the visible pane redraws (after the document has been repainted)."""

PANE_CLASSES: dict[str, type[Pane]] = {
    "triage": TriagePane, "tables": TablesPane, "actions": ActionsPane, "attendance": AttendancePane,
    "preview": PreviewPane}
"""Each side pane's widget; their order, tab titles and keys are :data:`~osgtui.widgets.keymap.SIDE_PANES`."""
TABS = {name: (tab, PANE_CLASSES[name]) for name, tab, _label, _tip in SIDE_PANES}


class MeetingSource(Protocol):
    """What the side panes read: the open meeting's session and the block under the document cursor."""

    @property
    def session(self) -> MeetingSession:
        """The open meeting's session."""
        ...

    def current_uid(self) -> str | None:
        """The block the keys act on."""
        ...


class SidePanel(Vertical):
    """Tabs with the meeting's structured panes, drawn from ``source``."""

    class Ready(Message):
        """The panel is mounted (its first pane drawn): the meeting screen tells it of each change from now on."""

        def __init__(self, panel: SidePanel) -> None:
            super().__init__()
            self.panel = panel

    def __init__(self, source: MeetingSource, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.source = source
        self._dirty: set[str] = set(TABS)
        self._preview_timer: Timer | None = None

    def compose(self):
        """One tab per pane."""
        with TabbedContent(id="side-tabs"):
            for name, (title, pane) in TABS.items():
                with TabPane(title, id=f"tab-{name}"):
                    yield pane(id=f"pane-{name}")

    @property
    def active(self) -> str:
        """The name of the pane on screen."""
        return self.query_one(TabbedContent).active.removeprefix("tab-")

    def pane(self, name: str) -> Pane:
        """The pane widget ``name``."""
        from osgtui.widgets.cells import Pane

        return self.query_one(f"#pane-{name}", Pane)

    def on_mount(self) -> None:
        """Draw the first pane (shortly) and tell the meeting screen the panel is there."""
        self.meeting_changed()
        self.post_message(self.Ready(self))

    def meeting_changed(self) -> None:
        """The meeting changed: redraw the visible pane shortly, the others when they are shown.

        The redraw waits for the next frame so that a key press repaints the
        document first (the pane follows a few milliseconds later).
        """
        self._dirty = set(TABS)
        if self._preview_timer is not None:
            self._preview_timer.stop()
        active = self.active
        delay = PREVIEW_DELAY if active == "preview" else PANE_DELAY
        self._preview_timer = self.set_timer(delay, lambda: self._draw(active))

    def _draw(self, name: str) -> None:
        if name not in self._dirty:
            return
        self._dirty.discard(name)
        self.pane(name).draw(self.source.session, self.source.current_uid())

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab was opened: draw its pane if the meeting changed since."""
        self._draw(self.active)

    @staticmethod
    def pane_commands() -> list[tuple[str, str, type[Widget]]]:
        """(pane name, tab title, widget class) of the panes whose widget has keys of its own (palette)."""
        from osgtui.widgets.action_items import ActionTable
        from osgtui.widgets.attendance import AttendanceList
        from osgtui.widgets.tables import CountTable
        from osgtui.widgets.triage import TriageTable

        widgets: dict[str, type[Widget]] = {"triage": TriageTable, "tables": CountTable, "actions": ActionTable, "attendance": AttendanceList}
        return [(name, TABS[name][0], widget) for name, widget in widgets.items()]

    def pane_widget(self, name: str, kind: type[Widget]) -> Widget | None:
        """The first ``kind`` widget of pane ``name`` (None when it has none, e.g. no table)."""
        found = self.pane(name).query(kind)
        return found.first() if found else None

    def show_pane(self, name: str) -> None:
        """Open tab ``name`` and focus its pane."""
        self.query_one(TabbedContent).active = f"tab-{name}"
        self._draw(name)
        self.pane(name).focus_main()
