"""``osgtui search QUERY [--json] [--limit N]``: full-text search over every meeting."""

from __future__ import annotations

import argparse

from osgtui.context import Context


def _positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a positive whole number, got {text!r}")
    return value


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``search`` command."""
    p = subparsers.add_parser(
        "search",
        help="search every meeting's bullets, action items and table labels",
        description="Full-text search (SQLite FTS5) over every bullet, line, action item and table label of "
        "every meeting, best match first (a word in more than 2,000 lines: the best of its newest 2,000). Type words as they are written, all of which must match: "
        "HTCondor-CE, 3.4.31, SOFTWARE-3642, Let's Encrypt; word* matches a prefix. SQLite FTS5 syntax is "
        "used as it is when the query has any of it: \"a phrase\", AND, OR, NOT (upper case), NEAR(a b), "
        "parentheses.",
    )
    p.add_argument("query", nargs="+", metavar="QUERY", help="what to look for (several words are joined)")
    p.add_argument("--limit", type=_positive, default=50, metavar="N", help="at most N hits (default 50)")
    p.add_argument("--json", action="store_true", help="print JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Print one line (or JSON object) per hit: date, section, line; when there are more, how many (stderr)."""
    import sys

    from osgtui.cli.common import print_json
    from osgtui.history.search import count_matches, search, shown_of

    query = " ".join(args.query)
    hits = search(ctx.store, query, limit=args.limit)
    if args.json:
        print_json([h.to_json() for h in hits])
        return 0
    if not hits:
        print(f"no matches for {query}")
    for h in hits:
        print(f"{h.date.isoformat()}  {h.section or '-'}  {h.line}")
    if len(hits) >= args.limit and (shown := shown_of(count_matches(ctx.store, query), len(hits))):
        print(f"({shown}: add words to narrow the search, or --limit N)", file=sys.stderr)
    return 0
