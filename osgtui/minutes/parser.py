"""Read a minutes file into a :class:`~osgtui.minutes.model.Meeting`, losing nothing.

The parser is total on text: every line lands in some block that writes it back
verbatim, so ``render_minutes(parse_minutes(text)) == text`` for any text.
What makes a file *minutes* (a title and a date) is checked separately.

Every regular expression here runs in linear time on any line (no nested or adjacent
unbounded repetitions that can backtrack into each other): a minutes file is input
from anywhere, and one megabyte-long line must not stall an import.
"""

from __future__ import annotations

import re
from collections import Counter
from datetime import date
from pathlib import PurePath

from osgtui.errors import ParseError
from osgtui.fileio import read_regular
from osgtui.minutes.model import Block, Bullet, Heading, Line, Meeting, Table
from osgtui.minutes.tables import is_rule, render_table_lines, rule_style, split_row

# The title's trailing blanks are stripped in code: ``(.*?)[ \t]*$`` backtracks quadratically.
HEADING_RE = re.compile(r"^(#{1,6})[ \t]+(.*)$")
BULLET_RE = re.compile(r"^([ \t]*)([-*+]|\d{1,3}[.)])([ \t]+|$)(.*)$")
FILENAME_RE = re.compile(r"TechArea(\d{4})(\d{2})(\d{2})")
MONTHS = {
    m: i + 1
    for i, m in enumerate(
        "january february march april may june july august september october november december".split()
    )
}
TITLE_DATE_RE = re.compile(r"(\d{1,2})\s+([A-Za-z]+)\.?,?\s+(\d{4})")
# A US-style match may only start where a run of letters starts (the lookbehind): a match
# from inside a run is never the first one, and trying every position of a long run is
# what made a 40,000-letter title take a minute.
TITLE_DATE_US_RE = re.compile(r"(?<![A-Za-z])([A-Za-z]+)\.?\s+(\d{1,2}),?\s+(\d{4})")
TOO_LARGE_HINT = " for a minutes file; raise [import] max_file_mb in the configuration to import it"
TITLE_SHOWN = 60
"""Characters of a title quoted in a message (a longer one is cut with "…")."""


def decode_minutes(data: bytes, name: str) -> str:
    """Decode a file's bytes as UTF-8 text, or raise :class:`ParseError` naming the file."""
    if not data.strip():
        raise ParseError(f"{name}: file is empty; expected minutes starting with '# <title>, D Month YYYY'")
    if b"\x00" in data:
        raise ParseError(f"{name}: looks like a binary file, not Markdown minutes")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise ParseError(
            f"{name}: not UTF-8 text (invalid byte at offset {err.start}); save it as UTF-8 and retry"
        ) from None


def split_lines(text: str) -> list[tuple[str, str]]:
    """Split text into (line, eol) pairs; eol is '\\n', '\\r\\n' or '' for an unterminated last line."""
    pieces = text.split("\n")
    out: list[tuple[str, str]] = []
    for i, piece in enumerate(pieces):
        last = i == len(pieces) - 1
        if last and piece == "":
            break
        if last:
            out.append((piece, ""))
        elif piece.endswith("\r"):
            out.append((piece[:-1], "\r\n"))
        else:
            out.append((piece, "\n"))
    return out


def heading_parts(line: str) -> tuple[int, str] | None:
    """(level, title) of an ATX heading line, or None."""
    m = HEADING_RE.match(line)
    if not m:
        return None
    return len(m.group(1)), m.group(2).rstrip(" \t")


def _indent_width(indent: str) -> int:
    return len(indent.expandtabs(4))


def parse_blocks(lines: list[tuple[str, str]]) -> tuple[list[Block], int]:
    """Group lines into blocks; return them with the meeting's indentation unit."""
    blocks: list[Block] = []
    stack: list[int] = []
    raw_indents: list[tuple[Bullet, str]] = []
    i = 0
    while i < len(lines):
        text, eol = lines[i]
        heading = heading_parts(text)
        if heading:
            level, title = heading
            h = Heading(level, title, eol=eol)
            if h.canonical() != text:
                h.raw = text
            blocks.append(h)
            stack = []
            i += 1
            continue
        indent = _table_start(lines, i)
        if indent is not None:
            j = i + 2
            while j < len(lines) and lines[j][0].startswith(indent + "|"):
                j += 1
            blocks.append(_table(lines[i:j], indent))
            if not indent:
                stack = []
            i = j
            continue
        m = BULLET_RE.match(text)
        if m:
            indent, marker, space, rest = m.groups()
            body = rest.rstrip(" \t")
            width = _indent_width(indent)
            while stack and stack[-1] >= width:
                stack.pop()
            bullet = Bullet(
                depth=len(stack), text=body, marker=marker + space, trailing=rest[len(body):], eol=eol
            )
            stack.append(width)
            raw_indents.append((bullet, indent))
            i += 1
            while i < len(lines) and _is_continuation(lines[i][0]) and _table_start(lines, i) is None:
                bullet.continuation.append(lines[i])
                i += 1
            blocks.append(bullet)
            continue
        if text.strip() and not text[:1].isspace():
            stack = []
        blocks.append(Line(text, eol))
        i += 1
    unit = _indent_unit(raw_indents)
    for bullet, indent in raw_indents:
        if indent != " " * (unit * bullet.depth):
            bullet.indent = indent
    return blocks, unit


