"""Publishing and pulling a stored meeting: the steps ``osgtui publish``/``pull`` and the console share.

The rest of :mod:`osgtui.publish` works on text; this module joins it to the
database: which repository the configuration names (:func:`configured_repo`), what
osgtui and the repository last agreed on (:func:`last_synced`, :func:`record_sync`),
the merged text turned back into a meeting (:func:`meeting_from_minutes`), and the
whole commands (:func:`publish_meeting`, :func:`pull_meeting`). Nothing here prints;
the CLI and the console report the results. No Textual here.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from osgtui.publish import git
from osgtui.publish.publisher import PublishResult, minutes_filename, minutes_relpath, publish
from osgtui.publish.pull import PullResult, pull, read_repo_minutes

if TYPE_CHECKING:
    from osgtui.config import Config, MinutesRepoConfig
    from osgtui.minutes.model import Meeting
    from osgtui.store.database import Store


def configured_repo(config: Config) -> MinutesRepoConfig:
    """``[minutes_repo]`` with its path made absolute (relative to the configuration file); '' when unset."""
    resolved = config.minutes_repo_path
    return replace(config.minutes_repo, path=str(resolved.absolute()) if resolved is not None else "")


def last_synced(store: Store, day: date, settings: MinutesRepoConfig) -> str | None:
    """What osgtui last published (or pulled cleanly) for ``day`` to this repository and file."""
    publication = store.get_publication(day)
    if publication is None:
        return None
    same_repo = Path(publication.repo_path).resolve() == Path(settings.path).resolve()
    return publication.text if same_repo and publication.file_path == minutes_relpath(settings, day) else None


def record_sync(store: Store, day: date, settings: MinutesRepoConfig, text: str, commit: str | None) -> None:
    """Remember ``text`` as what the repository and osgtui last agreed on for ``day``.

    A database failure is a one-line :class:`~osgtui.errors.DatabaseUnavailable`.
    """
    from osgtui.store.database import unavailable

    try:
        store.record_publication(day, settings.path, minutes_relpath(settings, day), text, commit)
    except sqlite3.Error as err:
        raise unavailable(store.path, f"cannot record the {day.isoformat()} minutes as published", err) from None


def meeting_from_minutes(
    store: Store, config: Config | None, day: date, text: str, *, replacing: Meeting | None = None
) -> Meeting:
    """The minutes ``text`` (the repository's file or a merge) as meeting ``day``, linked to its history.

    Parsed under the archive's file name and prepared as an import is (deltas,
    action-item identity), ready to save or to put into the console's meeting. With
    ``replacing`` (the stored meeting it replaces) it keeps that meeting's source name
    and version, so saving it is refused if another console saved the meeting meanwhile.
    """
    from osgtui.history.importer import prepare_import
    from osgtui.minutes.parser import parse_minutes

    meeting = parse_minutes(text, filename=minutes_filename(day))
    if replacing is not None:
        meeting.source_name = replacing.source_name or meeting.source_name
        meeting.version = replacing.version
    prepare_import(store, meeting, config)
    return meeting


def publish_meeting(
    store: Store,
    settings: MinutesRepoConfig,
    day: date,
    *,
    force: bool = False,
    push: bool | None = None,
    allow_pending: bool = False,
    anyway: str = "publish them as they are",
) -> PublishResult:
    """Publish the stored meeting of ``day`` to the repository of ``settings`` and record it.

    Refused (:class:`~osgtui.publish.pending.PendingCountsError`, ``anyway`` saying how to
    publish regardless) while counts are pending unless ``allow_pending``, and before the
    repository is touched when the database takes no write. The record is made right
    after the commit (a commit whose record fails is undone); ``force`` and ``push`` are
    :func:`~osgtui.publish.publish`'s, as are its errors.
    """
    from osgtui.minutes.renderer import render_minutes
    from osgtui.publish.pending import check_no_pending

    meeting = store.load_meeting(day)
    if not allow_pending:
        check_no_pending(meeting, anyway)
    markdown = render_minutes(meeting)
    store.check_writable(f"cannot publish {day.isoformat()} (nothing was committed)")
    return publish(
        settings,
        day,
        markdown,
        last_synced(store, day, settings),
        force=force,
        push=push,
        record=lambda head: record_sync(store, day, settings, markdown, head),
    )


@dataclass(frozen=True)
class MeetingPull:
    """What :func:`pull_meeting` did to the stored meeting.

    ``imported_from`` is the repository's file when the meeting was not stored and was
    imported whole (and recorded as in sync); otherwise ``result`` is the merge, already
    saved when it changed the meeting, and ``stored_differs`` says the saved meeting
    renders differently from the merged text.
    """

    imported_from: Path | None = None
    result: PullResult | None = None
    stored_differs: bool = False


def pull_meeting(
    store: Store, config: Config | None, settings: MinutesRepoConfig, day: date, *, prefer_theirs: bool = False
) -> MeetingPull:
    """Merge the repository's file of meeting ``day`` into the stored meeting and save it.

    Refused first when the database takes no write. A meeting not yet stored is
    imported whole and recorded. Otherwise the merge (:func:`~osgtui.publish.pull`,
    ``prefer_theirs`` for conflicting sections) is saved when it changes the meeting;
    the caller reports the conflicts, then records the sync with :func:`record_sync`
    (``result.repo_text``, ``result.commit``) when none is left unresolved.
    """
    from osgtui.minutes.renderer import render_minutes

    store.check_writable(f"cannot pull {day.isoformat()}")
    if not store.has_meeting(day):
        file, theirs = read_repo_minutes(settings, day)
        store.save_meeting(meeting_from_minutes(store, config, day, theirs))
        record_sync(store, day, settings, theirs, git.head_commit(file.parent))
        return MeetingPull(imported_from=file)
    current = store.load_meeting(day)
    ours = render_minutes(current)
    result = pull(settings, day, ours, last_synced(store, day, settings), prefer_theirs=prefer_theirs)
    if result.text == ours:
        return MeetingPull(result=result)
    merged = meeting_from_minutes(store, config, day, result.text, replacing=current)
    store.save_meeting(merged)  # refused if another console saved the meeting meanwhile
    return MeetingPull(result=result, stored_differs=render_minutes(merged) != result.text)
