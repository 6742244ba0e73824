"""Versioned schema of the osgtui database (sqlite-utils migrations, applied in order).

Opening an up-to-date database reads the applied steps with plain SQL
(:func:`applied_names`); sqlite-utils (tens of milliseconds to import and to
load its plugins) is imported only when a step is pending, so the console's
first frame does not wait for it. The steps are listed in :data:`STEPS`; the
sqlite-utils :class:`~sqlite_utils.migrations.Migrations` object that applies
them is built on first use (``osgtui.store.migrations.migrations``).
"""

from __future__ import annotations

import sqlite3
from functools import cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sqlite_utils import Database
    from sqlite_utils.migrations import Migrations

MIGRATION_SET = "osgtui"
MIGRATIONS_TABLE = "_sqlite_migrations"
"""Where sqlite-utils records the applied steps (``Migrations.migrations_table``)."""


def _run(db: Database, script: str) -> None:
    """Run DDL statements one by one (``executescript`` would commit the migration's transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


def m001_initial(db: Database) -> None:
    """Meetings, their blocks (bullet trees, lines, headings, tables) and derived structure."""
    _run(
        db,
        """
        CREATE TABLE meetings (
            id INTEGER PRIMARY KEY,
            date TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL,
            indent_unit INTEGER NOT NULL DEFAULT 4,
            source_name TEXT,
            version INTEGER NOT NULL DEFAULT 0,
            created_at TEXT NOT NULL,
            updated_at TEXT NOT NULL
        );
        CREATE TABLE sections (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            block_uid TEXT NOT NULL,
            level INTEGER NOT NULL,
            title TEXT NOT NULL,
            path TEXT NOT NULL
        );
        CREATE INDEX sections_meeting ON sections(meeting_id);
        CREATE TABLE blocks (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            uid TEXT NOT NULL,
            kind TEXT NOT NULL CHECK (kind IN ('heading', 'line', 'bullet', 'table')),
            level INTEGER,
            depth INTEGER,
            text TEXT,
            indent TEXT,
            marker TEXT,
            trailing TEXT,
            eol TEXT NOT NULL,
            continuation TEXT,
            raw TEXT,
            section TEXT,
            parent_uid TEXT,
            thread TEXT,
            continues TEXT,
            UNIQUE (meeting_id, position)
        );
        CREATE INDEX blocks_uid ON blocks(uid);
        CREATE TABLE tables (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            block_uid TEXT NOT NULL,
            kind TEXT NOT NULL,
            style TEXT NOT NULL,
            header TEXT NOT NULL,
            rows TEXT NOT NULL,
            raw TEXT,
            raw_cells TEXT
        );
        CREATE INDEX tables_meeting ON tables(meeting_id);
        CREATE TABLE triage (
            meeting_id INTEGER PRIMARY KEY REFERENCES meetings(id) ON DELETE CASCADE,
            this_week TEXT,
            next_week TEXT
        );
        CREATE TABLE counts (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            grp TEXT NOT NULL,
            label TEXT NOT NULL,
            count INTEGER,
            delta INTEGER,
            delta_computed INTEGER NOT NULL DEFAULT 0,
            is_new INTEGER NOT NULL DEFAULT 0,
            source TEXT NOT NULL DEFAULT 'imported',
            query TEXT,
            as_of TEXT,
            block_uid TEXT NOT NULL
        );
        CREATE INDEX counts_meeting ON counts(meeting_id);
        CREATE INDEX counts_label ON counts(grp, label);
        CREATE TABLE attendance (
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            name TEXT NOT NULL,
            PRIMARY KEY (meeting_id, position)
        );
        CREATE TABLE action_items (
            id INTEGER PRIMARY KEY,
            meeting_id INTEGER NOT NULL REFERENCES meetings(id) ON DELETE CASCADE,
            position INTEGER NOT NULL,
            block_uid TEXT NOT NULL,
            owners TEXT NOT NULL,
            text TEXT NOT NULL,
            status TEXT NOT NULL,
            tickets TEXT NOT NULL,
            section TEXT NOT NULL,
            section_path TEXT NOT NULL,
            parent_text TEXT,
            thread TEXT,
            continues TEXT
        );
        CREATE INDEX action_items_meeting ON action_items(meeting_id);
        CREATE INDEX action_items_thread ON action_items(thread);
        CREATE TABLE publications (
            date TEXT PRIMARY KEY,
            repo_path TEXT NOT NULL,
            file_path TEXT NOT NULL,
            text TEXT NOT NULL,
            commit_hash TEXT,
            published_at TEXT NOT NULL
        );
        """
    )



# -- m002: full-text search over every meeting ----------------------------------------------
#
# ``search_index`` is an FTS5 table kept in sync by triggers, so ``Store.save_meeting`` needs
# no change. ``save_meeting`` writes a meeting's blocks and tables, then its one ``triage``
# row; the trigger on that row indexes the whole meeting in one statement (one FTS5 flush per
# save rather than one per row: half the cost), and deleting it (on every rewrite, and by
# cascade when the meeting is deleted) removes the meeting's entries. The rowid encodes where
# an entry comes from: ``meeting_id * 2**32 + position * 2**10 + n``, with ``position`` the
# block's position (< 2**22) and ``n`` the row of a table (0 is the header, < 2**10).
# ``text`` is what is matched: a bullet or line with its continuation lines, or a table row's
# label cells (numbers, deltas and ``&Delta;`` left out); ``line`` is a table row as shown.

SEARCH_MEETING_STRIDE = 2**32
SEARCH_POSITION_STRIDE = 2**10


def _table_rows_sql(mid: str, header: bool) -> str:
    """SELECT the index entries of a meeting's table headers (or body rows)."""
    ms, ps = SEARCH_MEETING_STRIDE, SEARCH_POSITION_STRIDE
    cells, n = ("tb.header", "0") if header else ("r.value", "r.key + 1")
    rows = "" if header else ", json_each(tb.rows) AS r"
    limit = "" if header else f" AND r.key < {ps - 1}"
    return f"""
    SELECT * FROM (
        SELECT b.meeting_id * {ms} + b.position * {ps} + {n} AS rid,
               (SELECT group_concat(c.value, ' | ') FROM json_each({cells}) AS c
                WHERE c.value NOT LIKE '&%' AND trim(c.value, '0123456789+-?() ') != '') AS t,
               'table', b.meeting_id, b.section,
               (SELECT group_concat(c.value, ' | ') FROM json_each({cells}) AS c)
        FROM tables tb JOIN blocks b ON b.uid = tb.block_uid AND b.meeting_id = tb.meeting_id{rows}
        WHERE tb.meeting_id = {mid} AND b.position < {ms // ps}{limit})
    WHERE t != ''"""


