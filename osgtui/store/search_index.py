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


RANK_WINDOW = 2000
"""bm25 ranks at most this many matching entries: those of the meetings stored last (see :func:`ranked_hits`)."""

_RANKED_SQL = """
    SELECT w.rowid, m.date, w.r
    FROM (SELECT rowid, bm25(search_index) AS r FROM search_index
          WHERE search_index MATCH :match ORDER BY rowid DESC LIMIT :window) AS w
    JOIN meetings m ON m.id = w.rowid / :ms
    ORDER BY w.r, m.date DESC, w.rowid LIMIT :limit"""
"""The ``limit`` best of the ``window`` newest matching entries: rowid, meeting date, bm25; from the index
alone (the meeting is in the rowid)."""

_COUNT_SQL = "SELECT count(*) FROM search_index WHERE search_index MATCH :match"

_SHOWN_SQL = """
    SELECT s.rowid, s.section, coalesce(s.line, s.text), s.kind, b.uid,
           s.kind = 'bullet' AND EXISTS (SELECT 1 FROM action_items a
                                         WHERE a.meeting_id = b.meeting_id AND a.block_uid = b.uid)
    FROM json_each(:rowids) AS h
    JOIN search_index s ON s.rowid = h.value
    LEFT JOIN blocks b ON b.meeting_id = h.value / :ms AND b.position = (h.value % :ms) / :ps"""
"""What is shown of the entries ``rowids`` (a JSON array): section, line, kind, block uid, whether an action item."""


def ranked_hits(store: Store, match: str, limit: int, window: int = RANK_WINDOW) -> list[IndexHit]:
    """The ``limit`` best entries matching the FTS5 query ``match``: best bm25 first, newer meetings first among equals.

    bm25 ranks the ``window`` matching entries of the meetings stored last (every match when
    fewer match: all but the commonest words). FTS5 walks the index newest first and stops
    there, so a word in nearly every meeting of a large archive costs what ``window`` lines
    cost, not what all its lines would (scoring every one is about 1 µs a line: 27,700 lines
    of ``xrootd`` at 10,000 meetings took 20–26 ms), and its best hits are recent ones, which
    is what the note-taker looks for. Meetings are stored oldest first by an import, so the
    rowid order is the date order but for a meeting imported after newer ones.

    Two statements on one snapshot of the database (a savepoint): the ranking reads the index
    alone; what is shown of a hit (section, line, block, whether an action item) is read for
    the ``limit`` best only, by rowid. A query FTS5 refuses raises :class:`sqlite3.OperationalError`.
    """
    strides = {"ms": SEARCH_MEETING_STRIDE, "ps": SEARCH_POSITION_STRIDE}
    with store.savepoint():
        ranked = store.conn.execute(_RANKED_SQL, {**strides, "match": match, "limit": max(0, limit),
                                                  "window": max(limit, window)}).fetchall()
        if not ranked:
            return []
        rowids = json.dumps([rowid for rowid, _day, _rank in ranked])
        shown = {row[0]: row[1:] for row in store.conn.execute(_SHOWN_SQL, {**strides, "rowids": rowids})}
    return [IndexHit(day, section, line, kind, rank, uid, bool(is_action))
            for rowid, day, rank in ranked
            for section, line, kind, uid, is_action in (shown[rowid],)]


def count_matches(store: Store, match: str) -> int:
    """How many entries match the FTS5 query ``match`` (no ranking: a few ms for the commonest words)."""
    return int(store.conn.execute(_COUNT_SQL, {"match": match}).fetchone()[0])
