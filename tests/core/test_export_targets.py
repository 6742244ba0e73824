"""``osgtui export -o`` writes a regular file or into a device/FIFO; it never replaces a special file."""

from __future__ import annotations

import os
import socket
import stat
from pathlib import Path

import pytest

from osgtui.cli import main
from osgtui.fileio import write_file

from .faults import one_error_line, run_osgtui, unprivileged, writable_dir
from .fixtures import MINUTES_2019

DAY = "2019-06-03"


@pytest.fixture
def db(tmp_path: Path) -> Path:
    source = tmp_path / "TechArea20190603.md"
    source.write_text(MINUTES_2019, encoding="utf-8")
    path = tmp_path / "m.db"
    assert main(["--db", str(path), "import", str(source)]) == 0
    return path


def export(capsys: pytest.CaptureFixture[str], db: Path, target: str) -> tuple[int, str, str]:
    capsys.readouterr()
    code = main(["--db", str(db), "export", DAY, "-o", target])
    out, err = capsys.readouterr()
    return code, out, err


def test_a_regular_file_is_replaced_and_keeps_its_mode(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    target = tmp_path / "out.md"
    target.write_text("old")
    target.chmod(0o640)
    code, _, err = export(capsys, db, str(target))
    assert code == 0 and err == f"wrote {target}\n"
    assert target.read_text(encoding="utf-8") == MINUTES_2019
    assert stat.S_IMODE(target.stat().st_mode) == 0o640
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_a_fifo_with_a_reader_is_written_into_not_replaced(
    capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path
) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    reader = os.open(fifo, os.O_RDONLY | os.O_NONBLOCK)  # a reader is there; the minutes fit the pipe's buffer
    try:
        code, _, err = export(capsys, db, str(fifo))
        assert code == 0, err
        assert os.read(reader, 1 << 16) == MINUTES_2019.encode()
    finally:
        os.close(reader)
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_a_fifo_nobody_reads_is_refused_at_once(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    code, out, err = export(capsys, db, str(fifo))
    assert code != 0 and out == ""
    assert one_error_line(err) == f"osgtui: error: {fifo}: is a FIFO (named pipe) that nobody is reading; start the reader first"
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_dev_null_stays_a_device(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    before = os.stat("/dev/null")
    code, _, err = export(capsys, db, "/dev/null")
    assert code == 0, err
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev and after.st_ino == before.st_ino


def test_dev_full_is_one_line_and_stays_a_device(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    if not os.path.exists("/dev/full"):
        pytest.skip("no /dev/full here")
    code, _, err = export(capsys, db, "/dev/full")
    assert code != 0
    assert one_error_line(err).startswith("osgtui: error: /dev/full: cannot write (No space left on device)")
    assert stat.S_ISCHR(os.stat("/dev/full").st_mode)


def test_a_socket_and_a_directory_are_refused(capsys: pytest.CaptureFixture[str], db: Path, tmp_path: Path) -> None:
    path = tmp_path / "s.sock"
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(path))
        code, _, err = export(capsys, db, str(path))
        assert code != 0
        assert "is a socket, not a regular file" in one_error_line(err)
        assert stat.S_ISSOCK(os.stat(path).st_mode)
    finally:
        server.close()
    code, _, err = export(capsys, db, str(tmp_path))
    assert code != 0 and one_error_line(err) == f"osgtui: error: {tmp_path}: is a directory; give a file name"


def test_dash_is_stdout(capsys: pytest.CaptureFixture[str], db: Path) -> None:
    code, out, err = export(capsys, db, "-")
    assert code == 0 and out == MINUTES_2019 and err == ""


def test_a_read_only_directory_is_one_line(db: Path, tmp_path: Path) -> None:
    prefix = unprivileged()
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o555)
    home = writable_dir(tmp_path / "home")
    os.chmod(db, 0o644)
    result = run_osgtui("--db", str(db), "export", DAY, "-o", str(locked / "out.md"), home=home, prefix=prefix)
    assert result.returncode != 0
    line = one_error_line(result.stderr)
    assert line.startswith(f"osgtui: error: {locked / 'out.md'}: cannot create a file in {locked}")
    assert list(locked.iterdir()) == []


def test_write_file_without_into_devices_refuses_a_device(tmp_path: Path) -> None:
    from osgtui.errors import OsgtuiError

    with pytest.raises(OsgtuiError, match="is a character device, not a regular file"):
        write_file("/dev/null", b"x")


def test_a_database_the_user_cannot_write_is_still_exported(db: Path, tmp_path: Path) -> None:
    prefix = unprivileged()
    home = writable_dir(tmp_path / "home")
    db.chmod(0o444)
    before = db.read_bytes()
    result = run_osgtui("--db", str(db), "export", DAY, home=home, prefix=prefix)
    assert result.returncode == 0, result.stderr
    assert result.stdout == MINUTES_2019
    source = tmp_path / "TechArea20190603.md"
    result = run_osgtui("--db", str(db), "import", "--replace", str(source), home=home, prefix=prefix)
    assert result.returncode == 1
    assert "is read-only for you; osgtui can show it but not change it" in one_error_line(result.stderr)
    assert db.read_bytes() == before
