"""A person's open action items across meetings, oldest first; enter opens the meeting they were last seen in."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from osgtui.history import ActionRecord, action_history
from osgtui.history.actions import OPEN_STATUSES
from osgtui.screens.history_common import Column, HistoryScreen, Row

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store.database import Store

EVERYONE = "\x00everyone"
"""The option id of "Everyone" (no person's name can be it)."""
OWNERS = Column("Owners", "owners", max_width=16)
COLUMNS_BEFORE = (Column("Action item", "text", flexible=True),)
# No "last seen" column: an item is open only while the latest meeting carries it, so every
# row would show the same date; the detail line under the table gives it.
COLUMNS_AFTER = (
    Column("Status", "status"),
    Column("Raised", "first_raised"),
    Column("Age", "age", right=True),
    Column("Section", "section", max_width=20),
)
NO_ITEMS_AT_ALL = (
    "No action items are recorded yet. Write them in a meeting as bullets like "
    "`AI (Name): what to do`, and they show up here until they are marked done or dropped."
)


def plural(count: int, word: str) -> str:
    """``"1 item"``, ``"3 items"``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


class PersonActionsScreen(HistoryScreen[tuple[date, str]]):
    """Pick a person on the left; their open and in-progress action items are listed, oldest first.

    Aliases in ``[people.aliases]`` are resolved, so an item written for an
    alias is listed under the roster name. Dismisses with ``(date the item was
    last seen, its block uid in that meeting)``, or None on escape.
    """

    SUB_TITLE = "Open action items"
    BINDINGS = [
        Binding("enter", "show_items", "Items", priority=True, tooltip="Move to this person's items",
                id="actions-show-items"),
        Binding("enter", "open", "Open meeting", priority=True,
                tooltip="Open the meeting where the highlighted item was last seen", id="actions-open"),
        Binding("left", "focus_people", "People", priority=True, tooltip="Back to the list of people",
                id="actions-people"),
    ]

    def __init__(self, store: Store, config: Config, owner: str | None = None) -> None:
        super().__init__()
        self.store = store
        self.config = config
        self.person = config.canonical_name(owner) if owner and owner.strip() else None
        """The person whose items are listed (None: everyone's)."""
        self.open_items: list[ActionRecord] = []
        self.items: list[ActionRecord] = []

    def compose(self) -> ComposeResult:
        """People on the left; status line, items table (or the empty-state text) and item detail on the right."""
        yield Header()
        with Horizontal():
            yield OptionList(id="people", markup=False)
            with Vertical(id="person-items"):
                yield Static("Loading action items...", id="history-status", markup=False)
                yield DataTable(id="history-table", cursor_type="row", zebra_stripes=True)
                yield Static(id="history-empty", markup=False)
                yield Static(id="history-detail", markup=False)
        yield Footer()

    def on_mount(self) -> None:
        """Fill the people and items once the screen has been painted."""
        self.show_empty(None)
        self.call_after_refresh(self.load)

    def load(self) -> None:
        """Read the open action items and fill the list of people (roster first, then other owners)."""
        everything = self.read(lambda: action_history(self.store, self.config))
        if everything is None:
            return
        self.open_items = [r for r in everything if r.status in OPEN_STATUSES]
        counts: dict[str, int] = {}
        for record in self.open_items:
            for name in record.owners:
                counts[name.casefold()] = counts.get(name.casefold(), 0) + 1
        names = list(dict.fromkeys(self.config.canonical_name(n) for n in self.config.people.roster))
        seen = {n.casefold() for n in names}
        others = {o.casefold(): o for r in everything for o in r.owners}
        if self.person is not None:
            others.setdefault(self.person.casefold(), self.person)
        names += sorted((name for key, name in others.items() if key not in seen), key=str.casefold)
        people = self.query_one("#people", OptionList)
        people.clear_options()
        people.add_option(Option(self._prompt("Everyone", len(self.open_items)), id=EVERYONE))
        people.add_options(Option(self._prompt(n, counts.get(n.casefold(), 0)), id=n) for n in names)
        people.highlighted = 0 if self.person is None else 1 + [n.casefold() for n in names].index(
            self.person.casefold())
        self.loaded = True
        self.refill()
        (self.table if self.person is not None and self.has_rows() else people).focus()

    @staticmethod
    def _prompt(name: str, count: int) -> Text:
        text = Text(name)
        text.append(f"  {count}", style="dim" if count == 0 else "bold")
        return text

    @on(OptionList.OptionHighlighted, "#people")
    def _person_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        person = None if event.option.id == EVERYONE else event.option.id
        if self.loaded and person != self.person:
            self.person = person
            self.refill()

    def refill(self) -> None:
        """List the chosen person's open items, oldest first."""
        who = self.person.casefold() if self.person is not None else None
        # action_history lists items in order of first appearance; the sort only makes "oldest first" explicit.
        self.items = sorted(
            (r for r in self.open_items if who is None or who in {o.casefold() for o in r.owners}),
            key=lambda r: r.first_raised,
        )
        shared = who is None or any(len(r.owners) > 1 for r in self.items)
        columns = (*COLUMNS_BEFORE, *((OWNERS,) if shared else ()), *COLUMNS_AFTER)
        rows: list[Row] = [
            (r.thread, (r.text, *((", ".join(r.owners),) if shared else ()), r.status,
                        r.first_raised.isoformat(), str(r.meetings_open), r.section or ""))
            for r in self.items
        ]
        self.populate(columns, rows)
        name = self.person or "Everyone"
        if not self.open_items:
            self.set_status("No open action items")
            self.show_empty(NO_ITEMS_AT_ALL)
        elif not self.items:
            self.set_status(f"{name}: no open action items")
            self.show_empty(f"{name} has no open action items. Pick someone else on the left, "
                            "or Everyone for the whole team's.")
        else:
            self.set_status(f"{name}: {plural(len(self.items), 'open action item')}, oldest first")
            self.show_empty(None)
        self._show_detail()
        self.refresh_bindings()

    def _highlighted_item(self) -> ActionRecord | None:
        key = self.highlighted_key()
        return next((r for r in self.items if r.thread == key), None)

    def _show_detail(self) -> None:
        item = self._highlighted_item()
        if item is None:
            self.show_detail(None)
        else:
            self.show_detail([", ".join(item.owners) or "no owner", item.status,
                              f"raised {item.first_raised.isoformat()}", f"last seen {item.last_seen.isoformat()}",
                              f"open for {plural(item.meetings_open, 'meeting')}",
                              item.section or "before the first heading"], item.text)

    @on(DataTable.RowHighlighted, "#history-table")
    def _item_highlighted(self) -> None:
        self._show_detail()

    def on_descendant_focus(self) -> None:
        """Enter means "items" in the list of people and "open" in the table: update the footer."""
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Enter moves from the people to the items, and opens an item's meeting from the table."""
        in_people = self.focused is self.query_one("#people", OptionList)
        if action == "show_items":
            return (True if self.has_rows() else None) if in_people else False
        if action == "open":
            return False if in_people else (True if self.has_rows() else None)
        if action == "focus_people":
            return not in_people
        return super().check_action(action, parameters)

    def action_show_items(self) -> None:
        """Move the focus to the items table."""
        self.table.focus()

    def action_focus_people(self) -> None:
        """Move the focus back to the list of people."""
        self.query_one("#people", OptionList).focus()

    def action_open(self) -> None:
        """Open the meeting where the highlighted item was last seen, at the item."""
        item = self._highlighted_item()
        if item is not None:
            self.dismiss((item.last_seen, item.last_uid))

    @on(DataTable.RowSelected, "#history-table")
    def _item_clicked(self) -> None:
        self.action_open()
