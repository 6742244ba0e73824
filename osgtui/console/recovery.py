"""A recovery file: the meeting as the console holds it, written when the database cannot take it.

Used when the note-taker quits while the database refuses writes (locked, disk
full, read-only). The file is the meeting's Markdown, named as the archive
names it (``TechAreaYYYYMMDD.md``) so ``osgtui import --replace FILE`` brings it
back, in a folder of its own per quit beside the database, else in the
temporary directory (the disk of the database may be the full one).

No Textual here.
"""

from __future__ import annotations

import tempfile
from datetime import datetime
from pathlib import Path

from osgtui.errors import OsgtuiError
from osgtui.minutes.model import Meeting
from osgtui.minutes.renderer import render_minutes

__all__ = ["write_recovery"]


def write_recovery(meeting: Meeting, db_path: Path | None, now: datetime | None = None) -> Path:
    """Write the meeting's Markdown to a new recovery folder; its path. :class:`OsgtuiError` when nowhere works."""
    stamp = (now or datetime.now()).strftime("%Y%m%d-%H%M%S")
    name = f"TechArea{meeting.date:%Y%m%d}.md"
    text = render_minutes(meeting).encode("utf-8")
    bases = ([db_path.parent] if db_path is not None else []) + [Path(tempfile.gettempdir())]
    problems: list[str] = []
    for base in bases:
        folder = base / "osgtui-recovery" / stamp
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / name
            with open(path, "xb") as out:
                out.write(text)
            return path
        except OSError as err:
            problems.append(f"{base}: {err.strerror or err}")
    raise OsgtuiError("cannot write a recovery file (" + "; ".join(problems) + "); copy the text from the Preview pane")