def _index_meeting_sql(mid: str) -> str:
    """INSERT the index entries of the meeting whose id is the SQL expression ``mid``."""
    ms, ps = SEARCH_MEETING_STRIDE, SEARCH_POSITION_STRIDE
    return f"""
    INSERT OR REPLACE INTO search_index (rowid, text, kind, meeting_id, section, line)
    SELECT b.meeting_id * {ms} + b.position * {ps},
           trim(b.text || coalesce(
               (SELECT ' ' || group_concat(trim(json_extract(c.value, '$[0]')), ' ')
                FROM json_each(b.continuation) AS c), '')),
           b.kind, b.meeting_id, b.section, NULL
    FROM blocks b
    WHERE b.meeting_id = {mid} AND b.kind IN ('bullet', 'line') AND b.position < {ms // ps}
      AND (trim(b.text) != '' OR b.continuation IS NOT NULL)
    UNION ALL {_table_rows_sql(mid, header=True)}
    UNION ALL {_table_rows_sql(mid, header=False)}"""


_UNINDEX_MEETING_SQL = f"""
    DELETE FROM search_index
    WHERE rowid BETWEEN OLD.meeting_id * {SEARCH_MEETING_STRIDE}
                    AND (OLD.meeting_id + 1) * {SEARCH_MEETING_STRIDE} - 1"""


def _trigger(head: str, body: str) -> str:
    """``CREATE TRIGGER <head> BEGIN <body>; END`` (statements of the body separated by ``;``)."""
    return f"CREATE TRIGGER {head} BEGIN {body}; END"


