"""Reading keys from a real terminal: Esc followed at once by a key is Esc, then that key.

A terminal sends Esc as the byte ``ESC``, and escape sequences (arrows,
function keys, focus reports) start with it too. Textual tells them apart by
time: an ``ESC`` with nothing after it for ``ESCAPE_DELAY`` is the Esc key.
On a loaded laptop the console reads late, so ``ESC`` and the keys typed after
it arrive in one read. Textual (8.2.8) then reads ``ESC o`` as Alt+o, and an
``ESC`` followed by ordinary text as an unknown sequence, re-issued as the text
with the ``ESC`` turned into ``^``: Esc-then-``o`` typed a stray ``^o`` into the
line instead of closing it and opening the next bullet.

:class:`EscapeFirstParser` settles it before Textual's parser sees the bytes:
an ``ESC`` followed by anything but ``[`` or ``O`` (the only introducers of the
sequences a terminal sends as input) or another ``ESC`` is the Esc key, and is
handed on as the unambiguous kitty-protocol form ``CSI 27 u``. An ``ESC`` at the
end of a read is held until the next byte shows what it was, or until
``ESCAPE_DELAY`` passes (:meth:`EscapeFirstParser.tick`). osgtui binds no Alt
keys, so reading Alt+key as Esc, key loses nothing.

:func:`install` makes the Linux driver use it; the headless driver of the
tests reads no bytes and needs nothing.
"""

from __future__ import annotations

from collections.abc import Iterable

from textual import constants
from textual._time import get_time
from textual._xterm_parser import XTermParser
from textual.message import Message

ESC = "\x1b"
ESCAPE_KEY = "\x1b[27u"
"""The Esc key in the kitty keyboard protocol, which Textual's parser reads as Esc whatever follows."""
SEQUENCE_STARTS = frozenset("[O\x1b")
"""After ESC these may begin an escape sequence (CSI, SS3) or be another Esc: left to Textual's parser."""


def settle_escapes(data: str) -> str:
    """Rewrite each ``ESC`` that is followed by a key (not a sequence introducer) as the Esc key."""
    if ESC not in data:
        return data
    out: list[str] = []
    for i, char in enumerate(data):
        if char == ESC and i + 1 < len(data) and data[i + 1] not in SEQUENCE_STARTS:
            out.append(ESCAPE_KEY)
        else:
            out.append(char)
    return "".join(out)


class EscapeFirstParser(XTermParser):
    """Textual's terminal parser, fed with every Esc that is followed by a key made unambiguous."""

    def __init__(self, debug: bool = False) -> None:
        super().__init__(debug)
        self._held_since: float | None = None

    def feed(self, data: str) -> Iterable[Message]:
        """Parse ``data``; an ``ESC`` ending it waits for the next read (or :meth:`tick`)."""
        if self._held_since is not None and data:
            data = ESC + data
            self._held_since = None
        if data.endswith(ESC) and not data.endswith(ESC + ESC):
            data = data[:-1]
            self._held_since = get_time()
        if not data and self._held_since is not None:
            return []
        return super().feed(settle_escapes(data))

    def tick(self) -> Iterable[Message]:
        """Called between reads: a held ``ESC`` with nothing after it for ``ESCAPE_DELAY`` is the Esc key."""
        events = list(super().tick())
        if self._held_since is not None and get_time() - self._held_since >= constants.ESCAPE_DELAY:
            self._held_since = None
            events += list(super().feed(ESCAPE_KEY))
        return events


def install() -> None:
    """Make Textual's Linux driver read keys with :class:`EscapeFirstParser` (this process only)."""
    try:
        from textual.drivers import linux_driver
    except ImportError:  # Windows: its driver reads key events, not bytes
        return
    linux_driver.XTermParser = EscapeFirstParser  # type: ignore[misc]
