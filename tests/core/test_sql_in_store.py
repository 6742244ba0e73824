"""All SQL behind the store: outside ``osgtui/store/`` no module runs a statement or touches a connection.

Every ``.py`` file under ``osgtui/`` but ``osgtui/store/`` is parsed (a new one is covered
without editing this file) and refused when it calls ``.execute``, ``.executemany``,
``.executescript`` or ``.cursor``, opens a connection itself (``sqlite3.connect``), reaches
for the store's connection (``.conn``), or holds a string that reads as an SQL statement.
Each finding names the file, the line and what to do.
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGE = ROOT / "osgtui"
STORE = PACKAGE / "store"

CALLS = {"execute", "executemany", "executescript", "cursor", "connect"}
"""Methods that run SQL or open a connection or cursor."""
ATTRIBUTES = {"conn"}
"""The store's connection: reaching it is running SQL by another door."""
SQL_RE = re.compile(
    r"\b(?:SELECT\b[\s\S]*\bFROM|INSERT\s+(?:OR\s+[A-Z]+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
    r"|CREATE\s+(?:UNIQUE\s+|VIRTUAL\s+)?(?:TABLE|INDEX|TRIGGER|VIEW)|DROP\s+(?:TABLE|INDEX|TRIGGER|VIEW)"
    r"|ALTER\s+TABLE|PRAGMA\s+\w+|BEGIN\s+(?:IMMEDIATE|EXCLUSIVE|DEFERRED|TRANSACTION)|SAVEPOINT\s+\w+"
    r"|ROLLBACK\s+TO|RELEASE\s+\w+|WITH\s+\w+(?:\([^)]*\))?\s+AS\s+(?:NOT\s+)?(?:MATERIALIZED\s+)?\()"
)
"""A statement as this code base writes SQL: upper-case keywords (prose rarely reads so)."""


def sql_findings(path: Path, root: Path = ROOT) -> list[str]:
    """``file:line: what`` (file relative to ``root``) for each statement, connection or cursor in ``path``."""
    where = path.relative_to(root)
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    in_fstrings = {id(part) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for part in node.values}
    findings = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in CALLS:
            if node.func.attr == "connect" and not (isinstance(node.func.value, ast.Name)
                                                    and node.func.value.id == "sqlite3"):
                continue  # another library's connect (HTTP, sockets)
            findings.append(f"{where}:{node.lineno}: calls .{node.func.attr}()")
        elif isinstance(node, ast.Attribute) and node.attr in ATTRIBUTES:
            findings.append(f"{where}:{node.lineno}: uses the connection (.{node.attr})")
        elif (text := _string(node)) is not None and id(node) not in in_fstrings:
            statement = SQL_RE.search(text)
            if statement is not None:
                findings.append(f"{where}:{node.lineno}: holds SQL ({' '.join(statement.group(0).split())[:40]!r})")
    return findings


def _string(node: ast.AST) -> str | None:
    """The text of a string literal; an f-string's with each ``{...}`` as ``x``; None for other nodes."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(part.value if isinstance(part, ast.Constant) else "x" for part in node.values)
    return None


def outside_store() -> list[Path]:
    """Every Python file of the package but the store's, sorted."""
    return sorted(p for p in PACKAGE.rglob("*.py") if STORE not in p.parents)


def test_no_sql_outside_the_store() -> None:
    findings = [finding for path in outside_store() for finding in sql_findings(path)]
    assert not findings, (
        "SQL outside osgtui/store/; move it into a query function of the store (osgtui/store/) "
        "and call that instead:\n" + "\n".join(findings)
    )


def test_the_scan_covers_the_package() -> None:
    names = {p.relative_to(PACKAGE).as_posix() for p in outside_store()}
    assert {"history/search.py", "console/editlock.py", "console/session.py", "app.py"} <= names
    assert not any(name.startswith("store/") for name in names)


@pytest.mark.parametrize(("source", "finding"), [
    ("cursor.execute(statement)", "calls .execute()"),
    ("conn.executemany(sql, rows)", "calls .executemany()"),
    ("db.executescript(script)", "calls .executescript()"),
    ("cur = conn.cursor()", "calls .cursor()"),
    ("import sqlite3\nsqlite3.connect(path)", "calls .connect()"),
    ("with store.conn:\n    pass", "uses the connection (.conn)"),
    ('SQL = """SELECT id\n  FROM meetings"""', "holds SQL ('SELECT id FROM')"),
    ("q = f'UPDATE {table} SET thread = ?'", "holds SQL ('UPDATE x SET')"),
    ("q = 'DELETE FROM undo_steps WHERE seq = ?'", "holds SQL ('DELETE FROM')"),
    ("q = 'INSERT OR REPLACE INTO search_index (rowid) VALUES (?)'", "holds SQL ('INSERT OR REPLACE INTO')"),
    ("q = 'PRAGMA busy_timeout = 100'", "holds SQL ('PRAGMA busy_timeout')"),
])
def test_each_kind_of_sql_is_found(tmp_path: Path, source: str, finding: str) -> None:
    module = tmp_path / "module.py"
    module.write_text(source + "\n", encoding="utf-8")
    [found] = sql_findings(module, tmp_path)
    assert found.startswith("module.py:") and finding in found


@pytest.mark.parametrize("source", [
    '"""Select the meeting to open from the list; delete from the draft what is not needed."""',
    "session.connect(url)",
    "msg = 'the update of the table failed'",
])
def test_prose_and_other_connects_are_not_sql(tmp_path: Path, source: str) -> None:
    module = tmp_path / "module.py"
    module.write_text(source + "\n", encoding="utf-8")
    assert sql_findings(module, tmp_path) == []

