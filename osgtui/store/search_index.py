"""The SQL of full-text search: the ``search_index`` FTS5 table (migration m002) queried.

:mod:`osgtui.history.search` turns what was typed into an FTS5 query and the rows into hits;
the ranking and the reading of what is shown of each hit are here.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, NamedTuple

from osgtui.store.migrations import SEARCH_MEETING_STRIDE, SEARCH_POSITION_STRIDE

if TYPE_CHECKING:
    from osgtui.store.database import Store


class IndexHit(NamedTuple):
    """A matching entry of the search index and what is shown of it."""

    date: str
    """The meeting's date, ``YYYY-MM-DD``."""
    section: str | None
    line: str
    """The line as written (a table row with its numbers)."""
    kind: str
    """``bullet``, ``line`` or ``table`` (a table row)."""
    rank: float
    """bm25 (lower is better)."""
    uid: str | None
    """The uid of the matching block."""
    is_action: bool
    """Whether the block is an action-item bullet."""


_RANKED_SQL = """
    SELECT f.rowid, m.date, bm25(search_index) AS r
    FROM search_index f JOIN meetings m ON m.id = f.rowid / :ms
    WHERE search_index MATCH :match ORDER BY r, m.date DESC, f.rowid LIMIT :limit"""
"""The ``limit`` best entries: rowid, meeting date, bm25; from the index alone (the meeting is in the rowid)."""

_SHOWN_SQL = """
    SELECT s.rowid, s.section, coalesce(s.line, s.text), s.kind, b.uid,
           s.kind = 'bullet' AND EXISTS (SELECT 1 FROM action_items a
                                         WHERE a.meeting_id = b.meeting_id AND a.block_uid = b.uid)
    FROM json_each(:rowids) AS h
    JOIN search_index s ON s.rowid = h.value
    LEFT JOIN blocks b ON b.meeting_id = h.value / :ms AND b.position = (h.value % :ms) / :ps"""
"""What is shown of the entries ``rowids`` (a JSON array): section, line, kind, block uid, whether an action item."""


def ranked_hits(store: Store, match: str, limit: int) -> list[IndexHit]:
    """The ``limit`` best entries matching the FTS5 query ``match``: best bm25 first, newer meetings first among equals.

    Two statements on one snapshot of the database (a savepoint): the ranking reads the index
    alone, over every matching entry (bm25 needs them all); what is shown of a hit (section,
    line, block, whether an action item) is read for the ``limit`` best only, by rowid. A query
    FTS5 refuses raises :class:`sqlite3.OperationalError`.
    """
    strides = {"ms": SEARCH_MEETING_STRIDE, "ps": SEARCH_POSITION_STRIDE}
    with store.savepoint():
        ranked = store.conn.execute(_RANKED_SQL, {**strides, "match": match, "limit": max(0, limit)}).fetchall()
        if not ranked:
            return []
        rowids = json.dumps([rowid for rowid, _day, _rank in ranked])
        shown = {row[0]: row[1:] for row in store.conn.execute(_SHOWN_SQL, {**strides, "rowids": rowids})}
    return [IndexHit(day, section, line, kind, rank, uid, bool(is_action))
            for rowid, day, rank in ranked
            for section, line, kind, uid, is_action in (shown[rowid],)]
