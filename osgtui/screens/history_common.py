"""What the three history screens share: the base screen, literal cells and the empty state.

Every string shown here comes from minutes or user input, so it is displayed
literally: table cells are :class:`rich.text.Text` (DataTable parses plain
strings as Rich markup) and Statics are updated with ``Text`` objects.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TypeVar

from rich.cells import cell_len
from rich.text import Text
from textual import events
from textual.binding import Binding
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import DataTable, Input, Static

from osgtui.errors import OsgtuiError

ResultT = TypeVar("ResultT")
ReadT = TypeVar("ReadT")

TABLE_MOVES = ("cursor_down", "cursor_up", "page_down", "page_up")
CELL_PADDING = 1
"""DataTable's default padding on each side of a cell."""
MIN_FLEXIBLE = 20
"""The narrowest the flexible column of a table gets (the table scrolls sideways below that)."""
DATABASE_HINT = "Nothing to show: check the database file (osgtui --db PATH) and open this screen again."
CHROME = 4
"""Cells around a results table: its margin (one each side) and the vertical scrollbar."""


@dataclass(frozen=True)
class Column:
    """A results-table column: header, key, right-aligned or not; one column per table is ``flexible``."""

    label: str
    key: str
    right: bool = False
    flexible: bool = False
    max_width: int | None = None


Row = tuple[str, Sequence["str | Text"]]
"""A table row: its key and one value per column (a str, or a Text that is already styled)."""


def literal_cell(value: str | Text, *, right: bool = False) -> Text:
    """A table cell showing ``value`` literally (never as markup) on one line, cut with an ellipsis.

    Text values keep their styles (e.g. highlighted search words).
    """
    cell = Text(value) if isinstance(value, str) else value.copy()
    cell.no_wrap, cell.overflow, cell.justify = True, "ellipsis", "right" if right else "left"
    return cell


def fill_table(table: DataTable, columns: Sequence[Column], rows: Sequence[Row], available: int) -> None:
    """Replace ``table``'s columns and rows.

    Column widths are set explicitly (fitted to the values, at most
    ``max_width``; the flexible column gets what is left of ``available``
    cells), so rows never render at a stale width while the table measures
    itself, and every value is shown literally.
    """
    widths = [
        min(c.max_width or 10_000, max([cell_len(c.label), *(_width(values[i]) for _, values in rows)]))
        for i, c in enumerate(columns)
    ]
    used = sum(w for w, c in zip(widths, columns) if not c.flexible) + 2 * CELL_PADDING * len(columns)
    room = max(MIN_FLEXIBLE, available - used)
    widths = [min(w, room) if c.flexible else w for w, c in zip(widths, columns)]
    table.clear(columns=True)
    for column, width in zip(columns, widths):
        table.add_column(Text(column.label, justify="right" if column.right else "left"), key=column.key,
                         width=width)
    for key, values in rows:
        table.add_row(*(literal_cell(v, right=c.right) for v, c in zip(values, columns)), key=key)


def _width(value: str | Text) -> int:
    return cell_len(value) if isinstance(value, str) else value.cell_len


