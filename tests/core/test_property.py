"""Property tests: rendering is stable under parsing, for awkward generated meetings."""

from __future__ import annotations

from datetime import date

from hypothesis import given, settings
from hypothesis import strategies as st

from osgtui.minutes.model import Bullet, Heading, Line, Meeting, Table
from osgtui.minutes.parser import parse_minutes
from osgtui.minutes.renderer import render_minutes

AWKWARD = st.sampled_from(["|", "#", "-", "[", "]", "*", "\\", "[/]", "&Delta;", "é", "→", "  ", "`", "AI (", "):"])
TEXT = st.lists(st.one_of(AWKWARD, st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=8)),
                max_size=6).map("".join).map(str.strip)
EOL = st.sampled_from(["\n", "\n", "\n", "\r\n"])


@st.composite
def blocks(draw: st.DrawFn) -> list:
    out: list = [Heading(1, "OSG Technology Area Meeting, 10 June 2019")]
    depth = 0
    for _ in range(draw(st.integers(0, 12))):
        kind = draw(st.sampled_from(["heading", "line", "bullet", "bullet", "table"]))
        if kind == "heading":
            out.append(Heading(draw(st.integers(2, 3)), draw(TEXT) or "Section", eol=draw(EOL)))
            depth = 0
        elif kind == "line":
            out.append(Line(draw(TEXT), draw(EOL)))
            depth = 0
        elif kind == "bullet":
            depth = draw(st.integers(0, depth + 1 if any(isinstance(b, Bullet) for b in out) else 0))
            out.append(Bullet(depth, draw(TEXT), marker=draw(st.sampled_from(["-   ", "- ", "-  "])),
                              trailing=draw(st.sampled_from(["", "  "])), eol=draw(EOL)))
        else:
            ncols = draw(st.integers(1, 4))
            row = st.lists(TEXT, min_size=ncols, max_size=ncols)
            out.append(Table(draw(row), draw(st.lists(row, max_size=4)),
                             style=draw(st.sampled_from(["pandoc", "spaced", "compact"]))))
            out.append(Line(""))
            depth = 0
    return out


@settings(max_examples=300, deadline=None)
@given(blocks(), st.sampled_from([2, 4]))
def test_render_parse_render_is_stable(generated: list, unit: int) -> None:
    meeting = Meeting(date(2019, 6, 10), generated, indent_unit=unit)
    text = render_minutes(meeting)
    assert render_minutes(parse_minutes(text)) == text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(AWKWARD, st.text(max_size=10), st.sampled_from(["\n", "\r\n", "| a | b |\n|---|---|\n"])),
                max_size=30).map("".join))
def test_any_text_round_trips(body: str) -> None:
    text = "# OSG Technology Area Meeting, 10 June 2019\n" + body
    assert render_minutes(parse_minutes(text)) == text


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(TEXT, min_size=3, max_size=3), min_size=1, max_size=5))
def test_table_cells_survive_rendering(rows: list[list[str]]) -> None:
    table = Table(["# of tickets", "&Delta;", "State"], rows, style="pandoc")
    meeting = Meeting(date(2019, 6, 10), [Heading(1, "T, 10 June 2019"), table])
    parsed = parse_minutes(render_minutes(meeting))
    assert parsed.blocks[1].rows == rows
