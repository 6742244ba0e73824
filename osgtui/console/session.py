"""The editing session of one meeting: every change of the console, saved before it returns.

:class:`MeetingSession` is what the console's keys call. Each mutation works on
the meeting in memory, writes the whole meeting with ``store.save_meeting`` (one
transaction) and only then returns. When the database cannot take the write
for a reason outside osgtui (locked by another program, disk full, read-only),
the change is kept in memory, :attr:`MeetingSession.unsaved` says why, and
:meth:`MeetingSession.flush` saves everything once it can: the note-taker goes
on typing and the console says plainly that it is not saved. Any other failure
puts the meeting in memory back as it was and raises. Every mutation can be
undone (the undo stack holds exact copies of the previous blocks and count
metadata).

When the meeting was saved outside the console since it was loaded (``osgtui
pull``, ``osgtui import --replace``), the store refuses the save
(``ConflictError``); the session then takes in the latest version
(:meth:`follow`, keeping block identities with :func:`osgtui.minutes.rebase.adopt_uids`)
and applies the change to it, so what is being typed is never lost. Text typed
into a line the other side changed or deleted is kept, and a notice says so
(:meth:`take_notices`). :class:`osgtui.console.editlock.EditorLock` keeps two consoles
from editing the same meeting at once.

No Textual here: the session is tested on its own.
"""

from __future__ import annotations

import dataclasses
import re
import sqlite3
from collections.abc import Callable
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from osgtui.console.undo_log import UndoLog, UndoStep
from osgtui.errors import DatabaseUnavailable, StoreError
from osgtui.minutes.actions import format_action, next_status, parse_action, usual_marker_style, with_status
from osgtui.minutes.blocktree import (
    EditError,
    clone_block,
    is_blank,
    next_sibling,
    parent_index,
    parse_ai_entry,
    previous_sibling,
    section_content_end,
    section_end,
    section_heading,
    subtree_end,
)
from osgtui.minutes.counts import CountRef, find_counts
from osgtui.minutes.extract import ATTENDING_RE, COORDINATES_RE, DUTY_RE, header_line
from osgtui.minutes.model import LF, Block, Bullet, Heading, Line, Meeting, Table, new_uid

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store.database import Store

__all__ = ["EditError", "MeetingSession", "ReadOnlyError", "console_meeting"]

UNDO_LIMIT = 200
_COMMENT_RE = re.compile(r"[ \t]*<!--.*?-->", re.S)


class ReadOnlyError(EditError):
    """The session is read-only (another console edits the meeting, or a conflict happened)."""


# -- the session -----------------------------------------------------------------------------


