"""Fixtures: real temporary git repositories, and git isolated from the machine's configuration.

Every test here runs with ``HOME`` in a temporary directory and no system or global git
configuration, so the machine's own git identity or hooks can never mask a failure;
each repository sets ``user.name``/``user.email`` locally.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path

import pytest

from .publish_helpers import MKDOCS, MinutesRepo, init_repo, minutes_for, run


@pytest.fixture(autouse=True)
def isolated_git(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """No user, system or global git configuration, no identity from the environment."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("GIT_CONFIG_NOSYSTEM", "1")
    monkeypatch.setenv("GIT_CONFIG_GLOBAL", "/dev/null")
    for name in (
        "GIT_AUTHOR_NAME", "GIT_AUTHOR_EMAIL", "GIT_COMMITTER_NAME", "GIT_COMMITTER_EMAIL",
        "EMAIL", "GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE",
    ):  # fmt: skip
        monkeypatch.delenv(name, raising=False)


@pytest.fixture
def make_repo(tmp_path: Path) -> Callable[..., MinutesRepo]:
    """Factory: a minutes repository with mkdocs.yml (given text) and two earlier meetings."""

    def make(mkdocs: str | bytes = MKDOCS, name: str = "technology") -> MinutesRepo:
        repo = init_repo(tmp_path / name)
        run(repo.path, "config", "user.name", "Team Lead")
        repo.commit(
            "Earlier meetings",
            ("mkdocs.yml", mkdocs),
            ("docs/index.md", "# OSG Technology Area\n"),
            ("docs/meetings/2019/TechArea20190527.md", minutes_for(date(2019, 5, 27))),
            ("docs/meetings/2019/TechArea20190603.md", minutes_for(date(2019, 6, 3))),
        )
        run(repo.path, "config", "user.name", "Note Taker")
        return repo

    return make


@pytest.fixture
def repo(make_repo: Callable[..., MinutesRepo]) -> MinutesRepo:
    """The default minutes repository."""
    return make_repo()
