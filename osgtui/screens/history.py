"""The history screens of the console: the meeting list, search, and a person's open action items.

Each screen is pushed by the console and dismissed with what to open:

- :class:`MeetingListScreen` → the chosen meeting's ``date`` (None on escape);
- :class:`SearchScreen` → ``(date, None)`` for the meeting a hit is in (search hits carry no block uid);
- :class:`PersonActionsScreen` → ``(date last seen, block uid)`` of an open action item.
"""

from osgtui.screens.history_actions import PersonActionsScreen
from osgtui.screens.history_meetings import MeetingListScreen
from osgtui.screens.history_search import SearchScreen

__all__ = ["MeetingListScreen", "PersonActionsScreen", "SearchScreen"]
