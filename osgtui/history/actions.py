"""Action items across meetings: one record per item (thread), from first raised to last seen.

An item's status is the one it had when last seen, except that an item that
stopped appearing without being marked done (the next stored meeting does not
carry it) is *dropped*. ``meetings_open`` counts the meetings it appeared in
while not done.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from osgtui.history.people import canonical_name, canonical_owners
from osgtui.minutes.actions import DONE, DROPPED, IN_PROGRESS, OPEN
from osgtui.store import history_queries
from osgtui.store.migrations import NON_ASCII_OWNER_KEY

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store.database import Store

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
    latest_meeting: bool = False,
) -> list[ActionRecord]:
    """Every action item (thread) of the stored meetings, oldest first raised first.

    ``owner`` keeps the items that person owns (aliases resolved); ``open_only``
    the open and in-progress ones; ``before`` considers only the meetings
    strictly before that date (the latest of them decides what is still open);
    ``latest_meeting`` only the items of that latest meeting, whatever their
    status (what the console's action-items pane shows beside the meeting).

    Only the threads that can be in the answer are read, through indexes: with
    ``open_only`` those of the latest meeting (an item not in it is done or
    dropped), with ``owner`` those with a row that person may own
    (``action_owners``); so the cost follows the answer, not the archive.
    """
    config = config if config is not None else store.config
    cutoff = before.isoformat() if before else None
    latest = history_queries.latest_date(store, cutoff)
    if latest is None:
        return []
    if open_only or latest_meeting:
        threads: list[str] | None = history_queries.threads_of_meeting(store, latest)
    elif owner:  # a superset (a key may stand for several names): checked below
        threads = history_queries.threads_with_owner_keys(store, owner_keys(config, owner))
    else:
        threads = None
    records = _records(store, cutoff, threads)
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


def owner_keys(config: Config | None, owner: str) -> list[str]:
    """The ``action_owners.owner_key`` values a row owned by ``owner`` (aliases resolved) can have.

    A name as written belongs to ``owner`` when it is ``owner`` or one of its
    aliases, whatever the case; such names are stored lower-cased (plain
    printable ASCII) or as :data:`~osgtui.store.migrations.NON_ASCII_OWNER_KEY`,
    which is always included (those rows are checked name by name).
    """
    wanted = canonical_name(config, owner).casefold()
    names = {wanted}
    if config is not None:
        names.update(alias.strip().casefold() for alias in config.people.aliases
                     if canonical_name(config, alias).casefold() == wanted)
    keys = {name for name in names if name and all(" " <= ch <= "~" for ch in name)}
    return sorted(keys | {NON_ASCII_OWNER_KEY})


def _records(store: Store, cutoff: str | None, threads: list[str] | None) -> dict[str, ActionRecord]:
    """``{thread: record}`` of the meetings before ``cutoff``, in order of first appearance.

    Only the rows of ``threads`` are read when given (one index lookup each), else every row.
    """
    records: dict[str, ActionRecord] = {}
    for day, uid, owners, text, status, section, thread in history_queries.action_item_rows(store, cutoff, threads):
        record = records.get(thread)
        if record is None:
            when = date.fromisoformat(day)
            record = records[thread] = ActionRecord(thread, [], text, status, when, when, 0, section, uid)
        record.owners = owners
        record.text, record.status, record.section, record.last_uid = text, status, section, uid
        record.last_seen = date.fromisoformat(day)
        record.meetings_open += status != DONE
    return records
