"""``osgtui new [DATE] [--replace]``: the next meeting's draft, carried forward from the last one."""

from __future__ import annotations

import argparse

from osgtui.context import Context


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``new`` command."""
    p = subparsers.add_parser(
        "new",
        help="create the next meeting's draft from the latest meeting before it",
        description="Create the draft of a meeting from the latest stored meeting before it: new title, "
        "the coordinates carried (or [meeting] coordinates), empty attendance, triage duty moved on by the "
        "weeks since ([triage] rotation, else the rotation the recent meetings show; skipping away), counts to "
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
    from osgtui.history import create_draft
    from osgtui.minutes.extract import action_items, triage_duty

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
    derived = _derived(store, ctx.config, draft.date, previous)
    if derived:
        print(f"from the history, as no configuration sets them: {derived}")
    return 0


def _derived(store, config, day, previous) -> str:  # noqa: ANN001
    """What the draft learned from earlier meetings instead of the configuration (one line)."""
    if previous is None:
        return ""
    parts = []
    if not config.triage.rotation:
        history = store.duty_history(day)
        if history:
            first, last = history[0][0].isoformat(), history[-1][0].isoformat()
            span = f"the meeting {first}" if len(history) == 1 else f"the {len(history)} meetings {first} to {last}"
            parts.append(f"the triage rotation (from {span})")
    if not config.people.roster:
        from osgtui.history.learn import learn_roster

        roster = learn_roster(store, config, day)
        if roster.names:
            first, last = roster.meetings[0].isoformat(), roster.meetings[-1].isoformat()
            seen = (f"in at least two of the {len(roster.meetings)} meetings {first} to {last}"
                    if len(roster.meetings) > 1 else f"in the meeting {first}")
            parts.append(f"the roster ({', '.join(roster.names)}: everyone {seen})")
    if not config.meeting.coordinates_set:
        parts.append(f"the coordinates (from {previous.isoformat()})")
    if not config.meeting.title_set:
        parts.append(f"the title's name and day style (from {previous.isoformat()} and before)")
    return "; ".join(parts)
