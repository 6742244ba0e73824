"""The new / actions / search commands, including every error case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from osgtui.cli import main

from .fixtures import MEETING_A, MEETING_B, MEETING_C

CONFIG = """\
[people.aliases]
Brian = "BrianL"

[triage]
rotation = ["Alice", "Bob", "Carol", "Dave"]
away = ["Bob"]
"""


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> list[str]:
    """Global options for a database holding meetings A, B, C and the test configuration."""
    config = tmp_path / "config.toml"
    config.write_text(CONFIG)
    files = []
    for day, text in (("20240109", MEETING_A), ("20240116", MEETING_B), ("20240123", MEETING_C)):
        path = tmp_path / f"TechArea{day}.md"
        path.write_text(text)
        files.append(str(path))
    opts = ["--config", str(config), "--db", str(tmp_path / "m.db")]
    assert run(capsys, *opts, "import", *files)[0] == 0
    return opts


def test_new_creates_the_next_draft(cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *cli, "new")
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        "created 2024-01-30 from 2024-01-23",
        "triage duty: this week Dave, next week Alice",
        "action items carried forward: 2",
        "from the history, as no configuration sets them: the roster (Alice, BrianL, Carol, Dave: everyone "
        "in at least two of the 3 meetings 2024-01-09 to 2024-01-23); the coordinates (from 2024-01-23); "
        "the title's name and day style (from 2024-01-23 and before)",
    ]
    code, out, _ = run(capsys, *cli, "show", "2024-01-30", "--json")
    doc = json.loads(out)
    assert doc["title"] == "OSG Technology Area Meeting, 30 January 2024" and doc["attending"] == []
    assert [a["text"] for a in doc["action_items"]] == [
        "write the origin upgrade guide for OSG 23", "build the new osg-token-renewer"]


def test_new_with_a_date_and_replace(cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, *cli, "new", "2024-02-06")[0] == 0
    code, out, err = run(capsys, *cli, "new", "2024-02-06")
    assert code == 1 and out == ""
    assert err == ("osgtui: error: a meeting on 2024-02-06 already exists; open it, or use --replace to start "
                   "it again from the previous meeting\n")
    code, out, _ = run(capsys, *cli, "new", "2024-02-06", "--replace")
    assert code == 0 and out.startswith("created 2024-02-06 from 2024-01-23")


def test_new_before_every_meeting_uses_the_template(cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *cli, "new", "2023-12-19")
    assert code == 0
    assert out.splitlines() == [
        "created 2023-12-19 from the built-in template",
        "triage duty: this week Alice, next week Carol",
        "action items carried forward: 0",
    ]


def test_new_malformed_date(cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, *cli, "new", "30/01/2024")
    assert code == 1 and "expected YYYY-MM-DD" in err and "Traceback" not in err


def test_actions_text_and_json(cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *cli, "actions")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 7 and lines[0].startswith("raised")
    assert lines[3] == ("2024-01-09  2024-01-16     2  dropped      BrianL: review the gratia probe pull requests"
                        "  [OSG Software Team]")
    code, out, _ = run(capsys, *cli, "actions", "--open", "--json")
    doc = json.loads(out)
    assert [(d["text"], d["status"], d["meetings_open"]) for d in doc] == [
        ("write the origin upgrade guide for OSG 23", "open", 3),
        ("build the new osg-token-renewer", "in progress", 2),
    ]
    assert set(doc[0]) == {"thread", "owners", "text", "status", "first_raised", "last_seen", "meetings_open",
                           "section"}


def test_actions_by_owner_alias(cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *cli, "actions", "--owner", "Brian", "--json")
    assert code == 0 and {tuple(d["owners"]) for d in json.loads(out)} == {("BrianL",)}
    code, out, _ = run(capsys, *cli, "actions", "--owner", "Zed", "--open")
    assert (code, out) == (0, "no action items for Zed open\n")


def test_search_text_json_limit(cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, *cli, "search", "origin", "guide", "--limit", "2")
    assert code == 0
    assert out.splitlines() == [
        "2024-01-09  OSG Software Team  AI (Alice, Carol): write the origin upgrade guide",
        "2024-01-23  OSG Software Team  AI (Alice, Carol): write the origin upgrade guide for OSG 23",
    ]
    code, out, err = run(capsys, *cli, "search", "origin", "guide", "--limit", "1")
    assert len(out.splitlines()) == 1
    assert err == "(1 of 3 matching lines: add words to narrow the search, or --limit N)\n"
    code, out, _ = run(capsys, *cli, "search", "renewer", "--json")
    doc = json.loads(out)
    assert [(d["date"], d["kind"]) for d in doc] == [("2024-01-16", "action"), ("2024-01-23", "action")]
    assert set(doc[0]) == {"date", "section", "line", "kind", "rank"}
    code, out, _ = run(capsys, *cli, "search", "nothinglikethis")
    assert (code, out) == (0, "no matches for nothinglikethis\n")


def test_search_bad_query_and_bad_limit(cli: list[str], capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = run(capsys, *cli, "search", "(osg-htc")
    assert code == 1 and out == ""
    assert err.startswith("osgtui: error: search query '(osg-htc' is not valid FTS5 syntax")
    assert len(err.splitlines()) == 1
    with pytest.raises(SystemExit) as info:
        main([*cli, "search", "x", "--limit", "0"])
    assert info.value.code == 2
    assert "expected a positive whole number" in capsys.readouterr().err
