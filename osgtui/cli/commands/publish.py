"""``osgtui publish [DATE] [--push] [--force] [--repo PATH]``: commit a meeting to the minutes repository."""

from __future__ import annotations

import argparse
import sys
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

from osgtui.context import Context

if TYPE_CHECKING:
    from osgtui.config import MinutesRepoConfig
    from osgtui.store.database import Store

DESCRIPTION = """\
Write the meeting of DATE (default: the latest stored meeting) to
<repo>/<meetings_dir>/<YYYY>/TechAreaYYYYMMDD.md, add its line to the Meetings nav
of mkdocs.yml (newest first), and commit exactly those two files, as
"June 10, 2019 meeting notes" (later publishes: "Update June 10, 2019 meeting notes").
Other staged files are left staged and uncommitted.

Publishing is refused when the repository's file holds changes osgtui did not make
(a team lead's commit, an edit in the checkout): the differences are printed; run
`osgtui pull DATE` to merge them, or use --force to overwrite them.

Nothing is committed that the database cannot record: a read-only or locked database
is refused before the repository is touched, and a commit whose record then fails is
undone. A mkdocs.yml that is not valid YAML is refused, never edited.

A meeting whose counts are still pending (written `?`, as a draft starts) is refused,
naming them: fill them in or run `osgtui refresh DATE`, or publish the `?` as they
are with --allow-pending."""


def register(subparsers: argparse._SubParsersAction) -> None:
    """Add the ``publish`` command."""
    p = add_repo_command(
        subparsers, "publish", "commit a meeting's minutes (and its nav line) to the minutes git repository", DESCRIPTION
    )
    p.add_argument("--push", action="store_true", help="push the commit to the branch's upstream ([minutes_repo] push)")
    p.add_argument("--force", action="store_true", help="overwrite changes in the repository that osgtui did not make")
    p.add_argument(
        "--allow-pending", action="store_true", help="publish even though some counts are still pending (written ?)"
    )
    p.set_defaults(run=run)


def add_repo_command(
    subparsers: argparse._SubParsersAction, name: str, summary: str, description: str
) -> argparse.ArgumentParser:
    """A subcommand parser with the ``DATE`` and ``--repo PATH`` arguments publish and pull share."""
    p = subparsers.add_parser(
        name, help=summary, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    p.add_argument("date", metavar="DATE", nargs="?", help="meeting date, YYYY-MM-DD (default: the latest meeting)")
    p.add_argument("--repo", metavar="PATH", help="the minutes repository checkout (default: [minutes_repo] path)")
    return p


def repo_settings(ctx: Context, repo_arg: str | None) -> MinutesRepoConfig:
    """The minutes repository settings, with ``--repo`` (relative to the cwd) or the config's path resolved."""
    from dataclasses import replace

    from osgtui.publish import configured_repo

    if repo_arg:
        return replace(ctx.config.minutes_repo, path=str(Path(repo_arg).expanduser().absolute()))
    return configured_repo(ctx.config)


def meeting_date(store: Store, text: str | None) -> date:
    """``DATE`` parsed, or the latest stored meeting's date."""
    from osgtui.cli.common import parse_date
    from osgtui.errors import StoreError

    if text:
        return parse_date(text)
    latest = store.latest_before(None)
    if latest is None:
        raise StoreError("no meetings in the database; import or create one first (see `osgtui import`)")
    return latest


def run(args: argparse.Namespace, ctx: Context) -> int:
    """Publish the stored meeting; conflicts print the diff after the error line."""
    from osgtui.publish import PublishConflictError, publish_meeting, repo_path

    settings = repo_settings(ctx, args.repo)
    repo_path(settings)  # "not configured" before touching the database
    store = ctx.store
    day = meeting_date(store, args.date)
    try:
        result = publish_meeting(
            store,
            settings,
            day,
            force=args.force,
            push=args.push or None,
            allow_pending=args.allow_pending,
            anyway="publish them as they are with --allow-pending",
        )
    except PublishConflictError as err:
        print(f"osgtui: error: {err}", file=sys.stderr)
        sys.stderr.write(err.diff)
        sys.stderr.flush()
        return err.exit_code
    for warning in result.warnings:
        print(f"osgtui: warning: {warning}", file=sys.stderr)
    print(result.summary)
    return 0
