"""The import / export / list / show commands, including every bad-input case."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from osgtui.cli import main

from .fixtures import MINUTES_2019, MINUTES_2024


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    out = {}
    for name, text in (("TechArea20190603.md", MINUTES_2019), ("TechArea20241126.md", MINUTES_2024)):
        path = tmp_path / name
        path.write_bytes(text.encode("utf-8"))
        out[name] = path
    return out


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_import_export_round_trip(tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "m.db")
    code, out, _ = run(capsys, "--db", db, "import", *map(str, files.values()))
    assert code == 0 and "imported 2019-06-03" in out
    export = tmp_path / "out" / "x.md"
    export.parent.mkdir()
    assert run(capsys, "--db", db, "export", "2019-06-03", "-o", str(export))[0] == 0
    assert export.read_bytes() == files["TechArea20190603.md"].read_bytes()
    main(["--db", db, "export", "2024-11-26"])
    assert capsys.readouterr().out == MINUTES_2024


def test_list_and_show_json(tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "m.db")
    run(capsys, "--db", db, "import", *map(str, files.values()))
    code, out, _ = run(capsys, "--db", db, "list", "--json")
    assert code == 0 and [m["date"] for m in json.loads(out)] == ["2024-11-26", "2019-06-03"]
    code, out, _ = run(capsys, "--db", db, "show", "2019-06-03", "--json")
    doc = json.loads(out)
    assert {"date", "title", "attending", "triage", "jira", "releases", "action_items", "sections"} <= doc.keys()
    assert doc["jira"][3] == {"state": "Ready for Release", "count": None, "delta": None, "delta_computed": False,
                              "new": False, "source": "imported", "as_of": None}
    code, out, _ = run(capsys, "--db", db, "show", "2019-06-03")
    assert code == 0 and "BobL" in out
    # the text shows every table the JSON has: each release column, its rows and its lists
    assert "JIRA:\n" in out and "  Ready for Release: pending\n" in out
    assert "release 3.4.31:\n  Open: 1 (+0, given)\n  Ready for Testing: 4 (-1, given)\n  Total: 5 (-1, given)\n" in out
    assert "release 3.4.31/3.5.0 Both:\n  Open: 0 (+0, given)\n" in out
    assert "release 3.4.31/3.5.0 Total:\n" in out and "release 3.5.0:\n" in out
    assert "  Ready for Testing: cctools 7.0.13; xrootd-plugin 1.0\n" in out


def test_existing_date_needs_replace(tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "m.db")
    path = str(files["TechArea20190603.md"])
    assert run(capsys, "--db", db, "import", path)[0] == 0
    code, _, err = run(capsys, "--db", db, "import", path)
    assert code == 1 and "already in the database" in err and "--replace" in err
    assert run(capsys, "--db", db, "import", "--replace", path)[0] == 0


def test_bad_files_are_reported_and_others_imported(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    bad = {
        "empty.md": b"",
        "binary.md": b"\x89PNG\r\n\x1a\n\x00\x00",
        "latin1.md": "# Réunion, 3 June 2019\n".encode("latin-1"),
        "notitle.md": b"-   a bullet\n",
        "nodate.md": b"# A meeting without a date\n",
    }
    for name, data in bad.items():
        (tmp_path / name).write_bytes(data)
    db = str(tmp_path / "m.db")
    args = [str(tmp_path / n) for n in bad] + [str(tmp_path / "missing.md"), str(tmp_path)]
    code, out, err = run(capsys, "--db", db, "import", *args, str(files["TechArea20190603.md"]))
    assert code == 1
    assert "imported 2019-06-03" in out
    lines = err.strip().splitlines()
    assert len(lines) == len(args)
    assert "Traceback" not in err
    for name in bad:
        assert any(name in line for line in lines)


@pytest.mark.parametrize("args", [["export", "2020-01-01"], ["show", "2020-01-01", "--json"]])
def test_unknown_date_is_a_clear_error(tmp_path: Path, args: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, "--db", str(tmp_path / "m.db"), *args)
    assert code == 1 and out == ""
    assert err.strip() == "osgtui: error: no meeting on 2020-01-01; see `osgtui list` for the stored dates"


def test_malformed_date(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "m.db"), "export", "10/06/2019")
    assert code == 1 and "expected YYYY-MM-DD" in err


def test_export_to_missing_directory_writes_nothing(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "m.db")
    run(capsys, "--db", db, "import", str(files["TechArea20190603.md"]))
    code, _, err = run(capsys, "--db", db, "export", "2019-06-03", "-o", str(tmp_path / "nope" / "x.md"))
    assert code == 1 and "does not exist" in err


def test_database_that_is_not_sqlite(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "junk.db"
    db.write_bytes(b"this is not a database" * 100)
    code, _, err = run(capsys, "--db", str(db), "list")
    assert code == 1 and str(db) in err and "Traceback" not in err
    assert db.read_bytes() == b"this is not a database" * 100


def test_bad_config_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cfg = tmp_path / "c.toml"
    cfg.write_text("[jira]\ntimeout = 'ten'\n")
    code, _, err = run(capsys, "--config", str(cfg), "--db", str(tmp_path / "m.db"), "list")
    assert code == 2 and str(cfg) in err and len(err.strip().splitlines()) == 1


def test_store_schema_and_wal(tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "m.db"
    run(capsys, "--db", str(db), "import", str(files["TechArea20190603.md"]))
    conn = sqlite3.connect(db)
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    owners = conn.execute("SELECT owners, status, section FROM action_items ORDER BY position").fetchall()
    assert owners[0] == ('["Alice", "BobL"]', "open", "OSG Software Team")
    assert conn.execute("SELECT this_week, next_week FROM triage").fetchone() == ("BobL", "Carol Q")
    names = [r[0] for r in conn.execute("SELECT name FROM attendance ORDER BY position")]
    assert names == ["Alice", "BobL", "Carol Q", "Dave"]
    assert conn.execute("SELECT count(*) FROM counts WHERE grp = 'jira'").fetchone()[0] == 4
    tree = conn.execute(
        "SELECT b.text FROM blocks b JOIN blocks p ON b.parent_uid = p.uid WHERE p.text = 'XRootD:'"
    ).fetchall()
    assert len(tree) == 2
    conn.close()


def test_help_documents_every_command(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--help"])
    out = capsys.readouterr().out
    for command in ("import", "export", "list", "show"):
        assert command in out


def test_export_file_gets_normal_permissions(
    tmp_path: Path, files: dict[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    import os

    db = str(tmp_path / "m.db")
    run(capsys, "--db", db, "import", str(files["TechArea20190603.md"]))
    out = tmp_path / "x.md"
    old = os.umask(0o022)
    try:
        run(capsys, "--db", db, "export", "2019-06-03", "-o", str(out))
    finally:
        os.umask(old)
    assert out.stat().st_mode & 0o777 == 0o644


def test_every_command_module_is_listed() -> None:
    """A module added under osgtui/cli/commands is a command only once COMMANDS names it: none is forgotten."""
    import pkgutil

    from osgtui.cli import COMMANDS, commands

    modules = {info.name for info in pkgutil.iter_modules(commands.__path__)}
    assert sorted(COMMANDS) == sorted(modules)
