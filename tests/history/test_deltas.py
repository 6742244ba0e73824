"""Deltas: computed against the previous meeting, given by hand, new and renamed labels, import."""

from __future__ import annotations

from datetime import date

import pytest

from osgtui.config import Config
from osgtui.history import create_draft, previous_counts, set_count_value
from osgtui.history.importer import import_meetings
from osgtui.minutes.counts import find_counts
from osgtui.minutes.model import Bullet
from osgtui.minutes.renderer import render_minutes
from osgtui.minutes.summary import meeting_summary
from osgtui.store.database import Store

from .conftest import minutes
from .fixtures import MEETING_A, MEETING_B

JAN16 = date(2024, 1, 16)


def ref(meeting, group: str, label: str):
    return next(r for r in find_counts(meeting) if r.group == group and r.label == label)


@pytest.fixture
def draft(store: Store, config: Config):
    """Meeting A stored, and the draft of 16 January made from it."""
    store.save_meeting(minutes(MEETING_A, "20240109"))
    return create_draft(store, config, JAN16)


def test_previous_counts(store: Store) -> None:
    assert previous_counts(store, JAN16) == {}
    store.save_meeting(minutes(MEETING_A, "20240109"))
    assert previous_counts(store, JAN16) == {
        ("triage", "open FreshDesk tickets"): 5, ("triage", "open GGUS ticket"): 1,
        ("jira", "Open"): 200, ("jira", "Selected for Dev"): 15, ("jira", "In Progress"): 30,
    }
    assert previous_counts(store, date(2024, 1, 9)) == {}


def test_computed_delta_and_archive_rendering(store: Store, draft) -> None:
    set_count_value(store, draft, ref(draft, "triage", "open FreshDesk tickets"), 5)
    set_count_value(store, draft, ref(draft, "triage", "open GGUS ticket"), 2)
    set_count_value(store, draft, ref(draft, "jira", "In Progress"), 27)
    text = render_minutes(draft)
    assert "-   5 (+0) open FreshDesk tickets\n" in text
    assert "-   2 (+1) open GGUS ticket\n" in text
    assert "| 27           | -3      | In Progress      |" in text
    meta = draft.count_meta[("jira", "In Progress")]
    assert meta.delta_computed and not meta.is_new and meta.source == "manual"


def test_given_delta_is_kept_and_flagged(store: Store, draft) -> None:
    set_count_value(store, draft, ref(draft, "jira", "Open"), 210, delta=4, source="manual")
    r = ref(draft, "jira", "Open")
    assert (r.count, r.delta) == (210, 4)
    meta = draft.count_meta[("jira", "Open")]
    assert not meta.delta_computed and not meta.is_new


def test_new_label_gets_its_count_as_delta(store: Store, draft) -> None:
    draft.blocks.insert(draft.find(ref(draft, "triage", "open GGUS ticket").uid) + 1,
                        Bullet(0, "? (?) open LCMAPS VOMS tickets"))
    set_count_value(store, draft, ref(draft, "triage", "open LCMAPS VOMS tickets"), 27, source="fetched",
                    query="q", as_of="2024-01-15T08:00:00")
    assert "-   27 (+27) open LCMAPS VOMS tickets\n" in render_minutes(draft)
    meta = draft.count_meta[("triage", "open LCMAPS VOMS tickets")]
    assert meta.is_new and meta.delta_computed and (meta.source, meta.query, meta.as_of) == (
        "fetched", "q", "2024-01-15T08:00:00")


def test_renamed_labels(store: Store, draft) -> None:
    """Spelling variants continue the old label; a really different label is new."""
    gg = ref(draft, "triage", "open GGUS ticket")
    draft.blocks[draft.find(gg.uid)].text = "? (?) Open GGUS  tickets"
    set_count_value(store, draft, ref(draft, "triage", "Open GGUS  tickets"), 3)
    assert "3 (+2) Open GGUS  tickets" in render_minutes(draft)
    assert not draft.count_meta[("triage", "Open GGUS  tickets")].is_new
    # the JIRA name of [jira.state_labels] continues its short form
    table = draft.blocks[draft.find(ref(draft, "jira", "Selected for Dev").uid)]
    table.rows[1][2] = "Selected for Development"
    set_count_value(store, draft, ref(draft, "jira", "Selected for Development"), 18)
    assert ref(draft, "jira", "Selected for Development").delta == 3
    # a renamed counter (GOC tickets became FreshDesk tickets) is new
    fd = ref(draft, "triage", "open FreshDesk tickets")
    draft.blocks[draft.find(fd.uid)].text = "? (?) open tickets"
    set_count_value(store, draft, ref(draft, "triage", "open tickets"), 6)
    assert ref(draft, "triage", "open tickets").delta == 6
    assert draft.count_meta[("triage", "open tickets")].is_new


