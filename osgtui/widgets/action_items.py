"""Action items pane: this meeting's items, then the open items of earlier meetings it drops.

An item open last week that this meeting does not carry is *dropped* (as
``osgtui actions`` says once this meeting is stored): it is listed dim with ×,
and ``c`` carries it back.

Earlier items come from :func:`osgtui.history.action_history`, read in a thread
worker on its own database connection (the session's connection stays on the
UI thread). ``s`` cycles the status of one of this meeting's items; ``c``
carries an earlier item into this meeting; Enter shows an item in the document.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from osgtui.widgets.cells import Pane, cell
from osgtui.widgets.requests import post_request

if TYPE_CHECKING:
    from osgtui.console.session import MeetingSession
    from osgtui.history.actions import ActionRecord

STATUS_STYLE = {"open": "", "in progress": "yellow", "done": "green", "dropped": "dim"}
STATUS_MARK = {"open": "○", "in progress": "◐", "done": "●", "dropped": "×"}
"""Statuses as shown in the one-character status column (the legend explains them)."""


class ActionTable(DataTable):
    """The action item rows; keys act on the highlighted one (the meeting screen does what they ask)."""

    class ShowItem(Message):
        """Enter on this meeting's item: show block ``uid`` in the document."""

        def __init__(self, uid: str) -> None:
            super().__init__()
            self.uid = uid

    class OpenItem(Message):
        """Enter on an earlier meeting's item: open the meeting of ``day`` at block ``uid``."""

        def __init__(self, day: date, uid: str) -> None:
            super().__init__()
            self.day = day
            self.uid = uid

    class CycleStatus(Message):
        """s on this meeting's item: cycle the status of block ``uid``."""

        def __init__(self, uid: str) -> None:
            super().__init__()
            self.uid = uid

    class Carry(Message):
        """c on an earlier meeting's item: carry ``record`` into this meeting at the document cursor."""

        def __init__(self, record: ActionRecord) -> None:
            super().__init__()
            self.record = record

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "show_item", "Show", tooltip="Show the item in the document", id="actions-show"),
        Binding("s", "cycle_status", "Status", tooltip="Cycle open → in progress → done", id="actions-status"),
        Binding("c", "carry", "Carry over", tooltip="Bring an earlier open item into this meeting",
                id="actions-carry"),
    ]

    def _row(self) -> str:
        if self.row_count == 0:
            return ""
        return self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value or ""

    def _earlier(self, key: str) -> ActionRecord | None:
        """The earlier meeting's item of row ``key`` (``earlier:<thread>``)."""
        pane = self.parent
        return pane.earlier.get(key[8:]) if isinstance(pane, ActionsPane) else None

    def action_show_item(self) -> None:
        """Jump to this meeting's item, or open the earlier meeting at one of its items."""
        key = self._row()
        if key.startswith("here:"):
            post_request(self, self.ShowItem(key[5:]))
        elif key.startswith("earlier:"):
            record = self._earlier(key)
            if record is not None:
                post_request(self, self.OpenItem(record.last_seen, record.last_uid))

    def action_cycle_status(self) -> None:
        """Cycle the status of this meeting's item."""
        key = self._row()
        if key.startswith("here:"):
            post_request(self, self.CycleStatus(key[5:]))
        elif key:
            self.notify("An earlier meeting's item: carry it into this meeting first (c).", markup=False)

    def action_carry(self) -> None:
        """Carry an earlier item into this meeting at the document cursor."""
        key = self._row()
        if key.startswith("earlier:"):
            record = self._earlier(key)
            if record is not None:
                post_request(self, self.Carry(record))
        elif key:
            self.notify("Already in this meeting.", markup=False)


