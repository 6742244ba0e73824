"""Helpers for fault tests: osgtui in a child process, as a user who cannot write, on a read-only database.

Tests may run as root, where ``chmod`` does not stop a write. Two ways around that:

- :func:`unprivileged` is a command prefix running the child as ``nobody`` with only the
  capability to read and search every file (``CAP_DAC_READ_SEARCH``, via ``setpriv``), so
  it can run this checkout's Python but cannot write a file it does not own. For an
  ordinary user it is empty (plain permissions already apply).
- :func:`read_only_stores` makes every ``Store.open`` in this process open the database
  through SQLite's ``mode=ro``: a real SQLite connection that refuses every write.
"""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
from functools import cache
from pathlib import Path

import pytest

from osgtui.store.database import Store, prepare

ROOT = Path(__file__).resolve().parents[2]
NOBODY = 65534


@cache
def _setpriv_prefix() -> tuple[str, ...] | None:
    """The ``setpriv`` prefix for ``nobody`` with read access everywhere, if this machine allows it."""
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        return None
    prefix = (
        setpriv, f"--reuid={NOBODY}", f"--regid={NOBODY}", "--clear-groups",
        "--inh-caps=+dac_read_search", "--ambient-caps=+dac_read_search",
    )  # fmt: skip
    probe = subprocess.run([*prefix, sys.executable, "-c", "import osgtui.cli"], cwd=ROOT, capture_output=True)
    return prefix if probe.returncode == 0 else None


def unprivileged() -> list[str]:
    """A prefix that runs a command unable to write files it does not own (skips the test if impossible)."""
    if os.geteuid() != 0:
        return []
    prefix = _setpriv_prefix()
    if prefix is None:
        pytest.skip("running as root and setpriv cannot drop to nobody here, so no file is read-only")
    return list(prefix)


def run_osgtui(
    *args: str, home: Path, timeout: float = 60, prefix: list[str] | None = None, stdin: int | None = None
) -> subprocess.CompletedProcess[str]:
    """Run ``python -m osgtui args`` in a child process; fails the test if it does not end within ``timeout`` s."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("OSGTUI_")}
    env.update(HOME=str(home), XDG_CONFIG_HOME=str(home / ".config"), XDG_DATA_HOME=str(home / "data"))
    env["PYTHONPATH"] = str(ROOT)
    command = [*(prefix or []), sys.executable, "-m", "osgtui", *args]
    try:
        return subprocess.run(
            command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=timeout,
            stdin=subprocess.DEVNULL if stdin is None else stdin,
        )  # fmt: skip
    except subprocess.TimeoutExpired:
        pytest.fail(f"osgtui {' '.join(args)} did not finish within {timeout} s")


def one_error_line(stderr: str) -> str:
    """The single ``osgtui: error:`` line of ``stderr`` (asserting there is exactly one and no traceback)."""
    assert "Traceback" not in stderr, stderr
    errors = [line for line in stderr.splitlines() if line.startswith("osgtui: error: ")]
    assert len(errors) == 1, stderr
    return errors[0]


def read_only_stores(monkeypatch: pytest.MonkeyPatch) -> None:
    """Make ``Store.open`` open the (existing) database read-only, as SQLite does for a read-only file."""

    def open_read_only(cls: type[Store], path: Path | str, config: object = None, **_: object) -> Store:
        path = Path(path)
        conn = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        return cls(prepare(conn), path, config)

    monkeypatch.setattr(Store, "open", classmethod(open_read_only))


def writable_dir(path: Path) -> Path:
    """A new directory the :func:`unprivileged` user can create files in (SQLite's ``-wal``/``-shm``)."""
    path.mkdir()
    if os.geteuid() == 0:
        os.chown(path, NOBODY, NOBODY)
    return path


def files_in(directory: Path) -> dict[str, bytes]:
    """Every file under ``directory`` with its bytes (to check nothing changed or was left behind)."""
    return {str(p.relative_to(directory)): p.read_bytes() for p in sorted(directory.rglob("*")) if p.is_file()}
