"""The local SQLite database: every meeting, its blocks, and the schema. All of osgtui's SQL is here.

:mod:`.database` (:class:`~osgtui.store.database.Store`: open, load, save, list),
:mod:`.migrations` (the schema, as numbered steps run on open), and the queries of the
modules that compute from the database: :mod:`.history_queries` (action-item threads, previous
counts, linking imports), :mod:`.search_index` (full-text search) and :mod:`.console_state`
(editor locks, undo steps, meeting timers). No other module runs a statement
(``tests/core/test_sql_in_store.py``).
"""
