"""Importing minutes files into the store: read, check, save in date order.

Reading is bounded: only regular files are read (a FIFO, device, socket or directory is
refused, never opened for reading), each at most ``max_bytes`` (``[import] max_file_mb``),
and the parser runs in linear time on any line. A long import reports its progress
through ``progress(done, total)`` callbacks (the CLI prints a line every two seconds).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from osgtui.errors import OsgtuiError
from osgtui.model import Meeting
from osgtui.parser import parse_file

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store import Store

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


def import_meetings(
    store: Store,
    meetings: list[Meeting],
    *,
    replace: bool = False,
    config: Config | None = None,
    progress: Progress | None = None,
) -> ImportResult:
    """Save meetings oldest first, each in its own transaction.

    A date already stored (or given twice) is refused unless ``replace``. A database
    failure (read-only, disk full, locked) is that meeting's failure, one line.
    """
    result = ImportResult()
    seen: dict[str, str] = {}
    ordered = sorted(meetings, key=lambda m: m.date)
    for done, meeting in enumerate(ordered, start=1):
        error = _import_one(store, meeting, seen, replace, config)
        name = meeting.source_name or meeting.date.isoformat()
        if error is None:
            seen[meeting.date.isoformat()] = name
            result.imported.append(meeting)
        else:
            result.failures.append((name, error))
        if progress is not None:
            progress(done, len(ordered))
    return result


def _import_one(store: Store, meeting: Meeting, seen: dict[str, str], replace: bool, config: Config | None) -> str | None:
    """Link and save one meeting; the one-line reason it was refused, or None when saved."""
    from osgtui.store import unavailable

    day = meeting.date.isoformat()
    name = meeting.source_name or day
    if day in seen and not replace:
        return f"{name}: meeting {day} is also in {seen[day]}; import one of them"
    if store.has_meeting(meeting.date) and not replace and day not in seen:
        return f"{name}: a meeting on {day} is already in the database; use --replace to overwrite it"
    try:
        prepare_import(store, meeting, config)
        store.save_meeting(meeting, replace=True)
    except sqlite3.Error as err:  # linking writes outside save_meeting's own error handling
        if store.conn.in_transaction:
            store.conn.rollback()
        return f"{name}: {unavailable(store.path, f'cannot save meeting {day}', err)}"
    except OsgtuiError as err:
        return f"{name}: {err}"
    return None


def prepare_import(store: Store, meeting: Meeting, config: Config | None) -> None:
    """Link the meeting to its history before it is saved (deltas, action-item identity)."""
    from osgtui.history import link_imported

    link_imported(store, meeting, config)
