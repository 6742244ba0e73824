"""Small helpers shared by subcommands: dates, atomic writes, database write checks, JSON output."""

from __future__ import annotations

import json
import sqlite3
import sys
from datetime import date
from typing import TYPE_CHECKING, Any

from osgtui.errors import OsgtuiError, StoreError
from osgtui.fileio import write_file as atomic_write

if TYPE_CHECKING:
    from osgtui.store import Store

__all__ = ["atomic_write", "check_writable", "parse_date", "print_json"]


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` argument as a date, or a one-line error saying what is expected."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OsgtuiError(f"date {text!r}: expected YYYY-MM-DD, e.g. 2019-06-10") from None


def check_writable(store: Store, what: str) -> None:
    """Raise a one-line error unless the database takes a write right now.

    Run before a command changes anything outside the database (a git commit), so a
    read-only file, a database of a newer osgtui or another program's write lock is
    reported first. The probe takes the write lock (``BEGIN IMMEDIATE``), makes a write
    that changes nothing, and rolls back. ``what`` says what was about to happen
    ("cannot publish 2019-06-10").
    """
    from osgtui.store import unavailable

    if store.read_only_reason is not None:
        raise StoreError(store.read_only_reason)
    conn = store.conn
    if conn.in_transaction:
        return
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            conn.execute("UPDATE meetings SET id = id WHERE 0")
        finally:
            conn.rollback()
    except sqlite3.Error as err:
        raise unavailable(store.path, what, err) from None


def print_json(value: Any) -> None:
    """Print a JSON document (UTF-8, indented) to stdout."""
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
