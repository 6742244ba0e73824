"""Publishing minutes to the MkDocs git repository and taking back others' edits.

Text level, but for :mod:`.workflow`: these functions take and return Markdown strings;
turning meetings into text and back is the renderer's and parser's job. Modules: :mod:`.nav`
(``mkdocs.yml`` nav lines), :mod:`.git` (running git, repository checks),
:mod:`.files` (byte-exact atomic writes), :mod:`.publisher` (``publish``/``preview``),
:mod:`.merge` (section-level three-way merge), :mod:`.pull`, and :mod:`.workflow`
(publishing and pulling a stored meeting, recording what was synced: the steps the
CLI and the console share).
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
from osgtui.publish.workflow import (
    MeetingPull,
    configured_repo,
    last_synced,
    meeting_from_minutes,
    publish_meeting,
    pull_meeting,
    record_sync,
)

__all__ = [
    "Conflict",
    "MeetingPull",
    "MergeResult",
    "NavResult",
    "PublishCheck",
    "PublishConflictError",
    "PublishResult",
    "PullResult",
    "PushError",
    "add_nav_entry",
    "check_publish",
    "configured_repo",
    "last_synced",
    "meeting_from_minutes",
    "merge_minutes",
    "minutes_filename",
    "minutes_relpath",
    "nav_label",
    "nav_line",
    "preview",
    "publish",
    "publish_meeting",
    "pull",
    "pull_meeting",
    "record_sync",
    "repo_path",
]
