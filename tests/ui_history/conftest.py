"""Fixtures for the history screens: a store on a temporary SQLite file with the test meetings."""

from __future__ import annotations

from pathlib import Path

import pytest

from osgtui.config import Config
from osgtui.store.database import Store

from .harness import make_config, make_store


@pytest.fixture
def config() -> Config:
    """The test team (roster BrianL, Carl, Mat, Tim; alias Brian → BrianL)."""
    return make_config()


@pytest.fixture
def store(tmp_path: Path, config: Config) -> Store:
    """The three test meetings, imported."""
    store = make_store(tmp_path / "history.db", config)
    yield store
    store.close()


@pytest.fixture
def empty_store(tmp_path: Path, config: Config) -> Store:
    """A database with no meetings."""
    store = Store.open(tmp_path / "empty.db", config)
    yield store
    store.close()
