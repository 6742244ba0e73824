"""Importing minutes files into the store: read, check, save in date order.

Reading is bounded: only regular files are read (a FIFO, device, socket or directory is
refused, never opened for reading), each at most ``max_bytes`` (``[import] max_file_mb``),
and the parser runs in linear time on any line. A long import reports its progress
through ``progress(done, total)`` callbacks (the CLI prints a line every two seconds).
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from osgtui.errors import OsgtuiError
from osgtui.minutes.model import Bullet, Line, Meeting
from osgtui.minutes.parser import parse_file

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.minutes.extract import Structure
    from osgtui.store.database import Store

Progress = Callable[[int, int], None]
"""Called as ``progress(done, total)`` after each file read or meeting saved."""


@dataclass
class ImportResult:
    """Meetings saved, and (file name, message) for each one refused."""

    imported: list[Meeting] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class ReadResult:
    """The meetings read, (file, message) for each bad file, and one-line warnings (dates chosen)."""

    meetings: list[Meeting] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def read_minutes_files(
    paths: list[str], *, max_bytes: int | None = None, progress: Progress | None = None
) -> ReadResult:
    """Parse every file (each at most ``max_bytes``); a bad file is a failure, the others are still read."""
    result = ReadResult()
    for done, path in enumerate(paths, start=1):
        try:
            result.meetings.append(parse_file(path, max_bytes=max_bytes, warnings=result.warnings))
        except OsgtuiError as err:
            result.failures.append((path, str(err)))
        if progress is not None:
            progress(done, len(paths))
    return result


def read_files(paths: list[str], *, max_bytes: int | None = None) -> tuple[list[Meeting], list[tuple[str, str]]]:
    """Parse every file; return the meetings and (file, message) for each bad file."""
    result = read_minutes_files(paths, max_bytes=max_bytes)
    return result.meetings, result.failures


BATCH_SECONDS = 0.25
"""How long one batch of an import holds the write lock at most (then it commits; a console waits less)."""
BATCH_MEETINGS = 200
"""At most this many meetings in one batch."""


def import_meetings(
    store: Store,
    meetings: list[Meeting],
    *,
    replace: bool = False,
    config: Config | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Save meetings oldest first, in batches of one transaction each (one savepoint a meeting).

    A date already stored (or given twice) is refused unless ``replace``. A database
    failure (read-only, disk full, locked) is that meeting's failure, one line: a
    batch in which anything fails is rolled back and its meetings saved one by one,
    each in its own transaction, so the others are still saved.
    """
    result = ImportResult()
    seen: dict[str, str] = {}
    ordered = sorted(meetings, key=lambda m: m.date)
    start = 0
    while start < len(ordered):
        end = _save_batch(store, ordered, start, seen, replace, config, result)
        if end is None:  # something failed: this batch's meetings one by one, as they were
            end = min(len(ordered), start + BATCH_MEETINGS)
            for meeting in ordered[start:end]:
                _record(result, seen, meeting, _import_one(store, meeting, seen, replace, config))
        if progress is not None:
            for done in range(start + 1, end + 1):
                progress(done, len(ordered))
        start = end
    return result


def _record(result: ImportResult, seen: dict[str, str], meeting: Meeting, error: str | None) -> None:
    """Note a meeting saved (``error`` None) or refused."""
    name = meeting.source_name or meeting.date.isoformat()
    if error is None:
        seen[meeting.date.isoformat()] = name
        result.imported.append(meeting)
    else:
        result.failures.append((name, error))


def _save_batch(store: Store, ordered: list[Meeting], start: int, seen: dict[str, str], replace: bool,
                config: Config | None, result: ImportResult) -> int | None:
    """Save meetings from ``start`` in one transaction for at most :data:`BATCH_SECONDS`; one past the last.

    None (nothing saved, the meetings as they were) when any of them failed,
    the database refused the batch or is read-only.
    """
    from osgtui.minutes.extract import structure

    if store.read_only_reason is not None or store.in_transaction:
        return None
    states = []
    done: list[tuple[Meeting, str | None]] = []
    batch_seen = dict(seen)
    began = time.monotonic()
    end = start
    try:
        with store.batch():
            while end < len(ordered) and end - start < BATCH_MEETINGS:
                if end > start and time.monotonic() - began >= BATCH_SECONDS:
                    break
                meeting = ordered[end]
                states.append(_state(meeting))
                refused = _refusal(store, meeting, batch_seen, replace)
                if refused is None:
                    derived = structure(meeting)  # once, for linking and saving
                    with store.savepoint():
                        prepare_import(store, meeting, config, derived)
                        store.save_meeting(meeting, replace=True, derived=derived)
                    batch_seen[meeting.date.isoformat()] = meeting.source_name or meeting.date.isoformat()
                done.append((meeting, refused))
                end += 1
    except (sqlite3.Error, OsgtuiError):
        for meeting, state in zip(ordered[start:], states):
            _restore(meeting, state)
        return None
    for meeting, refused in done:
        _record(result, seen, meeting, refused)
    return end


_State = tuple[int, dict[Any, Any], list[tuple[Any, Any]]]


def _state(meeting: Meeting) -> _State:
    """What linking and saving change in a meeting: version, count metadata, each block's thread links."""
    links = [(getattr(b, "thread", None), getattr(b, "continues", None)) for b in meeting.blocks]
    return meeting.version, dict(meeting.count_meta), links


def _restore(meeting: Meeting, state: _State) -> None:
    """Put back what :func:`_state` recorded (a batch rolled back)."""
    meeting.version, meta, links = state
    meeting.count_meta.clear()
    meeting.count_meta.update(meta)
    for block, (thread, continues) in zip(meeting.blocks, links):
        if isinstance(block, (Bullet, Line)):
            block.thread, block.continues = thread, continues


def _refusal(store: Store, meeting: Meeting, seen: dict[str, str], replace: bool) -> str | None:
    """Why the meeting is not imported before anything is written (a date given twice or stored), or None."""
    day = meeting.date.isoformat()
    name = meeting.source_name or day
    if day in seen and not replace:
        return f"{name}: meeting {day} is also in {seen[day]}; import one of them"
    if store.has_meeting(meeting.date) and not replace and day not in seen:
        return f"{name}: a meeting on {day} is already in the database; use --replace to overwrite it"
    return None


def _import_one(store: Store, meeting: Meeting, seen: dict[str, str], replace: bool, config: Config | None) -> str | None:
    """Link and save one meeting in its own transaction; the one-line reason it was refused, or None when saved."""
    from osgtui.store.database import unavailable

    day = meeting.date.isoformat()
    name = meeting.source_name or day
    refused = _refusal(store, meeting, seen, replace)
    if refused is not None:
        return refused
    try:
        prepare_import(store, meeting, config)
        store.save_meeting(meeting, replace=True)
    except sqlite3.Error as err:  # linking writes outside save_meeting's own error handling
        if store.in_transaction:
            store.rollback()
        return f"{name}: {unavailable(store.path, f'cannot save meeting {day}', err)}"
    except OsgtuiError as err:
        return f"{name}: {err}"
    return None


def prepare_import(store: Store, meeting: Meeting, config: Config | None, derived: Structure | None = None) -> None:
    """Link the meeting to its history before it is saved (deltas, action-item identity).

    ``derived`` is the meeting's :func:`~osgtui.minutes.extract.structure`, when the caller has it.
    """
    from osgtui.history import link_imported

    link_imported(store, meeting, config, derived)