class ActionsPane(Pane):
    """This meeting's action items, then the earlier open ones it drops (``c`` carries one back)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.earlier: dict[str, ActionRecord] = {}
        """The earlier meetings' open items this meeting drops, by thread."""
        self.ages: dict[str, int] = {}
        self._loaded_for: date | None = None
        self._session: MeetingSession | None = None
        self._filled_width = 0

    def compose(self):
        """The table and a legend."""
        yield ActionTable(id="actions-table", cursor_type="row")
        yield Static(Content("Loading earlier meetings' open items…"), id="actions-note")

    def draw(self, session: MeetingSession, cursor_uid: str | None = None) -> None:
        """Redraw; earlier items are loaded once per meeting, in a worker."""
        self._session = session
        meeting = session.meeting
        if self._loaded_for != meeting.date:
            self._loaded_for = meeting.date
            self.earlier, self.ages = {}, {}
            self.load_history(session)
        self._fill(session)

    def on_resize(self) -> None:
        """Fit the action item column to a new width (a pane shown again at the width it had is left as it is)."""
        if self._session is not None and self._loaded_for is not None and self._fill_width() != self._filled_width:
            self._fill(self._session)

    def _fill_width(self) -> int:
        return self.query_one(ActionTable).scrollable_content_region.width or self.size.width

    def _fill(self, session: MeetingSession) -> None:
        from osgtui.minutes.extract import action_items

        meeting = session.meeting
        table = self.query_one(ActionTable)
        row = table.cursor_coordinate.row
        table.clear(columns=True)
        fixed = {"Status": 1, "Age": 3, "Owners": 10}
        self._filled_width = self._fill_width()
        room = self._filled_width - sum(fixed.values()) - 2 * 4 - 1
        table.add_column("", width=fixed["Status"])
        table.add_column("Age", width=fixed["Age"])
        table.add_column("Owners", width=fixed["Owners"])
        table.add_column("Action item", width=max(12, room))
        here = action_items(meeting)
        threads = {a.thread for a in here if a.thread}
        for item in here:
            age = self.ages.get(item.thread or "", 0) + 1
            table.add_row(
                cell(STATUS_MARK.get(item.status, "?"), style=STATUS_STYLE.get(item.status, "")),
                cell(age, right=True),
                cell(", ".join(item.owners) or "—"), cell(item.text), key=f"here:{item.uid}",
            )
        shown = 0
        for thread, record in self.earlier.items():
            if thread in threads:
                continue
            shown += 1
            table.add_row(
                cell(STATUS_MARK["dropped"], style=f"dim {STATUS_STYLE['dropped']}"),
                cell(record.meetings_open, right=True, style="dim"),
                cell(", ".join(record.owners) or "—", style="dim"),
                cell(f"{record.text}  ({record.last_seen:%Y-%m-%d})", style="dim"),
                key=f"earlier:{thread}",
            )
        if table.row_count:
            table.move_cursor(row=min(row, table.row_count - 1))
        note = self.query_one("#actions-note", Static)
        if self._loaded_for is not None and self.earlier is not None:
            note.update(Content(
                f"{len(here)} here, {shown} dropped: open last time, not carried (× dim). ○ open ◐ in progress "
                "● done. Age: meetings open.\ns: status  c: carry back into this meeting  Enter: show  z: widen"))

    @work(thread=True, exclusive=True, exit_on_error=False, group="action-history", description="Action history")
    def load_history(self, session: MeetingSession) -> None:
        """Read the open items and ages of earlier meetings (own connection, off the UI thread)."""
        from osgtui.history import action_history
        from osgtui.store.database import Store

        store, config, day = session.store, session.config, session.meeting.date
        if store.path is None:  # an in-memory store has one connection: read it on the UI thread
            self.app.call_from_thread(self._read_inline, session)
            return
        own = Store.open(store.path, config)
        try:
            records = action_history(own, config, before=day, latest_meeting=True)
        finally:
            own.close()
        self.app.call_from_thread(self._loaded, session, day, records)

    def _read_inline(self, session: MeetingSession) -> None:
        from osgtui.history import action_history

        day = session.meeting.date
        self._loaded(session, day, action_history(session.store, session.config, before=day, latest_meeting=True))

    def _loaded(self, session: MeetingSession, day: date, records: list[ActionRecord]) -> None:
        from osgtui.history.actions import OPEN_STATUSES

        if day != self._loaded_for:
            return
        self.ages = {r.thread: r.meetings_open for r in records}
        self.earlier = {r.thread: r for r in records if r.status in OPEN_STATUSES}
        self._fill(session)
