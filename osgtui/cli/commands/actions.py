"""``osgtui actions [--owner NAME] [--open] [--json]``: action items across meetings."""

from __future__ import annotations

import argparse

from osgtui.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``actions`` command."""
    p = subparsers.add_parser(
        "actions",
        help="list action items across meetings (owners, status, first raised, last seen)",
        description="List every action item across the stored meetings, oldest first raised first: owners "
        "(aliases from [people.aliases] resolved), text, status (open, in progress, done, or dropped when "
        "it stopped appearing without being marked done), first raised, last seen, the number of meetings "
        "it was open in, and its section.",
    )
    p.add_argument("--owner", metavar="NAME", help="only items owned by NAME (an alias works too)")
    p.add_argument("--open", action="store_true", help="only open and in-progress items")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print one line (or JSON object) per action item."""
    from osgtui.cli.common import print_json
    from osgtui.history import action_history

    records = action_history(ctx.store, ctx.config, owner=args.owner, open_only=args.open)
    if args.json:
        print_json([r.to_json() for r in records])
        return 0
    if not records:
        print("no action items" + (f" for {args.owner}" if args.owner else "") + (" open" if args.open else ""))
        return 0
    print(f"{'raised':10}  {'last seen':10}  {'open':>4}  {'status':11}  owners: text  [section]")
    for r in records:
        owners = ", ".join(r.owners) or "-"
        print(f"{r.first_raised.isoformat()}  {r.last_seen.isoformat()}  {r.meetings_open:>4}  {r.status:11}  "
              f"{owners}: {r.text}  [{r.section or '-'}]")
    return 0
