"""What every command and the console need: the configuration and the store, opened lazily."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from osgtui.config import Config
    from osgtui.store.database import Store


class Context:
    """Lazily loads the configuration and opens the database for a command."""

    def __init__(self, config_arg: str | None = None, db_arg: str | None = None) -> None:
        self.config_arg = config_arg
        self.db_arg = db_arg
        self._config: Config | None = None
        self._store: Store | None = None
        self.defer_warnings = False
        """When true (the console is on screen), warnings are kept in ``warnings`` instead of printed."""
        self.warnings: list[str] = []

    @property
    def config(self) -> Config:
        """The loaded configuration (``--config``, ``OSGTUI_CONFIG``, user dir, defaults)."""
        if self._config is None:
            from osgtui.config import config_permission_warning, load_config
            from osgtui.paths import config_file

            path = config_file(self.config_arg)
            self._config = load_config(path)
            warning = config_permission_warning(path)
            if warning and self.defer_warnings:
                self.warnings.append(warning)
            elif warning:
                print(f"osgtui: warning: {warning}", file=sys.stderr)
        return self._config

    @property
    def db_path(self) -> Path:
        """The database file (``--db``, ``OSGTUI_DB``, user data dir)."""
        from osgtui.paths import db_path

        return db_path(self.db_arg)

    @property
    def store(self) -> Store:
        """The opened and migrated store."""
        if self._store is None:
            from osgtui.store.database import Store

            self._store = Store.open(self.db_path, config=self.config)
        return self._store

    @property
    def open_store(self) -> Store | None:
        """The store if a command opened it (None: it was never needed)."""
        return self._store

    def close(self) -> None:
        """Close the store if it was opened."""
        if self._store is not None:
            self._store.close()
            self._store = None
