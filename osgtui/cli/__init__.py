"""Command-line interface: global options, the list of subcommands, error handling.

Each subcommand lives in its own module under ``osgtui.cli.commands`` and defines
``register(subparsers)`` (adding its parser with ``set_defaults(run=...)``) and a
``run(args, ctx) -> int`` function. :data:`COMMANDS` lists them (a new command is added
there; a test fails on a module missing from it). Command modules keep heavy imports
inside ``run``, so building the parser stays cheap.
"""

from __future__ import annotations

import argparse
import importlib
import os
import sqlite3
import sys
from collections.abc import Sequence

from osgtui import __version__
from osgtui.context import Context
from osgtui.errors import OsgtuiError

DESCRIPTION = """\
osgtui: take, keep and publish the OSG Technology Area meeting minutes.

With no command, opens the console on the next meeting's draft."""

EPILOG = """\
environment:
  OSGTUI_CONFIG        configuration file (overridden by --config)
  OSGTUI_DB            database file (overridden by --db)
  OSGTUI_JIRA_USER, OSGTUI_JIRA_TOKEN, OSGTUI_FRESHDESK_KEY, OSGTUI_GGUS_TOKEN
                       service credentials (never read from the config file)

exit codes: 0 success, 1 failure (message on stderr), 2 usage or configuration error"""


COMMANDS = ("actions", "export", "import_", "list", "new", "open", "publish", "pull", "refresh", "search", "show")
"""The subcommands' modules under ``osgtui.cli.commands``, in the order ``--help`` lists them."""


def build_parser() -> argparse.ArgumentParser:
    """Return the full argument parser with every subcommand of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="osgtui",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"osgtui {__version__}")
    parser.add_argument("--config", metavar="PATH", help="configuration file (TOML)")
    parser.add_argument("--db", metavar="PATH", help="SQLite database file")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMANDS:
        importlib.import_module(f"osgtui.cli.commands.{name}").register(subparsers)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the CLI and return its exit code; user errors never show a traceback."""
    parser = build_parser()
    args = parser.parse_args(argv)
    ctx = Context(config_arg=args.config, db_arg=args.db)
    try:
        run = getattr(args, "run", None)
        if run is None:
            from osgtui.cli.console import run_console

            return run_console(args, ctx)
        return int(run(args, ctx) or 0)
    except OsgtuiError as err:
        print(f"osgtui: error: {err}", file=sys.stderr)
        return err.exit_code
    except sqlite3.Error as err:  # any database failure the command did not expect: one line with a hint
        from osgtui.store.database import unavailable

        reason = ctx.open_store.read_only_reason if ctx.open_store is not None else None
        print(f"osgtui: error: {reason or unavailable(ctx.db_path, 'the command failed', err)}", file=sys.stderr)
        return 1
    except BrokenPipeError:
        # The reader of our output went away (`osgtui list | head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        print("osgtui: interrupted", file=sys.stderr)
        return 130
    finally:
        ctx.close()
