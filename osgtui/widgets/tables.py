"""JIRA and release tables pane: the count tables with their deltas, editable cell by cell."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import DataTable, Static

from osgtui.widgets.cells import PENDING_STYLE, Pane, as_of_text, cell
from osgtui.widgets.requests import post_request
from osgtui.widgets.triage import MANUAL_MARK

if TYPE_CHECKING:
    from osgtui.console.session import MeetingSession


class CountTable(DataTable):
    """One table of the minutes; Enter on a count (or delta) cell edits it (the meeting screen asks for it)."""

    class EditCount(Message):
        """Enter on a cell: ask for the count of ``group``/``label`` (its delta when ``delta_cell``)."""

        def __init__(self, group: str, label: str, *, delta_cell: bool) -> None:
            super().__init__()
            self.group = group
            self.label = label
            self.delta_cell = delta_cell

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,e", "edit_cell", "Edit", tooltip="Change the count (delta recomputed) or the delta",
                id="table-edit"),
    ]

    def __init__(self, uid: str, **kwargs) -> None:  # noqa: ANN003
        super().__init__(cursor_type="cell", **kwargs)
        self.uid = uid
        self.cells_map: dict[tuple[int, int], tuple[str, str, bool]] = {}

    def action_edit_cell(self) -> None:
        """Edit the count or delta under the cursor."""
        target = self.cells_map.get((self.cursor_coordinate.row, self.cursor_coordinate.column))
        if target is None:
            self.notify("Only counts and deltas are edited here.", markup=False)
            return
        group, label, is_delta = target
        post_request(self, self.EditCount(group, label, delta_cell=is_delta))


class TablesPane(Pane):
    """Every JIRA and release table of the meeting."""

    def compose(self):
        """A scrolling column of tables (filled by ``draw``)."""
        yield VerticalScroll(id="tables-scroll")

    def draw(self, session: MeetingSession, cursor_uid: str | None = None) -> None:
        """Rebuild the tables when their shape changed, else update the cells."""
        from osgtui.minutes.counts import find_counts, table_kind
        from osgtui.minutes.model import Table
        from osgtui.minutes.section_paths import section_of_blocks

        meeting = session.meeting
        scroll = self.query_one("#tables-scroll", VerticalScroll)
        paths = section_of_blocks(meeting)
        wanted = [(b, p) for b, p in zip(meeting.blocks, paths) if isinstance(b, Table) and table_kind(b) in ("jira", "release")]
        existing = list(scroll.query(CountTable))
        shape = [(t.uid, t.row_count, len(t.columns)) for t in existing]
        if shape != [(b.uid, len(b.rows), len(b.header)) for b, _ in wanted]:
            scroll.remove_children()
            widgets: list[Widget] = []
            for block, path in wanted:
                widgets.append(Static(Content(path.split(" > ")[-1] or "Table"), classes="table-title",
                                      name=path.split(" > ")[-1] or "Table"))
                table = CountTable(block.uid, classes="count-table")
                widgets.append(table)
            if not wanted:
                widgets.append(Static("No JIRA or release table in this meeting.", classes="table-title"))
            scroll.mount_all(widgets)
            existing = list(scroll.query(CountTable))
            for table, (block, _) in zip(existing, wanted):
                table.add_columns(*(cell(h.replace("&Delta;", "Δ")) for h in block.header))
        refs = find_counts(meeting)
        for title, (block, _) in zip(scroll.query(".table-title").results(Static), wanted):
            stamp = as_of_text(meeting, [ref for ref in refs if ref.uid == block.uid])
            text = f"{title.name} · {stamp}" if stamp else title.name or ""
            if str(title.render()) != text:
                title.update(Content(text))
        for table, (block, _) in zip(existing, wanted):
            where = table.cursor_coordinate
            marks: dict[tuple[int, int], tuple[str, str, bool]] = {}
            manual: set[tuple[int, int]] = set()
            pending: set[tuple[int, int]] = set()
            for ref in refs:
                if ref.uid != block.uid:
                    continue
                marks[(ref.row, ref.count_col)] = (ref.group, ref.label, False)
                marks[(ref.row, ref.delta_col)] = (ref.group, ref.label, True)
                meta = meeting.count_meta.get((ref.group, ref.label))
                if meta is not None and meta.source == "manual":
                    manual.add((ref.row, ref.count_col))
                if ref.count is None:
                    pending.update({(ref.row, ref.count_col), (ref.row, ref.delta_col)})
            table.cells_map = marks
            table.clear()
            width = len(block.header)
            for r, row in enumerate(block.rows):
                row = (list(row) + [""] * width)[:width]
                table.add_row(*(
                    cell(value + (MANUAL_MARK if (r, c) in manual else ""),
                         style=PENDING_STYLE if (r, c) in pending else "bold" if (r, c) in marks else "")
                    for c, value in enumerate(row)
                ))
            if table.row_count:
                table.cursor_coordinate = where
