"""The document pane: the meeting's headings, lines, bullets and tables, one cursor row per block.

Blank lines are not shown; bullets are indented by depth with a hanging indent;
action items are highlighted by status; tables are shown as their Markdown
lines. Every text is shown literally (``Content(text)``, never markup). Rows are
cached per block and width, so a change rebuilds only the rows it touched.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import events
from textual.binding import BindingType
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import reactive
from textual.style import Style
from textual.widget import Widget
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from osgtui.widgets.keymap import DOCUMENT_BINDINGS
from osgtui.widgets.requests import post_request

if TYPE_CHECKING:
    from textual.strip import Strip

    from osgtui.minutes.model import Block, Meeting

HEIGHT_STEP = 16
"""The document's scrollable height grows in steps of this many lines."""



class DocumentView(OptionList):
    """The meeting as a list of rows; the highlighted row is the block the keys act on.

    Its keys that change the meeting post one of the messages below (the meeting
    screen handles them; the keys behind wait for it, see
    :func:`osgtui.widgets.requests.post_request`); they act on the highlighted
    block, or on the line being edited.
    """

    class AddBullet(Message):
        """o / O: add a bullet ``below`` or ``above`` the highlighted block and edit it."""

        def __init__(self, where: str) -> None:
            super().__init__()
            self.where = where

    class EditLine(Message):
        """e, Enter or a double click: edit the highlighted block's text."""

    class LeaveLine(Message):
        """A click on the document while a line is edited: save the line and close the editor."""

    class Restructure(Message):
        """Tab, Shift+Tab, K/J, d: ``op`` (indent, outdent, move, delete) the current block; ``args``: move's direction."""

        def __init__(self, op: str, *args: int) -> None:
            super().__init__()
            self.op = op
            self.args = args

    class CycleStatus(Message):
        """s: cycle the status of action item ``uid``."""

        def __init__(self, uid: str | None) -> None:
            super().__init__()
            self.uid = uid

    class AddSection(Message):
        """N: ask for a section title and add the heading."""

    class MoveToSection(Message):
        """M: pick a section and move the current bullet there."""

    class Clip(Message):
        """X / C: keep the current bullet (and its nested ones) for P; ``cut`` deletes it."""

        def __init__(self, *, cut: bool) -> None:
            super().__init__()
            self.cut = cut

    class Paste(Message):
        """P: paste what was cut or copied below the current bullet."""

    BINDINGS: ClassVar[list[BindingType]] = DOCUMENT_BINDINGS
    highlighted: reactive[int | None] = reactive(None, repaint=False)
    """OptionList's cursor, repainting only the row it leaves and the row it enters (``watch_highlighted``)."""
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "document--title", "document--heading", "document--marker", "document--line",
        "document--table", "document--ai", "document--progress", "document--done", "document--editing",
    }

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id, markup=False)
        self.meeting: Meeting | None = None
        self.editable = False
        """Whether its editing keys are on (the screen sets it: off while the meeting is read-only)."""
        self.editing: str | None = None
        self.live_text = ""
        self._cache: dict[str, tuple[tuple[object, ...], Option]] = {}
        self._uids: list[str] = []
        self._width = 0
        self._pending_focus: str | None = None
        self._styles: tuple[Style, ...] = ()
        self._cursor_row: int | None = None
        """The row the cursor was last painted on (``watch_highlighted`` repaints it when the cursor leaves)."""
        self._row_heights: dict[Option, int] = {}
        """Rows' heights in lines, known when they are built: the line map needs no measuring."""

    # -- content -------------------------------------------------------------------------

    @property
    def current_uid(self) -> str | None:
        """The uid of the highlighted block."""
        if self.highlighted is None or not self._uids:
            return None
        return self._uids[self.highlighted]

    def show(self, meeting: Meeting, focus: str | None = None) -> None:
        """Show ``meeting``, keeping the cursor on ``focus`` (or on the current block)."""
        keep = focus or self.current_uid or self._pending_focus
        first_show = not self._uids
        self.meeting = meeting
        self._width = self._text_width()
        if self._width <= 0:  # not laid out yet: shown on the first resize
            self._pending_focus = keep
            return
        self._pending_focus = None
        options: list[Option] = []
        uids: list[str] = []
        cache: dict[str, tuple[tuple[object, ...], Option]] = {}
        for block in meeting.blocks:
            key = self._key(meeting, block)
            if key is None:
                continue
            old = self._cache.get(block.uid)
            option = old[1] if old is not None and old[0] == key else self._new_row(meeting, block, block.uid)
            cache[block.uid] = (key, option)
            options.append(option)
            uids.append(block.uid)
        self._cache = cache
        self._row_heights = {option: self._row_heights[option] for _, option in cache.values()
                             if option in self._row_heights}
        if uids == self._uids and all(self._options[i] is o for i, o in enumerate(options)):
            self.move_to(keep)
            return
        self._uids = uids
        highlighted = self.highlighted
        self._replace_options(options)
        if keep is not None and keep in cache:
            self.move_to(keep, top=first_show)
        elif uids:
            self.highlighted = min(highlighted or 0, len(uids) - 1)
        else:
            self.highlighted = None

    def forget_rows(self) -> None:
        """Drop every row and its cache (another meeting is shown next)."""
        self.clear_options()
        self._uids = []
        self._cache.clear()

    def move_to(self, uid: str | None, *, top: bool = False) -> None:
        """Put the cursor on block ``uid`` (when shown)."""
        if uid is None or uid not in self._cache:
            return
        index = self._uids.index(uid)
        if self.highlighted != index:
            self.highlighted = index
        if top:
            self.scroll_to_highlight(top=True)

    def set_live_text(self, uid: str | None, text: str = "") -> None:
        """Show ``text`` (being typed) in place of block ``uid``'s text; None ends editing.

        Only the rows of the block that was being edited and of ``uid`` are
        rebuilt (a typed character repaints one row).
        """
        before = self.editing
        self.editing = uid
        self.live_text = text
        if self.meeting is None:
            return
        if not self._update_rows({u for u in (before, uid) if u is not None}):
            self.show(self.meeting)

    def _update_rows(self, uids: set[str]) -> bool:
        """Rebuild the rows of blocks ``uids`` in place; False when that cannot be done (rows not shown yet)."""
        meeting = self.meeting
        if meeting is None or self._width <= 0 or self._width != self._text_width():
            return False
        for uid in uids:
            if uid not in self._cache:
                return False
        moved = False
        dirty: list[Region] = []
        for uid in uids:
            block = meeting.blocks[meeting.find(uid)]
            key = self._key(meeting, block)
            old_key, old = self._cache[uid]
            if key is None:
                return False
            if key == old_key:
                continue
            option = self._new_row(meeting, block, uid)
            self._cache[uid] = (key, option)
            index = self._option_to_index.pop(old)
            self._options[index] = option
            self._option_to_index[option] = index
            self._id_to_option[uid] = option
            if self._row_heights.get(option) != self._row_heights.get(old):
                self._line_cache.clear()  # the rows below move: the line map is rebuilt (heights are known)
                moved = True
            else:
                dirty.append(self._row_region(index, self._row_heights.get(option, 1)))
            self._row_heights.pop(old, None)
        if moved:
            self.refresh()
            self.scroll_to_highlight()  # a row that grew (a wrapped line being typed) stays in view
        elif dirty:
            self.refresh(*dirty)  # only the changed rows are rendered again (a typed character: one row)
        return True

    def _row_region(self, index: int, height: int) -> Region:
        """Row ``index`` (``height`` lines) in the widget's content coordinates, as shown now."""
        top = self._index_to_line.get(index, 0) - self.scroll_offset.y
        return Region(0, top, self.size.width, height)

    def _new_row(self, meeting: Meeting, block: Block, uid: str) -> Option:
        """The row of ``block``, with its height noted (its text is wrapped here, so the height is known)."""
        content = self._row_content(meeting, block)
        option = Option(content, uid)
        self._row_heights[option] = content.plain.count("\n") + 1
        return option

    def visible_uids(self) -> list[str]:
        """The uids of the rows, in order."""
        return list(self._uids)

    def _replace_options(self, options: list[Option]) -> None:
        """``set_options`` without dropping the rendered rows, jumping back to the top or repainting the rows
        above the first that changed (a bullet added or deleted repaints the rows from it down).

        The cursor keeps its index (clamped); ``show`` moves it after.
        """
        old = self._options
        first = next((i for i, (a, b) in enumerate(zip(old, options)) if a is not b), min(len(old), len(options)))
        old[:] = options
        self._option_to_index.clear()
        self._option_to_index.update((option, index) for index, option in enumerate(options))
        self._id_to_option.clear()
        self._id_to_option.update((option.id, option) for option in options if option.id is not None)
        self._line_cache.clear()
        if self.highlighted is not None and self.highlighted >= len(options):
            self.set_reactive(DocumentView.highlighted, len(options) - 1 if options else None)
        if not self.is_mounted:
            return
        self._update_lines()
        top = (self._index_to_line.get(first, len(self._lines)) - self.scroll_offset.y) if first else 0
        if top <= 0:
            self.refresh()
        elif top < self.size.height:
            self.refresh(Region(0, top, self.size.width, self.size.height - top))

    def watch_highlighted(self, highlighted: int | None) -> None:
        """Repaint the row the cursor left and the one it is on (OptionList repaints every row); scroll to it."""
        for index in (self._cursor_row, highlighted):
            if index is not None and index < len(self._options):
                self.refresh(self._row_region(index, self._heights.get(index, 1)))
        self._cursor_row = highlighted
        super().watch_highlighted(highlighted)

    def _clear_caches(self) -> None:
        """Recompute the line map but keep the rendered rows.

        A row's Option is replaced whenever its text, style or width changes,
        so rendered rows cached by Option stay valid; keeping them makes a key
        press repaint only the rows it changed. (Mouse handling below finds the
        row from the line, not from the index stored in the cached row.)
        """
        self._line_cache.clear()
        self.refresh()

    def _update_lines(self) -> None:
        """OptionList's line map, with the scrollable height rounded up to a multiple of HEIGHT_STEP.

        A new height is a new layout of the whole screen; rounding it means
        adding a bullet usually repaints only the document.
        """
        if not self.scrollable_content_region:
            return
        line_cache = self._line_cache
        lines = line_cache.lines
        next_index = lines[-1][0] + 1 if lines else 0
        width = self.scrollable_content_region.width
        if next_index < len(self.options):
            padding = self.get_component_styles("option-list--option").padding
            for index, option in enumerate(self.options[next_index:], next_index):
                line_cache.index_to_line[index] = len(lines)
                count = self._row_heights.get(option) or self._get_visual(option).get_height(
                    cast(RulesMap, self.styles), width - padding.width)
                line_cache.heights[index] = count
                lines.extend([(index, line_no) for line_no in range(count)])
        height = -(-len(lines) // HEIGHT_STEP) * HEIGHT_STEP
        virtual_size = Size(width, max(height, self.scrollable_content_region.height))
        if virtual_size != self.virtual_size:
            self.virtual_size = virtual_size
            self._scroll_update(virtual_size)

    def _row_at(self, event: events.MouseEvent) -> int | None:
        offset = event.get_content_offset(self)
        if offset is None:
            return None
        lines = self._lines
        line = offset.y + self.scroll_offset.y
        return lines[line][0] if 0 <= line < len(lines) else None

    async def _on_click(self, event: events.Click) -> None:
        """A click puts the cursor on the row (saving and closing the line being edited); a double click edits it."""
        index = self._row_at(event)
        if self.editing is not None and (index is None or event.chain < 2):
            post_request(self, self.LeaveLine())
        if index is not None:
            self.highlighted = index
            if event.chain >= 2:
                self.action_edit()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        self._mouse_hovering_over = self._row_at(event)

    def _text_width(self) -> int:
        padding = self.get_component_styles("option-list--option").padding
        return self.scrollable_content_region.width - padding.width - 1

    def render_lines(self, crop: Region) -> list[Strip]:
        """Build the rows for the width first when they were not built for it yet.

        The meeting is given before the first layout; building its rows here, once
        the width is known, puts them in the first frame (the resize event that
        follows the layout is handled after that frame is painted).
        """
        if self.meeting is not None and self._text_width() != self._width:
            self._cache.clear()
            self.show(self.meeting)
        return super().render_lines(crop)

    def on_resize(self) -> None:
        """Wrap the rows again for the new width; keep the row being typed in view (the editor grew)."""
        if self.meeting is not None and self._text_width() != self._width:
            self._cache.clear()
            self.show(self.meeting)
        elif self.editing is not None:
            self.scroll_to_highlight()

    def notify_style_update(self) -> None:
        """A theme change restyles every row (a focus change restyles none: the row styles stay).

        OptionList's own handler repaints the whole list after every restyle, even one
        that changed nothing (the focus moving to the line editor and back); here a
        restyle repaints only through what it changed: a rule (Textual's style
        properties refresh on a new value), a component style (the stylesheet
        refreshes the widget) or the row styles (rebuilt below).
        """
        if not self.is_mounted:
            super().notify_style_update()
            return
        styles = tuple(self._style(name.removeprefix("document--")) for name in sorted(self.COMPONENT_CLASSES))
        if styles != self._styles:
            self._styles = styles
            self._cache.clear()
            if self.meeting is not None and self.is_mounted:
                self.show(self.meeting)
            self.refresh()
        Widget.notify_style_update(self)  # not OptionList's (see above)

    # -- rows ----------------------------------------------------------------------------

    def _key(self, meeting: Meeting, block: Block) -> tuple[object, ...] | None:
        """What a row depends on (None: the block is not shown)."""
        from osgtui.minutes.model import Bullet, Heading, Line

        editing = block.uid == self.editing
        text = self.live_text if editing else None
        if isinstance(block, Line):
            if not block.text.strip() and not editing:
                return None
            return ("line", text or block.text, editing, self._width)
        if isinstance(block, Heading):
            return ("heading", block.level, text or block.title, editing, self._width)
        if isinstance(block, Bullet):
            return ("bullet", block.depth, text if editing else block.full_text, editing, self._width)
        return ("table", id(block), tuple(map(tuple, block.cells())), self._width)

    def _style(self, name: str) -> Style:
        """The text style of a component class, without its background (the cursor bar shows through)."""
        full = self.get_visual_style(f"document--{name}")
        return Style(foreground=full.foreground, bold=full.bold, dim=full.dim, italic=full.italic,
                     underline=full.underline, strike=full.strike)

    def _row_content(self, meeting: Meeting, block: Block) -> Content:
        """The row of ``block``, wrapped to the width (not named ``_render``: that is Textual's own)."""
        from osgtui.minutes.actions import DONE, IN_PROGRESS, parse_action
        from osgtui.minutes.model import Bullet, Heading, Line
        from osgtui.minutes.renderer import table_lines

        width = self._width
        editing = block.uid == self.editing
        if isinstance(block, Heading):
            title = self.live_text if editing else block.title
            if block.level == 1:
                return _wrap(Content.styled(title, self._style("title")), width, "", editing, self)
            marker = Content.styled("#" * block.level + " ", self._style("marker"))
            return _wrap(marker + Content.styled(title, self._style("heading")), width, "", editing, self)
        if isinstance(block, Line):
            text = self.live_text if editing else block.text
            return _wrap(Content.styled(text.strip(), self._style("line")), width, "", editing, self)
        if isinstance(block, Bullet):
            text = self.live_text if editing else block.full_text
            lead = "  " * block.depth
            bullet = Content.styled(lead + "• ", self._style("marker"))
            body = Content(text)
            action = parse_action(text)
            if action is not None:
                style = {DONE: "done", IN_PROGRESS: "progress"}.get(action.status, "ai")
                body = Content.styled(text, self._style(style))
            return _wrap(body, width, lead + "  ", editing, self, first=bullet)
        lines = [Content.styled(line, self._style("table")).truncate(width, ellipsis=True)
                 for line, _ in table_lines(block)]
        return Content("\n").join(lines)

    # -- keys: moving stays inside the widget, the rest asks the meeting screen ---------------

    def action_section(self, direction: int) -> None:
        """Jump to the next (1) or previous (-1) heading."""
        from osgtui.minutes.model import Heading

        if self.meeting is None or self.highlighted is None:
            return
        headings = {b.uid for b in self.meeting.blocks if isinstance(b, Heading)}
        order = range(self.highlighted + 1, len(self._uids)) if direction > 0 else range(self.highlighted - 1, -1, -1)
        for index in order:
            if self._uids[index] in headings:
                self.highlighted = index
                self.scroll_to_highlight(top=True)
                return

    def action_add(self, where: str) -> None:
        """Add a bullet below or above (the meeting screen does it)."""
        post_request(self, self.AddBullet(where))

    def action_edit(self) -> None:
        """Edit the current block's text."""
        post_request(self, self.EditLine())

    def action_indent(self) -> None:
        """Indent the current bullet."""
        post_request(self, self.Restructure("indent"))

    def action_outdent(self) -> None:
        """Outdent the current bullet."""
        post_request(self, self.Restructure("outdent"))

    def action_move(self, direction: int) -> None:
        """Move the current bullet among its siblings."""
        post_request(self, self.Restructure("move", direction))

    def action_delete(self) -> None:
        """Delete the current bullet or line."""
        post_request(self, self.Restructure("delete"))

    def action_cycle_status(self) -> None:
        """Cycle the status of the action item under the cursor."""
        post_request(self, self.CycleStatus(self.current_uid))

    def action_add_section(self) -> None:
        """Ask for a new section title."""
        post_request(self, self.AddSection())

    def action_move_to_section(self) -> None:
        """Pick a section and move the current bullet there."""
        post_request(self, self.MoveToSection())

    def action_cut(self) -> None:
        """Cut the current bullet (with its nested bullets)."""
        post_request(self, self.Clip(cut=True))

    def action_copy(self) -> None:
        """Copy the current bullet (with its nested bullets)."""
        post_request(self, self.Clip(cut=False))

    def action_paste(self) -> None:
        """Paste below the current bullet."""
        post_request(self, self.Paste())

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Editing keys are off (greyed out) while the meeting is read-only."""
        if action in {"add", "edit", "indent", "outdent", "move", "delete", "cycle_status", "add_section",
                      "move_to_section", "cut", "paste"}:
            return True if self.editable else None
        return True


def _wrap(body: Content, width: int, hang: str, editing: bool, view: DocumentView,
          first: Content | None = None) -> Content:
    """``first`` + ``body`` wrapped to ``width``, continuation lines indented by ``hang``."""
    first = first or Content("")
    if editing:
        body = body.stylize(view._style("editing"))
        if not body.plain:
            body = Content.styled("▏", view._style("editing"))
    room = max(8, width - first.cell_length)
    lines = body.wrap(room) if body.plain else [body]
    out = [first + lines[0]]
    out += [Content(hang) + line for line in lines[1:]]
    return Content("\n").join(out)
