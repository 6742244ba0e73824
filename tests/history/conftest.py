"""Fixtures for the history tests: a store on a real SQLite file, configurations (the corpus: tests/corpus.py)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from osgtui.config import Config, PeopleConfig, TriageConfig
from osgtui.history.importer import import_meetings
from osgtui.minutes.model import Meeting
from osgtui.minutes.parser import parse_minutes
from osgtui.store.database import Store

from .fixtures import MEETING_A, MEETING_B, MEETING_C


def minutes(text: str, day: str) -> Meeting:
    """Parse fixture text as the file TechArea<day>.md."""
    return parse_minutes(text, filename=f"TechArea{day}.md")


@pytest.fixture
def config() -> Config:
    """A team with an alias (Brian = BrianL) and a rotation in which Bob is away."""
    return Config(
        people=PeopleConfig(roster=("Alice", "BrianL", "Carol", "Dave"), aliases={"Brian": "BrianL"}),
        triage=TriageConfig(rotation=("Alice", "Bob", "Carol", "Dave"), away=("Bob",)),
    )


@pytest.fixture
def store(tmp_path: Path, config: Config) -> Iterator[Store]:
    """An empty store on a file, with the test configuration."""
    s = Store.open(tmp_path / "history.db", config=config)
    yield s
    s.close()


@pytest.fixture
def plain_store(tmp_path: Path) -> Iterator[Store]:
    """An empty store without a configuration (no aliases, no rotation)."""
    s = Store.open(tmp_path / "plain.db")
    yield s
    s.close()


@pytest.fixture
def three(store: Store, config: Config) -> Store:
    """The store with meetings A, B, C (9, 16, 23 January 2024) imported."""
    meetings = [minutes(MEETING_A, "20240109"), minutes(MEETING_B, "20240116"), minutes(MEETING_C, "20240123")]
    result = import_meetings(store, meetings, config=config)
    assert not result.failures
    return store
