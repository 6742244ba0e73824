"""Full-text search of every meeting: hits best first; enter in the query moves into the hits, enter on a
hit shows its meeting (read-only when it is not the one being taken)."""

from __future__ import annotations

import re
import sqlite3
from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Input, Static

from osgtui.errors import OsgtuiError
from osgtui.history import SearchHit, search
from osgtui.screens.history_common import DATABASE_HINT, Column, HistoryScreen, Row

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store.database import Store

DEBOUNCE = 0.2
"""Seconds of quiet typing before the query runs."""
LIMIT = 50
"""The most hits shown."""
HIT_STYLE = "bold underline"
COLUMNS = (
    Column("Date", "date"),
    Column("Section", "section", max_width=30),
    Column("Kind", "kind"),
    Column("Line", "line", flexible=True),
)
HINT = (
    "Type words to search the minutes of every stored meeting (HTCondor-CE, 3.4.31, Let's Encrypt), press "
    "enter to move into the hits, then enter to view one. "
    'Queries: words (all must match), prefix*; FTS5 syntax too: "an exact phrase", a OR b, NOT c.'
)
_OPERATORS = {"AND", "OR", "NOT", "NEAR"}
_WORD_RE = re.compile(r"\w+")


def query_words(query: str) -> list[str]:
    """The words of a search query worth highlighting in the hits (operators left out)."""
    return [word for word in _WORD_RE.findall(query) if word not in _OPERATORS]


def highlighted(line: str, words: list[str]) -> Text:
    """``line`` as literal text with the query's ``words`` emphasised (case-insensitively)."""
    text = Text(line)
    if words:
        text.highlight_words(words, HIT_STYLE, case_sensitive=False)
    return text


class SearchScreen(HistoryScreen[tuple[date, str | None]]):
    """Search the history (issue "meeting history") and open the meeting a hit is in.

    The query runs as you type (after a short pause) or at once on enter,
    which also moves into the hits; a malformed query shows its error on the
    status line. Dismisses with
    ``(meeting date, block uid or None)``, or None on escape.
    """

    SUB_TITLE = "Search"
    BINDINGS = [
        Binding("enter", "search", "Search", priority=True, tooltip="Run the query and move into the hits",
                id="search-run"),
        Binding("enter", "open", "View meeting", priority=True,
                tooltip="Show the meeting at the highlighted hit, read-only", id="search-open"),
        Binding("slash", "focus_query", "Edit query", tooltip="Back to the query", id="search-edit-query"),
    ]

    def __init__(self, store: Store, config: Config, query: str = "") -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.initial_query = query
        self.searched: str | None = None
        """The query the table shows the results of (None before the first search)."""
        self.hits: list[SearchHit] = []
        self.error: tuple[str, str] | None = None
        """Why the last search failed and what to do, or None."""
        self._timer: Timer | None = None

    def compose(self) -> ComposeResult:
        """Query input, status line, hits table (or the empty-state text), detail of the hit, footer."""
        yield Header()
        yield Input(self.initial_query, placeholder="Search all meetings, e.g. xrootd or \"token auth\"",
                    id="history-query", select_on_focus=False)
        yield Static(id="history-status", markup=False)
        yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="history-empty", markup=False)
        yield Static(id="history-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Focus the query; run it once the screen is painted when one was given."""
        self.query_one("#history-query", Input).focus()
        self.loaded = True
        self.call_after_refresh(self.run_search)

    @property
    def query_text(self) -> str:
        """The query as typed, without surrounding blanks."""
        return self.query_one("#history-query", Input).value.strip()

    @on(Input.Changed, "#history-query")
    def _query_changed(self) -> None:
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.run_search, name="search-debounce")
        self.refresh_bindings()

    def run_search(self) -> None:
        """Run the query in the input (unless its results are already shown) and show the hits."""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        query = self.query_text
        if query == self.searched:
            return
        self.searched = query
        self.hits = []
        self.error = None
        if query:
            try:
                self.hits = search(self.store, query, limit=LIMIT)
            except OsgtuiError as err:  # a malformed query: say why, inline
                self.error = (str(err), "No results until the query is fixed: edit it and press enter.")
            except sqlite3.Error as err:
                self.error = (f"cannot read the database: {err}", DATABASE_HINT)
        self.table.move_cursor(row=0)  # a new search starts at its best hit
        self.refill()
        self.refresh_bindings()

    def refill(self) -> None:
        """Show the hits of the last search."""
        query = self.searched or ""
        words = query_words(query)
        rows: list[Row] = [
            (str(index), (hit.date.isoformat(), hit.section, hit.kind, highlighted(hit.line, words)))
            for index, hit in enumerate(self.hits)
        ]
        self.populate(COLUMNS, rows)
        if self.error is not None:
            self.set_status(self.error[0], error=True)
            self.show_empty(self.error[1])
        elif not query:
            self.set_status("")
            self.show_empty(HINT)
        elif not self.hits:
            self.set_status(f"No hits for “{query}”")
            self.show_empty(f"No line matches “{query}”. Try fewer words, another spelling, or a prefix such as "
                            "xroot*.")
        else:
            many = "hit" if len(self.hits) == 1 else "hits"
            more = ""
            if len(self.hits) >= LIMIT:
                shown = self._shown_of(query)
                more = f" ({shown + ': ' if shown else ''}add words to narrow the search)"
            self.set_status(f"{len(self.hits)} {many} for “{query}”, best first{more}")
            self.show_empty(None)
        self._show_detail()

    def _shown_of(self, query: str) -> str:
        """``50 of 27,700 matching lines, …`` for a full list of hits ("" when it cannot be counted)."""
        from osgtui.history.search import count_matches, shown_of

        try:
            return shown_of(count_matches(self.store, query), len(self.hits))
        except (OsgtuiError, sqlite3.Error):
            return ""

    def _show_detail(self) -> None:
        hit = self._highlighted_hit()
        if hit is None:
            self.show_detail(None)
        else:
            self.show_detail([hit.date.isoformat(), hit.section or "before the first heading", hit.kind],
                             highlighted(hit.line, query_words(self.searched or "")))

    def _highlighted_hit(self) -> SearchHit | None:
        key = self.highlighted_key()
        return self.hits[int(key)] if key is not None else None

    @on(DataTable.RowHighlighted, "#history-table")
    def _hit_highlighted(self) -> None:
        self._show_detail()

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        """Enter means "search" in a changed query and "open" elsewhere: update the footer."""
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter in the query searches and moves into the hits; Enter in the hits opens one."""
        if action in ("search", "open"):
            in_query = self.focused is self.query_one("#history-query", Input)
            if action == "search":
                return in_query
            return False if in_query else (True if self.has_rows() else None)
        return super().check_action(action, parameters)

    def action_search(self) -> None:
        """Run the query now, then move into the hits (Enter there opens one)."""
        self.run_search()
        if self.has_rows():
            self.table.focus()

    def action_open(self) -> None:
        """Open the meeting of the highlighted hit."""
        hit = self._highlighted_hit()
        if hit is not None:
            self.dismiss((hit.date, hit.uid))

    @on(DataTable.RowSelected, "#history-table")
    def _hit_clicked(self) -> None:
        self.action_open()
