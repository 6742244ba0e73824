"""Byte-exact line handling and diffs shared by the nav editor, the publisher and the merger."""

from __future__ import annotations

import difflib
from collections.abc import Sequence


def split_lines(text: str) -> list[str]:
    """Split ``text`` after each ``\\n``, keeping the endings (``\\r\\n`` stays in its line).

    Unlike ``str.splitlines`` no other character (form feed, U+2028, lone ``\\r``) ends a
    line, so ``"".join(split_lines(text)) == text`` always holds.
    """
    lines = text.split("\n")
    result = [line + "\n" for line in lines[:-1]]
    if lines[-1]:
        result.append(lines[-1])
    return result


def line_ending(line: str) -> str:
    """The ending of ``line``: ``"\\r\\n"``, ``"\\n"`` or ``""`` (last line without one)."""
    if line.endswith("\r\n"):
        return "\r\n"
    if line.endswith("\n"):
        return "\n"
    return ""


def strip_ending(line: str) -> str:
    """``line`` without its ``\\n`` or ``\\r\\n`` ending."""
    return line[: len(line) - len(line_ending(line))]


def dominant_ending(text: str) -> str:
    """``"\\r\\n"`` when most line endings of ``text`` are CRLF, otherwise ``"\\n"``."""
    total = text.count("\n")
    crlf = text.count("\r\n")
    return "\r\n" if total and crlf * 2 > total else "\n"


def unified_diff(old: str | None, new: str | None, old_name: str, new_name: str) -> str:
    """A unified diff of two texts (``None``: the file does not exist); ``""`` when equal.

    Lines missing a final newline are marked as ``diff`` does, so the output is always
    made of whole lines.
    """
    if old == new:
        return ""
    old_lines = _diff_lines(old or "")
    new_lines = _diff_lines(new or "")
    diff = difflib.unified_diff(
        old_lines,
        new_lines,
        fromfile=old_name if old is not None else "/dev/null",
        tofile=new_name if new is not None else "/dev/null",
    )
    return "".join(line if line.endswith("\n") else line + "\n" for line in diff)


def _diff_lines(text: str) -> Sequence[str]:
    """Lines for ``difflib``, the last one marked when it has no newline."""
    lines = split_lines(text)
    if lines and not lines[-1].endswith("\n"):
        lines[-1] += "\n\\ No newline at end of file\n"
    return lines
