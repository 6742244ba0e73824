"""Shared fixtures: isolation from the user's own config and data; the corpus imported once."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.corpus import archive_files, copy_database


@pytest.fixture(autouse=True)
def _isolate_user_dirs(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """Never read the developer's config or write to their data dir; no secrets from the environment."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    for var in ("OSGTUI_CONFIG", "OSGTUI_DB", "OSGTUI_JIRA_USER", "OSGTUI_JIRA_TOKEN",
                "OSGTUI_FRESHDESK_KEY", "OSGTUI_GGUS_TOKEN", "TEXTUAL_THEME", "NO_COLOR"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def corpus_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A database file with the whole archive imported (no configuration), made once per session.

    Never opened by a test: :func:`corpus_db` hands out copies.
    """
    from osgtui.history.importer import import_meetings, read_files
    from osgtui.store.database import Store

    path = tmp_path_factory.mktemp("corpus-template") / "corpus.db"
    store = Store.open(path)
    try:
        meetings, failures = read_files([str(p) for p in archive_files()])
        result = import_meetings(store, meetings)
        assert not failures and not result.failures, (failures, result.failures)
    finally:
        store.close()
    return path


@pytest.fixture
def corpus_db(corpus_template: Path, tmp_path: Path) -> Path:
    """A copy of the imported archive for this test alone (skip without the corpus: mark requires_corpus)."""
    return copy_database(corpus_template, tmp_path / "corpus.db")
