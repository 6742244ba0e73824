"""The SQL of the history across meetings: action-item threads, previous counts, linking imports.

:mod:`osgtui.history` decides what to compute (an item's status over time, a count's delta,
which item continues which); the rows it needs, and the thread links it writes, are read and
written here. Dates are ``YYYY-MM-DD`` strings where the history compares them as such.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date
from typing import TYPE_CHECKING, NamedTuple

if TYPE_CHECKING:
    from osgtui.store.database import Store


ActionItemRow = tuple[str, str, list[str], str, str, str, str]
"""An action item as one meeting stored it: (date, uid, owners as written, text, status, section path,
thread — the uid of the item it continues from, or its own). A plain tuple: a named one made
``actions --owner NAME`` (2,654 rows at 10,000 synthetic meetings) about 8 % slower."""


class StoredItem(NamedTuple):
    """An action item of one meeting, as linking compares it."""

    uid: str
    owners: list[str]
    text: str
    thread: str


# -- meetings --------------------------------------------------------------------------------

def latest_date(store: Store, before: str | None) -> str | None:
    """The date of the latest meeting strictly before ``before`` (of all meetings when None)."""
    where, params = ("WHERE date < ?", (before,)) if before else ("", ())
    row = store.conn.execute(f"SELECT max(date) FROM meetings {where}", params).fetchone()
    return row[0] if row else None


def neighbour_id(store: Store, day: date, *, after: bool) -> int | None:
    """The id of the stored meeting just after ``day`` (``after``) or just before it, or None."""
    sql = ("SELECT id FROM meetings WHERE date > ? ORDER BY date LIMIT 1" if after
           else "SELECT id FROM meetings WHERE date < ? ORDER BY date DESC LIMIT 1")
    row = store.conn.execute(sql, (day.isoformat(),)).fetchone()
    return row[0] if row else None


# -- action items ----------------------------------------------------------------------------

def threads_of_meeting(store: Store, day: str) -> list[str]:
    """The threads of the action items of the meeting on ``day``."""
    return [r[0] for r in store.conn.execute(
        """SELECT DISTINCT coalesce(a.thread, a.block_uid) FROM action_items a
           WHERE a.meeting_id = (SELECT id FROM meetings WHERE date = ?)""", (day,))]


def threads_with_owner_keys(store: Store, keys: list[str]) -> list[str]:
    """The threads with a row whose ``action_owners.owner_key`` is one of ``keys``."""
    return [r[0] for r in store.conn.execute(
        """SELECT DISTINCT coalesce(a.thread, a.block_uid) FROM action_owners o
           JOIN action_items a ON a.id = o.item_id
           WHERE o.owner_key IN (SELECT value FROM json_each(?))""", (json.dumps(keys),))]


def action_item_rows(store: Store, before: str | None, threads: list[str] | None) -> Iterator[ActionItemRow]:
    """The action items of the meetings strictly before ``before`` (all when None), oldest meeting first.

    Only the rows of ``threads`` are read when given (one index lookup each), else every row.
    """
    conditions, params = [], []
    if before:
        conditions.append("m.date < ?")
        params.append(before)
    if threads is not None:
        if not threads:
            return
        conditions.append("coalesce(a.thread, a.block_uid) IN (SELECT value FROM json_each(?))")
        params.append(json.dumps(threads))
    where = f"WHERE {' AND '.join(conditions)}" if conditions else ""
    for day, uid, owners, text, status, section, thread in store.conn.execute(
        f"""SELECT m.date, a.block_uid, a.owners, a.text, a.status, a.section_path,
                   coalesce(a.thread, a.block_uid)
            FROM action_items a JOIN meetings m ON m.id = a.meeting_id {where}
            ORDER BY m.date, a.position""",
        params,
    ):
        yield day, uid, json.loads(owners), text, status, section, thread


def stored_items(store: Store, meeting_id: int) -> list[StoredItem]:
    """The action items of the meeting ``meeting_id``, in order."""
    return [StoredItem(uid, json.loads(owners), text, thread) for uid, owners, text, thread in store.conn.execute(
        """SELECT block_uid, owners, text, coalesce(thread, block_uid) FROM action_items
           WHERE meeting_id = ? ORDER BY position""",
        (meeting_id,),
    )]


def set_item_link(store: Store, meeting_id: int, uid: str, thread: str, continues: str | None) -> None:
    """Set the thread of item ``uid`` of meeting ``meeting_id`` and the uid it continues (its bullet too).

    Joins the current transaction (committed by the save that follows).
    """
    for table, uid_col in (("blocks", "uid"), ("action_items", "block_uid")):
        store.conn.execute(
            f"UPDATE {table} SET thread = ?, continues = ? WHERE meeting_id = ? AND {uid_col} = ?",
            (thread, continues, meeting_id, uid),
        )


def rename_threads_after(store: Store, meeting_id: int, renamed: dict[str, str]) -> None:
    """In the meetings after meeting ``meeting_id``, rename each thread ``old`` to ``renamed[old]``.

    Joins the current transaction (committed by the save that follows).
    """
    if not renamed:
        return
    cases = " ".join("WHEN ? THEN ?" for _ in renamed)
    marks = ", ".join("?" for _ in renamed)
    params = [v for pair in renamed.items() for v in pair] + list(renamed)
    for table in ("blocks", "action_items"):
        store.conn.execute(
            f"""UPDATE {table} SET thread = CASE thread {cases} END
                WHERE thread IN ({marks}) AND meeting_id IN (
                    SELECT id FROM meetings WHERE date > (SELECT date FROM meetings WHERE id = ?))""",
            params + [meeting_id],
        )


# -- counts ----------------------------------------------------------------------------------

def meeting_counts(store: Store, meeting_id: int) -> list[tuple[str, str, int | None]]:
    """(group, label, count) of every count of meeting ``meeting_id``, in order (None: unknown)."""
    return [(group, label, count) for group, label, count in store.conn.execute(
        "SELECT grp, label, count FROM counts WHERE meeting_id = ? ORDER BY position", (meeting_id,))]


def latest_known_count(store: Store, group: str, label: str, before: date) -> int | None:
    """The latest known count of ``(group, label)`` (exactly so written) in a meeting before ``before``."""
    row = store.conn.execute(
        """SELECT c.count FROM counts c JOIN meetings m ON m.id = c.meeting_id
           WHERE c.grp = ? AND c.label = ? AND c.count IS NOT NULL AND m.date < ?
           ORDER BY m.date DESC LIMIT 1""",
        (group, label, before.isoformat()),
    ).fetchone()
    return row[0] if row else None
