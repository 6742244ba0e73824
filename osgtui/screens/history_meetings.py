"""The list of stored meetings, newest first, filtered as you type; enter opens one."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from osgtui.screens.history_common import Column, HistoryScreen

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store.database import MeetingRow, Store

NO_MEETINGS = (
    "No meetings are stored yet. Import past minutes with `osgtui import PATH...` "
    "(files named TechAreaYYYYMMDD.md), or press escape and start this week's meeting."
)

COLUMNS = (
    Column("Date", "date"),
    Column("Day", "day"),
    Column("Title", "title", flexible=True),
    Column("Attending", "attending", right=True),
    Column("AIs", "action_items", right=True),
)


def matches(row: MeetingRow, words: list[str]) -> bool:
    """Whether every (case-folded) word occurs in the meeting's date, weekday or title."""
    haystack = f"{row.date.isoformat()} {row.date.strftime('%A %B')} {row.title}".casefold()
    return all(word in haystack for word in words)


class MeetingListScreen(HistoryScreen[date]):
    """Every stored meeting, newest first; type to filter, enter to open.

    Dismisses with the chosen meeting's :class:`datetime.date`, or None on escape.
    """

    SUB_TITLE = "Meetings"
    BINDINGS = [
        Binding("enter", "open", "Open meeting", priority=True, tooltip="Open the highlighted meeting",
                id="meetings-open"),
        Binding("slash", "focus_query", "Filter", tooltip="Back to the filter", id="meetings-filter"),
    ]

    def __init__(self, store: Store, config: Config) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.rows: list[MeetingRow] = []

    def compose(self) -> ComposeResult:
        """Filter input, status line, table (or the empty-state text), footer."""
        yield Header()
        yield Input(placeholder="Filter: a date (2024-06), a weekday or words of the title", id="history-query",
                    select_on_focus=False)
        yield Static("Loading meetings...", id="history-status", markup=False)
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-empty", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Focus the filter and fill the table once the screen has been painted."""
        self.show_empty(None)
        self.query_one("#history-query", Input).focus()
        self.call_after_refresh(self.load)

    def load(self) -> None:
        """Read the meeting list from the store and show it."""
        rows = self.read(self.store.list_meetings)
        if rows is not None:
            self.rows = rows
            self.loaded = True
            self.refill()

    @on(Input.Changed, "#history-query")
    def _filter_changed(self) -> None:
        if self.loaded:
            self.refill()

    def refill(self) -> None:
        """Show the meetings matching the filter (all of them when it is empty)."""
        query = self.query_one("#history-query", Input).value.strip()
        words = query.casefold().split()
        shown = [row for row in self.rows if matches(row, words)]
        self.populate(COLUMNS, [
            (row.date.isoformat(),
             (row.date.isoformat(), row.date.strftime("%a"), row.title, str(row.attending), str(row.action_items)))
            for row in shown
        ])
        total = len(self.rows)
        if not self.rows:
            self.set_status("0 meetings")
            self.show_empty(NO_MEETINGS)
        elif not shown:
            self.set_status(f"0 of {total} meetings match")
            self.show_empty(f"No meeting matches “{query}”. Edit the filter (ctrl+u clears it) to see all {total}.")
        else:
            self.set_status(f"{len(shown)} of {total} meetings match" if words else f"{total} meetings, newest first")
            self.show_empty(None)
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out "Open meeting" while nothing is listed."""
        if action == "open":
            return True if self.has_rows() else None
        return super().check_action(action, parameters)

    def action_open(self) -> None:
        """Open the highlighted meeting."""
        key = self.highlighted_key()
        if key is not None:
            self.dismiss(date.fromisoformat(key))

    @on(DataTable.RowSelected, "#history-table")
    def _row_clicked(self, event: DataTable.RowSelected) -> None:
        if event.row_key.value is not None:
            self.dismiss(date.fromisoformat(event.row_key.value))
