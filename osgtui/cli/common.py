"""Small helpers shared by subcommands: dates, atomic writes, JSON output."""

from __future__ import annotations

import json
import os
import sys
import tempfile
from datetime import date
from pathlib import Path
from typing import Any

from osgtui.errors import OsgtuiError


def parse_date(text: str) -> date:
    """A ``YYYY-MM-DD`` argument as a date, or a one-line error saying what is expected."""
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise OsgtuiError(f"date {text!r}: expected YYYY-MM-DD, e.g. 2019-06-10") from None


def atomic_write(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file and rename: never a half-written file."""
    path = Path(path)
    if path.is_dir():
        raise OsgtuiError(f"{path}: is a directory; give a file name")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise OsgtuiError(f"{path}: directory {parent} does not exist")
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        mode = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=parent)
    try:
        os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except OSError as err:
        Path(tmp).unlink(missing_ok=True)
        raise OsgtuiError(f"{path}: cannot write ({err.strerror})") from None


def print_json(value: Any) -> None:
    """Print a JSON document (UTF-8, indented) to stdout."""
    json.dump(value, sys.stdout, indent=2, ensure_ascii=False, default=str)
    sys.stdout.write("\n")
