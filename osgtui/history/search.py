"""Full-text search over every meeting (the ``search_index`` FTS5 table of migration m002).

Queries use the FTS5 syntax (words, ``"quoted phrases"``, ``prefix*``, ``AND``,
``OR``, ``NOT``, ``NEAR(...)``); hits come best first by bm25, newer meetings
first among equals.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from osgtui.errors import OsgtuiError
from osgtui.migrations import SEARCH_MEETING_STRIDE, SEARCH_POSITION_STRIDE

if TYPE_CHECKING:
    from osgtui.store import Store

@dataclass
class SearchHit:
    """One matching line: where it is, what it says, what kind of line it is, its bm25 rank.

    ``kind`` is ``action`` (an action-item bullet), ``bullet``, ``line`` or
    ``table`` (a table row); ``rank`` is bm25 (lower is better).
    """

    date: date
    section: str
    line: str
    kind: str
    rank: float
    uid: str | None = None
    """The uid of the matching block, so a screen can jump to it."""

    def to_json(self) -> dict[str, object]:
        """A JSON-ready dict."""
        return {"date": self.date.isoformat(), "section": self.section, "line": self.line,
                "kind": self.kind, "rank": round(self.rank, 4)}


def search(store: Store, query: str, limit: int = 50) -> list[SearchHit]:
    """The lines matching ``query`` (FTS5 syntax), best first, at most ``limit``.

    A malformed query raises :class:`OsgtuiError` naming it, with a hint.
    """
    if not query.strip():
        raise OsgtuiError("search query is empty; give words to look for, e.g. osgtui search xrootd")
    try:
        rows = store.conn.execute(
            """SELECT s.rowid, m.date, s.section, coalesce(s.line, s.text), s.kind, bm25(search_index) AS r,
                      (SELECT b.uid FROM blocks b WHERE b.meeting_id = s.meeting_id
                         AND b.position = (s.rowid % ?) / ?)
               FROM search_index s JOIN meetings m ON m.id = s.meeting_id
               WHERE search_index MATCH ? ORDER BY r, m.date DESC, s.rowid LIMIT ?""",
            (SEARCH_MEETING_STRIDE, SEARCH_POSITION_STRIDE, query, max(0, limit)),
        ).fetchall()
    except sqlite3.OperationalError as err:
        raise _query_error(query, str(err)) from None
    actions = _action_rowids(store, [r[0] for r in rows if r[4] == "bullet"])
    return [
        SearchHit(date.fromisoformat(day), section or "", line, "action" if rowid in actions else kind, rank, uid)
        for rowid, day, section, line, kind, rank, uid in rows
    ]


def _action_rowids(store: Store, rowids: list[int]) -> set[int]:
    """Which of these bullet entries are action items."""
    if not rowids:
        return set()
    keys = [(r // SEARCH_MEETING_STRIDE, (r % SEARCH_MEETING_STRIDE) // SEARCH_POSITION_STRIDE) for r in rowids]
    found = store.conn.execute(
        f"""SELECT b.meeting_id, b.position FROM blocks b
            JOIN action_items a ON a.meeting_id = b.meeting_id AND a.block_uid = b.uid
            WHERE (b.meeting_id, b.position) IN (VALUES {", ".join("(?, ?)" for _ in keys)})""",
        [v for key in keys for v in key],
    ).fetchall()
    return {m * SEARCH_MEETING_STRIDE + p * SEARCH_POSITION_STRIDE for m, p in found}


def _query_error(query: str, message: str) -> OsgtuiError:
    """A one-line message for an FTS5 query SQLite refused."""
    detail = message.removeprefix("fts5: ").rstrip(": ")
    return OsgtuiError(
        f"search query {query!r} is not valid FTS5 syntax ({detail}); "
        'put words with punctuation in double quotes, e.g. "3.4.31" or "osg-htc"'
    )
