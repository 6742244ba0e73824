"""Action items across meetings: one record per item (thread), from first raised to last seen.

An item's status is the one it had when last seen, except that an item that
stopped appearing without being marked done (the next stored meeting does not
carry it) is *dropped*. ``meetings_open`` counts the meetings it appeared in
while not done.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from osgtui.actions import DONE, DROPPED, IN_PROGRESS, OPEN
from osgtui.history.people import canonical_name, canonical_owners

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store import Store

OPEN_STATUSES = (OPEN, IN_PROGRESS)


@dataclass
class ActionRecord:
    """One action item over the meetings it appeared in."""

    thread: str
    owners: list[str]
    text: str
    status: str
    first_raised: date
    last_seen: date
    meetings_open: int
    section: str
    last_uid: str

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict (dates as ``YYYY-MM-DD``)."""
        return {
            "thread": self.thread,
            "owners": self.owners,
            "text": self.text,
            "status": self.status,
            "first_raised": self.first_raised.isoformat(),
            "last_seen": self.last_seen.isoformat(),
            "meetings_open": self.meetings_open,
            "section": self.section,
        }


def action_history(
    store: Store,
    config: Config | None,
    *,
    owner: str | None = None,
    open_only: bool = False,
    before: date | None = None,
) -> list[ActionRecord]:
    """Every action item (thread) of the stored meetings, oldest first raised first.

    ``owner`` keeps the items that person owns (aliases resolved); ``open_only``
    the open and in-progress ones; ``before`` considers only the meetings
    strictly before that date (the latest of them decides what is still open).
    """
    config = config if config is not None else store.config
    where, params = ("WHERE m.date < ?", (before.isoformat(),)) if before else ("", ())
    latest_row = store.conn.execute(f"SELECT max(m.date) FROM meetings m {where}", params).fetchone()
    if not latest_row or latest_row[0] is None:
        return []
    latest = latest_row[0]
    records: dict[str, ActionRecord] = {}
    for day, uid, owners, text, status, section, thread in store.conn.execute(
        f"""SELECT m.date, a.block_uid, a.owners, a.text, a.status, a.section_path,
                   coalesce(a.thread, a.block_uid)
            FROM action_items a JOIN meetings m ON m.id = a.meeting_id {where}
            ORDER BY m.date, a.position""",
        params,
    ):
        record = records.get(thread)
        if record is None:
            when = date.fromisoformat(day)
            record = records[thread] = ActionRecord(thread, [], text, status, when, when, 0, section, uid)
        record.owners = json.loads(owners)
        record.text, record.status, record.section, record.last_uid = text, status, section, uid
        record.last_seen = date.fromisoformat(day)
        record.meetings_open += status != DONE
    wanted = canonical_name(config, owner).casefold() if owner else None
    out = []
    for record in records.values():  # in order of first appearance: oldest first raised first
        if record.status in OPEN_STATUSES and record.last_seen.isoformat() != latest:
            record.status = DROPPED
        record.owners = canonical_owners(config, record.owners)
        if open_only and record.status not in OPEN_STATUSES:
            continue
        if wanted is not None and wanted not in (o.casefold() for o in record.owners):
            continue
        out.append(record)
    return out

