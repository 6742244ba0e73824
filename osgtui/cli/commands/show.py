"""``osgtui show DATE [--json]``: a meeting's structure."""

from __future__ import annotations

import argparse

from osgtui.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``show`` command."""
    p = subparsers.add_parser(
        "show",
        help="show a meeting's structure (attendance, triage, every count table, action items, sections)",
        description="Show the structure read from a meeting: triage counters, the JIRA table and every "
        "release table column with counts and deltas (and whether each delta was computed or given), "
        "the Ready for Testing / Release lists, action items with owners and status, sections.",
    )
    p.add_argument("date", metavar="DATE", help="meeting date, YYYY-MM-DD")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print the meeting summary."""
    from osgtui.cli.common import parse_date, print_json
    from osgtui.minutes.summary import meeting_summary

    summary = meeting_summary(ctx.store.load_meeting(parse_date(args.date)))
    if args.json:
        print_json(summary)
        return 0
    print(f"{summary['date']}  {summary['title']}")
    print(f"attending: {', '.join(summary['attending']) or '-'}")
    t = summary["triage"]
    print(f"triage: this week {t['this_week'] or '-'}, next week {t['next_week'] or '-'}")
    for c in t["counts"]:
        print(f"  {c['label']}: {count_text(c)}")
    if summary["jira"]:
        print("JIRA:")
        for c in summary["jira"]:
            print(f"  {c['state']}: {count_text(c)}")
    for release in summary["releases"]:
        print(f"release {release['version']}:")
        for c in release["rows"]:
            print(f"  {c['status']}: {count_text(c)}")
        for key, name in (("ready_for_testing", "Ready for Testing"), ("ready_for_release", "Ready for Release")):
            if release[key]:
                print(f"  {name}: {'; '.join(release[key])}")
    if summary["action_items"]:
        print("action items:")
    for a in summary["action_items"]:
        print(f"  AI ({', '.join(a['owners'])}) [{a['status']}] {a['text']}  — {a['section']}")
    print("sections:")
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
