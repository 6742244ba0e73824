"""Preview pane: the exported Markdown, exactly as ``osgtui export`` writes it, shown literally."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.widgets import TextArea

from osgtui.widgets.cells import Pane

if TYPE_CHECKING:
    from osgtui.console.session import MeetingSession
    from osgtui.minutes.model import Block


class PreviewPane(Pane):
    """A read-only text view of the rendered minutes, scrolled to the document cursor."""

    def compose(self):
        """The text view."""
        yield TextArea("", id="preview-text", read_only=True, soft_wrap=True, show_cursor=False)

    def draw(self, session: MeetingSession, cursor_uid: str | None = None) -> None:
        """Render the meeting and show the line of block ``cursor_uid`` (under the document cursor)."""
        from osgtui.minutes.renderer import render_minutes

        meeting = session.meeting
        area = self.query_one(TextArea)
        text = render_minutes(meeting)
        if area.text != text:
            area.load_text(text)
        line = 0
        for block in meeting.blocks:
            if block.uid == cursor_uid:
                break
            line += _line_count(block)
        area.move_cursor((min(line, area.document.line_count - 1), 0), center=True)


def _line_count(block: Block) -> int:
    from osgtui.minutes.model import Bullet, Table
    from osgtui.minutes.renderer import table_lines

    if isinstance(block, Bullet):
        return 1 + len(block.continuation)
    if isinstance(block, Table):
        return len(table_lines(block))
    return 1
