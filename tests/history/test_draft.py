"""The next meeting's draft: carried forward from the previous meeting, or from the template."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from osgtui.config import Config, MeetingConfig, TriageConfig
from osgtui.errors import StoreError
from osgtui.history import build_draft, create_draft, next_meeting_date
from osgtui.history.rotation import rotate
from osgtui.minutes.extract import action_items, attending, sections, triage_duty
from osgtui.minutes.model import Bullet
from osgtui.minutes.renderer import render_minutes
from osgtui.minutes.summary import meeting_summary
from osgtui.store.database import Store

from .conftest import minutes
from .fixtures import MEETING_2019, MEETING_A

JAN16 = date(2024, 1, 16)


def lines(meeting) -> list[str]:
    return render_minutes(meeting).splitlines()


def test_draft_header_title_coordinates_attending(config: Config) -> None:
    draft = build_draft(minutes(MEETING_A, "20240109"), JAN16, config)
    text = lines(draft)
    assert text[0] == "# OSG Technology Area Meeting, 16 January 2024"
    # no coordinates configured: last meeting's block, its continuation line included
    assert text[2:4] == lines(minutes(MEETING_A, "20240109"))[2:4] and "zoom.us" in text[3]
    assert text[4] == "-   **Attending:**"
    assert attending(draft) == []
    assert draft.date == JAN16 and draft.version == 0 and draft.source_name is None


def test_draft_keeps_plain_header_lines_their_style_and_the_roster_comment() -> None:
    cfg = Config(meeting=MeetingConfig(coordinates="Zoom: <https://example.org/z>"))
    draft = build_draft(minutes(MEETING_2019, "20190603"), date(2019, 6, 10), cfg)
    text = lines(draft)
    assert text[0] == "# OSG Technology Area Meeting, 10 June 2019"
    assert text[2] == "**Coordinates:** Zoom: <https://example.org/z>  "
    assert text[3] == "**Attending:** <!--Alice, BobL, Carol Q, Dave, Eve-->"
    assert attending(draft) == []


def test_triage_rotates_skipping_people_away(config: Config) -> None:
    draft = build_draft(minutes(MEETING_A, "20240109"), JAN16, config)
    assert triage_duty(draft)[:2] == ("Alice", "Carol")  # Bob, next after Alice, is away
    assert "-   This week: Alice" in lines(draft) and "-   Next week: Carol" in lines(draft)


def test_triage_doubt_markers_dropped_and_empty_rotation_leaves_next_week_empty() -> None:
    draft = build_draft(minutes(MEETING_2019, "20190603"), date(2019, 6, 10), Config())
    assert triage_duty(draft)[:2] == ("Carol Q", "")
    assert "-   Next week:" in lines(draft)


@pytest.mark.parametrize(
    ("rotation", "away", "previous", "expected"),
    [
        (("A", "B", "C"), (), ("A", "B"), ("B", "C")),
        (("A", "B", "C"), (), ("B", "C"), ("C", "A")),  # wraps around
        (("A", "B", "C", "D"), ("C",), ("A", "B"), ("B", "D")),
        (("A", "B", "C"), ("A", "C"), ("A", "B"), ("B", "")),  # everyone else away
        (("A", "B", "C"), (), ("A", "X"), ("X", "B")),  # substitute: continue after last this-week
        (("A", "B", "C"), (), ("A", ""), ("B", "C")),  # nobody named for next week
        (("A", "B", "C"), (), ("Y", "X"), ("X", "")),  # nobody of the rotation: leave it to fill in
        ((), (), ("A", "B"), ("B", "")),
        (("A", "B"), (), ("a?", "b (???)"), ("b", "A")),  # doubt markers, case ignored
    ],
)
def test_rotation_rules(rotation, away, previous, expected) -> None:
    cfg = Config(triage=TriageConfig(rotation=rotation, away=away))
    assert rotate(cfg, *previous) == expected


def test_rotation_resolves_aliases(config: Config) -> None:
    cfg = Config(people=config.people, triage=TriageConfig(rotation=("BrianL", "Carol")))
    assert rotate(cfg, "Carol", "Brian") == ("Brian", "Carol")


def test_counts_are_unknown_and_marked_to_fill_in(config: Config) -> None:
    draft = build_draft(minutes(MEETING_A, "20240109"), JAN16, config)
    text = lines(draft)
    assert "-   ? (?) open FreshDesk tickets" in text  # the week's note "(since 1/2)" is dropped
    assert "-   ? (?) open GGUS ticket" in text
    assert "| ?            | ?       | Selected for Dev |" in text
    summary = meeting_summary(draft)
    assert [c["count"] for c in summary["jira"]] == [None, None, None]
    assert all(meta.source == "pending" and not meta.delta_computed for meta in draft.count_meta.values())
    assert len(draft.count_meta) == 5


def test_finished_items_dropped_with_children_open_ones_linked(config: Config) -> None:
    previous = minutes(MEETING_A, "20240109")
    draft = build_draft(previous, JAN16, config)
    text = render_minutes(draft)
    assert "rotate the CA certificates" not in text and "IGTF bundle" not in text
    items = {a.text: a for a in action_items(draft)}
    assert set(items) == {
        "package the xcache consistency checker", "write the origin upgrade guide",
        "review the gratia probe pull requests", "send the EL9 migration survey",
    }
    assert items["review the gratia probe pull requests"].status == "in progress"
    assert "-   AI (Brian): review the gratia probe pull requests (in progress)" in text
    old = {a.text: a.uid for a in action_items(previous)}
    for text_, item in items.items():
        assert item.continues == old[text_] and item.thread == old[text_]
        assert item.uid != old[text_]


def test_sections_topic_bullets_and_release_lists_carried_forward(config: Config) -> None:
    previous = minutes(MEETING_A, "20240109")
    draft = build_draft(previous, JAN16, config)
    assert [s.path for s in sections(draft)] == [s.path for s in sections(previous)]
    text = lines(draft)
    for kept in ("-   Alice OOO Friday", "-   Blahp unification: mirroring to GitHub complete",
                 "-   ATLAS (Alice): accounting audit continues", "    -   pelican-7.4.0", "-   XCache:"):
        assert kept in text
    assert not {b.uid for b in previous.blocks} & {b.uid for b in draft.blocks}
    assert all(b.thread is None for b in draft.blocks if isinstance(b, Bullet) and "AI" not in b.text)


def test_2019_draft_drops_done_bullets_keeps_in_progress_release_table_version() -> None:
    draft = build_draft(minutes(MEETING_2019, "20190603"), date(2019, 6, 10), Config())
    text = render_minutes(draft)
    assert "Certificates rotated" not in text and "itb-ce1" not in text
    assert "-   AI (Dave): review the pull request [IN PROGRESS]\n" in text
    assert "-   A long bullet that wraps\n    onto a continuation line\n" in text
    assert "| 3.4.31 | &Delta; | Status |" in text and "| ?      | ?       | Total  |" in text
    assert "Alice OOO Friday  \n" in text
    summary = meeting_summary(draft)
    assert summary["releases"][0]["version"] == "3.4.31"


def test_draft_is_pure(config: Config) -> None:
    previous = minutes(MEETING_A, "20240109")
    before = render_minutes(previous)
    build_draft(previous, JAN16, config)
    assert render_minutes(previous) == before


def test_template_for_a_first_meeting(config: Config) -> None:
    draft = build_draft(None, JAN16, config)
    text = lines(draft)
    assert text[0] == "# OSG Technology Area Meeting, 16 January 2024"
    assert triage_duty(draft)[:2] == ("Alice", "Carol")
    assert "Triage duty shifts Tue-Mon" in text
    assert [s.title for s in sections(draft)] == [
        "Announcements", "Triage Duty", "Jira", "OSG Software Team", "Discussion", "Support Update",
        "DevOps", "OSG Release Team", "Discussion",
    ]
    summary = meeting_summary(draft)
    assert [c["state"] for c in summary["jira"]] == [
        "Open", "Selected for Dev", "In Progress", "Dev Complete", "Ready for Testing", "Ready for Release",
    ]
    assert [c["label"] for c in summary["triage"]["counts"]] == ["open FreshDesk tickets", "open GGUS ticket"]
    assert all(c["count"] is None and c["source"] == "pending" for c in summary["jira"])


def test_template_follows_the_configured_weekday() -> None:
    cfg = Config(meeting=MeetingConfig(weekday="Monday"))
    assert "Triage duty shifts Mon-Sun" in render_minutes(build_draft(None, date(2024, 1, 15), cfg))


def test_next_meeting_date(store: Store, config: Config) -> None:
    today = date.today()
    first = next_meeting_date(store, config)
    assert first.weekday() == 1 and today < first <= today + timedelta(days=7)
    store.save_meeting(minutes(MEETING_A, "20240109"))
    assert next_meeting_date(store, config) == JAN16
    assert next_meeting_date(store, config, after=date(2024, 1, 15)) == JAN16
    assert next_meeting_date(store, Config(meeting=MeetingConfig(weekday="Monday"))) == date(2024, 1, 15)
    assert next_meeting_date(store, None, after=date(2024, 1, 16)) == date(2024, 1, 23)


def test_create_draft_saves_the_next_meeting(store: Store, config: Config) -> None:
    store.save_meeting(minutes(MEETING_A, "20240109"))
    draft = create_draft(store, config)
    assert draft.date == JAN16 and draft.version == 1
    loaded = store.load_meeting(JAN16)
    assert render_minutes(loaded) == render_minutes(draft)
    previous = store.load_meeting(date(2024, 1, 9))
    assert {a.continues for a in action_items(loaded)} == {a.uid for a in action_items(previous) if a.status != "done"}


def test_create_draft_refuses_an_existing_meeting_unless_replace(store: Store, config: Config) -> None:
    store.save_meeting(minutes(MEETING_A, "20240109"))
    create_draft(store, config, JAN16)
    with pytest.raises(StoreError, match=r"meeting on 2024-01-16 already exists.*--replace"):
        create_draft(store, config, JAN16)
    again = create_draft(store, config, JAN16, replace=True)
    assert again.version == 2 and store.meeting_dates() == [date(2024, 1, 9), JAN16]
    with pytest.raises(StoreError, match="2024-01-09 already exists"):
        create_draft(store, config, date(2024, 1, 9))


def test_create_draft_before_the_latest_copies_the_meeting_before_it(store: Store, config: Config) -> None:
    store.save_meeting(minutes(MEETING_A, "20240109"))
    store.save_meeting(minutes(MEETING_2019, "20190603"))
    middle = create_draft(store, config, date(2020, 1, 7))
    assert "package the new plugin" in render_minutes(middle)
    first = create_draft(store, config, date(2018, 1, 2))
    assert [s.title for s in sections(first)][:2] == ["Announcements", "Triage Duty"]
    assert "package the new plugin" not in render_minutes(first)
