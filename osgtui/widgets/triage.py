"""Triage duty pane: who is on duty this and next week, and the ticket counters with deltas."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Static

from osgtui.widgets.cells import PENDING_STYLE, Pane, as_of_text, cell
from osgtui.widgets.requests import post_request

if TYPE_CHECKING:
    from osgtui.console.session import MeetingSession

MANUAL_MARK = " ✎"
"""Shown after a value typed by hand (count source ``manual``)."""


class TriageTable(DataTable):
    """Rows: this week, next week, then each counter; Enter edits the row (the meeting screen asks for the value)."""

    class EditDuty(Message):
        """Enter on a duty row: ask who is on triage duty ``which`` week (``this`` or ``next``)."""

        def __init__(self, which: str) -> None:
            super().__init__()
            self.which = which

    class EditCounter(Message):
        """Enter on a counter row: ask for triage counter ``label``'s count."""

        def __init__(self, label: str) -> None:
            super().__init__()
            self.label = label

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter,e", "edit_row", "Edit", tooltip="Change the name or the count", id="triage-edit"),
    ]

    def action_edit_row(self) -> None:
        """Edit the highlighted row: duty name or counter."""
        if self.row_count == 0:
            return
        key = self.coordinate_to_cell_key(self.cursor_coordinate).row_key.value or ""
        kind, _, rest = key.partition(":")
        if kind == "duty":
            post_request(self, self.EditDuty(rest))
        elif kind == "count":
            post_request(self, self.EditCounter(rest))


class TriagePane(Pane):
    """Triage duty and the open-ticket counters, as the export will show them."""

    _rows: list[tuple[str, str, str, bool, str]] | None = None
    """What the table shows (label, value, delta, pending, key): redrawn only when it changes."""

    def compose(self):
        """The table and the rotation line."""
        table = TriageTable(id="triage-table", cursor_type="row", zebra_stripes=False)
        table.add_columns("Triage", "Value", "Δ")
        yield table
        yield Static("", id="triage-rotation", markup=False)

    def draw(self, session: MeetingSession, cursor_uid: str | None = None) -> None:
        """Redraw from the meeting (keeps the highlighted row)."""
        from osgtui.minutes.counts import find_counts, format_count, format_delta
        from osgtui.minutes.extract import triage_duty

        meeting = session.meeting
        table = self.query_one(TriageTable)
        this_week, next_week, _ = triage_duty(meeting)
        rows: list[tuple[str, str, str, bool, str]] = [
            ("This week", this_week or "—", "", False, "duty:this"), ("Next week", next_week or "—", "", False, "duty:next")]
        counters = [ref for ref in find_counts(meeting) if ref.group == "triage"]
        for ref in counters:
            meta = meeting.count_meta.get((ref.group, ref.label))
            mark = MANUAL_MARK if meta is not None and meta.source == "manual" else ""
            value = "? pending" if ref.count is None else format_count(ref.count) + mark
            rows.append((ref.label, value, format_delta(ref.delta), ref.count is None, f"count:{ref.label}"))
        if rows != self._rows:  # most changes (a bullet, a line typed) leave the triage rows as they were
            self._rows = rows
            row = table.cursor_coordinate.row
            table.clear()
            for label, value, delta, pending, key in rows:
                table.add_row(cell(label), cell(value, style=PENDING_STYLE if pending else "bold"), cell(delta),
                              key=key)
            if table.row_count:
                table.move_cursor(row=min(row, table.row_count - 1))
        rotation = session.config.triage.rotation
        away = session.config.triage.away
        text = "Rotation: " + " → ".join(rotation) if rotation else \
            "Rotation learned from recent meetings ([triage] rotation sets it)."
        if away:
            text += "   Away: " + ", ".join(away)
        note = self.query_one("#triage-rotation", Static)
        fetched = as_of_text(meeting, counters)
        text += f"\nCounts fetched {fetched.removeprefix('as of ')}." if fetched else ""
        text += "\nEnter: change  ·  ✎ typed by hand"
        if str(note.render()) != text:
            note.update(Content(text))
