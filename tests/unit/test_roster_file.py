"""Unit tests of adding a name to [people] roster in a real configuration file."""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from osgtui.console.roster_file import add_to_roster
from osgtui.errors import ConfigError


def roster(path: Path) -> list[str]:
    return tomllib.loads(path.read_text())["people"]["roster"]


def test_rewrites_only_the_roster_line(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('# mine\n[people]\nroster = ["Mat", "BrianL"]  # the team\naliases = {Brian = "BrianL"}\n\n'
                    '[triage]\nrotation = ["Mat"]\n')
    assert add_to_roster(path, ["Mat", "BrianL"], "Zed") == ("Mat", "BrianL", "Zed")
    text = path.read_text()
    assert text == ('# mine\n[people]\nroster = ["Mat", "BrianL", "Zed"]\naliases = {Brian = "BrianL"}\n\n'
                    '[triage]\nrotation = ["Mat"]\n')


def test_multi_line_array_and_missing_roster_and_missing_table(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    path.write_text('[people]\nroster = [\n  "Mat",\n  "Tim",\n]\n[jira]\nurl = ""\n')
    add_to_roster(path, ["Mat", "Tim"], "Zed")
    assert roster(path) == ["Mat", "Tim", "Zed"] and 'url = ""' in path.read_text()
    path.write_text('[people]\naliases = {}\n')
    add_to_roster(path, ["Mat"], "Zed")  # a learned roster is written with the name
    assert roster(path) == ["Mat", "Zed"]
    path.write_text('[jira]\nurl = ""\n')
    add_to_roster(path, [], "Zed")
    assert roster(path) == ["Zed"] and tomllib.loads(path.read_text())["jira"]["url"] == ""


def test_missing_file_is_created(tmp_path: Path) -> None:
    path = tmp_path / "new" / "config.toml"
    add_to_roster(path, ["Mat"], 'O"Neil')
    assert roster(path) == ["Mat", 'O"Neil']


def test_a_file_it_cannot_edit_is_left_as_it_was(tmp_path: Path) -> None:
    path = tmp_path / "config.toml"
    broken = "[people\nroster = 3\n"
    path.write_text(broken)
    with pytest.raises(ConfigError, match=r"config .*config.toml: not valid TOML"):
        add_to_roster(path, [], "Zed")
    assert path.read_text() == broken
    odd = '[people]\nroster = ["A", "B [x]"]\n'  # a bracket inside a name: not rewritten blindly
    path.write_text(odd)
    with pytest.raises(ConfigError, match="add Zed to it by hand"):
        add_to_roster(path, ["A", "B [x]"], "Zed")
    assert path.read_text() == odd
