"""Running ``osgtui`` with no subcommand (and ``osgtui open DATE``): the meeting console.

"The next meeting's draft": the latest stored meeting when it is dated today or
later (the draft being prepared or taken); otherwise a new draft for the next
meeting day (the configured weekday, today included), carried forward from the
latest meeting as ``osgtui new`` does, or from the built-in template when the
database is empty. The configuration and database are opened after the
console's first paint (see :mod:`osgtui.app`); errors still end the program
with ``osgtui: error: <message>`` and the usual exit code.
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Callable
from datetime import date

from osgtui.context import Context


def keys_wait_as_typed() -> Callable[[], None]:
    """From now on, keys typed wait in the terminal as they are; returns what puts the terminal back.

    The console reads the database and the meeting before Textual takes the
    terminal, so its first frame shows the meeting. Keys typed meanwhile must
    not meet the terminal's line editing: there Enter becomes a newline (which
    the console reads as ctrl+j) and everything is echoed. So line editing, echo
    and the CR→NL mapping are turned off at once (Ctrl+C still interrupts);
    Textual then takes the keys as typed. Not a terminal: nothing to do.
    """
    try:
        import termios

        fd = sys.stdin.fileno()
        if not os.isatty(fd):
            return lambda: None
        original = termios.tcgetattr(fd)
        mode = termios.tcgetattr(fd)
        mode[0] &= ~(termios.ICRNL | termios.INLCR | termios.IGNCR)
        mode[3] &= ~(termios.ICANON | termios.ECHO)
        mode[6][termios.VMIN], mode[6][termios.VTIME] = 1, 0
        termios.tcsetattr(fd, termios.TCSANOW, mode)
    except (ImportError, OSError, ValueError, AttributeError):  # no termios, no terminal
        return lambda: None
    except termios.error:
        return lambda: None

    def restore() -> None:
        try:
            termios.tcsetattr(fd, termios.TCSANOW, original)
        except (OSError, termios.error):
            pass

    return restore


def run_console(args: argparse.Namespace, ctx: Context, day: date | None = None) -> int:
    """Open the console on the meeting of ``day`` (default: the next meeting's draft).

    Garbage collection is off until the console is up (``osgtui.app.tune_gc``):
    starting it creates a few hundred thousand objects that live as long as the
    console, and collecting them over and over delayed the first frame by tens
    of milliseconds.
    """
    restore_terminal = keys_wait_as_typed()
    gc.disable()
    try:
        from osgtui.app import EXIT_ON_READY, ConsoleApp

        ctx.defer_warnings = True
        app = ConsoleApp(ctx=ctx, day=day)
        headless = bool(os.environ.get(EXIT_ON_READY))
        try:
            app.run(headless=headless)
        finally:
            app.shutdown_session()
    finally:
        gc.enable()
        restore_terminal()
    for note in app.exit_notes:
        print(f"osgtui: {note}", file=sys.stderr)
    if app.failure is not None:
        raise app.failure
    if app.startup_report:
        print(app.startup_report, flush=True)
    return app.return_code or 0