def test_unknown_count_has_unknown_delta(store: Store, draft) -> None:
    set_count_value(store, draft, ref(draft, "jira", "Open"), None)
    r = ref(draft, "jira", "Open")
    assert (r.count, r.delta) == (None, None)
    assert not draft.count_meta[("jira", "Open")].delta_computed


def test_unknown_previous_count_falls_back_to_the_last_known(store: Store, config: Config) -> None:
    store.save_meeting(minutes(MEETING_A, "20240109"))
    create_draft(store, config, JAN16)  # never filled in: every count '?'
    later = create_draft(store, config, date(2024, 1, 23))
    set_count_value(store, later, ref(later, "jira", "Open"), 204)
    assert ref(later, "jira", "Open").delta == 4
    assert previous_counts(store, date(2024, 1, 23))[("jira", "Open")] == 200


def test_show_exposes_count_delta_and_how(store: Store, draft, capsys: pytest.CaptureFixture[str]) -> None:
    set_count_value(store, draft, ref(draft, "jira", "Open"), 203)
    set_count_value(store, draft, ref(draft, "jira", "In Progress"), 31, delta=2)
    store.save_meeting(draft)
    jira = {c["state"]: c for c in meeting_summary(store.load_meeting(JAN16))["jira"]}
    assert (jira["Open"]["count"], jira["Open"]["delta"], jira["Open"]["delta_computed"]) == (203, 3, True)
    assert (jira["In Progress"]["delta"], jira["In Progress"]["delta_computed"]) == (2, False)
    assert jira["Selected for Dev"]["count"] is None and jira["Selected for Dev"]["source"] == "pending"


def test_import_computes_missing_deltas_and_keeps_given_ones(store: Store, config: Config) -> None:
    a, b = minutes(MEETING_A, "20240109"), minutes(MEETING_B, "20240116")
    assert not import_meetings(store, [b, a], config=config).failures
    loaded = store.load_meeting(JAN16)
    jira = {c["state"]: c for c in meeting_summary(loaded)["jira"]}
    assert (jira["Open"]["count"], jira["Open"]["delta"], jira["Open"]["delta_computed"]) == (203, 3, True)
    # The file's placeholder stays in the text (import then export gives the same bytes).
    assert render_minutes(loaded) == MEETING_B
    assert (jira["In Progress"]["delta"], jira["In Progress"]["delta_computed"]) == (1, False)
    assert (jira["Dev Complete"]["delta"], jira["Dev Complete"]["new"], jira["Dev Complete"]["delta_computed"]) == (
        4, True, False)  # a new label with a given delta: flagged new, delta kept
    triage = {c["label"]: c for c in meeting_summary(loaded)["triage"]["counts"]}
    assert triage["open GGUS ticket"]["count"] is None and triage["open GGUS ticket"]["delta"] is None
    assert "? (+?) open GGUS ticket" in render_minutes(loaded)  # nothing to compute from '?'
    first = meeting_summary(store.load_meeting(date(2024, 1, 9)))
    assert not any(c["new"] or c["delta_computed"] for c in first["jira"] + first["triage"]["counts"])


def test_import_computes_a_placeholder_delta_in_a_counter_line(store: Store, config: Config) -> None:
    a = minutes(MEETING_A, "20240109")
    b = minutes(MEETING_B.replace("7 (+2) open FreshDesk", "7 (+?) open FreshDesk"), "20240116")
    import_meetings(store, [a, b], config=config)
    loaded = store.load_meeting(JAN16)
    assert "-   7 (+?) open FreshDesk tickets\n" in render_minutes(loaded)  # the text as the file had it
    triage = {c["label"]: c for c in meeting_summary(loaded)["triage"]["counts"]}
    counts = triage["open FreshDesk tickets"]
    assert (counts["count"], counts["delta"], counts["delta_computed"]) == (7, 2, True)


def test_import_keeps_an_unreadable_given_delta(store: Store, config: Config) -> None:
    a = minutes(MEETING_A, "20240109")
    text = MEETING_B.replace("7 (+2) open FreshDesk", "7 (&minus;) open FreshDesk")
    import_meetings(store, [a, minutes(text, "20240116")], config=config)
    loaded = store.load_meeting(JAN16)
    assert "-   7 (&minus;) open FreshDesk tickets\n" in render_minutes(loaded)
    assert not loaded.count_meta[("triage", "open FreshDesk tickets")].delta_computed
