"""Where osgtui keeps its files: the configuration file and the SQLite database.

Tiny functions over ``platformdirs`` (application name ``osgtui``, no author
directory). Nothing is created at import time; only :func:`data_dir` (and
:func:`db_path` for its default location) creates a directory, on demand.

Precedence for the configuration file: ``--config`` > ``OSGTUI_CONFIG`` > the
user configuration file (if it exists) > built-in defaults. For the database:
``--db`` > ``OSGTUI_DB`` > ``<user data dir>/osgtui.db``.

Tests keep the user's real configuration out of the way by patching
:func:`user_config_search_path` (the test seam) and :func:`data_dir`.
"""

from __future__ import annotations

import os
from pathlib import Path

from platformdirs import user_config_path, user_data_path

from osgtui.errors import StoreError

APP_NAME = "osgtui"
CONFIG_ENV = "OSGTUI_CONFIG"
DB_ENV = "OSGTUI_DB"
CONFIG_FILENAME = "config.toml"
DB_FILENAME = "osgtui.db"


def _from_env(name: str) -> Path | None:
    """The path held by environment variable ``name`` (``~`` expanded), or None if unset/empty."""
    value = os.environ.get(name, "").strip()
    return Path(value).expanduser() if value else None


def user_config_search_path() -> Path:
    """The user configuration file, used when neither ``--config`` nor ``OSGTUI_CONFIG`` is set.

    For example ``~/.config/osgtui/config.toml`` on Linux. The file may not exist.
    This is the seam tests patch to hide (or provide) a user configuration; it is
    also where a future ``osgtui init-config`` would write ``default_config_text()``.
    """
    return user_config_path(APP_NAME, appauthor=False) / CONFIG_FILENAME


def config_file(explicit: str | None = None) -> Path | None:
    """The configuration file to load, or None for the built-in defaults.

    ``explicit`` (the ``--config`` value) wins, then ``OSGTUI_CONFIG``; both are
    returned even when the file is missing, so that ``load_config`` reports
    "file not found". Otherwise the user configuration file is used if it exists.
    """
    if explicit:
        return Path(explicit).expanduser()
    from_env = _from_env(CONFIG_ENV)
    if from_env is not None:
        return from_env
    candidate = user_config_search_path()
    return candidate if candidate.exists() else None


def data_dir() -> Path:
    """The user data directory (e.g. ``~/.local/share/osgtui``), created if missing.

    Raises StoreError with a one-line message if it cannot be created.
    """
    path = user_data_path(APP_NAME, appauthor=False)
    try:
        path.mkdir(parents=True, exist_ok=True)
    except OSError as err:
        reason = err.strerror or type(err).__name__
        raise StoreError(
            f"cannot create data directory {path}: {reason}; "
            f"give a database file with --db or {DB_ENV}"
        ) from None
    return path


def db_path(explicit: str | None = None) -> Path:
    """The SQLite database file: ``--db``, else ``OSGTUI_DB``, else ``data_dir()/osgtui.db``.

    Only the default location's directory is created; explicit paths are used as given
    (with ``~`` expanded).
    """
    if explicit:
        return Path(explicit).expanduser()
    from_env = _from_env(DB_ENV)
    if from_env is not None:
        return from_env
    return data_dir() / DB_FILENAME
