"""The meeting screen's commands beyond line editing: action items, undo, panes, export, history...

A mixin of :class:`~osgtui.screens.meeting.MeetingScreen` (which provides
``session``, ``perform``, ``redraw`` and the widgets); kept apart so each file
has one job. Network and git work runs in thread workers; the session (and
its SQLite connection) is only touched on the UI thread.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work

if TYPE_CHECKING:
    from osgtui.console.session import MeetingSession

PANES = ("triage", "tables", "actions", "attendance", "preview")


class MeetingCommands:
    """Commands of the meeting screen (mixed into it)."""

    session: MeetingSession | None

    def ask(self, title: str, submit: Any, **options: Any) -> None:
        """Open the one-line dialog (:class:`~osgtui.screens.prompt.PromptModal`)."""
        from osgtui.screens.prompt import PromptModal

        self.app.push_screen(PromptModal(title, submit, **options))  # type: ignore[attr-defined]

    # -- action items ------------------------------------------------------------------

    def owner_names(self) -> list[str]:
        """Names owners complete from: roster, aliases, this meeting's attendees."""
        from osgtui.minutes.blocktree import owner_names
        from osgtui.minutes.extract import attending

        assert self.session is not None
        return owner_names(self.session.config, attending(self.session.meeting))

    def action_new_action_item(self) -> None:
        """Open the one-line action item entry; Enter saves it under the current bullet or section."""

        from osgtui.minutes.actions import format_action
        from osgtui.minutes.blocktree import parse_ai_entry
        from osgtui.screens.prompt import OwnerSuggester

        if self.session is None or self.can_edit() is None:  # type: ignore[attr-defined]
            return
        if not self.save_edit():  # type: ignore[attr-defined]
            return
        anchor = self.current_uid()  # type: ignore[attr-defined]
        self.close_editor(save=False)  # type: ignore[attr-defined]
        session = self.session
        names = self.owner_names()

        def submit(value: str) -> str | None:
            bullet = self.perform(session.add_action_item, value, anchor)  # type: ignore[attr-defined]
            if bullet is None:
                return str(self.last_error)  # type: ignore[attr-defined]
            self.redraw(focus=bullet.uid)  # type: ignore[attr-defined]
            owners, _, _ = parse_ai_entry(value, session.config.canonical_name)
            note = unknown_owners_note(owners, names)
            if note:
                self.roster_offer = unknown_owners(owners, names)
                added = " and ".join(self.roster_offer)
                self.notify(f"{note}; saved as written. ctrl+n adds {added} to [people] roster in "  # type: ignore[attr-defined]
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

    roster_offer: list[str] = []
    """Owners of the last action item saved that are outside the roster (ctrl+n adds them)."""

    def config_path(self) -> Path:
        """The configuration file the console reads (or would create): where the roster is kept."""
        from osgtui.paths import user_config_search_path

        source = getattr(self.session.config, "source", None) if self.session is not None else None
        return source or user_config_search_path()

    def action_add_to_roster(self) -> None:
        """Add the new owners of the last action item to ``[people] roster`` in the configuration file."""
        from dataclasses import replace

        from osgtui.console.roster_file import add_to_roster
        from osgtui.errors import OsgtuiError

        session = self.session
        if session is None or not self.roster_offer:
            self.notify("no new name to add: ctrl+n follows an action item whose owner is not in the roster",  # type: ignore[attr-defined]
                        markup=False, timeout=4)
            return
        path = self.config_path()
        roster = session.config.people.roster
        try:
            for name in self.roster_offer:
                roster = add_to_roster(path, roster, name)
        except OsgtuiError as err:
            self.notify(str(err), title="Roster", severity="error", markup=False, timeout=12)  # type: ignore[attr-defined]
            return
        added = " and ".join(self.roster_offer)
        self.roster_offer = []
        session.config = replace(session.config, people=replace(session.config.people, roster=roster))
        app: Any = self.app  # type: ignore[attr-defined]
        app.config = replace(app.config, people=replace(app.config.people, roster=roster))
        self.notify(f"{added} added to [people] roster in {path}", title="Roster", markup=False, timeout=6)  # type: ignore[attr-defined]

    def carry_action(self, record: Any) -> None:
        """Bring an earlier meeting's open action item into this meeting at the cursor."""
        if self.session is None:
            return
        anchor = self.current_uid()  # type: ignore[attr-defined]
        bullet = self.perform(self.session.carry_action, record.thread, record.owners, record.text,  # type: ignore[attr-defined]
                              record.status, record.last_uid, anchor)
        if bullet is not None:
            self.redraw(focus=bullet.uid)  # type: ignore[attr-defined]
            self.notify("carried into this meeting", markup=False, timeout=2)  # type: ignore[attr-defined]

    def ask_move_to_section(self) -> None:
        """Pick a section by title (Tab completes) and move the current bullet there."""
        from textual.suggester import SuggestFromList

        from osgtui.minutes.model import Bullet, Heading

        if self.session is None or self.can_edit() is None:  # type: ignore[attr-defined]
            return
        if not self.save_edit():  # type: ignore[attr-defined]
            return
        session = self.session
        uid = self.current_uid()  # type: ignore[attr-defined]
        if uid is None or not isinstance(session.block(uid), Bullet):
            self.notify("Only bullets are moved to another section.", markup=False)  # type: ignore[attr-defined]
            return
        headings = [b for b in session.meeting.blocks if isinstance(b, Heading) and b.level > 1]
        titles = list(dict.fromkeys(h.title for h in headings))

        def submit(value: str) -> str | None:
            wanted = value.strip().casefold()
            exact = [h for h in headings if h.title.casefold() == wanted]
            match = exact or ([h for h in headings if h.title.casefold().startswith(wanted)] if wanted else [])
            if not match:
                return f"no section {value.strip()!r}; type one of the titles listed (Tab completes)"
            self.perform(session.move_to_section, uid, match[0].uid)  # type: ignore[attr-defined]
            if self.last_error is not None:  # type: ignore[attr-defined]
                return str(self.last_error)  # type: ignore[attr-defined]
            self.redraw(focus=uid)  # type: ignore[attr-defined]
            self.notify(f"moved to {match[0].title}", markup=False, timeout=2)  # type: ignore[attr-defined]
            return None

        self.ask("Move to section", submit, placeholder="section title", names=titles,
                 suggester=SuggestFromList(titles, case_sensitive=False),
                 help="Enter moves the bullet, with its nested bullets, to the end of that section (undo: u).")

    def clip(self, *, cut: bool) -> None:
        """Keep the current bullet (and its nested bullets) for P; cutting deletes it (undo: u)."""
        from osgtui.minutes.blocktree import clone_block, subtree_end
        from osgtui.minutes.model import Bullet

        if self.session is None or not self.save_edit():  # type: ignore[attr-defined]
            return
        uid = self.current_uid()  # type: ignore[attr-defined]
        blocks = self.session.meeting.blocks
        if uid is None or not isinstance(self.session.block(uid), Bullet):
            self.notify("Only bullets are cut or copied.", markup=False)  # type: ignore[attr-defined]
            return
        i = self.session.index(uid)
        self.clipboard = [clone_block(b) for b in blocks[i:subtree_end(blocks, i)] if isinstance(b, Bullet)]
        if cut:
            self.structure("delete")  # type: ignore[attr-defined]
            if self.last_error is not None:  # type: ignore[attr-defined]
                return
        count = len(self.clipboard)
        what = "1 bullet" if count == 1 else f"{count} bullets"
        self.notify(f"{'cut' if cut else 'copied'} {what}; P pastes", markup=False, timeout=2)  # type: ignore[attr-defined]

    def paste(self) -> None:
        """Paste what was cut or copied below the current bullet (at its depth)."""
        if self.session is None or self.can_edit() is None or not self.save_edit():  # type: ignore[attr-defined]
            return
        uid = self.perform(self.session.paste, getattr(self, "clipboard", []),  # type: ignore[attr-defined]
                           self.current_uid())  # type: ignore[attr-defined]
        if uid is not None:
            self.redraw(focus=uid)  # type: ignore[attr-defined]

    def ask_section(self) -> None:
        """Ask for a section title and add the heading after the current section."""

        if self.session is None or self.can_edit() is None:  # type: ignore[attr-defined]
            return
        session = self.session
        anchor = self.current_uid()  # type: ignore[attr-defined]

        def submit(value: str) -> str | None:
            level = 3 if value.startswith("### ") else 2
            heading = self.perform(session.add_section, value.lstrip("#").strip(), anchor, level)  # type: ignore[attr-defined]
            if heading is None:
                return str(self.last_error)  # type: ignore[attr-defined]
            self.redraw(focus=heading.uid)  # type: ignore[attr-defined]
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
        if self.session is None:
            return
        self.close_editor()  # type: ignore[attr-defined]
        label = self.perform(getattr(self.session, which))  # type: ignore[attr-defined]
        if label is not None:
            self.redraw()  # type: ignore[attr-defined]
            self.notify(f"{which}: {label}", markup=False, timeout=2)  # type: ignore[attr-defined]

    # -- triage, counts, attendance ----------------------------------------------------------

    def pick_triage(self, which: str) -> None:
        """Ask who is on triage duty this (``this``) or next (``next``) week."""
        from textual.suggester import SuggestFromList

        from osgtui.minutes.extract import attending, triage_duty

        if self.session is None or self.can_edit() is None:  # type: ignore[attr-defined]
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
            self.perform(session.set_triage, which, value)  # type: ignore[attr-defined]
            if self.last_error is not None:  # type: ignore[attr-defined]
                return str(self.last_error)  # type: ignore[attr-defined]
            self.redraw()  # type: ignore[attr-defined]
            return None

        source = "the rotation" if config.triage.rotation else "these names"
        self.ask(
            f"Triage duty {which} week", submit, value=current, names=names, replace_value=True,
            suggester=SuggestFromList(names, case_sensitive=False),
            help=f"Tab completes from {source}. Esc cancels.")

    def edit_count(self, group: str, label: str, *, delta_cell: bool = False) -> None:
        """Ask for a count (``12``, ``12 +3`` with its delta, ``?`` unknown) and save it by hand."""

        from osgtui.minutes.counts import format_count, format_delta

        if self.session is None or self.can_edit() is None:  # type: ignore[attr-defined]
            return
        session = self.session
        ref = session.count_ref(group, label)
        value = format_count(ref.count) + (f" {format_delta(ref.delta)}" if delta_cell else "")

        def submit(text: str) -> str | None:
            parsed = parse_count_entry(text)
            if isinstance(parsed, str):
                return parsed
            count, delta, given = parsed
            self.perform(session.set_count, group, label, count, delta=delta, delta_given=given)  # type: ignore[attr-defined]
            if self.last_error is not None:  # type: ignore[attr-defined]
                return str(self.last_error)  # type: ignore[attr-defined]
            self.redraw()  # type: ignore[attr-defined]
            return None

        where = "triage counter" if group == "triage" else group.replace("release:", "release ")
        self.ask(
            f"{label} ({where})", submit, value=value, replace_value=True,
            help="Type the number (it replaces the value shown), or ? when unknown; the delta against the "
                 "last meeting is recomputed. "
                 "Type '12 +3' to set the delta yourself. Values typed here are marked ✎ (manual).")

    def set_attendance(self, names: list[str]) -> None:
        """Save who attends."""
        if self.session is not None:
            self.perform(self.session.set_attendance, names)  # type: ignore[attr-defined]
            self.redraw()  # type: ignore[attr-defined]

    # -- panes -----------------------------------------------------------------------------

    def action_focus_pane(self, name: str) -> None:
        """Focus the outline, the document or one of the side panes."""
        if name in ("outline", "document"):
            from osgtui.screens.key_router import focus_now

            focus_now(self.query_one(f"#{name}"))  # type: ignore[attr-defined]
            return
        side = self._side()  # type: ignore[attr-defined]
        if side is not None:
            side.show_pane(name)

    def action_zoom(self) -> None:
        """Maximize the focused pane, or restore the layout."""
        screen: Any = self
        if screen.maximized is not None:
            screen.minimize()
        elif screen.focused is not None:
            screen.maximize(screen.focused)

    # -- export ----------------------------------------------------------------------------

    def action_export(self) -> None:
        """Write the Markdown (the same bytes as ``osgtui export``) to a file."""

        if self.session is None:
            return
        self.save_edit()  # type: ignore[attr-defined]
        self.save_pending()  # type: ignore[attr-defined]
        day = self.session.meeting.date
        store = self.session.store

        def submit(value: str) -> str | None:
            if not value.strip():
                return "type a file name"
            try:
                path = export_meeting(store, day, Path(value.strip()).expanduser())
            except Exception as err:  # noqa: BLE001 - OsgtuiError and friends; shown under the field
                return str(err)
            self.notify(f"wrote {path}", title="Exported", markup=False)  # type: ignore[attr-defined]
            return None

        self.ask(
            "Export the minutes", submit, value=f"./TechArea{day:%Y%m%d}.md",
            help="Writes the file atomically (same bytes as `osgtui export`). Esc cancels.")

    # -- history screens ---------------------------------------------------------------------

    def _history(self, name: str, *args: Any) -> None:
        from osgtui.screens import history

        if self.session is None:
            return
        self.close_editor()  # type: ignore[attr-defined]
        self.save_pending()  # type: ignore[attr-defined]
        screen = getattr(history, name)(self.session.store, self.session.config, *args)
        self.app.push_screen(screen, self._open_result)  # type: ignore[attr-defined]

    def _open_result(self, result: Any) -> None:
        """A hit or meeting picked in a history screen: this meeting's jumps there, another's opens read-only."""
        from osgtui.errors import OsgtuiError
        from osgtui.screens.meeting_view import MeetingViewModal

        if result is None or self.session is None:
            return
        day, uid = (result, None) if isinstance(result, date) else result
        current = self.session.meeting.date
        if day == current:
            self.app.open_meeting(day, focus=uid)  # type: ignore[attr-defined]
            return
        try:
            meeting = self.session.store.load_meeting(day)
        except OsgtuiError as err:
            self.notify(str(err), severity="error", markup=False)  # type: ignore[attr-defined]
            return

        def chosen(edit: date | None) -> None:
            if edit is not None:
                self.app.open_meeting(edit, focus=uid)  # type: ignore[attr-defined]

        self.app.push_screen(MeetingViewModal(meeting, current, uid), chosen)  # type: ignore[attr-defined]

    def action_meetings(self) -> None:
        """The list of meetings; Enter opens one."""
        self._history("MeetingListScreen")

    def action_search(self) -> None:
        """Search every meeting; Enter opens the meeting at the hit."""
        self._history("SearchScreen")

    def action_people_actions(self) -> None:
        """Open action items per person; Enter opens the meeting at the item."""
        self._history("PersonActionsScreen")

    # -- lock and reload ---------------------------------------------------------------------

    def action_reload(self) -> None:
        """Load the meeting again from the database (after a conflict, or to see another console's work)."""
        if self.session is None:
            return
        self.app.reload_session()  # type: ignore[attr-defined]

    def action_take_over(self) -> None:
        """Edit here once the other console is gone (its lock stale or released)."""
        self.app.take_over()  # type: ignore[attr-defined]

    # -- live numbers and publishing -----------------------------------------------------------

    def action_refresh_numbers(self) -> None:
        """Fetch the live counts in a worker, then apply them (one saved, undoable change)."""
        if self.session is None or self.can_edit() is None:  # type: ignore[attr-defined]
            return
        self.notify("fetching Jira, Freshdesk and GGUS counts…", timeout=3)  # type: ignore[attr-defined]
        self._fetch(self.session.config)

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh", description="Fetching counts")
    def _fetch(self, config: Any) -> None:
        """Fetch in a daemon thread; give up at once when the worker is cancelled (quit, or a new refresh).

        Textual joins its thread workers at exit (asyncio's default executor), so
        this worker must not block: it only waits for the fetch, watching for the
        cancel Textual sends every worker when the app closes.
        """
        from textual.worker import get_current_worker

        from osgtui.config import load_secrets
        from osgtui.refresh import fetch_unless_cancelled
        from osgtui.services.redact import redactor_for

        cancelled = get_current_worker().cancelled_event
        secrets = load_secrets()
        try:
            report = fetch_unless_cancelled(cancelled, config, secrets)
        except Exception as err:  # noqa: BLE001 - shown to the user; never crashes the console
            if not cancelled.is_set():
                message = redactor_for(secrets)(str(err))
                self.app.call_from_thread(self.notify, message, title="Refresh failed", severity="error", markup=False)  # type: ignore[attr-defined]
            return
        if report is not None and not cancelled.is_set():
            self.app.call_from_thread(self._apply_fetch, report)  # type: ignore[attr-defined]

    def _apply_fetch(self, report: Any) -> None:
        from osgtui.refresh import apply_fetch

        if self.session is None:
            return
        if not report.counts:
            failed = [e.message for e in report.errors]
            self.notify("; ".join(failed) if failed else "No Jira, Freshdesk or GGUS URL is configured: type the "  # type: ignore[attr-defined]
                        "counts in the Triage and Tables panes.", title="Nothing fetched",  # type: ignore[attr-defined]
                        severity="warning" if failed else "information", markup=False, timeout=10)
            return
        store = self.session.store
        result = self.perform(self.session.apply, "refresh numbers", lambda m: apply_fetch(store, m, report))  # type: ignore[attr-defined]
        if result is None:
            return
        self.redraw()  # type: ignore[attr-defined]
        summary = (f"{len(result.updated)} updated, {len(result.added)} added, "
                   f"{len(result.kept_manual)} kept as typed by hand")
        self.notify(summary, title="Numbers refreshed", markup=False)  # type: ignore[attr-defined]
        for message in result.errors:
            self.notify(message, title="Not fetched", severity="warning", markup=False, timeout=10)  # type: ignore[attr-defined]

    def action_publish(self) -> None:
        """Show what publishing would change, then commit on confirmation (git runs in a worker)."""
        from osgtui.screens.publish import PublishModal

        if self.session is None:
            return
        self.save_edit()  # type: ignore[attr-defined]
        self.save_pending()  # type: ignore[attr-defined]

        def closed(result: Any) -> None:
            if result == "pull":
                self.pull_into_meeting()

        self.app.push_screen(PublishModal(self.session.store, self.session.config, self.session.meeting.date),  # type: ignore[attr-defined]
                             closed)

    def pull_into_meeting(self) -> None:
        """Merge the edits others made to the meeting's file, section by section (git read in a worker)."""
        from osgtui.minutes.renderer import render_minutes
        from osgtui.publish import configured_repo, last_synced

        if self.session is None or self.can_edit() is None:  # type: ignore[attr-defined]
            return
        session = self.session
        settings = configured_repo(session.config)
        day = session.meeting.date
        self.notify("merging their edits…", markup=False, timeout=3)  # type: ignore[attr-defined]
        self._pull(settings, day, render_minutes(session.meeting), last_synced(session.store, day, settings))

    @work(thread=True, exclusive=True, exit_on_error=False, group="pull", description="Pulling")
    def _pull(self, settings: Any, day: date, ours: str, last: str | None) -> None:
        from osgtui.errors import OsgtuiError
        from osgtui.publish import pull

        try:
            result = pull(settings, day, ours, last)
        except OsgtuiError as err:
            self.app.call_from_thread(self.notify, str(err), title="Not pulled", severity="error",  # type: ignore[attr-defined]
                                      markup=False, timeout=10)
            return
        self.app.call_from_thread(self._pulled, settings, day, ours, result)  # type: ignore[attr-defined]

    def _pulled(self, settings: Any, day: date, ours: str, result: Any) -> None:
        """Put the merged text in the meeting (one undoable change); record the sync when nothing conflicted."""
        from osgtui.minutes.renderer import render_minutes
        from osgtui.publish import meeting_from_minutes, record_sync

        session = self.session
        if session is None or session.meeting.date != day:
            return
        if render_minutes(session.meeting) != ours:
            self.notify("the meeting changed while merging; press p and u again", markup=False)  # type: ignore[attr-defined]
            return
        if result.text != ours:
            merged = meeting_from_minutes(session.store, session.config, day, result.text)

            def change(meeting: Any) -> None:
                meeting.blocks[:] = merged.blocks
                meeting.count_meta.clear()
                meeting.count_meta.update(merged.count_meta)

            self.perform(session.apply, "pull", change)  # type: ignore[attr-defined]
            if self.last_error is not None:  # type: ignore[attr-defined]
                return
            self.redraw()  # type: ignore[attr-defined]
        if result.conflicts:
            from osgtui.screens.conflicts import ConflictsModal

            where = f"the repository's file (HEAD {result.commit[:8]})" if result.commit else "the repository's file"
            self.app.push_screen(ConflictsModal(result.conflicts, where))  # type: ignore[attr-defined]
            return
        record_sync(session.store, day, settings, result.repo_text, result.commit)
        merged_names = "; ".join(result.merged_sections) or "nothing new"
        self.notify(f"merged: {merged_names}. p publishes.", title="Pulled", markup=False, timeout=8)  # type: ignore[attr-defined]


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


def export_meeting(store: Any, day: date, path: Path) -> Path:
    """Write the stored meeting's Markdown to ``path`` atomically (what ``osgtui export -o`` writes)."""
    from osgtui.fileio import write_file
    from osgtui.minutes.renderer import render_minutes

    write_file(path, render_minutes(store.load_meeting(day)).encode("utf-8"))
    return path


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

