"""The side panes (triage, tables, action items, attendance, preview), mounted after the first paint.

Importing this module pulls in TabbedContent, DataTable, SelectionList and
TextArea, which the first paint does not need. Panes redraw from the session
when they are shown; the one on screen redraws after every change (the preview
after a short pause, so typing stays fast).
"""

from __future__ import annotations

from typing import Any

from textual.containers import Vertical
from textual.widgets import TabbedContent, TabPane

from osgtui.widgets.action_items import ActionsPane
from osgtui.widgets.attendance import AttendancePane
from osgtui.widgets.preview import PreviewPane
from osgtui.widgets.tables import TablesPane
from osgtui.widgets.triage import TriagePane

PREVIEW_DELAY = 0.3
"""Seconds after the last change before the preview is rendered again."""
PANE_DELAY = 0.05
"""Seconds after a change before the visible pane redraws (after the document has been repainted)."""

TABS = {
    "triage": ("Triage", TriagePane),
    "tables": ("Tables", TablesPane),
    "actions": ("AIs", ActionsPane),
    "attendance": ("Attend", AttendancePane),
    "preview": ("Preview", PreviewPane),
}


class SidePanel(Vertical):
    """Tabs with the meeting's structured panes."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._dirty: set[str] = set(TABS)
        self._preview_timer: Any = None

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

    def pane(self, name: str) -> Any:
        """The pane widget ``name``."""
        return self.query_one(f"#pane-{name}")

    def on_mount(self) -> None:
        """Register with the meeting screen and draw the first pane."""
        self.screen.side_panel = self  # type: ignore[attr-defined]
        self.meeting_changed()

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
        session = getattr(self.screen, "session", None)
        if session is None or name not in self._dirty:
            return
        self._dirty.discard(name)
        self.pane(name).draw(session)

    def on_tabbed_content_tab_activated(self, event: TabbedContent.TabActivated) -> None:
        """A tab was opened: draw its pane if the meeting changed since."""
        self._draw(self.active)

    @staticmethod
    def pane_commands() -> list[tuple[str, str, type]]:
        """(pane name, tab title, widget class) of the panes whose widget has keys of its own (palette)."""
        from osgtui.widgets.action_items import ActionTable
        from osgtui.widgets.attendance import AttendanceList
        from osgtui.widgets.tables import CountTable
        from osgtui.widgets.triage import TriageTable

        widgets = {"triage": TriageTable, "tables": CountTable, "actions": ActionTable, "attendance": AttendanceList}
        return [(name, TABS[name][0], widget) for name, widget in widgets.items()]

    def pane_widget(self, name: str, kind: type) -> Any:
        """The first ``kind`` widget of pane ``name`` (None when it has none, e.g. no table)."""
        found = self.pane(name).query(kind)
        return found.first() if found else None

    def show_pane(self, name: str) -> None:
        """Open tab ``name`` and focus its pane."""
        self.query_one(TabbedContent).active = f"tab-{name}"
        self._draw(name)
        self.pane(name).focus_main()
