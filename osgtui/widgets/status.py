"""The status line: meeting timer, time in the current section, save state, read-only flag."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


def clock_text(seconds: float) -> str:
    """``H:MM:SS`` for a duration (negative durations count as zero)."""
    total = max(0, int(seconds))
    return f"{total // 3600}:{total % 3600 // 60:02d}:{total % 60:02d}"


class StatusLine(Static):
    """One line under the panes; every part is plain text (section titles are user text)."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__("", id=id, markup=False)
        self.elapsed = 0.0
        self.section = ""
        self.section_elapsed = 0.0
        self.state = "loading…"
        self.read_only = False
        self._shown = ""

    def set_parts(self, *, elapsed: float | None = None, section: str | None = None,
                  section_elapsed: float | None = None, state: str | None = None,
                  read_only: bool | None = None) -> None:
        """Change some parts and redraw (only when the line's text changes: a typed key often changes nothing)."""
        if elapsed is not None:
            self.elapsed = elapsed
        if section is not None:
            self.section = section
        if section_elapsed is not None:
            self.section_elapsed = section_elapsed
        if state is not None:
            self.state = state
        if read_only is not None:
            self.read_only = read_only
        parts = [f"meeting {clock_text(self.elapsed)}"]
        if self.section:
            parts.append(f"{self.section} {clock_text(self.section_elapsed)}")
        parts.append(self.state)
        if self.read_only:
            parts.append("READ-ONLY")
        text = "  │  ".join(parts)
        if text != self._shown:
            self._shown = text
            self.update(Content(text), layout=False)
