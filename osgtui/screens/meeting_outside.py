"""The meeting screen's commands that reach outside the open meeting: other meetings (the history screens,
opening one), the database (reload, take over), export, the live numbers, publishing and pulling.

:class:`OutsideCommands` is a layer of the meeting screen (see
:mod:`osgtui.screens.meeting_base`). Network and git work runs in thread
workers; the session (and its SQLite connection) is only touched on the UI
thread. Reloading and taking over ask the :class:`~osgtui.console.state.ConsoleState`,
which decides the read-only state; this shows the outcome.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work

from osgtui.screens.meeting_commands import MeetingCommands
from osgtui.screens.meeting_editing import ChangeFailed

if TYPE_CHECKING:
    from osgtui.config import Config, MinutesRepoConfig
    from osgtui.minutes.model import Meeting
    from osgtui.publish import PullResult
    from osgtui.services.fetch import FetchReport
    from osgtui.store.database import Store

class OutsideCommands(MeetingCommands):
    """Other meetings, reload and take over, export, the live numbers, publish and pull (a layer of the screen)."""

    # -- other meetings --------------------------------------------------------------------

    def open_meeting(self, day: date, focus: str | None = None) -> None:
        """Open another meeting (this one's last change saved and its lock given up); this one: jump to ``focus``."""
        from osgtui.errors import OsgtuiError

        if self.session.meeting.date == day:
            if focus:
                self.jump_to(focus)
            return
        self.close_editor()
        self.save_pending()
        try:
            notices = self.state.switch_to(day)
        except OsgtuiError as err:
            self.notify(str(err), severity="error", markup=False)
            return
        self.show_session(focus)
        for notice in notices:
            self.tell(notice)

    def _leave_for_history(self) -> tuple[Store, Config]:
        """Save and close the line being typed before a history screen opens; its store and configuration."""
        self.close_editor()
        self.save_pending()
        return self.session.store, self.session.config

    def _open_result(self, result: date | tuple[date, str | None] | None) -> None:
        """A hit or meeting picked in a history screen: this meeting's jumps there, another's opens read-only."""
        from osgtui.errors import OsgtuiError
        from osgtui.screens.meeting_view import MeetingViewModal

        if result is None:
            return
        day, uid = (result, None) if isinstance(result, date) else result
        current = self.session.meeting.date
        if day == current:
            self.open_meeting(day, focus=uid)
            return
        try:
            meeting = self.session.store.load_meeting(day)
        except OsgtuiError as err:
            self.notify(str(err), severity="error", markup=False)
            return

        def chosen(edit: date | None) -> None:
            if edit is not None:
                self.open_meeting(edit, focus=uid)

        self.app.push_screen(MeetingViewModal(meeting, current, uid), chosen)

    def action_meetings(self) -> None:
        """The list of meetings; Enter opens one."""
        from osgtui.screens.history import MeetingListScreen

        self.app.push_screen(MeetingListScreen(*self._leave_for_history()), self._open_result)

    def action_search(self) -> None:
        """Search every meeting; Enter opens the meeting at the hit."""
        from osgtui.screens.history import SearchScreen

        self.app.push_screen(SearchScreen(*self._leave_for_history()), self._open_result)

    def action_people_actions(self) -> None:
        """Open action items per person; Enter opens the meeting at the item."""
        from osgtui.screens.history import PersonActionsScreen

        self.app.push_screen(PersonActionsScreen(*self._leave_for_history()), self._open_result)

    # -- reload and take over ---------------------------------------------------------------

    def action_reload(self) -> None:
        """Load the meeting again from the database (after a conflict, or to see another console's work)."""
        bar = self.editbar if self.editing else None
        unsaved = (bar.uid, bar.value) if bar is not None and bar.uid is not None else None
        editable = self.state.reload()
        self.close_editor(save=False)
        self.show_banner()
        self.redraw()
        if unsaved is not None and editable:
            uid, text = unsaved
            if self.session.has(uid):
                self.start_edit(uid)
                self.editbar.value = text
            else:  # the line is gone in the latest version
                self.notify(f"Your line was not saved: {text}", severity="warning", markup=False, timeout=30)
        self.notify("Reloaded from the database.", markup=False, timeout=2)

    def action_take_over(self) -> None:
        """Edit here once the other console is gone (its lock stale or released)."""
        outcome = self.state.take_over()
        if outcome.changed:
            self.show_banner()
            self.redraw()
        self.tell(outcome.notice)

    # -- export ----------------------------------------------------------------------------

    def action_export(self) -> None:
        """Write the Markdown (the same bytes as ``osgtui export``) to a file."""
        self.save_edit()
        self.save_pending()
        day = self.session.meeting.date
        store = self.session.store

        def submit(value: str) -> str | None:
            if not value.strip():
                return "type a file name"
            try:
                path = export_meeting(store, day, Path(value.strip()).expanduser())
            except Exception as err:  # noqa: BLE001 - OsgtuiError and friends; shown under the field
                return str(err)
            self.notify(f"wrote {path}", title="Exported", markup=False)
            return None

        self.ask(
            "Export the minutes", submit, value=f"./TechArea{day:%Y%m%d}.md",
            help="Writes the file atomically (same bytes as `osgtui export`). Esc cancels.")

    # -- live numbers ------------------------------------------------------------------------

    def action_refresh_numbers(self) -> None:
        """Fetch the live counts in a worker, then apply them (one saved, undoable change)."""
        if self.can_edit() is None:
            return
        self.notify("fetching Jira, Freshdesk and GGUS counts…", timeout=3)
        self._fetch(self.session.config)

    @work(thread=True, exclusive=True, exit_on_error=False, group="refresh", description="Fetching counts")
    def _fetch(self, config: Config) -> None:
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
                self.app.call_from_thread(self.notify, message, title="Refresh failed", severity="error", markup=False)
            return
        if report is not None and not cancelled.is_set():
            self.app.call_from_thread(self._apply_fetch, report)

    def _apply_fetch(self, report: FetchReport) -> None:
        from osgtui.refresh import apply_fetch

        if not report.counts:
            failed = [e.message for e in report.errors]
            self.notify("; ".join(failed) if failed else "No Jira, Freshdesk or GGUS URL is configured: type the "
                        "counts in the Triage and Tables panes.", title="Nothing fetched",
                        severity="warning" if failed else "information", markup=False, timeout=10)
            return
        store = self.session.store
        try:
            result = self.perform(self.session.apply, "refresh numbers", lambda m: apply_fetch(store, m, report))
        except ChangeFailed:
            return  # said in a notification
        self.redraw()
        summary = (f"{len(result.updated)} updated, {len(result.added)} added, "
                   f"{len(result.kept_manual)} kept as typed by hand")
        self.notify(summary, title="Numbers refreshed", markup=False)
        for message in result.errors:
            self.notify(message, title="Not fetched", severity="warning", markup=False, timeout=10)

    # -- publishing and pulling ----------------------------------------------------------------

    def action_publish(self) -> None:
        """Show what publishing would change, then commit on confirmation (git runs in a worker)."""
        from osgtui.screens.publish import PublishModal

        self.save_edit()
        self.save_pending()

        def closed(result: bool | str | None) -> None:
            if result == "pull":
                self.pull_into_meeting()

        session = self.session
        self.app.push_screen(PublishModal(session.store, session.config, session.meeting.date), closed)

    def pull_into_meeting(self) -> None:
        """Merge the edits others made to the meeting's file, section by section (git read in a worker)."""
        from osgtui.minutes.renderer import render_minutes
        from osgtui.publish import configured_repo, last_synced

        if self.can_edit() is None:
            return
        session = self.session
        settings = configured_repo(session.config)
        day = session.meeting.date
        self.notify("merging their edits…", markup=False, timeout=3)
        self._pull(settings, day, render_minutes(session.meeting), last_synced(session.store, day, settings))

    @work(thread=True, exclusive=True, exit_on_error=False, group="pull", description="Pulling")
    def _pull(self, settings: MinutesRepoConfig, day: date, ours: str, last: str | None) -> None:
        from osgtui.errors import OsgtuiError
        from osgtui.publish import pull

        try:
            result = pull(settings, day, ours, last)
        except OsgtuiError as err:
            self.app.call_from_thread(self.notify, str(err), title="Not pulled", severity="error",
                                      markup=False, timeout=10)
            return
        self.app.call_from_thread(self._pulled, settings, day, ours, result)

    def _pulled(self, settings: MinutesRepoConfig, day: date, ours: str, result: PullResult) -> None:
        """Put the merged text in the meeting (one undoable change); record the sync when nothing conflicted."""
        from osgtui.minutes.renderer import render_minutes
        from osgtui.publish import meeting_from_minutes, record_sync

        session = self.session
        if session.meeting.date != day:
            return
        if render_minutes(session.meeting) != ours:
            self.notify("the meeting changed while merging; press p and u again", markup=False)
            return
        if result.text != ours:
            merged = meeting_from_minutes(session.store, session.config, day, result.text)

            def change(meeting: Meeting) -> None:
                meeting.blocks[:] = merged.blocks
                meeting.count_meta.clear()
                meeting.count_meta.update(merged.count_meta)

            try:
                self.perform(session.apply, "pull", change)
            except ChangeFailed:
                return  # said in a notification
            self.redraw()
        if result.conflicts:
            from osgtui.screens.conflicts import ConflictsModal

            where = f"the repository's file (HEAD {result.commit[:8]})" if result.commit else "the repository's file"
            self.app.push_screen(ConflictsModal(result.conflicts, where))
            return
        record_sync(session.store, day, settings, result.repo_text, result.commit)
        merged_names = "; ".join(result.merged_sections) or "nothing new"
        self.notify(f"merged: {merged_names}. p publishes.", title="Pulled", markup=False, timeout=8)


def export_meeting(store: Store, day: date, path: Path) -> Path:
    """Write the stored meeting's Markdown to ``path`` atomically (what ``osgtui export -o`` writes)."""
    from osgtui.fileio import write_file
    from osgtui.minutes.renderer import render_minutes

    write_file(path, render_minutes(store.load_meeting(day)).encode("utf-8"))
    return path