def m002_search(db: Database) -> None:
    """Full-text search (FTS5, bm25) over bullets, lines and table labels, kept in sync by triggers."""
    statements = [
        """CREATE VIRTUAL TABLE search_index USING fts5(
               text, kind UNINDEXED, meeting_id UNINDEXED, section UNINDEXED, line UNINDEXED,
               tokenize = 'porter unicode61 remove_diacritics 2'
           )""",
        _trigger("search_index_meeting AFTER INSERT ON triage", _index_meeting_sql("NEW.meeting_id")),
        _trigger("search_unindex_meeting AFTER DELETE ON triage", _UNINDEX_MEETING_SQL),
        # History queries: a meeting's action items in order.
        "CREATE INDEX action_items_meeting_position ON action_items(meeting_id, position)",
    ]
    for statement in statements:
        db.execute(statement)
    for (meeting_id,) in db.execute("SELECT meeting_id FROM triage").fetchall():
        db.execute(_index_meeting_sql("?"), [meeting_id] * 3)


def m003_editor_locks(db: Database) -> None:
    """Which console edits which meeting (osgtui.console.editlock): a second console opens read-only."""
    _run(
        db,
        """
        CREATE TABLE editor_locks (
            date TEXT PRIMARY KEY,
            pid INTEGER NOT NULL,
            host TEXT NOT NULL,
            token TEXT NOT NULL,
            started_at TEXT NOT NULL,
            heartbeat REAL NOT NULL
        )
        """,
    )


def m004_console_state(db: Database) -> None:
    """The console's undo history (osgtui.console.undo_log) and meeting timer (osgtui.console.meeting_timer): kept over restarts."""
    _run(
        db,
        """
        CREATE TABLE undo_steps (
            date TEXT NOT NULL,
            seq INTEGER NOT NULL,
            stack TEXT NOT NULL CHECK (stack IN ('undo', 'redo')),
            label TEXT NOT NULL,
            data TEXT NOT NULL,
            PRIMARY KEY (date, seq)
        );
        CREATE TABLE undo_state (
            date TEXT PRIMARY KEY,
            version INTEGER NOT NULL
        );
        CREATE TABLE meeting_timers (
            date TEXT PRIMARY KEY,
            started REAL NOT NULL,
            totals TEXT NOT NULL,
            section TEXT NOT NULL,
            entered REAL NOT NULL,
            seen REAL NOT NULL
        );
        CREATE TABLE osgtui_meta (
            key TEXT PRIMARY KEY,
            value TEXT NOT NULL
        )
        """,
    )


# -- m005: history queries that follow the answer, not the archive ----------------------------
#
# ``action_items_thread_key`` finds every row of a thread (``coalesce(thread, block_uid)``, as
# :mod:`osgtui.history.actions` groups them) and ``blocks_thread`` the blocks of a thread (relinking
# an import out of date order). ``action_owners`` lists each action item's owners, kept in sync by
# triggers on ``action_items`` (so ``Store.save_meeting`` writes nothing more), for a person's items:
# ``owner_key`` is the owner name as written, trimmed and lower-cased, or ``*`` for a name that is not
# plain printable ASCII (SQLite's ``lower`` folds ASCII only; such names are always looked at).

OWNER_KEY_SQL = "CASE WHEN trim({v}) GLOB '*[^ -~]*' THEN '*' ELSE lower(trim({v})) END"
"""The ``action_owners.owner_key`` of the owner name ``{v}`` (an SQL expression)."""

NON_ASCII_OWNER_KEY = "*"


def _owner_rows_sql(item: str, source: str) -> str:
    """SELECT (item id, key) for each owner of the action item rows ``item`` of ``source``."""
    key = OWNER_KEY_SQL.format(v="o.value")
    return (f"SELECT {item}.id, {key} FROM {source}json_each({item}.owners) AS o "
            "WHERE o.type = 'text' AND trim(o.value) != ''")


