"""Full-text search over every meeting (the ``search_index`` FTS5 table of migration m002).

A query is what people type: words, each of which must match, with hyphens,
dots and apostrophes inside them (``HTCondor-CE``, ``3.4.31``,
``SOFTWARE-3642``, ``Let's Encrypt``) and ``prefix*``; :func:`fts_query` makes
each word an FTS5 phrase. A query that uses FTS5's own syntax (``"quoted
phrases"``, ``AND``, ``OR``, ``NOT``, ``NEAR(...)``, parentheses) is passed as
it is. Hits come best first by bm25, newer meetings first among equals; a word
that matches more than :data:`RANK_WINDOW` lines is ranked among the lines of the
meetings stored last (see :func:`osgtui.store.search_index.ranked_hits`).
"""

from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from osgtui.errors import OsgtuiError
from osgtui.store import search_index

if TYPE_CHECKING:
    from osgtui.store.database import Store

RANK_WINDOW = search_index.RANK_WINDOW
"""At most this many matching lines, the newest, are ranked."""

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


_FTS_SYNTAX_RE = re.compile(r'["()]|\bNEAR\(|(?:^|\s)(?:AND|OR|NOT)(?=\s|$)')


def fts_query(text: str) -> str:
    """The FTS5 query for what was typed: each word a phrase (``3.4.31`` → ``"3.4.31"``), all required.

    ``word*`` stays a prefix search; a query using FTS5 syntax (quotes,
    parentheses, upper-case ``AND`` / ``OR`` / ``NOT``, ``NEAR(``) is returned
    unchanged. Raises :class:`OsgtuiError` when nothing in it can match.
    """
    if _FTS_SYNTAX_RE.search(text):
        return text
    terms = []
    for word in text.split():
        prefix = word.endswith("*")
        core = word.rstrip("*")
        if any(ch.isalnum() for ch in core):
            terms.append('"' + core.replace('"', '""') + '"' + ("*" if prefix else ""))
    if not terms:
        raise OsgtuiError(f"search query {text!r} has no letters or digits to look for; give words, e.g. xrootd")
    return " ".join(terms)


def search(store: Store, query: str, limit: int = 50) -> list[SearchHit]:
    """The lines matching ``query`` (see :func:`fts_query`), best first, at most ``limit``.

    The ranking is :func:`osgtui.store.search_index.ranked_hits`. A malformed
    FTS5 query raises :class:`OsgtuiError` naming it, with a hint.
    """
    if not query.strip():
        raise OsgtuiError("search query is empty; give words to look for, e.g. osgtui search xrootd")
    match = fts_query(query)
    try:
        rows = search_index.ranked_hits(store, match, limit)
    except sqlite3.OperationalError as err:
        raise _query_error(query, str(err)) from None
    return [SearchHit(date.fromisoformat(row.date), row.section or "", row.line,
                      "action" if row.is_action else row.kind, row.rank, row.uid) for row in rows]


def count_matches(store: Store, query: str) -> int:
    """How many lines match ``query`` (as :func:`search` reads it); errors as :func:`search`."""
    match = fts_query(query)
    try:
        return search_index.count_matches(store, match)
    except sqlite3.OperationalError as err:
        raise _query_error(query, str(err)) from None


def shown_of(count: int, shown: int) -> str:
    """What a list of ``shown`` hits out of ``count`` matching lines is, for a status line."""
    if count <= shown:
        return ""
    ranked = f", the best of the newest {RANK_WINDOW:,}" if count > RANK_WINDOW else ""
    return f"{shown} of {count:,} matching lines{ranked}"


def _query_error(query: str, message: str) -> OsgtuiError:
    """A one-line message for an FTS5 query SQLite refused."""
    detail = message.removeprefix("fts5: ").rstrip(": ")
    return OsgtuiError(
        f"search query {query!r} is not valid FTS5 syntax ({detail}); "
        "close quotes and parentheses, or type plain words"
    )
