"""Running ``osgtui`` with no subcommand: the console (added with the UI)."""

from __future__ import annotations

import argparse

from osgtui.cli.context import Context


def run_console(args: argparse.Namespace, ctx: Context) -> int:
    """Open the console on the next meeting's draft."""
    from osgtui.cli import build_parser

    build_parser().print_help()
    return 0