class HistoryScreen(Screen[ResultT]):
    """A full screen that lists history and dismisses with what to open (None on escape).

    Subclasses compose a ``DataTable#history-table``, a ``Static#history-status``
    line, a ``Static#history-empty`` explanation shown instead of the table
    when there is nothing to list and (optionally) a ``Static#history-detail``
    showing the highlighted row in full.
    """

    CSS_PATH = "history.tcss"
    BINDINGS = [
        Binding("escape", "close", "Close", tooltip="Go back without opening anything", id="history-close"),
        Binding("down", "table_cursor('cursor_down')", "Next row", show=False, id="history-row-down"),
        Binding("up", "table_cursor('cursor_up')", "Previous row", show=False, id="history-row-up"),
        Binding("pagedown", "table_cursor('page_down')", "Next page", show=False, id="history-page-down"),
        Binding("pageup", "table_cursor('page_up')", "Previous page", show=False, id="history-page-up"),
    ]

    loaded = False
    """Set once the data has been read; until then resizes do not refill the table."""

    def refill(self) -> None:
        """Show the current data in the table (subclasses implement; called again on resize)."""
        raise NotImplementedError

    def on_resize(self) -> None:
        """Fit the table's flexible column to the new width."""
        if self.loaded:
            self.refill()

    def populate(self, columns: Sequence[Column], rows: Sequence[Row]) -> None:
        """Fill the table, keeping the cursor on the same row key when it is still listed."""
        keep = self.highlighted_key()
        table = self.table
        parent = table.parent
        width = parent.content_region.width if isinstance(parent, Widget) else self.size.width
        fill_table(table, columns, rows, width - CHROME)
        keys = [key for key, _ in rows]
        table.move_cursor(row=keys.index(keep) if keep in keys else 0, animate=False, scroll=True)

    def read(self, reader: Callable[[], ReadT]) -> ReadT | None:
        """``reader()``, or None after showing why the database could not be read (no traceback)."""
        try:
            return reader()
        except (OsgtuiError, sqlite3.Error) as err:
            self.set_status(f"cannot read the database: {err}", error=True)
            self.show_empty(DATABASE_HINT)
            return None

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Offer "edit the query" only on screens with a query input, while it does not have the focus."""
        if action == "focus_query":
            fields = self.query("#history-query")
            return bool(fields) and self.focused is not fields.first()
        return True

    def on_key(self, event: events.Key) -> None:
        """Typing elsewhere goes on in the query input (keys bound to an action keep their action)."""
        fields = self.query("#history-query").results(Input)
        field = next(fields, None)
        if field is None or self.focused is field or not event.is_printable or event.key in self.active_bindings:
            return
        event.stop()
        event.prevent_default()
        field.focus()
        field.cursor_position = len(field.value)
        field.insert_text_at_cursor(event.character or "")

    def action_focus_query(self) -> None:
        """Move the focus back to the query input."""
        self.query_one("#history-query", Input).focus()

    def action_close(self) -> None:
        """Leave the screen without choosing anything."""
        self.dismiss(None)

    def action_table_cursor(self, move: str) -> None:
        """Move the table's cursor (``cursor_down``, ``page_up``...) while the query input has the focus."""
        if move in TABLE_MOVES:
            getattr(self.table, f"action_{move}")()

    @property
    def table(self) -> DataTable:
        """The results table."""
        return self.query_one("#history-table", DataTable)

    def set_status(self, text: str, *, error: bool = False) -> None:
        """Show ``text`` literally on the status line (in the error style when ``error``)."""
        status = self.query_one("#history-status", Static)
        status.update(Text(text))
        status.set_class(error, "-error")

    def show_empty(self, message: str | None) -> None:
        """Show ``message`` in place of the table, or the table again when ``message`` is None."""
        empty = self.query_one("#history-empty", Static)
        empty.update(Text(message or ""))
        empty.display = message is not None
        self.table.display = message is None

    def show_detail(self, facts: Sequence[str] | None, body: str | Text = "") -> None:
        """Under the table, show ``facts`` (bold, one line) and ``body`` in full; hide it when ``facts`` is None."""
        detail = self.query_one("#history-detail", Static)
        detail.display = facts is not None
        if facts is not None:
            text = Text()  # not Text(..., style=): a base style would apply to the body too
            text.append(" · ".join(facts) + "\n", style="bold")
            text.append_text(Text(body) if isinstance(body, str) else body)
            detail.update(text)

    def has_rows(self) -> bool:
        """Whether the table lists anything."""
        return self.table.display and self.table.row_count > 0

    def highlighted_key(self) -> str | None:
        """The key of the row under the table's cursor, or None when the table is empty."""
        table = self.table
        if not self.has_rows():
            return None
        row_key, _ = table.coordinate_to_cell_key(table.cursor_coordinate)
        return row_key.value
