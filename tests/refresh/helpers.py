"""Shared by the refresh tests: the two meetings (last week's and the draft), a CLI setup."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import pytest

from osgtui.cli import main

PREVIOUS = """\
# OSG Technology Area Meeting, 3 June 2019

## Announcements

### Triage Duty

-   This week: Ann
-   Next week: Bob
-   3 (+0) open FreshDesk tickets

### JIRA

| # of tickets | &Delta; | State       |
|--------------|---------|-------------|
| 4            | +0      | Open        |
| 1            | +0      | In Progress |

## OSG Release Team

-   Nothing yet
"""

DRAFT = PREVIOUS.replace("3 June", "10 June").replace("3 (+0)", "? (?)").replace("| 4            | +0      |", "| ?            | ?       |")


def with_meetings(tmp_path: Path, config_text: str) -> list[str]:
    """Write ``config_text`` (mode 600) and a database holding PREVIOUS and DRAFT under ``tmp_path``.

    Returns the global options that select them: ``--config FILE --db FILE``.
    """
    tmp_path.mkdir(parents=True, exist_ok=True)
    config = tmp_path / "config.toml"
    config.write_text(config_text)
    config.chmod(0o600)
    db = tmp_path / "m.db"
    for name, text in (("TechArea20190603.md", PREVIOUS), ("TechArea20190610.md", DRAFT)):
        (tmp_path / name).write_text(text)
        assert main(["--db", str(db), "import", str(tmp_path / name)]) == 0
    return ["--config", str(config), "--db", str(db)]


def set_env(monkeypatch: pytest.MonkeyPatch, values: Mapping[str, str]) -> None:
    """Set the environment variables ``values`` (the service credentials) for one test."""
    for name, value in values.items():
        monkeypatch.setenv(name, value)
