"""Importing minutes files into the store: read, check, save in date order."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from osgtui.errors import OsgtuiError
from osgtui.model import Meeting
from osgtui.parser import parse_file

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store import Store


@dataclass
class ImportResult:
    """Meetings saved, and (file name, message) for each one refused."""

    imported: list[Meeting] = field(default_factory=list)
    failures: list[tuple[str, str]] = field(default_factory=list)


def read_files(paths: list[str]) -> tuple[list[Meeting], list[tuple[str, str]]]:
    """Parse every file; return the meetings and (file, message) for each bad file."""
    meetings: list[Meeting] = []
    failures: list[tuple[str, str]] = []
    for path in paths:
        try:
            meetings.append(parse_file(path))
        except OsgtuiError as err:
            failures.append((path, str(err)))
    return meetings, failures


def import_meetings(
    store: Store, meetings: list[Meeting], *, replace: bool = False, config: Config | None = None
) -> ImportResult:
    """Save meetings oldest first, each in its own transaction.

    A date already stored (or given twice) is refused unless ``replace``.
    """
    result = ImportResult()
    seen: dict[str, str] = {}
    for meeting in sorted(meetings, key=lambda m: m.date):
        day = meeting.date.isoformat()
        name = meeting.source_name or day
        if day in seen and not replace:
            result.failures.append((name, f"{name}: meeting {day} is also in {seen[day]}; import one of them"))
            continue
        if store.has_meeting(meeting.date) and not replace and day not in seen:
            result.failures.append(
                (name, f"{name}: a meeting on {day} is already in the database; use --replace to overwrite it")
            )
            continue
        prepare_import(store, meeting, config)
        try:
            store.save_meeting(meeting, replace=True)
        except OsgtuiError as err:
            result.failures.append((name, f"{name}: {err}"))
            continue
        seen[day] = name
        result.imported.append(meeting)
    return result


def prepare_import(store: Store, meeting: Meeting, config: Config | None) -> None:
    """Link the meeting to its history before it is saved (deltas, action-item identity)."""
    from osgtui.history import link_imported

    link_imported(store, meeting, config)
