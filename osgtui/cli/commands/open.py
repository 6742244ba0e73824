"""``osgtui open DATE``: open the console on any stored meeting, past ones included."""

from __future__ import annotations

import argparse

from osgtui.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``open`` command."""
    p = subparsers.add_parser(
        "open",
        help="open the console on a stored meeting (any date)",
        description="Open the meeting console on the meeting of DATE (see `osgtui list`).",
    )
    p.add_argument("date", metavar="DATE", help="meeting date, YYYY-MM-DD")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Check the meeting exists, then run the console on it."""
    from osgtui.cli.common import parse_date
    from osgtui.cli.console import run_console
    from osgtui.errors import StoreError

    day = parse_date(args.date)
    if not ctx.store.has_meeting(day):
        raise StoreError(f"no meeting on {day.isoformat()}; see `osgtui list` for the stored dates, "
                         "or `osgtui new DATE` to create it")
    return run_console(args, ctx, day)
