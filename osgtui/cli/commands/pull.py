"""``osgtui pull [DATE] [--theirs] [--repo PATH]``: take back others' edits from the minutes repository."""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from osgtui.context import Context

if TYPE_CHECKING:
    from pathlib import Path

    from osgtui.publish import Conflict

DESCRIPTION = """\
Merge the repository checkout's file of DATE (default: the latest stored meeting)
into the stored meeting, section by section, since what osgtui last published:
sections only they changed take their version, sections only osgtui changed keep
osgtui's, sections both changed are merged line by line when the changes do not
overlap. Otherwise the section is a conflict: osgtui's version is kept (or the
repository's with --theirs) and both versions are printed; the exit status is 1.
The file is read from the checkout as it is: run `git pull` there first to get
others' pushed commits. A meeting not yet in the database is imported whole."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``pull`` command."""
    from osgtui.cli.commands.publish import add_repo_command

    p = add_repo_command(
        subparsers, "pull", "merge others' edits of a meeting from the minutes repository into the database", DESCRIPTION
    )
    p.add_argument("--theirs", action="store_true", help="resolve conflicting sections with the repository's version")
    p.set_defaults(run=run)


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Merge, save the merged meeting, report merged sections and conflicts."""
    from osgtui.cli.commands.publish import meeting_date, repo_settings
    from osgtui.publish import nav_label, pull_meeting, record_sync, repo_path

    settings = repo_settings(ctx, args.repo)
    repo_path(settings)
    store = ctx.store
    day = meeting_date(store, args.date)
    outcome = pull_meeting(store, ctx.config, settings, day, prefer_theirs=args.theirs)
    label = nav_label(day)
    if outcome.result is None:
        print(f"imported the {label} minutes from {outcome.imported_from}")
        return 0
    result = outcome.result
    if outcome.stored_differs:
        print(f"osgtui: warning: the stored {label} minutes differ from the merged text", file=sys.stderr)
    for conflict in result.conflicts:
        _print_conflict(conflict, args.theirs)
    if result.conflicts and not args.theirs:
        count = len(result.conflicts)
        print(
            f"osgtui: error: {count} conflicting section{'s' if count > 1 else ''} kept osgtui's version; "
            f"combine them in the meeting, then `osgtui publish {day.isoformat()} --force` "
            "(or `osgtui pull --theirs` to take the repository's)",
            file=sys.stderr,
        )
        if result.merged_sections:  # what did merge; "no new changes" would contradict the conflict
            _print_merged(label, result.merged_sections, result.path)
        return 1
    record_sync(store, day, settings, result.repo_text, result.commit)
    _print_merged(label, result.merged_sections, result.path)
    return 0


def _print_merged(label: str, sections: list[str], path: Path | None) -> None:
    """One stdout line about what was taken from the repository."""
    if sections:
        print(f"merged from {path} into the {label} minutes: {'; '.join(sections)}")
    else:
        print(f"the {label} minutes have no new changes from {path}")


def _print_conflict(conflict: Conflict, theirs_kept: bool) -> None:
    """Both versions of a conflicting section, on stderr, so nothing is lost."""
    kept = "the repository's" if theirs_kept else "osgtui's"
    print(f"osgtui: conflict in section {conflict.section!r}: kept {kept} version", file=sys.stderr)
    for name, text in (("osgtui", conflict.ours), ("repository", conflict.theirs)):
        print(f"----- {name} version -----", file=sys.stderr)
        sys.stderr.write("(section absent)\n" if text is None else text if text.endswith("\n") else text + "\n")
    print("----- end of conflict -----", file=sys.stderr)
