"""Tests for osgtui.paths: configuration-file precedence and the database location."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from osgtui import paths
from osgtui.config import Config, load_config
from osgtui.errors import ConfigError, StoreError


@pytest.fixture
def user_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point the user-config seam at a file under tmp_path (not created) and clear the env."""
    target = tmp_path / "user" / "config.toml"
    monkeypatch.setattr(paths, "user_config_search_path", lambda: target)
    monkeypatch.delenv("OSGTUI_CONFIG", raising=False)
    monkeypatch.delenv("OSGTUI_DB", raising=False)
    return target


@pytest.fixture
def data_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point platformdirs' user data directory at tmp_path/data/osgtui (not created)."""
    target = tmp_path / "data" / "osgtui"
    monkeypatch.setattr(paths, "user_data_path", lambda *args, **kwargs: target)
    return target


def make(path: Path, text: str = "") -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_defaults_when_nothing_is_configured(user_file: Path) -> None:
    assert paths.config_file() is None
    assert paths.config_file("") is None
    assert load_config(paths.config_file()) == Config()


def test_user_file_is_used_when_it_exists(user_file: Path) -> None:
    make(user_file, '[meeting]\nweekday = "Thursday"\n')
    assert paths.config_file() == user_file
    assert load_config(paths.config_file()).meeting.weekday == "Thursday"


def test_env_beats_user_file(
    user_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(user_file)
    env_file = make(tmp_path / "env.toml")
    monkeypatch.setenv("OSGTUI_CONFIG", str(env_file))
    assert paths.config_file() == env_file


def test_blank_env_is_ignored(user_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make(user_file)
    monkeypatch.setenv("OSGTUI_CONFIG", "  ")
    assert paths.config_file() == user_file


def test_explicit_beats_env_and_user_file(
    user_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make(user_file)
    monkeypatch.setenv("OSGTUI_CONFIG", str(make(tmp_path / "env.toml")))
    explicit = make(tmp_path / "explicit.toml")
    assert paths.config_file(str(explicit)) == explicit


@pytest.mark.parametrize("via_env", [False, True])
def test_missing_explicit_or_env_file_is_returned_and_reported(
    user_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, via_env: bool
) -> None:
    make(user_file)
    missing = tmp_path / "missing.toml"
    if via_env:
        monkeypatch.setenv("OSGTUI_CONFIG", str(missing))
        found = paths.config_file()
    else:
        found = paths.config_file(str(missing))
    assert found == missing
    with pytest.raises(ConfigError, match="file not found"):
        load_config(found)


def test_home_is_expanded(user_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    assert paths.config_file("~/c.toml") == tmp_path / "c.toml"
    monkeypatch.setenv("OSGTUI_DB", "~/x.db")
    assert paths.db_path() == tmp_path / "x.db"


def test_user_config_search_path_is_the_osgtui_config_toml() -> None:
    path = paths.user_config_search_path()
    assert path.name == "config.toml"
    assert path.parent.name == "osgtui"


def test_db_path_precedence(
    user_file: Path, data_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert not data_home.exists()
    assert paths.db_path() == data_home / "osgtui.db"
    assert data_home.is_dir()
    monkeypatch.setenv("OSGTUI_DB", str(tmp_path / "env" / "e.db"))
    assert paths.db_path() == tmp_path / "env" / "e.db"
    assert paths.db_path(str(tmp_path / "cli" / "c.db")) == tmp_path / "cli" / "c.db"
    assert not (tmp_path / "env").exists()
    assert not (tmp_path / "cli").exists()


def test_data_dir_is_created_on_demand(data_home: Path) -> None:
    assert paths.data_dir() == data_home
    assert data_home.is_dir()
    assert paths.data_dir() == data_home


def test_uncreatable_data_dir_is_a_store_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = make(tmp_path / "file")
    monkeypatch.setattr(paths, "user_data_path", lambda *args, **kwargs: blocker / "osgtui")
    with pytest.raises(StoreError) as info:
        paths.data_dir()
    message = str(info.value)
    assert "\n" not in message
    assert str(blocker / "osgtui") in message
    assert "--db" in message


@pytest.mark.skipif(
    sys.platform != "linux", reason="XDG variables steer platformdirs on Linux only"
)
def test_import_creates_no_directories(tmp_path: Path) -> None:
    env = {
        **os.environ,
        "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
    }
    code = "import osgtui.paths as p; print(p.user_config_search_path()); print(p.config_file())"
    result = subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True
    )
    assert result.stdout.splitlines() == [str(tmp_path / "cfg" / "osgtui" / "config.toml"), "None"]
    assert list(tmp_path.iterdir()) == []
