"""Reading and writing files without surprises: regular files only, bounded reads, atomic writes.

Used by the importer (minutes files), ``osgtui export -o`` and publishing (the
repository's minutes file and ``mkdocs.yml``), so the rules live in one place:

- :func:`read_regular` reads only a regular file (a FIFO, device, socket or directory is
  refused with one line, never opened for reading, so it cannot hang) and at most
  ``limit`` bytes.
- :func:`write_file` replaces a regular (or new) file atomically: a temporary file in the
  same directory, fsynced, then renamed over the target, which keeps its permission
  bits. Special files are never replaced: a character device or FIFO is written into
  when the caller allows it (``osgtui export -o /dev/stdout``), anything else is refused.

Every failure is an :class:`~osgtui.errors.OsgtuiError` (or the ``error`` class given)
whose message is one line naming the file and what to do; nothing is left behind.
"""

from __future__ import annotations

import errno
import os
import secrets
import stat
from pathlib import Path

from osgtui.errors import OsgtuiError

_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def special_kind(mode: int) -> str | None:
    """What a non-regular file is ("a directory", "a FIFO (named pipe)", …); None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def _reason(err: OSError) -> str:
    return err.strerror or type(err).__name__


def read_regular(
    path: Path | str,
    *,
    limit: int | None = None,
    error: type[OsgtuiError] = OsgtuiError,
    too_large_hint: str = "",
) -> bytes:
    """The bytes of the regular file ``path``, refusing anything else and anything over ``limit`` bytes.

    The file is checked before it is opened (``stat``) and again once open (``fstat``, the
    open is non-blocking), so a FIFO swapped in between cannot block the read.
    ``FileNotFoundError`` is raised as is (callers decide what a missing file means);
    every other failure is ``error`` with a one-line message.
    """
    name = str(path)
    try:
        kind = special_kind(os.stat(path).st_mode)
        if kind is not None:
            raise error(f"{name}: is {kind}, not a regular file; only regular files are read")
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        raise
    except OSError as err:
        raise error(f"{name}: cannot read ({_reason(err)})") from None
    try:
        info = os.fstat(fd)
        kind = special_kind(info.st_mode)
        if kind is not None:
            raise error(f"{name}: is {kind}, not a regular file; only regular files are read")
        os.set_blocking(fd, True)
        with os.fdopen(fd, "rb", closefd=False) as handle:
            data = handle.read() if limit is None else handle.read(limit + 1)
    except OSError as err:
        raise error(f"{name}: cannot read ({_reason(err)})") from None
    finally:
        os.close(fd)
    if limit is not None and len(data) > limit:
        size = max(info.st_size, len(data))
        raise error(f"{name}: {describe_size(size)} is over the {describe_size(limit)} limit{too_large_hint}")
    return data


def describe_size(size: int) -> str:
    """A byte count for messages: ``512 bytes``, ``3.2 KB``, ``52.4 MB`` (1 MB = 1,000,000 bytes)."""
    if size < 1000:
        return f"{size} bytes"
    unit, name = (1000, "KB") if size < 1_000_000 else (1_000_000, "MB")
    return f"{size // unit} {name}" if size % unit == 0 else f"{size / unit:.1f} {name}"


def write_file(
    path: Path | str,
    data: bytes,
    *,
    into_devices: bool = False,
    error: type[OsgtuiError] = OsgtuiError,
) -> None:
    """Write ``data`` to ``path``: atomically for a regular or new file, never replacing a special file.

    The one atomic write of osgtui (exports, publishing, the configuration's roster): a
    temporary file in the same directory, fsynced, renamed over ``path`` with
    ``os.replace``. An existing file keeps its permission bits (and owner, when allowed);
    a new one gets the usual ``0666 & ~umask``.

    With ``into_devices`` a character device or FIFO is written into directly (as a shell's
    ``>`` would); otherwise, and always for directories, block devices and sockets, the
    target is refused. Raises ``error`` with one line; a failed write leaves no temporary
    file and the target as it was.
    """
    path = Path(path)
    try:
        info: os.stat_result | None = os.stat(path)
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise error(f"{path}: cannot write ({_reason(err)}); check the path") from None
    if info is not None:
        kind = special_kind(info.st_mode)
        if kind == "a directory":
            raise error(f"{path}: is a directory; give a file name")
        if kind is not None:
            if into_devices and (stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode)):
                _write_into(path, data, kind, error)
                return
            raise error(f"{path}: is {kind}, not a regular file; osgtui only replaces regular files, give another path")
    parent = path.parent if str(path.parent) else Path(".")
    if not parent.is_dir():
        raise error(f"{path}: directory {parent} does not exist; create it or give another path")
    _replace_atomically(path, parent, data, info, error)


def _write_into(path: Path, data: bytes, kind: str, error: type[OsgtuiError]) -> None:
    """Write into a character device or FIFO without replacing it (a FIFO needs a reader)."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except OSError as err:
        if err.errno == errno.ENXIO:  # a FIFO nobody reads
            raise error(f"{path}: is {kind} that nobody is reading; start the reader first") from None
        raise error(f"{path}: cannot write ({_reason(err)})") from None
    try:
        os.set_blocking(fd, True)
        _write_all(fd, data)
    except OSError as err:
        raise error(f"{path}: cannot write ({_reason(err)})") from None
    finally:
        os.close(fd)


def _replace_atomically(
    path: Path, parent: Path, data: bytes, info: os.stat_result | None, error: type[OsgtuiError]
) -> None:
    """Temporary file beside ``path``, fsynced, renamed over it; mode (and owner when allowed) kept."""
    tmp = parent / f".{path.name[:100]}.osgtui-{secrets.token_hex(4)}.tmp"
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
    except OSError as err:
        raise error(
            f"{path}: cannot create a file in {parent} ({_reason(err)}); choose a directory you can write to"
        ) from None
    try:
        try:
            if info is not None:
                os.fchmod(fd, info.st_mode & 0o7777)
                _keep_owner(fd, info)
            _write_all(fd, data)
            os.fsync(fd)
        finally:
            os.close(fd)
        os.replace(tmp, path)
    except OSError as err:
        tmp.unlink(missing_ok=True)
        raise error(f"{path}: cannot write ({_reason(err)}); nothing was changed") from None
    _sync_directory(parent)


def _write_all(fd: int, data: bytes) -> None:
    """Write every byte (``os.write`` may write fewer)."""
    view = memoryview(data)
    while view:
        view = view[os.write(fd, view):]


def _keep_owner(fd: int, info: os.stat_result) -> None:
    """Give the new file the old one's owner and group when allowed (running as root)."""
    if (info.st_uid, info.st_gid) != (os.geteuid(), os.getegid()):
        try:
            os.fchown(fd, info.st_uid, info.st_gid)
        except OSError:
            pass


def _sync_directory(directory: Path) -> None:
    """fsync the directory so the rename survives a crash (best effort)."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