class MeetingSession:
    """All changes the console makes to one meeting, each saved before returning."""

    def __init__(self, store: Store, config: Config, meeting: Meeting, *, read_only: bool = False,
                 read_only_reason: str = "", learn_roster: bool = False) -> None:
        self.store = store
        self._config = config
        self._learn_roster = learn_roster
        self.meeting = meeting
        self.read_only = read_only
        self.read_only_reason = read_only_reason
        self._log = UndoLog(store, meeting.date)
        self._undo: list[UndoStep] = []
        self._redo: list[UndoStep] = []
        if not read_only:
            self._undo, self._redo = self._log.load(meeting.version)  # kept over a restart
        self.changes = 0
        self.outside_loads = 0
        """How many versions saved outside the console were taken in (the screen redraws on a change)."""
        self._notices: list[str] = []
        self._removed: dict[str, tuple[Block, str | None]] = {}
        self.unsaved: DatabaseUnavailable | None = None
        """Why the meeting in memory is not in the database yet (None: everything is saved)."""
        self.save_soon: Callable[[], None] | None = None
        """When set (the console), a change is written just after the screen has shown it.

        Each change still becomes one transaction, but :meth:`_save` only marks
        it pending and calls this once, and the console calls
        :meth:`save_pending` right after the repaint: the key's effect is on
        screen before the write (a few milliseconds on a large meeting, more on
        a busy disk). Changes made before that write are saved together.
        :meth:`reload` and :meth:`flush` write the pending change first;
        :meth:`follow` waits for it (the write merges a version saved outside).
        """
        self._pending = False
        self._base: UndoStep | None = None
        """The meeting as last saved, while a change is pending (the base of a merge if it was saved outside)."""

    # -- bookkeeping -------------------------------------------------------------------

    @property
    def config(self) -> Config:
        """The configuration; with ``learn_roster`` and no ``[people] roster``, the recent meetings' people.

        The roster is learned on first use (the console asks for it just after
        its first frame, so that frame does not wait for the history query).
        """
        if self._learn_roster:
            self._learn_roster = False
            from osgtui.history.learn import with_learned_roster

            self._config = with_learned_roster(self.store, self._config, self.meeting.date)
        return self._config

    @config.setter
    def config(self, config: Config) -> None:
        self._config = config
        self._learn_roster = False

    @property
    def blocks(self) -> list[Block]:
        """The meeting's blocks (do not change them directly: use the session's methods)."""
        return self.meeting.blocks

    @property
    def can_undo(self) -> bool:
        """Whether there is a change to undo."""
        return bool(self._undo)

    @property
    def can_redo(self) -> bool:
        """Whether there is an undone change to redo."""
        return bool(self._redo)

    def undo_label(self) -> str | None:
        """What :meth:`undo` would undo."""
        return self._undo[-1].label if self._undo else None

    def index(self, uid: str) -> int:
        """Index of the block ``uid``; :class:`EditError` when it is gone."""
        try:
            return self.meeting.find(uid)
        except ValueError:
            raise EditError("that line is no longer in the meeting (changed elsewhere?)") from None

    def block(self, uid: str) -> Block:
        """The block ``uid``."""
        return self.meeting.blocks[self.index(uid)]

    def _snapshot(self, label: str, key: tuple[Any, ...] = ()) -> UndoStep:
        return UndoStep(
            label, key, [clone_block(b) for b in self.meeting.blocks],
            {k: dataclasses.replace(v) for k, v in self.meeting.count_meta.items()},
        )

    def _restore(self, snap: UndoStep) -> None:
        self.meeting.blocks = [clone_block(b) for b in snap.blocks]
        self.meeting.count_meta = {k: dataclasses.replace(v) for k, v in snap.count_meta.items()}

    def _check_writable(self) -> None:
        if self.read_only:
            raise ReadOnlyError(f"read-only: {self.read_only_reason or 'this meeting cannot be changed here'}")

    def _save(self, undo: list[UndoStep], redo: list[UndoStep], *, retry: bool = False,
              deferred: bool = False) -> None:
        """Save the meeting and, in the same transaction, the undo history it will have.

        When the database cannot take it (locked, disk full, read-only: the
        store raises :class:`DatabaseUnavailable`) the change stays in memory,
        :attr:`unsaved` says why, and nothing more is written until
        :meth:`flush` (the console's retry timer) gets it through: typing goes
        on at full speed meanwhile.
        """
        from osgtui.store.database import ConflictError

        if self.unsaved is not None and not retry:
            self._undo, self._redo = undo, redo
            return
        if self.save_soon is not None and not retry and not deferred:
            self._undo, self._redo = undo, redo
            if not self._pending:
                self._pending = True
                self.save_soon()
            return
        try:
            try:
                self.store.save_meeting(self.meeting, also=self._log.writer(undo, redo))
            except ConflictError:
                if self.unsaved is None and not deferred:
                    raise
                if deferred and self.unsaved is None and self._merge_outside():
                    undo, redo = [], []  # both versions kept (merged); undo starts again from here
                else:
                    # Saved outside while this console could not save: the note-taker's version is kept.
                    self.meeting.version = self._stored_version() or self.meeting.version
                    when = "just as this change was being saved" if deferred and self.unsaved is None else \
                        "while the database was unavailable"
                    self._notices.append(f"The meeting was also saved outside this console {when}; this "
                                         "console's version was saved over it.")
                self.store.save_meeting(self.meeting, also=self._log.writer(undo, redo))
        except DatabaseUnavailable as err:
            self.unsaved = err
        else:
            self._log.committed(undo, redo)
            self.unsaved = None
            self._pending = False  # written with this save
        self._undo, self._redo = undo, redo

    def _merge_outside(self) -> bool:
        """Saved outside while a change waited to be written: merge that version and ours (False: not possible).

        Three-way, section by section and line by line as ``osgtui pull`` merges
        (base: the meeting as this console last saved it); where both changed the
        same lines, ours is kept. The blocks keep this console's uids (the cursor,
        the line being typed), and undo starts again from here.
        """
        from osgtui.errors import OsgtuiError
        from osgtui.minutes.rebase import adopt_uids
        from osgtui.minutes.renderer import render_minutes
        from osgtui.publish.merge import merge_minutes
        from osgtui.publish.workflow import meeting_from_minutes

        base = self._base
        if base is None:
            return False
        try:
            latest = self.store.load_meeting(self.meeting.date)
        except (OsgtuiError, sqlite3.Error):
            return False
        stored = dataclasses.replace(self.meeting, blocks=base.blocks, count_meta=base.count_meta)
        result = merge_minutes(render_minutes(stored), render_minutes(self.meeting), render_minutes(latest))
        merged = meeting_from_minutes(self.store, self._config, self.meeting.date, result.text, replacing=latest)
        adopt_uids(self.meeting.blocks, merged.blocks)
        self.meeting = merged
        self._undo, self._redo = [], []
        self.outside_loads += 1
        kept = f" (kept yours where both changed: {', '.join(c.section for c in result.conflicts)})" \
            if result.conflicts else ""
        self._notices.append(f"The meeting was saved outside this console just as your change was being "
                             f"saved: both are kept{kept}; undo starts again from here.")
        return True

    @property
    def pending(self) -> bool:
        """Whether a change waits for :meth:`save_pending` (see :attr:`save_soon`)."""
        return self._pending

    def save_pending(self) -> None:
        """Write the change(s) made since the last save, in one transaction (no-op when none).

        Saved outside meanwhile (a pull in the same instant): both versions are
        merged (:meth:`_merge_outside`), with a notice. A database that refuses
        the write leaves :attr:`unsaved` set, and the change is kept for a retry.
        """
        if not self._pending:
            return
        self._pending = False
        if self.unsaved is None:
            try:
                self._save(self._undo, self._redo, deferred=True)
            except StoreError as err:  # not a database outage but refused all the same: kept, and retried
                self.unsaved = DatabaseUnavailable(str(err), "not saved")

    def flush(self) -> bool:
        """Save what waits (pending, or refused by the database before); True when everything is saved."""
        self.save_pending()
        if self.unsaved is not None:
            self._save(self._undo, self._redo, retry=True)
        return self.unsaved is None

    def _stored_version(self) -> int | None:
        try:
            return self.store.meeting_version(self.meeting.date)
        except sqlite3.Error:
            return None

    def take_notices(self) -> list[str]:
        """What the session has to tell the note-taker (outside changes taken in); emptied."""
        notices, self._notices = self._notices, []
        return notices

    def follow(self) -> bool:
        """Take in a version saved outside this console; True when there was one.

        The blocks the console knew keep their uids (the line being typed, the
        cursor); the undo steps before it are dropped, since undoing them would
        also undo the other side's changes.
        """
        if self.read_only or self.unsaved is not None or self._pending:
            # Unsaved changes are not dropped for the other version (see _save); a pending write merges it.
            return False
        stored = self._stored_version()
        if stored is None or stored == self.meeting.version:
            return False
        from osgtui.minutes.rebase import adopt_uids

        before = self.meeting.version
        latest = self.store.load_meeting(self.meeting.date)
        adoption = adopt_uids(self.meeting.blocks, latest.blocks)
        self._removed.update(adoption.removed)
        self.meeting = latest
        self._undo, self._redo = [], []
        self.outside_loads += 1
        self.changes += 1
        self._notices.append(
            f"The meeting was saved outside this console (version {before} → {latest.version}, "
            "e.g. osgtui pull): showing that version; undo starts again from here."
        )
        return True

    def _commit(self, label: str, change: Callable[[], Any], key: tuple[Any, ...] = (),
                *, creates: bool = False) -> Any:
        """Apply ``change`` in memory, save, and record the undo step; on failure put everything back.

        Consecutive changes with the same non-empty ``key`` (the autosaves of one
        typing session) share one undo step. A change that ``creates`` a block
        (it returns it) absorbs the text edits of that block that follow it, so
        undo of a freshly typed line takes away the whole line, not the last
        half-typed autosave.
        """
        from osgtui.store.database import ConflictError

        self._check_writable()
        for attempt in range(3):
            before = self._snapshot(label, key)
            if not self._pending:
                self._base = before  # what is stored now
            try:
                result = change()
                self._fix_line_ends()
                if creates:
                    before.created = result.uid
                top = self._undo[-1] if self._undo else None
                joins = bool(key) and top is not None and (
                    top.key == key or (key[0] == "edit" and top.created == key[1]))
                self._save(self._undo if joins else (self._undo + [before])[-UNDO_LIMIT:], [])
            except ConflictError:
                self._restore(before)
                if attempt == 2 or not self.follow():
                    raise
                continue  # saved outside meanwhile: apply the change to that version
            except BaseException:
                self._restore(before)
                raise
            break
        self.changes += 1
        return result

    def apply(self, label: str, change: Callable[[Meeting], Any]) -> Any:
        """Run ``change(meeting)`` (e.g. applying fetched counts) as one saved, undoable change."""
        return self._commit(label, lambda: change(self.meeting))

    def undo(self, *, redoable: bool = True) -> str:
        """Put back the blocks as they were before the last change; return what was undone."""
        return self._step(backwards=True, keep=redoable)

    def redo(self) -> str:
        """Make again the last undone change; return what was redone."""
        return self._step(backwards=False)

    def _step(self, *, backwards: bool, keep: bool = True) -> str:
        """Undo (``backwards``) or redo one step; the other stack gets the present state unless not ``keep``."""
        self._check_writable()
        if self.follow():
            raise EditError("the meeting was saved outside this console: nothing to undo or redo from before that")
        source, target = (self._undo, self._redo) if backwards else (self._redo, self._undo)
        if not source:
            raise EditError("nothing to undo" if backwards else "nothing to redo")
        snap = source[-1]
        current = self._snapshot(snap.label)
        if not self._pending:
            self._base = current
        rest, more = source[:-1], target + [current] if keep else target
        undo, redo = (rest, more) if backwards else (more, rest)
        self._restore(snap)
        try:
            self._save(undo, redo)
        except BaseException:
            self._restore(current)
            raise
        self.changes += 1
        return snap.label

    def reload(self) -> None:
        """Load the meeting again from the database, with the undo history stored for that version."""
        self.save_pending()
        self.meeting = self.store.load_meeting(self.meeting.date)
        self._undo, self._redo = self._log.load(self.meeting.version)
        self._removed.clear()
        self.changes += 1

    def has(self, uid: str) -> bool:
        """Whether block ``uid`` is in the meeting."""
        return any(b.uid == uid for b in self.meeting.blocks)

    def _put_back(self, uid: str, text: str) -> bool:
        """The line being typed was deleted outside the console: put it back, with the typed text."""
        old, after = self._removed.pop(uid)

        def change() -> Block:
            block = clone_block(old)
            if isinstance(block, Bullet):
                block.set_text(text)
            elif isinstance(block, Heading):
                block.title = text.strip() or block.title
            elif isinstance(block, Line):
                block.text = text
            pos = self.index(after) + 1 if after is not None and self.has(after) else len(self.meeting.blocks)
            self._insert(pos, [block])
            return block

        self._commit("put back a line", change, creates=True)
        self._notices.append(f"The line you were typing was deleted outside the console; it is kept: {text.strip()}")
        return True

    def _eol(self) -> str:
        eols = [b.eol for b in self.meeting.blocks if b.eol]
        return eols[0] if eols else LF

    def _fix_line_ends(self) -> None:
        """Every block but the last ends its line (an insertion after an unterminated last line)."""
        blocks = self.meeting.blocks
        for block in blocks[:-1]:
            if not block.eol:
                block.eol = self._eol()
                if isinstance(block, Table) and block.raw:
                    block.raw = None

    # -- bullets -----------------------------------------------------------------------

    def _new_bullet(self, depth: int, text: str, near: int | None) -> Bullet:
        """A bullet written like its neighbours at that depth (marker), canonical indentation."""
        marker = "-   "
        blocks = self.meeting.blocks
        if near is not None:
            for j in list(range(near, -1, -1)) + list(range(near + 1, len(blocks))):
                other = blocks[j]
                if isinstance(other, Bullet) and other.depth == depth and other.marker.startswith(("-", "*", "+")):
                    marker = other.marker
                    break
        return Bullet(depth=depth, text=text.strip(), marker=marker, eol=self._eol())

    def _insert(self, pos: int, new: list[Block]) -> None:
        """Insert blocks, keeping lists apart from paragraphs, headings and tables by blank lines."""
        blocks = self.meeting.blocks
        before = blocks[pos - 1] if pos > 0 else None
        after = blocks[pos] if pos < len(blocks) else None
        lead: list[Block] = []
        tail: list[Block] = []
        if before is not None and _needs_gap(before) and isinstance(new[0], Bullet):
            lead = [Line("", self._eol())]
        if after is not None and _needs_gap(after) and isinstance(new[-1], Bullet):
            tail = [Line("", self._eol())]
        blocks[pos:pos] = lead + new + tail

    def _heading_insert_pos(self, heading: int) -> int:
        """Where the first bullet of a section goes: after the heading and its blank lines."""
        blocks = self.meeting.blocks
        pos = heading + 1
        while pos < len(blocks) and is_blank(blocks[pos]):
            pos += 1
        return pos

    def add_bullet(self, anchor: str | None, where: str = "below", text: str = "") -> Bullet:
        """Add a bullet next to the block ``anchor`` and return it.

        ``where``: ``below`` (after the anchor's subtree, same depth), ``above``
        (before it, same depth) or ``child`` (first bullet nested under it). On a
        heading the bullet opens the section's list; on a line it follows it.
        ``anchor`` None adds at the end of the meeting.
        """
        if where not in ("below", "above", "child"):
            raise ValueError(where)

        def change() -> Bullet:
            blocks = self.meeting.blocks
            if anchor is None:
                bullet = self._new_bullet(0, text, len(blocks) - 1 if blocks else None)
                self._insert(len(blocks), [bullet])
                return bullet
            i = self.index(anchor)
            block = blocks[i]
            if isinstance(block, Bullet):
                depth = block.depth + (1 if where == "child" else 0)
                pos = i if where == "above" else (i + 1 if where == "child" else subtree_end(blocks, i))
                bullet = self._new_bullet(depth, text, i)
            elif isinstance(block, Heading) and block.level == 1 and where != "above":
                pos = section_content_end(blocks, i)
                while pos > i + 1 and is_blank(blocks[pos - 1]):
                    pos -= 1
                bullet = self._new_bullet(0, text, pos - 1)
            elif isinstance(block, Heading) and where != "above":
                pos = self._heading_insert_pos(i)
                bullet = self._new_bullet(0, text, pos)
            else:
                pos = i if where == "above" else i + 1
                bullet = self._new_bullet(0, text, i)
            self._insert(pos, [bullet])
            return bullet

        return self._commit("add bullet", change, creates=True)

    def discard_empty(self, uid: str) -> str | None:
        """Drop a bullet left empty (as if never added when it was the last change); return the uid to show."""
        i = self.index(uid)
        block = self.meeting.blocks[i]
        if not isinstance(block, Bullet) or block.full_text.strip():
            return uid
        top = self._undo[-1] if self._undo else None
        if top is not None and top.label == "add bullet" and all(b.uid != uid for b in top.blocks):
            self.undo(redoable=False)
        else:
            self.delete(uid)
        blocks = self.meeting.blocks
        for j in list(range(min(i, len(blocks)) - 1, -1, -1)) + list(range(i, len(blocks))):
            if not is_blank(blocks[j]):
                return blocks[j].uid
        return None

    def edit_text(self, uid: str, text: str, *, edit_id: object = None, expected: str | None = None) -> bool:
        """Set the text of a bullet, line or heading; False when it was already that.

        Autosaves of one typing session pass the same ``edit_id``: they make one
        undo step. ``expected`` is the text the editor last saw in the line: when
        the line was changed outside the console meanwhile, the typed text wins
        and a notice says so; when it was deleted there, it is put back.
        """
        text = text.replace("\r", " ").replace("\n", " ")
        if not self.read_only:
            self.follow()
        if uid in self._removed and not self.has(uid):
            return self._put_back(uid, text)
        block = self.block(uid)
        if expected is not None:
            from osgtui.minutes.rebase import block_text

            theirs = block_text(block).strip()
            if theirs not in (expected.replace("\r", " ").replace("\n", " ").strip(), text.strip()):
                self._notices.append(f"This line was also changed outside the console; your text is kept. "
                                     f"Theirs was: {theirs}")
        if isinstance(block, Bullet):
            if block.text == text.strip() and not block.continuation:
                return False
        elif isinstance(block, Heading):
            if block.title == text.strip():
                return False
            if not text.strip():
                raise EditError("a heading needs a title")
        elif isinstance(block, Line):
            if block.text == text:
                return False
        else:
            raise EditError("tables are edited in the Tables pane")

        def change() -> None:
            target = self.block(uid)
            if isinstance(target, Bullet):
                target.set_text(text)
            elif isinstance(target, Heading):
                target.title = text.strip()
            elif isinstance(target, Line):
                target.text = text

        key = ("edit", uid, edit_id) if edit_id is not None else ()
        self._commit("edit text", change, key)
        return True

    def _shift(self, start: int, end: int, delta: int) -> None:
        for block in self.meeting.blocks[start:end]:
            if isinstance(block, Bullet):
                block.depth += delta
                block.indent = None

    def indent(self, uid: str) -> None:
        """Nest the bullet (and what is nested under it) under the bullet before it."""
        blocks = self.meeting.blocks
        i = self.index(uid)
        if not isinstance(blocks[i], Bullet):
            raise EditError("only bullets can be indented")
        if previous_sibling(blocks, i) is None:
            raise EditError("nothing to indent under: the bullet is the first of its list")
        self._commit("indent", lambda: self._shift(i, subtree_end(blocks, i), +1))

    def outdent(self, uid: str) -> None:
        """Move the bullet (with what is nested under it) one level out, after its parent's items."""
        i = self.index(uid)
        block = self.meeting.blocks[i]
        if not isinstance(block, Bullet) or block.depth == 0:
            raise EditError("already at the outermost level")

        def change() -> None:
            blocks = self.meeting.blocks
            end = subtree_end(blocks, i)
            parent = parent_index(blocks, i)
            moved = blocks[i:end]
            del blocks[i:end]
            pos = subtree_end(blocks, parent) if parent is not None else i
            blocks[pos:pos] = moved
            self._shift(pos, pos + len(moved), -1)

        self._commit("outdent", change)

    def move(self, uid: str, direction: int) -> None:
        """Swap the bullet (with its nested bullets) with the sibling before (-1) or after (+1)."""
        blocks = self.meeting.blocks
        i = self.index(uid)
        if not isinstance(blocks[i], Bullet):
            raise EditError("only bullets can be moved")
        other = previous_sibling(blocks, i) if direction < 0 else next_sibling(blocks, i)
        if other is None:
            raise EditError("already the " + ("first" if direction < 0 else "last") + " of its list")
        first, second = (other, i) if direction < 0 else (i, other)

        def change() -> None:
            bl = self.meeting.blocks
            first_end = subtree_end(bl, first)
            second_end = subtree_end(bl, second)
            bl[first:second_end] = bl[second:second_end] + bl[first_end:second] + bl[first:first_end]

        self._commit("move", change)

    def move_to_section(self, uid: str, heading_uid: str) -> None:
        """Move the bullet (with its nested bullets) to the end of another section, as a top-level bullet."""
        blocks = self.meeting.blocks
        i = self.index(uid)
        if not isinstance(blocks[i], Bullet):
            raise EditError("only bullets are moved to another section")
        if not isinstance(self.block(heading_uid), Heading):
            raise EditError("move it to a section heading")
        if section_heading(blocks, i) == self.index(heading_uid):
            raise EditError("the bullet is already in that section")

        def change() -> None:
            bl = self.meeting.blocks
            start = self.index(uid)
            end = subtree_end(bl, start)
            moved = [b for b in bl[start:end] if not is_blank(b)]
            base = moved[0].depth  # type: ignore[union-attr]
            for block in moved:
                if isinstance(block, Bullet):
                    block.depth -= base
            del bl[start:end]
            if 0 < start < len(bl) and is_blank(bl[start - 1]) and is_blank(bl[start]):
                del bl[start]
            self._insert_in_section(self.index(heading_uid), moved)

        self._commit("move to section", change)

    def paste(self, blocks: list[Block], anchor: str | None) -> str:
        """Insert copies of ``blocks`` (bullets cut or copied earlier) after the bullet ``anchor``, at its depth.

        Returns the uid of the first pasted bullet. A cut action item keeps its
        thread (it is the same item, moved); a copied one, whose original is still
        here, is a new item.
        """
        bullets = [b for b in blocks if isinstance(b, Bullet)]
        if not bullets:
            raise EditError("nothing to paste: cut (X) or copy (Y) a bullet first")

        def change() -> str:
            bl = self.meeting.blocks
            base = bullets[0].depth
            here = {b.uid for b in bl}
            copies = [dataclasses.replace(b, uid=new_uid(), continuation=list(b.continuation), indent=None)
                      for b in bullets]
            for original, c in zip(bullets, copies):
                is_item = parse_action(c.full_text) is not None
                if original.uid in here:  # a copy: a new item of its own
                    c.thread, c.continues = (c.uid if is_item else None), None
                elif c.thread is None and is_item:
                    c.thread = original.uid
            at = self.index(anchor) if anchor is not None else None
            target = bl[at] if at is not None else None
            if isinstance(target, Bullet) and at is not None:
                for c in copies:
                    c.depth = c.depth - base + target.depth
                pos = subtree_end(bl, at)
                bl[pos:pos] = copies
            else:
                for c in copies:
                    c.depth -= base
                heading = section_heading(bl, at) if at is not None else None
                if heading is None:
                    bl.extend([Line("", self._eol()), *copies])
                else:
                    self._insert_in_section(heading, list[Block](copies))
            return copies[0].uid

        return self._commit("paste", change)

    def _insert_in_section(self, heading: int, moved: list[Block]) -> None:
        """Put ``moved`` after the last content of the section at ``heading`` (a blank line around it)."""
        bl = self.meeting.blocks
        pos = section_content_end(bl, heading)
        while pos > heading + 1 and is_blank(bl[pos - 1]):
            pos -= 1
        lead: list[Block] = [] if isinstance(bl[pos - 1], Bullet) else [Line("", self._eol())]
        tail: list[Block] = [Line("", self._eol())] if pos < len(bl) and not is_blank(bl[pos]) else []
        bl[pos:pos] = [*lead, *moved, *tail]
        for block in moved:
            if isinstance(block, Bullet):
                block.indent = None

    def delete(self, uid: str) -> str | None:
        """Delete a bullet (with its nested bullets) or a line; return the uid to show next."""
        blocks = self.meeting.blocks
        i = self.index(uid)
        if isinstance(blocks[i], Heading):
            raise EditError("headings are not deleted here: delete the section's lines, then rename it")
        if isinstance(blocks[i], Table):
            raise EditError("tables are not deleted from the console")

        def change() -> str | None:
            bl = self.meeting.blocks
            end = subtree_end(bl, i)
            del bl[i:end]
            if 0 < i < len(bl) and is_blank(bl[i - 1]) and is_blank(bl[i]):
                del bl[i]
            for j in list(range(i, len(bl))) + list(range(i - 1, -1, -1)):
                if not is_blank(bl[j]):
                    return bl[j].uid
            return None

        return self._commit("delete", change)

    def add_section(self, title: str, after: str | None, level: int = 2) -> Heading:
        """Add a heading after the section holding ``after`` (the end of the meeting when None)."""
        title = title.strip()
        if not title:
            raise EditError("a section needs a title")
        if level not in range(2, 7):
            raise EditError("section level must be 2 to 6")

        def change() -> Heading:
            blocks = self.meeting.blocks
            pos = len(blocks)
            if after is not None:
                h = section_heading(blocks, self.index(after))
                if h is not None and blocks[h].level > 1:  # type: ignore[union-attr]
                    pos = section_end(blocks, h) if level <= blocks[h].level else section_content_end(blocks, h)  # type: ignore[union-attr]
            heading = Heading(level, title, eol=self._eol())
            new: list[Block] = [heading, Line("", self._eol())]
            if pos > 0 and not is_blank(blocks[pos - 1]):
                new.insert(0, Line("", self._eol()))
            blocks[pos:pos] = new
            return heading

        return self._commit("add section", change)

    # -- action items --------------------------------------------------------------------

    def _action_position(self, anchor: str | None) -> tuple[int, int, int | None]:
        """(insert position, depth, neighbour) for an action item added at ``anchor``."""
        blocks = self.meeting.blocks
        if anchor is None:
            return len(blocks), 0, None
        i = self.index(anchor)
        block = blocks[i]
        if isinstance(block, Bullet):
            if parse_action(block.full_text) is not None:
                return subtree_end(blocks, i), block.depth, i
            return subtree_end(blocks, i), block.depth + 1, i
        h = i if isinstance(block, Heading) else section_heading(blocks, i)
        if h is None:
            return i + 1, 0, i
        end = section_content_end(blocks, h)
        pos = end
        while pos > h + 1 and is_blank(blocks[pos - 1]):
            pos -= 1
        if pos == h + 1:
            pos = self._heading_insert_pos(h)
        return pos, 0, pos - 1

    def add_action_item(self, line: str, anchor: str | None) -> Bullet:
        """Add an action item typed on one line under the bullet or section ``anchor``.

        Under a topic bullet it becomes its last nested bullet; next to an action
        item it becomes a sibling; on a heading or line it ends the section's list.
        """
        owners, text, status = parse_ai_entry(line, self.config.canonical_name)

        def change() -> Bullet:
            pos, depth, near = self._action_position(anchor)
            bullet = self._new_bullet(depth, format_action(owners, text, status), near)
            bullet.thread = bullet.uid
            self._insert(pos, [bullet])
            return bullet

        return self._commit("add action item", change)

    def carry_action(self, thread: str, owners: list[str], text: str, status: str, last_uid: str | None,
                     anchor: str | None) -> Bullet:
        """Bring an open action item of an earlier meeting into this one (same thread)."""
        for block in self.meeting.blocks:
            if isinstance(block, Bullet) and block.thread == thread:
                raise EditError("that action item is already in this meeting")

        def change() -> Bullet:
            pos, depth, near = self._action_position(anchor)
            bullet = self._new_bullet(depth, format_action(owners, text, status), near)
            bullet.thread, bullet.continues = thread, last_uid
            self._insert(pos, [bullet])
            return bullet

        return self._commit("carry action item", change)

    def cycle_status(self, uid: str) -> str:
        """open → in progress → done → open on an action item (a bullet or a plain line); return the new status."""
        from osgtui.minutes.extract import action_items

        block = self.block(uid)
        text = block.full_text if isinstance(block, Bullet) else block.text if isinstance(block, Line) else ""
        parsed = parse_action(text.strip()) if text else None
        if parsed is None:
            raise EditError("not an action item: status cycles on lines starting with AI")
        new = next_status(parsed.status)
        style = usual_marker_style((a.line for a in action_items(self.meeting)), default="")
        style = style or usual_marker_style(self.store.action_lines_before(self.meeting.date))

        def change() -> str:
            target = self.block(uid)
            if isinstance(target, Bullet):
                target.set_text(with_status(target.full_text, new, style))
            else:
                assert isinstance(target, Line)
                lead = target.text[: len(target.text) - len(target.text.lstrip())]
                target.text = lead + with_status(target.text.strip(), new, style)
            return new

        return self._commit("status", change)

    # -- header, triage, counts ------------------------------------------------------------

    def set_attendance(self, names: list[str]) -> None:
        """Rewrite the ``**Attending:**`` line with ``names`` (sorted), keeping its style."""
        clean = sorted({n.strip() for n in names if n.strip()}, key=str.casefold)
        found = header_line(self.meeting, ATTENDING_RE)

        def change() -> None:
            blocks = self.meeting.blocks
            if found is None:
                self._insert_attending(", ".join(clean))
                return
            i = found[0]
            block = blocks[i]
            text = block.full_text if isinstance(block, Bullet) else block.text  # type: ignore[union-attr]
            m = ATTENDING_RE.search(text)
            assert m is not None
            rest = text[m.end():]
            comments = "".join(c.group(0) for c in _COMMENT_RE.finditer(rest))
            trailing = text[len(text.rstrip()):] if isinstance(block, Line) else ""
            new = text[: m.end()] + (" " + ", ".join(clean) if clean else "") + comments
            if isinstance(block, Bullet):
                block.set_text(new)
            else:
                assert isinstance(block, Line)
                block.text = new + trailing
                nxt = blocks[i + 1] if i + 1 < len(blocks) else None
                if isinstance(nxt, Line) and nxt.text[:1].isspace() and nxt.text.strip():
                    del blocks[i + 1]

        self._commit("attendance", change)

    def _insert_attending(self, names: str) -> None:
        blocks = self.meeting.blocks
        coords = header_line(self.meeting, COORDINATES_RE)
        text = "**Attending:** " + names if names else "**Attending:**"
        if coords is not None:
            i = coords[0]
            if isinstance(blocks[i], Bullet):
                blocks.insert(subtree_end(blocks, i), self._new_bullet(0, text, i))
            else:
                blocks.insert(i + 1, Line(text, self._eol()))
            return
        title = next((j for j, b in enumerate(blocks) if isinstance(b, Heading) and b.level == 1), -1)
        blocks[title + 1:title + 1] = [Line("", self._eol()), Line(text, self._eol())]

    def set_triage(self, which: str, name: str) -> None:
        """Rewrite the ``This week:`` (``which="this"``) or ``Next week:`` triage duty bullet."""
        from osgtui.minutes.extract import triage_duty

        if which not in ("this", "next"):
            raise ValueError(which)
        uid = triage_duty(self.meeting)[2].get(which)
        if uid is None:
            raise EditError(f"no '{which.title()} week:' bullet under Triage Duty in this meeting")

        def change() -> None:
            block = self.block(uid)
            assert isinstance(block, Bullet)
            m = DUTY_RE.match(block.text)
            assert m is not None
            block.set_text(block.text[: m.start(2)] + name.strip())

        self._commit("triage duty", change)

    def count_ref(self, group: str, label: str) -> CountRef:
        """The count ``label`` of ``group`` (``triage``, ``jira``, ``release:<column>``)."""
        for ref in find_counts(self.meeting):
            if ref.group == group and ref.label == label:
                return ref
        raise EditError(f"no count '{label}' in {group} in this meeting")

    def set_count(self, group: str, label: str, count: int | None, *, delta: int | None = None,
                  delta_given: bool = False) -> None:
        """Set a count by hand (source ``manual``); its delta is recomputed unless ``delta_given``."""
        from osgtui.history import set_count_value

        self.count_ref(group, label)

        def change() -> None:
            ref = self.count_ref(group, label)
            if delta_given:
                set_count_value(self.store, self.meeting, ref, count, source="manual", delta=delta)
            else:
                set_count_value(self.store, self.meeting, ref, count, source="manual")

        self._commit("count", change)


