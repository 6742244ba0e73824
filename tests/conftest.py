"""Shared fixtures: isolation from the user's own config and data."""

from __future__ import annotations

import pytest


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
