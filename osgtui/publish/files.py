"""Byte-exact file reads and atomic writes (:func:`osgtui.fileio.write_file`), with a snapshot to undo them.

Every write replaces a regular file atomically: an existing file keeps its permission
bits, a new one gets the usual ``0666 & ~umask``, and a special file in the repository
(FIFO, device) is refused, never replaced.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from osgtui.errors import PublishError
from osgtui.fileio import read_regular, write_file


def read_bytes(path: Path) -> bytes | None:
    """The bytes of ``path``, or None when it does not exist; a FIFO or device is refused, never read."""
    try:
        return read_regular(path, error=PublishError)
    except FileNotFoundError:
        return None


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
        write_file(path, data, error=PublishError)

    def restore(self) -> list[str]:
        """Put every remembered file back as it was; returns problems (empty when all went well)."""
        problems = []
        for path, original in self.originals.items():
            try:
                if original is None:
                    path.unlink(missing_ok=True)
                elif read_bytes(path) != original:
                    write_file(path, original, error=PublishError)
            except (OSError, PublishError) as err:
                problems.append(f"could not restore {path}: {err}")
        for directory in reversed(self.created_dirs):
            try:
                directory.rmdir()
            except OSError as err:
                problems.append(f"could not remove {directory}: {err.strerror or err}")
        return problems
