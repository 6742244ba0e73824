"""The database as found: newer schema, damaged pages, impossible paths. One line each, never a traceback."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from pathlib import Path

import pytest

from osgtui.cli import main
from osgtui.store.database import Store

from .fixtures import MINUTES_2019


@pytest.fixture
def db(tmp_path: Path) -> Path:
    source = tmp_path / "TechArea20190603.md"
    source.write_text(MINUTES_2019, encoding="utf-8")
    path = tmp_path / "m.db"
    assert main(["--db", str(path), "import", str(source)]) == 0
    return path


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def one_line_error(err: str) -> str:
    assert "Traceback" not in err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("osgtui: error: "), err
    return lines[0]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def from_the_future(db: Path) -> None:
    """What a newer osgtui leaves behind: a schema step this one does not know, a higher user_version."""
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                     "VALUES ('osgtui', 'm099_future', 'x')")
        conn.execute("UPDATE osgtui_meta SET value = 'osgtui 9.0' WHERE key = 'schema_written_by'")
    conn.execute("PRAGMA user_version = 99")
    conn.close()


def test_a_newer_database_is_read_but_never_written(db: Path, tmp_path: Path, capsys) -> None:
    from_the_future(db)
    before = digest(db)
    code, out, _ = run(capsys, "--db", str(db), "list")
    assert code == 0 and "2019-06-03" in out
    source = tmp_path / "TechArea20190603.md"
    code, _, err = run(capsys, "--db", str(db), "import", "--replace", str(source))
    line = one_line_error(err)
    assert code == 1 and "written by osgtui 9.0 (m099_future)" in line and "upgrade osgtui" in line
    assert digest(db) == before


def test_user_version_alone_marks_a_newer_database(db: Path) -> None:
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA user_version = 99")
    conn.close()
    store = Store.open(db)
    assert store.read_only_reason is not None and "schema version 99" in store.read_only_reason
    store.close()


def test_this_version_records_its_schema(db: Path) -> None:
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == 5
    assert conn.execute("SELECT value FROM osgtui_meta").fetchone()[0].startswith("osgtui ")
    conn.close()


def damage(db: Path) -> None:
    """Overwrite pages in the middle of the file (after a checkpoint, so the damage is what SQLite reads)."""
    conn = sqlite3.connect(db)
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    size = db.stat().st_size
    with open(db, "r+b") as f:
        f.seek(4096 * 2)
        f.write(os.urandom(min(size - 8192, 4096 * 6)))


@pytest.mark.parametrize("command", [["export", "2019-06-03"], ["search", "xrootd"], ["actions"], ["show", "2019-06-03"]])
def test_damaged_pages_give_one_line_with_the_recovery_hint(db: Path, capsys, command: list[str]) -> None:
    damage(db)
    code, _, err = run(capsys, "--db", str(db), *command)
    if code == 0:
        pytest.skip("the damage missed what this command reads")
    line = one_line_error(err)
    assert str(db) in line and (".recover" in line or "cannot open" in line)


def test_damaged_database_on_import_replace(db: Path, tmp_path: Path, capsys) -> None:
    damage(db)
    code, _, err = run(capsys, "--db", str(db), "import", "--replace", str(tmp_path / "TechArea20190603.md"))
    assert code == 1
    one_line_error(err)


def test_a_database_path_too_long_or_impossible(tmp_path: Path, capsys) -> None:
    for path in (tmp_path / ("x" * 300 + ".db"), Path("/proc/self/nonexistent/dir/x.db")):
        code, _, err = run(capsys, "--db", str(path), "list")
        assert code == 1 and str(path) in one_line_error(err)


def test_a_wal_file_from_another_database_is_refused(db: Path, tmp_path: Path, capsys) -> None:
    other = tmp_path / "other.db"
    conn = sqlite3.connect(other)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA wal_autocheckpoint=0")
    conn.execute("CREATE TABLE t (x)")
    conn.execute("INSERT INTO t VALUES (1)")
    conn.commit()
    (tmp_path / "m.db-wal").write_bytes((tmp_path / "other.db-wal").read_bytes())
    conn.close()
    before = digest(db)
    code, out, err = run(capsys, "--db", str(db), "list")
    line = one_line_error(err)
    assert code == 1 and "m.db-wal file belongs to another database" in line and "move" in line
    assert digest(db) == before  # nothing was written through the foreign WAL


def test_a_config_path_too_long_is_one_line(tmp_path: Path, capsys) -> None:
    code, _, err = run(capsys, "--config", str(tmp_path / ("c" * 300 + ".toml")), "list")
    assert code == 2 and "File name too long" in one_line_error(err)
