"""Publishing minutes to the MkDocs git repository and taking back others' edits.

Text level only: these functions take and return Markdown strings; turning meetings
into text and back is the renderer's and parser's job. Modules: :mod:`.nav`
(``mkdocs.yml`` nav lines), :mod:`.git` (running git, repository checks),
:mod:`.files` (byte-exact atomic writes), :mod:`.publisher` (``publish``/``preview``),
:mod:`.merge` (section-level three-way merge) and :mod:`.pull`.
"""

from osgtui.publish.merge import Conflict, MergeResult, merge_minutes
from osgtui.publish.nav import NavResult, add_nav_entry, nav_label, nav_line
from osgtui.publish.publisher import (
    PublishCheck,
    PublishConflictError,
    PublishResult,
    PushError,
    check_publish,
    minutes_filename,
    minutes_relpath,
    preview,
    publish,
    repo_path,
)
from osgtui.publish.pull import PullResult, pull

__all__ = [
    "Conflict",
    "MergeResult",
    "NavResult",
    "PublishCheck",
    "PublishConflictError",
    "PublishResult",
    "PullResult",
    "PushError",
    "add_nav_entry",
    "check_publish",
    "merge_minutes",
    "minutes_filename",
    "minutes_relpath",
    "nav_label",
    "nav_line",
    "preview",
    "publish",
    "pull",
    "repo_path",
]
