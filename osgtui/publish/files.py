"""Byte-exact file reads and atomic writes, with a snapshot to undo them."""

from __future__ import annotations

import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from osgtui.errors import PublishError


def read_bytes(path: Path) -> bytes | None:
    """The bytes of ``path``, or None when it does not exist."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as err:
        raise PublishError(f"cannot read {path}: {err.strerror or err}") from err


def atomic_write(path: Path, data: bytes) -> None:
    """Replace ``path`` with ``data`` atomically (temporary file in the same directory).

    An existing file keeps its permission bits; a new one gets the usual ``0666 & ~umask``.
    """
    tmp = path.with_name(f".{path.name}.osgtui-{secrets.token_hex(4)}.tmp")
    try:
        mode = path.stat().st_mode & 0o7777
    except FileNotFoundError:
        mode = None
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            if mode is not None:
                os.chmod(tmp, mode)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise PublishError(f"cannot write {path}: {err.strerror or err}") from err


@dataclass
class Snapshot:
    """The original bytes of files about to be changed, to put them back on failure."""

    originals: dict[Path, bytes | None] = field(default_factory=dict)
    created_dirs: list[Path] = field(default_factory=list)

    def write(self, path: Path, data: bytes) -> None:
        """Remember ``path``'s current bytes (once), create missing parents, then write ``data``."""
        if path not in self.originals:
            self.originals[path] = read_bytes(path)
        missing = [parent for parent in reversed(path.parents) if not parent.exists()]
        for directory in missing:
            try:
                directory.mkdir()
            except OSError as err:
                raise PublishError(f"cannot create directory {directory}: {err.strerror or err}") from err
            self.created_dirs.append(directory)
        atomic_write(path, data)

    def restore(self) -> list[str]:
        """Put every remembered file back as it was; returns problems (empty when all went well)."""
        problems = []
        for path, original in self.originals.items():
            try:
                if original is None:
                    path.unlink(missing_ok=True)
                elif read_bytes(path) != original:
                    atomic_write(path, original)
            except (OSError, PublishError) as err:
                problems.append(f"could not restore {path}: {err}")
        for directory in reversed(self.created_dirs):
            try:
                directory.rmdir()
            except OSError as err:
                problems.append(f"could not remove {directory}: {err.strerror or err}")
        return problems