def _table_start(lines: list[tuple[str, str]], i: int) -> str | None:
    """The indent of a table starting at line ``i`` (a row, then a rule with the same indent), else None."""
    text = lines[i][0]
    indent = text[: len(text) - len(text.lstrip(" \t"))]
    if not text.startswith(indent + "|") or i + 1 >= len(lines):
        return None
    rule = lines[i + 1][0]
    return indent if rule.startswith(indent + "|") and is_rule(rule[len(indent):]) else None


def _is_continuation(text: str) -> bool:
    return bool(text[:1].isspace() and text.strip() and not BULLET_RE.match(text))


def _indent_unit(raw_indents: list[tuple[Bullet, str]]) -> int:
    """The nesting step most bullets use: 4 in most files, 2 in a few."""
    steps = Counter(
        _indent_width(indent) // b.depth
        for b, indent in raw_indents
        if b.depth and _indent_width(indent) % b.depth == 0
    )
    return steps.most_common(1)[0][0] if steps else 4


def _table(lines: list[tuple[str, str]], indent: str = "") -> Table:
    header = split_row(lines[0][0])
    rows = [split_row(t) for t, _ in lines[2:]]
    style = rule_style(lines[1][0][len(indent):])
    table = Table(header=header, rows=rows, style=style, eol=lines[0][1] or "\n", indent=indent)
    canonical = [indent + line for line in render_table_lines(header, rows, style)]
    if canonical != [t for t, _ in lines] or any(e != table.eol for _, e in lines):
        table.raw = list(lines)
        table.raw_cells = table.cells()
    return table


def date_from_filename(name: str | None) -> date | None:
    """The date in a ``TechAreaYYYYMMDD.md`` file name, if any."""
    if not name:
        return None
    m = FILENAME_RE.search(PurePath(name).name)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def date_from_title(title: str) -> date | None:
    """The date written in a title such as 'OSG Technology Area Meeting, 10 June 2019'."""
    for regex, order in ((TITLE_DATE_RE, (0, 1, 2)), (TITLE_DATE_US_RE, (1, 0, 2))):
        for m in regex.finditer(title):
            groups = m.groups()
            day, month, year = (groups[k] for k in order)
            month_no = MONTHS.get(month.lower()) or next(
                (v for k, v in MONTHS.items() if len(month) >= 3 and k.startswith(month.lower())), None
            )
            if month_no:
                try:
                    return date(int(year), month_no, int(day))
                except ValueError:
                    continue
    return None


def _shown(title: str) -> str:
    """A title as quoted in a message, cut to :data:`TITLE_SHOWN` characters."""
    return repr(title if len(title) <= TITLE_SHOWN else title[:TITLE_SHOWN] + "…")


def meeting_date(filename: str | None, title: str, name: str) -> tuple[date, str | None]:
    """The meeting's date and, when the choice is worth telling, a one-line warning.

    The ``TechAreaYYYYMMDD.md`` file name wins; when the title names another date the
    warning says both. A file name whose digits are no date (``TechArea20190230.md``)
    falls back to the title's date, with a warning naming the date used. Raises
    :class:`ParseError` (naming ``name``) when neither gives a date.
    """
    from_name = date_from_filename(filename)
    from_title = date_from_title(title)
    if from_name is not None:
        if from_title is not None and from_title != from_name:
            return from_name, (
                f"{name}: the file name's date {from_name} differs from the title's {from_title}; "
                f"using the file name's {from_name} (fix the title if that is wrong)"
            )
        return from_name, None
    written = FILENAME_RE.search(PurePath(filename).name) if filename else None
    digits = "-".join(written.groups()) if written else None
    if from_title is not None:
        if digits is None:
            return from_title, None
        return from_title, (
            f"{name}: {digits} in the file name is not a valid date; using the title's date {from_title} "
            "(rename the file to TechAreaYYYYMMDD.md with the meeting's date)"
        )
    if digits is not None:
        raise ParseError(
            f"{name}: no meeting date: {digits} in the file name is not a valid date and the title "
            f"{_shown(title)} names none; rename the file to TechAreaYYYYMMDD.md with the meeting's date"
        )
    raise ParseError(
        f"{name}: no meeting date in the file name (TechAreaYYYYMMDD.md) or the title {_shown(title)}"
    )


def parse_minutes(text: str, filename: str | None = None, warnings: list[str] | None = None) -> Meeting:
    """Parse minutes text; the date comes from ``filename`` when it has one, else the title.

    Raises :class:`ParseError` when there is no title or no recognisable date. A warning
    about the date chosen (see :func:`meeting_date`) is appended to ``warnings`` if given.
    """
    name = filename or "<text>"
    blocks, unit = parse_blocks(split_lines(text))
    title = next((b.title for b in blocks if isinstance(b, Heading) and b.level == 1), None)
    if title is None:
        raise ParseError(f"{name}: no title line ('# OSG Technology Area Meeting, D Month YYYY') found")
    when, warning = meeting_date(filename, title, name)
    if warning is not None and warnings is not None:
        warnings.append(warning)
    return Meeting(date=when, blocks=blocks, indent_unit=unit, source_name=filename)


def parse_file(path: str, *, max_bytes: int | None = None, warnings: list[str] | None = None) -> Meeting:
    """Read and parse one minutes file; every failure is a :class:`ParseError` naming it.

    Only a regular file is read (a FIFO, device, socket or directory is refused without
    being opened for reading), and at most ``max_bytes`` of it: a bigger file is refused.
    """
    try:
        data = read_regular(path, limit=max_bytes, error=ParseError, too_large_hint=TOO_LARGE_HINT)
    except FileNotFoundError:
        raise ParseError(f"{path}: no such file") from None
    return parse_minutes(decode_minutes(data, path), filename=path, warnings=warnings)
