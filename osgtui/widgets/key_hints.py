"""The footer of the meeting screen: the keys of the focused pane, in one line.

Textual's ``Footer`` builds a widget per key and rebuilds them all whenever the
focus moves (every ``o``, Enter and pane switch), which restyles and lays out
the bottom of the screen again. This footer shows the same keys (those with
``show=True`` active on the screen, one per action, and the command palette's on
the right) as one line of text: a focus change repaints that line only.
"""

from __future__ import annotations

from typing import ClassVar

from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget


class KeyHints(Widget, can_focus=False):
    """One line of ``key description`` pairs for the focused pane; the palette key at the right end."""

    DEFAULT_CSS = """
    KeyHints {
        dock: bottom;
        height: 1;
        width: 1fr;
        color: $footer-foreground;
        background: $footer-background;
    }
    KeyHints > .key-hints--key {
        color: $footer-key-foreground;
        background: $footer-key-background;
        text-style: bold;
    }
    KeyHints > .key-hints--description {
        color: $footer-description-foreground;
        background: $footer-description-background;
    }
    KeyHints > .key-hints--disabled {
        text-style: dim;
    }
    KeyHints > .key-hints--separator {
        color: $foreground 20%;
    }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "key-hints--key", "key-hints--description", "key-hints--disabled", "key-hints--separator",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._hints: tuple[tuple[str, str, bool], ...] = ()
        self._palette: tuple[str, str] | None = None

    def on_mount(self) -> None:
        """Follow the screen's bindings (they change with the focus)."""
        self.screen.bindings_updated_signal.subscribe(self, self.bindings_changed)

    def on_unmount(self) -> None:
        """Stop following the screen's bindings."""
        self.screen.bindings_updated_signal.unsubscribe(self)

    def bindings_changed(self, screen: Screen) -> None:
        """The focus or the enabled keys changed: read them once this frame is out (as Textual's Footer does)."""
        if self.is_attached and screen is self.screen:
            self.call_after_refresh(self._read_bindings)

    def _read_bindings(self) -> None:
        """Take the keys of the focused pane; repaint when the line is different (this screen on top only)."""
        screen = self.screen
        if not screen.is_current:
            return
        hints: list[tuple[str, str, bool]] = []
        seen: set[str] = set()
        palette = None
        for _node, binding, enabled, _tooltip in screen.active_bindings.values():
            if binding.action == "app.command_palette" or binding.key == self.app.COMMAND_PALETTE_BINDING:
                palette = (self.app.get_key_display(binding), binding.description)
                continue
            if not binding.show or binding.action in seen:
                continue
            seen.add(binding.action)
            hints.append((self.app.get_key_display(binding), binding.description, enabled))
        if not self.app.ENABLE_COMMAND_PALETTE:
            palette = None
        if (tuple(hints), palette) != (self._hints, self._palette):
            self._hints, self._palette = tuple(hints), palette
            self.refresh()

    def render(self) -> Content:
        """The hints, cut at the width, with the palette key right-aligned."""
        key = self.get_visual_style("key-hints--key")
        description = self.get_visual_style("key-hints--description")
        disabled = self.get_visual_style("key-hints--disabled")
        parts: list[Content] = []
        for shown, text, enabled in self._hints:
            part = Content.assemble(" ", (shown, key), " ", (text, description), " ")
            parts.append(part if enabled else part.stylize(disabled))
        line = Content("").join(parts)
        if self._palette is None:
            return line.truncate(self.size.width)
        shown, text = self._palette
        right = Content.assemble(("▏", self.get_visual_style("key-hints--separator")), (shown, key), " ",
                                 (text, description), " ")
        room = self.size.width - right.cell_length
        line = line.truncate(max(0, room))
        return Content.assemble(line, " " * max(0, room - line.cell_length), right)
