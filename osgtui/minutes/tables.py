"""Pipe tables in the minutes' three rule styles: reading cells and writing lines."""

from __future__ import annotations

import re

RULE_RE = re.compile(r"^\|(\s*:?-+:?\s*\|)+\s*$")
_SPLIT_RE = re.compile(r"(?<!\\)\|")

STYLES = ("pandoc", "spaced", "compact")


def split_row(line: str) -> list[str]:
    """Cells of a table line, stripped and unescaped (``\\|`` becomes ``|``)."""
    body = line.strip()
    if body.startswith("|"):
        body = body[1:]
    if body.endswith("|") and not body.endswith("\\|"):
        body = body[:-1]
    return [cell.strip().replace("\\|", "|") for cell in _SPLIT_RE.split(body)]


def is_rule(line: str) -> bool:
    """Whether a line is a header rule (``|---|---|`` in any style)."""
    return bool(RULE_RE.match(line.rstrip()))


def rule_style(line: str) -> str:
    """Which of the three archive styles a rule line uses."""
    first = line.strip()[1:].split("|", 1)[0]
    if first.startswith(" "):
        return "spaced"
    if first.endswith(" "):
        return "pandoc"
    return "compact"


def escape_cell(text: str) -> str:
    """Cell text as written: pipes escaped."""
    return text.replace("|", "\\|")


def render_table_lines(header: list[str], rows: list[list[str]], style: str) -> list[str]:
    """Lines of a table, every cell padded to its column's width, in ``style``."""
    ncols = max([len(header)] + [len(r) for r in rows])
    grid = [
        [escape_cell(c) for c in row] + [""] * (ncols - len(row)) for row in [header] + rows
    ]
    widths = [max(1, *(len(row[i]) for row in grid)) for i in range(ncols)]

    def line(cells: list[str]) -> str:
        return "|" + "|".join(f" {c.ljust(w)} " for c, w in zip(cells, widths)) + "|"

    if style == "pandoc":
        rule = "|" + "|".join("-" * w + " " for w in widths) + "|"
    elif style == "spaced":
        rule = "|" + "|".join(" " + "-" * w + " " for w in widths) + "|"
    else:
        rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    return [line(grid[0]), rule] + [line(r) for r in grid[1:]]
