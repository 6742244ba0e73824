"""``osgtui new [DATE] [--replace]``: the next meeting's draft, carried forward from the last one."""

from __future__ import annotations

import argparse

from osgtui.cli.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``new`` command."""
    p = subparsers.add_parser(
        "new",
        help="create the next meeting's draft from the latest meeting before it",
        description="Create the draft of a meeting from the latest stored meeting before it: new title and "
        "coordinates, empty attendance, triage duty rotated ([triage] rotation, skipping away), counts to "
        "fill in, sections and bullets carried forward with finished items dropped and open action items "
        "linked. With no earlier meeting, the draft starts from the built-in template.",
    )
    p.add_argument("date", metavar="DATE", nargs="?",
                   help="meeting date, YYYY-MM-DD (default: the next meeting day after the latest meeting)")
    p.add_argument("--replace", action="store_true", help="replace a meeting already stored on DATE")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Create and save the draft; print what it was made from."""
    from osgtui.cli.common import parse_date
    from osgtui.extract import action_items, triage_duty
    from osgtui.history import create_draft

    day = parse_date(args.date) if args.date else None
    store = ctx.store
    draft = create_draft(store, ctx.config, day, replace=args.replace)
    previous = store.latest_before(draft.date)
    this_week, next_week, _ = triage_duty(draft)
    carried = sum(1 for item in action_items(draft) if item.continues)
    source = f"from {previous.isoformat()}" if previous else "from the built-in template"
    print(f"created {draft.date.isoformat()} {source}")
    print(f"triage duty: this week {this_week or '-'}, next week {next_week or '-'}")
    print(f"action items carried forward: {carried}")
    return 0
