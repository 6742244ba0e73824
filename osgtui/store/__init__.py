"""The local SQLite database: every meeting, its blocks, and the schema.

:mod:`.database` (:class:`~osgtui.store.database.Store`: open, load, save, list) and
:mod:`.migrations` (the schema, as numbered steps run on open).
"""
