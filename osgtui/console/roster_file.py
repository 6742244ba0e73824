"""Adding a name to ``[people] roster`` in the configuration file, keeping the rest of the file as it is.

The console offers this when an action item names an owner outside the roster.
Only the ``roster = [...]`` line (or lines) under ``[people]`` is rewritten; a
file without one gets it under ``[people]``, a missing file is created with just
that table. The result is parsed again before it replaces the file (atomically),
so a file this cannot edit safely is left untouched and the error names it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Sequence
from pathlib import Path

from osgtui.errors import ConfigError
from osgtui.fileio import write_file

PEOPLE_HEADER = re.compile(r"^\[people\][ \t]*(#.*)?$", re.MULTILINE)
NEXT_TABLE = re.compile(r"^[ \t]*\[", re.MULTILINE)
ROSTER_ARRAY = re.compile(r"^roster[ \t]*=[ \t]*\[[^\]]*\][ \t]*(#.*)?$", re.MULTILINE)


def roster_line(names: Sequence[str]) -> str:
    """``roster = ["A", "B"]`` (TOML basic strings)."""
    quoted = ", ".join('"' + n.replace("\\", "\\\\").replace('"', '\\"') + '"' for n in names)
    return f"roster = [{quoted}]"


def with_roster(text: str, names: Sequence[str]) -> str:
    """``text`` (a TOML configuration) with ``[people] roster`` set to ``names``."""
    line = roster_line(names)
    header = PEOPLE_HEADER.search(text)
    if header is None:
        gap = "" if not text or text.endswith("\n\n") else ("\n" if text.endswith("\n") else "\n\n")
        return f"{text}{gap}[people]\n{line}\n"
    start = header.end()
    nxt = NEXT_TABLE.search(text, start + 1)
    end = nxt.start() if nxt else len(text)
    body = text[start:end]
    found = ROSTER_ARRAY.search(body)
    if found is None:
        return text[:start] + "\n" + line + text[start:]
    return text[:start] + body[:found.start()] + line + body[found.end():] + text[end:]


def add_to_roster(path: Path, roster: Sequence[str], name: str) -> tuple[str, ...]:
    """Write ``roster`` plus ``name`` as ``[people] roster`` in ``path``; the new roster.

    Raises :class:`~osgtui.errors.ConfigError` naming the file when it cannot be
    read, is not TOML, or would not read back with the new roster; the file is
    then as it was.
    """
    names = tuple(roster) if name in roster else (*roster, name)
    try:
        text = path.read_text(encoding="utf-8") if path.exists() else ""
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"config {path}: cannot read the file ({err}); add {name} to [people] roster by hand") from None
    try:
        tomllib.loads(text)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"config {path}: not valid TOML ({err}); fix it, then add {name} again") from None
    new = with_roster(text, names)
    try:
        parsed = tomllib.loads(new)
    except tomllib.TOMLDecodeError:
        parsed = {}
    if tuple(parsed.get("people", {}).get("roster", ())) != names:
        raise ConfigError(f"config {path}: its [people] roster is written in a way osgtui cannot edit; "
                          f"add {name} to it by hand")
    path.parent.mkdir(parents=True, exist_ok=True)
    write_file(path, new.encode("utf-8"), error=ConfigError)
    return names