def m005_history_indexes(db: Database) -> None:
    """Indexes for a thread's rows and a thread's blocks; the owners of each action item, by name."""
    statements = [
        "CREATE INDEX action_items_thread_key ON action_items(coalesce(thread, block_uid), meeting_id)",
        "CREATE INDEX blocks_thread ON blocks(thread) WHERE thread IS NOT NULL",
        """CREATE TABLE action_owners (
               item_id INTEGER NOT NULL,
               owner_key TEXT NOT NULL
           )""",
        "CREATE INDEX action_owners_key ON action_owners(owner_key, item_id)",
        "CREATE INDEX action_owners_item ON action_owners(item_id)",
        _trigger("action_owners_insert AFTER INSERT ON action_items",
                 f"INSERT INTO action_owners (item_id, owner_key) {_owner_rows_sql('NEW', '')}"),
        _trigger("action_owners_delete AFTER DELETE ON action_items",
                 "DELETE FROM action_owners WHERE item_id = OLD.id"),
        _trigger("action_owners_update AFTER UPDATE OF owners, id ON action_items",
                 "DELETE FROM action_owners WHERE item_id = OLD.id; "
                 f"INSERT INTO action_owners (item_id, owner_key) {_owner_rows_sql('NEW', '')}"),
        # The items already stored.
        f"INSERT INTO action_owners (item_id, owner_key) {_owner_rows_sql('a', 'action_items AS a, ')}",
    ]
    for statement in statements:
        db.execute(statement)


STEPS = (m001_initial, m002_search, m003_editor_locks, m004_console_state, m005_history_indexes)
"""The schema steps, in the order they are applied (their function names are their recorded names)."""


@cache
def _migrations() -> Migrations:
    from sqlite_utils.migrations import Migrations

    steps = Migrations(MIGRATION_SET)
    for step in STEPS:
        steps()(step)
    return steps


def __getattr__(name: str) -> Any:
    """``migrations``: the sqlite-utils migration set (built, and sqlite-utils imported, on first use)."""
    if name == "migrations":
        return _migrations()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None


def applied_names(conn: sqlite3.Connection) -> list[str]:
    """The osgtui schema steps recorded in the database, in the order they were applied (plain SQL)."""
    if not _has_table(conn, MIGRATIONS_TABLE):
        return []
    return [r[0] for r in conn.execute(
        f"SELECT name FROM {MIGRATIONS_TABLE} WHERE migration_set = ? ORDER BY rowid", (MIGRATION_SET,))]


def newer_schema(conn: sqlite3.Connection) -> str | None:
    """When the database holds schema steps this osgtui does not know (a newer osgtui wrote it): what it says.

    ``None`` for a database this version can read and write. Looks at the
    migrations recorded by sqlite-utils, ``PRAGMA user_version`` and the
    ``osgtui_meta`` row naming the osgtui that last changed the schema.
    """
    known = {step.__name__ for step in STEPS}
    unknown = [name for name in applied_names(conn) if name not in known]
    version = conn.execute("PRAGMA user_version").fetchone()[0]
    if not unknown and version <= len(known):
        return None
    from osgtui import __version__

    writer = None
    if _has_table(conn, "osgtui_meta"):
        row = conn.execute("SELECT value FROM osgtui_meta WHERE key = 'schema_written_by'").fetchone()
        writer = row[0] if row and row[0] != f"osgtui {__version__}" else None
    steps = ", ".join(unknown) if unknown else f"schema version {version}"
    return f"written by {writer or 'a newer osgtui'} ({steps})"


def apply(conn: sqlite3.Connection, writer: str) -> None:
    """Apply the pending migrations; record the schema version and which osgtui wrote it."""
    if not has_pending(conn):
        return
    from sqlite_utils import Database

    db = Database(conn)
    _migrations().apply(db)
    count = len(applied_names(conn))
    conn.execute(f"PRAGMA user_version = {count}")
    with conn:
        conn.execute("INSERT INTO osgtui_meta (key, value) VALUES ('schema_written_by', ?) "
                     "ON CONFLICT(key) DO UPDATE SET value = excluded.value", [writer])


def has_pending(conn: sqlite3.Connection) -> bool:
    """Whether the database needs schema steps before this osgtui can use it (read-only check)."""
    return bool({step.__name__ for step in STEPS} - set(applied_names(conn)))
