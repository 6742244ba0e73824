"""Unit tests of the parser, renderer and structure extraction on the project's own fixtures."""

from __future__ import annotations

from datetime import date

import pytest

from osgtui.errors import ParseError
from osgtui.minutes.counts import find_counts, set_count
from osgtui.minutes.model import Bullet, Heading, Line, Table
from osgtui.minutes.parser import decode_minutes, parse_minutes, split_lines
from osgtui.minutes.renderer import render_minutes
from osgtui.minutes.summary import meeting_summary

from .fixtures import MINUTES_2019, MINUTES_2024


@pytest.mark.parametrize("text", [MINUTES_2019, MINUTES_2024], ids=["2019", "2024"])
def test_round_trip_is_exact(text: str) -> None:
    assert render_minutes(parse_minutes(text)) == text


def test_split_lines_keeps_line_endings() -> None:
    assert split_lines("a\r\nb\nc") == [("a", "\r\n"), ("b", "\n"), ("c", "")]
    assert split_lines("a\n") == [("a", "\n")]


def test_blocks_are_structured_not_text() -> None:
    m = parse_minutes(MINUTES_2019)
    kinds = {type(b) for b in m.blocks}
    assert kinds == {Heading, Line, Bullet, Table}
    xcache = next(b for b in m.blocks if isinstance(b, Bullet) and b.text == "XRootD:")
    assert xcache.trailing == "  " and xcache.depth == 0
    wrapped = next(b for b in m.blocks if isinstance(b, Bullet) and b.text.startswith("A long"))
    assert wrapped.full_text == "A long bullet that wraps onto a continuation line"
    assert m.title == "OSG Technology Area Meeting,  3 June 2019"


def test_two_space_nesting_and_short_markers_are_kept() -> None:
    m = parse_minutes(MINUTES_2024)
    nested = next(b for b in m.blocks if isinstance(b, Bullet) and b.text.startswith("nested"))
    assert nested.depth == 1 and nested.marker == "- "
    assert nested.eol == "\r\n"


def test_date_from_file_name_wins_over_title() -> None:
    m = parse_minutes(MINUTES_2019, filename="/x/TechArea20190610.md")
    assert m.date == date(2019, 6, 10)
    assert parse_minutes(MINUTES_2019).date == date(2019, 6, 3)


def test_summary_extracts_structure() -> None:
    s = meeting_summary(parse_minutes(MINUTES_2019))
    assert s["date"] == "2019-06-03"
    assert s["attending"] == ["Alice", "BobL", "Carol Q", "Dave"]
    assert s["triage"]["this_week"] == "BobL" and s["triage"]["next_week"] == "Carol Q"
    counts = {c["label"]: (c["count"], c["delta"]) for c in s["triage"]["counts"]}
    assert counts == {"open FreshDesk tickets": (4, 1), "open GGUS ticket": (0, -2)}
    assert [(j["state"], j["count"], j["delta"]) for j in s["jira"]] == [
        ("Open", 150, 3), ("In Progress", 20, -1), ("Ready for Testing", 5, 0), ("Ready for Release", None, None),
    ]
    versions = [r["version"] for r in s["releases"]]
    assert versions == ["3.4.31", "3.4.31/3.5.0 Both", "3.5.0", "3.4.31/3.5.0 Total"]
    assert s["releases"][0]["rows"][1] == {
        "status": "Ready for Testing", "count": 4, "delta": -1, "delta_computed": False,
        "new": False, "source": "imported", "as_of": None,
    }
    assert s["releases"][0]["ready_for_testing"] == ["cctools 7.0.13", "xrootd-plugin 1.0"]
    assert s["releases"][0]["ready_for_release"] == []
    assert [(s2["title"], s2["level"]) for s2 in s["sections"]][:3] == [
        ("Announcements", 2), ("Triage Duty", 3), ("JIRA", 3),
    ]


def test_action_items_grammar_and_status() -> None:
    items = meeting_summary(parse_minutes(MINUTES_2019))["action_items"]
    assert [(a["owners"], a["status"]) for a in items] == [
        (["Alice", "BobL"], "open"), (["Dave"], "in progress"), ([], "open"), (["Carol Q"], "done"),
    ]
    first = items[0]
    assert first["tickets"] == ["SOFTWARE-1234"]
    assert first["section"] == "OSG Software Team" and first["parent"] == "XRootD:"
    assert items[1]["text"] == "Review the [RFE] pull request"


def test_set_count_rewrites_table_and_triage_text() -> None:
    m = parse_minutes(MINUTES_2019)
    refs = {(r.group, r.label): r for r in find_counts(m)}
    set_count(m, refs[("jira", "Ready for Release")], 2, 2)
    set_count(m, refs[("triage", "open GGUS ticket")], 3, 3)
    out = render_minutes(m)
    assert "| 2            | +2      | Ready for Release |" in out
    assert "-   3 (+3) open GGUS ticket (since 5/28)\n" in out
    # Untouched parts are still byte-identical.
    assert out.split("## OSG Software Team")[1] == MINUTES_2019.split("## OSG Software Team")[1]


def test_changed_table_is_regenerated_in_its_own_style() -> None:
    m = parse_minutes(MINUTES_2024)
    refs = {(r.group, r.label): r for r in find_counts(m)}
    set_count(m, refs[("jira", "Open")], 1000, -5)
    out = render_minutes(m)
    # Widths follow the cells now in the table; the compact rule style is kept.
    assert "| 1000         | -5      | Open             |\n" in out
    assert "|--------------|---------|------------------|\n" in out


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "empty"),
        (b"  \n\n", "empty"),
        (b"\x00\x01\x02binary", "binary"),
        ("# Titre, 3 juin 2019\n".encode("latin-1") + b"\xe9\xff\n", "not UTF-8"),
    ],
)
def test_bad_bytes_are_clear_errors(data: bytes, message: str) -> None:
    with pytest.raises(ParseError, match=message) as err:
        parse_minutes(decode_minutes(data, "bad.md"), "bad.md")
    assert "bad.md" in str(err.value) and "\n" not in str(err.value)


def test_no_title_or_no_date_is_an_error() -> None:
    with pytest.raises(ParseError, match="no title"):
        parse_minutes("-   just a bullet\n", "notes.md")
    with pytest.raises(ParseError, match="no meeting date"):
        parse_minutes("# Some meeting\n", "notes.md")
