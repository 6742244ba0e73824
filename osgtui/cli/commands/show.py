"""``osgtui show DATE [--json]``: a meeting's structure."""

from __future__ import annotations

import argparse

from osgtui.cli.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``show`` command."""
    p = subparsers.add_parser(
        "show",
        help="show a meeting's structure (attendance, triage, counts, action items, sections)",
        description="Show the structure read from a meeting: counts and deltas (and whether each delta "
        "was computed or given), action items with owners and status, sections.",
    )
    p.add_argument("date", metavar="DATE", help="meeting date, YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the meeting summary."""
    from osgtui.cli.common import parse_date, print_json
    from osgtui.summary import meeting_summary

    summary = meeting_summary(ctx.store.load_meeting(parse_date(args.date)))
    if args.json:
        print_json(summary)
        return 0
    print(f"{summary['date']}  {summary['title']}")
    print(f"attending: {', '.join(summary['attending']) or '-'}")
    t = summary["triage"]
    print(f"triage: this week {t['this_week'] or '-'}, next week {t['next_week'] or '-'}")
    for c in t["counts"] + summary["jira"]:
        print(f"  {c.get('label') or c.get('state')}: {count_text(c)}")
    for a in summary["action_items"]:
        print(f"  AI ({', '.join(a['owners'])}) [{a['status']}] {a['text']}  — {a['section']}")
    for s in summary["sections"]:
        print(f"{'  ' * (s['level'] - 2)}{'#' * s['level']} {s['title']}")
    return 0


def count_text(c: dict) -> str:
    """``150 (+2, computed)``; ``pending`` for a number still to fill in (``?`` in the minutes)."""
    if c["count"] is None:
        return "pending"
    delta = "?" if c["delta"] is None else f"{c['delta']:+d}"
    how = "computed" if c["delta_computed"] else "given"
    source = f", {c['source']}" if c.get("source") in ("fetched", "manual") else ""
    as_of = f" as of {c['as_of']}" if c.get("as_of") else ""
    return f"{c['count']} ({delta}, {how}{source}{as_of})"
