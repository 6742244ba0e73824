"""The SQLite store: every meeting, saved whole in one transaction per change.

A meeting is written as its blocks (the text that is published) plus the
structure derived from them (sections, triage, counts, attendance, action
items), so history queries and search run in SQL. ``meetings.version`` is
bumped on each save; a save whose meeting was loaded at another version is
refused, so two consoles on one database never silently overwrite each other.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from osgtui import __version__
from osgtui.errors import DatabaseUnavailable, StoreError
from osgtui.minutes.counts import table_kind
from osgtui.minutes.extract import Structure, action_items, attending, sections, structure, triage_duty
from osgtui.minutes.model import Bullet, CountMeta, Heading, Line, Meeting, Table
from osgtui.store.migrations import apply as apply_migrations
from osgtui.store.migrations import has_pending as migrations_pending
from osgtui.store.migrations import newer_schema

if TYPE_CHECKING:
    from osgtui.config import Config


def now_iso() -> str:
    """The current UTC time, ISO 8601 with seconds."""
    return datetime.now(UTC).isoformat(timespec="seconds")


@dataclass
class MeetingRow:
    """A meeting in the list: date, title and a few counts."""

    date: date
    title: str
    attending: int
    action_items: int
    version: int
    updated_at: str


@dataclass
class Publication:
    """What osgtui last published for a meeting, and where."""

    date: date
    repo_path: str
    file_path: str
    text: str
    commit: str | None
    published_at: str


_REASONS = (
    ("locked", "database locked"),
    ("busy", "database locked"),
    ("full", "disk full"),
    ("readonly", "database is read-only"),
    ("read-only", "database is read-only"),
    ("malformed", "database damaged"),
    ("not a database", "database damaged"),
    ("i/o error", "disk I/O error"),
)


def db_reason(err: sqlite3.Error) -> str:
    """A short, plain reason for a SQLite failure ("database locked", "disk full", …)."""
    text = str(err).lower()
    return next((reason for word, reason in _REASONS if word in text), "database error")


def unavailable(path: Path | None, what: str, err: sqlite3.Error) -> DatabaseUnavailable:
    """The one-line error for a failed database write, with what to do."""
    reason = db_reason(err)
    hint = {
        "database locked": "another program is writing to it; try again when it is done",
        "disk full": "free some disk space",
        "database is read-only": "check the file's permissions",
        "database damaged": f"recover it with: sqlite3 {path} .recover | sqlite3 {path}.recovered",
    }.get(reason, "check the file")
    return DatabaseUnavailable(f"database {path}: {what}: {reason} ({err}); {hint}", reason)


def _tables(conn: sqlite3.Connection) -> set[str]:
    return {r[0] for r in conn.execute("SELECT name FROM sqlite_schema WHERE type = 'table'")}


def _check_wal_belongs(path: Path) -> None:
    """Refuse a ``-wal`` file that belongs to another database (copied or restored beside this one).

    SQLite applies any well-formed WAL it finds, and the last connection to
    close writes it into the database: a foreign one would replace this file's
    tables. So before anything opens it for writing, the file alone
    (``immutable``: no WAL) is compared with a read-only view through the WAL
    (read-only connections never write the WAL back): when tables of the file
    are missing through the WAL, the WAL is not its own.
    """
    wal = Path(f"{path}-wal")
    if not path.exists() or not wal.exists() or wal.stat().st_size == 0 or path.stat().st_size == 0:
        return
    uri = path.resolve().as_uri()
    try:
        alone = sqlite3.connect(f"{uri}?immutable=1", uri=True)
        through = sqlite3.connect(f"{uri}?mode=ro", uri=True)
        try:
            missing = _tables(alone) - _tables(through)
        finally:
            alone.close()
            through.close()
    except sqlite3.Error:
        return  # cannot tell (another osgtui is writing it right now): open it as usual
    if missing:
        raise StoreError(f"database {path}: its {wal.name} file belongs to another database (it hides the "
                         f"tables {', '.join(sorted(missing)[:3])}); move {wal} away (keep a copy) and try again")


def prepare(conn: sqlite3.Connection) -> sqlite3.Connection:
    """Set up a new connection as sqlite-utils does (recursive triggers on: a REPLACE fires delete triggers)."""
    conn.execute("PRAGMA recursive_triggers=on")
    return conn


def _open_read_only(path: Path, check_same_thread: bool) -> sqlite3.Connection:
    """A read-only connection to a database this user cannot write, if it is of this osgtui's schema.

    ``mode=ro`` first; a WAL database in a directory the user cannot write has no
    ``-shm`` to share, so then ``immutable=1`` (a snapshot: another program's later
    writes are not seen). Raises :class:`sqlite3.Error` when neither reads it or when
    the schema needs migrating (which a read-only file cannot take).
    """
    uri = path.resolve().as_uri()
    last: sqlite3.Error | None = None
    for flags in ("mode=ro", "mode=ro&immutable=1"):
        conn = sqlite3.connect(f"{uri}?{flags}", uri=True, check_same_thread=check_same_thread, timeout=5.0)
        try:
            prepare(conn)
            if migrations_pending(conn):
                raise sqlite3.OperationalError("attempt to write a readonly database (its schema needs an update)")
            return conn
        except sqlite3.Error as err:
            conn.close()
            last = err
    assert last is not None
    raise last


class ConflictError(StoreError):
    """The meeting was changed by another console since it was loaded."""


class Store:
    """Typed access to the osgtui database."""

    def __init__(self, conn: sqlite3.Connection, path: Path | None = None, config: Config | None = None) -> None:
        self.conn = conn
        self.path = path
        self.config = config
        self.read_only_reason: str | None = None
        """Why this database must not be written (a newer osgtui's schema, no write permission), else None."""
        self._savepoints = 0
        self._in_batch = False

    @classmethod
    def open(cls, path: Path | str, config: Config | None = None, *, check_same_thread: bool = True) -> Store:
        """Open (creating and migrating when needed) the database at ``path``."""
        path = Path(path)
        read_only = None
        try:
            if path.is_dir():
                raise StoreError(f"database {path}: is a directory; give a file path with --db or OSGTUI_DB")
            path.parent.mkdir(parents=True, exist_ok=True)
            _check_wal_belongs(path)
            conn = sqlite3.connect(str(path), check_same_thread=check_same_thread, timeout=5.0)
            try:
                prepare(conn)
                newer = newer_schema(conn)
                if newer is None:
                    conn.execute("PRAGMA journal_mode=WAL")
                    conn.execute("PRAGMA foreign_keys=ON")
                    conn.execute("PRAGMA synchronous=NORMAL")
                    apply_migrations(conn, f"osgtui {__version__}")
            except sqlite3.Error as err:
                if db_reason(err) != "database is read-only" or not path.exists():
                    raise
                # A file (or a WAL database's directory) this user cannot write: show it, never change it.
                conn.close()
                conn = _open_read_only(path, check_same_thread)
                newer = newer_schema(conn)
                read_only = (f"database {path} is read-only for you; osgtui can show it but not change it: "
                             "check the permissions of the file and its directory, or work on a copy")
            if newer is not None:
                # Written by a newer osgtui: read it, never write it (not even the journal mode).
                conn.close()
                conn = _open_read_only(path, check_same_thread)
                read_only = (f"database {path} was {newer}; osgtui {__version__} can show it but not change "
                             "it: upgrade osgtui")
        except sqlite3.Error as err:
            raise StoreError(
                f"database {path}: cannot open ({err}); check the file or point --db at another"
                + (f" (to recover its data: sqlite3 {path} .recover | sqlite3 {path}.recovered)"
                   if db_reason(err) == "database damaged" else "")
            ) from None
        except OSError as err:
            raise StoreError(f"database {path}: cannot open or create ({err.strerror or err}); "
                             "check the path and its permissions, or point --db at another") from None
        store = cls(conn, path, config)
        store.read_only_reason = read_only
        return store

    @classmethod
    def memory(cls) -> Store:
        """An in-memory store, for tests and benchmarks."""
        conn = prepare(sqlite3.connect(":memory:"))
        apply_migrations(conn, f"osgtui {__version__}")
        return cls(conn)

    def busy_timeout(self, ms: int) -> None:
        """How long a write waits for another program's lock before failing (the console keeps it short)."""
        self.conn.execute(f"PRAGMA busy_timeout = {int(ms)}")

    def close(self) -> None:
        """Close the connection."""
        self.conn.close()

    def check_writable(self, what: str) -> None:
        """Raise a one-line error unless the database takes a write right now.

        Run before a command changes anything outside the database (a git commit,
        an import), so a read-only file, a database of a newer osgtui or another
        program's write lock is reported first. The probe takes the write lock
        (``BEGIN IMMEDIATE``), makes a write that changes nothing, and rolls back.
        ``what`` says what was about to happen ("cannot publish 2019-06-10").
        """
        if self.read_only_reason is not None:
            raise StoreError(self.read_only_reason)
        if self.conn.in_transaction:
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
            try:
                self.conn.execute("UPDATE meetings SET id = id WHERE 0")
            finally:
                self.conn.rollback()
        except sqlite3.Error as err:
            raise unavailable(self.path, what, err) from None

    # -- reading -------------------------------------------------------------------------

    def _meeting_id(self, d: date) -> int | None:
        row = self.conn.execute("SELECT id FROM meetings WHERE date = ?", (d.isoformat(),)).fetchone()
        return row[0] if row else None

    def has_meeting(self, d: date) -> bool:
        """Whether a meeting on ``d`` is stored."""
        return self._meeting_id(d) is not None

    def meeting_dates(self) -> list[date]:
        """All meeting dates, oldest first."""
        rows = self.conn.execute("SELECT date FROM meetings ORDER BY date").fetchall()
        return [date.fromisoformat(r[0]) for r in rows]

    def latest_before(self, d: date | None = None) -> date | None:
        """The latest meeting strictly before ``d`` (or the latest of all)."""
        if d is None:
            row = self.conn.execute("SELECT max(date) FROM meetings").fetchone()
        else:
            row = self.conn.execute("SELECT max(date) FROM meetings WHERE date < ?", (d.isoformat(),)).fetchone()
        return date.fromisoformat(row[0]) if row and row[0] else None

    def list_meetings(self) -> list[MeetingRow]:
        """Every meeting, newest first."""
        rows = self.conn.execute(
            """SELECT m.date, m.title, m.version, m.updated_at,
                      (SELECT count(*) FROM attendance a WHERE a.meeting_id = m.id),
                      (SELECT count(*) FROM action_items i WHERE i.meeting_id = m.id)
               FROM meetings m ORDER BY m.date DESC"""
        ).fetchall()
        return [MeetingRow(date.fromisoformat(r[0]), r[1], r[4], r[5], r[2], r[3]) for r in rows]

    def meeting_version(self, d: date) -> int | None:
        """The stored version of the meeting on ``d`` (None when absent)."""
        row = self.conn.execute("SELECT version FROM meetings WHERE date = ?", (d.isoformat(),)).fetchone()
        return row[0] if row else None

    def duty_history(self, before: date, limit: int = 40) -> list[tuple[date, str | None, str | None]]:
        """(date, this week, next week) of the ``limit`` latest meetings before ``before``, oldest first."""
        rows = self.conn.execute(
            """SELECT m.date, t.this_week, t.next_week FROM meetings m JOIN triage t ON t.meeting_id = m.id
               WHERE m.date < ? ORDER BY m.date DESC LIMIT ?""",
            (before.isoformat(), limit),
        ).fetchall()
        return [(date.fromisoformat(d), this, nxt) for d, this, nxt in reversed(rows)]

    def people_history(self, before: date, limit: int = 12) -> list[tuple[date, list[str], list[list[str]]]]:
        """(date, attendees, action-item owner lists) of the ``limit`` latest meetings before ``before``, oldest first."""
        days = [date.fromisoformat(r[0]) for r in self.conn.execute(
            "SELECT date FROM meetings WHERE date < ? ORDER BY date DESC LIMIT ?", (before.isoformat(), limit))]
        if not days:
            return []
        first = min(days).isoformat()
        attendees: dict[date, list[str]] = {d: [] for d in days}
        owners: dict[date, list[list[str]]] = {d: [] for d in days}
        for d, name in self.conn.execute(
            """SELECT m.date, a.name FROM attendance a JOIN meetings m ON m.id = a.meeting_id
               WHERE m.date >= ? AND m.date < ? ORDER BY m.date, a.position""", (first, before.isoformat())):
            attendees[date.fromisoformat(d)].append(name)
        for d, names in self.conn.execute(
            """SELECT m.date, i.owners FROM action_items i JOIN meetings m ON m.id = i.meeting_id
               WHERE m.date >= ? AND m.date < ? ORDER BY m.date, i.position""", (first, before.isoformat())):
            owners[date.fromisoformat(d)].append(json.loads(names))
        return [(d, attendees[d], owners[d]) for d in sorted(days)]

    def action_lines_before(self, before: date) -> list[str]:
        """The action-item bullet texts of the latest meeting before ``before`` (as written, markers kept)."""
        return [r[0] for r in self.conn.execute(
            """SELECT b.text FROM action_items a JOIN blocks b ON b.meeting_id = a.meeting_id AND b.uid = a.block_uid
               WHERE a.meeting_id = (SELECT id FROM meetings WHERE date < ? ORDER BY date DESC LIMIT 1)
               ORDER BY a.position""", (before.isoformat(),))]

    def titles_before(self, before: date, limit: int = 20) -> list[str]:
        """Titles of the ``limit`` latest meetings before ``before``, newest first."""
        return [r[0] for r in self.conn.execute(
            "SELECT title FROM meetings WHERE date < ? ORDER BY date DESC LIMIT ?", (before.isoformat(), limit))]

    def load_meeting(self, d: date) -> Meeting:
        """The meeting on ``d``; :class:`StoreError` when there is none."""
        row = self.conn.execute(
            "SELECT id, indent_unit, source_name, version FROM meetings WHERE date = ?", (d.isoformat(),)
        ).fetchone()
        if row is None:
            raise StoreError(f"no meeting on {d.isoformat()}; see `osgtui list` for the stored dates")
        meeting_id, unit, source_name, version = row
        tables = {
            r[0]: r[1:]
            for r in self.conn.execute(
                "SELECT block_uid, style, header, rows, raw, raw_cells FROM tables WHERE meeting_id = ?",
                (meeting_id,),
            )
        }
        blocks: list[Any] = []
        for (uid, kind, level, depth, text, indent, marker, trailing, eol, cont, raw, thread, continues) in (
            self.conn.execute(
                """SELECT uid, kind, level, depth, text, indent, marker, trailing, eol, continuation, raw,
                          thread, continues
                   FROM blocks WHERE meeting_id = ? ORDER BY position""",
                (meeting_id,),
            )
        ):
            if kind == "line":
                blocks.append(Line(text, eol, uid=uid, thread=thread, continues=continues))
            elif kind == "heading":
                blocks.append(Heading(level, text, raw, eol, uid=uid))
            elif kind == "bullet":
                blocks.append(
                    Bullet(
                        depth, text, indent, marker, trailing, eol,
                        [tuple(c) for c in json.loads(cont)] if cont else [],
                        uid=uid, thread=thread, continues=continues,
                    )
                )
            else:
                style, header, rows, traw, raw_cells = tables[uid]
                blocks.append(
                    Table(
                        json.loads(header), json.loads(rows), style,
                        [tuple(x) for x in json.loads(traw)] if traw else None,
                        json.loads(raw_cells) if raw_cells else None, eol, uid=uid, indent=indent or "",
                    )
                )
        meta = {
            (g, label): CountMeta(bool(dc), bool(new), source, query, as_of, delta)
            for g, label, dc, new, source, query, as_of, delta in self.conn.execute(
                """SELECT grp, label, delta_computed, is_new, source, query, as_of, delta
                   FROM counts WHERE meeting_id = ?""",
                (meeting_id,),
            )
        }
        return Meeting(d, blocks, unit, meta, source_name, version)

    # -- writing -------------------------------------------------------------------------

    @contextmanager
    def batch(self) -> Iterator[None]:
        """One transaction for many saves (an import): committed at the end, rolled back on an error.

        Inside it :meth:`save_meeting` and :meth:`savepoint` are savepoints of
        the batch's transaction, so one commit (and one flush of the search
        index) serves them all.
        """
        if self.read_only_reason is not None:
            raise StoreError(self.read_only_reason)
        if self._in_batch or self.conn.in_transaction:
            raise StoreError("a batch of saves cannot start inside another transaction")
        self.conn.execute("BEGIN")
        self._in_batch = True
        try:
            yield
        except BaseException:
            self._in_batch = False
            if self.conn.in_transaction:
                self.conn.rollback()
            raise
        self._in_batch = False
        try:
            self.conn.commit()
        except BaseException:
            if self.conn.in_transaction:
                self.conn.rollback()
            raise

    @property
    def in_batch(self) -> bool:
        """Whether a :meth:`batch` is open."""
        return self._in_batch

    @property
    def in_transaction(self) -> bool:
        """Whether a transaction is open on the connection (a batch, or writes not yet committed)."""
        return self.conn.in_transaction

    def rollback(self) -> None:
        """Undo the writes of the open transaction (nothing happens when none is open)."""
        self.conn.rollback()

    @contextmanager
    def savepoint(self) -> Iterator[None]:
        """A savepoint: released on success, its writes undone on an error (the error goes on)."""
        self._savepoints += 1
        name = f"osgtui_{self._savepoints}"
        self.conn.execute(f"SAVEPOINT {name}")
        try:
            yield
        except BaseException:
            if self.conn.in_transaction:  # SQLite may have rolled the whole transaction back already
                try:
                    self.conn.execute(f"ROLLBACK TO {name}")
                    self.conn.execute(f"RELEASE {name}")
                except sqlite3.Error:
                    pass
            raise
        finally:
            self._savepoints -= 1
        self.conn.execute(f"RELEASE {name}")

    def _transaction(self) -> Any:
        """The unit a save is written in: a savepoint inside a :meth:`batch`, else a transaction."""
        return self.savepoint() if self._in_batch else self.conn

    def save_meeting(self, meeting: Meeting, *, replace: bool = False, check_version: bool = True,
                     also: Callable[[int], None] | None = None,
                     derived: Structure | None = None) -> None:
        """Write the whole meeting in one transaction (a savepoint inside a :meth:`batch`).

        A new meeting on a date that is already stored is refused unless
        ``replace``; an existing meeting whose stored version differs from
        ``meeting.version`` is refused (another console saved it) unless
        ``check_version`` is false. On success ``meeting.version`` is bumped.
        ``also(new_version)`` runs in the same transaction, writing through this
        store (the console's undo history, :mod:`osgtui.console.undo_log`). ``derived`` is the meeting's
        :func:`~osgtui.minutes.extract.structure` when the caller has it (blocks unchanged since).
        """
        if self.read_only_reason is not None:
            raise StoreError(self.read_only_reason)
        d = meeting.date.isoformat()
        stamp = now_iso()
        try:
            with self._transaction():
                row = self.conn.execute("SELECT id, version FROM meetings WHERE date = ?", (d,)).fetchone()
                if row is None:
                    version = 1
                    cur = self.conn.execute(
                        """INSERT INTO meetings (date, title, indent_unit, source_name, version, created_at, updated_at)
                           VALUES (?, ?, ?, ?, ?, ?, ?)""",
                        (d, meeting.title, meeting.indent_unit, meeting.source_name, version, stamp, stamp),
                    )
                    meeting_id = cur.lastrowid
                    assert meeting_id is not None
                else:
                    meeting_id, stored = row
                    if replace:
                        pass
                    elif check_version and stored != meeting.version:
                        raise ConflictError(
                            f"meeting {d} was changed by another osgtui (version {stored}, "
                            f"this copy {meeting.version}); reopen it to see the latest"
                        )
                    version = stored + 1
                    self.conn.execute(
                        """UPDATE meetings SET title = ?, indent_unit = ?, source_name = ?, version = ?,
                           updated_at = ? WHERE id = ?""",
                        (meeting.title, meeting.indent_unit, meeting.source_name, version, stamp, meeting_id),
                    )
                    for table in ("sections", "blocks", "tables", "triage", "counts", "attendance", "action_items"):
                        self.conn.execute(f"DELETE FROM {table} WHERE meeting_id = ?", (meeting_id,))
                self._write_children(meeting_id, meeting, derived or structure(meeting))
                if also is not None:
                    also(version)
        except sqlite3.Error as err:
            raise unavailable(self.path, f"cannot save meeting {d}", err) from None
        meeting.version = version

    def _write_children(self, meeting_id: int, meeting: Meeting, derived: Structure) -> None:
        paths, par = derived.paths, derived.parents
        block_rows: list[tuple[Any, ...]] = []
        table_rows: list[tuple[Any, ...]] = []
        for pos, (block, path) in enumerate(zip(meeting.blocks, paths)):
            if isinstance(block, Line):
                block_rows.append((meeting_id, pos, block.uid, "line", None, None, block.text, None, None, None,
                                   block.eol, None, None, path, None, block.thread, block.continues))
            elif isinstance(block, Heading):
                block_rows.append((meeting_id, pos, block.uid, "heading", block.level, None, block.title, None,
                                   None, None, block.eol, None, block.raw, path, None, None, None))
            elif isinstance(block, Bullet):
                parent = par.get(block.uid)
                block_rows.append((meeting_id, pos, block.uid, "bullet", None, block.depth, block.text,
                                   block.indent, block.marker, block.trailing, block.eol,
                                   json.dumps(block.continuation) if block.continuation else None, None, path,
                                   parent.uid if parent else None, block.thread, block.continues))
            else:
                block_rows.append((meeting_id, pos, block.uid, "table", None, None, None, block.indent or None,
                                   None, None, block.eol, None, None, path, None, None, None))
                table_rows.append((meeting_id, block.uid, table_kind(block), block.style, json.dumps(block.header),
                                   json.dumps(block.rows), json.dumps(block.raw) if block.raw is not None else None,
                                   json.dumps(block.raw_cells) if block.raw_cells is not None else None))
        ex = self.conn.executemany
        ex("""INSERT INTO blocks (meeting_id, position, uid, kind, level, depth, text, indent, marker, trailing, eol,
                                  continuation, raw, section, parent_uid, thread, continues)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", block_rows)
        ex("""INSERT INTO tables (meeting_id, block_uid, kind, style, header, rows, raw, raw_cells)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", table_rows)
        ex("INSERT INTO sections (meeting_id, position, block_uid, level, title, path) VALUES (?, ?, ?, ?, ?, ?)",
           [(meeting_id, s.index, meeting.blocks[s.index].uid, s.level, s.title, s.path)
            for s in sections(meeting, paths)])
        this_week, next_week, _ = triage_duty(meeting, paths)
        self.conn.execute("INSERT INTO triage (meeting_id, this_week, next_week) VALUES (?, ?, ?)",
                          (meeting_id, this_week, next_week))
        count_rows = []
        for pos, ref in enumerate(derived.counts):
            meta = meeting.count_meta.get((ref.group, ref.label)) or CountMeta()
            delta = ref.delta if ref.delta is not None else meta.delta
            count_rows.append((meeting_id, pos, ref.group, ref.label, ref.count, delta, int(meta.delta_computed),
                               int(meta.is_new), meta.source, meta.query, meta.as_of, ref.uid))
        ex("""INSERT INTO counts (meeting_id, position, grp, label, count, delta, delta_computed, is_new, source,
                                  query, as_of, block_uid) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", count_rows)
        ex("INSERT INTO attendance (meeting_id, position, name) VALUES (?, ?, ?)",
           [(meeting_id, i, n) for i, n in enumerate(attending(meeting))])
        ex("""INSERT INTO action_items (meeting_id, position, block_uid, owners, text, status, tickets, section,
                                        section_path, parent_text, thread, continues)
              VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""",
           [(meeting_id, i, a.uid, json.dumps(a.owners), a.text, a.status, json.dumps(a.tickets), a.section,
             a.section_path, a.parent, a.thread, a.continues) for i, a in enumerate(action_items(meeting, derived))])

    def delete_meeting(self, d: date) -> None:
        """Remove the meeting on ``d`` and everything derived from it."""
        with self.conn:
            self.conn.execute("DELETE FROM meetings WHERE date = ?", (d.isoformat(),))

    # -- publications ----------------------------------------------------------------------

    def get_publication(self, d: date) -> Publication | None:
        """What was last published for the meeting on ``d``."""
        row = self.conn.execute(
            "SELECT repo_path, file_path, text, commit_hash, published_at FROM publications WHERE date = ?",
            (d.isoformat(),),
        ).fetchone()
        return Publication(d, *row) if row else None

    def record_publication(self, d: date, repo_path: str, file_path: str, text: str, commit: str | None) -> None:
        """Remember what was published (or pulled) for the meeting on ``d``."""
        with self.conn:
            self.conn.execute(
                """INSERT INTO publications (date, repo_path, file_path, text, commit_hash, published_at)
                   VALUES (?, ?, ?, ?, ?, ?)
                   ON CONFLICT(date) DO UPDATE SET repo_path = excluded.repo_path, file_path = excluded.file_path,
                   text = excluded.text, commit_hash = excluded.commit_hash, published_at = excluded.published_at""",
                (d.isoformat(), repo_path, file_path, text, commit, now_iso()),
            )
