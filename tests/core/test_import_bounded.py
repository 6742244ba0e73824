"""``osgtui import`` is bounded: regular files only, a size limit, progress, and what it chose said aloud."""

from __future__ import annotations

import io
import os
import socket
import sqlite3
from pathlib import Path

import pytest

from osgtui.cli import main
from osgtui.cli.commands import import_
from osgtui.cli.commands.import_ import ProgressLines
from osgtui.errors import ParseError
from osgtui.fileio import read_regular

from .faults import one_error_line, read_only_stores, run_osgtui, unprivileged, writable_dir
from .fixtures import MINUTES_2019

GOOD = "TechArea20190603.md"


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def good(tmp_path: Path) -> Path:
    path = tmp_path / GOOD
    path.write_text(MINUTES_2019, encoding="utf-8")
    return path


def stored_dates(db: Path) -> list[str]:
    conn = sqlite3.connect(db)
    try:
        return [r[0] for r in conn.execute("SELECT date FROM meetings ORDER BY date")]
    finally:
        conn.close()


def test_fifo_is_refused_and_the_good_file_beside_it_imported(tmp_path: Path, good: Path) -> None:
    fifo = tmp_path / "TechArea20300114.md"
    os.mkfifo(fifo)
    db = tmp_path / "m.db"
    # A child process: were the FIFO opened for reading, the import would block forever.
    result = run_osgtui("--db", str(db), "import", str(fifo), str(good), home=tmp_path)
    assert result.returncode == 1
    line = one_error_line(result.stderr)
    assert str(fifo) in line and "FIFO" in line and "not a regular file" in line
    assert "imported 2019-06-03" in result.stdout
    assert stored_dates(db) == ["2019-06-03"]


def test_devices_directories_and_sockets_are_refused_one_line_each(
    tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    directory = tmp_path / "TechArea20300121.md"
    directory.mkdir()
    sock_path = tmp_path / "TechArea20300128.md"
    sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    sock.bind(str(sock_path))
    try:
        code, out, err = run(capsys, "--db", str(tmp_path / "m.db"), "import", "/dev/null", str(directory),
                             str(sock_path), str(good))
    finally:
        sock.close()
    assert code == 1 and "imported 2019-06-03" in out
    lines = err.strip().splitlines()
    assert len(lines) == 3 and "Traceback" not in err
    assert lines[0] == "osgtui: error: /dev/null: is a character device, not a regular file; only regular files are read"
    assert f"{directory}: is a directory" in lines[1]
    assert f"{sock_path}: is a socket" in lines[2]


def test_a_file_over_the_size_limit_is_refused(tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "TechArea20190610.md"
    big.write_text(MINUTES_2019.replace("3 June", "10 June") + "-   padding\n" * 1000, encoding="utf-8")
    config = tmp_path / "c.toml"
    config.write_text("[import]\nmax_file_mb = 0.01\n", encoding="utf-8")
    code, out, err = run(capsys, "--config", str(config), "--db", str(tmp_path / "m.db"), "import", str(big), str(good))
    assert code == 1 and "imported 2019-06-03" in out and "2019-06-10" not in out
    assert one_error_line(err) == (
        f"osgtui: error: {big}: {big.stat().st_size / 1000:.1f} KB is over the 10 KB limit for a minutes file; "
        "raise [import] max_file_mb in the configuration to import it"
    )


def test_the_default_limit_is_5_mb(tmp_path: Path) -> None:
    path = tmp_path / "TechArea20190610.md"
    path.write_bytes(b"# x\n" * 1_250_001)  # 5,000,004 bytes
    with pytest.raises(ParseError, match=r": 5\.0 MB is over the 5 MB limit$"):
        read_regular(path, limit=5_000_000, error=ParseError)
    assert len(read_regular(path, limit=5_000_004)) == 5_000_004


def test_impossible_date_in_the_file_name_warns_and_names_the_date_used(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "TechArea20190230.md"
    path.write_text(MINUTES_2019.replace(" 3 June 2019", "28 February 2019"), encoding="utf-8")
    code, out, err = run(capsys, "--db", str(tmp_path / "m.db"), "import", str(path))
    assert code == 0 and "imported 2019-02-28" in out
    assert err == (
        f"osgtui: warning: {path}: 2019-02-30 in the file name is not a valid date; using the title's date "
        "2019-02-28 (rename the file to TechAreaYYYYMMDD.md with the meeting's date)\n"
    )


def test_file_name_and_title_dates_that_disagree_are_both_named(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "TechArea20190610.md"  # last week's file copied, title not updated
    path.write_text(MINUTES_2019, encoding="utf-8")
    code, out, err = run(capsys, "--db", str(tmp_path / "m.db"), "import", str(path))
    assert code == 0 and "imported 2019-06-10" in out
    assert err == (
        f"osgtui: warning: {path}: the file name's date 2019-06-10 differs from the title's 2019-06-03; "
        "using the file name's 2019-06-10 (fix the title if that is wrong)\n"
    )


def test_impossible_file_name_date_and_no_title_date_is_one_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "TechArea20190230.md"
    path.write_text("# OSG Technology Area Meeting\n\n-   x\n", encoding="utf-8")
    code, _, err = run(capsys, "--db", str(tmp_path / "m.db"), "import", str(path))
    assert code == 1
    assert "2019-02-30 in the file name is not a valid date" in one_error_line(err)


def test_progress_lines_every_interval_and_none_for_a_quick_import() -> None:
    now = [0.0]
    out = io.StringIO()
    progress = ProgressLines(out, every=2.0, clock=lambda: now[0])
    read = progress.step("read")
    read(1, 340)
    assert out.getvalue() == ""  # under two seconds: quiet
    now[0] = 2.5
    read(120, 340)
    now[0] = 3.0
    read(121, 340)  # within two seconds of the last line
    now[0] = 4.6
    progress.step("saved")(80, 338)
    assert out.getvalue() == "osgtui: importing: read 120/340 files\nosgtui: importing: saved 80/338 meetings\n"


def test_progress_is_printed_on_stderr_during_a_long_import(
    tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(import_, "PROGRESS_EVERY", 0.0)  # every step counts as "long"
    code, _, err = run(capsys, "--db", str(tmp_path / "m.db"), "import", str(good))
    assert code == 0
    assert err.splitlines() == ["osgtui: importing: read 1/1 files", "osgtui: importing: saved 1/1 meetings"]


def test_replace_on_a_read_only_database_is_one_line(
    tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "m.db"
    assert run(capsys, "--db", str(db), "import", str(good))[0] == 0
    before = db.read_bytes()
    read_only_stores(monkeypatch)
    code, out, err = run(capsys, "--db", str(db), "import", "--replace", str(good))
    assert code == 1 and out == ""
    line = one_error_line(err)
    assert line.startswith(f"osgtui: error: database {db}: cannot import: database is read-only")
    assert line.endswith("check the file's permissions")
    assert db.read_bytes() == before


def test_replace_on_a_read_only_database_file(tmp_path: Path, good: Path, capsys: pytest.CaptureFixture[str]) -> None:
    prefix = unprivileged()
    db = writable_dir(tmp_path / "db") / "m.db"
    assert run(capsys, "--db", str(db), "import", str(good))[0] == 0
    db.chmod(0o444)
    before = db.read_bytes()
    result = run_osgtui("--db", str(db), "import", "--replace", str(good), home=tmp_path, prefix=prefix)
    assert result.returncode == 1 and result.stdout == ""
    assert one_error_line(result.stderr).startswith(f"osgtui: error: database {db}: cannot import: database is read-only")
    assert db.read_bytes() == before