def _needs_gap(block: Block) -> bool:
    """Whether a list next to ``block`` needs a blank line between them (Markdown would merge them)."""
    if isinstance(block, (Heading, Table)):
        return True
    return isinstance(block, Line) and bool(block.text.strip()) and not block.text[:1].isspace()


# -- opening a meeting for the console ----------------------------------------------------------


def console_meeting(store: Store, config: Config, day: date | None = None,
                    today: date | None = None) -> tuple[Meeting, bool]:
    """The meeting the console opens, and whether it was just created.

    With ``day``: that meeting (``StoreError`` when absent). Without: the latest
    stored meeting when it is dated today or later (the draft being taken);
    otherwise a new draft for the next meeting day, built as ``osgtui new``
    builds it (from the built-in template when the database is empty).
    """
    if day is not None:
        return store.load_meeting(day), False
    today = today or date.today()
    latest = store.latest_before(None)
    if latest is not None and (latest >= today or store.read_only_reason is not None):
        return store.load_meeting(latest), False  # (a database this osgtui must not write: no new draft)
    from osgtui.history import create_draft, next_meeting_date

    target = next_meeting_date(store, config, after=today - timedelta(days=1))
    if store.has_meeting(target):
        return store.load_meeting(target), False
    return create_draft(store, config, target), True
