"""Meeting history: the next draft, count deltas, action items across meetings, search.

``osgtui.history.importer`` calls :func:`link_imported` before saving each imported meeting.
"""

from osgtui.history.actions import ActionRecord, action_history
from osgtui.history.deltas import previous_counts, set_count_value
from osgtui.history.draft import build_draft, create_draft, next_meeting_date
from osgtui.history.linking import link_imported
from osgtui.history.search import SearchHit, search

__all__ = [
    "ActionRecord",
    "SearchHit",
    "action_history",
    "build_draft",
    "create_draft",
    "link_imported",
    "next_meeting_date",
    "previous_counts",
    "search",
    "set_count_value",
]
