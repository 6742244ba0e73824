"""The meeting screen's commands on the open meeting: action items, clipboard, sections, undo, triage,
counts, attendance and the panes.

:class:`MeetingCommands` is a layer of the meeting screen (see
:mod:`osgtui.screens.meeting_base`): the screen's key bindings and the widgets'
messages (handled in :mod:`osgtui.screens.meeting`) call these methods. A
command returns when done; a change the session refused raises
:class:`~osgtui.screens.meeting_editing.ChangeFailed` out of it, already said
in a notification. The dialogs' ``submit`` returns the error to show under the
field instead, so what was typed stays.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from osgtui.screens.meeting_editing import ChangeFailed, LineEditing

if TYPE_CHECKING:
    from textual.suggester import Suggester

    from osgtui.history.actions import ActionRecord
    from osgtui.screens.prompt import Submit


class MeetingCommands(LineEditing):
    """Commands on the open meeting (a layer of the meeting screen)."""

    def ask(self, title: str, submit: Submit, *, value: str = "", help: str = "", placeholder: str = "",
            suggester: Suggester | None = None, preview: Callable[[str], str] | None = None,
            names: Sequence[str] = (), replace_value: bool = False) -> None:
        """Open the one-line dialog (:class:`~osgtui.screens.prompt.PromptModal`)."""
        from osgtui.screens.prompt import PromptModal

        self.app.push_screen(PromptModal(title, submit, value=value, help=help, placeholder=placeholder,
                                         suggester=suggester, preview=preview, names=names,
                                         replace_value=replace_value))

    # -- action items ------------------------------------------------------------------

    def owner_names(self) -> list[str]:
        """Names owners complete from: roster, aliases, this meeting's attendees."""
        from osgtui.minutes.blocktree import owner_names
        from osgtui.minutes.extract import attending

        return owner_names(self.session.config, attending(self.session.meeting))

    def action_new_action_item(self) -> None:
        """Open the one-line action item entry; Enter saves it under the current bullet or section."""
        from osgtui.minutes.actions import format_action
        from osgtui.minutes.blocktree import parse_ai_entry
        from osgtui.screens.prompt import OwnerSuggester

        if self.can_edit() is None or not self.save_edit():
            return
        anchor = self.current_uid()
        self.close_editor(save=False)
        session = self.session
        names = self.owner_names()

        def submit(value: str) -> str | None:
            try:
                bullet = self.perform(session.add_action_item, value, anchor)
            except ChangeFailed as failed:
                return str(failed)
            self.redraw(focus=bullet.uid)
            owners, _, _ = parse_ai_entry(value, session.config.canonical_name)
            note = unknown_owners_note(owners, names)
            if note:
                self.roster_offer = unknown_owners(owners, names)
                added = " and ".join(self.roster_offer)
                self.notify(f"{note}; saved as written. ctrl+n adds {added} to [people] roster in "
                            f"{self.config_path()}; e fixes the line.", title="New name", severity="warning",
                            markup=False, timeout=12)
            return None

        def preview(value: str) -> str:
            from osgtui.minutes.actions import parse_action

            if not value.strip():
                return "→ AI (Owner): text"
            if value.lstrip().startswith("AI") and parse_action(value) is None:
                return "→ AI (Owner, Owner): text   (close the owners with ): then type the text)"
            owners, text, status = parse_ai_entry(value, session.config.canonical_name)
            note = unknown_owners_note(owners, names)
            return "→ " + format_action(owners, text, status) + (f"   ({note})" if note else "")

        self.ask(
            "New action item", submit, placeholder="Mat, BrianL: what to do   (or AI (Mat): ...)",
            suggester=OwnerSuggester(names, session.config.people.aliases), preview=preview, names=names,
            help="Enter saves it under the current bullet or section. Esc cancels.",
        )

    def config_path(self) -> Path:
        """The configuration file the console reads (or would create): where the roster is kept."""
        from osgtui.paths import user_config_search_path

        return self.session.config.source or user_config_search_path()

    def action_add_to_roster(self) -> None:
        """Add the new owners of the last action item to ``[people] roster`` in the configuration file."""
        from osgtui.console.roster_file import add_to_roster
        from osgtui.errors import OsgtuiError

        if not self.roster_offer:
            self.notify("no new name to add: ctrl+n follows an action item whose owner is not in the roster",
                        markup=False, timeout=4)
            return
        path = self.config_path()
        roster = self.session.config.people.roster
        try:
            for name in self.roster_offer:
                roster = add_to_roster(path, roster, name)
        except OsgtuiError as err:
            self.notify(str(err), title="Roster", severity="error", markup=False, timeout=12)
            return
        added = " and ".join(self.roster_offer)
        self.roster_offer = []
        self.state.set_roster(roster)
        self.notify(f"{added} added to [people] roster in {path}", title="Roster", markup=False, timeout=6)

    def carry_action(self, record: ActionRecord) -> None:
        """Bring an earlier meeting's open action item into this meeting at the cursor."""
        bullet = self.perform(self.session.carry_action, record.thread, record.owners, record.text,
                              record.status, record.last_uid, self.current_uid())
        self.redraw(focus=bullet.uid)
        self.notify("carried into this meeting", markup=False, timeout=2)

    def cycle_status(self, uid: str | None) -> None:
        """Cycle an action item's status."""
        if uid is None:
            return
        status = self.perform(self.session.cycle_status, uid)
        self.redraw(focus=uid)
        self.notify(f"status: {status}", markup=False, timeout=2)

    # -- sections and the clipboard ----------------------------------------------------------

    def ask_move_to_section(self) -> None:
        """Pick a section by title (Tab completes) and move the current bullet there."""
        from textual.suggester import SuggestFromList

        from osgtui.minutes.model import Bullet, Heading

        if self.can_edit() is None or not self.save_edit():
            return
        session = self.session
        uid = self.current_uid()
        if uid is None or not isinstance(session.block(uid), Bullet):
            self.notify("Only bullets are moved to another section.", markup=False)
            return
        headings = [b for b in session.meeting.blocks if isinstance(b, Heading) and b.level > 1]
        titles = list(dict.fromkeys(h.title for h in headings))

        def submit(value: str) -> str | None:
            wanted = value.strip().casefold()
            exact = [h for h in headings if h.title.casefold() == wanted]
            match = exact or ([h for h in headings if h.title.casefold().startswith(wanted)] if wanted else [])
            if not match:
                return f"no section {value.strip()!r}; type one of the titles listed (Tab completes)"
            try:
                self.perform(session.move_to_section, uid, match[0].uid)
            except ChangeFailed as failed:
                return str(failed)
            self.redraw(focus=uid)
            self.notify(f"moved to {match[0].title}", markup=False, timeout=2)
            return None

        self.ask("Move to section", submit, placeholder="section title", names=titles,
                 suggester=SuggestFromList(titles, case_sensitive=False),
                 help="Enter moves the bullet, with its nested bullets, to the end of that section (undo: u).")

    def clip(self, *, cut: bool) -> None:
        """Keep the current bullet (and its nested bullets) for P; cutting deletes it (undo: u)."""
        from osgtui.minutes.blocktree import clone_block, subtree_end
        from osgtui.minutes.model import Bullet

        if not self.save_edit():
            return
        uid = self.current_uid()
        blocks = self.session.meeting.blocks
        if uid is None or not isinstance(self.session.block(uid), Bullet):
            self.notify("Only bullets are cut or copied.", markup=False)
            return
        i = self.session.index(uid)
        self.clipboard = [clone_block(b) for b in blocks[i:subtree_end(blocks, i)] if isinstance(b, Bullet)]
        if cut:
            self.structure("delete")
        count = len(self.clipboard)
        what = "1 bullet" if count == 1 else f"{count} bullets"
        self.notify(f"{'cut' if cut else 'copied'} {what}; P pastes", markup=False, timeout=2)

    def paste(self) -> None:
        """Paste what was cut or copied below the current bullet (at its depth)."""
        if self.can_edit() is None or not self.save_edit():
            return
        uid = self.perform(self.session.paste, self.clipboard, self.current_uid())
        self.redraw(focus=uid)

    def ask_section(self) -> None:
        """Ask for a section title and add the heading after the current section."""
        if self.can_edit() is None:
            return
        session = self.session
        anchor = self.current_uid()

        def submit(value: str) -> str | None:
            level = 3 if value.startswith("### ") else 2
            try:
                heading = self.perform(session.add_section, value.lstrip("#").strip(), anchor, level)
            except ChangeFailed as failed:
                return str(failed)
            self.redraw(focus=heading.uid)
            return None

        self.ask(
            "New section", submit, placeholder="Section title (start with ### for a subsection)",
            help="The heading goes after the current section. Esc cancels.")

    # -- undo ----------------------------------------------------------------------------

    def action_undo(self) -> None:
        """Undo the last change (saved at once)."""
        self._undo_redo("undo")

    def action_redo(self) -> None:
        """Redo the last undone change."""
        self._undo_redo("redo")

    def _undo_redo(self, which: str) -> None:
        self.close_editor()
        step = self.session.undo if which == "undo" else self.session.redo
        try:
            label = self.perform(step)
        except ChangeFailed:
            return  # said in a notification
        self.redraw()
        self.notify(f"{which}: {label}", markup=False, timeout=2)

    # -- triage, counts, attendance ----------------------------------------------------------

    def pick_triage(self, which: str) -> None:
        """Ask who is on triage duty this (``this``) or next (``next``) week."""
        from textual.suggester import SuggestFromList

        from osgtui.minutes.extract import attending, triage_duty

        if self.can_edit() is None:
            return
        session = self.session
        config = session.config
        this_week, next_week, _ = triage_duty(session.meeting)
        current = (this_week if which == "this" else next_week) or ""
        names = list(config.triage.rotation or config.people.roster or attending(session.meeting))
        if not names:
            previous = session.store.latest_before(session.meeting.date)
            names = attending(session.store.load_meeting(previous)) if previous else []

        def submit(value: str) -> str | None:
            if not value.strip():
                return "type a name"
            try:
                self.perform(session.set_triage, which, value)
            except ChangeFailed as failed:
                return str(failed)
            self.redraw()
            return None

        source = "the rotation" if config.triage.rotation else "these names"
        self.ask(
            f"Triage duty {which} week", submit, value=current, names=names, replace_value=True,
            suggester=SuggestFromList(names, case_sensitive=False),
            help=f"Tab completes from {source}. Esc cancels.")

    def edit_count(self, group: str, label: str, *, delta_cell: bool = False) -> None:
        """Ask for a count (``12``, ``12 +3`` with its delta, ``?`` unknown) and save it by hand."""
        from osgtui.minutes.counts import format_count, format_delta

        if self.can_edit() is None:
            return
        session = self.session
        ref = session.count_ref(group, label)
        value = format_count(ref.count) + (f" {format_delta(ref.delta)}" if delta_cell else "")

        def submit(text: str) -> str | None:
            parsed = parse_count_entry(text)
            if isinstance(parsed, str):
                return parsed
            count, delta, given = parsed
            try:
                self.perform(session.set_count, group, label, count, delta=delta, delta_given=given)
            except ChangeFailed as failed:
                return str(failed)
            self.redraw()
            return None

        where = "triage counter" if group == "triage" else group.replace("release:", "release ")
        self.ask(
            f"{label} ({where})", submit, value=value, replace_value=True,
            help="Type the number (it replaces the value shown), or ? when unknown; the delta against the "
                 "last meeting is recomputed. "
                 "Type '12 +3' to set the delta yourself. Values typed here are marked ✎ (manual).")

    def set_attendance(self, names: list[str]) -> None:
        """Save who attends."""
        try:
            self.perform(self.session.set_attendance, names)
        finally:
            self.redraw()

    # -- panes -----------------------------------------------------------------------------

    def action_focus_pane(self, name: str) -> None:
        """Focus the outline, the document or one of the side panes."""
        from osgtui.screens.key_router import focus_now

        if name == "outline":
            focus_now(self.outline)
        elif name == "document":
            focus_now(self.document)
        elif self.side_panel is not None:
            self.side_panel.show_pane(name)

    def action_zoom(self) -> None:
        """Maximize the focused pane, or restore the layout."""
        if self.maximized is not None:
            self.minimize()
        elif self.focused is not None:
            self.maximize(self.focused)


