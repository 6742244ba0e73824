"""Versioned schema of the osgtui database (sqlite-utils migrations, applied in order)."""

from __future__ import annotations

from sqlite_utils import Database
from sqlite_utils.migrations import Migrations

migrations = Migrations("osgtui")


def _run(db: Database, script: str) -> None:
    """Run DDL statements one by one (``executescript`` would commit the migration's transaction)."""
    for statement in script.split(";"):
        if statement.strip():
            db.execute(statement)


@migrations()
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
