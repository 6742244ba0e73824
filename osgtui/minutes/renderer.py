"""Write a :class:`~osgtui.minutes.model.Meeting` back as Markdown in the archive's format."""

from __future__ import annotations

from osgtui.minutes.model import Bullet, Heading, Line, Meeting, Table
from osgtui.minutes.parser import heading_parts
from osgtui.minutes.tables import render_table_lines


def render_minutes(meeting: Meeting) -> str:
    """The meeting as Markdown text, byte for byte what was read for unchanged parts."""
    out: list[str] = []
    for block in meeting.blocks:
        if isinstance(block, Line):
            out += (block.text, block.eol)
        elif isinstance(block, Bullet):
            out += (meeting.bullet_indent(block), block.marker, block.text, block.trailing, block.eol)
            for text, eol in block.continuation:
                out += (text, eol)
        elif isinstance(block, Heading):
            raw = block.raw
            if raw is not None and heading_parts(raw) == (block.level, block.title):
                out += (raw, block.eol)
            else:
                out += (block.canonical(), block.eol)
        elif isinstance(block, Table):
            for text, eol in table_lines(block):
                out += (text, eol)
    return "".join(out)


def table_lines(table: Table) -> list[tuple[str, str]]:
    """The lines of a table: the original ones while its cells are unchanged."""
    if table.raw is not None and table.raw_cells == table.cells():
        return list(table.raw)
    return [(table.indent + t, table.eol) for t in render_table_lines(table.header, table.rows, table.style)]
