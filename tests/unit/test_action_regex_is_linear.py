"""Action-item lines of a megabyte of spaces, tabs or text parse in linear time (no regex backtracking)."""

from __future__ import annotations

import threading

import pytest

from osgtui.minutes.actions import parse_action

N = 1_000_000


@pytest.mark.parametrize("line", [
    "AI (" + " " * N + "x",
    "AI " + " " * N + "x:",
    "AI" + "\t" * N + "y",
    "AI (Mat)" + " " * N + "-x",
    "(" + "a" * N + ") AI",
])
def test_long_lines_finish(line: str) -> None:
    done: list[object] = []
    worker = threading.Thread(target=lambda: done.append(parse_action(line)), daemon=True)
    worker.start()
    worker.join(60)  # a quadratic pattern would take hours on a megabyte
    assert done, "parse_action did not finish"


def test_owners_and_separators_still_read() -> None:
    for text, owners, body in (("AI (Mat, BrianL): do it", ["Mat", "BrianL"], "do it"),
                               ("AI ( Mat ) - do it", ["Mat"], "do it"),
                               ("(Carl) AI: check", ["Carl"], "check")):
        parsed = parse_action(text)
        assert parsed is not None and parsed.owners == owners and parsed.text == body
    assert parse_action("AI (Mat)- no space before the dash") is None
