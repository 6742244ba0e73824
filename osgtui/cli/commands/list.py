"""``osgtui list [--json]``: the stored meetings."""

from __future__ import annotations

import argparse

from osgtui.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``list`` command."""
    p = subparsers.add_parser("list", help="list stored meetings, newest first",
                              description="List stored meetings, newest first.")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print one line (or JSON object) per meeting."""
    from osgtui.cli.common import print_json

    rows = ctx.store.list_meetings()
    if args.json:
        print_json([
            {"date": r.date.isoformat(), "title": r.title, "attending": r.attending,
             "action_items": r.action_items, "updated_at": r.updated_at}
            for r in rows
        ])
        return 0
    if not rows:
        print("no meetings yet: `osgtui import FILE...` or `osgtui new`")
    for r in rows:
        print(f"{r.date.isoformat()}  {r.title}  ({r.attending} attending, {r.action_items} action items)")
    return 0
