"""The console's state, Textual-free: the meeting being edited and what keeps it safe.

:mod:`.state` (:class:`~osgtui.console.state.ConsoleState`: the session, the lock, read-only or not
and why, the timer, in one owner that the App makes and the screen uses), :mod:`.session`
(:class:`~osgtui.console.session.MeetingSession`: the meeting, its edits, saves, undo, follow),
:mod:`.editlock` (one editing console per meeting), :mod:`.undo_log` (undo kept
over restarts), :mod:`.meeting_timer` (the meeting and section timers), :mod:`.recovery` (the
recovery file when the database refuses a write), :mod:`.roster_file` (adding a name to the
configuration's roster). The Textual app (:mod:`osgtui.app`) and screens only wire these up.
"""
