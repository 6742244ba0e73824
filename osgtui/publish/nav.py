"""The ``Meetings:`` navigation of the minutes site's ``mkdocs.yml``, edited line by line.

The file is never parsed and re-dumped as YAML: :func:`add_nav_entry` inserts one line
and leaves every other byte alone (comments, quoting, CRLF endings, a missing final
newline). Entries are kept newest first, ordered by the date in their path
(``TechAreaYYYYMMDD.md``), so stray labels such as ``January, 27 2020`` do not matter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from osgtui.publish.text import line_ending, split_lines, strip_ending

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
DEFAULT_INDENT = "    "

_NAV_KEY = re.compile(r"^nav\s*:\s*(#.*)?$")
_MEETINGS_ITEM = re.compile(r"^(?P<indent> *)-\s+(?P<q>['\"]?)Meetings(?P=q)\s*:\s*(#.*)?$")
_PATH_DATE = re.compile(r"TechArea(\d{4})(\d{2})(\d{2})\.md")


@dataclass(frozen=True)
class NavResult:
    """The outcome of :func:`add_nav_entry`: the new text, whether it changed, and why not."""

    text: str
    changed: bool
    warning: str | None = None


def nav_label(d: date) -> str:
    """The nav label of a meeting: ``June 10, 2019`` (English month, no zero padding)."""
    return f"{MONTHS[d.month - 1]} {d.day}, {d.year}"


def nav_line(d: date, rel_path: str, indent: str = DEFAULT_INDENT) -> str:
    """One nav entry without line ending, e.g. ``    - June 10, 2019: 'meetings/2019/x.md'``.

    ``rel_path`` is relative to the MkDocs ``docs_dir`` and is single-quoted as in the
    minutes repository (a quote inside it is doubled, as YAML requires).
    """
    quoted = rel_path.replace("'", "''")
    return f"{indent}- {nav_label(d)}: '{quoted}'"


def add_nav_entry(mkdocs_text: str, d: date, rel_path: str) -> NavResult:
    """Insert the nav line of meeting ``d`` under ``nav:`` → ``- Meetings:``, newest first.

    The line goes before the first entry whose path date is older than ``d`` (after the
    last dated entry when none is older; first when no entry has a date), with the
    indentation of the existing entries (``- Meetings:``'s indentation plus the nav's
    nesting step when the list is empty). Nothing happens when ``rel_path`` is already
    listed anywhere in the nav (``changed=False``), and when there is no ``nav:`` key or
    no ``- Meetings:`` section under it the text is returned unchanged with a warning.
    """
    lines = split_lines(mkdocs_text)
    nav = _nav_block(lines)
    if nav is None:
        return NavResult(mkdocs_text, False, "mkdocs.yml has no top-level nav: key; add the nav line by hand")
    start, end = nav
    if any(_entry_path(lines[i]) == rel_path for i in range(start, end)):
        return NavResult(mkdocs_text, False, None)
    meetings = _find_meetings(lines, start, end)
    if meetings is None:
        return NavResult(
            mkdocs_text,
            False,
            f"mkdocs.yml nav has no '- Meetings:' section; add '{nav_line(d, rel_path).strip()}' by hand",
        )
    position, indent = _insert_position(lines, meetings, (start - 1, end), d)
    reference = lines[position - 1] if position > 0 else lines[0]
    eol = line_ending(reference) or line_ending(lines[meetings]) or "\n"
    new_line = nav_line(d, rel_path, indent)
    if position == len(lines) and not line_ending(lines[-1]):
        # Appending after a last line without newline: keep the file without one.
        lines[-1] += eol
        lines.append(new_line)
    else:
        lines.insert(position, new_line + eol)
    return NavResult("".join(lines), True, None)


def _indent_of(line: str) -> int:
    """Number of leading spaces."""
    return len(line) - len(line.lstrip(" "))


def _is_blank_or_comment(line: str) -> bool:
    """True for lines that never end a YAML block (empty, spaces, ``# comment``)."""
    stripped = strip_ending(line).strip()
    return not stripped or stripped.startswith("#")


def _is_item(line: str) -> bool:
    """True for a YAML block sequence item (``- x`` or a bare ``-``), not ``---``."""
    body = strip_ending(line).lstrip(" ")
    return body == "-" or body.startswith("- ")


def _nav_block(lines: list[str]) -> tuple[int, int] | None:
    """``(first, end)`` line indexes of the body of the top-level ``nav:`` key."""
    for index, line in enumerate(lines):
        if _NAV_KEY.match(strip_ending(line)):
            end = index + 1
            while end < len(lines):
                line = lines[end]
                if not _is_blank_or_comment(line) and _indent_of(line) == 0 and not _is_item(line):
                    break
                end += 1
            return index + 1, end
    return None


def _find_meetings(lines: list[str], start: int, end: int) -> int | None:
    """Index of the ``- Meetings:`` item (at any depth) between ``start`` and ``end``."""
    for index in range(start, end):
        if _MEETINGS_ITEM.match(strip_ending(lines[index])):
            return index
    return None


def _entry_path(line: str) -> str | None:
    """The path of a nav entry line (``- Label: 'path'`` or ``- path``), unquoted."""
    if not _is_item(line):
        return None
    body = strip_ending(line).strip()[1:].strip()
    if ": " in body:
        body = body.rsplit(": ", 1)[1].strip()
    elif body.endswith(":"):
        return None
    if len(body) >= 2 and body[0] == body[-1] and body[0] in "'\"":
        body = body[1:-1]
        if body.startswith("'"):
            body = body.replace("''", "'")
    return body or None


def _path_date(line: str) -> date | None:
    """The meeting date in an entry's ``TechAreaYYYYMMDD.md`` path, if any and valid."""
    match = _PATH_DATE.search(_entry_path(line) or "")
    if match is None:
        return None
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        return None


def _nesting_step(lines: list[str], start: int, end: int) -> int:
    """How much deeper the nav's nested items are than their parent (4 if none nest)."""
    for index in range(start, end - 1):
        parent, child = lines[index], lines[index + 1]
        if _is_blank_or_comment(parent) or _is_blank_or_comment(child):
            continue
        if strip_ending(parent).rstrip().endswith(":") and _indent_of(child) > _indent_of(parent):
            return _indent_of(child) - _indent_of(parent)
    return len(DEFAULT_INDENT)


def _insert_position(
    lines: list[str], meetings: int, nav: tuple[int, int], d: date
) -> tuple[int, str]:
    """Where the new entry goes (a line index) and its indentation.

    ``nav`` is the range from the ``nav:`` line to the end of its block.
    """
    nav_start, nav_end = nav
    parent_indent = _indent_of(lines[meetings])
    entries: list[int] = []  # indexes of the list items directly under Meetings
    last_content = meetings  # last non-blank line belonging to the Meetings section
    child_indent: int | None = None
    for index in range(meetings + 1, nav_end):
        line = lines[index]
        if _is_blank_or_comment(line):
            continue
        indent = _indent_of(line)
        if indent <= parent_indent:
            break
        last_content = index
        if child_indent is None:
            child_indent = indent
        if indent == child_indent and _is_item(line):
            entries.append(index)
    if child_indent is None:
        step = _nesting_step(lines, nav_start, nav_end)
        return meetings + 1, " " * (parent_indent + step)
    prefix = " " * child_indent
    dated: list[tuple[int, date]] = [
        (index, entry_date) for index in entries if (entry_date := _path_date(lines[index])) is not None]
    for index, entry_date in dated:
        if entry_date < d:
            return index, prefix
    if dated:
        after = dated[-1][0]
        following = [index for index in entries if index > after]
        if following:
            return following[0], prefix
        return last_content + 1, prefix
    return entries[0] if entries else meetings + 1, prefix
