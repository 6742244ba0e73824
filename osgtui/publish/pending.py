"""Pending numbers: counts still written ``?`` are not published by mistake.

A draft starts with every count ``?`` until ``refresh`` or the note-taker fills it
in. :func:`pending_counts` names them; :func:`check_no_pending` refuses to publish
while any remain (the CLI's ``--allow-pending`` and the console's "publish anyway"
key skip it).
"""

from __future__ import annotations

from datetime import date

from osgtui.errors import PublishError
from osgtui.minutes.counts import count_name, find_counts
from osgtui.minutes.model import Meeting


class PendingCountsError(PublishError):
    """The meeting still has counts written ``?``; ``names`` lists them."""

    def __init__(self, message: str, names: list[str]) -> None:
        super().__init__(message)
        self.names = names


def pending_counts(meeting: Meeting) -> list[str]:
    """The names of the meeting's counts still written ``?``, in document order."""
    return [count_name(ref) for ref in find_counts(meeting) if ref.count is None]


def pending_message(day: date, names: list[str], anyway: str) -> str:
    """One line naming the pending counts and what to do; ``anyway`` says how to publish regardless."""
    shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
    plural = "count is" if len(names) == 1 else "counts are"
    return (
        f"{len(names)} {plural} still pending (?) in {day.isoformat()}: {shown}; "
        f"fill them in or run `osgtui refresh {day.isoformat()}`, or {anyway}"
    )


def check_no_pending(meeting: Meeting, anyway: str) -> None:
    """Raise :class:`PendingCountsError` when the meeting has pending counts."""
    names = pending_counts(meeting)
    if names:
        raise PendingCountsError(pending_message(meeting.date, names, anyway), names)
