"""Bytes from a real terminal: Esc followed at once by keys is Esc, then those keys (never Alt+key or '^')."""

from __future__ import annotations

import pytest
from textual import events

from osgtui.screens import terminal_input
from osgtui.screens.terminal_input import EscapeFirstParser


def keys(parser: EscapeFirstParser, *reads: str) -> list[str]:
    out: list[str] = []
    for data in reads:
        out += [e.key for e in parser.feed(data) if isinstance(e, events.Key)]
    return out


def test_textual_alone_reads_esc_and_text_read_together_as_one_unknown_sequence() -> None:
    from textual._xterm_parser import XTermParser

    parser = XTermParser()
    typed = [e.key for e in parser.feed("\x1boAI (BrianL, Mat): v93 3.5 about") if isinstance(e, events.Key)]
    assert typed[0] == "circumflex_accent"  # the stray '^' this module exists to prevent


@pytest.mark.parametrize(("data", "expected"), [
    ("\x1bo", ["escape", "o"]),
    ("\x1boAI", ["escape", "o", "A", "I"]),
    ("x\x1b]o", ["x", "escape", "right_square_bracket", "o"]),
    ("\x1b\r", ["escape", "enter"]),
    ("\x1b[B", ["down"]),
    ("\x1bOA", ["up"]),
    ("\x1b\x1bo", ["escape", "escape", "o"]),
])
def test_esc_followed_by_keys_in_one_read(data: str, expected: list[str]) -> None:
    assert keys(EscapeFirstParser(), data) == expected


def test_esc_at_the_end_of_a_read_waits_for_the_next_byte() -> None:
    parser = EscapeFirstParser()
    assert keys(parser, "abc\x1b") == ["a", "b", "c"]
    assert keys(parser, "o") == ["escape", "o"]
    assert keys(parser, "\x1b", "[B") == ["down"]  # an arrow split over two reads is still an arrow


def test_a_lone_esc_is_reported_after_the_escape_delay(monkeypatch: pytest.MonkeyPatch) -> None:
    now = [100.0]
    monkeypatch.setattr(terminal_input, "get_time", lambda: now[0])
    parser = EscapeFirstParser()
    assert keys(parser, "\x1b") == []
    assert [e.key for e in parser.tick() if isinstance(e, events.Key)] == []
    now[0] += 1.0
    assert [e.key for e in parser.tick() if isinstance(e, events.Key)] == ["escape"]


def test_the_console_installs_it_for_the_linux_driver(make_app) -> None:
    from textual.drivers import linux_driver

    make_app()
    assert linux_driver.XTermParser is EscapeFirstParser
