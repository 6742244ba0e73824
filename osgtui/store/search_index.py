"""The SQL of full-text search: the ``search_index`` FTS5 table (migration m002) queried.

:mod:`osgtui.history.search` turns what was typed into an FTS5 query and the rows into hits;
the ranking and the reading of what is shown of each hit are here.
"""

from __future__ import annotations

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


def ranked_hits(store: Store, match: str, limit: int) -> list[IndexHit]:
    """The ``limit`` best entries matching the FTS5 query ``match``: best bm25 first, newer meetings first among equals.

    The hits are ranked from the index alone (the meeting of an entry is in its rowid); what is
    shown of them (section, line, block, whether an action item) is read for the ``limit`` best
    only. A query FTS5 refuses raises :class:`sqlite3.OperationalError`.
    """
    rows = store.conn.execute(
        """SELECT h.day, s.section, coalesce(s.line, s.text), s.kind, h.r, b.uid,
                  s.kind = 'bullet' AND EXISTS (SELECT 1 FROM action_items a
                                                WHERE a.meeting_id = b.meeting_id AND a.block_uid = b.uid)
           FROM (SELECT f.rowid AS rid, m.date AS day, bm25(search_index) AS r
                 FROM search_index f JOIN meetings m ON m.id = f.rowid / :ms
                 WHERE search_index MATCH :match ORDER BY r, m.date DESC, f.rowid LIMIT :limit) AS h
           JOIN search_index s ON s.rowid = h.rid
           LEFT JOIN blocks b ON b.meeting_id = h.rid / :ms AND b.position = (h.rid % :ms) / :ps
           ORDER BY h.r, h.day DESC, h.rid""",
        {"ms": SEARCH_MEETING_STRIDE, "ps": SEARCH_POSITION_STRIDE, "match": match, "limit": max(0, limit)},
    ).fetchall()
    return [IndexHit(day, section, line, kind, rank, uid, bool(is_action))
            for day, section, line, kind, rank, uid, is_action in rows]
