"""``osgtui refresh [DATE]``: fetch live counts from Jira, Freshdesk and GGUS."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from osgtui.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``refresh`` command."""
    p = subparsers.add_parser(
        "refresh",
        help="fetch Jira, Freshdesk and GGUS counts into a meeting (in parallel)",
        description="Fetch every configured service in parallel and store the counts with their "
        "deltas. DATE defaults to the current draft (the latest meeting dated today or later). "
        "A failing service leaves its previous values untouched; values typed by hand are kept "
        "unless --overwrite-manual.",
    )
    p.add_argument("date", nargs="?", metavar="DATE", help="meeting date, YYYY-MM-DD")
    p.add_argument("--only", action="append", choices=["jira", "freshdesk", "ggus"],
                   help="fetch only this service (repeatable)")
    p.add_argument("--overwrite-manual", action="store_true", help="replace values typed by hand too")
    p.set_defaults(run=run)


def current_draft(ctx: Context) -> date:
    """The latest meeting dated today or later; an error when there is none."""
    from osgtui.errors import OsgtuiError

    dates = ctx.store.meeting_dates()
    upcoming = [d for d in dates if d >= date.today()]
    if not upcoming:
        raise OsgtuiError("no current draft (no meeting dated today or later); run `osgtui new` or give a DATE")
    return upcoming[-1]


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Fetch, apply, save in one transaction; exit 1 when any service failed."""
    from osgtui.cli.common import parse_date
    from osgtui.config import load_secrets
    from osgtui.refresh import apply_fetch, fetch_counts

    day = parse_date(args.date) if args.date else current_draft(ctx)
    meeting = ctx.store.load_meeting(day)
    report = fetch_counts(ctx.config, load_secrets(), set(args.only) if args.only else None)
    result = apply_fetch(ctx.store, meeting, report, overwrite_manual=args.overwrite_manual)
    if result.changed:
        ctx.store.save_meeting(meeting)
    for line in result.updated + result.added:
        print(f"{day.isoformat()}  {line}")
    for name in result.kept_manual:
        print(f"{day.isoformat()}  {name}: kept the value typed by hand (--overwrite-manual to replace)")
    for service in report.skipped:
        print(f"{service}: no url configured, manual entry only", file=sys.stderr)
    for message in result.errors:
        print(f"osgtui: error: {message}", file=sys.stderr)
    if not report.counts and not report.errors:
        print("nothing to fetch: no service has a url in the configuration", file=sys.stderr)
    return 1 if result.errors else 0
