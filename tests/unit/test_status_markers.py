"""Status changes keep the marker style the line, or else the meeting, uses."""

from __future__ import annotations

from osgtui.minutes.actions import DONE, IN_PROGRESS, OPEN, marker_style, usual_marker_style, with_status


def test_a_line_keeps_its_own_marker_style() -> None:
    line = "AI (TimT): Take over osg-sites [IN PROGRESS]"
    assert marker_style(line) == "bracket"
    assert with_status(line, DONE) == "AI (TimT): Take over osg-sites [DONE]"
    assert with_status("AI (Mat): test (IN PROGRESS)", DONE) == "AI (Mat): test (DONE)"
    assert with_status(line, OPEN) == "AI (TimT): Take over osg-sites"


def test_a_line_without_a_marker_takes_the_meeting_s_style() -> None:
    texts = ["AI (A): one [DONE]", "AI (B): two [IN PROGRESS]", "AI (C): three (done)", "AI (D): four"]
    assert usual_marker_style(texts) == "bracket"
    assert with_status("AI (D): four", IN_PROGRESS, usual_marker_style(texts)) == "AI (D): four [IN PROGRESS]"
    assert usual_marker_style(["AI (D): four"]) == "paren"
    assert with_status("AI (D): four", DONE) == "AI (D): four (done)"


def test_last_week_s_style_when_the_meeting_has_none(tmp_path) -> None:  # noqa: ANN001
    from datetime import date

    from osgtui.minutes.parser import parse_minutes
    from osgtui.store.database import Store

    store = Store.open(tmp_path / "osgtui.db")
    store.save_meeting(parse_minutes("# OSG Technology Area Meeting, 3 June 2019\n\n## Announcements\n\n"
                                     "-   AI (Mat): one [DONE]\n-   AI (Carl): two\n", "TechArea20190603.md"))
    assert store.action_lines_before(date(2019, 6, 10)) == ["AI (Mat): one [DONE]", "AI (Carl): two"]
    assert usual_marker_style(store.action_lines_before(date(2019, 6, 10))) == "bracket"
    assert store.action_lines_before(date(2019, 6, 3)) == []
    store.close()