def parse_count_entry(text: str) -> tuple[int | None, int | None, bool] | str:
    """``12`` → (12, None, False); ``12 +3`` → (12, 3, True); ``?`` → (None, None, False); else a message."""
    from osgtui.minutes.counts import parse_delta, parse_int

    parts = text.split()
    if not parts or len(parts) > 2:
        return "type a number (or ?), optionally followed by its delta, e.g. 12 or 12 +3"
    count = None if parts[0].strip("?") == "" else parse_int(parts[0])
    if count is None and parts[0].strip("?") != "":
        return f"'{parts[0]}' is not a count: type a whole number or ?"
    if len(parts) == 1:
        return count, None, False
    delta = None if parts[1].strip("?()") == "" else parse_delta(parts[1])
    if delta is None and parts[1].strip("?()") != "":
        return f"'{parts[1]}' is not a delta: type +3, -2, +0 or ?"
    return count, delta, True


def unknown_owners(owners: list[str], known: list[str]) -> list[str]:
    """The owners not in ``known`` (compared case-insensitively)."""
    folded = {name.casefold() for name in known}
    return [o for o in owners if o.casefold() not in folded]


def unknown_owners_note(owners: list[str], known: list[str]) -> str:
    """``Zed is not in the roster (Zen?)`` for owners outside ``known`` (roster, aliases, attendees); '' when none."""
    from difflib import get_close_matches

    unknown = unknown_owners(owners, known)
    if not unknown or not known:
        return ""
    parts = []
    for name in unknown:
        close = get_close_matches(name, known, n=1, cutoff=0.6)
        parts.append(f"{name} is not in the roster" + (f" ({close[0]}?)" if close else ""))
    return "; ".join(parts)
