"""``osgtui import FILE...``: read minutes files into the database."""

from __future__ import annotations

import argparse
import sys

from osgtui.cli.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``import`` command."""
    p = subparsers.add_parser(
        "import",
        help="import minutes files (TechAreaYYYYMMDD.md) into the database",
        description="Import minutes files. The date comes from a TechAreaYYYYMMDD.md file name, else "
        "from the title. A bad file is reported and skipped; the others are still imported.",
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="Markdown minutes files")
    p.add_argument("--replace", action="store_true", help="replace a meeting already stored on the same date")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Import each file in date order; exit 1 when any file failed."""
    from osgtui.importer import import_meetings, read_files

    meetings, failures = read_files(args.files)
    store = ctx.store
    results = import_meetings(store, meetings, replace=args.replace, config=ctx.config)
    for _name, error in failures + results.failures:
        print(f"osgtui: error: {error}", file=sys.stderr)
    for meeting in results.imported:
        print(f"imported {meeting.date.isoformat()}  {meeting.source_name}")
    return 1 if failures or results.failures else 0
