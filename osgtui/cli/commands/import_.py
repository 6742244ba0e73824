"""``osgtui import FILE...``: read minutes files into the database."""

from __future__ import annotations

import argparse
import sys
import time
from collections.abc import Callable
from typing import TextIO

from osgtui.context import Context

PROGRESS_EVERY = 2.0
"""Seconds between progress lines on stderr; an import done sooner prints none."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``import`` command."""
    p = subparsers.add_parser(
        "import",
        help="import minutes files (TechAreaYYYYMMDD.md) into the database",
        description="Import minutes files. The date comes from a TechAreaYYYYMMDD.md file name, else "
        "from the title (a warning says so when the name's date is not a date or the title disagrees). "
        "Only regular files up to [import] max_file_mb (default 5 MB) are read. A bad file is reported "
        "and skipped; the others are still imported. An import taking longer than two seconds prints "
        "its progress on stderr every two seconds.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="Markdown minutes files")
    p.add_argument("--replace", action="store_true", help="replace a meeting already stored on the same date")
    p.set_defaults(run=run)


class ProgressLines:
    """Prints ``osgtui: importing: read 120/340 files`` at most every ``every`` seconds, none at first.

    The first line comes only once ``every`` seconds have passed since the start, so
    a quick import stays quiet; ``clock`` is injectable for tests.
    """

    def __init__(
        self, stream: TextIO, every: float | None = None, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.stream = stream
        self.every = PROGRESS_EVERY if every is None else every
        self.clock = clock
        self.last = clock()

    def step(self, what: str) -> Callable[[int, int], None]:
        """A ``progress(done, total)`` callback for one phase (``"read"`` files, ``"saved"`` meetings)."""
        unit = "files" if what == "read" else "meetings"

        def report(done: int, total: int) -> None:
            now = self.clock()
            if now - self.last >= self.every:
                self.last = now
                print(f"osgtui: importing: {what} {done}/{total} {unit}", file=self.stream, flush=True)

        return report


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Import each file in date order; exit 1 when any file failed."""
    from osgtui.history.importer import import_meetings, read_minutes_files

    store = ctx.store
    store.check_writable("cannot import")
    progress = ProgressLines(sys.stderr)
    read = read_minutes_files(args.files, max_bytes=ctx.config.import_.max_bytes, progress=progress.step("read"))
    for warning in read.warnings:
        print(f"osgtui: warning: {warning}", file=sys.stderr)
    results = import_meetings(
        store, read.meetings, replace=args.replace, config=ctx.config, progress=progress.step("saved")
    )
    for _name, error in read.failures + results.failures:
        print(f"osgtui: error: {error}", file=sys.stderr)
    for meeting in results.imported:
        print(f"imported {meeting.date.isoformat()}  {meeting.source_name}")
    return 1 if read.failures or results.failures else 0
