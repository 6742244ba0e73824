"""``osgtui export DATE [-o FILE]``: write a meeting's Markdown."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from osgtui.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``export`` command."""
    p = subparsers.add_parser(
        "export",
        help="write a meeting as Markdown (stdout or a file)",
        description="Write the meeting of DATE in the minutes repository's exact format.",
    )
    p.add_argument("date", metavar="DATE", help="meeting date, YYYY-MM-DD")
    p.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of stdout: a regular file is replaced atomically (its permissions kept); "
        "a character device or FIFO (/dev/stdout, a named pipe) is written into, never replaced; "
        "a directory, block device or socket is refused; '-' is stdout",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Render the stored meeting and write it."""
    from osgtui.cli.common import parse_date
    from osgtui.fileio import write_file
    from osgtui.minutes.renderer import render_minutes

    day = parse_date(args.date)
    text = render_minutes(ctx.store.load_meeting(day))
    if args.output and args.output != "-":
        write_file(Path(args.output), text.encode("utf-8"), into_devices=True)
        print(f"wrote {args.output}", file=sys.stderr)
    else:
        sys.stdout.buffer.write(text.encode("utf-8"))
        sys.stdout.flush()
    return 0
